"""Printing a document as PDF: service cards, the contact handbook, visit handbooks.

The PDF appears at `path` only when whole (`desktop.printing.render_document`):
a cancelled or failed run leaves an older file of that name as it was.  A
scope with nothing to print is refused (`ScopeRefused`) before a page is drawn.
"""

from __future__ import annotations

from pathlib import Path

from desktop.operations.outcome import Outcome, Refused
from desktop.operations.privacy import record_shown, shown_whole
from desktop.printing import RENDERERS, PrintOptions, PrintResult, render_document
from models.progress import Progress
from models.scope import Scope, ScopeRefused

__all__ = ["DOCUMENTS", "PrintOptions", "PrintResult", "ScopeRefused", "item_name", "print_document"]

DOCUMENTS = tuple(RENDERERS)  # "cards", "handbook", "visitbook"
UNMASKING_DOCUMENTS = ("visitbook",)  # the one whose residents' numbers --show-id-numbers/--show-phones print whole


def item_name(document: str) -> str:
    """What one item of the document is ("card", "household", "cadre"), for a summary line."""
    return RENDERERS[document].item_name


def print_document(
    *,
    document: str,
    path: str | Path,
    scope: Scope = Scope(),
    options: PrintOptions | None = None,
    progress: Progress | None = None,
) -> Outcome[PrintResult]:
    """Write `document` for `scope` to `path`; the value says how many pages and items, and what the font lacks."""
    if document not in RENDERERS:
        raise Refused(f"no document called {document!r}; choose {', '.join(DOCUMENTS)}")
    result = render_document(document, scope, Path(path), options, progress)
    if options is not None and document in UNMASKING_DOCUMENTS:  # who printed full numbers, of which households
        record_shown(shown=shown_whole(id_numbers=options.show_id_numbers, phones=options.show_phones),
                     channel="print", what=f"{document} → {Path(path).name} ({scope.describe()})", scope=scope)
    return Outcome(result)
