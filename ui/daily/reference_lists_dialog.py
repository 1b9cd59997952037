"""The office's editable lists: demand categories (with their deadlines) and responsible units.

One dialog, two tabs (Alt+C categories, Alt+U units), each kept with the keys
of every office list (`ui.daily.record_editor`).  The rules — unique names,
deadlines of 1 to 365 days, telephone numbers — are `models.work.reference_lists`'.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLineEdit, QSpinBox, QTabWidget, QVBoxLayout,
)

from desktop.operations import reference_lists
from models.records.identity import mask_phone
from models.work.reference_lists import DEFAULT_DEADLINE_DAYS, category_list, unit_list
from models.records.work import DemandCategory
from ui.daily.outcome_names import family_name
from ui.daily.query_model import Column
from ui.daily.record_editor import RecordEditor


class CategoryEditor(RecordEditor):
    changed_table = "demand_category"

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.name = QLineEdit()
        self.name.setObjectName("categoryName")
        self.deadline = QSpinBox()
        self.deadline.setObjectName("categoryDeadline")
        self.deadline.setRange(1, 365)
        self.deadline.setSuffix(self.tr(" days"))
        self.family = QComboBox()  # 矛盾纠纷 are counted as disputes and closed with a mediation outcome
        self.family.setObjectName("categoryFamily")
        for family in (None, *DemandCategory.FAMILIES):
            self.family.addItem(family_name(family), family)
        self.build(
            "category",
            [
                Column(self.tr("Category"), lambda c: c.name),
                Column(self.tr("Deadline (days after acceptance)"), lambda c: str(c.deadline_days)),
                Column(self.tr("Family"), lambda c: family_name(c.family)),
            ],
            [(self.tr("&Name"), self.name), (self.tr("&Deadline"), self.deadline), (self.tr("&Family"), self.family)],
        )
        self.reload()

    def query(self, text: str):
        return category_list(text)

    def new_title(self) -> str:
        return self.tr("New category")

    def fill_form(self, category) -> None:
        self.name.setText(category.name)
        self.deadline.setValue(category.deadline_days)
        self.family.setCurrentIndex(max(0, self.family.findData(category.family)))

    def clear_form(self) -> None:
        self.name.clear()
        self.deadline.setValue(DEFAULT_DEADLINE_DAYS)
        self.family.setCurrentIndex(self.family.findData("general"))

    def form_values(self) -> dict:
        return {"name": self.name.text(), "deadline_days": self.deadline.value(), "family": self.family.currentData()}

    def save_operation(self, uuid: str | None, values: dict):
        return partial(reference_lists.save_category, uuid=uuid, **values)

    def remove_operation(self, uuid: str):
        return partial(reference_lists.remove_category, uuid=uuid)


class UnitEditor(RecordEditor):
    changed_table = "responsible_unit"

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.name = QLineEdit()
        self.name.setObjectName("unitName")
        self.hotline = QLineEdit()
        self.hotline.setObjectName("unitHotline")
        self.contact_person = QLineEdit()
        self.contact_person.setObjectName("unitContactPerson")
        self.contact_phone = QLineEdit()
        self.contact_phone.setObjectName("unitContactPhone")
        self.contact_public = QCheckBox(self.tr("Print this number for &residents (the unit agreed)"))
        self.contact_public.setObjectName("unitContactPublic")
        self.contact_public.setToolTip(self.tr("Otherwise the contact handbook prints only the unit's hotline."))
        self.build(
            "unit",
            [
                Column(self.tr("Responsible unit"), lambda u: u.name),
                Column(self.tr("Hotline"), lambda u: u.hotline),
                Column(self.tr("Contact person"), lambda u: u.contact_person),
                Column(self.tr("Contact phone"), lambda u: mask_phone(u.contact_phone)),
                Column(self.tr("Printed for residents"), lambda u: self.tr("yes") if u.contact_phone_public else ""),
            ],
            [
                (self.tr("&Name"), self.name),
                (self.tr("Hot&line"), self.hotline),
                (self.tr("Contact &person"), self.contact_person),
                (self.tr("Contact p&hone"), self.contact_phone),
                ("", self.contact_public),
            ],
        )
        self.reload()

    def query(self, text: str):
        return unit_list(text)

    def new_title(self) -> str:
        return self.tr("New responsible unit")

    def fill_form(self, unit) -> None:
        self.name.setText(unit.name)
        self.hotline.setText(unit.hotline)
        self.contact_person.setText(unit.contact_person)
        self.contact_phone.setText(unit.contact_phone)
        self.contact_public.setChecked(bool(unit.contact_phone_public))

    def clear_form(self) -> None:
        for field in (self.name, self.hotline, self.contact_person, self.contact_phone):
            field.clear()
        self.contact_public.setChecked(False)

    def form_values(self) -> dict:
        return {
            "name": self.name.text(),
            "hotline": self.hotline.text(),
            "contact_person": self.contact_person.text(),
            "contact_phone": self.contact_phone.text(),
            "contact_phone_public": self.contact_public.isChecked(),
        }

    def save_operation(self, uuid: str | None, values: dict):
        return partial(reference_lists.save_unit, uuid=uuid, **values)

    def remove_operation(self, uuid: str):
        return partial(reference_lists.remove_unit, uuid=uuid)


class ReferenceListsDialog(QDialog):
    """Both lists in one place; Escape closes (every save has already been written)."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceListsDialog")
        self.setWindowTitle(self.tr("Categories and responsible units"))
        self.categories = CategoryEditor(context)
        self.units = UnitEditor(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.categories, self.tr("Demand &categories"))
        self.tabs.addTab(self.units, self.tr("Responsible &units"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        # Return in a form saves the entry; it must not also press Close.
        buttons.button(QDialogButtonBox.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.tabs.currentChanged.connect(lambda _index: self.tabs.currentWidget().setFocus())
        self.resize(980, 560)
        self.categories.setFocus()
