"""The window's one look: colours, type, spacing, as a palette, a style sheet and a style that sets row heights.

Applied once to the application (`apply`), so every section, dialog and chart
(the home and statistics sections included) takes it without code of its own.
Rules kept here, from docs the office asked for:

- One accent, the service card's deep red, for the brand (the rail's mark) and
  the primary action of a screen only (`mark_primary`). Selection is a calm
  blue, so a selected row never reads as "overdue".
- Status colours carry meaning (overdue red, due within 2 days amber, closed
  green, pending grey) and are always shown with a word or an icon beside them.
- Body text 10.5 pt; headings by size and weight (`mark_heading`), not boxes;
  rows 30 px; spacing on an 8 px grid.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyleFactory, QTableView, QWidget

from ui.style.shortcut_labels import move_to_tooltip

ACCENT = "#B5262B"          # the brand and the primary action
ACCENT_HOVER = "#9A1F24"
ACCENT_PRESSED = "#7F191D"
INK = "#1F2329"             # body text
INK_SOFT = "#4E5969"        # secondary text, icons
INK_DISABLED = "#A9AEB8"
SURFACE = "#FFFFFF"         # lists, fields
BACKGROUND = "#F4F5F7"      # the window behind them
BORDER = "#D9DDE3"
SELECTION = "#DCE8F7"       # selected rows: blue, never the accent
RAIL = "#262A31"
RAIL_TEXT = "#C8CDD5"
RAIL_SELECTED = "#3A404A"

OVERDUE = "#C62828"
DUE_SOON = "#A86200"
CLOSED = "#2E7D32"
PENDING = "#6B7280"

BODY_POINTS = 10.5
ROW_HEIGHT = 30             # px, table rows and tree items
GRID = 8                    # px, spacing unit
RAIL_WIDTH = 72


def palette() -> QPalette:
    result = QPalette()
    colours = {
        QPalette.Window: BACKGROUND, QPalette.WindowText: INK, QPalette.Base: SURFACE,
        QPalette.AlternateBase: "#F8F9FB", QPalette.ToolTipBase: "#FFFFFF", QPalette.ToolTipText: INK,
        QPalette.PlaceholderText: "#8A919C", QPalette.Text: INK, QPalette.Button: SURFACE,
        QPalette.ButtonText: INK, QPalette.BrightText: "#FFFFFF", QPalette.Highlight: SELECTION,
        QPalette.HighlightedText: INK, QPalette.Link: "#1F5FAD", QPalette.Light: "#FFFFFF",
        QPalette.Midlight: "#ECEEF1", QPalette.Mid: BORDER, QPalette.Dark: "#B8BEC7", QPalette.Shadow: "#8A919C",
    }
    for role, colour in colours.items():
        result.setColor(role, QColor(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        result.setColor(QPalette.Disabled, role, QColor(INK_DISABLED))
    return result


STYLE_SHEET = f"""
QToolTip {{ color: {INK}; background: #FFFFFF; border: 1px solid {BORDER}; padding: 4px 8px; }}
QMainWindow, QDialog {{ background: {BACKGROUND}; }}

QListWidget#sectionList {{
    background: {RAIL}; border: none; outline: none; padding-top: 4px;
    color: {RAIL_TEXT}; font-size: 9.5pt;
}}
QListWidget#sectionList::item {{ border: none; border-left: 3px solid transparent; padding: 8px 0 6px 0; margin: 0; color: {RAIL_TEXT}; }}
QListWidget#sectionList::item:hover {{ background: #30353D; }}
QListWidget#sectionList::item:selected {{ background: {RAIL_SELECTED}; border-left: 3px solid {ACCENT}; color: #FFFFFF; }}
QLabel#brandMark {{ background: {ACCENT}; color: #FFFFFF; font-size: 12pt; font-weight: 700; }}
QWidget#rail {{ background: {RAIL}; }}

QLabel[heading="1"] {{ font-size: 15pt; font-weight: 700; color: {INK}; }}
QLabel[heading="2"] {{ font-size: 12pt; font-weight: 700; color: {INK}; }}
QLabel[hint="true"] {{ color: {INK_SOFT}; }}
QLabel[emptyState="true"] {{ color: {INK_SOFT}; font-size: 11pt; padding: 24px; }}

QPushButton, QToolButton {{
    background: {SURFACE}; color: {INK}; border: 1px solid {BORDER}; border-radius: 4px;
    padding: 5px 12px; min-height: 20px;
}}
QToolButton {{ padding: 4px 8px; }}
QPushButton:hover, QToolButton:hover {{ border-color: #AEB5BF; background: #F7F8FA; }}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{ background: #E9ECF0; }}
QPushButton:disabled, QToolButton:disabled {{ color: {INK_DISABLED}; border-color: #E5E8EC; }}
QPushButton:focus, QToolButton:focus {{ border: 1px solid #4A7CC2; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: #FFFFFF; border: 1px solid {ACCENT}; font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_HOVER}; border-color: {ACCENT_HOVER}; }}
QPushButton[primary="true"]:pressed {{ background: {ACCENT_PRESSED}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid #5B0F12; }}
QPushButton[primary="true"]:disabled {{ background: #E3B5B7; border-color: #E3B5B7; color: #FFFFFF; }}

QLineEdit, QComboBox, QSpinBox, QDateEdit, QPlainTextEdit, QTextEdit {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; padding: 4px 6px;
    selection-background-color: #B9D1EE; selection-color: {INK};
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 1px solid #4A7CC2;
}}
QLineEdit#searchBox {{ padding: 6px 8px; font-size: 11pt; }}

QTableView, QTreeView, QListView {{
    background: {SURFACE}; border: 1px solid {BORDER}; gridline-color: #EEF0F3;
    selection-background-color: {SELECTION}; selection-color: {INK}; alternate-background-color: #F8F9FB;
}}
QTreeView::item {{ min-height: {ROW_HEIGHT - 4}px; }}
QHeaderView::section {{
    background: #F2F3F5; color: {INK_SOFT}; border: none; border-bottom: 1px solid {BORDER};
    border-right: 1px solid #E6E9ED; padding: 4px 8px; font-weight: 600;
}}

QTabWidget::pane {{ border: 1px solid {BORDER}; background: {SURFACE}; top: -1px; }}
QTabBar::tab {{ background: transparent; color: {INK_SOFT}; padding: 6px 14px; border: none; border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {INK}; border-bottom: 2px solid {INK}; font-weight: 600; }}
QTabBar::tab:hover {{ color: {INK}; }}
QTabBar::tab:disabled {{ color: {INK_DISABLED}; }}

QGroupBox {{ border: 1px solid {BORDER}; border-radius: 4px; margin-top: 12px; padding: 8px; background: {SURFACE}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {INK}; font-weight: 600; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {INK_SOFT}; }}
QMenuBar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QMenuBar::item {{ padding: 4px 10px; }}
QMenuBar::item:selected {{ background: #ECEEF1; }}
QMenu {{ background: {SURFACE}; border: 1px solid {BORDER}; }}
QMenu::item {{ padding: 6px 24px 6px 12px; }}
QMenu::item:selected {{ background: {SELECTION}; color: {INK}; }}
QSplitter::handle {{ background: {BACKGROUND}; }}
QSplitter::handle:horizontal {{ width: 6px; }}
QSplitter::handle:vertical {{ height: 6px; }}
QProgressBar {{ border: 1px solid {BORDER}; border-radius: 4px; text-align: center; background: {SURFACE}; }}
QProgressBar::chunk {{ background: #4A7CC2; }}
"""


class LianxinStyle(QProxyStyle):
    """Fusion, with rows of ROW_HEIGHT px in every table (a style sheet cannot set a row's height)
    and the keys of a button's label moved to its tooltip (`ui.style.shortcut_labels`)."""

    def polish(self, target, *rest):  # polish(QWidget) / polish(QPalette) / polish(QApplication)
        if isinstance(target, QTableView):
            target.verticalHeader().setMinimumSectionSize(24)
            target.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        if isinstance(target, QWidget):
            move_to_tooltip(target)
        return super().polish(target, *rest)


def apply(app: QApplication) -> None:
    """Give the whole application the look: style, palette, body font size, style sheet."""
    app.setStyle(LianxinStyle(QStyleFactory.create("Fusion")))
    app.setPalette(palette())
    font = QFont(app.font())
    font.setPointSizeF(BODY_POINTS)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def mark_primary(button: QWidget) -> QWidget:
    """The one primary action of a screen: drawn in the accent colour."""
    button.setProperty("primary", True)
    return button


def mark_heading(label: QWidget, level: int = 1) -> QWidget:
    label.setProperty("heading", str(level))
    return label


def mark_hint(label: QWidget) -> QWidget:
    label.setProperty("hint", True)
    return label
