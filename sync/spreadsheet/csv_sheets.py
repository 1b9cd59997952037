"""CSV text as a one-sheet workbook, streamed, in UTF-8 or in the GBK Chinese Excel saves by default."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sync.spreadsheet.guard import text_encoding
from sync.spreadsheet.refusal import WorkbookRefused
from sync.spreadsheet.workbook import Workbook

UNKNOWN_ENCODING = "文本编码无法识别（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 的 CSV"


class CsvWorkbook(Workbook):
    """A CSV file: one sheet named after the file, its rows read as they are asked for."""

    kind = "csv"

    def __init__(self, path: Path, opened_as: tuple[int, int] = (0, 0)) -> None:
        super().__init__(path, [path.stem], opened_as)
        encoding = text_encoding(path)
        if encoding is None:
            raise WorkbookRefused(UNKNOWN_ENCODING, file=path)
        self._encoding = encoding

    def _rows(self, sheet: str) -> Iterator[tuple[int, list]]:
        row_number = 0
        try:
            with self.path.open("r", encoding=self._encoding, newline="") as handle:
                sample = handle.read(64 * 1024)
                handle.seek(0)
                dialect = _sniff_dialect(sample)
                for row_number, values in enumerate(csv.reader(handle, dialect), start=1):
                    yield row_number, [value if value != "" else None for value in values]
        except UnicodeDecodeError:
            raise self.refuse(UNKNOWN_ENCODING, sheet=sheet, row=row_number + 1) from None
        except csv.Error as error:
            raise self.refuse(f"CSV 格式有误（{error}）", sheet=sheet, row=row_number + 1) from None


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample[:16 * 1024], delimiters=",\t;")
    except csv.Error:
        return csv.excel
