"""Workbooks after other programs touched them: LibreOffice re-saving, and traps planted in a real export."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile

import pytest

from models.records.people import Household
from sync.spreadsheet import stored_copy
from sync.exchange.merge import merge_workbook
from tests.exchange_fixtures import Laptop, office_with_registry

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _rewrite_sheet(source, target, sheet_member: str, change) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, change(data) if item.filename == sheet_member else data)


def _households_member(path) -> str:
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet name="住户" sheetId="\d+" r:id="(rId\d+)"', workbook).group(1)
    return "xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
def test_a_workbook_saved_again_by_libreoffice_changes_nothing(tmp_path):
    office, ids, base = office_with_registry(tmp_path)
    with office.open():
        household = Household.get_by_id(ids["second"])
        household.notes = "=1+1 不是公式\n第二行"
        household.save()
    workbook = office.export(tmp_path / "office2.xlsx")
    converted = tmp_path / "converted"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx", "--outdir", str(converted), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    resaved = converted / workbook.name
    assert resaved.read_bytes() != workbook.read_bytes()

    field = Laptop(tmp_path / "field.db", "field")
    assert field.merge(workbook)[0].accepted
    before = field.snapshot()
    receipt = field.merge(resaved)[0]
    assert receipt.accepted and receipt.unchanged > 0
    assert receipt.new == receipt.updated == receipt.conflicts == receipt.hand_edits == 0
    assert field.snapshot() == before

    fresh = Laptop(tmp_path / "fresh.db", "fresh")
    assert fresh.merge(resaved)[0].accepted
    assert fresh.snapshot() == office.snapshot()


# Each trap is tried on both ways of scanning: a small workbook inflated in memory, and a big one streamed.
SCANS = pytest.mark.parametrize("unpack_limit", [stored_copy.UNPACK_LIMIT, 0], ids=["inflated in memory", "streamed"])


@SCANS
@pytest.mark.parametrize("trap, reason", [
    (lambda xml: xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
     "范围过大"),
    (lambda xml: xml.replace(b"</sheetData>", b'<row r="9"><c r="ZZ9"><v>1</v></c></row></sheetData>'),
     "范围过大"),
    (lambda xml: xml.replace(b"</sheetData>", b'<row r="2000000"><c r="B2000000"><v>1</v></c></row></sheetData>'),
     "范围过大"),
    # A row number moves the cells after it that carry no reference of their own; calamine aborted on this one.
    (lambda xml: xml.replace(b"</sheetData>", b'<row r="99999999"><c t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
     "范围过大"),
    (lambda xml: xml.replace(b"</sheetData>", b'<row r="9"><c r="xfd1048576"><v>1</v></c></row></sheetData>'),
     "范围过大"),  # calamine reads lower-case column letters too
    (lambda xml: xml.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1),
     "XFD1048576"),
    (lambda xml: xml.replace(b"<worksheet", b'<!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet', 1), "实体"),
])
def test_traps_planted_in_a_real_export_are_refused_before_parsing(tmp_path, db, trap, reason, unpack_limit,
                                                                   monkeypatch):
    monkeypatch.setattr(stored_copy, "UNPACK_LIMIT", unpack_limit)
    office, _, base = office_with_registry(tmp_path)
    from models.database import open_database

    installation = open_database(tmp_path / "field.db")
    planted = tmp_path / "planted.xlsx"
    _rewrite_sheet(base, planted, _households_member(base), trap)
    receipt = merge_workbook(planted, installation=installation)
    assert not receipt.accepted
    assert reason in receipt.refused[0] and "sheet 住户" in receipt.refused[0]
    assert Household.select().count() == 0


def _declare_half_size(path, member: str) -> None:
    """Make the zip lie: the part inflates to twice what its headers declare (how bombs hide)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<L", data, info.header_offset + 22, info.file_size // 2)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == member.encode():
            struct.pack_into("<L", data, at + 24, info.file_size // 2)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


@SCANS
def test_a_part_that_inflates_beyond_its_declared_size_is_refused(tmp_path, unpack_limit, monkeypatch):
    monkeypatch.setattr(stored_copy, "UNPACK_LIMIT", unpack_limit)
    office, _, base = office_with_registry(tmp_path)
    lying = tmp_path / "lying.xlsx"
    shutil.copy(base, lying)
    _declare_half_size(lying, _households_member(base))

    field = Laptop(tmp_path / "field.db", "field")
    receipt = field.merge(lying)[0]
    assert not receipt.accepted
    assert "损坏" in receipt.refused[0]
    with field.open():
        assert Household.select().count() == 0
