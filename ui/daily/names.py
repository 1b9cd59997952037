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
