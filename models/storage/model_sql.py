"""Plain SQL for bulk writers and hot reads, derived from the peewee models so that it follows them.

A district's import writes hundreds of thousands of rows, and peewee's query
building would cost more than SQLite's work; so bulk writers use plain SQL
(`models.storage.bulk_writer`).  A hand-written column list would have to mirror the
model, and a field added to the model but not to the list would be left NULL
without a word.  These statements are built from the model instead: an insert
names every column of the table, in the model's order, the columns a writer
gives as parameters and every other one as the literal of the model's default.  A field the writer
does not give and that has no constant default (a name, a new uuid) stops the
statement from being built at all, at import time.
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import Model


def columns_of(model: type[Model]) -> list[str]:
    """The model's column names, in the order of its fields."""
    return [field.column_name for field in model._meta.sorted_fields]


def column_list(model: type[Model], names: Sequence[str]) -> str:
    """`names`, each checked to be a column of `model`, quoted and joined for a SELECT."""
    unknown = [name for name in names if name not in model._meta.columns]
    if unknown:
        raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
    return ", ".join(f'"{name}"' for name in names)


def insert_statement(model: type[Model], given: Sequence[str], suffix: str = "") -> str:
    """``INSERT INTO "table" (every column) VALUES (…)``, in the model's order of fields: a ``?`` for each
    column in `given`, every other column its model default as a literal (then `suffix`, an ON CONFLICT clause).

    `given` lists the columns of the rows a writer binds, in the model's order (the order of the
    table's columns, which spares SQLite from shuffling each row).  Raises ValueError for a column
    the model lacks or out of that order, or for a column not given whose default is not a constant
    (None, a bool, a number, or a text without "?").
    """
    column_list(model, given)
    order = columns_of(model)
    if [name for name in order if name in given] != list(given):
        raise ValueError(f"{model.__name__}: give the columns in the model's order ({', '.join(order)})")
    values = ["?" if field.column_name in given else _literal(model, field) for field in model._meta.sorted_fields]
    columns = ", ".join(f'"{name}"' for name in order)
    return f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join(values)}){suffix}'


def _literal(model: type[Model], field) -> str:
    default = field.default
    if callable(default) or (default is None and not field.null):
        raise ValueError(f"{model.__name__}.{field.name} has no constant default: a bulk insert must give it")
    if default is None:
        return "NULL"
    if isinstance(default, bool):
        return str(int(default))
    if isinstance(default, (int, float)):
        return repr(default)
    if isinstance(default, str) and "?" not in default:
        return "'" + default.replace("'", "''") + "'"
    raise ValueError(f"{model.__name__}.{field.name}: no SQL literal for its default {default!r}")
