"""Opening the office master on PostgreSQL: refuse what is not ours, migrate, load this installation.

The same promises as `models.database` for a file: a database of another
program or of a newer Lianxin is refused before anything is written to it, and
a command that only reads refuses a database that is not there instead of
creating one.  A server that cannot be reached, a wrong password, a missing
database are one line each (`DatabaseRefused`), never a traceback.

Imported only when a `postgresql://` URL is opened, so the laptops' SQLite path
never loads psycopg2.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.migrations import LATEST_VERSION
from models.migrations import postgres as migrations
from models.records.installation import Installation, set_current_installation
from models.storage import connection
from peewee import DatabaseError, InterfaceError

from models.storage.postgres import PostgresDatabase, PostgresUrl, psycopg2


def complaint(error: Exception) -> str:
    """What the server's or libpq's complaint is about: "password", "no database", "unreachable" or "other"."""
    lowered = " ".join(str(error).split()).lower()
    if "password" in lowered and ("authentication" in lowered or "no password supplied" in lowered):
        return "password"
    if "does not exist" in lowered and "database" in lowered:
        return "no database"
    if "could not connect" in lowered or "connection refused" in lowered or "timeout" in lowered \
            or "could not translate host" in lowered:
        return "unreachable"
    return "other"


def refusal_of(url: PostgresUrl, error: Exception, refused=Exception) -> Exception:
    """The server's or libpq's complaint as one line a person can act on (the password never shown)."""
    text = " ".join(str(error).split()) or type(error).__name__
    url_text = url.shown()
    kind = complaint(error)
    if kind == "password":
        return refused(f"{url_text}: the server refused the password ({text}); put it in PGPASSFILE or "
                               "~/.pgpass (docs/postgresql.md)")
    if kind == "no database":
        return refused(f"{url_text}: no such database on the server; ask its administrator to create it "
                               "(docs/postgresql.md)")
    if kind == "unreachable":
        return refused(f"{url_text}: cannot reach the PostgreSQL server ({text}); check the address and "
                               "that the server runs")
    return refused(f"{url_text}: cannot be opened ({text})")


@dataclass(frozen=True)
class ServerState:
    """What a server holds at a URL, found without writing: `kind` is one of
    "lianxin" (a Lianxin database this version opens), "empty" (no tables yet: Lianxin may create its own),
    "foreign" (another program's tables), "newer" (a newer Lianxin's), or a complaint of `complaint`;
    `detail` is the one line for a person (the password never in it)."""

    kind: str
    detail: str = ""

    @property
    def opens(self) -> bool:
        return self.kind in ("lianxin", "empty")


def probe_server(url: str) -> ServerState:
    """Connect to `url` (its password, or libpq's, or the keyring's), look, and close; never writes."""
    url = PostgresUrl(url)
    try:
        server = PostgresDatabase(url)
        server.connect()
    except RuntimeError as error:
        return ServerState("other", f"{url.shown()}: {error}")
    except (psycopg2.Error, DatabaseError, InterfaceError) as error:
        return ServerState(complaint(error), str(refusal_of(url, error)))
    try:
        version = migrations.schema_version(server)
        if version is None:
            kind = "foreign" if server.get_tables() else "empty"
        else:
            kind = "newer" if version > LATEST_VERSION else "lianxin"
        return ServerState(kind, url.shown())
    except (psycopg2.Error, DatabaseError, InterfaceError) as error:
        return ServerState(complaint(error), str(refusal_of(url, error)))
    finally:
        if not server.is_closed():
            server.close()


def open_postgres(url: str, *, create: bool = True, refused=Exception) -> Installation:
    """Open (creating Lianxin's schema in an empty database if `create`) and migrate the database at `url`.

    A refusal is raised as `refused` (`models.database.DatabaseRefused`, given by the caller: this module is
    imported by it, so it does not import it back).
    """
    url = PostgresUrl(url)
    try:
        server = PostgresDatabase(url)
        server.connect()
    except RuntimeError as error:
        raise refused(f"{url.shown()}: {error}") from None
    except (psycopg2.Error, DatabaseError, InterfaceError) as error:  # (peewee wraps psycopg2's)
        raise refusal_of(url, error, refused) from None
    try:
        version = migrations.schema_version(server)
        if version is None:
            if server.get_tables():
                raise refused(f"{url.shown()}: a database of another program, not a Lianxin database; "
                                      "choose another database")
            if not create:
                raise refused(f"{url.shown()}: an empty database, not a Lianxin database yet; "
                                      "check the name (nothing was created)")
            migrations.create_schema_table(server)
            version = 0
        if version > LATEST_VERSION:
            raise refused(f"{url.shown()}: written by a newer Lianxin (schema {version}, this version knows "
                                  f"{LATEST_VERSION}); update Lianxin to open it")
        migrations.migrate(server, version)
        connection.database.initialize(server)
        installation = Installation.load_or_create()
    except (psycopg2.Error, DatabaseError, InterfaceError) as error:
        _give_back(server)
        raise refusal_of(url, error, refused) from None
    except BaseException:
        _give_back(server)
        raise
    set_current_installation(installation)
    return installation


def _give_back(server: PostgresDatabase) -> None:
    """Close `server` and bind the models to the SQLite database again."""
    connection.database.initialize(connection.sqlite_database)
    if not server.is_closed():
        try:
            server.close()
        except Exception:  # a connection the server already dropped
            pass


def close_postgres() -> None:
    """Close this process's PostgreSQL connections (if the open database is one)."""
    server = connection.database.obj
    if isinstance(server, PostgresDatabase):
        _give_back(server)
