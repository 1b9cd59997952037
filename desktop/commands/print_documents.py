"""`lianxin print`: Print service cards, contact handbooks or visit handbooks as PDF."""

from desktop.commands.not_yet import not_yet_available


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("print", help="Print service cards, contact handbooks or visit handbooks as PDF (not yet available)")
    parser.add_argument("rest", nargs="*", help="arguments of the coming version")
    parser.set_defaults(run=not_yet_available("print"))
