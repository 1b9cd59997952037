"""The receipt of a merge: per file, what it brought and what was refused; savable as a workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sync.spreadsheet import column_letter
from sync.spreadsheet.xlsx_writer import HEADER, TEXT, StreamingWorkbook, number_cell, safe_text_cell, text_cell

COLUMNS = (
    ("文件", "file", 28), ("结果", "status_text", 8), ("来源设备", "source_name", 20), ("导出时间", "exported_at", 22),
    ("范围", "scope", 16), ("新增", "new", 8), ("更新", "updated", 8), ("未变", "unchanged", 8),
    ("冲突", "conflicts", 8), ("手工修改", "hand_edits", 10), ("手工新增", "added_by_hand", 10),
    ("拒绝原因数", "refused_count", 10), ("按数字或文字读出的日期", "lenient_dates", 12), ("说明", "note", 40),
)


@dataclass
class FileReceipt:
    file: str
    source_device: str = ""
    source_name: str = ""
    exported_at: str = ""
    scope: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    hand_edits: int = 0  # rows edited by hand, also counted in updated/conflicts
    added_by_hand: int = 0  # rows added by hand, also counted in new/conflicts
    refused: list[str] = field(default_factory=list)  # problem lines; any line means the file was refused
    merged_before: str = ""  # when these very bytes were merged whole before (ISO time): the file was not read
    lenient_dates: int = 0  # date cells another program left as a plain number or as text, read as dates
    ignored_sheets: list[str] = field(default_factory=list)  # sheets a person added: not read
    ignored_columns: list[str] = field(default_factory=list)  # "sheet: column" a person added: not read

    def count(self, outcome: str) -> None:
        name = "conflicts" if outcome == "conflict" else outcome
        setattr(self, name, getattr(self, name) + 1)

    def refuse(self, lines: list[str]) -> None:
        """The file's transaction rolled back: nothing it brought was kept."""
        self.refused = lines
        self.new = self.updated = self.unchanged = self.conflicts = self.hand_edits = self.added_by_hand = 0
        self.lenient_dates = 0
        self.ignored_sheets, self.ignored_columns = [], []

    @property
    def accepted(self) -> bool:
        return not self.refused

    @property
    def recognised(self) -> bool:
        return bool(self.merged_before)

    @property
    def merged_before_text(self) -> str:
        """The earlier merge's time as a person reads it: 2026-11-20 14:02."""
        return self.merged_before.replace("T", " ")[:16]

    @property
    def status_text(self) -> str:
        if not self.accepted:
            return "已拒绝"
        return "此前已合并" if self.recognised else "已合并"

    @property
    def note(self) -> str:
        """The receipt workbook's 说明: what a recognised file means, and what of the file was not read,
        in the words of the office."""
        if self.recognised:
            return f"已于 {self.merged_before_text} 合并过这个文件，没有新内容"
        return "；".join(chinese for _, chinese in self.read_notes())

    @property
    def refused_count(self) -> int:
        return len(self.refused)

    def summary(self) -> str:
        if not self.accepted:
            return f"{self.file}: refused — {self.refused[0]}"
        if self.recognised:
            return f"{self.file}: already merged on {self.merged_before_text}; nothing new ({self.unchanged} unchanged)"
        return (f"{self.file}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.conflicts} conflicts ({self.hand_edits} edited and {self.added_by_hand} added by hand)"
                + "".join(f"; {english}" for english, _ in self.read_notes()))

    def read_notes(self) -> list[tuple[str, str]]:
        """(English, Chinese) for what of an accepted file was read other than as Lianxin wrote it, or not read."""
        notes = []
        if self.lenient_dates:
            notes.append((f"{self.lenient_dates} date(s) read from a plain number or from text",
                          f"{self.lenient_dates} 个日期是按数字或文字读出的"))
        if self.ignored_sheets:
            notes.append((f"sheets added by hand, not read: {', '.join(self.ignored_sheets)}",
                          f"未读取自行添加的工作表：{'、'.join(self.ignored_sheets)}"))
        if self.ignored_columns:
            notes.append((f"columns added by hand, not read: {', '.join(self.ignored_columns)}",
                          f"未读取自行添加的列：{'、'.join(self.ignored_columns)}"))
        return notes


def save_receipt(path: str | Path, receipts: list[FileReceipt]) -> None:
    """Write the receipts as a workbook: one row per file, then every refusal reason on its own sheet."""
    workbook = StreamingWorkbook(path)
    sheet = workbook.add_sheet("回执", [width for _, _, width in COLUMNS], [TEXT] * len(COLUMNS))
    letters = [column_letter(i) for i in range(len(COLUMNS))]
    sheet.row(1, [text_cell(f"{letters[i]}1", title, HEADER) for i, (title, _, _) in enumerate(COLUMNS)])
    for number, receipt in enumerate(receipts, start=2):
        cells = []
        for letter, (_, attribute, _) in zip(letters, COLUMNS):
            value = getattr(receipt, attribute)
            if isinstance(value, int):
                cells.append(number_cell(f"{letter}{number}", value))
            elif value:
                cells.append(safe_text_cell(f"{letter}{number}", value))
        sheet.row(number, cells)
    reasons = workbook.add_sheet("拒绝原因", [28, 120], [TEXT, TEXT])
    reasons.row(1, [text_cell("A1", "文件", HEADER), text_cell("B1", "原因", HEADER)])
    number = 1
    for receipt in receipts:
        for line in receipt.refused:
            number += 1
            reasons.row(number, [safe_text_cell(f"A{number}", receipt.file), safe_text_cell(f"B{number}", line)])
    workbook.close()
