"""`lianxin` and `python -m desktop`: one entry point for the window and the commands."""

import sys

from desktop.cli import run


def main(argv: list[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
