"""The main window: a section list on the left, the chosen section on the right.

Changing the language rebuilds the menus and sections from scratch, so no widget
needs its own re-translation code.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop.operations import check, demo
from ui.context import AppContext
from ui.dialogs.about import show_about
from ui.dialogs.first_start import FirstStartDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.i18n import install_language
from ui.sections import SECTIONS


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, database_file: Path) -> None:
        super().__init__()
        self.context = context
        self.database_file = Path(database_file)
        self.setObjectName("mainWindow")
        self.resize(1200, 800)
        self.setAcceptDrops(True)
        self._build_ui()
        geometry = context.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = context.settings.window_state()
        if state is not None:
            self.restoreState(state)

    # -- building ------------------------------------------------------------
    def _build_ui(self) -> None:
        self.setWindowTitle(self.tr("Lianxin (连心) — {file}").format(file=self.database_file.name))
        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setFixedWidth(160)
        self.stack = QStackedWidget()
        self.sections: dict[str, QWidget] = {}
        for entry in SECTIONS:
            widget = entry.widget(self.context, self)
            widget.setObjectName(f"section_{entry.key}")
            self.sections[entry.key] = widget
            self.stack.addWidget(widget)
            self.section_list.addItem(entry.title())
        self.section_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.section_list.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.section_list)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)  # deletes the previous one (language switch)
        self._build_menus()
        self._build_status_bar()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&Check database"), self.check_database, "Ctrl+Shift+K")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.Quit)
        view_menu = bar.addMenu(self.tr("&View"))
        for index, entry in enumerate(SECTIONS):
            self._action(view_menu, entry.title(), lambda _=False, key=entry.key: self.show_section(key), f"Ctrl+{index + 1}")
        tools_menu = bar.addMenu(self.tr("&Tools"))
        self._action(tools_menu, self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        # No shortcut of its own: the demands section binds Ctrl+Shift+L, the menu is Alt+T, C.
        self._action(tools_menu, self.tr("&Categories and responsible units…"), self.open_reference_lists, "")
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Lianxin"), self.show_about, QKeySequence.HelpContents)

    def _action(self, menu, text: str, slot, shortcut) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ApplicationShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        if hasattr(self, "status_label"):
            status.removeWidget(self.status_label)
            self.status_label.deleteLater()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusDevice")
        status.addPermanentWidget(self.status_label)
        self.refresh_status()

    def refresh_status(self) -> None:
        installation = self.context.installation
        self.status_label.setText(
            self.tr("Device: {name} · Database: {file}").format(name=installation.device_name, file=self.database_file)
        )

    # -- actions -------------------------------------------------------------
    def show_section(self, key: str) -> None:
        self.section_list.setCurrentRow(list(self.sections).index(key))
        self.sections[key].setFocus()

    def current_section_key(self) -> str:
        return list(self.sections)[self.stack.currentIndex()]

    def open_settings(self) -> None:
        installation = self.context.installation
        dialog = SettingsDialog(self.context.settings.language, installation.device_name, installation.user_name, self)
        if dialog.exec() != QDialog.Accepted:
            return
        installation.rename(dialog.device_name.text() or installation.device_name, dialog.user_name.text())
        self.set_language(dialog.chosen_language())

    def set_language(self, language: str) -> None:
        """Switch the interface language now; the choice is remembered."""
        self.context.settings.language = install_language(language)
        current = self.current_section_key()
        self._build_ui()
        self.show_section(current)

    def open_reference_lists(self) -> None:
        self.show_section("demands")
        self.sections["demands"].open_reference_lists()

    def show_about(self) -> None:
        installation = self.context.installation
        show_about(self, installation.device_name, installation.device_id, str(self.database_file))

    def check_database(self) -> None:
        def report(problems: list[str]) -> None:
            if problems:
                QMessageBox.warning(self, self.tr("Database check"), "\n".join(problems))
            else:
                QMessageBox.information(self, self.tr("Database check"), self.tr("The database is sound."))

        self.context.run(self.tr("Checking the database"), check.check_database, report)

    # -- workbooks dropped anywhere on the window go to the exchange section --------
    def dragEnterEvent(self, event) -> None:
        self.sections["exchange"].dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        self.show_section("exchange")
        self.sections["exchange"].dropEvent(event)

    # -- first start -----------------------------------------------------------
    def offer_first_start(self):
        """On an empty database never offered before: demo data or an empty start.

        Returns the demo job when one was started, so callers can follow it.
        """
        if not demo.first_start_pending():
            return None
        dialog = FirstStartDialog(self)
        choice = dialog.exec()
        demo.first_start_answered()
        if choice == FirstStartDialog.DEMO:
            return self.fill_demo(dialog.households.value())
        return None

    def fill_demo(self, households: int):
        return self.context.run(self.tr("Creating demo data"), partial(demo.fill_demo, households=households),
                                on_error=self._show_error)

    def _show_error(self, error: Exception) -> None:
        QMessageBox.critical(self, self.tr("Lianxin"), self.tr("The work stopped: {reason}. Nothing was changed.").format(reason=error))

    def closeEvent(self, event) -> None:
        self.context.jobs.wait_all()
        self.context.settings.save_window(self.saveGeometry(), self.saveState())
        self.context.settings.sync()
        super().closeEvent(event)
