"""Load the bundled Chinese font so a machine without one still shows Chinese, not boxes."""

from PySide6.QtGui import QFont, QFontDatabase

from desktop.resource_files import FONT_FAMILY, font_path


def load_bundled_font() -> str:
    """Register WenQuanYi Micro Hei with Qt and return its family name."""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else FONT_FAMILY


def apply_default_font(app, family: str) -> None:
    """Use the bundled family, falling back to the system's sans-serif for Latin text."""
    font = QFont(app.font())
    font.setFamilies([family, "sans-serif"])
    app.setFont(font)
