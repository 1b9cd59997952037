"""The duplicates screen: likely duplicate households and residents, merged a pair at a time.

Finding and merging run through `context.jobs` (a district's registry takes a
moment to compare, and a household merge moves many records).  Each row shows
the record that will be kept on the left and the one that will be merged into
it on the right; Ctrl+R swaps them, Ctrl+M merges after a question (a merge is
not undone by Ctrl+Z: both histories remain and the merge shows in them), F5
looks again.  ID numbers and phones are masked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from models.duplicates import DuplicatePair, find_duplicates, merge_households, merge_residents
from models.identity import mask_id_number
from models.people import Household, Resident

translate = QCoreApplication.translate
CHUNK = 500


@dataclass(frozen=True)
class PairRow:
    pair: DuplicatePair
    keep: str  # how the kept record reads (masked)
    other: str


def _chunks(uuids: list[str]):
    for start in range(0, len(uuids), CHUNK):
        yield uuids[start:start + CHUNK]


def describe(pairs: list[DuplicatePair]) -> list[PairRow]:
    """Readable, masked labels for every record of `pairs`, read in a few queries (runs off the UI thread)."""
    resident_uuids = sorted({u for p in pairs if p.kind == "resident" for u in (p.keep, p.other)})
    household_uuids = sorted({u for p in pairs if p.kind == "household" for u in (p.keep, p.other)})
    labels: dict[str, str] = {}
    for chunk in _chunks(resident_uuids):
        query = (
            Resident.select(Resident, Household.address.alias("address"))
            .join(Household, on=(Household.uuid == Resident.household))
            .where(Resident.uuid.in_(chunk))
            .objects()
        )
        for resident in query:
            parts = [resident.name, str(resident.birth_date or ""), mask_id_number(resident.id_number or ""), resident.address]
            labels[resident.uuid] = " · ".join(part for part in parts if part)
    for chunk in _chunks(household_uuids):
        names: dict[str, list[str]] = {}
        living = (
            Resident.select(Resident.household, Resident.name)
            .where(Resident.household.in_(chunk) & (Resident.deleted == False))  # noqa: E712
            .order_by(Resident.relation != "户主", Resident.name)
            .tuples()
        )
        for household_uuid, name in living:
            names.setdefault(household_uuid, []).append(name)
        for uuid, address in Household.select(Household.uuid, Household.address).where(Household.uuid.in_(chunk)).tuples():
            people = names.get(uuid, [])
            shown = "、".join(people[:4]) + ("…" if len(people) > 4 else "") if people else translate("Registry", "no residents")
            labels[uuid] = f"{address} · {shown}"
    return [PairRow(pair, labels.get(pair.keep, ""), labels.get(pair.other, "")) for pair in pairs]


def reason_name(reason: str) -> str:
    return {
        "id_number": translate("Registry", "same ID number"),
        "name_birth": translate("Registry", "same name and birth date"),
        "address": translate("Registry", "same address"),
    }.get(reason, reason)


class DuplicatesModel(QAbstractTableModel):
    """The pairs found (a snapshot; F5 looks again)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PairRow] = []

    def set_rows(self, rows: list[PairRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> PairRow:
        return self._rows[row]

    def swap(self, row: int) -> None:
        item = self._rows[row]
        pair = replace(item.pair, keep=item.pair.other, other=item.pair.keep)
        self._rows[row] = PairRow(pair, item.other, item.keep)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < 4:
            return (
                translate("Registry", "Kind"),
                translate("Registry", "Why"),
                translate("Registry", "Keep"),
                translate("Registry", "Merge into it"),
            )[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= 4:
            return None
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        item = self._rows[index.row()]
        kind = translate("Registry", "Household") if item.pair.kind == "household" else translate("Registry", "Resident")
        return (kind, reason_name(item.pair.reason), item.keep, item.other)[index.column()]


def confirm(parent, text: str) -> bool:
    """Ask before merging; tests replace this function."""
    answer = QMessageBox.question(parent, translate("Registry", "Merge duplicates"), text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def merge(pair: DuplicatePair, progress) -> str:
    """Merge one pair (runs on the worker); returns the table that changed."""
    if pair.kind == "household":
        merge_households(Household.get_by_id(pair.keep), Household.get_by_id(pair.other), progress)
        return "*"
    merge_residents(Resident.get_by_id(pair.keep), Resident.get_by_id(pair.other))
    return "resident"


class DuplicatesDialog(QDialog):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(translate("Registry", "Likely duplicates"))
        self.model = DuplicatesModel(self)
        self.table = QTableView(objectName="duplicatesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="duplicatesSummary")
        self.summary.setWordWrap(True)
        self.merge_button = QPushButton(translate("Registry", "&Merge the right into the left (Ctrl+M)"))
        self.swap_button = QPushButton(translate("Registry", "&Swap which is kept (Ctrl+R)"))
        self.find_button = QPushButton(translate("Registry", "&Look again (F5)"))
        buttons = QHBoxLayout()
        for button, slot, keys in (
            (self.merge_button, self.merge_current, "Ctrl+M"),
            (self.swap_button, self.swap_current, "Ctrl+R"),
            (self.find_button, self.find, "F5"),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(keys), self, slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 520)
        self.finding = False

    def find(self) -> None:
        if self.finding:
            return
        self.finding = True
        self.summary.setText(translate("Registry", "Looking for duplicates…"))
        self.context.jobs.run(
            translate("Registry", "Looking for duplicates"),
            lambda progress: describe(find_duplicates(progress)),
            self._found,
            self._failed,
        )

    def _found(self, rows: list[PairRow]) -> None:
        self.finding = False
        self.model.set_rows(rows)
        households = sum(1 for row in rows if row.pair.kind == "household")
        if rows:
            self.summary.setText(
                translate("Registry", "{households} pair(s) of households and {residents} pair(s) of residents look like duplicates. "
                          "The left one is kept; Ctrl+R swaps.").format(households=households, residents=len(rows) - households)
            )
            self.table.selectRow(0)
        else:
            self.summary.setText(translate("Registry", "No likely duplicates."))
        self.table.setFocus()

    def _failed(self, error: Exception) -> None:
        self.finding = False
        self.summary.setText(str(error))

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def swap_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.model.swap(row)

    def merge_current(self) -> None:
        row = self.current_row()
        if row is None or self.finding:
            return
        item = self.model.row(row)
        question = translate("Registry", "Merge “{other}” into “{keep}”? The right one is marked deleted; both histories stay.").format(
            other=item.other, keep=item.keep
        )
        if not confirm(self, question):
            return
        self.finding = True  # one write at a time from this screen
        self.context.jobs.run(
            translate("Registry", "Merging duplicates"),
            lambda progress: merge(item.pair, progress),
            self._merged,
            self._failed,
        )

    def _merged(self, table: str) -> None:
        self.finding = False
        self.context.data_changed.emit(table)
        self.find()
