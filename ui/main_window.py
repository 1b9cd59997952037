"""The main window: a navigation rail on the left, the chosen section on the right.

Sections are built when first shown (`SectionStack`), so a start pays only for
the section it opens.  Changing the language rebuilds the menus and sections
from scratch, so no widget needs its own re-translation code.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.operations import check, demo
from desktop.operations.outcome import Changes
from models.database import database_passphrase
from models.storage.postgres_url import PostgresUrl, is_postgres
from ui import database_switch
from ui.context import AppContext
from ui.dialogs.about import show_about
from ui.dialogs.first_start import FirstStartDialog
from ui.dialogs.passphrase import protect_database
from ui.dialogs.settings_dialog import SettingsDialog
from ui.i18n import install_language
from ui.sections import SECTIONS
from ui.style import theme
from ui.style.icons import icon


class SectionStack:
    """The sections by key, each built the first time it is asked for, into its place in the stack."""

    def __init__(self, window: "MainWindow", stack: QStackedWidget) -> None:
        self._window = window
        self._stack = stack
        self._built: dict[str, QWidget] = {}
        self._entries = {entry.key: entry for entry in SECTIONS}
        for _ in SECTIONS:
            stack.addWidget(QWidget())  # a placeholder until the section is first shown

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._built:
            entry = self._entries[key]
            widget = entry.widget(self._window.context, self._window)
            widget.setObjectName(f"section_{key}")
            index = list(self._entries).index(key)
            placeholder = self._stack.widget(index)
            current = self._stack.currentIndex()
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._stack.insertWidget(index, widget)
            self._stack.setCurrentIndex(current)
            self._built[key] = widget
        return self._built[key]

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def built(self) -> dict[str, QWidget]:
        """The sections built so far (the others have no state yet)."""
        return dict(self._built)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, database_file: Path) -> None:
        super().__init__()
        self.context = context
        self.database_file = PostgresUrl(database_file) if is_postgres(database_file) else Path(database_file)
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
        self.section_list = self._build_rail_list()
        self.stack = QStackedWidget()
        self.sections = SectionStack(self, self.stack)
        self.section_list.currentRowChanged.connect(self._row_chosen)
        rail = QWidget()
        rail.setObjectName("rail")
        rail.setFixedWidth(theme.RAIL_WIDTH)
        rail_layout = QVBoxLayout(rail)
        rail_layout.setContentsMargins(0, 0, 0, 0)
        rail_layout.setSpacing(0)
        brand = QLabel(self.tr("Lianxin"))
        brand.setObjectName("brandMark")
        brand.setAlignment(Qt.AlignCenter)
        brand.setFixedHeight(48)
        rail_layout.addWidget(brand)
        rail_layout.addWidget(self.section_list, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(rail)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(theme.GRID, theme.GRID, theme.GRID, 0)
        body_layout.addWidget(self.stack)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)  # deletes the previous one (language switch)
        self.section_list.setCurrentRow(0)
        self._build_menus()
        self._build_status_bar()

    def _build_rail_list(self) -> QListWidget:
        """Icons with a two-character label, 72 px wide; the full title and shortcut in the tooltip."""
        rail = QListWidget()
        rail.setObjectName("sectionList")
        rail.setViewMode(QListView.IconMode)
        rail.setFlow(QListView.TopToBottom)
        rail.setMovement(QListView.Static)
        rail.setWrapping(False)
        rail.setResizeMode(QListView.Adjust)
        rail.setIconSize(QSize(24, 24))
        rail.setGridSize(QSize(theme.RAIL_WIDTH, 64))
        rail.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        rail.setFrameShape(QListWidget.NoFrame)
        rail.setFixedWidth(theme.RAIL_WIDTH)
        for number, entry in enumerate(SECTIONS, 1):
            item = QListWidgetItem(icon(entry.icon, theme.RAIL_TEXT, "#FFFFFF"), entry.short_title())
            item.setTextAlignment(Qt.AlignHCenter | Qt.AlignBottom)
            item.setSizeHint(QSize(theme.RAIL_WIDTH, 64))
            item.setToolTip(f"{entry.title()}  Ctrl+{number}")
            item.setData(Qt.AccessibleTextRole, entry.title())
            rail.addItem(item)
        return rail

    def _row_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.sections[SECTIONS[row].key]  # built on first show
        self.stack.setCurrentIndex(row)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for old in bar.actions():  # built again when the language changes: the old menus go, not only their titles
            if old.menu() is not None:
                old.menu().deleteLater()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self._build_database_menu(file_menu)
        self._action(file_menu, self.tr("&Check database"), self.check_database, "Ctrl+Shift+K").setIcon(icon("database"))
        self._action(file_menu, self.tr("Load &demo data…"), self.ask_demo, "")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.Quit)
        view_menu = bar.addMenu(self.tr("&View"))
        for index, entry in enumerate(SECTIONS):
            action = self._action(view_menu, entry.title(), lambda _=False, key=entry.key: self.show_section(key), f"Ctrl+{index + 1}")
            action.setIcon(icon(entry.icon))
        tools_menu = bar.addMenu(self.tr("&Tools"))
        self._action(tools_menu, self.tr("&Settings…"), self.open_settings, "Ctrl+,").setIcon(icon("settings"))
        # No shortcut of its own: the demands section binds Ctrl+Shift+L, the menu is Alt+T, C.
        self._action(tools_menu, self.tr("&Categories and responsible units…"), self.open_reference_lists, "")
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Lianxin"), self.show_about, QKeySequence.HelpContents).setIcon(icon("info-circle"))

    def _build_database_menu(self, file_menu) -> None:
        """Which database the window works on: an office server (recent ones listed) or this computer's file."""
        self._action(file_menu, self.tr("Connect to the &office server…"), lambda: database_switch.connect_server(self),
                     "").setObjectName("connectServer")
        recent = file_menu.addMenu(self.tr("&Recent servers"))
        for url in self.context.settings.recent_servers():
            self._action(recent, PostgresUrl(url).shown(), lambda _=False, url=url: database_switch.connect_server(self, url), "")
        recent.setEnabled(bool(recent.actions()))
        local = self._action(file_menu, self.tr("Use this computer's database &file"),
                             lambda: database_switch.use_local_file(self), "")
        local.setObjectName("useLocalDatabase")
        local.setEnabled(is_postgres(self.database_file))
        file_menu.addSeparator()

    def use_database(self, location, installation) -> None:
        """The window now works on `location` (opened by `ui.database_switch`): every section is built again."""
        self.context.installation = installation
        self.database_file = PostgresUrl(location) if is_postgres(location) else Path(location)
        current = self.current_section_key()
        self._build_ui()
        self.show_section(current)
        self.context.announce(Changes.everything())

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

    def section(self, key: str) -> QWidget:
        """The section `key`, built now if it was not yet."""
        return self.sections[key]

    def section_keys(self) -> list[str]:
        return list(self.sections)

    def current_section_key(self) -> str:
        return list(self.sections)[self.stack.currentIndex()]

    def open_settings(self) -> None:
        installation = self.context.installation
        dialog = SettingsDialog(self.context.settings.language, installation.device_name, installation.user_name, self,
                                lock_minutes=self.context.settings.lock_minutes, encrypted=database_passphrase() is not None,
                                on_passphrase=lambda: protect_database(dialog, self.context, self.database_file.name),
                                database=str(self.database_file), on_database=True)
        accepted = dialog.exec() == QDialog.Accepted
        if accepted:
            self.context.settings.lock_minutes = dialog.lock_minutes.value()
        if getattr(self, "idle_lock", None) is not None:  # (the database may have been encrypted meanwhile)
            self.idle_lock.configure(self.context.settings.lock_minutes)
        if dialog.database_asked:
            database_switch.connect_server(self)
        if not accepted:
            return
        installation = self.context.installation  # (a new passphrase reopened the database)
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
        show_about(self, installation.device_name, installation.device_id, str(self.database_file), installation.user_name)

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

    def ask_demo(self) -> None:
        """File → Load demo data: only into an empty database (the operation refuses otherwise, saying why)."""
        households, chosen = QInputDialog.getInt(
            self, self.tr("Demo data"), self.tr("Households to make up (a fictional district):"), 3000, 10, 200_000, 1000)
        if chosen:
            self.fill_demo(households)

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
