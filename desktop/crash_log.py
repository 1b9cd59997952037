"""Unexpected errors go to a log file in the data folder, never to the user as a traceback.

Only the exception's type and stack are written, not its message: messages can
quote cell values, and ID numbers and phones must never reach a log.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from desktop.paths import data_folder


def record_crash(error: BaseException) -> Path:
    log_file = data_folder() / "errors.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    frames = traceback.extract_tb(error.__traceback__)
    with log_file.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {type(error).__name__}\n")
        handle.write("".join(traceback.format_list(frames)))
    return log_file
