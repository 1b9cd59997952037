"""The office master on PostgreSQL: moving an office's SQLite database into it."""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import Changes, Outcome, Refused
from models.progress import Progress


def move_to_postgres(*, source: str | Path, progress: Progress | None = None) -> Outcome[dict[str, int]]:
    """Copy the SQLite office database `source` into the open (empty) PostgreSQL master, checked row for row.

    The value is the rows copied per table.  Refused, with nothing written, when
    the file is not a current Lianxin database, the master holds records already,
    or the check finds a difference.
    """
    from models.postgres_move import MoveRefused, move_into_open_master

    try:
        counts = move_into_open_master(Path(source), progress=progress)
    except MoveRefused as refusal:
        raise Refused(str(refusal)) from None
    return Outcome(counts, Changes.everything())


def probe_server(*, url: str, progress: Progress | None = None) -> Outcome:
    """Connect to the server at `url`, see what its database holds, and close; nothing is written.

    The value is a `models.postgres_database.ServerState`: a Lianxin database, an
    empty one (Lianxin may create its tables there), or why it cannot be used
    (cannot reach the server, wrong password, no such database, another program's,
    a newer Lianxin's), in one line without the password.  For the window's
    "Test connection", which runs it off the UI thread (a server that does not
    answer takes its connect_timeout).
    """
    from models.postgres_database import probe_server as probe

    return Outcome(probe(url))
