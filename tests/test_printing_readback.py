"""The prints read back as the office and the residents get them (issue 18).

PyMuPDF reads each PDF back: the text of every card, the size and font of
every string, where each page's content ends; pdftoppm and zbarimg render and
scan the QR codes at 200 dpi; pixels of rendered pages show where ink is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.printing import PrintOptions, render_document
from desktop.printing.cards import SMALLEST, ServiceCardRenderer
from desktop.printing.document import margins
from desktop.printing.flowing import BLANK_PAGE_TEXT, HEADER_ROOM
from desktop.printing.sheet import BLEED, CARD_MARGIN, card_sheet
from models.demo import generate_demo
from models.records.people import Household
from models.scope import Scope, resolve_scope
from printing_fixtures import COMMUNITY_HOTLINES, RARE_CHARACTERS, TODAY, build_crowded_world

pymupdf = pytest.importorskip("pymupdf")

MM = 72 / 25.4
OPTIONS = PrintOptions(today=TODAY)
NAMES = ("欧阳建国", "司马秀英", "张伟", "刘洋", "李娜")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils zbar-tools)")
    return path


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def spans(page):
    """Every non-blank text span of `page`: text, size, font and bounding box."""
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                if span["text"].strip():
                    yield span


@pytest.fixture
def crowded(db):
    return build_crowded_world()


@pytest.fixture
def district(db):
    """A demo district: about 50 cadres over 600 households in two communities' grids."""
    generate_demo(600, seed=3, today=TODAY)


def render(kind: str, tmp_path: Path, options: PrintOptions = OPTIONS, scope: Scope | None = None, name: str = ""):
    return render_document(kind, scope or Scope(), tmp_path / f"{name or kind}.pdf", options)


def card_rect(sheet, index: int):
    """Card `index`'s trim box in PyMuPDF's coordinates (origin top left)."""
    slot = sheet.slot(index)
    return pymupdf.Rect(slot.x, sheet.page_height - slot.top, slot.right, sheet.page_height - slot.y)


# -- service cards ---------------------------------------------------------------------------------

@pytest.mark.parametrize("options", [
    PrintOptions(today=TODAY),
    PrintOptions(cards_per_page=8, backs=True, today=TODAY),
    PrintOptions(print_shop=True, today=TODAY),
], ids=["ten", "eight-with-backs", "print-shop"])
def test_every_card_carries_its_building_unit_and_room(crowded, tmp_path, options):
    cards = ServiceCardRenderer(Scope(), options).cards()
    result = render("cards", tmp_path, options)
    sheet = card_sheet(options.cards_per_page, options.print_shop)
    document = pymupdf.open(result.path)
    step = 2 if options.backs else 1
    for index, card in enumerate(cards):
        page = document[index // sheet.per_page * step]
        text = squeezed(page.get_text("text", clip=card_rect(sheet, index % sheet.per_page)))
        assert squeezed(card.place) in text, (card.address, text)
    longest = next(c for c in cards if c.address == crowded.longer_address.address)
    assert len(longest.address) == 71  # cut to its start, with building, unit and room on a line of their own


def test_nothing_on_a_card_is_under_7_pt_and_names_phones_and_hotlines_are_at_least_9(crowded, tmp_path):
    phones = {re.sub(r"\D", "", c.phone) for c in crowded.cadres} | set(COMMUNITY_HOTLINES.values())
    for options in (PrintOptions(backs=True, today=TODAY), PrintOptions(backs=True, print_shop=True, cards_per_page=8, today=TODAY)):
        result = render("cards", tmp_path, options)
        seen = 0
        for page in pymupdf.open(result.path):
            for span in spans(page):
                assert span["size"] >= SMALLEST - 0.01, (span["text"], span["size"])
                digits = re.sub(r"\D", "", span["text"])
                if any(phone in digits for phone in phones) or any(name in span["text"] for name in NAMES):
                    assert span["size"] >= 9 - 0.01, (span["text"], span["size"])
                    seen += 1
        assert seen > 10


def test_every_person_a_household_can_call_is_on_its_card(crowded, tmp_path):
    result = render("cards", tmp_path, scope=Scope(households=(crowded.crowded.uuid,)))
    text = squeezed(pymupdf.open(result.path)[0].get_text())
    for cadre in crowded.cadres:
        assert cadre.name in text and cadre.phone in text, cadre.name
    assert "李娜" in text and "0535-3200001" in text
    assert text.count("包联干部") == 5 and "网格员" in text


def test_people_beyond_the_front_are_all_on_the_back(crowded, tmp_path):
    from models.registry.assignments import link
    from models.records.people import Cadre

    extra = []
    for index, name in enumerate(("周一", "吴二", "郑三", "冯四", "陈五")):
        cadre = Cadre(name=name, role="cadre", phone=f"1357000{index:04d}", grid=crowded.crowded.grid)
        cadre.save()
        link(cadre, crowded.crowded)
        extra.append(cadre)
    scope = Scope(households=(crowded.crowded.uuid,))
    result = render("cards", tmp_path, PrintOptions(backs=True, today=TODAY), scope)
    front, back = (squeezed(page.get_text()) for page in pymupdf.open(result.path))
    assert re.search(r"另有\d+人，见卡片背面", front)
    for cadre in crowded.cadres + extra:
        assert cadre.name in back and cadre.phone in back, cadre.name
    assert "李娜13900001111" in back
    alone = squeezed(pymupdf.open(render("cards", tmp_path, scope=scope, name="no-backs").path)[0].get_text())
    assert re.search(r"另有\d+人，扫码可见全部电话", alone)


def test_every_qr_code_decodes_at_200_dpi_as_the_card(crowded, tmp_path):
    zbarimg = tool("zbarimg")
    renderer = ServiceCardRenderer(Scope(), OPTIONS)
    cards = renderer.cards()
    result = render("cards", tmp_path)
    subprocess.run([tool("pdftoppm"), "-png", "-r", "200", str(result.path), str(tmp_path / "page")], check=True)
    decoded = []
    for image in sorted(tmp_path.glob("page-*.png")):
        raw = subprocess.run([zbarimg, "-q", "--raw", str(image)], capture_output=True, text=True).stdout
        decoded += [code.strip() for code in re.split(r"(?m)^(?=连心卡 )", raw) if code.strip()]  # each code starts so
    assert len(decoded) == len(cards)
    assert sorted(decoded) == sorted(card.qr_payload for card in cards)
    crowded_card = next(c for c in cards if c.address == crowded.crowded.address)
    payload = crowded_card.qr_payload
    for cadre in crowded.cadres:
        assert f"包联干部 {cadre.name} {cadre.phone}" in payload
    assert "网格员 李娜 13900001111" in payload and "社区热线 0535-3200001" in payload


def test_office_cards_keep_a_white_margin_and_print_shop_cards_bleed(crowded, tmp_path):
    for options in (OPTIONS, PrintOptions(print_shop=True, today=TODAY)):
        result = render("cards", tmp_path, options)
        sheet = card_sheet(options.cards_per_page, options.print_shop)
        page = pymupdf.open(result.path)[0]
        pixmap = page.get_pixmap(dpi=100, colorspace=pymupdf.csRGB)
        scale = 100 / 72

        def red_between(x0: float, x1: float, y0: float, y1: float) -> bool:
            for y in range(int(y0 * scale), int(y1 * scale)):
                for x in range(int(x0 * scale), int(x1 * scale)):
                    r, g, b = pixmap.pixel(x, y)
                    if r > 150 and g < 90 and b < 90:
                        return True
            return False

        card = card_rect(sheet, 0)
        band_middle = card.y0 + CARD_MARGIN + 4 * MM
        if options.print_shop:  # the band runs past the trim line into the bleed, above and to both sides
            assert red_between(card.x0 - BLEED + 0.5 * MM, card.x0 - 0.5 * MM, band_middle, band_middle + 1)
            assert red_between(card.x0 + 20 * MM, card.x0 + 21 * MM, card.y0 - BLEED + 0.5 * MM, card.y0 - 0.5 * MM)
        else:  # no red within the white margin, on either side of the trim line
            assert not red_between(card.x0 - 2 * MM, card.x0 + CARD_MARGIN - 0.5 * MM, card.y0, card.y1)
            assert not red_between(card.x0, card.x1, card.y0 - 2 * MM, card.y0 + CARD_MARGIN - 0.5 * MM)
            assert red_between(card.x0 + CARD_MARGIN + 1 * MM, card.x0 + CARD_MARGIN + 2 * MM, band_middle, band_middle + 1)


# -- rare characters -------------------------------------------------------------------------------

def test_every_rare_character_prints_in_an_embedded_fallback_font(crowded, tmp_path):
    expected = {"cards": "𠮷𡒄㛃", "handbook": "𠮷𡒄㛃", "visitbook": RARE_CHARACTERS}
    for kind, characters in expected.items():
        result = render(kind, tmp_path, PrintOptions(show_id_numbers=True, today=TODAY))
        assert not result.missing_glyphs, result.missing_glyphs.report_lines()
        document = pymupdf.open(result.path)
        printed: dict[str, set[str]] = {}
        for page in document:
            for xref, extension, *_ in page.get_fonts():
                assert extension != "n/a", f"{kind}: font {xref} is not embedded"
            for span in spans(page):
                for character in span["text"]:
                    printed.setdefault(character, set()).add(span["font"])
        for character in characters:
            assert character in printed, f"{kind}: {character} (U+{ord(character):04X}) is not in the text"
            assert all("HanaMin" in font for font in printed[character]), (character, printed[character])
        text = subprocess.run([tool("pdftotext"), str(result.path), "-"], capture_output=True, text=True).stdout
        assert all(character in text for character in characters), kind  # it copies out as itself too


# -- contact handbook ------------------------------------------------------------------------------

def test_the_cover_names_every_community_with_its_hotline(crowded, tmp_path):
    result = render("handbook", tmp_path)
    cover = squeezed(pymupdf.open(result.path)[0].get_text())
    for name, hotline in COMMUNITY_HOTLINES.items():
        assert f"{name}{hotline}" in cover, name


def test_the_handbook_says_what_is_true_of_its_scope(crowded, tmp_path):
    text = squeezed("".join(page.get_text() for page in pymupdf.open(render("handbook", tmp_path).path)))
    households = Household.alive().count()
    assert f"本手册所列{households}户中，{households - 1}户已有包联干部；其余1户暂未安排" in text
    assert "每户都有包联干部" not in text
    assert "请联系网格员" in text


def test_units_print_office_lines_and_only_numbers_marked_public(crowded, tmp_path):
    text = squeezed("".join(page.get_text() for page in pymupdf.open(render("handbook", tmp_path).path)))
    assert "供电公司95598" in text and "区住建委0535-3210001赵工13344445555" in text
    assert "13333333333" not in text and "王工" not in text


@pytest.mark.parametrize("kind", ["handbook", "visitbook", "cards"])
def test_office_prints_keep_ink_5_mm_inside_the_paper_edge(crowded, tmp_path, kind):
    result = render(kind, tmp_path)
    for number, page in enumerate(pymupdf.open(result.path), start=1):
        pixmap = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
        edge = int(5 * MM)
        width, height = pixmap.width, pixmap.height
        for y in range(height):
            row = pixmap.samples[y * pixmap.stride:y * pixmap.stride + width]
            band = row if y < edge or y >= height - edge else row[:edge] + row[width - edge:]
            assert min(band) >= 250, f"{kind} page {number}: ink within 5 mm of the edge at row {y}"


def test_a_print_shop_handbook_has_bleed_and_says_where_to_trim(crowded, tmp_path):
    result = render("handbook", tmp_path, PrintOptions(print_shop=True, today=TODAY))
    page = pymupdf.open(result.path)[0]
    assert round(page.mediabox.width / MM) == 216 and round(page.mediabox.height / MM) == 303
    assert round(page.trimbox.width / MM) == 210 and round(page.trimbox.x0 / MM) == 3
    pixmap = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
    assert pixmap.samples[0] < 200  # the cover's band runs to the edge of the bleed


def characters(page):
    """Every character of `page` with its box (spans may run across table columns)."""
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for char in span["chars"]:
                    if char["c"].strip():
                        yield char["c"], pymupdf.Rect(char["bbox"])


def test_building_lists_stay_out_of_the_households_column(district, tmp_path):
    result = render("handbook", tmp_path)
    wrapped = 0
    for page in pymupdf.open(result.path):
        heads = {span["text"]: span["bbox"] for span in spans(page) if span["text"] in ("包联楼栋", "户数")}
        if len(heads) < 2:
            continue
        left, limit = heads["包联楼栋"][0], heads["户数"][0]
        cells = [(c, box) for c, box in characters(page) if left - 0.5 <= box.x0 < limit - 1 and box.y0 > heads["户数"][3]]
        for character, box in cells:
            assert box.x1 <= limit, (character, box.x1, limit)
        lines = sorted({round(box.y0) for _, box in cells})
        wrapped += sum(1 for a, b in zip(lines, lines[1:]) if b - a < 12)
    assert wrapped > 0  # some lists did wrap, so the check above saw second lines


def test_the_contents_never_leave_a_page_with_one_entry(district, tmp_path):
    from desktop.printing.handbook import contents_layout

    for entries in range(1, 400):
        layout = contents_layout(entries, 660)
        last = entries - (layout.pages - 1) * layout.per_page
        assert layout.line >= 14 and layout.per_page * layout.line <= 660
        assert last >= layout.per_page / 2 or layout.pages == 1, (entries, layout)
    assert contents_layout(40, 660).pages == 1  # closes up its lines rather than start a page for 4 entries


# -- visit handbook --------------------------------------------------------------------------------

def page_numbers(document) -> list[tuple[int, int]]:
    """(x, y) of each page's "第 x 页 / 共 y 页"."""
    found = []
    for page in document:
        match = re.search(r"第(\d+)页/共(\d+)页", squeezed(page.get_text()))
        found.append((int(match.group(1)), int(match.group(2))))
    return found


def test_each_cadre_starts_on_a_right_hand_page_when_printed_double_sided(district, tmp_path):
    result = render("visitbook", tmp_path)
    document = pymupdf.open(result.path)
    numbers = page_numbers(document)
    starts = [physical for physical, (own, _) in enumerate(numbers, start=1) if own == 1]
    assert len(starts) == result.items > 20
    assert all(start % 2 == 1 for start in starts)
    blanks = [n for n, page in enumerate(document, start=1) if BLANK_PAGE_TEXT in page.get_text()]
    assert blanks and all(numbers[n - 1][0] == numbers[n - 1][1] for n in blanks)  # a blank ends its part
    simplex = pymupdf.open(render("visitbook", tmp_path, PrintOptions(duplex=False, today=TODAY), name="simplex").path)
    assert len(simplex) == len(document) - len(blanks)
    assert not any(BLANK_PAGE_TEXT in page.get_text() for page in simplex)


@pytest.mark.parametrize("a5", [False, True], ids=["A4", "A5"])
def test_no_page_is_under_a_quarter_full_except_the_last_of_a_part(district, tmp_path, a5):
    result = render("visitbook", tmp_path, PrintOptions(a5=a5, today=TODAY))
    document = pymupdf.open(result.path)
    frame_top = margins(a5) + HEADER_ROOM
    frame_height = document[0].rect.height - 2 * frame_top
    for number, ((own, total), page) in enumerate(zip(page_numbers(document), document), start=1):
        if own == total:
            continue
        bottoms = [span["bbox"][3] for span in spans(page) if frame_top - 1 <= span["bbox"][1] and span["bbox"][3] <= frame_top + frame_height + 1]
        bottoms += [drawing["rect"].y1 for drawing in page.get_drawings() if frame_top - 1 <= drawing["rect"].y0 <= frame_top + frame_height]
        filled = (max(bottoms) - frame_top) / frame_height
        assert filled >= 0.25, f"page {number} ({own}/{total}) is {filled:.0%} full"


def test_every_page_of_a_part_says_which_building_it_is_in(district, tmp_path):
    result = render("visitbook", tmp_path)
    frame_top = margins(False) + HEADER_ROOM
    continued = 0
    for page in pymupdf.open(result.path):
        found = sorted(spans(page), key=lambda span: span["bbox"][1])
        body = [span for span in found if span["bbox"][1] >= frame_top - 1]
        titles = [span for span in body if abs(span["size"] - 11) < 0.01]  # each household's title line
        if not titles:
            continue
        assert all("号" in span["text"] for span in titles), [span["text"] for span in titles]  # 3号楼 1单元 101
        first = body[0]
        if abs(first["size"] - 11) < 0.01:  # the page starts inside a building: its header repeats it
            header = "".join(span["text"] for span in found if span["bbox"][3] < frame_top)
            assert "（续）" in header and "号" in header, header
            continued += 1
    assert continued > 5


def test_a5_id_numbers_and_phones_stay_apart(district, tmp_path):
    options = PrintOptions(a5=True, show_id_numbers=True, show_phones=True, today=TODAY)
    document = pymupdf.open(render("visitbook", tmp_path, options).path)
    pairs = 0
    for page in list(document)[:40]:
        found = list(spans(page))
        ids = [s for s in found if re.fullmatch(r"\d{17}[\dX]", s["text"].strip())]
        phones = [s for s in found if re.fullmatch(r"1\d{10}", s["text"].strip())]
        for id_span in ids:
            for phone in phones:
                if abs(phone["bbox"][1] - id_span["bbox"][1]) < 2:
                    assert phone["bbox"][0] - id_span["bbox"][2] >= 6, (id_span["text"], phone["text"])
                    pairs += 1
    assert pairs > 20
