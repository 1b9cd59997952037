"""`lianxin export FILE.xlsx`: write an exchange workbook of everything, a community, a grid or a cadre's package."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop import __version__
from desktop.terminal import fail, stderr_progress
from models.installation import current_installation
from sync.exchange.scope import Scope, ScopeError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="Export an exchange workbook (.xlsx) to carry to another laptop or the office",
        description="Write an exchange workbook. Without a scope option it holds everything; "
        "the format is described in docs/workbook.md.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.xlsx", help="the workbook to write (replaced if it exists)")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--community", metavar="NAME", help="only this community (its grids, households and their work)")
    scope.add_argument("--grid", metavar="NAME", help="only this grid")
    scope.add_argument("--cadre", metavar="NAME", help="one cadre's package: their households, residents and open demands")
    parser.set_defaults(run=run)


def scope_of(args) -> Scope:
    for kind in ("community", "grid", "cadre"):
        name = getattr(args, kind)
        if name:
            return Scope(kind, name.strip())
    return Scope()


def run(args) -> int:
    from sync.exchange.writer import ExportError, export_workbook  # (each command loads its work when it runs)

    if args.file.suffix.lower() != ".xlsx":
        print(f"lianxin export: {args.file}: the file name must end in .xlsx", file=sys.stderr)
        return 2
    if not args.file.parent.is_dir():
        return fail(f"{args.file}: the folder {args.file.parent} does not exist")
    scope = scope_of(args)
    try:
        summary = export_workbook(args.file, scope, installation=current_installation(), app_version=__version__,
                                  progress=stderr_progress("export"))
    except ScopeError as error:
        return fail(f"lianxin export: {error}")
    except (ExportError, OSError) as error:
        return fail(f"{args.file}: {error}")
    print(f"{summary.path}: {scope.describe()}")
    for title, count in summary.rows.items():
        if count:
            print(f"  {title}\t{count}")
    print(f"  冲突\t{summary.conflicts}")
    return 0
