"""Printing: choose a document and whom it is for, save the PDF, open it to look at or print.

The PDF is made by the operation `desktop.operations.printing.print_document`
through `context.run` (progress with cancel for big districts); the system's PDF viewer previews and prints it, so
what the office sees is exactly the file that prints.  Full ID numbers and
phones are off unless ticked, and ticking them says what it means.  Visit
handbooks are laid out double-sided unless unticked; cards and handbooks keep
to an office printer's margins unless they go to a print shop.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.printing import PrintOptions, PrintResult, ScopeRefused, print_document
from models.cadres import cadre_choices
from models.scope import Scope, scope_choices

DOCUMENT_FILE_NAMES = {"cards": "连心卡.pdf", "handbook": "便民服务手册.pdf", "visitbook": "民情手册.pdf"}


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    """The file the user picks (empty if they cancel); tests replace this function."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    return path


def open_in_viewer(path: Path) -> bool:
    """Open the PDF in the system viewer, to look at it and print it; tests replace this function."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PrintingSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.last_pdf: Path | None = None

        self.kinds = {
            "cards": QRadioButton(self.tr("&Service cards, one per household (Alt+S)")),
            "handbook": QRadioButton(self.tr("&Contact handbook for residents (Alt+C)")),
            "visitbook": QRadioButton(self.tr("&Visit handbook, one part per cadre (Alt+V)")),
        }
        for key, button in self.kinds.items():
            button.setObjectName(f"kind_{key}")
            button.toggled.connect(self._update_options)

        self.community = QComboBox(objectName="community")
        self.grid = QComboBox(objectName="grid")
        self.cadre = QComboBox(objectName="cadre")
        self.cadre.setEditable(True)
        self.cadre.completer().setFilterMode(Qt.MatchContains)
        self.cadre.setInsertPolicy(QComboBox.NoInsert)
        self.community.currentIndexChanged.connect(self._fill_grids)
        self.grid.currentIndexChanged.connect(self._fill_cadres)

        self.a5 = QCheckBox(self.tr("A&5 pages instead of A4"), objectName="a5")
        self.backs = QCheckBox(self.tr("Card &backs for double-sided printing (long edge)"), objectName="backs")
        self.per_page = QComboBox(objectName="per_page")
        self.per_page.addItem(self.tr("10 cards per sheet (90 × 54 mm)"), 10)
        self.per_page.addItem(self.tr("8 cards per sheet (85 × 54 mm, spaced)"), 8)
        self.duplex = QCheckBox(self.tr("Do&uble-sided: each cadre's part starts on a right-hand page"), objectName="duplex")
        self.duplex.setChecked(True)
        self.duplex.setToolTip(self.tr("Adds a blank page where needed, so no cadre's pages are on the back of another's."))
        self.print_shop = QCheckBox(self.tr("For a p&rint shop: 3 mm bleed and crop marks"), objectName="print_shop")
        self.print_shop.setToolTip(self.tr("Leave it off for an office printer: all ink then stays at least 5 mm inside the paper edge. "
                                           "With bleed, cards are 8 to a sheet."))
        self.show_ids = QCheckBox(self.tr("Print full &ID numbers (keep the paper safe)"), objectName="show_ids")
        self.show_phones = QCheckBox(self.tr("Print residents' full p&hone numbers"), objectName="show_phones")

        self.save_button = QPushButton(self.tr("Save &PDF… (Ctrl+S)"), objectName="save")
        self.save_button.clicked.connect(self.save_pdf)
        self.open_button = QPushButton(self.tr("&Open to preview or print (Ctrl+O)"), objectName="open")
        self.open_button.clicked.connect(self.open_pdf)
        self.open_button.setEnabled(False)
        QShortcut(QKeySequence.Save, self, self.save_pdf)
        QShortcut(QKeySequence.Open, self, self.open_pdf)
        QShortcut(QKeySequence.Refresh, self, self.reload_lists)

        self.message = QLabel(objectName="message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(self.message.textInteractionFlags() | Qt.TextSelectableByMouse)

        document_box = QVBoxLayout()
        document_box.addWidget(QLabel(self.tr("Document")))
        for button in self.kinds.values():
            document_box.addWidget(button)
        form = QFormLayout()
        for label, widget in (
            (self.tr("Co&mmunity"), self.community),
            (self.tr("&Grid"), self.grid),
            (self.tr("Ca&dre"), self.cadre),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow(self.tr("Layout"), self.per_page)
        form.addRow("", self.backs)
        form.addRow("", self.a5)
        form.addRow("", self.duplex)
        form.addRow("", self.print_shop)
        form.addRow(self.tr("Privacy"), self.show_ids)
        form.addRow("", self.show_phones)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(document_box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

        context.data_changed.connect(self._on_data_changed)
        self.reload_lists()
        self.kinds["cards"].setChecked(True)

    # -- choices -------------------------------------------------------------
    def kind(self) -> str:
        return next(key for key, button in self.kinds.items() if button.isChecked())

    def scope(self) -> Scope:
        """The ids chosen in the lists ("all" chooses nothing); a typed cadre must match one in the list."""
        typed = self.cadre.currentText().strip()
        index = self.cadre.findText(typed)
        if index < 0:
            raise ScopeRefused(self.tr("No cadre called “{name}” in the list; pick one from the list.").format(name=typed))
        return Scope(community=self.community.currentData(), grid=self.grid.currentData(),
                     cadre=self.cadre.itemData(index))

    def options(self) -> PrintOptions:
        kind = self.kind()
        return PrintOptions(
            a5=self.a5.isChecked() and kind != "cards",
            backs=self.backs.isChecked() and kind == "cards",
            cards_per_page=self.per_page.currentData(),
            duplex=self.duplex.isChecked() or kind != "visitbook",
            print_shop=self.print_shop.isChecked() and kind != "visitbook",
            show_id_numbers=self.show_ids.isChecked(),
            show_phones=self.show_phones.isChecked(),
        )

    def _update_options(self, *_ignored) -> None:
        cards = self.kinds["cards"].isChecked()
        self.per_page.setEnabled(cards)
        self.backs.setEnabled(cards)
        self.a5.setEnabled(not cards)
        visitbook = self.kinds["visitbook"].isChecked()
        self.duplex.setEnabled(visitbook)
        self.print_shop.setEnabled(not visitbook)
        # only the visit handbook prints residents' particulars
        self.show_ids.setEnabled(visitbook)
        self.show_phones.setEnabled(visitbook)

    def _on_data_changed(self, table: str) -> None:
        if table in ("*", "community", "grid", "cadre"):
            self.reload_lists()

    def reload_lists(self) -> None:
        """Communities, then the grids of the chosen one, then cadres; the current choices are kept."""
        chosen = self.community.currentData()
        self.community.blockSignals(True)
        self.community.clear()
        self.community.addItem(self.tr("All communities"), None)
        for uuid, name in scope_choices("community"):
            self.community.addItem(name, uuid)
        self.community.setCurrentIndex(max(0, self.community.findData(chosen)))
        self.community.blockSignals(False)
        self._fill_grids()

    def _fill_grids(self, *_ignored) -> None:
        chosen = self.grid.currentData()
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.addItem(self.tr("All grids"), None)
        for uuid, name in scope_choices("grid", within=Scope(community=self.community.currentData())):
            self.grid.addItem(name, uuid)
        self.grid.setCurrentIndex(max(0, self.grid.findData(chosen)))
        self.grid.blockSignals(False)
        self._fill_cadres()

    def _fill_cadres(self, *_ignored) -> None:
        chosen = self.cadre.currentData()
        self.cadre.clear()
        self.cadre.addItem(self.tr("All cadres"), None)
        for uuid, name, work_unit in cadre_choices(grid=self.grid.currentData(), community=self.community.currentData()):
            self.cadre.addItem(f"{name}（{work_unit}）" if work_unit else name, uuid)
        self.cadre.setCurrentIndex(max(0, self.cadre.findData(chosen)))

    # -- actions -------------------------------------------------------------
    def save_pdf(self) -> None:
        if self.context.jobs.busy():
            self.message.setText(self.tr("Another task is still running; try again when it is done."))
            return
        kind = self.kind()
        try:
            scope = self.scope()
        except ScopeRefused as refusal:
            self.message.setText(str(refusal))
            return
        folder = Path(self.context.settings.last_folder("print"))
        chosen = ask_save_path(self, self.tr("Save PDF"), str(folder / DOCUMENT_FILE_NAMES[kind]))
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self.context.settings.set_last_folder("print", path)
        options = self.options()
        self.message.setText(self.tr("Making the PDF…"))
        self.save_button.setEnabled(False)
        titles = {"cards": self.tr("Printing service cards"), "handbook": self.tr("Printing the contact handbook"),
                  "visitbook": self.tr("Printing visit handbooks")}
        job = self.context.run(
            titles[kind], partial(print_document, document=kind, scope=scope, path=path, options=options), self._done,
            self._failed,
        )
        job.cancelled.connect(self._cancelled)

    def _job_over(self) -> None:
        """Back to this window after the progress dialog, so Ctrl+O works at once."""
        self.save_button.setEnabled(True)
        self.activateWindow()

    def _done(self, result: PrintResult) -> None:
        self._job_over()
        self.last_pdf = result.path
        self.open_button.setEnabled(True)
        lines = [self.tr("Saved {path}: {pages} pages.").format(path=result.path, pages=result.pages)]
        for character, places in result.missing_glyphs.places.items():
            lines.append(
                self.tr("No bundled font has {character} (U+{code}); it is printed as 〓, write it in by hand: {places}").format(
                    character=character, code=f"{ord(character):04X}", places="；".join(places)
                )
            )
        self.message.setText("\n".join(lines))

    def _failed(self, error: Exception) -> None:
        self._job_over()
        if isinstance(error, ScopeRefused):
            self.message.setText(self.tr("Nothing to print for this choice: it has no households, or no cadre linked to them."))
        elif isinstance(error, OSError):
            self.message.setText(self.tr("Could not write the PDF: {reason}").format(reason=error.strerror or error))
        else:
            self.message.setText(self.tr("Printing failed: {reason}").format(reason=error))

    def _cancelled(self) -> None:
        self._job_over()
        self.message.setText(self.tr("Cancelled; no file was written."))

    def open_pdf(self) -> None:
        if self.last_pdf is None or not self.last_pdf.exists():
            self.message.setText(self.tr("Save a PDF first."))
            return
        if not open_in_viewer(self.last_pdf):
            self.message.setText(self.tr("No PDF viewer is set up on this computer; open {path} yourself.").format(path=self.last_pdf))

