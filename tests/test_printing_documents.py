"""The three PDFs as a person gets them: text that extracts, fonts embedded, privacy kept, QR codes that scan.

Checked with the Debian tools an office would have (poppler's pdftotext, pdffonts,
pdfinfo, pdftoppm; zbarimg for QR codes); a test skips when its tool is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from desktop.cli import run
from desktop.printing import PrintOptions, render_document
from desktop.printing.flowing import LAYING_OUT
from desktop.printing.fonts import MISSING_MARK
from models.records.identity import mask_id_number, mask_phone
from models.progress import Cancelled, Progress
from models.scope import Scope, ScopeRefused, resolve_scope
from printing_fixtures import (
    CADRE_PHONE,
    COMMUNITY_HOTLINE,
    RARE_NAME,
    TODAY,
    UNIT_HOTLINE,
    WORKER_PHONE,
    build_world,
)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils zbar-tools)")
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def squeezed(text: str) -> str:
    """Text without white space: pdftotext spaces Chinese and digits as the layout happens to."""
    return re.sub(r"\s+", "", text)


def pdf_info(path: Path) -> dict[str, str]:
    output = subprocess.run([tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def fonts_of(path: Path) -> list[list[str]]:
    output = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in output.splitlines()[2:]]


@pytest.fixture
def world(db):
    return build_world()


OPTIONS = PrintOptions(today=TODAY)


def render(kind: str, tmp_path: Path, scope: Scope | None = None, options: PrintOptions = OPTIONS):
    return render_document(kind, scope or Scope(), tmp_path / f"{kind}.pdf", options)


@pytest.mark.parametrize("kind", ["cards", "handbook", "visitbook"])
def test_every_document_embeds_its_fonts_and_gives_the_chinese_back(world, tmp_path, kind):
    result = render(kind, tmp_path)
    fonts = fonts_of(result.path)
    assert fonts, "no font at all"
    for row in fonts:
        name, emb, sub = row[0], row[-5], row[-4]
        assert ("WenQuanYiMicroHei" in name or "HanaMin" in name) and (emb, sub) == ("yes", "yes"), row
    assert any("WenQuanYiMicroHei" in row[0] for row in fonts)
    text = squeezed(pdf_text(result.path))
    assert "张建国" in text and CADRE_PHONE in text
    assert int(pdf_info(result.path)["Pages"]) == result.pages


def test_cards_say_whom_to_call_and_nothing_about_the_residents(world, tmp_path):
    result = render("cards", tmp_path, resolve_scope(community="海滨社区", grid="第一网格"))
    assert (result.items, result.pages) == (3, 1)
    text = squeezed(pdf_text(result.path))
    for expected in ("连心卡", "海滨路2号楼1单元101室", "包联干部张建国", "区住建委科长", "网格员李娜", WORKER_PHONE,
                     "社区热线" + COMMUNITY_HOTLINE):
        assert expected in text, expected
    for resident in world.residents:
        assert resident.name not in text and resident.id_number not in text
    assert "13600001234" not in text and "13700002222" not in text


def test_card_backs_follow_their_fronts_page_by_page(world, tmp_path):
    options = PrintOptions(backs=True, cards_per_page=8, today=TODAY)
    result = render("cards", tmp_path, options=options)
    assert (result.items, result.pages) == (5, 2)
    front, back = (squeezed(page) for page in pdf_pages(result.path))
    assert "连心卡" in front and "服务说明" not in front and UNIT_HOTLINE not in front
    assert "服务说明" in back and "供电公司" + UNIT_HOTLINE in back and "7天内答复" in back


def test_card_qr_codes_scan_as_the_card_itself(world, tmp_path):
    zbarimg = tool("zbarimg")
    result = render("cards", tmp_path, resolve_scope(community="海滨社区", grid="第一网格"))
    subprocess.run([tool("pdftoppm"), "-png", "-r", "300", str(result.path), str(tmp_path / "page")], check=True)
    scanned = subprocess.run([zbarimg, "-q", "--raw", str(tmp_path / "page-1.png")], capture_output=True, text=True).stdout
    codes = [code for code in scanned.split("连心卡 ") if code.strip()]
    assert len(codes) == 3
    for code in codes:
        assert code.splitlines() == ["海滨社区 第一网格", f"包联干部 张建国 {CADRE_PHONE}", f"网格员 李娜 {WORKER_PHONE}",
                                     f"社区热线 {COMMUNITY_HOTLINE}"]


def test_handbook_numbers_its_pages_and_its_contents_point_to_them(world, tmp_path):
    result = render("handbook", tmp_path)
    pages = [squeezed(page) for page in pdf_pages(result.path)]
    total = len(pages)
    assert "便民服务手册" in pages[0] and "第1页" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"第{number}页/共{total}页" in page
    contents = pages[1]
    for title in ("一、联系我们", "二、包联干部", "三、住户联系索引", "四、责任单位", "五、办事指南"):
        listed = re.search(re.escape(title) + r"(\d+)", contents)
        assert listed, title
        assert title in pages[int(listed.group(1)) - 1], f"{title} is not on the page the contents give"


def test_handbook_lists_cadres_units_the_guide_and_each_address(world, tmp_path):
    text = squeezed(pdf_text(render("handbook", tmp_path, resolve_scope(community="海滨社区")).path))
    for expected in ("张建国", "区住建委科长", CADRE_PHONE, "李娜", WORKER_PHONE, "供电公司", UNIT_HOTLINE,
                     "有事找谁", "海滨路10号楼1单元101室", "海滨路5号楼1单元301室", "2号楼、10号楼", "每户都有包联干部"):
        assert expected in text, expected
    assert "渔港社区" not in text  # out of scope
    assert "13333333333" not in text  # the unit's contact person's own number is not marked public
    for resident in world.residents:
        assert resident.id_number not in text


def test_handbook_prints_on_a5_when_asked(world, tmp_path):
    result = render("handbook", tmp_path, options=PrintOptions(a5=True, today=TODAY))
    width, height = map(float, re.findall(r"[\d.]+", pdf_info(result.path)["Page size"])[:2])
    assert (round(width), round(height)) == (420, 595)


def test_visitbook_masks_ids_and_phones_and_shows_what_the_cadre_needs(world, tmp_path):
    result = render("visitbook", tmp_path, resolve_scope(cadre="张建国"))
    assert result.items == 1
    text = squeezed(pdf_text(result.path))
    for resident in world.residents[:4]:
        assert mask_id_number(resident.id_number) in text
        assert resident.id_number not in text
    assert mask_phone("13600001234") in text and "13600001234" not in text
    for expected in ("民情手册", "独居老人", "腿脚不便", "楼道灯不亮", "期限2026-11-08", "已超期15天",
                     "上次走访2026-10-15", "尚未走访", "走访记录", "2号楼", "10号楼"):
        assert expected in text, expected
    assert "已经修好的水管" not in text  # closed demands are not open work
    assert "孙丽" not in text  # linked to the other cadre


def test_visitbook_prints_full_ids_and_phones_only_when_asked(world, tmp_path):
    options = PrintOptions(show_id_numbers=True, show_phones=True, today=TODAY)
    text = pdf_text(render("visitbook", tmp_path, resolve_scope(cadre="张建国"), options).path)
    assert world.residents[0].id_number in text and "13600001234" in text


def test_visitbook_numbers_pages_per_cadre(world, tmp_path):
    result = render("visitbook", tmp_path)
    assert result.items == 2  # 张建国 and 赵敏; the grid worker has no linked household
    pages = [squeezed(page) for page in pdf_pages(result.path)]
    starts = [number for number, page in enumerate(pages) if "第1页/共" in page]
    assert len(starts) == result.items and starts[0] == 0
    for start, end in zip(starts, starts[1:] + [len(pages)]):
        own = end - start
        for offset in range(own):
            assert f"第{offset + 1}页/共{own}页" in pages[start + offset]


def test_a_name_no_font_has_is_reported_and_marked_not_dropped(world, tmp_path):
    result = render("visitbook", tmp_path, resolve_scope(cadre="张建国"))
    (line,) = result.missing_glyphs.report_lines()
    assert "𰻞" in line and RARE_NAME in line and "海滨路10号楼1单元101室" in line
    assert "王" + MISSING_MARK in squeezed(pdf_text(result.path))


def test_scope_names_must_mean_one_record(world):
    with pytest.raises(ScopeRefused, match="2 grids are named '第一网格'"):
        resolve_scope(grid="第一网格")
    assert resolve_scope(community="渔港社区", grid="第一网格").grid != resolve_scope(community="海滨社区", grid="第一网格").grid
    with pytest.raises(ScopeRefused, match="no cadre named '无名氏'"):
        resolve_scope(cadre="无名氏")
    with pytest.raises(ScopeRefused, match="no household with id 'nope'"):
        resolve_scope(households=["nope"])
    chosen = resolve_scope(households=[world.households[3].uuid])
    assert [h.uuid for h in chosen.household_ids()] == [world.households[3].uuid]


def test_cancelling_leaves_no_file_and_keeps_an_older_one(world, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "handbook.pdf"
    target.write_bytes(b"older")
    cancel = threading.Event()

    def cancel_during_layout(done: int, total: int, message: str) -> None:
        if message == LAYING_OUT:
            cancel.set()

    with pytest.raises(Cancelled):
        render_document("handbook", Scope(), target, OPTIONS, Progress(cancel_during_layout, cancel, min_interval=0))
    assert target.read_bytes() == b"older"
    assert list(folder.iterdir()) == [target]


def test_command_line_prints_reports_and_refuses(world, tmp_path, capsys):
    from models.database import database_path

    db = str(database_path())
    output = tmp_path / "book.pdf"
    assert run(["--db", db, "print", "visitbook", "-o", str(output), "--cadre", "张建国"]) == 0
    captured = capsys.readouterr()
    assert "visitbook: 1 cadre on" in captured.out and output.exists()
    assert "U+30EDE" in captured.err  # the missing character, on stderr
    assert world.residents[0].id_number not in pdf_text(output)

    assert run(["--db", db, "print", "cards", "-o", str(tmp_path / "c.pdf"), "--grid", "第一网格"]) == 1
    assert "2 grids are named" in capsys.readouterr().err
    assert run(["--db", db, "print", "cards", "-o", str(tmp_path / "c.pdf"), "--a5"]) == 2
    assert run(["--db", db, "print", "visitbook", "-o", str(tmp_path / "c.pdf"), "--print-shop"]) == 2
    assert run(["--db", db, "print", "handbook", "-o", str(tmp_path / "c.pdf"), "--no-duplex"]) == 2
    assert run(["--db", db, "print", "cards", "-o", str(tmp_path / "shop.pdf"), "--print-shop", "--back"]) == 0
    assert "cards: 5 cards on 2 pages" in capsys.readouterr().out  # 8 to a sheet with bleed, and their backs
    assert run(["--db", db, "print", "visitbook", "-o", str(tmp_path / "one-sided.pdf"), "--no-duplex"]) == 0
    assert "visitbook: 2 cadres on 2 pages" in capsys.readouterr().out
    assert run(["--db", db, "print", "handbook", "-o", str(tmp_path / "missing" / "h.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "c.pdf").exists()
