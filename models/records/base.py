"""The base every stored record shares, and the identity that lets records travel.

Records that move between laptops (`SyncedModel`) carry:

* ``uuid`` – their identity everywhere, also what foreign keys point at, so a
  record keeps its links when it arrives on another laptop;
* ``hlc`` and ``device`` – when (hybrid logical time) and where it last changed;
* ``vv`` – a version vector ``{device: hlc}``: which edits this version has seen,
  so a merge can tell "newer" from "concurrent" without trusting wall clocks;
* ``deleted`` – a tombstone: rows are never hard-deleted while another laptop may
  still send them.
"""

from __future__ import annotations

import uuid as uuid_module
from typing import Any

from collections.abc import Callable

from peewee import BigIntegerField, BooleanField, TextField

from models.storage.connection import BaseModel, database
from models.records.installation import Installation, current_installation
from models.records.versions import refuse_if_changed

# One namespace for identities derived from other identities (an assignment is
# "this cadre with this household" on every laptop that creates it).
DERIVED_NAMESPACE = uuid_module.UUID("6c69616e-7869-6e00-8000-000000000001")


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def derived_uuid(kind: str, *parts: str) -> str:
    """A stable identity for a record defined by others, e.g. an assignment pair.

    Two laptops that link the same cadre to the same household create the same
    record instead of two duplicates.
    """
    return str(uuid_module.uuid5(DERIVED_NAMESPACE, ":".join((kind, *parts))))


ChangeListener = Callable[["SyncedModel", "dict[str, Any] | None", Installation], None]
_change_listeners: list[ChangeListener] = []


def on_change(listener: ChangeListener) -> None:
    """Call `listener(record, content_before, installation)` inside every save.

    The audit log registers here, so models need not know about it.
    """
    _change_listeners.append(listener)


class SyncedModel(BaseModel):
    """A record that travels between laptops in exchange workbooks."""

    uuid = TextField(primary_key=True, default=new_uuid)
    hlc = BigIntegerField(default=0)
    device = TextField(default="")
    vv = TextField(default="{}")
    deleted = BooleanField(default=False)

    # Fields that describe the version, not the content: excluded from audit
    # diffs and from content checksums.
    VERSION_FIELDS = ("uuid", "hlc", "device", "vv", "deleted")

    def save(self, *args: Any, **kwargs: Any) -> int:
        """Stamp the change with this device's clock, write it, and audit it: one transaction.

        Within `models.records.versions.over_version` (a form's save), refused with
        `ChangedMeanwhile` when the stored row is no longer the version the form showed.
        """
        installation = current_installation()
        with database.atomic():
            creating = kwargs.get("force_insert") or not self._row_exists()
            if not creating:  # a form's save over the version it showed (`models.records.versions`)
                refuse_if_changed(self)
            before = None if creating else self._stored_content()
            installation.stamp(self)
            kwargs["force_insert"] = creating
            written = super().save(*args, **kwargs)
            for listener in _change_listeners:
                listener(self, before, installation)
        return written

    def mark_deleted(self) -> None:
        """Delete the way records travel: set the tombstone and save."""
        self.deleted = True
        self.save()

    def content(self) -> dict[str, Any]:
        """The record's fields and values, without the version bookkeeping."""
        data = {}
        for field in self._meta.sorted_fields:
            if field.name in self.VERSION_FIELDS:
                continue
            data[field.column_name] = self.__data__.get(field.name)
        return data

    def _row_exists(self) -> bool:
        if self.uuid is None:
            return False
        model = type(self)
        return model.select(model.uuid).where(model.uuid == self.uuid).exists()

    def _stored_content(self) -> dict[str, Any] | None:
        model = type(self)
        stored = model.get_or_none(model.uuid == self.uuid)
        return None if stored is None else stored.content() | {"deleted": stored.deleted}

    @classmethod
    def alive(cls):
        """Records not marked deleted: what every list and count shows."""
        return cls.select().where(cls.deleted == False)  # noqa: E712 (peewee expression)
