"""This installation: its device id and name, the user's name, and its clock.

Every change is stamped with the device that made it and a hybrid logical time;
exports name the device ("南长山街道-牟雪") so the office knows whose work it is.
The values live in the local `setting` table, which never travels.
"""

from __future__ import annotations

import secrets
from typing import Any

from peewee import TextField

from models.records.clock import HybridClock, dumps_vector, loads_vector
from models.storage.connection import BaseModel


class Setting(BaseModel):
    """Key/value facts about this installation (never exported)."""

    key = TextField(primary_key=True)
    value = TextField()

    @classmethod
    def read(cls, key: str, default: str | None = None) -> str | None:
        row = cls.get_or_none(cls.key == key)
        return default if row is None else row.value

    @classmethod
    def write(cls, key: str, value: str) -> None:
        cls.insert(key=key, value=value).on_conflict_replace().execute()


def new_device_id() -> str:
    """A short random id: 48 bits keep a thousand laptops apart and vectors small."""
    return secrets.token_hex(6)


class Installation:
    """The device identity and clock of the open database."""

    def __init__(self, device_id: str, device_name: str, user_name: str, clock: HybridClock):
        self.device_id = device_id
        self.device_name = device_name
        self.user_name = user_name
        self.clock = clock

    @classmethod
    def load_or_create(cls) -> "Installation":
        device_id = Setting.read("device_id")
        if device_id is None:
            device_id = new_device_id()
            Setting.write("device_id", device_id)
        name = Setting.read("device_name") or f"设备-{device_id[:4]}"
        user = Setting.read("user_name") or ""
        clock = HybridClock(int(Setting.read("clock", "0")))
        return cls(device_id, name, user, clock)

    def rename(self, device_name: str | None = None, user_name: str | None = None) -> None:
        if device_name is not None:
            self.device_name = device_name.strip()
            Setting.write("device_name", self.device_name)
        if user_name is not None:
            self.user_name = user_name.strip()
            Setting.write("user_name", self.user_name)

    def next_version(self, vector_text: str | None) -> tuple[int, str]:
        """A timestamp and version vector for a new local edit of a record.

        The device's entry in the vector must grow for every edit of the same
        record, even if the clock was reset, so it is at least one past the old one.
        """
        vector = loads_vector(vector_text)
        stamp = max(self.clock.tick(), vector.get(self.device_id, 0) + 1)
        self.clock.observe(stamp)
        vector[self.device_id] = stamp
        Setting.write("clock", str(self.clock.last))
        return stamp, dumps_vector(vector)

    def stamp(self, record: Any) -> None:
        """Mark `record` as changed here and now."""
        record.hlc, record.vv = self.next_version(record.vv)
        record.device = self.device_id

    def save_clock(self) -> None:
        Setting.write("clock", str(self.clock.last))


_current: Installation | None = None


def set_current_installation(installation: Installation | None) -> None:
    global _current
    _current = installation


def current_installation() -> Installation:
    if _current is None:
        raise RuntimeError("no database is open")
    return _current
