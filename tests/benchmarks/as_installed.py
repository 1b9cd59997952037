"""Benchmarks run Lianxin's commands as an installed copy runs them: from compiled bytecode.

Why: a development shell may set PYTHONDONTWRITEBYTECODE (this project's 2-core
machine does), and then every command a benchmark starts compiled each of
Lianxin's modules from source again: 0.3 s of a city's `stats`, and of every
reading process an import or a merge starts.  A user never pays that: pip
compiles a package's modules when it installs them, an editable install writes
its caches on the first run, and the PyInstaller bundle holds them compiled.
So a benchmark compiles the code it times once, before timing, and lets its
children read the caches (`bench_startup.py` measures the first start, without
them, on purpose).
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

PACKAGES = ("desktop", "models", "sync", "ui")


def run_as_installed(*roots: Path) -> None:
    """Compile the packages under each of `roots` (a checkout) and let this process's children use the caches."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for root in roots:
        for package in PACKAGES:
            if (Path(root) / package).is_dir():
                compileall.compile_dir(str(Path(root) / package), quiet=1)
