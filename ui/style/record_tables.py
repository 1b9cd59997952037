"""A table of records as every list of the window shows one: whole rows, one at a time, Tab leaves it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def record_table(name: str, model: QAbstractItemModel) -> QTableView:
    """A table that selects one whole row; Tab moves on to the next widget instead of the next cell,
    so a keyboard user can leave the list (the cells are read, not edited)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    return table
