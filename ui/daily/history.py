"""A record's history, readable: who changed what, on which device, when, old → new.

The audit log stores column names and raw values (`models.records.audit`); a person
needs field names in their language, names instead of record ids, states in
words, and — because this is a list on a screen — ID numbers and phones masked.
A household's history includes its residents and links, a demand's its
dispatches, notes and return visits: that is what a person means by "its history".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from models.disclosures import disclosures_of
from models.records.base import SyncedModel
from models.records.installation import current_installation
from models.history import audit_entries, record_name, referenced_name, related_records
from models.records.identity import mask_id_number, mask_phone
from models.records.devices import known_devices
from ui.daily.names import device_label, role_name, satisfaction_name, state_name

MASKS = {"id_number": mask_id_number, "phone": mask_phone, "contact_phone": mask_phone}


translate = QCoreApplication.translate  # literal calls, so lupdate collects every name


def field_name(column: str) -> str:
    """The field's name for a person; an unknown column is shown as it is stored."""
    names = {
        "name": translate("History", "Name"),
        "role": translate("History", "Role"),
        "work_unit": translate("History", "Work unit"),
        "position": translate("History", "Position"),
        "phone": translate("History", "Phone"),
        "grid_id": translate("History", "Grid"),
        "building_id": translate("History", "Building"),
        "unit_id": translate("History", "Unit"),
        "room": translate("History", "Room"),
        "address": translate("History", "Address"),
        "household_id": translate("History", "Household"),
        "relation": translate("History", "Relation"),
        "sex": translate("History", "Sex"),
        "birth_date": translate("History", "Birth date"),
        "id_number": translate("History", "ID number"),
        "ethnicity": translate("History", "Ethnicity"),
        "tags": translate("History", "Tags"),
        "notes": translate("History", "Notes"),
        "cadre_id": translate("History", "Cadre"),
        "since": translate("History", "Since"),
        "description": translate("History", "Description"),
        "category_id": translate("History", "Category"),
        "group_id": translate("History", "Group"),
        "kind": translate("History", "Kind"),
        "raised_by": translate("History", "Raised by"),
        "recorded_by_id": translate("History", "Recorded by"),
        "urgency": translate("History", "Urgency"),
        "state": translate("History", "State"),
        "reject_reason": translate("History", "Reason for not accepting"),
        "raised_on": translate("History", "Raised on"),
        "accepted_on": translate("History", "Accepted on"),
        "deadline": translate("History", "Deadline"),
        "closed_on": translate("History", "Closed on"),
        "solved_on_spot": translate("History", "Solved on the spot"),
        "visit_id": translate("History", "Visit"),
        "demand_id": translate("History", "Demand"),
        "unit_id_dispatch": translate("History", "Responsible unit"),
        "contact_person": translate("History", "Contact person"),
        "contact_phone": translate("History", "Contact phone"),
        "hotline": translate("History", "Hotline"),
        "dispatched_on": translate("History", "Dispatched on"),
        "noted_on": translate("History", "Noted on"),
        "text": translate("History", "Text"),
        "author": translate("History", "Author"),
        "visited_on": translate("History", "Date"),
        "method": translate("History", "How"),
        "satisfaction": translate("History", "Answer"),
        "by": translate("History", "By"),
        "deadline_days": translate("History", "Deadline (days)"),
        "sort_order": translate("History", "Order"),
        "deleted": translate("History", "Removed"),
    }
    return names.get(column, column)


def record_kind(table: str) -> str:
    kinds = {
        "household": translate("History", "Household"),
        "resident": translate("History", "Resident"),
        "assignment": translate("History", "Link to a cadre"),
        "cadre": translate("History", "Cadre"),
        "demand": translate("History", "Demand"),
        "dispatch": translate("History", "Dispatch"),
        "progress_note": translate("History", "Progress note"),
        "return_visit": translate("History", "Return visit"),
        "demand_category": translate("History", "Demand category"),
        "responsible_unit": translate("History", "Responsible unit"),
    }
    return kinds.get(table, table)


def action_name(action: str) -> str:
    return {
        "create": translate("History", "Created"),
        "update": translate("History", "Changed"),
        "delete": translate("History", "Removed"),
        "restore": translate("History", "Restored"),
    }.get(action, action)


def readable_value(table: str, column: str, value: Any) -> str:
    """How one stored value reads on screen: masked, named, in words."""
    if value is None or value == "":
        return "–"
    if column in MASKS:
        return MASKS[column](str(value))
    if column == "state":
        return state_name(value)
    if column == "satisfaction":
        return satisfaction_name(value)
    if column == "role":
        return role_name(value)
    if isinstance(value, bool):
        return translate("History", "Yes") if value else translate("History", "No")
    if column.endswith("_id") and isinstance(value, str):
        return referenced_name(table, column, value) or value[:8]
    return str(value)


@dataclass(frozen=True)
class HistoryRow:
    entry: str  # the audit entry's uuid: several rows share one change
    when: str
    who: str
    device: str
    record: str
    action: str
    field: str
    before: str
    after: str


def _record_label(table: str, uuid: str) -> str:
    kind = record_kind(table)
    name = record_name(table, uuid)
    return f"{kind} {name}" if name else kind


def history_rows(records: list[SyncedModel], devices: dict | None = None) -> list[HistoryRow]:
    """One row per changed field of every change to `records`, oldest first.

    `devices` (`models.records.devices.known_devices()`, read when not given) names the
    laptops: this one and every one an exchange workbook named.
    """
    devices = known_devices() if devices is None else devices
    rows = []
    labels: dict[str, str] = {}
    for entry in audit_entries(records):
        table = entry.record_type
        label = labels.setdefault(entry.record_uuid, _record_label(table, entry.record_uuid))
        device = device_label(entry.device, devices)
        common = dict(
            entry=entry.uuid,
            when=entry.at_wall.replace("T", " "),
            who=entry.user or "–",
            device=device,
            record=label,
            action=action_name(entry.action),
        )
        changes = {column: pair for column, pair in json.loads(entry.changes).items() if column != "deleted"}
        if not changes:
            rows.append(HistoryRow(field="", before="", after="", **common))
        for column, (before, after) in sorted(changes.items()):
            name = field_name("unit_id_dispatch" if (table, column) == ("dispatch", "unit_id") else column)
            rows.append(
                HistoryRow(
                    field=name,
                    before=readable_value(table, column, before),
                    after=readable_value(table, column, after),
                    **common,
                )
            )
    for shown in disclosure_rows(records, devices):  # each before the first change made after it; changes keep their order
        later = next((at for at, row in enumerate(rows) if row.when > shown.when), len(rows))
        rows.insert(later, shown)
    return rows


def disclosure_rows(records: list[SyncedModel], devices: dict) -> list[HistoryRow]:
    """Who saw these records' ID numbers or phones whole (a print, a search), on this laptop (`models.disclosures`)."""
    here = device_label(current_installation().device_id, devices) if records else ""
    rows = []
    for disclosure in disclosures_of(record.uuid for record in records):
        shown = "、".join(SHOWN_WORDS[kind]() for kind in disclosure.shown.split())
        rows.append(HistoryRow(
            entry=f"disclosure-{disclosure.id}", when=disclosure.at_wall.replace("T", " "), who=disclosure.user or "–",
            device=here, record=CHANNEL_WORDS[disclosure.channel](), action=translate("History", "Shown whole"),
            field=shown, before="", after=disclosure.what))
    return rows


SHOWN_WORDS = {"id_numbers": lambda: translate("History", "full ID numbers"),
               "phones": lambda: translate("History", "full phones")}
CHANNEL_WORDS = {"print": lambda: translate("History", "a print"), "find": lambda: translate("History", "a search"),
                 "screen": lambda: translate("History", "the screen")}


class HistoryModel(QAbstractTableModel):
    """The rows of a history, read once (a record's history is short)."""

    FIELDS = ("when", "who", "device", "record", "action", "field", "before", "after")

    def __init__(self, rows: list[HistoryRow], parent=None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._headers = [
            translate("History", "When"),
            translate("History", "Who"),
            translate("History", "Device"),
            translate("History", "Record"),
            translate("History", "Change"),
            translate("History", "Field"),
            translate("History", "Before"),
            translate("History", "After"),
        ]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.FIELDS):
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return getattr(self._rows[index.row()], self.FIELDS[index.column()])
        return None


class HistoryDialog(QDialog):
    """The history of one record (with its parts), newest change at the bottom; Escape closes."""

    def __init__(self, records: list[SyncedModel], title: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of {what}").format(what=title))
        rows = history_rows(records)
        self.model = HistoryModel(rows, self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        changes = len({row.entry for row in rows})
        heading = QLabel(
            self.tr("{count} change(s); ID numbers and phones are masked.").format(count=changes)
            if changes
            else self.tr("No change was recorded: records brought in by a roster import or as demo data start without history.")
        )
        heading.setObjectName("historyHeading")
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)
        if self.model.rowCount():
            self.table.selectRow(self.model.rowCount() - 1)
            self.table.scrollToBottom()
        self.table.setFocus()


HISTORY_KEYS = "Ctrl+H"


def open_history(owner, record: SyncedModel, title: str) -> HistoryDialog:
    """Show `record`'s history over `owner`; kept on `owner.history_dialog` so it stays alive."""
    if getattr(owner, "history_dialog", None) is not None:
        owner.history_dialog.close()
    dialog = HistoryDialog(related_records(record), title, owner)
    owner.history_dialog = dialog
    dialog.finished.connect(lambda _result: owner.window().activateWindow())
    dialog.open()
    return dialog
