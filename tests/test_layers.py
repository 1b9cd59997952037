"""models/ and sync/ never import Qt: the contracts in pyproject.toml, checked by import-linter."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports_command() -> list[str]:
    beside = Path(sys.executable).parent / "lint-imports"
    return [str(beside if beside.exists() else shutil.which("lint-imports"))]


def test_import_contracts_hold():
    result = subprocess.run(lint_imports_command(), cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken" in result.stdout


def lint_a_copy_with(tmp_path, module: str, source: str) -> subprocess.CompletedProcess:
    """lint-imports on a copy of the tree with one module added."""
    for package in ("models", "sync", "desktop", "ui"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(source)
    return subprocess.run(lint_imports_command(), cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})


def test_contract_catches_a_qt_import(tmp_path):
    """The checker is not asleep: a models/ module importing Qt breaks the contract."""
    result = lint_a_copy_with(tmp_path, "models/sneaky.py", "from PySide6.QtCore import QObject\n")
    assert result.returncode != 0
    assert "models.sneaky" in result.stdout


def test_contract_keeps_the_spreadsheet_package_free_of_the_domain(tmp_path):
    """A reader that reached for the roster or the models would tie every workbook to one use."""
    result = lint_a_copy_with(tmp_path, "sync/spreadsheet/sneaky.py", "from models.people import Resident\n")
    assert result.returncode != 0
    assert "sync.spreadsheet.sneaky" in result.stdout
