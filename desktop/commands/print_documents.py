"""`lianxin print`: service cards, contact handbooks or visit handbooks as PDF.

    lianxin print cards -o cards.pdf --community 丁街社区 --back
    lianxin print cards -o cards.pdf --print-shop
    lianxin print handbook -o handbook.pdf --grid 丁街第1网格 --a5
    lianxin print visitbook -o book.pdf --cadre 张三 --no-duplex

Scope options combine ("and"); without any, the whole database is printed.
By default everything prints on an office printer (ink at least 5 mm inside
the paper edge) and visit handbooks are laid out for double-sided printing
(each cadre's part starts on a right-hand page).
Residents' ID numbers and phones are masked unless --show-id-numbers /
--show-phones ask otherwise.  Progress and warnings (characters the font lacks)
go to stderr, the summary line to stdout.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.commands.arguments import writable_file_problem
from desktop.terminal import fail, stderr_progress
from models.scope import ScopeRefused, resolve_scope

# The documents of desktop.operations.printing.DOCUMENTS, named here so that `--help` and the other
# commands do not load reportlab (a test keeps the two lists equal).
DOCUMENTS = ("cards", "handbook", "visitbook")


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "print",
        help="Print service cards, contact handbooks or visit handbooks as PDF",
        description="Print service cards (one per household), a contact handbook (per community or grid) "
        "or visit handbooks (one part per cadre) as PDF with the bundled Chinese font.",
    )
    parser.add_argument("document", choices=DOCUMENTS, help="cards, handbook or visitbook")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    scope = parser.add_argument_group("scope (combined with 'and'; default: everything)")
    scope.add_argument("--community", metavar="NAME", help="one community, by name or id")
    scope.add_argument("--grid", metavar="NAME", help="one grid, by name or id (looked up within --community if given)")
    scope.add_argument("--micro-grid", metavar="NAME",
                       help="the households of one micro-grid (微网格), by name or id (looked up within --grid if given)")
    scope.add_argument("--cadre", metavar="NAME", help="the households linked to one cadre, by name or id")
    scope.add_argument("--household", action="append", default=[], metavar="ID", help="one household by id; repeat for more")
    layout = parser.add_argument_group("layout")
    layout.add_argument("--a5", action="store_true", help="A5 pages instead of A4 (handbook and visitbook)")
    layout.add_argument("--back", action="store_true", help="cards: add back pages for long-edge duplex printing")
    layout.add_argument("--per-page", type=int, choices=(8, 10), default=10,
                        help="cards per A4 sheet: 10 (90×54 mm, edge to edge) or 8 (85×54 mm, spaced)")
    layout.add_argument("--print-shop", action="store_true",
                        help="cards and handbook: 3 mm bleed for a print shop (cards with crop marks, 8 to a sheet; "
                        "handbook pages with a TrimBox); default: everything inside an office printer's margins")
    layout.add_argument("--no-duplex", dest="duplex", action="store_false",
                        help="visitbook: for one-sided printing; by default each cadre's part starts on a "
                        "right-hand (odd) page, with a blank page before it when needed")
    privacy = parser.add_argument_group("privacy (masked unless asked)")
    privacy.add_argument("--show-id-numbers", action="store_true", help="print residents' full ID numbers")
    privacy.add_argument("--show-phones", action="store_true", help="print residents' full phone numbers")
    parser.set_defaults(run=run, validate=validate, database="read")


def usage_problem(args) -> str | None:
    if args.document == "cards" and args.a5:
        return "--a5 is for the handbook and the visitbook; cards are laid out on A4"
    if args.document != "cards" and (args.back or args.per_page != 10):
        return "--back and --per-page are options of cards"
    if args.document == "visitbook" and args.print_shop:
        return "--print-shop is for cards and the handbook; the visitbook prints on an office printer"
    if args.document != "visitbook" and not args.duplex:
        return "--no-duplex is an option of the visitbook"
    return None


def validate(args) -> int | None:
    problem = usage_problem(args)
    if problem:
        print(f"lianxin print: {problem}", file=sys.stderr)
        return 2
    folder = Path(args.output).resolve().parent
    if not folder.is_dir():
        return fail(f"lianxin print: cannot write {args.output}: folder {folder} does not exist")
    problem = writable_file_problem(Path(args.output))
    return None if problem is None else fail(f"lianxin print: {problem}")


def run(args) -> int:
    from desktop.operations import printing  # (each command loads its work when it runs)

    try:
        scope = resolve_scope(args.community, args.grid, args.cadre, args.household, micro_grid=args.micro_grid)
    except ScopeRefused as refusal:
        return fail(f"lianxin print: {refusal}")
    options = printing.PrintOptions(
        a5=args.a5, backs=args.back, cards_per_page=args.per_page, duplex=args.duplex, print_shop=args.print_shop,
        show_id_numbers=args.show_id_numbers, show_phones=args.show_phones,
    )
    if args.show_id_numbers or args.show_phones:
        print("lianxin print: full ID numbers or phones printed at your request (recorded: lianxin disclosures); "
              "keep the paper safe", file=sys.stderr)
    started = time.perf_counter()
    try:
        result = printing.print_document(document=args.document, scope=scope, path=args.output, options=options,
                                         progress=stderr_progress(f"print {args.document}")).value
    except ScopeRefused as refusal:
        return fail(f"lianxin print: {refusal}")
    except OSError as error:
        return fail(f"lianxin print: cannot write {args.output}: {error.strerror or error}")
    elapsed = time.perf_counter() - started
    for line in result.missing_glyphs.report_lines():
        print(f"warning: {line}", file=sys.stderr)
    size = result.path.stat().st_size
    counted = printing.item_name(args.document) + ("" if result.items == 1 else "s")
    pages = "page" if result.pages == 1 else "pages"
    print(f"{args.document}: {result.items} {counted} on {result.pages} {pages}, "
          f"{size / 1024:.0f} KB, {elapsed:.1f} s -> {result.path}")
    return 0
