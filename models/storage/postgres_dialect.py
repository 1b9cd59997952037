"""The SQLite SQL written by hand across the models and the exchange, as PostgreSQL reads it.

Why translate instead of writing each statement twice: the hand-written SQL of
Lianxin (merge, search, figures, import) is tuned for SQLite, the laptops' store,
and is owned by the modules that use it; a second copy of each would drift.  The
differences those statements touch are few and mechanical, so they are rewritten
here once, when a statement is first seen (the result is cached):

* parameters: SQLite's ``?`` becomes psycopg's ``%s`` (outside string literals),
  and a literal ``%`` is doubled; a ``%s`` already there (a peewee query built into
  hand-written SQL) stays a parameter;
* SQLite's unary ``+column`` (which keeps its planner off an index) loses the ``+``;
* SQLite's ``CROSS JOIN … ON`` (a join order it must keep) is a plain ``JOIN … ON``;
* a subquery in FROM without a name gets one (PostgreSQL 15 wants it);
* SQLite's ``temp.`` schema is PostgreSQL's ``pg_temp.``;
* ``WITHOUT ROWID`` (a temporary table's storage) goes;
* ``INSERT OR IGNORE INTO … `` becomes ``INSERT INTO … ON CONFLICT DO NOTHING``;
* a condition that is 0 or 1 (``WHERE 1``, ``AND 0``: SQLite's integers as truth) becomes false / true;
* ``json_each(x)`` (the search keys kept as a JSON array) becomes
  ``json_array_elements_text(x::json)``;
* what SQLite calls ``instr`` is created as a function by the PostgreSQL schema
  (`models.migrations.postgres`), so it needs no rewriting here.

Statements peewee builds from the models go through the same translation, which
leaves them as they are (peewee writes them for PostgreSQL already).
What cannot be translated — PRAGMAs, FTS5's own tables, ``sqlite_master`` — is
asked differently where it is asked (`models.storage.postgres`, the search).
"""

from __future__ import annotations

import re
from functools import lru_cache

_LITERAL = re.compile(r"'(?:[^']|'')*'")
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_WHERE_TRUTH = re.compile(r"\b(WHERE|AND|OR|ON|WHEN|NOT|\()\s*([01])\b(?!\s*[=<>!+*/,.-])", re.IGNORECASE)
_PERCENT = re.compile(r"%(?!s)")  # a literal percent; "%s" is already a parameter (peewee's part of a statement)
_UNARY_PLUS = re.compile(r'(?<=[\s(,=])\+(?=[A-Za-z_"])')
_CROSS_JOIN_ON = re.compile(r'\bCROSS\s+JOIN(\s+"?\w+"?(?:\s+(?!ON\b)\w+)?\s+ON\b)', re.IGNORECASE)
_TEMP_SCHEMA = re.compile(r"\btemp\.(?=[\"A-Za-z_])", re.IGNORECASE)
_JSON_EACH = re.compile(r"json_each\(([^()]+)\)\s+(\w+)", re.IGNORECASE)


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """`sql`, written for SQLite, as PostgreSQL (through psycopg's parameter style) reads it."""
    parts = []
    position = 0
    for literal in _LITERAL.finditer(sql):
        parts.append(_code(sql[position:literal.start()]))
        parts.append(literal.group(0).replace("%", "%%"))
        position = literal.end()
    parts.append(_code(sql[position:]))
    text = "".join(parts)
    text = text.replace(" WITHOUT ROWID", "")
    if _FROM_SUBQUERY.search(text):
        text = _name_subqueries(text)
    if _INSERT_OR_IGNORE.match(text):
        text = _INSERT_OR_IGNORE.sub("INSERT INTO", text, count=1).rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return text


_FROM_SUBQUERY = re.compile(r"\b(FROM|JOIN)\s*\(\s*SELECT\b", re.IGNORECASE)
_ALIAS_FOLLOWS = re.compile(r'\s*(AS\b|"|[A-Za-z_])', re.IGNORECASE)
_NOT_ALIASES = re.compile(r"\s*(WHERE|GROUP|ORDER|LIMIT|UNION|EXCEPT|INTERSECT|JOIN|LEFT|INNER|CROSS|ON|HAVING)\b",
                          re.IGNORECASE)


def _name_subqueries(text: str) -> str:
    """Give each unnamed subquery in FROM a name: SQLite (and PostgreSQL from 16) need none, 15 does."""
    out, position, number = [], 0, 0
    for found in _FROM_SUBQUERY.finditer(text):
        if found.start() < position:
            continue
        opening = text.index("(", found.start())
        depth, end = 0, opening
        for end in range(opening, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        rest = text[end + 1:]
        out.append(text[position:end + 1])
        if not _ALIAS_FOLLOWS.match(rest) or _NOT_ALIASES.match(rest):
            number += 1
            out.append(f" AS lianxin_subquery_{number}")
        position = end + 1
    out.append(text[position:])
    return "".join(out)


def _code(text: str) -> str:
    """The part of a statement outside string literals."""
    text = _PERCENT.sub("%%", text).replace("?", "%s")
    text = _UNARY_PLUS.sub("", text)
    text = _TEMP_SCHEMA.sub("pg_temp.", text)
    text = _CROSS_JOIN_ON.sub(r"JOIN\1", text)
    text = _WHERE_TRUTH.sub(lambda found: f'{found.group(1)} {"true" if found.group(2) == "1" else "false"}', text)
    return _JSON_EACH.sub(lambda found: f'json_array_elements_text(({found.group(1)})::json) AS {found.group(2)}("value")',
                          text)
