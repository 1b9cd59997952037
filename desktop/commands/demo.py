"""`lianxin demo`: fill a database with a realistic demo district."""

import sys
import time

from desktop.terminal import fail, stderr_progress


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="Fill an empty database with realistic demo data")
    parser.add_argument("--households", type=int, default=3000, metavar="N", help="number of households (default 3000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed: the same seed gives the same data")
    parser.set_defaults(run=run, validate=validate, database="write", long_writer=lambda args: True)


def validate(args) -> int | None:
    if args.households < 1:
        print("lianxin demo: --households must be at least 1", file=sys.stderr)
        return 2
    return None


def run(args) -> int:
    from models.demo import generate_demo, is_empty  # Faker loads only for this command

    if not is_empty():
        return fail("the database already holds households; demo data goes only into an empty database (use --db NEW.db)")
    started = time.perf_counter()
    summary = generate_demo(args.households, seed=args.seed, progress=stderr_progress("demo"))
    elapsed = time.perf_counter() - started
    print(f"demo: {summary.counts['household']} households, {summary.counts['resident']} residents in {elapsed:.1f} s")
    return 0
