"""Importing an office's shop list (商铺/企业名单) with its 专属网格: check it (a dry run), import it.

Like the roster's operation (`desktop.operations.roster`): the check is the
import rolled back, so what a person approves is what will be written; a file
that is no shop list, or whose grids' community cannot be told, is refused
whole (`ShopsRefused`, one line).
"""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import NOTHING, Changes, Outcome, Refused
from models.progress import Progress
from models.registry.lists import community_choices
from sync.roster.report_workbook import shown_value
from sync.roster.shop_columns import SHOP_FIELDS
from sync.roster.shop_import import ShopReport, ShopsRefused, ambiguity
from sync.roster.shop_import import import_shops as _import_shops

__all__ = ["SHOP_FIELD_LABELS", "ShopReport", "ShopsRefused", "ambiguity", "community_named", "import_shops",
           "shown_value"]

SHOP_FIELD_LABELS: dict[str, str] = {field: label for field, (label, _titles) in SHOP_FIELDS.items()}


def import_shops(
    *,
    path: str | Path,
    community: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    mapping: dict[int, str | None] | None = None,
    progress: Progress | None = None,
) -> Outcome[ShopReport]:
    """Import (or with `dry_run` only check) the shop list at `path`; the value is the report.

    `community` (a community's id) is where the list's 专属网格 are found or made
    when its rows name no 社区; `mapping` (0-based column → field, None to leave a
    column out) overrides how the header was read.
    """
    report = _import_shops(Path(path), community=community, sheet=sheet, dry_run=dry_run, mapping=mapping,
                           progress=progress)
    return Outcome(report, Changes.of("shop", "grid") if report.written else NOTHING)


def community_named(text: str) -> str:
    """The id of the community `text` names ("社区" or "街道/社区"), or Refused saying why not (one line)."""
    sub_district, _, name = text.strip().rpartition("/")
    found = [row for row in community_choices(name.strip()) if not sub_district or row[1] == sub_district.strip()]
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise Refused(f"社区“{text}”在登记册中没有")
    places = "、".join(f"{sub}/{name}" for _, sub, name in found)
    raise Refused(f"社区“{text}”在登记册中有 {len(found)} 个（{places}），请写成“街道/社区”")
