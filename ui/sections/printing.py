"""Printing: choose a document and whom it is for, preview it, save the PDF, open it to look at or print.

The PDF is made by the operation `desktop.operations.printing.print_document`
through `context.run` (progress with cancel for big districts).  Preview
(Ctrl+R) makes it into a temporary file and shows the first pages and the
page count beside the choices (`ui.sections.print_preview`); saving that same
choice copies the file.  The system's PDF viewer prints it, so what the office
sees is exactly the file that prints.  Full ID numbers and
phones are off unless ticked, and ticking them says what it means.  Visit
handbooks are laid out double-sided unless unticked; cards and handbooks keep
to an office printer's margins unless they go to a print shop.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.printing import PrintOptions, ScopeRefused
from models.registry.cadres import cadre_choices
from models.scope import Scope, scope_choices
from ui.dialogs.pdf_files import ask_save_path, open_in_viewer
from ui.sections.print_preview import Preview, PreviewPane, make_preview
from ui.style import theme

DOCUMENT_FILE_NAMES = {"cards": "连心卡.pdf", "handbook": "便民服务手册.pdf", "visitbook": "民情手册.pdf"}


class PrintingSection(QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.last_pdf: Path | None = None
        self.preview: Preview | None = None  # the last preview made, in `self.scratch`
        self.scratch: tempfile.TemporaryDirectory | None = None

        self.kinds = {
            "cards": QRadioButton(self.tr("&Service cards, one per household (Alt+S)")),
            "handbook": QRadioButton(self.tr("&Contact handbook for residents (Alt+C)")),
            "visitbook": QRadioButton(self.tr("Visit h&andbook, one part per cadre (Alt+A)")),
        }
        for key, button in self.kinds.items():
            button.setObjectName(f"kind_{key}")
            button.toggled.connect(self._update_options)

        self.community = QComboBox(objectName="community")
        self.grid = QComboBox(objectName="grid")
        self.micro_grid = QComboBox(objectName="micro_grid")
        self.cadre = QComboBox(objectName="cadre")
        self.cadre.setEditable(True)
        self.cadre.completer().setFilterMode(Qt.MatchContains)
        self.cadre.setInsertPolicy(QComboBox.NoInsert)
        self.community.currentIndexChanged.connect(self._fill_grids)
        self.grid.currentIndexChanged.connect(self._fill_micro_grids)

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
        self.show_phones = QCheckBox(self.tr("Print residents' full phone &numbers"), objectName="show_phones")

        self.preview_button = QPushButton(self.tr("Previe&w (Ctrl+R)"), objectName="preview")
        self.preview_button.clicked.connect(self.preview_now)
        self.save_button = QPushButton(self.tr("Save &PDF… (Ctrl+S)"), objectName="save")
        self.save_button.clicked.connect(self.save_pdf)
        theme.mark_primary(self.save_button)
        self.open_button = QPushButton(self.tr("&Open to preview or print (Ctrl+O)"), objectName="open")
        self.open_button.clicked.connect(self.open_pdf)
        self.open_button.setEnabled(False)
        QShortcut(QKeySequence.Save, self, self.save_pdf)
        QShortcut(QKeySequence("Ctrl+R"), self, self.preview_now)
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
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)  # a combo box as wide as what it holds
        for combo in (self.community, self.grid, self.micro_grid, self.cadre, self.per_page):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.setMinimumContentsLength(10)
        for label, widget in (
            (self.tr("Co&mmunity"), self.community),
            (self.tr("&Grid"), self.grid),
            (self.tr("Micro-grid (&L)"), self.micro_grid),
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
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        choices = QVBoxLayout()
        choices.addLayout(document_box)
        choices.addLayout(form)
        choices.addLayout(buttons)
        choices.addWidget(self.message)
        choices.addStretch(1)
        self.preview_pane = PreviewPane(self)
        choices_widget = QWidget()
        choices_widget.setLayout(choices)
        scroll = QScrollArea(objectName="printChoices")  # a 768 px screen: the choices scroll, the window fits
        scroll.setWidget(choices_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.viewport().setAutoFillBackground(False)
        choices_widget.setAutoFillBackground(False)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(choices_widget.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        layout = QHBoxLayout(self)
        layout.setSpacing(3 * theme.GRID)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.preview_pane, 2)

        context.data_changed.connect(self._on_data_changed)
        self.reload_lists()
        self.kinds["cards"].setChecked(True)
        for button in self.kinds.values():
            button.toggled.connect(self._choice_changed)
        for combo in (self.community, self.grid, self.micro_grid, self.cadre, self.per_page):
            combo.currentIndexChanged.connect(self._choice_changed)
        for box in (self.a5, self.backs, self.duplex, self.print_shop, self.show_ids, self.show_phones):
            box.toggled.connect(self._choice_changed)

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
                     micro_grid=self.micro_grid.currentData(), cadre=self.cadre.itemData(index))

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
        if table in ("*", "community", "grid", "micro_grid", "cadre"):
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
        self._fill_micro_grids()

    def _fill_micro_grids(self, *_ignored) -> None:
        """The micro-grids of the chosen grid (none to choose until a grid is chosen)."""
        chosen = self.micro_grid.currentData()
        self.micro_grid.blockSignals(True)
        self.micro_grid.clear()
        self.micro_grid.addItem(self.tr("All micro-grids"), None)
        grid = self.grid.currentData()
        if grid is not None:
            for uuid, name in scope_choices("micro_grid", within=Scope(grid=grid)):
                self.micro_grid.addItem(name, uuid)
        self.micro_grid.setCurrentIndex(max(0, self.micro_grid.findData(chosen)))
        self.micro_grid.setEnabled(self.micro_grid.count() > 1)
        self.micro_grid.blockSignals(False)
        self._fill_cadres()

    def _fill_cadres(self, *_ignored) -> None:
        chosen = self.cadre.currentData()
        self.cadre.clear()
        self.cadre.addItem(self.tr("All cadres"), None)
        for uuid, name, work_unit in cadre_choices(grid=self.grid.currentData(), community=self.community.currentData()):
            self.cadre.addItem(f"{name}（{work_unit}）" if work_unit else name, uuid)
        self.cadre.setCurrentIndex(max(0, self.cadre.findData(chosen)))

    # -- actions -------------------------------------------------------------
    def choice(self) -> tuple:
        """(document, scope, options) as chosen now; raises ScopeRefused for a cadre not in the list."""
        return self.kind(), self.scope(), self.options()

    def _titles(self) -> dict[str, str]:
        return {"cards": self.tr("Printing service cards"), "handbook": self.tr("Printing the contact handbook"),
                "visitbook": self.tr("Printing visit handbooks")}

    def _start(self) -> tuple | None:
        """The current choice, or None (said why) when it cannot be made now."""
        if self.context.jobs.busy():
            self.message.setText(self.tr("Another task is still running; try again when it is done."))
            return None
        try:
            return self.choice()
        except ScopeRefused as refusal:
            self.message.setText(str(refusal))
            return None

    def preview_now(self) -> None:
        """Make the chosen document into a temporary file and show its first pages and its page count."""
        choice = self._start()
        if choice is None:
            return
        if self.scratch is None:
            self.scratch = tempfile.TemporaryDirectory(prefix="lianxin-preview-")
        kind, scope, options = choice
        path = Path(self.scratch.name) / DOCUMENT_FILE_NAMES[kind]
        self.message.setText(self.tr("Making the preview…"))
        self._run(kind, partial(make_preview, document=kind, scope=scope, options=options, path=path),
                  self._previewed)

    def save_pdf(self) -> None:
        choice = self._start()
        if choice is None:
            return
        kind, scope, options = choice
        folder = Path(self.context.settings.last_folder("print"))
        chosen = ask_save_path(self, self.tr("Save PDF"), str(folder / DOCUMENT_FILE_NAMES[kind]))
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self.context.settings.set_last_folder("print", path)
        if self.preview is not None and self.preview.choice == choice and self.preview.result.path.exists():
            try:  # the preview is this very document: no need to lay it out again
                shutil.copyfile(self.preview.result.path, path)
            except OSError as error:
                self._failed(error)
                return
            self._saved(path, self.preview)
            return
        self.message.setText(self.tr("Making the PDF…"))
        self._run(kind, partial(make_preview, document=kind, scope=scope, options=options, path=path),
                  lambda preview: self._saved(path, preview))

    def _run(self, kind: str, operation, done) -> None:
        self.save_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        job = self.context.run(self._titles()[kind], operation, done, self._failed)
        job.cancelled.connect(self._cancelled)

    def _job_over(self) -> None:
        """Back to this window after the progress dialog, so Ctrl+O works at once."""
        self.save_button.setEnabled(True)
        self.preview_button.setEnabled(True)
        self.activateWindow()

    def items_text(self, preview: Preview) -> str:
        count = preview.result.items
        return {
            "cards": self.tr("{n} service cards"), "handbook": self.tr("{n} households"),
            "visitbook": self.tr("{n} cadres"),
        }[preview.choice[0]].format(n=count)

    def _previewed(self, preview: Preview) -> None:
        self._job_over()
        self.preview = preview
        self.preview_pane.show_preview(preview, self.items_text(preview))
        self.message.setText("\n".join([self.tr("Preview ready: Save PDF (Ctrl+S) keeps this file."),
                                        *self._glyph_lines(preview.result)]))

    def _saved(self, path: Path, preview: Preview) -> None:
        self._job_over()
        self.last_pdf = path
        self.open_button.setEnabled(True)
        self.preview_pane.show_preview(preview, self.items_text(preview))
        lines = [self.tr("Saved {path}: {pages} pages.").format(path=path, pages=preview.result.pages)]
        self.message.setText("\n".join(lines + self._glyph_lines(preview.result)))

    def _glyph_lines(self, result) -> list[str]:
        return [
            self.tr("No bundled font has {character} (U+{code}); it is printed as 〓, write it in by hand: {places}").format(
                character=character, code=f"{ord(character):04X}", places="；".join(places)
            )
            for character, places in result.missing_glyphs.places.items()
        ]

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

    def _choice_changed(self, *_ignored) -> None:
        """A preview of another choice would mislead: it goes once anything is changed."""
        if self.preview is not None:
            self.preview = None
            self.preview_pane.clear()

    def open_pdf(self) -> None:
        if self.last_pdf is None or not self.last_pdf.exists():
            self.message.setText(self.tr("Save a PDF first."))
            return
        if not open_in_viewer(self.last_pdf):
            self.message.setText(self.tr("No PDF viewer is set up on this computer; open {path} yourself.").format(path=self.last_pdf))

