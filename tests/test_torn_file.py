"""A database whose writer was killed while copying its log into the file: it opens whole, with every record.

SQLite keeps such a file safe: the write-ahead log beside it still holds every page
the copy had not finished, and the next connection reads through it.  Only a look at
the file alone (how Lianxin first inspects what it is given) sees the torn pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.cli import run
from models.database import close_database, open_database
from models.demo import generate_demo
from models.records.people import Household
from models.storage import cipher

PASSPHRASE = "torn-file-passphrase"


def _crashed_copy(source: Path, target: Path, passphrase: str | None) -> int:
    """A copy of `source` as a kill -9 leaves it mid-checkpoint: the last commit only in the log, and every page
    of that commit half-copied into the file (zeroed, past the file's 100-byte header).  Returns the households'
    count in the log."""
    writer = cipher.connect(source, passphrase)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the commit stays in the log, as a killed process leaves it
    writer.execute("UPDATE household SET notes = notes || '（复查）' || printf('%.2000c', '.')")  # the file grows
    writer.commit()
    count = writer.execute("SELECT count(*) FROM household").fetchone()[0]
    page_size = int(writer.execute("PRAGMA page_size").fetchone()[0])
    for suffix in ("", "-wal", "-shm"):  # while the writer still holds them: the moment of the kill
        shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    writer.close()
    log = Path(f"{target}-wal").read_bytes()
    frame = 24 + page_size
    pages = {int.from_bytes(log[at:at + 4], "big") for at in range(32, len(log) - frame + 1, frame)}
    assert 1 in pages  # the first page too: what a look at the file reads first
    with open(target, "r+b") as file:
        for page in pages:
            start = (page - 1) * page_size + (100 if page == 1 else 0)
            file.seek(start)
            file.write(bytes(page * page_size - start))
    return count


@pytest.mark.parametrize("passphrase", [None, PASSPHRASE], ids=["plain", "encrypted"])
def test_a_database_killed_while_copying_its_log_opens_whole(tmp_path, monkeypatch, capsys, passphrase):
    cipher.use_passphrase(passphrase)
    try:
        source = tmp_path / "office.db"
        open_database(source)
        generate_demo(40)
        close_database()
        crashed = tmp_path / "crashed.db"
        households = _crashed_copy(source, crashed, passphrase)
        assert cipher.has_log(crashed)

        if passphrase:
            monkeypatch.setenv(cipher.PASSPHRASE_VARIABLE, passphrase)
        assert run(["--db", str(crashed), "check"]) == 0, capsys.readouterr()
        open_database(crashed)
        try:
            assert Household.select().count() == households
            assert Household.select().where(Household.notes.contains("（复查）")).count() == households
        finally:
            close_database()
    finally:
        cipher.use_passphrase(None)
