"""Paths of bundled files, the same from a checkout, an installed wheel and a PyInstaller build."""

from importlib.resources import files
from pathlib import Path

FONT_FILE = "fonts/wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"


def resource_path(relative: str) -> Path:
    return Path(str(files("resources"))) / relative


def font_path() -> Path:
    """The bundled WenQuanYi Micro Hei (TrueType outlines: reportlab and Qt both take it)."""
    return resource_path(FONT_FILE)


def translation_path(language: str) -> Path:
    return resource_path(f"translations/lianxin_{language}.qm")
