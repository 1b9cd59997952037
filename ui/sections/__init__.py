"""The sections of the main window, in the order of the navigation rail.

Each entry: a stable key (used in settings and tests), a function giving its
translated title, and the widget class built as `Section(context, parent)`;
for the rail, a two-character label and an icon (a file of resources/icons).

The window builds a section only when it is first shown, and `lazy()` imports
its module only then: the printing section alone pulls in pypinyin and
reportlab (0.3 s), which a start that shows another section must not pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def lazy(module: str, name: str) -> Callable[..., QWidget]:
    """A section class imported when the section is first built, not when the window starts."""

    def build(context, parent=None) -> QWidget:
        return getattr(import_module(module), name)(context, parent)

    build.__qualname__ = f"lazy({module}.{name})"
    return build


@dataclass(frozen=True)
class SectionEntry:
    key: str
    title: Callable[[], str]
    widget: Callable[..., QWidget]
    short: Callable[[], str] | None = None  # the rail's two-character label; the title when missing
    icon: str = "list-details"

    def short_title(self) -> str:
        return self.short() if self.short is not None else self.title()


SECTIONS = (
    SectionEntry("registry", lambda: QCoreApplication.translate("Sections", "Registry"), lazy("ui.sections.registry", "RegistrySection"),
                 lambda: QCoreApplication.translate("Sections", "Homes"), "users"),
    SectionEntry("visits", lambda: QCoreApplication.translate("Sections", "Visits"), lazy("ui.sections.visits", "VisitsSection"),
                 lambda: QCoreApplication.translate("Sections", "Visits"), "walk"),
    SectionEntry("demands", lambda: QCoreApplication.translate("Sections", "Demands"), lazy("ui.sections.demands", "DemandsSection"),
                 lambda: QCoreApplication.translate("Sections", "Asks"), "message-report"),
    SectionEntry("statistics", lambda: QCoreApplication.translate("Sections", "Statistics"), lazy("ui.sections.statistics", "StatisticsSection"),
                 lambda: QCoreApplication.translate("Sections", "Stats"), "chart-bar"),
    SectionEntry("printing", lambda: QCoreApplication.translate("Sections", "Printing"), lazy("ui.sections.printing", "PrintingSection"),
                 lambda: QCoreApplication.translate("Sections", "Print"), "printer"),
    SectionEntry("exchange", lambda: QCoreApplication.translate("Sections", "Exchange"), lazy("ui.sections.exchange", "ExchangeSection"),
                 lambda: QCoreApplication.translate("Sections", "Sync"), "arrows-exchange"),
)
