"""`lianxin import-roster`: Import a roster workbook (.xlsx, .xls, .csv) into the registry."""

from desktop.commands.not_yet import not_yet_available


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("import-roster", help="Import a roster workbook (.xlsx, .xls, .csv) into the registry (not yet available)")
    parser.add_argument("rest", nargs="*", help="arguments of the coming version")
    parser.set_defaults(run=not_yet_available("import-roster"))
