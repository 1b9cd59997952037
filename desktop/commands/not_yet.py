"""The answer of a command whose issue has not landed yet."""

import sys


def not_yet_available(name: str):
    def run(args) -> int:
        print(f"lianxin {name}: not yet available in this version", file=sys.stderr)
        return 1

    return run
