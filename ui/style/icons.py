"""Icons of the window: one bundled SVG set (Tabler Icons, MIT, resources/icons/), drawn in the theme's colours.

Why bundled SVG files and not an icon-font library: the 37 icons the window
uses cost about 1 ms each, when first asked for, while qtawesome's import and
first icon took 150–190 ms of the start-up budget here. The SVGs draw with
`currentColor`; `icon()` puts a colour in its place, so the same file serves
the rail (white on the accent), buttons (ink) and states (status colours).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.resource_files import resource_path
from ui.style import theme



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
    return QIcon(_TintedSvg(name, color, selected_color))


class _TintedSvg(QIconEngine):
    """Draws the SVG in the state's colour at the size and pixel ratio asked, when first asked.

    Rendering every size of every icon up front cost 65–85 ms of the start;
    most are never shown (a disabled look, a size no widget uses).
    """

    def __init__(self, name: str, color: str, selected_color: str | None) -> None:
        super().__init__()
        self.name, self.color, self.selected_color = name, color, selected_color

    def _color(self, mode, state) -> str:
        if mode == QIcon.Disabled:
            return theme.INK_DISABLED
        if self.selected_color and (mode == QIcon.Selected or state == QIcon.On):
            return self.selected_color
        return self.color

    def scaledPixmap(self, size: QSize, mode, state, scale: float) -> QPixmap:
        return _pixmap(self.name, self._color(mode, state), min(size.width(), size.height()), scale)

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        app = QGuiApplication.instance()
        return self.scaledPixmap(size, mode, state, app.devicePixelRatio() if app is not None else 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:
        side = min(rect.width(), rect.height())
        pixmap = self.scaledPixmap(QSize(side, side), mode, state, painter.device().devicePixelRatioF())
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2, rect.y() + (rect.height() - side) // 2, pixmap)

    def actualSize(self, size: QSize, mode, state) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> "QIconEngine":
        return _TintedSvg(self.name, self.color, self.selected_color)


@lru_cache(maxsize=512)
def _pixmap(name: str, color: str, size: int, ratio: float) -> QPixmap:
    """Rendered at the screen's pixel ratio, so 150 % scaling stays sharp."""
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.transparent)
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode("utf-8")))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
