"""The one refusal of a spreadsheet: which file, sheet, row and column, and why.

Every reader and check of the package raises `WorkbookRefused`, so a caller
catches one class, whatever the file and whatever went wrong with it.  The
parts of the place are kept apart: the roster's import puts them in its one
line (`message`), the exchange's receipt in its own words.
"""

from __future__ import annotations

from pathlib import Path


class WorkbookRefused(Exception):
    """The file (or one place in it) cannot be read; the message says where and why.

    `file` (the name without its folder), `sheet`, `row` (1-based, as the
    spreadsheet shows it) and `column` (a letter) are kept separately so a
    caller can put them in a report.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | Path,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = Path(file).name
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column is not None:
            where.append(f"{self.column} 列")
        return "，".join(where) + "：" + self.reason

    def __reduce__(self):
        """Pickled by its parts: a reading process sends it to the importing one."""
        return _rebuilt, (self.reason, self.file, self.sheet, self.row, self.column)


def _rebuilt(reason: str, file: str, sheet: str | None, row: int | None, column: str | None) -> WorkbookRefused:
    return WorkbookRefused(reason, file=file, sheet=sheet, row=row, column=column)


def short(error: BaseException) -> str:
    """The first line of an error's text (or its type), cut to 120 characters: for a reason."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


def damage(error: BaseException) -> str:
    """The reason a file a parser could not read is refused, in words for the user."""
    detail = short(error)
    if "entity" in detail.lower() or "doctype" in detail.lower():
        return f"{ENTITIES}（{detail}）"
    return f"文件已损坏，无法读取（{detail}）"


ENTITIES = "文件含有 XML 实体定义（可能是恶意构造的文件），已拒绝"
ENCRYPTED = "文件已加密（设了打开密码），请在 Excel 或 WPS 中取消密码、另存后再导入"
