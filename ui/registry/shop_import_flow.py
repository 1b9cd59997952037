"""Importing a shop list (商铺/企业名单) from the window: choose the file and the community, see the report, import.

The preview is the roster's (`ui.registry.import_flow.PreviewDialog`) with a
shop's fields, and one question of its own: the community whose 专属网格 the
list names when its rows do not say (preset to the community chosen in the
place tree).  It decides which grids are found and which are made, so after a
change the list is checked again (Ctrl+R) before it can be imported; the import
button stays off while a grid's community is open.  Both runs are `desktop.operations.shops.import_shops`
through `context.run` (off the UI thread, cancellable).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QMessageBox

from desktop.operations import shops
from models.registry.lists import community_choices
from ui.registry.import_flow import PreviewDialog


translate = QCoreApplication.translate


def ask_shop_file(parent, folder: str) -> str:
    """The file the person picks ('' if none); tests replace this function."""
    return QFileDialog.getOpenFileName(parent, translate("Registry", "Import a shop list"), folder,
                                       translate("Registry", "Shop lists (*.xlsx *.xlsm *.xls *.ods *.csv)"))[0]


def tell(parent, message: str) -> None:
    """Show a refusal; tests replace this function."""
    QMessageBox.warning(parent, translate("Registry", "Import a shop list"), message)


class ShopPreviewDialog(PreviewDialog):
    """The shop list's dry run: columns, the community asked about, counts, every problem row."""

    field_labels = shops.SHOP_FIELD_LABELS

    def __init__(self, report: shops.ShopReport, recheck, parent=None, community: str | None = None) -> None:
        self.chosen_community = community
        super().__init__(report, recheck, parent)
        self.setWindowTitle(translate("Registry", "Import a shop list"))
        self.save_button.hide()  # the problem rows are few: they are all here
        self.community_choice.currentIndexChanged.connect(self._update_import_button)
        if report.ambiguous_grids:  # the one question left before the import: the keys go there
            self.community_choice.setFocus()

    def _community_question(self, report, chosen) -> QGroupBox:
        box = QGroupBox(translate("Registry", "Special grids the list names: in which community?"))
        form = QFormLayout(box)
        self.community_choice = QComboBox(objectName="shopCommunity")
        self.community_choice.addItem(translate("Registry", "As the list says (its 社区 column, or the only community)"), None)
        for uuid, sub_district, name in community_choices():
            self.community_choice.addItem(f"{sub_district} › {name}", uuid)
        self.community_choice.setCurrentIndex(max(self.community_choice.findData(self.chosen_community), 0))
        form.addRow(translate("Registry", "&Community"), self.community_choice)
        return box

    def _update_import_button(self, *_ignored) -> None:
        """Import what was checked: another community needs the list checked again (Ctrl+R) first."""
        report = self.report
        checked = getattr(self, "community_choice", None) is None or self.community() == self.chosen_community
        self.import_button.setEnabled(report.imported_rows > 0 and report.changed and not report.ambiguous_grids
                                      and checked)

    def community(self) -> str | None:
        return self.community_choice.currentData()


class ShopImport:
    """One shop list import from the window; `start()` asks for the file and runs the preview."""

    def __init__(self, context, parent, community: str | None = None) -> None:
        self.context = context
        self.parent = parent
        self.community = community
        self.path: Path | None = None
        self.mapping: dict[int, str | None] | None = None
        self.dialog: ShopPreviewDialog | None = None

    def start(self) -> None:
        chosen = ask_shop_file(self.parent, self.context.settings.last_folder("shops"))
        if not chosen:
            return
        self.path = Path(chosen)
        self.context.settings.set_last_folder("shops", str(self.path.parent))
        self._check()

    def _check(self) -> None:
        check = partial(shops.import_shops, path=self.path, community=self.community, dry_run=True,
                        mapping=self.mapping)
        self.context.run(translate("Registry", "Checking the shop list"), check, self._preview, self._refused)

    def recheck(self, mapping: dict[int, str | None]) -> None:
        self.mapping = mapping
        if self.dialog is not None:
            self.community = self.dialog.community()
            self.dialog.done(QDialog.Rejected)
            self.dialog = None
        self._check()

    def _preview(self, report: shops.ShopReport) -> None:
        self.dialog = ShopPreviewDialog(report, self.recheck, self.parent, self.community)
        self.dialog.accepted.connect(self._import)
        self.dialog.open()

    def _import(self) -> None:
        run = partial(shops.import_shops, path=self.path, community=self.community, mapping=self.mapping)
        self.context.run(translate("Registry", "Importing the shop list"), run, self._imported, self._refused)

    def _imported(self, report: shops.ShopReport) -> None:
        say = getattr(self.parent, "say", None)
        if say is not None:
            say(translate("Registry", "{created} shops added, {updated} updated.").format(created=report.created,
                                                                          updated=report.updated))

    def _refused(self, error: Exception) -> None:
        tell(self.parent, str(error))
