"""The office's list of cadres and grid workers (name, work unit, phone, role, grid).

Kept with the keys of every office list (`ui.daily.record_editor`).  The list
masks phones; the form shows the number whole because a person is editing it.
Removing a cadre asks first: their households then count as not linked.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.operations import cadres
from models.registry.cadres import cadre_list
from models.records.identity import mask_phone
from models.records.people import Cadre
from models.registry.lists import grid_choices
from ui.daily.names import role_name
from ui.daily.query_model import Column
from ui.daily.record_editor import RecordEditor


class CadreListView(RecordEditor):
    changed_table = "cadre"

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.name = QLineEdit()
        self.name.setObjectName("cadreName")
        self.role = QComboBox()
        self.role.setObjectName("cadreRole")
        self.work_unit = QLineEdit()
        self.work_unit.setObjectName("cadreWorkUnit")
        self.position = QLineEdit()
        self.position.setObjectName("cadrePosition")
        self.phone = QLineEdit()
        self.phone.setObjectName("cadrePhone")
        self.grid = QComboBox()
        self.grid.setObjectName("cadreGrid")
        self.build(
            "cadre",
            [
                Column(self.tr("Name"), lambda c: c.name),
                Column(self.tr("Role"), lambda c: role_name(c.role)),
                Column(self.tr("Work unit"), lambda c: c.work_unit),
                Column(self.tr("Position"), lambda c: c.position),
                Column(self.tr("Phone"), lambda c: mask_phone(c.phone)),
                Column(self.tr("Grid"), lambda c: c.grid_name or ""),
            ],
            [
                (self.tr("&Name"), self.name),
                (self.tr("R&ole"), self.role),
                (self.tr("&Work unit"), self.work_unit),
                (self.tr("Pos&ition"), self.position),
                (self.tr("P&hone"), self.phone),
                (self.tr("&Grid"), self.grid),
            ],
        )
        self.search.setPlaceholderText(self.tr("Find by name, work unit or phone tail (Ctrl+F); Down to the list"))
        for role in Cadre.ROLES:
            self.role.addItem(role_name(role), role)
        self.reload_grids()
        self.reload()

    def reload_grids(self) -> None:
        self.grid.clear()
        self.grid.addItem(self.tr("(no grid)"), None)
        for uuid, community, grid in grid_choices():
            self.grid.addItem(f"{community} {grid}", uuid)

    def on_data_changed(self, table: str) -> None:
        if table in ("*", "grid"):
            self.reload_grids()
        super().on_data_changed(table)

    def query(self, text: str):
        return cadre_list(text)

    def new_title(self) -> str:
        return self.tr("New cadre or grid worker")

    def remove_text(self, record) -> str:
        return self.tr("Remove {name} from the list? Their households will count as not linked.").format(name=record.name)

    def fill_form(self, cadre) -> None:
        self.name.setText(cadre.name)
        self.role.setCurrentIndex(max(0, self.role.findData(cadre.role)))
        self.work_unit.setText(cadre.work_unit)
        self.position.setText(cadre.position)
        self.phone.setText(cadre.phone)
        self.grid.setCurrentIndex(max(0, self.grid.findData(cadre.grid_id)))

    def clear_form(self) -> None:
        for field in (self.name, self.work_unit, self.position, self.phone):
            field.clear()
        self.role.setCurrentIndex(0)
        self.grid.setCurrentIndex(0)

    def form_values(self) -> dict:
        return dict(
            name=self.name.text(),
            role=self.role.currentData(),
            work_unit=self.work_unit.text(),
            position=self.position.text(),
            phone=self.phone.text(),
            grid=self.grid.currentData(),
        )

    def save_operation(self, uuid: str | None, values: dict):
        return partial(cadres.save_cadre, uuid=uuid, **values)

    def remove_operation(self, uuid: str):
        return partial(cadres.remove_cadre, uuid=uuid)
