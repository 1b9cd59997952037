"""`lianxin disclosures`: who saw full ID numbers or phones, when, how, and how many records (newest first).

Written whenever a print or a search showed them whole at someone's request
(`models.disclosures`); a record's history in the window shows the same.
"""

from __future__ import annotations

WORDS = {"id_numbers": "ID numbers", "phones": "phones"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "disclosures", help="List who saw full ID numbers or phones (prints, searches), newest first",
        description="List every time full ID numbers or phones were printed or shown on this laptop: when, who, "
        "what was shown, how, and how many records.",
    )
    parser.add_argument("--limit", type=int, default=100, metavar="N", help="at most N entries (default 100)")
    parser.set_defaults(run=run, database="read")


def run(args) -> int:
    from models.disclosures import recent_disclosures

    for entry in recent_disclosures(max(args.limit, 1)):
        shown = " and ".join(WORDS[kind] for kind in entry.shown.split())
        print("\t".join((entry.at_wall.replace("T", " "), entry.user or "-", f"full {shown}", entry.channel,
                         f"{entry.record_count} records", entry.what)))
    return 0
