"""Every workbook of the corpus of real-world workbooks (none written by Lianxin) is refused cleanly and quickly."""

from __future__ import annotations

import time

import pytest

from sync.exchange.merge import merge_workbook
from tests.corpus import CORPUS, corpus_files, missing_reason

FILES = corpus_files(("xlsx", "xls", "hostile"), {".xlsx", ".xlsm", ".xls"})


@pytest.mark.skipif(not FILES, reason=missing_reason())
def test_every_corpus_file_is_refused_with_a_reason_and_nothing_changes(db, tmp_path):
    slow = []
    for path in FILES:
        started = time.monotonic()
        receipt = merge_workbook(path, installation=db)
        elapsed = time.monotonic() - started
        assert not receipt.accepted, path.name
        assert receipt.refused[0].startswith(path.name), receipt.refused[0]
        if elapsed > 2:
            slow.append((path.name, round(elapsed, 1)))
    assert not slow
    from models.figures.stats import counts

    assert not any(counts().values())


def test_the_hostile_files_get_the_reason_their_trap_deserves(db):
    hostile = CORPUS / "hostile"
    if not hostile.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    expected = {
        "actually_csv.xlsx": "不是 Excel 工作簿",
        "truncated.xlsx": "损坏",
        "zip_bomb_1GiB_sheet.xlsx": "压缩炸弹",
    }
    for name, reason in expected.items():
        assert reason in merge_workbook(hostile / name, installation=db).refused[0], name
