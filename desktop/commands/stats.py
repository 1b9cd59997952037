"""`lianxin stats`: the counts (and later the rates) the office reports."""

import json

from models.stats import counts


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("stats", help="Print counts of records and open conflicts")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args) -> int:
    figures = counts()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, sort_keys=True))
    else:
        width = max(map(len, figures))
        for name, value in figures.items():
            print(f"{name:<{width}}  {value}")
    return 0
