"""`lianxin import-shops FILE [--community NAME] [--dry-run]`: bring an office's shop list into the registry.

Each shop goes under the 专属网格 its row names; a grid the registry does not have
is made as a special grid of the row's 社区, of `--community`, or of the only
community the registry has.  Prints the report to stdout; refusals go to stderr.
Exit 0 when rows were imported (or could be, with --dry-run); 1 when the file is
refused whole, no row can be imported, or a grid's community cannot be told.
"""

from __future__ import annotations

from pathlib import Path

from desktop.commands.arguments import readable_file_problem
from desktop.commands.import_roster import password_problem
from desktop.commands.secrets import add_password_option
from desktop.terminal import fail, stderr_progress


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-shops",
        help="Import a shop or enterprise list (商铺/企业名单) with its special grids (专属网格)",
        description="Import shops and enterprises from an office list into their special grids (专属网格). "
        "Shops are matched by grid, name and address, so importing the same list again changes nothing.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the list: .xlsx, .xls or .csv (UTF-8 or GBK)")
    parser.add_argument("--community", metavar="NAME",
                        help="the community (社区, or 街道/社区) whose grids the list names, when its rows do not say")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first with a shop list header)")
    parser.add_argument("--dry-run", action="store_true", help="check everything and print the report, write nothing")
    add_password_option(parser, "open a password-protected list")
    parser.set_defaults(run=run, validate=validate, database="write")


def validate(args) -> int | None:
    problem = readable_file_problem(args.file, "shop list") or password_problem(args)
    return None if problem is None else fail(f"import-shops: {problem}")


def run(args) -> int:
    from desktop.operations import shops
    from desktop.operations.outcome import Refused

    try:
        community = shops.community_named(args.community) if args.community else None
        report = shops.import_shops(path=args.file, community=community, sheet=args.sheet, dry_run=args.dry_run,
                                    progress=stderr_progress("import")).value
    except (shops.ShopsRefused, Refused) as refusal:
        return fail(f"import-shops: {refusal}")
    for line in report.summary_lines():
        print(line)
    for problem in report.problems:
        print(problem.line())
    if report.ambiguous_grids:  # a dry run says what the import would do: refuse
        return fail(f"import-shops: {shops.ambiguity(report)}")
    if report.imported_rows == 0:
        return fail(f"import-shops: {report.file}: no row could be imported; nothing was written")
    return 0
