"""One module per command; each has `add_parser(subparsers)` that sets `run`."""

from desktop.commands import check, demo, export, find, import_roster, merge, print_documents, stats

COMMANDS = (demo, import_roster, find, export, merge, print_documents, stats, check)
