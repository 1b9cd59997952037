"""`lianxin stats` at a terminal: every figure, each table's first rows and how many more; `--all` every row.

The rows printed are the rows `--json` gives, in its order, shown as the text form shows them.
"""

from __future__ import annotations

import json

import pytest

from desktop.cli import run as run_cli
from desktop.commands.stats import SHOWN_ROWS
from desktop.operations.figures import TABLES
from models.figures.breakdown_words import BREAKDOWN_TABLES


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats-text") / "district.db"
    assert run_cli(["--db", str(path), "demo", "--households", "600"]) == 0
    return path


def printed(path, capsys, *arguments) -> list[str]:
    capsys.readouterr()
    assert run_cli(["--db", str(path), "stats", *arguments]) == 0
    return capsys.readouterr().out.splitlines()


def lines_of(lines: list[str], table: str) -> list[str]:
    return [line for line in lines if line.split(maxsplit=1)[0] == table]


def test_a_long_table_shows_its_first_rows_and_says_how_many_more(district, capsys):
    figures = json.loads("\n".join(printed(district, capsys, "--json")))
    lines = printed(district, capsys)
    cadres = figures["coverage_by_cadre"]
    assert len(cadres) > SHOWN_ROWS  # (the demo's district has more cadres than a terminal's screen shows)
    shown = lines_of(lines, "coverage_by_cadre")
    assert len(shown) == SHOWN_ROWS + 1
    assert [line.split()[1] for line in shown[:SHOWN_ROWS]] == [row["cadre"] for row in cadres[:SHOWN_ROWS]]
    assert shown[-1].split(maxsplit=1)[1] == (f"… {len(cadres) - SHOWN_ROWS:,} more rows "
                                              "(every row: --all, --json or -o FILE.xlsx)")
    for table in BREAKDOWN_TABLES:  # a short table is shown whole, with no such line
        rows = figures.get(table, [])
        if len(rows) <= SHOWN_ROWS:
            assert len(lines_of(lines, table)) == len(rows), table
    assert ["households", "600"] in [line.split()[:2] for line in lines]


def test_all_prints_every_row_and_the_same_first_rows(district, capsys):
    figures = json.loads("\n".join(printed(district, capsys, "--json")))
    short, every = printed(district, capsys), printed(district, capsys, "--all")
    for table in BREAKDOWN_TABLES:
        rows = figures.get(table, [])
        whole = lines_of(every, table)
        assert len(whole) == len(rows), table
        assert not any("more rows" in line for line in whole)
        assert lines_of(short, table)[:SHOWN_ROWS] == whole[:SHOWN_ROWS]
    tables = {*BREAKDOWN_TABLES, *TABLES}
    headline = [line for line in short if line.split(maxsplit=1)[0] not in tables]
    assert headline == [line for line in every if line.split(maxsplit=1)[0] not in tables]
    assert ["households", "600"] in [line.split()[:2] for line in every]
