"""The floors hold: the contracts in pyproject.toml, checked by import-linter.

models/ and sync/ never import Qt; ui/ never reaches past models/ and
desktop.operations into sync/ or peewee; desktop.operations and
desktop.printing never import Qt; each floor imports only the floors below it;
sync.spreadsheet knows neither the roster, the exchange nor the models, and the
roster and the exchange share it rather than import each other; no package
(sync/ included) has an import circle (docs/architecture.md).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports_command() -> list[str]:
    beside = Path(sys.executable).parent / "lint-imports"
    return [str(beside if beside.exists() else shutil.which("lint-imports"))]


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(lint_imports_command(), cwd=root, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_import_contracts_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 9 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, code, contract, named", [
    ("models/sneaky.py", "from PySide6.QtCore import QObject\n", "models/ and sync/ never import Qt", "models.sneaky"),
    ("ui/sneaky.py", "from sync.exchange import settle_conflicts\n", "never sync/ or", "ui.sneaky"),
    ("ui/sneaky.py", "from peewee import fn\n", "never sync/ or", "ui.sneaky"),
    ("desktop/operations/sneaky.py", "from PySide6.QtWidgets import QMessageBox\n", "never import Qt",
     "desktop.operations.sneaky"),
    ("desktop/printing/sneaky.py", "from ui.jobs import JobRunner\n", "never import Qt", "desktop.printing.sneaky"),
    ("sync/sneaky.py", "from desktop.operations import exchange\n", "The floors", "sync.sneaky"),
    ("desktop/operations/sneaky.py", "from desktop.commands import merge\n", "The floors", "desktop.operations.sneaky"),
    ("ui/daily/sneaky.py", "import ui.sections.visits\n", "No import circle", ".daily -> .sections"),
    ("models/records/sneaky.py", "import models.work.demands\n", "models/ by domain", "models.records.sneaky"),
    ("sync/spreadsheet/sneaky.py", "from sync.roster import columns\n", "knows no domain", "sync.spreadsheet.sneaky"),
    ("sync/spreadsheet/sneaky.py", "from sync.exchange import format\n", "knows no domain", "sync.spreadsheet.sneaky"),
    ("sync/spreadsheet/sneaky.py", "from models.records.people import Resident\n", "knows no domain", "sync.spreadsheet.sneaky"),
    ("sync/roster/sneaky.py", "from sync.exchange import values\n", "share the spreadsheet package", "sync.roster.sneaky"),
    ("sync/spreadsheet/sneaky.py", "from sync.roster import columns\n", "No import circle", ".spreadsheet -> .roster"),
    ("models/sneaky.py", "import models.records.people\n", None, None),  # a control: harmless
])
def test_a_contract_catches_what_it_forbids(tmp_path, module, code, contract, named):
    """The checker is not asleep: each forbidden import breaks its contract, and a harmless one breaks none."""
    for package in ("models", "sync", "desktop", "ui"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(code)
    result = lint(tmp_path)
    if contract is None:
        assert result.returncode == 0, result.stdout
        return
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts")[-1]
    assert contract in broken and named in broken
