"""Importing an office's roster (花名册): check it (a dry run), import it, save the report.

The check is the import itself rolled back, so what a person approves is what
will be written.  A file that is no roster at all is refused whole
(`RosterRefused`, one line); problems of single rows go into the report.
"""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import NOTHING, Changes, Outcome
from models.progress import Progress
from sync.roster.columns import FIELDS
from sync.roster.importer import RosterRefused, RosterReport, ambiguity
from sync.roster.importer import import_roster as _import_roster
from sync.roster.report_workbook import save_report as _save_report
from sync.roster.report_workbook import shown_value
from sync.spreadsheet import column_letter

__all__ = ["FIELD_LABELS", "RosterRefused", "RosterReport", "ambiguity", "column_letter", "import_roster",
           "save_report", "shown_value"]

FIELD_LABELS: dict[str, str] = {field: label for field, (label, _titles) in FIELDS.items()}  # field → its Chinese title


def import_roster(
    *,
    path: str | Path,
    sheet: str | None = None,
    dry_run: bool = False,
    mapping: dict[int, str | None] | None = None,
    communities: dict[str, str | None] | None = None,
    progress: Progress | None = None,
) -> Outcome[RosterReport]:
    """Import (or with `dry_run` only check) the roster at `path`; the value is the report.

    `mapping` (0-based column → field, None to leave a column out) overrides how
    the header was read; `communities` answers, by community name, which of the
    registry's same-named communities a roster without 街道 means (its id, or
    None for a new one).
    """
    report = _import_roster(Path(path), sheet=sheet, dry_run=dry_run, mapping=mapping, progress=progress,
                            communities=communities)
    return Outcome(report, Changes.everything() if report.written else NOTHING)


def save_report(*, report: RosterReport, path: str | Path, progress: Progress | None = None) -> Outcome[Path]:
    """Save the report as a workbook the office can fix its file by (ID numbers and phones masked)."""
    return Outcome(_save_report(report, path))
