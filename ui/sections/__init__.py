"""The sections of the main window, in the order of the navigation list.

Each entry: a stable key (used in settings and tests), a function giving its
translated title, and the widget class built as `Section(context, parent)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.sections.demands import DemandsSection
from ui.sections.exchange import ExchangeSection
from ui.sections.home import HomeSection
from ui.sections.printing import PrintingSection
from ui.sections.registry import RegistrySection
from ui.sections.statistics import StatisticsSection
from ui.sections.visits import VisitsSection


@dataclass(frozen=True)
class SectionEntry:
    key: str
    title: Callable[[], str]
    widget: Callable[..., QWidget]


SECTIONS = (
    SectionEntry("home", lambda: QCoreApplication.translate("Sections", "Workbench"), HomeSection),
    SectionEntry("registry", lambda: QCoreApplication.translate("Sections", "Registry"), RegistrySection),
    SectionEntry("visits", lambda: QCoreApplication.translate("Sections", "Visits"), VisitsSection),
    SectionEntry("demands", lambda: QCoreApplication.translate("Sections", "Demands"), DemandsSection),
    SectionEntry("statistics", lambda: QCoreApplication.translate("Sections", "Statistics"), StatisticsSection),
    SectionEntry("printing", lambda: QCoreApplication.translate("Sections", "Printing"), PrintingSection),
    SectionEntry("exchange", lambda: QCoreApplication.translate("Sections", "Exchange"), ExchangeSection),
)
