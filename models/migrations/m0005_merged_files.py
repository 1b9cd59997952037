"""Migration 5: remember the workbooks merged whole and clean, by the SHA-256 of their bytes.

Merging the very same file again is then answered from this table without
reading it (see `sync/exchange/recognised_files.py` for why that is correct).
Local bookkeeping, like `conflict`: this table never travels, and a restored
backup copy brings back the table of its own time with its records.
"""

VERSION = 5

STATEMENTS = (
    'CREATE TABLE "merged_file" ("sha256" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
    '"size" INTEGER NOT NULL, "merged_at" TEXT NOT NULL, "source_device" TEXT NOT NULL DEFAULT \'\', '
    '"source_name" TEXT NOT NULL DEFAULT \'\', "exported_at" TEXT NOT NULL DEFAULT \'\', '
    '"export_clock" INTEGER NOT NULL DEFAULT 0, "scope" TEXT NOT NULL DEFAULT \'\', '
    '"new" INTEGER NOT NULL DEFAULT 0, "updated" INTEGER NOT NULL DEFAULT 0, '
    '"unchanged" INTEGER NOT NULL DEFAULT 0, "conflicts" INTEGER NOT NULL DEFAULT 0, '
    '"hand_edits" INTEGER NOT NULL DEFAULT 0, "added_by_hand" INTEGER NOT NULL DEFAULT 0)',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
