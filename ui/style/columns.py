"""Tables keep the columns a person needs at the width they have; a menu on the header brings the rest back.

`ColumnMenu(view, low_priority=(2, 5), narrow_below=760)`: while the view is
narrower than `narrow_below` px the low-priority columns are hidden, unless the
person ticked them in the header's context menu (right click on the header),
which lists every column with a tick.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMenu, QTableView


class ColumnMenu(QObject):
    def __init__(self, view: QTableView, low_priority: tuple[int, ...] = (), narrow_below: int = 0) -> None:
        super().__init__(view)
        self.view = view
        self.low_priority = tuple(low_priority)
        self.narrow_below = narrow_below
        self.chosen: dict[int, bool] = {}  # column → shown, as the person chose in the menu
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self.popup)
        view.installEventFilter(self)
        view.model().modelReset.connect(self.fit)

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        model = self.view.model()
        for column in range(model.columnCount()):
            action = menu.addAction(str(model.headerData(column, Qt.Horizontal) or column))
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(column))
            action.toggled.connect(lambda shown, column=column: self.choose(column, shown))
        return menu

    def popup(self, point) -> None:
        self.menu().popup(self.view.horizontalHeader().mapToGlobal(point))

    def choose(self, column: int, shown: bool) -> None:
        self.chosen[column] = shown
        self.fit()

    def fit(self) -> None:
        narrow = self.view.width() < self.narrow_below
        for column in range(self.view.model().columnCount()):
            default = not (narrow and column in self.low_priority)
            self.view.setColumnHidden(column, not self.chosen.get(column, default))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Resize:
            self.fit()
        return False
