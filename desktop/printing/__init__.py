"""Printing: service cards, contact handbooks and visit handbooks as PDF (no widgets).

`render_document` is what `desktop.operations.printing` calls for the command line and the window; each kind of
document is one renderer class (`cards`, `handbook`, `visitbook`).  `fonts` has
the bundled font and the missing-glyph report, `sheet` the card layout maths,
`guide` the editable service guide.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from desktop.printing.cards import ServiceCardRenderer
from desktop.printing.document import PrintOptions, PrintResult, Renderer
from desktop.printing.handbook import ContactHandbookRenderer
from desktop.printing.visitbook import VisitHandbookRenderer
from models.progress import Progress
from models.scope import Scope

RENDERERS: dict[str, type[Renderer]] = {
    "cards": ServiceCardRenderer,
    "handbook": ContactHandbookRenderer,
    "visitbook": VisitHandbookRenderer,
}

__all__ = ["RENDERERS", "PrintOptions", "PrintResult", "render_document"]


def render_document(
    kind: str, scope: Scope, path: str | Path, options: PrintOptions | None = None, progress: Progress | None = None
) -> PrintResult:
    """Write document `kind` for `scope` to `path`.

    The PDF is written beside `path` and moved into place only when complete, so
    a cancelled or failed run leaves no half-written file and an older PDF of the
    same name intact.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    renderer = RENDERERS[kind](scope, options, progress)
    try:
        result = renderer.render(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return replace(result, path=path)
