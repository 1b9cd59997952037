"""The 微网格长 on the service card and in the contact handbook, and the visit handbook of one micro-grid.

The leader's phone prints whole, as the cadre's and the grid worker's: it is the number the
card gives residents to call.  A grid without micro-grids prints as before.
"""

from __future__ import annotations

import pypdfium2

import pytest

from desktop.cli import run as run_cli
from desktop.printing import PrintOptions, render_document
from desktop.printing.cards import ServiceCardRenderer
from models.records.people import Household, MicroGrid
from models.scope import Scope, ScopeRefused, resolve_scope
from printing_fixtures import CADRE_PHONE, TODAY, build_world
from test_printing_documents import pdf_text, squeezed

LEADER_PHONE = "13655556666"


@pytest.fixture
def world(db):
    world = build_world()
    east = MicroGrid.create(grid=world.grid, name="东片微网格", leader="王大爷", leader_phone=LEADER_PHONE)
    west = MicroGrid.create(grid=world.grid, name="西片微网格", leader=world.cadre.name, leader_phone=CADRE_PHONE,
                            leader_cadre=world.cadre)
    for home, micro in ((world.households[1], east), (world.households[2], east), (world.households[0], west)):
        Household.update(micro_grid=micro).where(Household.uuid == home.uuid).execute()
    return world


def render(kind, tmp_path, scope=Scope(), **options):
    return render_document(kind, scope, tmp_path / f"{kind}.pdf", PrintOptions(today=TODAY, **options))


def test_the_card_names_the_leader_beside_cadre_and_grid_worker_with_a_phone_to_call(world, tmp_path):
    result = render("cards", tmp_path, resolve_scope(community="海滨社区", grid="第一网格"))
    text = squeezed(pdf_text(result.path))
    assert "微网格长王大爷" + LEADER_PHONE in text
    assert "东片微网格" in text
    cards = {card.address: card for card in ServiceCardRenderer(Scope(), PrintOptions()).cards()}
    east = cards["海滨路2号楼1单元101室"]
    assert [(c.role, c.name) for c in east.contacts] == [("包联干部", "张建国"), ("微网格长", "王大爷"), ("网格员", "李娜")]
    assert "微网格长 王大爷 " + LEADER_PHONE in east.qr_payload
    # 西片's leader is the household's own linked cadre: named once, as 包联干部
    assert [c.role for c in cards["海滨路10号楼1单元101室"].contacts] == ["包联干部", "网格员"]
    assert [c.role for c in cards["海滨路5号楼1单元301室"].contacts] == ["包联干部"]  # no micro-grid: as before


def test_the_handbook_lists_micro_grids_and_each_addresss_leader(world, tmp_path):
    text = squeezed(pdf_text(render("handbook", tmp_path).path))
    assert "微网格长及电话" in text and "第一网格东片微网格王大爷" + LEADER_PHONE + "2" in text
    assert "海滨路2号楼1单元101室" in text
    other = squeezed(pdf_text(render("handbook", tmp_path, resolve_scope(grid="第二网格")).path))
    assert "微网格" not in other  # a grid without micro-grids prints as before


def test_the_visit_handbook_prints_one_micro_grid(world, tmp_path, capsys):
    from models.database import database_path

    target = tmp_path / "east.pdf"
    assert run_cli(["--db", str(database_path()), "print", "visitbook", "-o", str(target), "--grid", "第一网格", "--community", "海滨社区",
                    "--micro-grid", "东片微网格"]) == 0
    text = squeezed(pdf_text(target))
    assert "包联2户" in text and "2号楼1单元101" in text and "2号楼1单元102" in text
    assert "10号楼" not in text  # in 西片
    with pytest.raises(ScopeRefused, match="no micro-grid named"):
        resolve_scope(micro_grid="北片")


def test_a_card_and_a_handbook_page_render_to_png(world, tmp_path):
    """Rendered at 80 dpi for a person to look at, kept beside the test's other files (with pypdfium2, which
    comes with Lianxin: no poppler needed); each first page carries ink, not a blank sheet."""
    for kind, scope in (("cards", resolve_scope(community="海滨社区", grid="第一网格")), ("handbook", Scope())):
        document = pypdfium2.PdfDocument(str(render(kind, tmp_path, scope).path))
        image = document[0].render(scale=80 / 72).to_pil().convert("L")
        image.save(tmp_path / f"{kind}-1.png")
        dark = sum(image.histogram()[:128])
        assert dark > image.width * image.height // 200, kind  # text, lines and a QR code, not an empty page
        document.close()
