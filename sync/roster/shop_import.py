"""Importing an office's shop list (商铺/企业名单) into the registry, each shop under its 专属网格.

The contracts are the roster's (`sync.roster.importer`): the header is found by
its titles (`sync.roster.shop_columns`), every row is checked, the good rows are
written in one transaction and the bad ones named by row, column and reason; a
dry run is the import rolled back, so the preview shows what the import will do.

A shop is matched by (grid, name, address) — name and address normalised as the
roster's addresses are — so importing the same list again writes nothing, and a
list with a changed phone or operator updates that shop (an empty cell keeps what
is stored).  A 专属网格 the registry does not have is made, as a special grid of
the community the row, the caller (`community`) or the registry (when it has only
one) names; its type comes from a 类型 column when the value says one (学校, 医院,
园区, 商圈/市场…), else 其他.  Where the community cannot be told — a grid that is
in none or in several communities, and no community given — a dry run lists the
grids (`ShopReport.ambiguous_grids`) and a real import is refused, since a guess
would file the shops under the wrong community.

Lists are hundreds or a few thousand rows: each shop is written by its model's
`save()` (stamped and audited like an edit in the window), not in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from models.figures.breakdown_words import SPECIAL_TYPE_WORDS
from models.progress import Progress
from models.records.people import Shop
from models.records.places import Community, Grid, SubDistrict
from models.registry.addresses import address_key
from models.records.identity import mask_phone, normalise_phone
from models.registry.editing import ShopValues, save_shop
from models.storage.connection import database
from sync.roster.columns import HEADER_SEARCH_ROWS, Header, with_mapping
from sync.roster.importer import _rest_of  # (the roster's: buffered header rows, then the reader's rest)
from sync.roster.rows import RowProblem
from sync.roster.shop_columns import find_shop_header, shop_label
from sync.spreadsheet import WorkbookRefused, cell_text, column_letter, open_workbook

# Words in a 类型 cell → the special grid's type (`Grid.SPECIAL_TYPES`), first match wins.
TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("学校", "school"), ("校园", "school"), ("小学", "school"), ("中学", "school"), ("幼儿园", "school"),
    ("大学", "school"), ("医院", "hospital"), ("卫生院", "hospital"), ("诊所", "hospital"), ("医疗", "hospital"),
    ("园区", "park"), ("产业园", "park"), ("工业园", "park"), ("开发区", "park"), ("商圈", "market"),
    ("市场", "market"), ("商业街", "market"), ("步行街", "market"), ("商场", "market"), ("其他", "other"),
)
END_WORDS = ("合计", "总计", "小计", "填表", "审核", "制表", "负责人签字")
SHOWN_FIELDS = ("name", "address", "business", "owner", "phone", "notes")


class ShopProblem(RowProblem):
    """A refused row of a shop list, named with the shop list's column labels."""

    def line(self) -> str:
        where = f"第 {self.row} 行" + (f" {self.column} 列（{shop_label(self.field)}）" if self.column and self.field else "")
        return f"{where}：{self.reason}"


class ShopsRefused(Exception):
    """The file is no shop list we can import, or its grids' community cannot be told; nothing was written."""


@dataclass
class ShopReport:
    file: str
    sheet: str = ""
    header: Header | None = None
    data_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused_rows: int = 0
    grids_created: list[str] = field(default_factory=list)  # "社区 › 网格（类型）" of each special grid made
    leaders_changed: int = 0  # grids (not made here) whose 专属网格长 the list filled in or changed
    problems: list[RowProblem] = field(default_factory=list)
    ambiguous_grids: dict[str, list[str]] = field(default_factory=dict)  # grid name → the communities it could be in
    end_row: int | None = None
    written: bool = False
    dry_run: bool = False

    @property
    def imported_rows(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.grids_created or self.leaders_changed)

    def summary_lines(self) -> list[str]:
        if self.dry_run:
            mode = "试导入，未写入"
        elif self.written:
            mode = "已导入"
        else:
            mode = "与登记册相同，没有需要写入的内容" if self.imported_rows else "未写入"
        lines = [
            f"{self.file}，工作表“{self.sheet}”，表头在第 {self.header.row} 行：{mode}",
            f"数据行 {self.data_rows}，可导入 {self.imported_rows}，拒绝 {self.refused_rows}",
            f"商铺：新增 {self.created}，更新 {self.updated}，无变化 {self.unchanged}",
        ]
        if self.grids_created:
            lines.append(f"新建专属网格 {len(self.grids_created)} 个：" + "、".join(self.grids_created))
        if self.leaders_changed:
            lines.append(f"专属网格长：填写或更新 {self.leaders_changed} 个网格")
        ignored = {c: t for c, t in self.header.unmapped().items() if t != "序号"}
        if ignored:
            lines.append("未使用的列：" + "、".join(f"{column_letter(c)} {t}" for c, t in sorted(ignored.items())))
        for name, found in sorted(self.ambiguous_grids.items()):
            where = f"可能在 {'、'.join(found)}" if found else "登记册中没有，表中也没有社区"
            lines.append(f"专属网格“{name}”：{where}，导入前需要选定社区")
        if self.end_row is not None:
            lines.append(f"第 {self.end_row} 行是合计或签字行，表格到此为止")
        return lines


def ambiguity(report: ShopReport) -> str:
    """Why an import whose grids' community is open is refused: one line."""
    name, found = sorted(report.ambiguous_grids.items())[0]
    more = f"（另有 {len(report.ambiguous_grids) - 1} 个专属网格也是如此）" if len(report.ambiguous_grids) > 1 else ""
    where = f"在登记册中有 {len(found)} 个（{'、'.join(found)}）" if found else "在登记册中没有，表中也没有“社区”一列"
    return (f"{report.file}，工作表“{report.sheet}”：专属网格“{name}”{where}，无法确定属于哪个社区{more}；"
            "请用 --community 指定社区（窗口中在预览里选择），或在表中加一列“社区”；没有写入任何内容")


def import_shops(
    path: str | Path,
    *,
    community: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    mapping: dict[int, str | None] | None = None,
    progress: Progress | None = None,
) -> ShopReport:
    """Import the shop list at `path` (with `dry_run`, check it and write nothing).

    `community` (a community's id) is where grids the rows name are looked for
    and made when a row has no 社区 of its own.  Raises `ShopsRefused` for a file
    that is no shop list, or (not in a dry run) one whose grids' community is open.
    """
    progress = progress or Progress()
    path = Path(path)
    report = ShopReport(file=path.name, dry_run=dry_run)
    try:
        with open_workbook(path) as workbook:
            sheet_name, header, rows = _locate(workbook, sheet)
            if mapping:
                header = with_mapping(header, mapping)
            _require_columns(path, sheet_name, header)
            report.sheet, report.header = sheet_name, header
            with database.atomic() as transaction:
                try:
                    _ShopImport(report, header, community).run(rows, workbook.heights.get(sheet_name), progress)
                finally:
                    rows.close()
                if report.data_rows == 0:
                    raise ShopsRefused(f"{path.name}，工作表“{sheet_name}”：表头下面没有数据行")
                if report.ambiguous_grids and not dry_run:
                    raise ShopsRefused(ambiguity(report))
                if dry_run or not report.changed:
                    transaction.rollback()
                else:
                    report.written = True
    except WorkbookRefused as refusal:
        raise ShopsRefused(refusal.message) from None
    return report


def _locate(workbook, sheet: str | None):
    """(sheet, header, the rows after the header) of the first sheet with a shop list's header."""
    candidates = [sheet] if sheet is not None else workbook.sheet_names
    if sheet is not None and sheet not in workbook.sheet_names:
        raise WorkbookRefused(f"没有工作表“{sheet}”（有：{'、'.join(workbook.sheet_names)}）", file=workbook.path)
    for name in candidates:
        rows = workbook.iter_rows(name)
        top = list(islice(rows, HEADER_SEARCH_ROWS))  # a file picked by mistake is not read to its end
        header = find_shop_header(top)
        if header is not None:
            return name, header, _rest_of([item for item in top if item[0] > header.row], rows)
        rows.close()
    where = f"工作表“{sheet}”" if sheet is not None else "所有工作表"
    raise WorkbookRefused(f"{where}的前 {HEADER_SEARCH_ROWS} 行里找不到商铺名单的表头（需要一行同时有“商铺名称”或"
                          "“企业名称”和专属网格、地址等栏目）", file=workbook.path)


def _require_columns(path: Path, sheet: str, header: Header) -> None:
    fields = set(header.columns.values())
    for needed in ("name", "grid"):
        if needed not in fields:
            raise ShopsRefused(f"{path.name}，工作表“{sheet}”，第 {header.row} 行：表头里没有“{shop_label(needed)}”栏目")


def special_type_of(text: str) -> str | None:
    """The special grid's type a 类型 cell says (school, hospital…), or None when it names none."""
    return next((kind for word, kind in TYPE_WORDS if word in text), None)


def _name_key(text: str) -> str:
    return "".join(text.split())


class _ShopImport:
    """One import run: the registry's grids and shops, looked up by name, and the report."""

    def __init__(self, report: ShopReport, header: Header, community: str | None) -> None:
        self.report = report
        self.header = header
        self.columns = {name: column for column, name in header.columns.items()}
        self.community = community
        self.communities: dict[str, list[str]] = {}  # name → uuids
        self.community_names: dict[str, str] = {}  # uuid → "街道 社区"
        sub_districts = {uuid: name for uuid, name in SubDistrict.alive().select(SubDistrict.uuid, SubDistrict.name).tuples()}
        for uuid, name, parent in Community.alive().select(Community.uuid, Community.name, Community.sub_district).tuples():
            self.communities.setdefault(name, []).append(uuid)
            self.community_names[uuid] = f"{sub_districts.get(parent, '')} › {name}"
        self.grids: dict[tuple[str, str], Grid] = {}  # (community, grid name) → grid
        self.grids_by_name: dict[str, list[Grid]] = {}
        for grid in Grid.alive():
            self.grids[(grid.community_id, _name_key(grid.name))] = grid
            self.grids_by_name.setdefault(_name_key(grid.name), []).append(grid)
        self.shops: dict[tuple[str, str, str], Shop] = {
            (shop.grid_id, _name_key(shop.name), address_key(shop.address)): shop for shop in Shop.alive()
        }
        self.first_row: dict[tuple[str, str, str], int] = {}
        self.made: set[str] = set()  # grids this import made
        self.leaders_changed: set[str] = set()  # older grids whose 专属网格长 it changed

    def run(self, rows, height: int | None, progress: Progress) -> None:
        total = max(height or 0, 1)
        for done, (row_number, cells) in enumerate(rows):
            texts = [cell_text(cell).strip() for cell in cells]
            filled = [text for text in texts if text]
            if not filled:
                continue
            if filled[0].startswith(END_WORDS):  # a total or a signature line under the table
                self.report.end_row = row_number
                break
            values = {name: texts[column] if column < len(texts) else "" for name, column in self.columns.items()}
            self.report.data_rows += 1
            self._row(row_number, values)
            if done % 50 == 0:
                progress.step(min(row_number, total - 1), total, "导入商铺名单")
        progress.step(total, total, "导入商铺名单")

    def _problem(self, row: int, field: str, value: str, reason: str) -> None:
        self.report.refused_rows += 1
        column = self.columns.get(field)
        self.report.problems.append(ShopProblem(row, None if column is None else column_letter(column), field, value,
                                               reason))

    def _row(self, row: int, values: dict[str, str]) -> None:
        name = values.get("name", "")
        if not name:
            return self._problem(row, "name", "", "没有名称")
        grid_name = values.get("grid", "")
        if not grid_name:
            return self._problem(row, "grid", "", "没有专属网格")
        for field_name in ("phone", "leader_phone"):
            text = values.get(field_name, "")
            if text and normalise_phone(text) is None:  # the number itself only in the masked value, never the reason
                return self._problem(row, field_name, mask_phone(text),
                                     f"{shop_label(field_name)}不是有效的手机或座机号码（手机 11 位，座机带区号）")
        phone = normalise_phone(values.get("phone", "")) or ""
        leader_phone = normalise_phone(values.get("leader_phone", "")) or ""
        community = self.community
        if values.get("community"):
            found = self.communities.get(values["community"], [])
            if len(found) != 1:
                reason = "登记册中没有这个社区" if not found else f"登记册中有 {len(found)} 个同名社区，请在窗口中选定社区后导入"
                return self._problem(row, "community", values["community"], reason)
            community = found[0]
        grid = self._grid(grid_name, community, values)
        if grid is None:
            return
        self._leader(grid, values.get("leader", ""), leader_phone)
        kind = special_type_of(values.get("grid_type", ""))
        business = values.get("business", "") or ("" if kind or "business" in self.columns else values.get("grid_type", ""))
        wanted = ShopValues(name=name, address=values.get("address", ""), business=business,
                            owner=values.get("owner", ""), phone=phone, notes=values.get("notes", ""))
        key = (grid.uuid, _name_key(name), address_key(wanted.address))
        first = self.first_row.setdefault(key, row)
        if first != row:
            return self._problem(row, "name", name, f"与第 {first} 行是同一商铺（同一网格、名称和地址），重复的一行不导入")
        shop = self.shops.get(key)
        if shop is None:
            self.shops[key] = save_shop(grid, wanted)
            self.report.created += 1
            return
        changes = {f: getattr(wanted, f) for f in ("business", "owner", "phone", "notes")
                   if getattr(wanted, f) and getattr(wanted, f) != getattr(shop, f)}
        if not changes:
            self.report.unchanged += 1
            return
        kept = ShopValues(name=shop.name, building=shop.building_id, address=shop.address, business=shop.business,
                          owner=shop.owner, phone=shop.phone, notes=shop.notes)
        save_shop(grid, ShopValues(**{**kept.__dict__, **changes}), shop)
        self.report.updated += 1

    def _grid(self, name: str, community: str | None, values: dict[str, str]) -> Grid | None:
        """The grid the row names: in its community, or found by name alone, or made as a special grid."""
        key = _name_key(name)
        if community is not None:
            grid = self.grids.get((community, key))
            return grid if grid is not None else self._new_grid(community, name, values.get("grid_type", ""))
        found = self.grids_by_name.get(key, [])
        if len(found) == 1:
            return found[0]
        if not found and len(self.community_names) == 1:
            return self._new_grid(next(iter(self.community_names)), name, values.get("grid_type", ""))
        self.report.ambiguous_grids.setdefault(name, [self.community_names.get(grid.community_id, "") for grid in found])
        self.report.refused_rows += 1
        return None

    def _new_grid(self, community: str, name: str, type_text: str) -> Grid:
        kind = special_type_of(type_text) or "other"
        grid = Grid(community=community, name=name.strip(), kind="special", special_type=kind, leader="", leader_phone="")
        grid.save()
        self.grids[(community, _name_key(name))] = grid
        self.grids_by_name.setdefault(_name_key(name), []).append(grid)
        self.made.add(grid.uuid)
        self.report.grids_created.append(f"{self.community_names.get(community, '')} › {grid.name}（{SPECIAL_TYPE_WORDS[kind]}）")
        return grid

    def _leader(self, grid: Grid, leader: str, phone: str) -> None:
        """The list's 专属网格长 fills in or changes the grid's (an empty cell keeps what is stored)."""
        if not leader and not phone:
            return
        new_leader, new_phone = leader or grid.leader or "", phone or grid.leader_phone or ""
        if (new_leader, new_phone) != (grid.leader or "", grid.leader_phone or ""):
            grid.leader, grid.leader_phone = new_leader, new_phone
            grid.save()
            if grid.uuid not in self.made:
                self.leaders_changed.add(grid.uuid)
                self.report.leaders_changed = len(self.leaders_changed)
