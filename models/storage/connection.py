"""The one database object every model binds to, opened later by `models.database`.

Its write transactions take the writer lock shared by every Lianxin process on
the same file (`models.storage.database_lock`): the outermost `atomic()` of a thread
takes it before BEGIN and lets it go after COMMIT or ROLLBACK.  A second
program's writer therefore waits its turn, saying who it waits for, instead of
failing on SQLite's busy timeout in the middle of its work, and a transaction
that read first and writes later never finds that another process wrote in
between (SQLite refuses such a write at once, whatever the timeout).
Statements outside a transaction (a setting saved) rely on the busy timeout.

Given a passphrase (`open_database`), its connections are SQLCipher's, keyed
first (`models.storage.cipher`): the file and its log are encrypted at rest.

`database` is a proxy: it stands for this SQLite database unless an office
master on PostgreSQL is open (`models.postgres_database`), and for it then.
"""

import threading

from peewee import DatabaseProxy, Model, SqliteDatabase

from models.storage import cipher, database_lock


class LianxinDatabase(SqliteDatabase):
    """`SqliteDatabase` whose transactions hold the cross-process writer lock."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._writer_lock = threading.local()  # per thread, like peewee's connections
        self.passphrase: str | None = None  # set by models.database.open_database: None for a plain file

    def _connect(self):
        if not self.passphrase:
            return super()._connect()
        connection = cipher.connect(self.database, self.passphrase, timeout=self._timeout, isolation_level=None,
                                    **self.connect_params)
        try:
            self._add_conn_hooks(connection)  # the pragmas after the key: SQLCipher reads nothing before it
        except Exception:
            connection.close()
            raise
        return connection

    def begin(self, lock_type=None):
        locks = None if database_lock.only_reading() else database_lock.locks_for(self.database)
        if locks is not None:
            locks.hold_writer()
        try:
            super().begin(lock_type)
        except BaseException:
            if locks is not None:
                locks.release_writer()
            raise
        self._writer_lock.held = locks

    def commit(self):
        try:
            return super().commit()
        finally:
            self._let_go()

    def rollback(self):
        try:
            connection = self._state.conn
            if connection is not None and not connection.in_transaction:
                # SQLite rolled back by itself (a full disk, an I/O error): a ROLLBACK now would fail with
                # "no transaction is active" and hide the error that says what happened.
                return None
            return super().rollback()
        finally:
            self._let_go()

    def close(self):
        closed = super().close()  # refuses while a transaction is open
        self._let_go()
        return closed

    def _let_go(self) -> None:
        locks = getattr(self._writer_lock, "held", None)
        if locks is not None:
            self._writer_lock.held = None
            locks.release_writer()


class _DatabaseProxy(DatabaseProxy):
    """peewee's proxy, which also sets attributes on the database it stands for (`database.passphrase = …`)."""

    __slots__ = ()

    def __setattr__(self, attr, value):
        if attr in DatabaseProxy.__slots__:
            object.__setattr__(self, attr, value)
        else:
            setattr(self.obj, attr, value)


sqlite_database = LianxinDatabase(None)
database = _DatabaseProxy()
database.initialize(sqlite_database)


def on_postgres() -> bool:
    """Whether the open database is an office master on PostgreSQL (`models.postgres_database`), not SQLite."""
    return database.obj is not sqlite_database


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
