"""Which laptop is which: device ids with the names and users people know them by.

Every change carries the id of the device that made it ("4df3fc26655b"); a
person asks "whose laptop was that?".  This laptop knows its own name; every
exchange workbook names the device that wrote it and the devices that one
knew of (`sync.exchange.metadata`), so a laptop that merges the office's
workbook learns the names of laptops it never met.  The directory lives in
the local `setting` table (it is derived, never merged as records): no
migration, and a name learned later simply replaces an older one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from models.storage.connection import database
from models.records.installation import Setting

DIRECTORY_KEY = "device_directory"


@dataclass(frozen=True)
class Device:
    name: str
    user: str = ""


def _stored() -> dict[str, Device]:
    try:
        raw = json.loads(Setting.read(DIRECTORY_KEY, "{}") or "{}")
    except ValueError:  # a damaged value names nothing rather than failing a screen
        return {}
    return {device: Device(*(list(pair) + [""])[:2]) for device, pair in raw.items() if isinstance(pair, list) and pair}


def known_devices() -> dict[str, Device]:
    """Every device this laptop can name: learned from workbooks, from merged files' records, and itself."""
    devices = {
        device: Device(name)
        for device, name in database.execute_sql(
            'SELECT source_device, source_name FROM "merged_file" WHERE source_device != \'\' AND source_name != \'\' '
            "ORDER BY merged_at"
        )
    }
    devices.update(_stored())
    own = Setting.read("device_id")
    if own:
        devices[own] = Device(Setting.read("device_name") or f"设备-{own[:4]}", Setting.read("user_name") or "")
    return devices


def remember_devices(devices: dict[str, Device]) -> None:
    """Keep the names a workbook gave (this laptop's own name is its own business, never overwritten)."""
    own = Setting.read("device_id")
    stored = _stored()
    changed = False
    for device, named in devices.items():
        if device and device != own and named.name and stored.get(device) != named:
            stored[device] = named
            changed = True
    if changed:
        Setting.write(DIRECTORY_KEY, json.dumps({d: [n.name, n.user] for d, n in sorted(stored.items())},
                                                ensure_ascii=False))
