"""The words and colours of the breakdowns, shared by the workbook's charts and the monthly report.

The window says the same through tr() (ui/dashboard); the workbook and the PDF
are for the office's 上报 and always Chinese, as `models.figures.stats.FIGURE_LABELS`.
One palette everywhere (docs/statistics.md, "Charts"): neutral slate for
counts, the accent red for what needs a push (overdue), and the status colours
of WORKBENCH.md for the demand states — never colour alone: every bar and
segment also carries its word in a legend or label.
"""

from __future__ import annotations

ACCENT = "#B5262B"  # the card's red: brand, primary action, overdue
NEUTRAL = "#5B7083"  # a count
NEUTRAL_LIGHT = "#A9B7C4"  # the count it is part of (linked beside visited, raised beside closed)
STATE_COLOURS = {"pending": "#8A8A8A", "accepted": "#7E9CB8", "in_progress": "#D98E04", "closed": "#2E7D32",
                 "rejected": "#C9BFB5"}
STATE_WORDS = {"pending": "待受理", "accepted": "已受理", "in_progress": "办理中", "closed": "已办结", "rejected": "不予受理"}

# Each breakdown as a table: its title, then (field, column title) — the workbook's sheets and the report's tables.
BREAKDOWN_TABLES = {
    "coverage_by_grid": ("走访覆盖（按网格）", (("community", "社区"), ("grid", "网格"), ("households", "住户"),
                                         ("linked", "已联户"), ("visited", "期内已走访"), ("visited_rate", "走访率"))),
    "coverage_by_cadre": ("走访覆盖（按干部）", (("cadre", "干部"), ("linked", "联系住户"), ("visited", "期内已走访"),
                                          ("visited_rate", "走访率"))),
    "demands_by_category": ("诉求（按类别）", (("category", "类别"), ("raised", "期内提出"),
                                         *((state, word) for state, word in STATE_WORDS.items()))),
    "demands_by_month": ("诉求（按月）", (("month", "月份"), ("raised", "提出"), ("closed", "办结"))),
    "demands_by_unit": ("责任单位", (("unit", "责任单位"), ("accepted", "受理"), ("closed", "办结"),
                                  ("closure_rate", "办结率"), ("on_time_closure_rate", "按期办结率"),
                                  ("satisfaction_rate", "满意率"), ("resolution_rate", "解决率"), ("overdue", "超期"))),
    "by_micro_grid": ("按微网格", (("grid", "网格"), ("micro_grid", "微网格"), ("leader", "微网格长"),
                                ("households", "住户"), ("linked", "已联户"), ("visited", "期内已走访"),
                                ("visited_rate", "走访率"), ("visits", "期内走访次数"), ("demands_raised", "期内诉求"),
                                ("demands_open", "未办结诉求"))),
    "by_special_grid": ("按专属网格", (("community", "社区"), ("grid", "专属网格"), ("special_type", "类型"),
                                   ("leader", "专属网格长"), ("shops", "商铺企业"), ("shops_visited", "期内已走访"),
                                   ("shops_visited_rate", "走访率"), ("visits", "期内走访次数"),
                                   ("demands_raised", "期内诉求"), ("demands_open", "未办结诉求"))),
}
SPECIAL_TYPE_WORDS = {"school": "学校", "hospital": "医院", "park": "园区", "market": "商圈", "other": "其他"}
RATE_FIELDS = ("visited_rate", "shops_visited_rate", "closure_rate", "on_time_closure_rate", "satisfaction_rate", "resolution_rate")
UNCATEGORISED_WORD = "未分类"


def state_rows(values: dict) -> list[tuple[str, str, int]]:
    """(state, word, count) of demands_by_state, in the order of the demand's life."""
    return [(state, STATE_WORDS[state], values["demands_by_state"].get(state, 0)) for state in STATE_WORDS]


def table_rows(key: str, values: dict) -> list[list]:
    """The rows of one breakdown table, fields in the order of BREAKDOWN_TABLES (an uncategorised category named)."""
    fields = [field for field, _ in BREAKDOWN_TABLES[key][1]]
    rows = []
    for row in values.get(key, ()):
        cells = list(map(row.get, fields))
        if key == "demands_by_category" and not cells[0]:
            cells[0] = UNCATEGORISED_WORD
        if key == "by_special_grid":
            cells[2] = SPECIAL_TYPE_WORDS.get(cells[2], "")
        rows.append(cells)
    return rows
