"""Icons of the window: one bundled SVG set (Tabler Icons, MIT, resources/icons/), drawn in the theme's colours.

Why bundled SVG files and not an icon-font library: the 37 icons the window
uses cost about 1 ms each, when first asked for, while qtawesome's import and
first icon took 150–190 ms of the start-up budget here. The SVGs draw with
`currentColor`; `icon()` puts a colour in its place, so the same file serves
the rail (white on the accent), buttons (ink) and states (status colours).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.resource_files import resource_path
from ui.style import theme

SIZES = (16, 20, 24, 32)


def icon_file(name: str):
    return resource_path(f"icons/{name}.svg")


@lru_cache(maxsize=None)
def _svg(name: str) -> str:
    return icon_file(name).read_text(encoding="utf-8")


def icon(name: str, color: str = theme.INK_SOFT, selected_color: str | None = None) -> QIcon:
    """The icon `name` (a file in resources/icons without .svg) in `color`; `selected_color` for the selected/checked state."""
    return _icon(name, color, selected_color)


@lru_cache(maxsize=None)
def _icon(name: str, color: str, selected_color: str | None) -> QIcon:
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_pixmap(name, color, size), QIcon.Normal, QIcon.Off)
        result.addPixmap(_pixmap(name, theme.INK_DISABLED, size), QIcon.Disabled, QIcon.Off)
        if selected_color:
            result.addPixmap(_pixmap(name, selected_color, size), QIcon.Selected, QIcon.Off)
            result.addPixmap(_pixmap(name, selected_color, size), QIcon.Normal, QIcon.On)
    return result


def _pixmap(name: str, color: str, size: int) -> QPixmap:
    """Rendered at the screen's pixel ratio, so 150 % scaling stays sharp."""
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if app is not None else 1.0
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.transparent)
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode("utf-8")))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
