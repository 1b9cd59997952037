"""The monthly report (月度报表): the office's figures and the dashboard's breakdowns on A4, for 上报.

Printed from the very figures the window draws and `lianxin stats --json`
prints (`desktop.operations.figures.all_figures`): a headline table, then a
chart and a table per breakdown — coverage by grid and by cadre, demands by
state, category and month, the responsible units' rates.  The charts are
reportlab drawings in the palette of `models.figures.breakdown_words`, values written
on the bars and every colour named in words beside it; rankings show the rows
that need a push first (lowest coverage, most overdue), and the tables list
every unit, category and grid.  Every cadre (ten thousand in a district) is
left to the workbook: the report names the 15 with the lowest coverage.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.printing.document import stylesheet
from desktop.printing.fonts import FONT_NAME, register_font
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

WIDTH = A4[0] - 36 * mm  # the text width between the margins
RANKED = 15  # rows a ranking chart shows; its table lists them all
HEADLINE = (
    ("households", "住户"), ("households_linked", "已联户"), ("households_visited", "期内已走访"),
    ("coverage_visited", "走访率"), ("demands_raised", "期内提出诉求"), ("demands_accepted", "其中受理"),
    ("demands_closed", "期内办结"), ("closure_rate", "办结率"), ("on_time_closure_rate", "按期办结率"),
    ("satisfaction_rate", "满意率"), ("resolution_rate", "解决率"), ("demands_overdue", "当前超期"),
)
HEADLINE_RATES = ("coverage_visited", "closure_rate", "on_time_closure_rate", "satisfaction_rate", "resolution_rate")


def shown(field: str, value) -> str:
    """A rate as a percentage, nothing to divide by as a dash, a count as it is."""
    if value is None:
        return "–"
    if field in RATE_FIELDS or field in HEADLINE_RATES:
        return f"{100 * value:.1f}%"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _text(drawing: Drawing, x: float, y: float, text: str, size: float = 7.5, anchor: str = "start",
          colour=colors.black) -> None:
    drawing.add(String(x, y, text, fontName=FONT_NAME, fontSize=size, textAnchor=anchor, fillColor=colour))


def _legend(drawing: Drawing, y: float, entries: list[tuple[str, str]]) -> None:
    x = 0.0
    for word, colour in entries:
        drawing.add(Rect(x, y, 7, 7, fillColor=colors.HexColor(colour), strokeColor=None))
        _text(drawing, x + 10, y + 0.5, word)
        x += 16 + 8 * len(word)


def ranking(rows: list[tuple[str, int, int]], part_word: str, whole_word: str) -> Drawing:
    """Horizontal bars: for each row (label, part, whole) the whole in light slate, the part over it in slate,
    "part/whole" written after the bar."""
    bar, gap, label_width = 9.0, 4.0, 30 * mm
    height = len(rows) * (bar + gap) + 16
    drawing = Drawing(WIDTH, height)
    _legend(drawing, height - 9, [(part_word, NEUTRAL), (whole_word, NEUTRAL_LIGHT)])
    most = max((whole for _label, _part, whole in rows), default=0) or 1
    span = WIDTH - label_width - 50
    for index, (label, part, whole) in enumerate(rows):
        y = height - 16 - (index + 1) * (bar + gap) + gap
        _text(drawing, label_width - 4, y + 2, label, anchor="end")
        drawing.add(Rect(label_width, y, span * whole / most, bar, fillColor=colors.HexColor(NEUTRAL_LIGHT), strokeColor=None))
        drawing.add(Rect(label_width, y, span * part / most, bar, fillColor=colors.HexColor(NEUTRAL), strokeColor=None))
        _text(drawing, label_width + span * whole / most + 3, y + 2, f"{part:,}/{whole:,}")
    return drawing


def single_bars(rows: list[tuple[str, int]], colour: str) -> Drawing:
    """Horizontal bars of one count each, the count written after the bar."""
    bar, gap, label_width = 9.0, 4.0, 30 * mm
    height = len(rows) * (bar + gap) + 4
    drawing = Drawing(WIDTH, height)
    most = max((value for _label, value in rows), default=0) or 1
    span = WIDTH - label_width - 40
    for index, (label, value) in enumerate(rows):
        y = height - (index + 1) * (bar + gap) + gap
        _text(drawing, label_width - 4, y + 2, label, anchor="end")
        drawing.add(Rect(label_width, y, span * value / most, bar, fillColor=colors.HexColor(colour), strokeColor=None))
        _text(drawing, label_width + span * value / most + 3, y + 2, f"{value:,}")
    return drawing


def stacked_states(values: dict) -> Drawing:
    """One bar split by the states the period's demands are in now, each segment's word and count below it."""
    rows = state_rows(values)
    total = sum(count for _state, _word, count in rows)
    drawing = Drawing(WIDTH, 40)
    x = 0.0
    for state, word, count in rows:
        width = WIDTH * count / total if total else 0
        if width:
            drawing.add(Rect(x, 22, width, 14, fillColor=colors.HexColor(STATE_COLOURS[state]), strokeColor=colors.white))
        x += width
    _legend(drawing, 4, [(f"{word} {count:,}", STATE_COLOURS[state]) for state, word, count in rows])
    return drawing


def month_columns(values: dict) -> Drawing:
    """Columns of the twelve months: raised (light) and closed (slate) side by side, counts on top."""
    months = values["demands_by_month"]
    height, base = 120.0, 14.0
    drawing = Drawing(WIDTH, height + 14)
    _legend(drawing, height + 4, [("提出", NEUTRAL_LIGHT), ("办结", NEUTRAL)])
    most = max((max(row["raised"], row["closed"]) for row in months), default=0) or 1
    slot = WIDTH / max(len(months), 1)
    column = slot * 0.36
    drawing.add(Line(0, base, WIDTH, base, strokeColor=colors.grey, strokeWidth=0.5))
    for index, row in enumerate(months):
        x = index * slot + slot * 0.14
        for offset, (field, colour) in enumerate((("raised", NEUTRAL_LIGHT), ("closed", NEUTRAL))):
            tall = (height - base - 14) * row[field] / most
            left = x + offset * column
            drawing.add(Rect(left, base, column, tall, fillColor=colors.HexColor(colour), strokeColor=None))
            _text(drawing, left + column / 2, base + tall + 2, str(row[field]), size=6, anchor="middle")
        _text(drawing, index * slot + slot / 2, 3, row["month"][2:].replace("-", "."), size=6.5, anchor="middle")
    return drawing


def _table(key: str, values: dict, styles) -> Table:
    columns = BREAKDOWN_TABLES[key][1]
    body = [[Paragraph(title, styles["small"]) for _field, title in columns]]
    for row in table_rows(key, values):
        body.append([shown(field, cell) for (field, _title), cell in zip(columns, row)])
    table = Table(body, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 7.5),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor(NEUTRAL)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F4F6")]),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def _headline(values: dict) -> Table:
    cells = [[label, shown(key, values.get(key))] for key, label in HEADLINE]
    half = (len(cells) + 1) // 2
    rows = [left + right for left, right in zip(cells[:half], cells[half:] + [["", ""]] * (2 * half - len(cells)))]
    table = Table(rows, colWidths=[WIDTH * 0.3, WIDTH * 0.2] * 2, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 10),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor(NEUTRAL_LIGHT)),
    ]))
    return table


def story(values: dict, scope_name: str, printed_on: dt.date) -> list:
    """The report's flowables, in reading order."""
    styles = stylesheet(10)
    heading = styles["h2"]
    grids = sorted(values["coverage_by_grid"], key=lambda row: (row["visited_rate"] or 0, row["grid"]))
    cadres = sorted(values["coverage_by_cadre"], key=lambda row: (row["visited_rate"] or 0, row["cadre"]))
    units = sorted(values["demands_by_unit"], key=lambda row: (-row["overdue"], row["unit"]))
    parts = [
        Paragraph("连心 · 月度工作报表", styles["subtitle"]),
        Paragraph(f"范围：{scope_name}　期间：{values['period_from']} 至 {values['period_to']}　"
                  f"打印日期：{printed_on.isoformat()}", styles["small"]),
        Spacer(1, 4 * mm),
        _headline(values),
        KeepTogether([Paragraph("期内提出的诉求（按现状态）", heading), stacked_states(values)]),
        KeepTogether([Paragraph("近12个月提出与办结", heading), month_columns(values)]),
        KeepTogether([Paragraph(f"走访覆盖最低的网格（前{RANKED}个，已走访/已联户）", heading),
                      ranking([(row["grid"], row["visited"], row["linked"]) for row in grids[:RANKED]],
                              "期内已走访", "已联户")]),
        KeepTogether([Paragraph(f"超期诉求（按责任单位，前{RANKED}个）", heading),
                      single_bars([(row["unit"], row["overdue"]) for row in units[:RANKED] if row["overdue"]], ACCENT)
                      if any(row["overdue"] for row in units) else Paragraph("没有超期诉求。", styles["body"])]),
        Paragraph(BREAKDOWN_TABLES["demands_by_unit"][0], heading), _table("demands_by_unit", values, styles),
        Paragraph(BREAKDOWN_TABLES["demands_by_category"][0], heading), _table("demands_by_category", values, styles),
        Paragraph(BREAKDOWN_TABLES["coverage_by_grid"][0], heading), _table("coverage_by_grid", values, styles),
        KeepTogether([Paragraph(f"走访覆盖最低的干部（前{RANKED}名，已走访/联系住户）", heading),
                      ranking([(row["cadre"], row["visited"], row["linked"]) for row in cadres[:RANKED]],
                              "期内已走访", "联系住户")]),
        Paragraph(f"每位干部的走访覆盖（共 {len(cadres):,} 名）见统计工作簿的“{BREAKDOWN_TABLES['coverage_by_cadre'][0]}”表。",
                  styles["small"]),
    ]
    return parts


def _page_number(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(FONT_NAME, 8)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {document.page} 页")
    canvas.restoreState()


def write_report(path: str | Path, values: dict, scope_name: str = "全部", printed_on: dt.date | None = None) -> Path:
    """Print the report of `values` (`all_figures`) to `path`."""
    register_font()
    path = Path(path)
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                 bottomMargin=18 * mm, title="连心月度工作报表", author="连心")
    document.build(story(values, scope_name, printed_on or dt.date.today()), onFirstPage=_page_number,
                   onLaterPages=_page_number)
    return path
