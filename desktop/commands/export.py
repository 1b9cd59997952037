"""`lianxin export`: Export an exchange workbook."""

from desktop.commands.not_yet import not_yet_available


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("export", help="Export an exchange workbook (not yet available)")
    parser.add_argument("rest", nargs="*", help="arguments of the coming version")
    parser.set_defaults(run=not_yet_available("export"))
