"""`lianxin` and `python -m desktop`: one entry point for the window and the commands."""

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    # A merge of many workbooks reads them in a second process (sync/exchange/read_ahead.py);
    # in the PyInstaller build that process starts as this executable and must stop here.
    multiprocessing.freeze_support()
    # Imported here, not above: a reading process (spawned) runs this module's top level
    # again, and the whole command line would cost it 0.3 s before it reads a row.
    from desktop.cli import opens_window, run
    from desktop.rust_panics import quiet_rust_panics

    argv = sys.argv[1:] if argv is None else argv
    # The commands' stderr goes through a filter that drops Rust's panic text (its one line comes
    # from the command); the window's stays as it is (a fatal error there must reach the terminal).
    stop_filtering = (lambda: None) if opens_window(argv) else quiet_rust_panics()
    try:
        return run(argv)
    finally:
        stop_filtering()


if __name__ == "__main__":
    sys.exit(main())
