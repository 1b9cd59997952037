"""How a demand's source, closing outcome and mediation, and a category's family, read on screen.

The codes are `models.records.work`'s; '' (not recorded: older records) has its own words,
so a person sees "not recorded" rather than a blank that looks like a choice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # literal calls, so lupdate collects every name


def source_name(source: str | None) -> str:
    return {
        "visit": translate("DemandSource", "Door-to-door visit"),
        "grid_report": translate("DemandSource", "Grid worker's report"),
        "hotline": translate("DemandSource", "12345 hotline"),
        "walk_in": translate("DemandSource", "Visit or call to the office"),
        "enterprise_visit": translate("DemandSource", "Enterprise visit"),
        "other": translate("DemandSource", "Other"),
    }.get(source or "", translate("DemandSource", "source not recorded"))


def outcome_name(outcome: str | None) -> str:
    return {
        "solved": translate("DemandSource", "Solved"),
        "answered": translate("DemandSource", "Answered (explained, not solved)"),
        "unsolvable": translate("DemandSource", "Cannot be solved"),
    }.get(outcome or "", translate("DemandSource", "outcome not recorded"))


def mediation_name(mediation: str | None) -> str:
    return {
        "succeeded": translate("DemandSource", "Mediation succeeded"),
        "failed": translate("DemandSource", "Mediation failed"),
    }.get(mediation or "", translate("DemandSource", "mediation not recorded"))


def family_name(family: str | None) -> str:
    return {
        "general": translate("DemandSource", "General"),
        "dispute": translate("DemandSource", "Dispute (矛盾纠纷)"),
    }.get(family or "", translate("DemandSource", "not set"))
