"""`lianxin` and `python -m desktop`: one entry point for the window and the commands."""

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    # A merge of many workbooks reads them in a second process (sync/exchange/read_ahead.py);
    # in the PyInstaller build that process starts as this executable and must stop here.
    multiprocessing.freeze_support()
    # Imported here, not above: a reading process (spawned) runs this module's top level
    # again, and the whole command line would cost it 0.3 s before it reads a row.
    from desktop.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
