"""Tables keep the columns a person needs at the width they have; a menu on the header brings the rest back.

`ColumnMenu(view, low_priority=(2, 5), narrow_below=760, settings=context.settings)`:
while the view is narrower than `narrow_below` px the low-priority columns are
hidden, unless the person chose otherwise in the column menu, which lists every
column with a tick.  The menu opens with a right click on the header, and from
the keyboard with the list's own context-menu key (Shift+F10 or the Menu key)
when the list has no menu of its own; a list with its own menu adds `action`
("Columns…") to it.  What the person chose is kept in the settings under the
view's object name, so the list looks the same at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

translate = QCoreApplication.translate


class ColumnMenu(QObject):
    def __init__(self, view: QTableView, low_priority: tuple[int, ...] = (), narrow_below: int = 0,
                 settings=None, name: str = "") -> None:
        super().__init__(view)
        self.view = view
        self.low_priority = tuple(low_priority)
        self.narrow_below = narrow_below
        self.settings = settings  # ui.settings.AppSettings, or None: chosen for this run only
        self.name = name or view.objectName()
        # column → shown, as the person chose in the menu (now or at an earlier start)
        self.chosen: dict[int, bool] = settings.shown_columns(self.name) if settings is not None and self.name else {}
        self.shown_menu: QMenu | None = None
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self.popup)
        self.action = QAction(translate("Columns", "Show or hide columns…"), view)
        self.action.setObjectName("columnsMenu")
        self.action.triggered.connect(lambda: self.popup(QPoint(0, 0)))
        view.installEventFilter(self)
        view.model().modelReset.connect(self.fit)
        self.fit()

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        menu.setObjectName("columnMenu")
        model = self.view.model()
        for column in range(model.columnCount()):
            action = menu.addAction(str(model.headerData(column, Qt.Horizontal) or column))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(lambda shown, column=column: self.choose(column, shown))
        return menu

    def popup(self, point: QPoint) -> None:
        """The menu under the header at `point` (the header's left end from the keyboard)."""
        self.shown_menu = self.menu()
        self.shown_menu.popup(self.view.horizontalHeader().mapToGlobal(point))
        if self.shown_menu.actions():
            self.shown_menu.setActiveAction(self.shown_menu.actions()[0])  # the arrows start at the first column

    def choose(self, column: int, shown: bool) -> None:
        self.chosen[column] = shown
        if self.settings is not None and self.name:
            self.settings.set_shown_columns(self.name, self.chosen)
        self.fit()

    def fit(self) -> None:
        narrow = self.view.width() < self.narrow_below
        columns = self.view.model().columnCount()
        for column in range(columns):
            default = not (narrow and column in self.low_priority)
            self.view.setColumnHidden(column, not self.chosen.get(column, default))
        if columns and all(self.view.isColumnHidden(column) for column in range(columns)):
            self.view.setColumnHidden(0, False)  # never an empty list: its first column stays

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Resize:
            self.fit()
        elif (watched is self.view and event.type() == QEvent.ContextMenu
              and event.reason() == event.Reason.Keyboard and self.view.contextMenuPolicy() == Qt.DefaultContextMenu):
            self.popup(QPoint(0, 0))  # Shift+F10 or the Menu key on a list with no menu of its own
            return True
        return False
