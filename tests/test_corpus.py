"""Every workbook other programs wrote (the corpus) is imported or refused cleanly and fast.

"Cleanly": the reader raises only `WorkbookRefused` and the roster importer only
`RosterRefused` (or returns a report) — no other exception, no abort of the
process (calamine aborts on a far cell unless the reader stops it first), and
memory that stays flat across the whole corpus.
"""

from __future__ import annotations

import resource
import time

import pytest

from models.database import close_database, open_database
from sync.roster.importer import RosterRefused, import_roster
from sync.spreadsheet import WorkbookRefused, open_workbook
from tests.corpus import CORPUS, corpus_files, missing_reason

FILES = corpus_files(("xlsx", "xls", "hostile"), {".xlsx", ".xlsm", ".xls"})
SECONDS_PER_FILE = 5.0
MEMORY_GROWTH_MB = 300

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FILES, reason=missing_reason()),
]


@pytest.fixture(scope="module")
def corpus_database(tmp_path_factory):
    installation = open_database(tmp_path_factory.mktemp("corpus") / "corpus.db")
    yield installation
    close_database()


@pytest.fixture(scope="module")
def memory_at_start():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_read_or_refuse_cleanly(path, corpus_database, memory_at_start):
    started = time.perf_counter()
    try:
        with open_workbook(path) as workbook:
            for sheet in workbook.sheet_names:
                try:
                    for _ in workbook.iter_rows(sheet):
                        pass
                except WorkbookRefused as refusal:
                    assert path.name in refusal.message and refusal.reason
    except WorkbookRefused as refusal:
        assert path.name in refusal.message and refusal.reason
    try:
        report = import_roster(path, dry_run=True)
        assert not report.written
    except RosterRefused as refusal:
        assert path.name in str(refusal)
    assert time.perf_counter() - started < SECONDS_PER_FILE
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 - memory_at_start
    assert grown < MEMORY_GROWTH_MB, f"peak memory grew {grown} MB"


HOSTILE_EXPECTED = {
    "actually_csv.xlsx": "不是 Excel 工作簿",
    "truncated.xlsx": "损坏",
    "zip_bomb_1GiB_sheet.xlsx": "压缩炸弹",
    "billion_laughs.xlsx": "实体",
    "quadratic_blowup.xlsx": "实体",
    "huge_dimension.xlsx": "范围过大",
    "far_cell_no_dimension.xlsx": "范围过大",
}


@pytest.mark.parametrize("name,reason", sorted(HOSTILE_EXPECTED.items()))
def test_hostile_files_are_refused_for_the_right_reason(name, reason, corpus_database):
    path = CORPUS / "hostile" / name
    if not path.exists():
        pytest.skip(f"{path} missing")
    with pytest.raises(RosterRefused, match=reason):
        import_roster(path)


@pytest.mark.parametrize("name", ["poi-poifs__protect.xlsx", "calamine__pass_protected.xlsx"])
def test_encrypted_workbooks_are_refused_as_encrypted(name, corpus_database):
    path = CORPUS / "xlsx" / name
    if not path.exists():
        pytest.skip(f"{path} missing")
    with pytest.raises(RosterRefused, match="加密"):
        import_roster(path)
