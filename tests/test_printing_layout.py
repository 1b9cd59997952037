"""Layout maths of printing, without a database: card sheets, cut marks, duplex, text fitting, glyphs, QR."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.printing.text import fit_lines, fit_text, pack_entries, wrap_text
from desktop.printing.fonts import (
    FONT_NAME,
    MISSING_MARK,
    GlyphCheck,
    markup,
    missing_characters,
    register_font,
    runs,
    text_width,
    to_unicode_cmap,
)
from desktop.printing.guide import guide_flowables
from desktop.printing.document import stylesheet
from desktop.printing.qr import dark_runs
from desktop.printing.cards import NAME_FLOOR, SMALLEST, Card, Contact, plan_front, readable_phone
from desktop.printing.sheet import CARD_MARGIN, SHEETS, CardSheet, card_sheet

register_font()

sheets = st.builds(
    CardSheet,
    columns=st.integers(1, 3),
    rows=st.integers(1, 6),
    card_width=st.floats(50 * mm, 90 * mm),
    card_height=st.floats(40 * mm, 54 * mm),
    gap=st.floats(0, 8 * mm),
).filter(lambda s: s.margin_x > 8 * mm and s.margin_y > 8 * mm)


def overlaps(a, b) -> bool:
    return a.x < b.right - 1e-6 and b.x < a.right - 1e-6 and a.y < b.top - 1e-6 and b.y < a.top - 1e-6


def test_business_card_sheets_hold_ten_and_eight_cards_of_the_promised_size():
    ten, eight = SHEETS[10], SHEETS[8]
    assert ten.per_page == 10 and (round(ten.card_width / mm), round(ten.card_height / mm)) == (90, 54)
    assert eight.per_page == 8 and (round(eight.card_width / mm), round(eight.card_height / mm)) == (85, 54)
    assert ten.pages_for(1200) == 120 and ten.pages_for(1201) == 121 and eight.pages_for(9) == 2


@settings(max_examples=60, deadline=None)
@given(sheets)
def test_every_card_lies_on_the_page_and_no_two_overlap(sheet):
    slots = [sheet.slot(i) for i in range(sheet.per_page)]
    for slot in slots:
        assert 0 < slot.x and slot.right < sheet.page_width and 0 < slot.y and slot.top < sheet.page_height
    for i, a in enumerate(slots):
        for b in slots[i + 1:]:
            assert not overlaps(a, b)
    assert sheet.slot(sheet.per_page) == sheet.slot(0)  # the next page starts again at the top left


@settings(max_examples=60, deadline=None)
@given(sheets)
def test_cut_marks_stay_inside_the_page_and_off_every_card(sheet):
    slots = [sheet.slot(i) for i in range(sheet.per_page)]
    for mark in sheet.cut_marks:
        for x, y in ((mark.x1, mark.y1), (mark.x2, mark.y2)):
            assert 0 <= x <= sheet.page_width and 0 <= y <= sheet.page_height
        left, right = sorted((mark.x1, mark.x2))
        bottom, top = sorted((mark.y1, mark.y2))
        for slot in slots:
            assert right <= slot.x or left >= slot.right or top <= slot.y or bottom >= slot.top


@settings(max_examples=60, deadline=None)
@given(sheets)
def test_every_card_edge_has_a_cut_mark_on_its_line(sheet):
    vertical = [m.x1 for m in sheet.cut_marks if m.x1 == m.x2]
    horizontal = [m.y1 for m in sheet.cut_marks if m.y1 == m.y2]

    def marked(edge: float, lines: list[float]) -> bool:
        return any(abs(edge - line) < 0.01 for line in lines)

    for i in range(sheet.per_page):
        slot = sheet.slot(i)
        assert marked(slot.x, vertical) and marked(slot.right, vertical)
        assert marked(slot.y, horizontal) and marked(slot.top, horizontal)


@settings(max_examples=60, deadline=None)
@given(sheets)
def test_backs_land_behind_their_fronts_after_a_long_edge_flip(sheet):
    """Turning the sheet over its vertical axis maps x to page width − x: each back covers its front."""
    fronts = [sheet.slot(i) for i in range(sheet.per_page)]
    for i, front in enumerate(fronts):
        back = sheet.back_slot(i)
        assert back.width == front.width and back.height == front.height and back.y == front.y
        assert sheet.page_width - back.right == pytest.approx(front.x)
        # and it is a slot of the same grid, so backs never straddle a cut line
        assert any(back.x == pytest.approx(f.x) and back.y == pytest.approx(f.y) for f in fronts)


@given(st.text(alphabet="丁街社区海滨路号楼单元室0123456789 -ABC", min_size=0, max_size=80),
       st.floats(20, 300), st.floats(6, 14))
@settings(max_examples=80, deadline=None)
def test_fitted_text_never_runs_past_its_column(text, width, size):
    fitted, used = fit_text(text, width, size)
    assert 6 <= used <= size
    if stringWidth(text, FONT_NAME, 6) <= width:
        assert fitted == text  # shrinking comes before cutting: nothing is lost while it can fit
    else:
        assert fitted.endswith("…") and text.startswith(fitted[:-1])
        assert stringWidth(fitted, FONT_NAME, used) <= width or len(fitted) == 1


@given(st.text(alphabet="包联干部楼栋与网格员的电话，。、 12345", max_size=200), st.floats(30, 300))
@settings(max_examples=80, deadline=None)
def test_wrapped_lines_keep_every_character_and_fit(text, width):
    lines = wrap_text(text, width, 9)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        body = line.rstrip("、。，")
        assert len(body) <= 1 or stringWidth(body, FONT_NAME, 9) <= width + 0.01
        assert not line[:1] or line[0] not in "、。，" or line == lines[0]


def test_long_cells_wrap_to_their_line_limit_and_mark_the_cut():
    lines, size = fit_lines("、".join(f"{n}号楼" for n in range(1, 60)), 150, 9, 2)
    assert len(lines) == 2 and lines[-1].endswith("…") and size == 6


def test_unit_directory_lines_never_split_an_entry():
    entries = [f"单位{n} 022-2330{n:04d}" for n in range(12)]
    lines = pack_entries(entries, "　", 160, 6)
    assert "　".join(lines).split("　") == entries
    assert all(stringWidth(line, FONT_NAME, 6) <= 160 for line in lines)


def test_missing_glyphs_are_marked_and_reported_with_where_they_were():
    check = GlyphCheck()
    assert check.fit("张建国 13812345678", "干部") == "张建国 13812345678"
    assert check.fit("王𠮷 李䶮", "居民") == "王𠮷 李䶮"  # Extensions A and B: the fallback fonts draw them
    assert not check
    assert check.fit("王𰻞", "居民 王𰻞（海滨路2号楼）") == f"王{MISSING_MARK}"  # Extension G: no bundled font
    assert check.places == {"𰻞": ["居民 王𰻞（海滨路2号楼）"]}
    (line,) = check.report_lines()
    assert "𰻞" in line and "U+30EDE" in line and "海滨路2号楼" in line
    assert missing_characters("𰻞𠮷张𰻞𱁬") == ["𰻞", "𱁬"]


def test_rare_characters_are_drawn_glyph_by_glyph_in_the_font_that_has_them():
    assert runs("张建国 13812345678") == [(FONT_NAME, "张建国 13812345678")]
    assert runs("王𠮷丽䶮") == [(FONT_NAME, "王"), ("HanaMinB", "𠮷"), (FONT_NAME, "丽"), ("HanaMinA", "䶮")]
    assert markup("<王𠮷>") == '&lt;王<font face="HanaMinB">𠮷</font>&gt;'
    assert text_width("王𠮷", 10) == pytest.approx(stringWidth("王", FONT_NAME, 10) + stringWidth("𠮷", "HanaMinB", 10))


def test_copied_text_of_a_character_beyond_the_basic_plane_is_itself():
    """reportlab wrote U+20BB7 as "<20BB7>" in the ToUnicode map; it must be the UTF-16 pair."""
    cmap = to_unicode_cmap("F", [0, 0x5F20, 0x20BB7])
    assert "<01> <5F20>" in cmap and "<02> <D842DFB7>" in cmap


def test_qr_runs_reproduce_the_code_matrix():
    import qrcode

    payload = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张建国\r\nTEL:13812345678\r\nEND:VCARD"
    modules, runs = dark_runs(payload)
    drawn = [[False] * modules for _ in range(modules)]
    for row, column, length in runs:
        for c in range(column, column + length):
            assert not drawn[row][c]  # runs never overlap
            drawn[row][c] = True
    code = qrcode.QRCode(border=2, mask_pattern=0)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    assert drawn == code.get_matrix()


def test_service_guide_prints_headings_items_and_paragraphs_but_not_editor_notes():
    text = "# 办事指南\n<!--\n给编辑的说明\n-->\n## 有事找谁\n- 先打电话\n一段\n说明\n\n<!-- 一行注释 -->\n"
    flowables = guide_flowables(text, stylesheet(), lambda text, where: text)
    texts = [f.text for f in flowables]
    assert texts == ["有事找谁", "先打电话", "一段说明"]
    assert flowables[1].bulletText == "•"


@given(st.text(alphabet="包联干部楼栋与网格员的电话，。、 12345号楼", max_size=200), st.floats(30, 300), st.sampled_from([6, 8.5, 10]))
@settings(max_examples=80, deadline=None)
def test_table_cells_wrap_inside_their_column_punctuation_and_all(text, width, size):
    """In a table the next column starts at once: no line may hang past the width (issue 18, 户数)."""
    lines, used = fit_lines(text, width, size, 2)
    assert len(lines) <= 2
    for line in lines:
        assert len(line) <= 2 or text_width(line, used) <= width + 0.01
    if len(wrap_text(text, width, 6, hang=False)) <= 2:
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


print_shop_sheets = st.builds(
    CardSheet,
    columns=st.integers(1, 2),
    rows=st.integers(1, 4),
    card_width=st.floats(50 * mm, 90 * mm),
    card_height=st.floats(40 * mm, 54 * mm),
    gap=st.floats(6 * mm, 10 * mm),
    bleed=st.just(3 * mm),
).filter(lambda s: s.margin_x > 14 * mm and s.margin_y > 14 * mm)


@settings(max_examples=60, deadline=None)
@given(print_shop_sheets)
def test_crop_marks_stay_off_every_cards_bleed_and_neighbours_bleeds_never_overlap(sheet):
    boxes = [sheet.bleed_box(i) for i in range(sheet.per_page)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not overlaps(a, b)
    for mark in sheet.cut_marks:
        left, right = sorted((mark.x1, mark.x2))
        bottom, top = sorted((mark.y1, mark.y2))
        assert left >= 3 * mm - 0.01 and right <= sheet.page_width - 3 * mm + 0.01
        for box in boxes:
            assert right <= box.x or left >= box.right or top <= box.y or bottom >= box.top


def test_print_shop_sheets_fit_a4_with_bleed_and_office_sheets_keep_marks_printable():
    for per_page in (10, 8):
        shop = card_sheet(per_page, print_shop=True)
        assert shop.per_page == 8 and shop.bleed == 3 * mm and shop.gap == 6 * mm
        assert shop.card_width == SHEETS[per_page].card_width and shop.margin_y > 3 * mm + shop.bleed
        for mark in SHEETS[per_page].cut_marks:  # an office printer leaves 4–5 mm unprinted
            for x, y in ((mark.x1, mark.y1), (mark.x2, mark.y2)):
                assert 5 * mm <= x <= A4[0] - 5 * mm and 5 * mm <= y <= A4[1] - 5 * mm


people = st.lists(
    st.builds(Contact, role=st.sampled_from(["包联干部", "网格员"]), name=st.text(alphabet="张王李欧阳司马秀英建国𠮷", min_size=2, max_size=4),
              phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), post=st.text(alphabet="区住建委城市管理综合执法大队科长 ", max_size=20)),
    max_size=9,
    unique_by=lambda contact: contact.phone,
)


@settings(max_examples=80, deadline=None)
@given(people, st.text(alphabet="山东省烟台市长岛海滨路花园小区（）号楼单元室0123456789", min_size=5, max_size=90), st.sampled_from([10, 8]))
def test_a_card_front_keeps_its_sizes_its_margin_and_its_room(contacts, road, per_page):
    sheet = SHEETS[per_page]
    place = "12号楼 2单元 1102"
    card = Card("c", "海滨社区", "第一网格", road + "12号楼2单元1102室", place, tuple(contacts), "0535-3211234", "")
    plan = plan_front(card, sheet.card_width, sheet.card_height)
    text = "".join(item.text for item in plan.items).replace(" ", "")
    assert "12号楼2单元1102" in text
    for item in plan.items:
        assert item.size >= SMALLEST
        assert CARD_MARGIN <= item.x and item.x + text_width(item.text, item.size) <= sheet.card_width - CARD_MARGIN + 0.01
        assert CARD_MARGIN <= item.y - 0.2 * item.size and item.y + item.size <= sheet.card_height - CARD_MARGIN
        if re.search(r"\d{3} \d{4} \d{4}", item.text) or item.text == "0535-3211234":
            assert item.size >= NAME_FLOOR
    assert CARD_MARGIN <= plan.qr.x and plan.qr.right <= sheet.card_width - CARD_MARGIN and plan.qr.y >= CARD_MARGIN
    shown = sum(1 for c in contacts if readable_phone(c.phone) in "".join(item.text for item in plan.items))
    assert shown + plan.hidden == len(contacts)
    assert "0535-3211234" in text
