"""`lianxin find TEXT`: residents and households by name, pinyin initials, phone tail, address or ID.

One line per match, tab-separated: kind, name, masked ID number, masked phone,
address (and the 户籍地址 of a resident found by it).  ID numbers and phones are masked unless `--unmasked` is given.
"""

from __future__ import annotations

from models.records.identity import mask_id_number, mask_phone
from models.registry.search import find

KIND_WORDS = {"resident": "居民", "household": "住户"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "find",
        help="Find residents and households by name, initials, phone tail, address or ID",
        description="Examples: lianxin find 张三明; lianxin find zsm; lianxin find 5678; lianxin find 3号楼",
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="what to look for")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N matches (default 50)")
    parser.add_argument("--unmasked", action="store_true", help="show ID numbers and phones whole")
    parser.set_defaults(run=run, database="read")


def run(args) -> int:
    matches = find(" ".join(args.text), limit=max(args.limit, 1))
    if args.unmasked and matches:  # who saw these numbers whole, and when (`models.disclosures`)
        from desktop.operations.privacy import record_shown, shown_whole

        record_shown(shown=shown_whole(id_numbers=True, phones=True), channel="find",
                     what=f"lianxin find --unmasked ({len(matches)})", records=[match.uuid for match in matches])
    for match in matches:
        id_number = match.id_number if args.unmasked else mask_id_number(match.id_number)
        phone = match.phone if args.unmasked else mask_phone(match.phone)
        address = match.address
        if match.matched == "registered_address":  # found by where they are registered, not where they live
            address += f"（户籍：{match.registered_address}）"
        print("\t".join((KIND_WORDS[match.kind], match.name, id_number, phone, address)))
    return 0
