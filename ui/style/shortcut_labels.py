"""Shortcuts live in tooltips, not in labels: "导入花名册(&I)…（Ctrl+I）" shows as "导入花名册(&I)…".

The sections' strings name their keys ("… (Ctrl+I)") so the translations keep
them together; the style calls `move_to_tooltip` when a button, a check box or
a tab bar is first polished, which puts the keys in the tooltip ("导入花名册…
Ctrl+I") and leaves the label short. The shortcuts themselves are QShortcuts
and QActions, untouched: every key still works.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QTabBar, QWidget

KEYS = r"(?:Ctrl|Alt|Shift|Esc|Del|Return|Enter|Space|F\d{1,2}|Page ?Up|Page ?Down|Home|End|Tab|Backspace)\b[^()（）]*"
SHORTCUT = re.compile(r"\s*[（(]\s*(" + KEYS + r"(?:\s*[,，、/或]\s*" + KEYS + r")*)\s*[)）]\s*$")


def split(text: str) -> tuple[str, str]:
    """("label without its keys", "keys") — keys empty when the label names none."""
    found = SHORTCUT.search(text)
    if found is None:
        return text, ""
    return text[: found.start()].rstrip(), found.group(1).strip()


def tooltip_for(label: str, keys: str, tooltip: str) -> str:
    plain = label.replace("&&", "\0").replace("&", "").replace("\0", "&")
    plain = re.sub(r"[（(][A-Za-z0-9][)）]", "", plain)  # "导入花名册(I)…" → "导入花名册…"
    return f"{tooltip or plain}  {keys}"


def move_to_tooltip(widget: QWidget) -> None:
    if isinstance(widget, QAbstractButton):
        text = widget.text()
        label, keys = split(text)
        if keys:
            widget.setToolTip(tooltip_for(label, keys, widget.toolTip()))
            # setText puts the label's mnemonic in place of the button's shortcut: a button given
            # Ctrl+N with setShortcut would answer only Alt+letter afterwards. Keep the one it had.
            shortcut = widget.shortcut()
            widget.setText(label)
            if shortcut != QKeySequence.mnemonic(text):
                widget.setShortcut(shortcut)
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            label, keys = split(widget.tabText(index))
            if keys:
                widget.setTabToolTip(index, tooltip_for(label, keys, widget.tabToolTip(index)))
                widget.setTabText(index, label)
