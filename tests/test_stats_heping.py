"""The seeds' Heping paragraph, reproduced: `lianxin stats --json` on a district built to match it
(tests/heping_fixture.py says how each figure is made up)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import run as run_cli
from tests import heping_fixture as heping


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    path = tmp_path_factory.mktemp("heping") / "heping.db"
    heping.build(path)
    return path


def stats_json(path, capsys) -> dict:
    status = run_cli(["--db", str(path), "stats", "--json", "--from", "2023-11-01", "--to", "2023-11-30"])
    assert status == 0
    return json.loads(capsys.readouterr().out)


def percent(rate: float, decimals: int) -> str:
    return f"{100 * rate:.{decimals}f}"


def test_2045_enterprises_577_problems_resolution_98_27_and_satisfaction_99_75(printed, capsys):
    figures = stats_json(printed, capsys)
    assert figures["enterprises_visited"] == 2045 and figures["enterprise_visits"] == 2045
    assert figures["enterprise_demands"] == 577 and figures["enterprise_demands_solved"] == 567
    assert figures["enterprise_resolution_rate"] == pytest.approx(567 / 577)
    assert percent(figures["enterprise_resolution_rate"], 2) == "98.27"
    assert figures["enterprise_satisfaction_rate"] == pytest.approx(399 / 400)
    assert percent(figures["enterprise_satisfaction_rate"], 2) == "99.75"


def test_657_disputes_accepted_591_closed(printed, capsys):
    figures = stats_json(printed, capsys)
    assert (figures["disputes_accepted"], figures["disputes_closed"]) == (657, 591)
    assert figures["dispute_closure_rate"] == pytest.approx(591 / 657)
    # 591/657 = 0.89954…: the article's "89.9 %" cut the third digit off; one decimal rounds to 90.0 %.
    assert percent(figures["dispute_closure_rate"], 2) == "89.95"
    assert percent(figures["dispute_closure_rate"], 1) == "90.0"


def test_864_grid_workers_reported_821_items_closure_94_6(printed, capsys):
    figures = stats_json(printed, capsys)
    assert figures["grid_workers"] == 864
    assert (figures["grid_reports"], figures["grid_reports_accepted"], figures["grid_reports_closed"]) == (821, 821, 777)
    assert percent(figures["grid_report_closure_rate"], 1) == "94.6"
    assert figures["demands_by_source"]["grid_report"] == 821


def test_215_whistles_183_solved(printed, capsys):
    figures = stats_json(printed, capsys)
    assert (figures["whistles"], figures["whistles_closed"], figures["whistles_solved"]) == (215, 203, 183)
    assert figures["whistles_by_unit"] == [
        {"unit": "区住建委", "whistles": 215, "closed": 203, "solved": 183},  # equal counts: by name
        {"unit": "城市管理委", "whistles": 215, "closed": 203, "solved": 183},
    ]
