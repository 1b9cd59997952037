"""Progress on the terminal: results go to stdout, progress and messages to stderr."""

from __future__ import annotations

import sys

from models.progress import Progress


def stderr_progress(label: str) -> Progress:
    """A Progress that prints `label: 45%` to stderr, at most about once a second."""
    interactive = sys.stderr.isatty()

    def show(done: int, total: int, message: str) -> None:
        percent = 100 * done // total if total else 100
        text = f"{label}: {percent}% {message}".rstrip()
        if interactive:
            sys.stderr.write("\r" + text + ("\n" if done >= total else ""))
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    return Progress(show, min_interval=1.0)


def fail(message: str) -> int:
    """Print one clear line to stderr and return exit status 1 (input rejected)."""
    print(message, file=sys.stderr)
    return 1
