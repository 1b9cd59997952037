"""Screenshots of every section of the window, made from a database (demo data), for review and the README.

    python tools/screenshots.py --db demo.db --out docs/screenshots [--size 1024x768 --size 1366x768] [--scale 1.5]

Each size gives `<size>/<section>.png` (and a few states: a search with its
household open, the printing preview, the conflicts). `--scale 1.5` sets QT_SCALE_FACTOR
before Qt starts, so `--size 1920x1080 --scale 1.5` is a 1920×1080 screen at
150 %: the window is 1280×720 logical pixels and the picture 1920×1080.
Runs offscreen unless QT_QPA_PLATFORM says otherwise; settings go to a
temporary file, so the user's own window size and language are not touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the database to show (e.g. made by `lianxin demo`)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--size", action="append", default=[], help="screen size WxH (repeatable; default 1024x768 and 1366x768)")
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR (1.5 for 150 %%)")
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--search", default="王", help="what to type into the registry's search box for the search picture")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if arguments.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(arguments.scale)
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from models.database import close_database
    from ui.app import create_application, open_main_window
    from ui.settings import AppSettings

    sizes = [tuple(int(n) for n in size.lower().split("x")) for size in (arguments.size or ["1024x768", "1366x768"])]
    app = create_application()
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = AppSettings(QSettings(str(settings_file), QSettings.IniFormat))
    settings.language = arguments.language
    window = open_main_window(arguments.db, settings)
    window.show()

    def settle() -> None:
        for _ in range(3):
            app.processEvents()
            while window.context.jobs.busy():
                app.processEvents()
                time.sleep(0.01)
            app.processEvents()

    written = []
    try:
        for width, height in sizes:
            logical = (round(width / arguments.scale), round(height / arguments.scale))
            window.resize(*logical)
            folder = arguments.out / (f"{width}x{height}" + (f"@{arguments.scale:g}x" if arguments.scale != 1.0 else ""))
            folder.mkdir(parents=True, exist_ok=True)
            if "registry" in window.sections.built():  # the bare list again, not the last size's search
                window.section("registry").search_box.clear()
                window.section("registry").close_page()
            for key in window.section_keys():
                window.show_section(key)
                settle()
                path = folder / f"{key}.png"
                window.grab().save(str(path))
                written.append(path)
            for name, prepare in extra_states(window, arguments.search).items():
                prepare()
                settle()
                path = folder / f"{name}.png"
                window.grab().save(str(path))
                written.append(path)
    finally:
        window.close()
        close_database()
    for path in written:
        print(path)
    return 0


def extra_states(window, search_text: str) -> dict:
    """A few states worth a picture beside the bare sections: a search's results, a household opened from them, the print
    preview, the conflicts to settle (the first one shown, if the database has any)."""

    def results() -> None:
        window.show_section("registry")
        registry = window.section("registry")
        registry.close_page()
        registry.focus_search()
        registry.search_box.setText(search_text)

    def search() -> None:
        results()
        window.section("registry").open_first_result()

    def printing() -> None:
        window.show_section("printing")
        section = window.section("printing")
        section.community.setCurrentIndex(min(1, section.community.count() - 1))  # one community: a quick preview
        section.preview_now()

    def conflicts() -> None:
        window.show_section("exchange")
        section = window.section("exchange")
        section.tabs.setCurrentIndex(2)
        if section.conflict_model.rowCount():
            section.conflict_view.selectRow(0)

    def tab(key: str, attribute: str, index: int, then=None):
        """Another tab of a section (the pictures of the bare sections show their first)."""
        def show() -> None:
            window.show_section(key)
            getattr(window.section(key), attribute).setCurrentIndex(index)
            if then is not None:
                then(window.section(key))
        return show

    return {"registry-results": results, "registry-search": search, "printing-preview": printing,
            "exchange-conflicts": conflicts,
            "visits-coverage": tab("visits", "tabs", 1, lambda visits: visits.coverage.check()),
            "visits-cadre-list": tab("visits", "tabs", 2),
            "statistics-numbers": tab("statistics", "views", 1),
            "exchange-merge": tab("exchange", "tabs", 1), "exchange-backups": tab("exchange", "tabs", 3),
            "exchange-export": tab("exchange", "tabs", 0)}


if __name__ == "__main__":
    sys.exit(main())
