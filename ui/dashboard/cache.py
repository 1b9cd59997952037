"""The dashboard's figures, read in the background and kept per period and scope until the data changes.

Two windows' worth of charts (the 工作台 and 统计) share one cache per window
context.  A change to a visit or a demand drops the counted figures; only a
change to households, links or cadres drops the coverage stock
(`models.figures.breakdowns.CoverageStock`), the costly part at district scale — so
after a recorded visit the dashboard counts again in a fraction of the time.  On a
PostgreSQL master no stock is read: the server counts (a city's stock took 6 s to read),
and keeps the counts of the whole master (`models.figures.kept_counts`).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, QTimer, Signal

from models.figures.breakdowns import STOCK_TABLES, breakdowns, coverage_stock
from models.registry.coverage import Period
from models.scope import Scope
from models.storage.connection import on_postgres

_caches: WeakKeyDictionary = WeakKeyDictionary()


class FigureCache(QObject):
    """Breakdowns by (period, scope, today); `changed` tells the views to ask again."""

    changed = Signal()

    def __init__(self, context) -> None:
        super().__init__()
        self._context = context
        self._values: dict[tuple, dict] = {}
        self._stocks: dict[Scope, object] = {}
        self._waiting: dict[tuple, list[Callable[[dict], None]]] = {}
        context.data_changed.connect(self.forget)

    def forget(self, table: str = "*") -> None:
        self._values.clear()
        if table == "*" or table in STOCK_TABLES:
            self._stocks.clear()
        self.changed.emit()

    def cached(self, period: Period, scope: Scope, today: dt.date) -> dict | None:
        return self._values.get((period, scope, today))

    def load(self, period: Period, scope: Scope, today: dt.date, on_done: Callable[[dict], None],
             on_error: Callable[[Exception], None] | None = None) -> None:
        """Give `on_done` the figures: at once when kept, else after one background read (shared by all who ask)."""
        key = (period, scope, today)
        if key in self._values:
            on_done(self._values[key])
            return
        if key in self._waiting:
            self._waiting[key].append(on_done)
            return
        self._waiting[key] = [on_done]
        stock = self._stocks.get(scope)

        def read(_progress):
            if on_postgres():  # the server counts (and keeps most counts): no stock read into Python
                return None, breakdowns(period, today, scope)
            kept = stock or coverage_stock(scope)
            return kept, breakdowns(period, today, scope, kept)

        def done(result) -> None:
            kept, values = result
            if kept is not None:
                self._stocks[scope] = kept
            self._values[key] = values
            for callback in self._waiting.pop(key, []):
                callback(values)

        def failed(error: Exception) -> None:
            self._waiting.pop(key, None)
            if on_error is not None:
                on_error(error)

        self._context.jobs.run("dashboard", read, done, failed, show_progress=False)


class Recount:
    """One count at a time, and none while its section is hidden.

    Asked again while counting, it counts once more afterwards (not once per change);
    asked while hidden, it counts when the section is next shown (`shown`), so a merge
    on another section does not keep the one worker thread busy with figures nobody sees.
    Until it has counted once, the section is stale."""

    def __init__(self, count: Callable[[], None], section) -> None:
        self._count = count
        self._section = section
        self.busy = False
        self._again = False
        self._stale = True

    def begin(self) -> bool:
        """True when a count may start now (the caller then starts it); False when hidden or one runs."""
        if not self._section.isVisible():
            self._stale = True
            return False
        self._stale = False
        if self.busy:
            self._again = True
            return False
        self.busy = True
        return True

    def end(self) -> None:
        """The count is done (or failed): count again if asked meanwhile."""
        self.busy = False
        if self._again:
            self._again = False
            self._count()

    def shown(self) -> None:
        """The section is on screen: count if something changed while it was not (after the window is painted)."""
        if self._stale:
            QTimer.singleShot(0, self._count)


def figure_cache(context) -> FigureCache:
    """The one cache of a window's context."""
    if context not in _caches:
        _caches[context] = FigureCache(context)
    return _caches[context]
