"""The real `lianxin` window opened on a district's database and closed: exit 0, nothing on stderr.

A separate process, because what went wrong here went wrong at the very end:
the interpreter aborted while shutting down ("deallocating None", exit 134)
after the window had read a large registry.  The database is made once per
test run (a district of 100,000 households takes about 20 s).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HOUSEHOLDS = 100_000

CLOSE_AFTER_SHOWN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.__main__ import main
from ui.app import create_application
from ui.main_window import MainWindow

create_application()
delay_ms = int(sys.argv[2])


def close_when_shown():
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if shown:
        QTimer.singleShot(delay_ms, shown[0].close)
    else:
        QTimer.singleShot(20, close_when_shown)


QTimer.singleShot(0, close_when_shown)
sys.exit(main(["--db", sys.argv[1]]))
"""


def lianxin_environment(data_folder: Path) -> dict[str, str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIANXIN_DATA_DIR=str(data_folder))
    environment.pop("LIANXIN_PASSPHRASE", None)
    return environment


@pytest.fixture(scope="session")
def district_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("district")
    path = folder / "district.db"
    subprocess.run([sys.executable, "-m", "desktop", "--db", str(path), "demo", "--households", str(HOUSEHOLDS)],
                   env=lianxin_environment(folder), check=True, capture_output=True, timeout=600)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("close_after_ms", [400, 3000])
def test_the_window_on_a_district_closes_cleanly(district_database, tmp_path, close_after_ms):
    finished = subprocess.run([sys.executable, "-c", CLOSE_AFTER_SHOWN, str(district_database), str(close_after_ms)],
                              env=lianxin_environment(tmp_path), capture_output=True, text=True, timeout=300)
    assert (finished.returncode, finished.stderr) == (0, "")
