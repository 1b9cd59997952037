"""Passphrases and passwords on the command line: from an environment variable or a file, never an argument.

An argument would sit in the shell's history and in every process listing of
the machine; an environment variable or a file readable by its owner does not.
A file's one line is taken without its line ending.
"""

from __future__ import annotations

import os
from pathlib import Path


class SecretProblem(Exception):
    """The secret's file cannot be read; the message says which and why."""


def secret(variable: str, file: Path | None = None) -> str | None:
    """The secret in `file` when given, else in the environment `variable`; None when neither holds one."""
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise SecretProblem(f"{file}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
        lines = text.splitlines()
        return lines[0] if lines and lines[0] else None
    return os.environ.get(variable) or None
