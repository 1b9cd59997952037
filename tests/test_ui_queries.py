"""The window reads and writes through named functions of models/ and desktop.operations, never a query of its own.

import-linter keeps peewee and sync/ out of ui/ (tests/test_layers.py); this
keeps out what an import cannot show: a query built on a model class
(`Cadre.alive().where(…)`), SQL through the database object, a record written
with `.save()` in a widget.  A new list or action is a function in models/ or an
operation in desktop/operations/ (docs/architecture.md).
"""

import ast
from pathlib import Path

from models.schema import ALL_MODELS

UI = Path(__file__).resolve().parent.parent / "ui"
MODEL_NAMES = {model.__name__ for model in ALL_MODELS}
WRITES = {"save", "mark_deleted", "delete_instance"}


def _root(node: ast.AST) -> ast.AST:
    """The name a chain of attributes and calls starts from (`Cadre` in `Cadre.alive().where(x)`)."""
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def queries_in(source: str) -> list[tuple[int, str]]:
    """(line, what) of each line that queries or writes on a model class, the database or a record, in `source`."""
    found: dict[int, str] = {}
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        root = _root(node.func)
        name = root.id if isinstance(root, ast.Name) else ""
        if name in MODEL_NAMES or name == "database" or node.func.attr in ("execute_sql", "get_or_none", "get_by_id"):
            found.setdefault(node.lineno, f"{name}….{node.func.attr}()")
        elif node.func.attr in WRITES and not node.args and name not in ("self", "super"):
            found.setdefault(node.lineno, f"{name}.{node.func.attr}()")
    return sorted(found.items())


def test_no_widget_builds_a_query_or_writes_a_record():
    found = {str(path.relative_to(UI.parent)): queries_in(path.read_text(encoding="utf-8"))
             for path in sorted(UI.rglob("*.py"))}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_the_check_sees_queries_and_writes():
    """The checker is not asleep: each way the window once queried or wrote is found."""
    source = (
        "everyone = Cadre.alive().where(Cadre.grid == grid).order_by(Cadre.name)\n"
        "rows = database.execute_sql('SELECT 1')\n"
        "resident = Resident.get_by_id(uuid)\n"
        "resident.save()\n"
        "self.settings.save()\n"  # a widget's own method: not a record
        "', '.join(names)\n"
    )
    assert [line for line, _ in queries_in(source)] == [1, 2, 3, 4]
