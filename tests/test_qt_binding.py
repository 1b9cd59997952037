"""The Qt binding keeps Python's reference counts: a broken release aborts the window at exit.

PySide6 6.12.0 returned None without taking a reference each time a Qt call
handed back an empty value (`index.data(role)` on an empty cell, an item's
unset role).  On Python 3.11 None is not immortal: a few thousand such calls
on a district's registry and the interpreter aborted while closing the window
("deallocating None", exit 134).  pyproject.toml keeps that release out; this
test fails on any release that brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem

CALLS = 500


class EmptyCells(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.DisplayRole):
        return None


def references_to_none_lost(call) -> int:
    call()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()
    return before - sys.getrefcount(None)


def test_an_empty_cell_read_through_qt_keeps_none_alive(qapp):
    model = EmptyCells()
    assert references_to_none_lost(lambda: model.index(1, 1).data(Qt.DisplayRole)) < CALLS // 2


def test_an_unset_item_role_keeps_none_alive(qapp):
    item = QStandardItem("丁街社区")
    assert references_to_none_lost(lambda: item.data(Qt.UserRole + 7)) < CALLS // 2
