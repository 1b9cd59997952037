"""`lianxin find`: Find residents and households by name, initials, phone tail, address or ID."""

from desktop.commands.not_yet import not_yet_available


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("find", help="Find residents and households by name, initials, phone tail, address or ID (not yet available)")
    parser.add_argument("rest", nargs="*", help="arguments of the coming version")
    parser.set_defaults(run=not_yet_available("find"))
