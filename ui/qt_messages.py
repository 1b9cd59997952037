"""Qt's own diagnostics go to a log file in the data folder, not to the terminal.

Why: a person who starts Lianxin from a terminal should see only what is
meant for them; Qt prints notes about its platform plugin or fonts
("This plugin does not support propagateSizeHints()") that say nothing to
them.  They are kept in `qt-messages.log` beside the crash log, which a
person can send along when asking for help.  The log stays small: when it
passes `MAX_LOG_BYTES` it starts again.  Fatal messages still reach stderr
too, since the process ends with them.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from desktop.paths import data_folder

LOG_NAME = "qt-messages.log"
MAX_LOG_BYTES = 256 * 1024
KINDS = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info", QtMsgType.QtWarningMsg: "warning",
         QtMsgType.QtCriticalMsg: "critical", QtMsgType.QtFatalMsg: "fatal"}


def log_file() -> Path:
    return data_folder() / LOG_NAME


def keep_message(kind: QtMsgType, context, message: str) -> None:
    line = f"{dt.datetime.now().isoformat(timespec='seconds')} {KINDS.get(kind, kind)}: {message}\n"
    if kind == QtMsgType.QtFatalMsg:
        sys.stderr.write(line)
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > MAX_LOG_BYTES else "a"
        with path.open(mode, encoding="utf-8") as handle:
            handle.write(line)
    except OSError:
        pass  # a full or read-only disk must not stop the window over a diagnostic


def send_qt_messages_to_log() -> None:
    qInstallMessageHandler(keep_message)
