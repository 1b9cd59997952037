"""How states, answers and roles read on screen; shared by the lists, the demand page and the history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def state_name(state: str) -> str:
    translate = QCoreApplication.translate
    return {
        "pending": translate("DemandState", "Pending"),
        "accepted": translate("DemandState", "Accepted"),
        "in_progress": translate("DemandState", "In progress"),
        "closed": translate("DemandState", "Closed"),
        "rejected": translate("DemandState", "Rejected"),
    }.get(state, state)


def satisfaction_name(answer: str) -> str:
    translate = QCoreApplication.translate
    return {
        "satisfied": translate("DemandState", "satisfied"),
        "fairly_satisfied": translate("DemandState", "fairly satisfied"),
        "dissatisfied": translate("DemandState", "dissatisfied"),
    }.get(answer, answer)


def role_name(role: str) -> str:
    translate = QCoreApplication.translate
    return {
        "cadre": translate("History", "Cadre"),
        "grid_worker": translate("History", "Grid worker"),
    }.get(role, role)


def device_label(device_id: str, devices: dict) -> str:
    """A device as people know it: "南长山街道-牟雪（牟雪）", never a bare hex id when its name is known.

    `devices` is `models.records.devices.known_devices()`; a device no workbook has
    named yet is "another laptop" with the start of its id, to tell two apart.
    """
    known = devices.get(device_id)
    if known is None:
        return QCoreApplication.translate("Names", "Another laptop ({id})").format(id=device_id[:4]) if device_id else "–"
    return f"{known.name}（{known.user}）" if known.user and known.user not in known.name else known.name
