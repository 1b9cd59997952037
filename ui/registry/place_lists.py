"""The buildings and the shops of the grid chosen in the tree, each a list with a form beside it.

They are office lists like the cadres (`ui.daily.record_editor`): the same keys
(Ctrl+F find, Return to the form, Ctrl+S save, Ctrl+Shift+N new, Del remove,
Ctrl+H history), writes off the UI thread, rows fetched page by page.  Checks
are the core's (`models.registry.editing`): a building name once per grid, a shop's
building in its grid, phones that are phones; a building still lived in is not
removed.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from desktop.operations import registry
from models.records.identity import mask_phone
from models.records.places import Building
from models.registry.editing import ShopValues, buildings_of_grid, shops_of_grid
from models.registry.lists import buildings_in
from ui.daily.query_model import Column
from ui.daily.record_editor import RecordEditor

translate = QCoreApplication.translate


def building_kind_name(kind: str) -> str:
    return {
        "residential": translate("Registry", "Residential building"),
        "bungalow": translate("Registry", "Bungalow row"),
        "commercial": translate("Registry", "Commercial building"),
    }.get(kind, kind)


class GridList(RecordEditor):
    """An office list scoped to one grid; `set_grid(uuid)` shows another grid's entries."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.grid_uuid: str | None = None

    def set_grid(self, grid_uuid: str | None) -> None:
        self.grid_uuid = grid_uuid
        self.grid_changed()
        self.reload()

    def grid_changed(self) -> None:
        """Subclasses refresh choices that depend on the grid."""

    def save(self) -> None:
        if self.grid_uuid is None:
            self.message.setText(translate("Registry", "Choose a grid in the tree first."))
            return
        super().save()


class BuildingList(GridList):
    changed_table = "building"

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.name = QLineEdit(objectName="buildingName")
        self.kind = QComboBox(objectName="buildingKind")
        for kind in Building.KINDS:
            self.kind.addItem(building_kind_name(kind), kind)
        self.floors = QSpinBox(objectName="buildingFloors")
        self.floors.setRange(0, 199)
        self.floors.setSpecialValueText(translate("Registry", "unknown"))
        self.units = QSpinBox(objectName="buildingUnits")
        self.units.setRange(0, 50)
        self.address = QLineEdit(objectName="buildingAddress")
        self.build(
            "building",
            [
                Column(translate("Registry", "Building"), lambda b: b.name),
                Column(translate("Registry", "Kind"), lambda b: building_kind_name(b.kind)),
                Column(translate("Registry", "Floors"), lambda b: "" if b.floors is None else str(b.floors)),
                Column(translate("Registry", "Units"), lambda b: str(b.unit_count)),
                Column(translate("Registry", "Households"), lambda b: str(b.household_count)),
                Column(translate("Registry", "Address"), lambda b: b.address),
            ],
            [
                (translate("Registry", "&Name"), self.name),
                (translate("Registry", "&Kind"), self.kind),
                (translate("Registry", "F&loors"), self.floors),
                (translate("Registry", "&Units (numbered from 1)"), self.units),
                (translate("Registry", "Add&ress"), self.address),
            ],
        )
        self.search.setPlaceholderText(translate("Registry", "Find a building of this grid (Ctrl+F); Down to the list"))
        self.reload()

    def query(self, text: str):
        return buildings_of_grid(self.grid_uuid, text)

    def new_title(self) -> str:
        return translate("Registry", "New building in this grid")

    def on_data_changed(self, table: str) -> None:
        if table in ("household", "unit"):  # the counts of the list
            self.reload(self.editing)
        super().on_data_changed(table)

    def remove_text(self, record) -> str:
        return translate("Registry", "Remove {name} and its units?").format(name=record.name)

    def fill_form(self, building) -> None:
        self.name.setText(building.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(building.kind)))
        self.floors.setValue(building.floors or 0)
        self.units.setValue(building.unit_count)
        self.address.setText(building.address)

    def clear_form(self) -> None:
        self.name.clear()
        self.address.clear()
        self.kind.setCurrentIndex(0)
        self.floors.setValue(0)
        self.units.setValue(1)

    def form_values(self) -> dict:
        return dict(
            name=self.name.text(),
            kind=self.kind.currentData(),
            floors=self.floors.value() or None,
            units=self.units.value(),
            address=self.address.text(),
        )

    def save_operation(self, uuid: str | None, values: dict):
        return partial(registry.save_building, grid=self.grid_uuid, uuid=uuid, **values)

    def remove_operation(self, uuid: str):
        return partial(registry.remove_building, uuid=uuid)


class ShopList(GridList):
    changed_table = "shop"

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.name = QLineEdit(objectName="shopName")
        self.building = QComboBox(objectName="shopBuilding")
        self.business = QLineEdit(objectName="shopBusiness")
        self.owner = QLineEdit(objectName="shopOwner")
        self.phone = QLineEdit(objectName="shopPhone")
        self.address = QLineEdit(objectName="shopAddress")
        self.notes = QLineEdit(objectName="shopNotes")
        self.build(
            "shop",
            [
                Column(translate("Registry", "Shop"), lambda s: s.name),
                Column(translate("Registry", "Business"), lambda s: s.business),
                Column(translate("Registry", "Operator"), lambda s: s.owner),
                Column(translate("Registry", "Phone"), lambda s: mask_phone(s.phone)),
                Column(translate("Registry", "Building"), lambda s: s.building_name or ""),
                Column(translate("Registry", "Address"), lambda s: s.address),
            ],
            [
                (translate("Registry", "&Name"), self.name),
                (translate("Registry", "&Business"), self.business),
                (translate("Registry", "&Operator"), self.owner),
                (translate("Registry", "P&hone"), self.phone),
                (translate("Registry", "B&uilding"), self.building),
                (translate("Registry", "Add&ress"), self.address),
                (translate("Registry", "No&tes"), self.notes),
            ],
        )
        self.search.setPlaceholderText(translate("Registry", "Find by name, business or operator (Ctrl+F); Down to the list"))
        self.reload()

    def grid_changed(self) -> None:
        self.building.clear()
        self.building.addItem(translate("Registry", "(no building)"), None)
        if self.grid_uuid is not None:
            for uuid, name in buildings_in(self.grid_uuid):
                self.building.addItem(name, uuid)

    def on_data_changed(self, table: str) -> None:
        if table in ("*", "building"):
            self.grid_changed()
        super().on_data_changed(table)

    def query(self, text: str):
        return shops_of_grid(self.grid_uuid, text)

    def new_title(self) -> str:
        return translate("Registry", "New shop in this grid")

    def fill_form(self, shop) -> None:
        self.name.setText(shop.name)
        self.building.setCurrentIndex(max(0, self.building.findData(shop.building_id)))
        self.business.setText(shop.business)
        self.owner.setText(shop.owner)
        self.phone.setText(shop.phone)
        self.address.setText(shop.address)
        self.notes.setText(shop.notes)

    def clear_form(self) -> None:
        for field in (self.name, self.business, self.owner, self.phone, self.address, self.notes):
            field.clear()
        self.building.setCurrentIndex(0)

    def form_values(self) -> dict:
        return dict(
            name=self.name.text(),
            building=self.building.currentData(),
            business=self.business.text(),
            owner=self.owner.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            notes=self.notes.text(),
        )

    def save_operation(self, uuid: str | None, values: dict):
        return partial(registry.save_shop, grid=self.grid_uuid, uuid=uuid, values=ShopValues(**values))

    def remove_operation(self, uuid: str):
        return partial(registry.remove_shop, uuid=uuid)
