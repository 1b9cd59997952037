"""`lianxin demo`: fill a database with a realistic demo district."""

import sys
import time

from desktop.operations.outcome import Refused
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
    from desktop.operations.demo import fill_demo

    started = time.perf_counter()
    try:
        summary = fill_demo(households=args.households, seed=args.seed, progress=stderr_progress("demo")).value
    except Refused as refusal:
        return fail(str(refusal))
    elapsed = time.perf_counter() - started
    print(f"demo: {summary.counts['household']} households, {summary.counts['resident']} residents in {elapsed:.1f} s")
    return 0
