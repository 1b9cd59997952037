"""Where an office master on PostgreSQL is: a `postgresql://` URL, told apart from a file without psycopg2.

The password is never shown: a URL that carries one (typed on the command line
by the person running it) prints with *** instead; the usual place for it is
libpq's password file (PGPASSFILE, ~/.pgpass), which psycopg2 reads itself, and
when that has none for the server, the system's keyring (`postgres_keyring`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

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

    def __repr__(self) -> str:  # nor a crash log's repr()
        return f"PostgresUrl({self.shown()!r})"


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
    if parts.password is not None:  # typed by the person running it; the keyring's when the server asks for one
        parameters["password"] = unquote(parts.password)
    parameters.update(options)
    return {key: value for key, value in parameters.items() if value is not None}


@dataclass(frozen=True)
class ServerChoice:
    """What the window's server dialog asks: where the server is, who connects, and TLS; never a password."""

    host: str
    port: int = 5432
    database: str = "lianxin"
    user: str = ""
    sslmode: str = "prefer"

    def url(self, password: str | None = None) -> PostgresUrl:
        """The URL of this choice, without a password (what the window remembers) unless one is given
        (typed for this run: kept in memory only, and a `PostgresUrl` never shows it)."""
        secret = f":{quote(password, safe='')}" if password else ""
        user = f"{quote(self.user, safe='')}{secret}@" if self.user or secret else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = "" if self.sslmode == "prefer" else "?" + urlencode({"sslmode": self.sslmode})
        return PostgresUrl(f"postgresql://{user}{host}:{self.port}/{quote(self.database, safe='')}{query}")

    @classmethod
    def of(cls, url: str) -> "ServerChoice":
        """The choice a URL says (its password, if any, left out)."""
        parts = urlsplit(url)
        options = dict(parse_qsl(parts.query))
        return cls(host=parts.hostname or "localhost", port=parts.port or 5432,
                   database=unquote(parts.path.lstrip("/")) or "postgres", user=unquote(parts.username or ""),
                   sslmode=options.get("sslmode", "prefer"))


def without_password(url: str) -> PostgresUrl:
    """`url` with its password left out (the form a setting may keep)."""
    parts = urlsplit(url)
    if parts.password is None:
        return PostgresUrl(url)
    netloc = parts.netloc.rsplit("@", 1)[1]
    return PostgresUrl(parts._replace(netloc=f"{parts.username}@{netloc}").geturl())
