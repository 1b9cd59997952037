"""Opening a spreadsheet: the guard first, then the reader that suits the file and the caller.

Two ways, for two kinds of file:

* `open_workbook`, for any workbook a person hands in (a roster): .xlsx/.xlsm
  sheets are streamed (`xlsx_workbook`), checked as they are read; legacy .xls
  and the sheets the stream declines are read by calamine after their check;
  CSV is streamed.  Nothing of a sheet is read before it is asked for.
* `open_checked_workbook`, for workbooks Lianxin wrote (an exchange workbook):
  the sheets wanted and the shared strings are checked in full before the
  workbook is opened, a small workbook is inflated once for that and handed to
  calamine as a stored copy (`stored_copy`), and sheets are read whole
  (`Workbook.sheet_rows`): faster than streaming for sheets of a few thousand
  rows.  A workbook with none of the wanted sheets comes back with only its
  sheet names, unread.

Both raise `WorkbookRefused` naming the file (and sheet) and the reason.
Both open a password-protected .xlsx the same way (`protection`): decrypted
in memory, every wanted sheet checked in full, and read from those bytes;
nothing of its plain content is written to disk.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path

import sync.spreadsheet.stored_copy as stored_copy
from sync.spreadsheet.calamine_sheets import CalamineWorkbook
from sync.spreadsheet.csv_sheets import CsvWorkbook
from sync.spreadsheet.ods_guard import check_content
from sync.spreadsheet import protection
from sync.spreadsheet.guard import (ANY_WORKBOOK, MAX_FILE_BYTES, Limits, PartScan, Sniffed, check_members,
                                      scan_part, sniff)
from sync.spreadsheet.refusal import WorkbookRefused, short
from sync.spreadsheet.workbook import Workbook
from sync.spreadsheet.xlsx_package import PackageMap, map_package

KIND_NAMES = {"xlsx": ".xlsx 工作簿", "xls": "旧版 .xls 工作簿", "ods": "OpenDocument .ods 表格", "csv": "CSV 文本"}
MAX_XLS_BYTES = 128 << 20  # a BIFF8 sheet holds at most 65,536 × 256 cells; an exchange .xls is a few MB


def open_workbook(path: str | Path, *, limits: Limits = ANY_WORKBOOK) -> Workbook:
    """Open any spreadsheet a person brings (.xlsx, .xlsm, .xls, .csv) after the cheap checks."""
    path = Path(path)
    if protection.is_encrypted(path):
        return _decrypted_xlsx(path, None, limits)
    sniffed = sniff(path)
    opened_as = (sniffed.size, sniffed.modified_ns)
    if sniffed.kind == "csv":
        return CsvWorkbook(path, opened_as)
    if sniffed.kind == "xls":
        return CalamineWorkbook(path, "xls", limits=limits, opened_as=opened_as)
    if sniffed.kind == "ods":
        return _checked_ods(path, limits, opened_as)
    package_map = _checked_package(path)
    if package_map.worksheets:  # a plain package: its sheets are streamed, calamine opens only if one is declined
        from sync.spreadsheet.xlsx_workbook import StreamedXlsx  # (here: the exchange reads with calamine alone)

        return StreamedXlsx(path, package_map, limits=limits, opened_as=opened_as)
    return CalamineWorkbook(path, "xlsx", sheet_parts=package_map.sheet_parts, limits=limits, opened_as=opened_as,
                            package_map=package_map)


def open_checked_workbook(path: str | Path, *, sheets: Collection[str] | None, limits: Limits,
                          kinds: Collection[str] = ("xlsx",)) -> Workbook:
    """Open a workbook of one of `kinds` with its `sheets` (all if None) checked in full; see the module."""
    path = Path(path)
    if "xlsx" in kinds and protection.is_encrypted(path):
        return _decrypted_xlsx(path, sheets, limits)
    sniffed = sniff(path)
    if sniffed.kind not in kinds:
        wanted = "、".join(KIND_NAMES[kind] for kind in kinds)
        raise WorkbookRefused(f"这是{KIND_NAMES[sniffed.kind]}，这里只读{wanted}（请在 Excel 或 WPS 中另存为 .xlsx）",
                              file=path)
    opened_as = (sniffed.size, sniffed.modified_ns)
    if sniffed.kind == "xls":  # an OLE2 container sniff found unencrypted; calamine refuses a password-protected one
        if sniffed.size > MAX_XLS_BYTES:
            raise WorkbookRefused(f"文件过大（{sniffed.size >> 20} MB），.xls 交换工作簿不超过 {MAX_XLS_BYTES >> 20} MB",
                                  file=path)
        return CalamineWorkbook(path, "xls", limits=limits, opened_as=opened_as)
    if sniffed.kind == "ods":
        return _checked_ods(path, limits, opened_as)
    return _checked_xlsx(path, sniffed, sheets, limits)


def _checked_ods(path: Path, limits: Limits, opened_as: tuple[int, int]) -> Workbook:
    """An .ods whose zip passes the guard and whose cells stay within `limits` (`ods_guard`), read by calamine."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_members(path, archive.infolist())
            check_content(archive, path, limits)
    except zipfile.BadZipFile as error:
        raise WorkbookRefused(f"文件已损坏，不是完整的 .ods 表格（{error}）", file=path) from None
    except (zlib.error, OSError, EOFError, RuntimeError, ValueError, NotImplementedError) as error:
        raise WorkbookRefused(f"文件已损坏，无法打开（{short(error)}）", file=path) from None
    return CalamineWorkbook(path, "ods", limits=limits, opened_as=opened_as)


def _decrypted_xlsx(path: Path, sheets: Collection[str] | None, limits: Limits) -> Workbook:
    """A password-protected .xlsx, decrypted in memory (`protection`) and opened as `open_checked_workbook` does."""
    stat = path.stat()
    if stat.st_size > MAX_FILE_BYTES:
        raise WorkbookRefused(f"文件过大（{stat.st_size >> 20} MB），超过 {MAX_FILE_BYTES >> 20} MB 的上限", file=path)
    return _checked_xlsx(path, Sniffed("xlsx", stat.st_size, stat.st_mtime_ns), sheets, limits,
                         package=protection.decrypted(path))


def _checked_package(path: Path, package: bytes | None = None) -> PackageMap:
    """The package map of a zip (the file, or its decrypted `package`) whose declared sizes pass the guard."""
    try:
        with zipfile.ZipFile(path if package is None else io.BytesIO(package)) as archive:
            check_members(path, archive.infolist())
            return map_package(archive, path)
    except zipfile.BadZipFile as error:
        raise WorkbookRefused(f"文件已损坏，不是完整的 Excel 工作簿（{error}）", file=path) from None
    except (OSError, EOFError, RuntimeError, ValueError, NotImplementedError) as error:
        raise WorkbookRefused(f"文件已损坏，无法打开（{short(error)}）", file=path) from None


def _checked_xlsx(path: Path, sniffed: Sniffed, sheets: Collection[str] | None, limits: Limits,
                  package: bytes | None = None) -> Workbook:
    """`package`: the decrypted bytes of a protected `path`, read instead of the file."""
    package_map = _checked_package(path, package)
    names = package_map.worksheets
    if not names:
        raise WorkbookRefused("不是完整的 Excel 工作簿（找不到工作表）", file=path)
    opened_as = (sniffed.size, sniffed.modified_ns)
    wanted = [name for name in names if sheets is None or name in sheets]
    if not wanted:  # a foreign workbook, refused by its sheet names before any of it is read
        return CalamineWorkbook(path, "xlsx", names, source=package, checked=True, limits=limits, opened_as=opened_as,
                                package_map=package_map)
    parts = package_map.sheet_parts
    scans = {parts[name]: PartScan(limits, path, name) for name in wanted}
    if package_map.shared_strings_part is not None:
        scans[package_map.shared_strings_part] = PartScan(limits, path, None)
    skipped = {parts[name] for name in names if name not in wanted} - scans.keys()
    try:
        with zipfile.ZipFile(path if package is None else io.BytesIO(package)) as archive:
            inflated = sum(info.file_size for info in archive.infolist() if info.filename not in skipped)
            if inflated <= stored_copy.UNPACK_LIMIT:
                copy = stored_copy.checked_copy(path, archive, scans, skipped, package)
                return CalamineWorkbook(path, "xlsx", names, source=copy, checked=True, limits=limits,
                                        opened_as=opened_as, package_map=package_map)
            for member, scan in scans.items():
                scan_part(archive, member, scan)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as error:
        raise WorkbookRefused(f"文件已损坏或不完整（{short(error)}）", file=path) from None
    return CalamineWorkbook(path, "xlsx", names, source=package, checked=True, limits=limits, opened_as=opened_as,
                            package_map=package_map)
