"""`lianxin export FILE.xlsx`: write an exchange workbook of everything, a community, a grid or a cadre's package."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands.arguments import writable_file_problem
from desktop.commands.secrets import SecretProblem, add_password_option, workbook_password
from desktop.terminal import fail, stderr_progress
from models.scope import ScopeRefused, resolve_scope


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
    add_password_option(parser, "encrypt the workbook (Excel, WPS and LibreOffice open it with the password)")
    parser.set_defaults(run=run, validate=validate, database="read")


def validate(args) -> int | None:
    if args.file.suffix.lower() != ".xlsx":
        print(f"lianxin export: {args.file}: the file name must end in .xlsx", file=sys.stderr)
        return 2
    problem = writable_file_problem(args.file)
    if problem is not None:
        return fail(problem)
    try:
        workbook_password(args)
    except SecretProblem as problem:
        return fail(f"lianxin export: {problem}; nothing was written")
    return None


def run(args) -> int:
    from desktop.operations import exchange  # (each command loads its work when it runs)
    from sync.spreadsheet.protection import PASSWORD_VARIABLE, current_password

    try:
        scope = resolve_scope(community=args.community, grid=args.grid, cadre=args.cadre)
        summary = exchange.export(path=args.file, scope=scope, progress=stderr_progress("export"),
                                  password=current_password()).value
    except ScopeRefused as error:
        return fail(f"lianxin export: {error}")
    except (exchange.ExportError, OSError) as error:
        return fail(f"{args.file}: {error}")
    print(f"{summary.path}: {scope.describe()}")
    if current_password() is None:
        print(f"note: {summary.path.name} is not encrypted (no {PASSWORD_VARIABLE} or --password-file): whoever has "
              "the file reads every name, ID number and phone in it", file=sys.stderr)
    for title, count in summary.rows.items():
        if count:
            print(f"  {title}\t{count}")
    print(f"  冲突\t{summary.conflicts}")
    return 0
