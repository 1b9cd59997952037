"""Qt models of the registry: the place tree, search results, and a household's residents.

The tree fills a level when it is opened (a district has thousands of units);
households are listed by `ui.daily.query_model.LazyQueryModel`, which pages
through SQL.  ID numbers and phones are masked in every view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from models.records.identity import mask_id_number, mask_phone
from models.records.people import Resident
from models.registry.lists import has_children, places_under, residents_of, sub_districts
from models.registry.lists import resident as resident_by_id
from models.registry.search import Match

PLACE_ROLE = Qt.UserRole + 1
LOADED_ROLE = Qt.UserRole + 2



class PlaceTreeModel(QStandardItemModel):
    """Sub-district → community → grid → building → unit; children are read when a node opens."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.reload()

    def reload(self) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([QCoreApplication.translate("Registry", "Places")])
        for record in sub_districts():
            self.invisibleRootItem().appendRow(self._item(record))

    def _item(self, record) -> QStandardItem:
        kind = type(record).__name__
        item = QStandardItem(record.name)
        item.setEditable(False)
        item.setData((kind, record.uuid), PLACE_ROLE)
        if has_children(kind):
            item.appendRow(QStandardItem(""))  # a placeholder so the view shows an expander
            item.setData(False, LOADED_ROLE)
        return item

    def load_children(self, index: QModelIndex) -> None:
        item = self.itemFromIndex(index)
        if item is None or item.data(LOADED_ROLE) is not False:
            return
        kind, uuid = item.data(PLACE_ROLE)
        item.removeRows(0, item.rowCount())
        item.setData(True, LOADED_ROLE)
        for record in places_under(kind, uuid):
            item.appendRow(self._item(record))

    def refresh_children(self, kind: str, uuid: str) -> None:
        """Read an opened node's children again (a building added to a grid) without closing the tree."""
        pending = [self.invisibleRootItem()]
        while pending:
            item = pending.pop()
            if tuple(item.data(PLACE_ROLE) or ()) == (kind, uuid):
                if item.data(LOADED_ROLE) is True:
                    item.setData(False, LOADED_ROLE)
                    self.load_children(item.index())
                return
            if item is self.invisibleRootItem() or item.data(LOADED_ROLE) is True:
                pending += [item.child(row) for row in range(item.rowCount())]

    def path_of(self, place: tuple[str, str]) -> list[str]:
        """Names from the sub-district down to `place` (shown in the tree), for the breadcrumb."""
        pending = [self.invisibleRootItem()]
        while pending:
            item = pending.pop()
            if item is not self.invisibleRootItem() and tuple(item.data(PLACE_ROLE) or ()) == tuple(place):
                names = []
                while item is not None:
                    names.insert(0, item.text())
                    item = item.parent()
                return names
            if item is self.invisibleRootItem() or item.data(LOADED_ROLE) is True:
                pending += [item.child(row) for row in range(item.rowCount())]
        return []

    @staticmethod
    def place_of(index: QModelIndex) -> tuple[str, str] | None:
        return index.data(PLACE_ROLE) if index.isValid() else None


class SearchResultsModel(QAbstractTableModel):
    """The matches of the search box (at most 50): kind, name, masked ID, masked phone, address.

    A resident found by their household registration address shows it beside the address they live at.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []
        self._texts: list[tuple[str, ...]] = []

    def set_matches(self, matches: list[Match]) -> None:
        """The cells' texts are made here, once: a view asks each cell for its text several times a paint."""
        self.beginResetModel()
        self._matches = list(matches)
        self._texts = [self._row_texts(match) for match in self._matches]
        self.endResetModel()

    @staticmethod
    def _row_texts(match: Match) -> tuple[str, ...]:
        kind = QCoreApplication.translate("Registry", "Resident") if match.kind == "resident" else QCoreApplication.translate("Registry", "Household")
        address = match.address
        if match.matched == "registered_address":
            address = QCoreApplication.translate("Registry", "{address} (registered at {registered})").format(
                address=match.address, registered=match.registered_address)
        return (kind, match.name, mask_id_number(match.id_number), mask_phone(match.phone), address)

    def found(self, row: int) -> Match:
        """The match on `row` (not `match`: that name is QAbstractItemModel.match, which Qt calls itself)."""
        return self._matches[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < 5:
            return (QCoreApplication.translate("Registry", "Kind"), QCoreApplication.translate("Registry", "Name"), QCoreApplication.translate("Registry", "ID number"), QCoreApplication.translate("Registry", "Phone"), QCoreApplication.translate("Registry", "Address"))[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role != Qt.DisplayRole:  # first: most of a paint's questions are other roles
            return None
        row, column = index.row(), index.column()
        if not index.isValid() or row >= len(self._texts) or column >= 5:
            return None
        return self._texts[row][column]


RESIDENT_COLUMNS = ("name", "relation", "sex", "birth_date", "id_number", "phone", "registered_address", "tags", "notes")
EDITABLE = {"name", "relation", "phone", "registered_address", "tags", "notes"}


class ResidentsModel(QAbstractTableModel):
    """The living residents of one household; name, relation, phone, tags and notes are editable.

    An edit does not write by itself: it calls `on_edit(resident, field, value)`,
    which the page turns into an undoable command.
    """

    def __init__(self, on_edit, parent=None) -> None:
        super().__init__(parent)
        self._residents: list[Resident] = []
        self._on_edit = on_edit

    def headers(self) -> tuple[str, ...]:
        return (QCoreApplication.translate("Registry", "Name"), QCoreApplication.translate("Registry", "Relation"), QCoreApplication.translate("Registry", "Sex"), QCoreApplication.translate("Registry", "Birth date"), QCoreApplication.translate("Registry", "ID number"), QCoreApplication.translate("Registry", "Phone"), QCoreApplication.translate("Registry", "Registration address"), QCoreApplication.translate("Registry", "Tags"), QCoreApplication.translate("Registry", "Notes"))

    def load(self, household_uuid: str | None) -> None:
        self.beginResetModel()
        self._residents = [] if household_uuid is None else residents_of(household_uuid)
        self.endResetModel()

    def resident(self, row: int) -> Resident:
        return self._residents[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._residents)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(RESIDENT_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(RESIDENT_COLUMNS):
            return self.headers()[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if RESIDENT_COLUMNS[index.column()] in EDITABLE:
            flags |= Qt.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._residents) or index.column() >= len(RESIDENT_COLUMNS):
            return None
        if role not in (Qt.DisplayRole, Qt.EditRole):
            return None
        resident = self._residents[index.row()]
        field = RESIDENT_COLUMNS[index.column()]
        value = getattr(resident, field)
        if field == "id_number":
            return mask_id_number(value or "")
        if field == "phone" and role == Qt.DisplayRole:
            return mask_phone(value or "")
        return "" if value is None else str(value)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:
        if role != Qt.EditRole or not (self.flags(index) & Qt.ItemIsEditable):
            return False
        resident = self._residents[index.row()]
        field = RESIDENT_COLUMNS[index.column()]
        text = str(value).strip()
        if text == (getattr(resident, field) or ""):
            return False
        return self._on_edit(resident, field, text)

    def row_changed(self, uuid: str) -> None:
        """Re-read one resident after an edit or its undo."""
        for row, resident in enumerate(self._residents):
            if resident.uuid == uuid:
                self._residents[row] = resident_by_id(uuid)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(RESIDENT_COLUMNS) - 1))
