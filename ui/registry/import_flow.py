"""Importing a roster from the window: choose the file, see the report, then import or not.

The preview is a dry run of the real import (same code, rolled back), so what the
person approves is exactly what will be written.  A roster without a 街道 column
that names a community several sub-districts have is the one question the
preview asks before it lets the import run: which of them is meant.  Both runs are the
operation `desktop.operations.roster.import_roster` through `context.run` (off the UI
thread, cancellable).  The report can be saved as a
workbook for the office to fix its file by.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.operations import roster
from desktop.operations.roster import FIELD_LABELS, RosterReport, column_letter, shown_value


def ask_roster_file(parent, folder: str) -> str:
    """The file the person picks ('' if none); tests replace this function."""
    return QFileDialog.getOpenFileName(parent, QCoreApplication.translate("Registry", "Import a roster"), folder, QCoreApplication.translate("Registry", "Rosters (*.xlsx *.xlsm *.xls *.ods *.csv)"))[0]


def ask_report_file(parent, suggestion: str) -> str:
    return QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Registry", "Save the report"), suggestion, "Excel (*.xlsx)")[0]


def tell(parent, message: str) -> None:
    """Show a refusal; tests replace this function."""
    QMessageBox.warning(parent, QCoreApplication.translate("Registry", "Import a roster"), message)


class PreviewDialog(QDialog):
    """The dry run's report: how each column was read (changeable), counts, every problem row.

    Changing a column's field and pressing "Check again" calls `recheck(mapping)`
    with {0-based column: field or None}; the import then uses that mapping.
    The shop list's preview is this one with a shop's fields (`ui.registry.shop_import_flow`).
    """

    field_labels = FIELD_LABELS

    def __init__(self, report: RosterReport, recheck, parent=None,
                 communities: dict[str, str | None] | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(QCoreApplication.translate("Registry", "Import a roster"))
        self.resize(860, 600)
        self.columns = QTableWidget(len(report.header.titles), 3)
        self.columns.setObjectName("importColumns")
        self.columns.setHorizontalHeaderLabels([
            QCoreApplication.translate("Registry", "Column"),
            QCoreApplication.translate("Registry", "Title in the file"),
            QCoreApplication.translate("Registry", "Read as"),
        ])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.choices: dict[int, QComboBox] = {}
        for row, (column, title) in enumerate(sorted(report.header.titles.items())):
            self.columns.setItem(row, 0, QTableWidgetItem(column_letter(column)))
            self.columns.setItem(row, 1, QTableWidgetItem(title))
            choice = QComboBox()
            choice.addItem(QCoreApplication.translate("Registry", "(not imported)"), None)
            for field, label in self.field_labels.items():
                choice.addItem(label, field)
            choice.setCurrentIndex(max(choice.findData(report.header.columns.get(column)), 0))
            self.columns.setCellWidget(row, 2, choice)
            self.choices[column] = choice
        self.columns.setEditTriggers(QTableWidget.NoEditTriggers)
        summary = QLabel("\n".join(report.summary_lines()))
        summary.setObjectName("importSummary")
        summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.problems = QTableWidget(len(report.problems), 4)
        self.problems.setObjectName("importProblems")
        self.problems.setHorizontalHeaderLabels([
            QCoreApplication.translate("Registry", "Row"),
            QCoreApplication.translate("Registry", "Column"),
            QCoreApplication.translate("Registry", "Content"),
            QCoreApplication.translate("Registry", "Reason"),
        ])
        self.problems.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setEditTriggers(QTableWidget.NoEditTriggers)
        for row, problem in enumerate(report.problems):
            values = (str(problem.row), problem.column or "", shown_value(problem.field, problem.value), problem.reason)
            for column, value in enumerate(values):
                self.problems.setItem(row, column, QTableWidgetItem(value))
        buttons = QDialogButtonBox()
        self.import_button = QPushButton(
            QCoreApplication.translate("Registry", "&Import {count} rows").format(count=report.imported_rows)
        )
        self.import_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.community_choices: dict[str, QComboBox] = {}
        question = self._community_question(report, communities or {})
        self._update_import_button()
        buttons.addButton(self.import_button, QDialogButtonBox.AcceptRole)
        self.recheck_button = QPushButton(QCoreApplication.translate("Registry", "Check &again with these columns"))
        self.recheck_button.setShortcut(QKeySequence("Ctrl+R"))
        self.recheck_button.clicked.connect(lambda: recheck(self.mapping()))
        buttons.addButton(self.recheck_button, QDialogButtonBox.ActionRole)
        self.save_button = QPushButton(QCoreApplication.translate("Registry", "&Save report…"))
        self.save_button.setShortcut(QKeySequence.Save)
        self.save_button.clicked.connect(self.save)
        buttons.addButton(self.save_button, QDialogButtonBox.ActionRole)
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns)
        if question is not None:
            layout.addWidget(question)
        layout.addWidget(summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)

    def _community_question(self, report: RosterReport, chosen: dict[str, str | None]) -> QGroupBox | None:
        """For each community the roster names without a 街道 that several sub-districts have: which one."""
        if not report.ambiguous_communities:
            return None
        box = QGroupBox(QCoreApplication.translate(
            "Registry", "The roster has no sub-district column: which community is meant?"))
        form = QFormLayout(box)
        for name, found in sorted(report.ambiguous_communities.items()):
            choice = QComboBox()
            choice.setObjectName(f"community_{name}")
            choice.addItem(QCoreApplication.translate("Registry", "(choose)"), "")
            for uuid, sub_district in found:
                choice.addItem(QCoreApplication.translate("Registry", "{community} in {sub_district}").format(
                    community=name, sub_district=sub_district), uuid)
            choice.addItem(QCoreApplication.translate("Registry", "A new {community} (sub-district not given)").format(
                community=name), None)
            if name in chosen:
                choice.setCurrentIndex(max(choice.findData(chosen[name]), 0))
            choice.currentIndexChanged.connect(self._update_import_button)
            self.community_choices[name] = choice
            form.addRow(name, choice)
        return box

    def _update_import_button(self, *_ignored) -> None:
        """Import only what can be written, and only once every community question has an answer."""
        answered = all(choice.currentData() != "" for choice in self.community_choices.values())
        self.import_button.setEnabled(self.report.imported_rows > 0 and self.report.changed and answered)

    def communities(self) -> dict[str, str | None]:
        """The community chosen for each name asked about (uuid, or None for a new one)."""
        return {name: choice.currentData() for name, choice in self.community_choices.items()
                if choice.currentData() != ""}

    def mapping(self) -> dict[int, str | None]:
        """The field chosen for every column of the header."""
        return {column: choice.currentData() for column, choice in self.choices.items()}

    def save(self) -> None:
        path = ask_report_file(self, str(Path.home() / f"{Path(self.report.file).stem}-问题报告.xlsx"))
        if path:
            roster.save_report(report=self.report, path=path)


class RosterImport:
    """One import from the window; `start()` asks for the file and runs the preview."""

    def __init__(self, context, parent) -> None:
        self.context = context
        self.parent = parent
        self.path: Path | None = None
        self.mapping: dict[int, str | None] | None = None
        self.communities: dict[str, str | None] = {}
        self.dialog: PreviewDialog | None = None

    def start(self) -> None:
        chosen = ask_roster_file(self.parent, self.context.settings.last_folder("roster"))
        if not chosen:
            return
        self.path = Path(chosen)
        self.context.settings.set_last_folder("roster", str(self.path.parent))
        self._check()

    def _check(self) -> None:
        check = partial(roster.import_roster, path=self.path, dry_run=True, mapping=self.mapping,
                        communities=dict(self.communities))
        self.context.run(
            QCoreApplication.translate("Registry", "Checking the roster"),
            check,
            self._preview,
            self._refused,
        )

    def recheck(self, mapping: dict[int, str | None]) -> None:
        self.mapping = mapping
        if self.dialog is not None:
            self.communities.update(self.dialog.communities())
            self.dialog.done(QDialog.Rejected)
            self.dialog = None
        self._check()

    def _preview(self, report: RosterReport) -> None:
        self.dialog = PreviewDialog(report, self.recheck, self.parent, self.communities)
        self.dialog.accepted.connect(self._import)
        self.dialog.open()

    def _import(self) -> None:
        if self.dialog is not None:
            self.communities.update(self.dialog.communities())
        run = partial(roster.import_roster, path=self.path, mapping=self.mapping, communities=dict(self.communities))
        self.context.run(
            QCoreApplication.translate("Registry", "Importing the roster"),
            run,
            None,
            self._refused,
        )

    def _refused(self, error: Exception) -> None:
        tell(self.parent, str(error))
