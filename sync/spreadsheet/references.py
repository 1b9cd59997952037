"""Column letters: how a spreadsheet names the 0-based column indexes the readers use."""

from __future__ import annotations

MAX_COLUMNS = 16_384  # A … XFD, what Excel, WPS and LibreOffice allow


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """0-based index of a column name in capitals (A → 0, XFD → 16383)."""
    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - 64)
    return value - 1
