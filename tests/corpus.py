"""Where the corpus of real-world workbooks (written by other programs) is found for the tests.

The corpus is not part of the repository: CI keeps it in a `shared/corpus` folder beside the
checkout, and anyone can point `LIANXIN_CORPUS` at a copy.  Tests that need it skip without it,
saying where they looked.
"""

from __future__ import annotations

import os
from pathlib import Path

CORPUS = Path(os.environ.get("LIANXIN_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))


def corpus_files(folders: tuple[str, ...], suffixes: set[str]) -> list[Path]:
    """The corpus files in these sub-folders with these suffixes, sorted; [] without a corpus."""
    return sorted(
        path for folder in folders if (CORPUS / folder).is_dir()
        for path in (CORPUS / folder).iterdir() if path.suffix.lower() in suffixes
    )


def missing_reason() -> str:
    return f"the corpus of real-world workbooks is not at {CORPUS} (set LIANXIN_CORPUS)"
