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
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def test_contract_catches_a_qt_import(tmp_path):
    """The checker is not asleep: a models/ module importing Qt breaks the contract."""
    for package in ("models", "sync", "desktop", "ui"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "models" / "sneaky.py").write_text("from PySide6.QtCore import QObject\n")
    result = subprocess.run(lint_imports_command(), cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "models.sneaky" in result.stdout
