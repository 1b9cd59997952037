"""How a backup copy is named, for the SQLite copies and the PostgreSQL dumps alike.

`<stem>-<YYYYmmdd-HHMMSS>[-<n>]-<reason><suffix>`: the time it was made and why, read back by
`name_pattern` to list the copies; a second copy in the same second gets a serial number, so
none overwrites another.  A copy is written under a hidden name ending in `PARTIAL_SUFFIX` until
it is whole.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

STAMP_FORMAT = "%Y%m%d-%H%M%S"
PARTIAL_SUFFIX = ".partial"


def name_pattern(suffix: str) -> re.Pattern:
    """What the names of copies ending in `suffix` look like (groups: stem, stamp, reason)."""
    return re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?-(?P<reason>[a-z-]+)" + re.escape(suffix) + "$")


def unused_name(folder: Path, stem: str, reason: str, now: dt.datetime, suffix: str) -> Path:
    """A new copy's path in `folder` (created if missing) that no copy has yet."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}-{now:{STAMP_FORMAT}}-{reason}{suffix}"
    serial = 1
    while target.exists():
        serial += 1
        target = folder / f"{stem}-{now:{STAMP_FORMAT}}-{serial}-{reason}{suffix}"
    return target
