"""Password-protected exchange workbooks: encrypted on export, decrypted in memory on merge, refused cleanly."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from desktop.cli import run
from sync.exchange.merge import merge_workbooks
from sync.exchange.writer import PLAIN_WARNING, export_workbook
from sync.spreadsheet import open_workbook
from sync.spreadsheet.protection import PASSWORD_VARIABLE, use_password
from tests.exchange_fixtures import Laptop, seed_registry

PASSWORD = "社区-交换-2026"
LO_PYTHON = "/usr/bin/python3"


@pytest.fixture(autouse=True)
def no_password_left():
    yield
    use_password(None)


@pytest.fixture
def office(tmp_path):
    laptop = Laptop(tmp_path / "office.db", "街道办-主机")
    with laptop.open() as installation:
        seed_registry(installation)
    return laptop


def _export(laptop: Laptop, target: Path, password: str | None) -> Path:
    with laptop.open() as installation:
        export_workbook(target, installation=installation, app_version="test", password=password)
    return target


def _decrypted(path: Path, password: str) -> bytes:
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password, verify_password=True)
        plain = io.BytesIO()
        office.decrypt(plain)
    return plain.getvalue()


def test_a_protected_export_decrypts_with_msoffcrypto_and_the_password_and_holds_no_name(office, tmp_path):
    book = _export(office, tmp_path / "office.xlsx", PASSWORD)
    assert book.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 container, as Excel writes an encrypted one
    assert "张三明".encode() not in book.read_bytes() and "张三明".encode("utf-16-le") not in book.read_bytes()
    workbook = openpyxl.load_workbook(io.BytesIO(_decrypted(book, PASSWORD)), read_only=True)
    cells = {cell for row in workbook["居民"].iter_rows(min_row=2, values_only=True) for cell in row}
    assert "张三明" in cells
    assert PLAIN_WARNING not in [row[0] for row in workbook["说明"].iter_rows(values_only=True) if row]


def test_a_plain_export_says_on_its_first_sheet_that_it_is_not_encrypted(office, tmp_path):
    book = _export(office, tmp_path / "office.xlsx", None)
    workbook = openpyxl.load_workbook(book, read_only=True)
    assert PLAIN_WARNING in [row[0] for row in workbook["说明"].iter_rows(values_only=True) if row]


def test_a_protected_workbook_merges_with_its_password_and_leaves_no_plain_file(office, tmp_path, monkeypatch):
    book = _export(office, tmp_path / "office.xlsx", PASSWORD)
    written = []
    real_open = open

    def watching_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax"):
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    laptop = Laptop(tmp_path / "laptop.db", "一号机")
    use_password(PASSWORD)
    monkeypatch.setattr("builtins.open", watching_open)
    receipts = laptop.merge(book)
    monkeypatch.undo()
    assert receipts[0].accepted
    assert laptop.snapshot() == office.snapshot()
    assert not [name for name in written if name.endswith((".xlsx", ".zip", ".tmp"))]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["office.xlsx"]


@pytest.mark.parametrize("password, said", [(None, "文件已加密"), ("不对的密码", "密码不对")])
def test_merge_without_or_with_a_wrong_password_is_one_line_and_changes_nothing(
        office, tmp_path, monkeypatch, capsys, password, said):
    book = _export(office, tmp_path / "office.xlsx", PASSWORD)
    laptop = tmp_path / "laptop.db"
    if password is None:
        monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(PASSWORD_VARIABLE, password)
    assert run(["--db", str(laptop), "merge", str(book)]) == 1
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and said in error
    assert not laptop.exists()


def test_the_command_line_exports_with_a_password_file_and_merges_with_the_variable(
        office, tmp_path, monkeypatch, capsys):
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    book = tmp_path / "office.xlsx"
    assert run(["--db", str(office.path), "export", str(book), "--password-file", str(secret)]) == 0
    assert "not encrypted" not in capsys.readouterr().err
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    assert run(["--db", str(tmp_path / "laptop.db"), "merge", str(book)]) == 0
    assert "office.xlsx: " in capsys.readouterr().out and _resident_on(tmp_path / "laptop.db")


def test_a_plain_export_on_the_command_line_is_marked_as_such(office, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    assert run(["--db", str(office.path), "export", str(tmp_path / "plain.xlsx")]) == 0
    assert "is not encrypted" in capsys.readouterr().err


def test_a_protected_roster_is_read_from_memory_like_a_plain_one(tmp_path):
    plain = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["赵六", "110101199003077777"])
    book.save(plain)
    from sync.spreadsheet.protection import encrypted

    protected = tmp_path / "protected.xlsx"
    protected.write_bytes(encrypted(plain.read_bytes(), PASSWORD))
    use_password(PASSWORD)
    with open_workbook(protected) as workbook:
        rows = [cells for _, cells in workbook.iter_rows(workbook.sheet_names[0])]
    assert rows[1][:2] == ["赵六", "110101199003077777"]


def _resident_on(db_path: Path) -> bool:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT count(*) FROM resident WHERE name = '张三明'").fetchone()[0] == 1
    finally:
        connection.close()


# LibreOffice: opening the protected workbook with its password, and saving it again as a plain one that merges.

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
UNO_SCRIPT = """
import sys, time, subprocess, uno
from com.sun.star.beans import PropertyValue
source, password, target, profile = sys.argv[1:5]
office = subprocess.Popen(["{soffice}", "--headless", "--norestore", "-env:UserInstallation=file://" + profile,
                           "--accept=pipe,name=lianxin_privacy;urp;"])
context = uno.getComponentContext()
resolver = context.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", context)
for _ in range(600):
    try:
        remote = resolver.resolve("uno:pipe,name=lianxin_privacy;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.1)
desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                        (prop("Hidden", True), prop("Password", password)))
if document is None:
    print("NOT LOADED"); office.terminate(); sys.exit(3)
document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Calc MS Excel 2007 XML"),))
document.close(True)
try:
    desktop.terminate()
except Exception:
    pass
office.wait(timeout=60)
"""


def _uno_available() -> str | None:
    if SOFFICE is None:
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    if not Path(LO_PYTHON).exists() or subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True).returncode:
        return "LibreOffice's Python bridge (uno) is not installed: apt-get install python3-uno"
    return None


@pytest.mark.slow
def test_libreoffice_opens_the_protected_workbook_with_its_password_and_its_plain_save_merges(office, tmp_path):
    missing = _uno_available()
    if missing:
        pytest.skip(missing)
    book = _export(office, tmp_path / "office.xlsx", PASSWORD)
    saved = tmp_path / "saved-by-libreoffice.xlsx"
    script = tmp_path / "open_with_password.py"
    script.write_text(UNO_SCRIPT.replace("{soffice}", SOFFICE), encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    done = subprocess.run([LO_PYTHON, str(script), str(book), PASSWORD, str(saved), str(tmp_path / "lo-profile")],
                          capture_output=True, text=True, timeout=300, env=environment)
    assert done.returncode == 0, done.stdout + done.stderr
    assert saved.read_bytes().startswith(b"PK")  # LibreOffice decrypted it: it opened with the password
    laptop = Laptop(tmp_path / "laptop.db", "一号机")
    receipts = laptop.merge(saved)
    assert receipts[0].accepted
    assert _resident_on(laptop.path)


def test_a_workbook_with_another_password_is_refused_alone_and_the_others_merge(office, tmp_path):
    first = _export(office, tmp_path / "first.xlsx", PASSWORD)
    other = _export(office, tmp_path / "other.xlsx", "另一个密码-999")
    laptop = Laptop(tmp_path / "laptop.db", "一号机")
    use_password(PASSWORD)
    receipts = laptop.merge(first, other)
    assert [receipt.accepted for receipt in receipts] == [True, False]
    assert "密码不对" in " ".join(receipts[1].refused)
    assert _resident_on(laptop.path)
