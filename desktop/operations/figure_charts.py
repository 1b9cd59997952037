"""The breakdown sheets of the statistics workbook, each with a native Excel chart (openpyxl.chart).

The coverage sheets list every grid and cadre with the lowest coverage first, and chart the first 15.

Native charts, not pictures: they redraw from the sheet's cells, so the office
can copy one into its own report or correct a cell and see the bar follow.
The kinds of WORKBENCH.md: horizontal bars for rankings (grids, cadres,
units), a stacked bar for the states of each category, columns for the
months; the palette of `models.figures.breakdown_words`; values written on the bars.
"""

from __future__ import annotations

from models.figures.breakdown_words import (
    ACCENT,
    BREAKDOWN_TABLES,
    NEUTRAL,
    NEUTRAL_LIGHT,
    RATE_FIELDS,
    STATE_COLOURS,
    state_rows,
    table_rows,
)

PLAIN = {"coverage_by_grid": 2, "coverage_by_cadre": 1, "demands_by_unit": 1}  # columns of labels before the numbers
# The coverage sheets list every grid and cadre, lowest coverage first; their charts show the first CHARTED rows
# (a district has 500 grids and 10,000 cadres: a chart of them all says nothing).
CHARTED = 15
LOWEST_FIRST = {"coverage_by_grid": "grid", "coverage_by_cadre": "cadre"}
# Micro-grids and special grids: (label column, (part column, whole column)) — visited beside what could be.
COVERAGE_PAIRS = {"by_micro_grid": (2, 5, 6), "by_special_grid": (2, 5, 6)}
PAIR_TITLES = {"by_micro_grid": "走访覆盖（按微网格，已走访/已联户）", "by_special_grid": "商铺企业走访（按专属网格，已走访/商铺企业）"}


def _colour(series, hex_colour: str) -> None:
    series.graphicalProperties.solidFill = hex_colour.lstrip("#")
    series.graphicalProperties.line.solidFill = hex_colour.lstrip("#")


def _values_on_bars(chart) -> None:
    from openpyxl.chart.label import DataLabelList

    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False,
                                     showPercent=False)


def _bar_chart(title: str, horizontal: bool, rows: int):
    from openpyxl.chart import BarChart

    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.style = 2
    chart.height = max(7.5, 0.55 * rows + 2) if horizontal else 8
    chart.width = 18
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def _sheet(workbook, key: str, values: dict):
    title, columns = BREAKDOWN_TABLES[key]
    sheet = workbook.create_sheet(title)
    sheet.append([column for _, column in columns])
    for row in table_rows(key, values):
        sheet.append(row)
    for index, (field, _) in enumerate(columns, start=1):
        if field in RATE_FIELDS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0%"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 16
    return sheet, len(columns)


def _series(chart, sheet, column: int, rows: int, label_column: int, colour: str) -> None:
    from openpyxl.chart import Reference

    chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=label_column, min_row=2, max_row=rows + 1))
    _colour(chart.series[-1], colour)


def add_breakdown_sheets(workbook, values: dict) -> None:
    """A sheet and a chart for each breakdown in `values` (those absent are left out)."""
    if "demands_by_state" in values:
        sheet = workbook.create_sheet("诉求状态")
        sheet.append(["状态", "期内提出"])
        for _state, word, count in state_rows(values):
            sheet.append([word, count])
        chart = _bar_chart("期内提出的诉求（按现状态）", True, 5)
        chart.varyColors = True
        _series(chart, sheet, 2, 5, 1, NEUTRAL)
        from openpyxl.chart.marker import DataPoint

        for index, (state, _word, _count) in enumerate(state_rows(values)):
            point = DataPoint(idx=index)
            _colour(point, STATE_COLOURS[state])
            chart.series[0].dPt.append(point)
        chart.legend = None
        _values_on_bars(chart)
        sheet.add_chart(chart, "D2")
    for key in BREAKDOWN_TABLES:
        if key not in values:
            continue
        title = BREAKDOWN_TABLES[key][0]
        if key in LOWEST_FIRST:
            name = LOWEST_FIRST[key]
            values = values | {key: sorted(values[key], key=lambda row: (row["visited_rate"] or 0, row[name]))}
            title = f"走访覆盖最低的{CHARTED}个{'网格' if key == 'coverage_by_grid' else '干部'}（已走访/已联户）"
        sheet, width = _sheet(workbook, key, values)
        rows = min(len(values[key]), CHARTED) if key in LOWEST_FIRST else len(values[key])
        if not rows:
            continue
        if key == "demands_by_category":
            chart = _bar_chart("诉求（按类别和现状态）", True, rows)
            chart.grouping = "stacked"
            chart.overlap = 100
            for column, (state, colour) in enumerate(STATE_COLOURS.items(), start=3):
                _series(chart, sheet, column, rows, 1, colour)
        elif key in COVERAGE_PAIRS:
            labels, whole, part = COVERAGE_PAIRS[key]
            chart = _bar_chart(PAIR_TITLES[key], True, rows)
            _series(chart, sheet, whole, rows, labels, NEUTRAL_LIGHT)
            _series(chart, sheet, part, rows, labels, NEUTRAL)
            _values_on_bars(chart)
        elif key == "demands_by_month":
            chart = _bar_chart("近12个月提出与办结", False, rows)
            _series(chart, sheet, 2, rows, 1, NEUTRAL_LIGHT)
            _series(chart, sheet, 3, rows, 1, NEUTRAL)
            _values_on_bars(chart)
        else:
            labels = PLAIN[key]
            chart = _bar_chart(title, True, rows)
            if key == "demands_by_unit":
                _series(chart, sheet, 2, rows, 1, NEUTRAL_LIGHT)  # accepted
                _series(chart, sheet, 3, rows, 1, NEUTRAL)  # closed
                _series(chart, sheet, 8, rows, 1, ACCENT)  # overdue
            else:
                first = labels + (2 if key == "coverage_by_grid" else 1)  # linked, then visited
                _series(chart, sheet, first, rows, labels, NEUTRAL_LIGHT)
                _series(chart, sheet, first + 1, rows, labels, NEUTRAL)
            _values_on_bars(chart)
        sheet.add_chart(chart, f"{chr(ord('A') + width + 1)}2")
