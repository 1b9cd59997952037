"""Protected workbooks derive the password's key once per run and office salt, not once per file (issue 19).

That they still open in LibreOffice with the password: tests/test_protected_workbooks.py (its exports use
the office salt and this encryption)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import msoffcrypto
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from msoffcrypto.method.ecma376_agile import ECMA376Agile

from desktop.cli import run
from desktop.operations import privacy
from models.records.installation import Setting
from sync.exchange.password_salt import SALT_KEY
from sync.exchange.read_ahead import _reader_started
from sync.exchange.writer import export_workbook
from sync.spreadsheet import agile_keys
from sync.spreadsheet.protection import PASSWORD_VARIABLE, decrypted, use_password
from tests.exchange_fixtures import Laptop, seed_registry
from tests.test_protected_workbooks import office  # noqa: F401  (the fixture: an office database)

PASSWORD = "社区-交换-2026"


@pytest.fixture(autouse=True)
def clean_run():
    agile_keys.forget()
    yield
    use_password(None)
    agile_keys.forget()


@pytest.fixture
def derivations(monkeypatch):
    """How many times the standard's 100,000-round password hash was computed."""
    calls = []
    real = ECMA376Agile._derive_iterated_hash_from_password

    def counted(password, salt, algorithm, spin):
        calls.append((password, bytes(salt), spin))
        return real(password, salt, algorithm, spin)

    monkeypatch.setattr(ECMA376Agile, "_derive_iterated_hash_from_password", staticmethod(counted))
    return calls


def _exports(laptop: Laptop, folder: Path, count: int, password: str = PASSWORD) -> list[Path]:
    paths = []
    with laptop.open() as installation:
        for index in range(count):
            path = folder / f"office{index}.xlsx"
            export_workbook(path, installation=installation, app_version="test", password=password)
            paths.append(path)
    return paths


def _header(path: Path) -> dict:
    with path.open("rb") as handle:
        return OOXMLFile(handle).info


def test_two_exports_share_the_office_salt_yet_differ_in_their_keys_and_bytes(office, tmp_path):
    first, second = _exports(office, tmp_path, 2)
    one, two = _header(first), _header(second)
    assert one["passwordSalt"] == two["passwordSalt"] and len(one["passwordSalt"]) == 16
    assert one["spinValue"] == two["spinValue"] == 100_000
    assert one["passwordHashAlgorithm"] == "SHA512" and one["passwordKeyBits"] == 256
    assert one["keyDataSalt"] != two["keyDataSalt"]
    assert one["encryptedKeyValue"] != two["encryptedKeyValue"]
    assert one["encryptedVerifierHashInput"] != two["encryptedVerifierHashInput"]
    assert first.read_bytes() != second.read_bytes()
    keys = []
    for path in (first, second):  # msoffcrypto's own path, password checked: the files keep to the standard
        with path.open("rb") as handle:
            office_file = msoffcrypto.OfficeFile(handle)
            office_file.load_key(password=PASSWORD, verify_password=True)
            keys.append(office_file.secret_key)
            plain = io.BytesIO()
            office_file.decrypt(plain, verify_integrity=True)
            assert plain.getvalue().startswith(b"PK")
    assert keys[0] != keys[1] and len(keys[0]) == 32


def test_another_database_exports_with_its_own_salt(office, tmp_path):
    other = Laptop(tmp_path / "other.db", "一号机")
    with other.open() as installation:
        seed_registry(installation)
    (tmp_path / "other").mkdir()
    (mine,), (theirs,) = _exports(office, tmp_path, 1), _exports(other, tmp_path / "other", 1)
    assert _header(mine)["passwordSalt"] != _header(theirs)["passwordSalt"]


def test_a_merge_of_many_protected_files_of_one_office_derives_the_key_once(office, tmp_path, derivations):
    paths = _exports(office, tmp_path, 5)
    assert len(derivations) == 1  # five exports: one derivation
    agile_keys.forget()  # as a new run on another laptop
    derivations.clear()
    laptop = Laptop(tmp_path / "laptop.db", "一号机")
    assert privacy.workbook_password_problem(paths[0], PASSWORD) is None  # as the window checks, then takes it
    privacy.use_workbook_password(PASSWORD)
    receipts = laptop.merge(*paths)
    assert all(receipt.accepted for receipt in receipts)
    assert len(derivations) == 1
    assert laptop.snapshot() == office.snapshot()


def test_the_merges_reader_processes_start_with_the_keys_already_derived(office, tmp_path, derivations):
    (book,) = _exports(office, tmp_path, 1)
    handed = agile_keys.known_hashes()
    agile_keys.forget()  # as a freshly started reader process
    derivations.clear()
    _reader_started(PASSWORD, handed)
    assert decrypted(book).startswith(b"PK")
    assert derivations == []


def test_a_workbook_another_program_encrypted_with_a_random_salt_still_opens(tmp_path, office, derivations):
    (ours,) = _exports(office, tmp_path, 1)
    plain = decrypted(ours, PASSWORD)
    foreign = tmp_path / "foreign.xlsx"
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(PASSWORD, out)  # msoffcrypto's own encryption: a random salt
    foreign.write_bytes(out.getvalue())
    derivations.clear()
    assert decrypted(foreign, PASSWORD) == plain
    assert len(derivations) == 1  # its own salt: derived for it (and not for ours again)
    assert decrypted(ours, PASSWORD) == plain and len(derivations) == 1


def test_a_wrong_password_is_refused_in_one_line_though_the_right_key_is_cached(office, tmp_path, monkeypatch, capsys):
    (book,) = _exports(office, tmp_path, 1)
    laptop = tmp_path / "laptop.db"
    monkeypatch.setenv(PASSWORD_VARIABLE, "不对的密码")
    assert run(["--db", str(laptop), "merge", str(book)]) == 1
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and "密码不对" in error
    assert not laptop.exists()
    with pytest.raises(agile_keys.WrongPassword):
        agile_keys.secret_key(_header(book), "不对的密码")


@pytest.mark.both_databases
def test_the_office_salt_is_kept_in_the_database_settings_on_either_store(db, tmp_path):
    seed_registry(db)
    for name in ("a.xlsx", "b.xlsx"):
        export_workbook(tmp_path / name, installation=db, app_version="test", password=PASSWORD)
    salts = {_header(tmp_path / name)["passwordSalt"] for name in ("a.xlsx", "b.xlsx")}
    stored = Setting.read(SALT_KEY)
    assert len(salts) == 1 and stored and base64.b64decode(stored) in salts
