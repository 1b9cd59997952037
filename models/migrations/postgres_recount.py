"""The body of a kept-count recount function (migration 14), shared by the households' and the demands' counts.

Both lock their kept rows in id order before reading anything, keep the old rows, write the fresh ones and
move the totals by the difference (models/migrations/postgres_kept_counts.py explains why in that order).
"""

from __future__ import annotations


def recount_function(name: str, kept: str, key: str, columns: tuple[str, ...], fresh: str, totals) -> str:
    """`CREATE FUNCTION name(ids text[])`: recount the `kept` rows (keyed by `key`) of `ids` from `fresh`."""
    assignments = ", ".join(f'"{column}" = f.{column}' for column in columns)
    return (
        f'CREATE OR REPLACE FUNCTION {name}(ids text[]) RETURNS void LANGUAGE plpgsql AS $body$\n'
        f'DECLARE wanted text[]; old "{kept}"[];\n'
        'BEGIN\n'
        "  SELECT array_agg(DISTINCT id ORDER BY id) INTO wanted FROM unnest(ids) AS u(id) WHERE id IS NOT NULL AND id <> '';\n"
        '  IF wanted IS NULL THEN RETURN; END IF;\n'
        f'  INSERT INTO "{kept}" ("{key}") SELECT unnest(wanted) ON CONFLICT DO NOTHING;\n'
        f'  PERFORM 1 FROM "{kept}" WHERE "{key}" = ANY(wanted) ORDER BY "{key}" FOR UPDATE;\n'
        f'  SELECT array_agg(k) INTO old FROM "{kept}" k WHERE k."{key}" = ANY(wanted);\n'
        f'  UPDATE "{kept}" k SET {assignments} FROM ({fresh}) f WHERE k."{key}" = f.{key};\n'
        + ''.join(f'  {statement};\n' for statement in totals)
        + 'END $body$'
    )
