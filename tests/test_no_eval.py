"""Nothing in sync/ turns text into code: no `eval`, `exec` or `compile` of anything at all.

sync/ reads the workbooks people hand in (rosters, laptop workbooks); a converter
built with `eval` from a file's number formats or column titles would run what
the file says.  The check reads the source (ast), so `re.compile` and
`cursor.execute` are not mistaken for them, and it is shown catching each form.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"eval", "exec", "compile", "__import__"}


def code_from_text(source: str) -> list[str]:
    """The calls in `source` that would run text as code: `eval(…)`, `builtins.exec(…)`, `getattr(…, "eval")`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id in FORBIDDEN:
                found.append(f"{function.id}() on line {node.lineno}")
            elif (isinstance(function, ast.Attribute) and function.attr in FORBIDDEN
                  and isinstance(function.value, ast.Name) and function.value.id in {"builtins", "__builtins__"}):
                found.append(f"{function.value.id}.{function.attr}() on line {node.lineno}")
        elif isinstance(node, ast.Constant) and node.value in FORBIDDEN:
            found.append(f"the name {node.value!r} as text on line {node.lineno}")
    return found


def test_sync_runs_no_text_as_code():
    offences = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "sync").rglob("*.py"))
        if (found := code_from_text(path.read_text(encoding="utf-8")))
    }
    assert offences == {}


@pytest.mark.parametrize("source", [
    "convert = eval('lambda v: ' + number_format)\n",
    "exec(code, namespace)\n",
    "function = compile(text, '<sheet>', 'eval')\n",
    "import builtins\nbuiltins.eval(text)\n",
    "run = getattr(builtins, 'exec')\n",
    "module = __import__(name)\n",
])
def test_the_check_catches_each_form(source):
    assert code_from_text(source)


@pytest.mark.parametrize("source", [
    "import re\nPATTERN = re.compile(r'[A-Z]+')\n",
    "cursor.execute('SELECT 1')\n",
    "database.execute_sql(sql)\n",
])
def test_the_check_leaves_ordinary_calls_alone(source):
    assert code_from_text(source) == []
