"""Where an office master on PostgreSQL is: a `postgresql://` URL, told apart from a file without psycopg2.

The password is never shown: a URL that carries one (typed on the command line
by the person running it) prints with *** instead; the usual place for it is
libpq's password file (PGPASSFILE, ~/.pgpass), which psycopg2 reads itself.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

SCHEMES = ("postgresql://", "postgres://")


class PostgresUrl(str):
    """Where a PostgreSQL database is: the URL as given, shown without its password."""

    @property
    def name(self) -> str:
        return urlsplit(self).path.lstrip("/") or "postgres"

    def shown(self) -> str:
        parts = urlsplit(self)
        if parts.password is None:
            return str.__str__(self)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return parts._replace(netloc=f"{parts.username}:***@{host}{port}").geturl()

    def __str__(self) -> str:  # a refusal or a log line never shows the password
        return self.shown()


def is_postgres(location) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


def connect_parameters(url: str) -> dict:
    """psycopg2's parameters for `url`: TLS when the server offers it, unless the URL asks otherwise."""
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    options.setdefault("sslmode", "prefer")
    options.setdefault("application_name", "lianxin")
    options.setdefault("connect_timeout", "10")
    parameters = {"host": parts.hostname or None, "port": parts.port, "user": parts.username}
    if parts.password is not None:  # given on the command line by the person running it, never saved
        parameters["password"] = parts.password
    parameters.update(options)
    return {key: value for key, value in parameters.items() if value is not None}
