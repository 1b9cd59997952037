"""The 说明 sheet: what a workbook is, who wrote it, when, and what it covers.

The values sit as key/value pairs in the first two columns; the last pair is a
check over all the others, so an edited 说明 sheet is refused rather than
trusted.  `导出时钟` is the highest version time the database held when it
exported; it lets a laptop recognise an old workbook of its own.  Rows
"设备名录：<id>" name the other devices the writer knew of ("name", or "name
（user）" when the user is known: `models.records.devices`), so merged records can be
named on a laptop that never met their device; readers that predate them skip
keys they do not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.storage.connection import database
from models.records.devices import Device, known_devices
from models.records.installation import Installation
from models.schema import SYNCED_MODELS
from sync.exchange.format import FORMAT_NAME, FORMAT_VERSION, META_SHEET, digest
from sync.spreadsheet import cell_text

KEY_FORMAT = "格式"
KEY_VERSION = "格式版本"
KEY_APP = "程序版本"
KEY_DEVICE = "设备标识"
KEY_DEVICE_NAME = "设备名称"
KEY_USER = "用户"
KEY_TIME = "导出时间"
KEY_CLOCK = "导出时钟"
KEY_SCOPE = "范围"
KEY_CHECK = "校验"
ROW_COUNT_PREFIX = "行数："
DEVICE_PREFIX = "设备名录："


class MetadataProblem(Exception):
    """The 说明 sheet is missing, foreign, newer or edited; the message says which."""


@dataclass
class Metadata:
    format_version: int
    device_id: str
    device_name: str
    user_name: str
    exported_at: str
    clock: int
    scope: str
    row_counts: dict[str, int] = field(default_factory=dict)
    devices: dict[str, Device] = field(default_factory=dict)  # the writer and the devices it could name



def high_water_mark() -> int:
    """The latest version time anywhere in the database (records and kept conflict versions)."""
    tables = [model._meta.table_name for model in SYNCED_MODELS] + ["conflict"]
    union = " UNION ALL ".join(f'SELECT max(hlc) AS h FROM "{table}"' for table in tables)
    value = database.execute_sql(f"SELECT max(h) FROM ({union})").fetchone()[0]
    return int(value or 0)


def _check(pairs: list[tuple[str, str]]) -> str:
    return digest(*(f"{key}={value}" for key, value in pairs))


def metadata_rows(installation: Installation, app_version: str, exported_at: str, clock: int, scope: str,
                  row_counts: dict[str, int]) -> list[tuple[str, str]]:
    pairs = [
        (KEY_FORMAT, FORMAT_NAME),
        (KEY_VERSION, str(FORMAT_VERSION)),
        (KEY_APP, app_version),
        (KEY_DEVICE, installation.device_id),
        (KEY_DEVICE_NAME, installation.device_name),
        (KEY_USER, installation.user_name),
        (KEY_TIME, exported_at),
        (KEY_CLOCK, str(clock)),
        (KEY_SCOPE, scope),
    ] + [(ROW_COUNT_PREFIX + title, str(count)) for title, count in row_counts.items()]
    pairs += [(DEVICE_PREFIX + device, _device_text(named)) for device, named in sorted(known_devices().items())
              if device != installation.device_id]
    return pairs + [(KEY_CHECK, _check(pairs))]


def _device_text(device: Device) -> str:
    return f"{device.name}（{device.user}）" if device.user else device.name


def _device_of(text: str) -> Device:
    if text.endswith("）") and "（" in text:
        name, _, user = text[:-1].rpartition("（")
        return Device(name, user)
    return Device(text)


def read_metadata(rows: list[list]) -> Metadata:
    """Parse and verify the 说明 sheet's rows (the header row first, as calamine returns them)."""
    pairs: list[tuple[str, str]] = []
    for row in rows[1:]:
        key = cell_text(row[0]).strip() if row else ""
        if not key:
            break
        pairs.append((key, cell_text(row[1]) if len(row) > 1 else ""))
    values = dict(pairs)
    if values.get(KEY_FORMAT) != FORMAT_NAME:
        raise MetadataProblem(f"sheet {META_SHEET}: not a Lianxin exchange workbook (row 2, column B should be {FORMAT_NAME}); "
                              "to bring in a roster use import-roster")
    try:
        version = int(values.get(KEY_VERSION, ""))
    except ValueError:
        raise MetadataProblem(f"sheet {META_SHEET}, column B: the format version {values.get(KEY_VERSION)!r} is not a number") from None
    if version > FORMAT_VERSION:
        raise MetadataProblem(f"written by a newer Lianxin (exchange format {version}, this version reads up to "
                              f"{FORMAT_VERSION}); update Lianxin to merge it")
    if not pairs or pairs[-1][0] != KEY_CHECK or _check(pairs[:-1]) != pairs[-1][1]:
        raise MetadataProblem(f"sheet {META_SHEET}, rows 2–{len(pairs) + 1}: the workbook description was changed "
                              "(check mismatch); it must not be edited — export the workbook again")
    try:
        counts = {key[len(ROW_COUNT_PREFIX):]: int(value) for key, value in pairs if key.startswith(ROW_COUNT_PREFIX)}
        clock = int(values[KEY_CLOCK])
    except (KeyError, ValueError):
        raise MetadataProblem(f"sheet {META_SHEET}: the export clock or a row count is missing or not a number") from None
    devices = {key[len(DEVICE_PREFIX):]: _device_of(value) for key, value in pairs
               if key.startswith(DEVICE_PREFIX) and value}
    if values.get(KEY_DEVICE) and values.get(KEY_DEVICE_NAME):
        devices[values[KEY_DEVICE]] = Device(values[KEY_DEVICE_NAME], values.get(KEY_USER, ""))
    return Metadata(version, values.get(KEY_DEVICE, ""), values.get(KEY_DEVICE_NAME, ""), values.get(KEY_USER, ""),
                    values.get(KEY_TIME, ""), clock, values.get(KEY_SCOPE, ""), counts, devices)
