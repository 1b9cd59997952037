"""Screenshots of the 工作台 (worker and office) and the 统计 dashboard at 1024×768 and 1366×768, from a demo database.

    .venv/bin/python tools/dashboard_screenshots.py DEMO.db OUT_FOLDER

Offscreen (QT_QPA_PLATFORM=offscreen), in Chinese; the database is copied first, so choosing the laptop's user
for the worker's view leaves the demo as it was.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main(source: str, folder: str) -> None:
    from ui.app import create_application, open_main_window
    from ui.i18n import install_language
    from ui.settings import AppSettings

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp()) / "shots.db"
    shutil.copy(source, work)
    app = create_application()
    install_language("zh_CN")
    settings = AppSettings(QSettings(str(work.with_suffix(".ini")), QSettings.IniFormat))
    window = open_main_window(work, settings)
    jobs = window.context.jobs

    def settle() -> None:
        for _ in range(50):
            app.processEvents()
            jobs.wait_all()
        app.processEvents()

    from models.records.people import Cadre
    from models.workbench import choose_user

    for who in ("office", "worker"):
        if who == "worker":
            busiest = max(Cadre.alive(), key=lambda cadre: cadre.assignments.count())
            choose_user(busiest.uuid)
        else:
            choose_user("office")
        window.context.data_changed.emit("setting")
        for width, height in ((1024, 768), (1366, 768)):
            window.resize(width, height)
            window.show()
            window.show_section("home")
            settle()
            window.grab().save(str(out / f"home_{who}_{width}x{height}.png"))
            if who == "office":
                window.show_section("statistics")
                settle()
                window.grab().save(str(out / f"dashboard_{width}x{height}.png"))
    window.close()
    settle()
    print(out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
