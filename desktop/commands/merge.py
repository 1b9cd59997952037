"""`lianxin merge`: Merge exchange workbooks from other laptops."""

from desktop.commands.not_yet import not_yet_available


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("merge", help="Merge exchange workbooks from other laptops (not yet available)")
    parser.add_argument("rest", nargs="*", help="arguments of the coming version")
    parser.set_defaults(run=not_yet_available("merge"))
