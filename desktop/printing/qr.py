"""QR codes drawn as one vector path from the `qrcode` matrix.

reportlab's own QR widget cost 45 s for 1,200 cards and a PNG per card 10 s
(measured on the office's kind of machine); a path of filled rectangles, one per horizontal run of
dark modules, is the cheapest and stays sharp at any printer resolution.  Each
distinct code is drawn once into a PDF form (XObject) and placed by reference, so
cards that share a cadre share the drawing.
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE_MODULES = 2  # smaller than the standard 4: the card's white margin adds to it
# Any of the eight masks gives a valid code; trying all eight for the "best" one
# is 80 % of the time `qrcode` spends (35 ms against 7 ms a code).
MASK_PATTERN = 0


@lru_cache(maxsize=4096)
def dark_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The module count per side and the dark runs (row, first column, length) of `payload`'s code."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES, mask_pattern=MASK_PATTERN)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    runs: list[tuple[int, int, int]] = []
    for row, cells in enumerate(matrix):
        start = None
        for column, dark in enumerate(cells):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row, start, column - start))
                start = None
        if start is not None:
            runs.append((row, start, len(cells) - start))
    return len(matrix), tuple(runs)


class QrForms:
    """Draws each distinct payload once as a PDF form and places it wherever it is needed."""

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._names: dict[str, str] = {}

    def draw(self, payload: str, x: float, y: float, size: float) -> None:
        """Place the code of `payload` as a `size`-point square with its bottom left at (x, y)."""
        canvas = self._canvas
        name = self._names.get(payload) or self._define(payload)
        modules, _ = dark_runs(payload)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(size / modules, size / modules)
        canvas.doForm(name)
        canvas.restoreState()

    def _define(self, payload: str) -> str:
        """Record the code as a form in unit module coordinates (one module = 1 × 1)."""
        canvas = self._canvas
        name = f"qr{len(self._names)}"
        modules, runs = dark_runs(payload)
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=modules, uppery=modules)
        canvas.setFillColorRGB(0, 0, 0)
        # The runs are whole numbers: written as PDF operators directly, since
        # reportlab's general number formatting is most of the cost of a code.
        rectangles = "\n".join(f"{column} {modules - row - 1} {length} 1 re" for row, column, length in runs)
        canvas.addLiteral(rectangles + "\nf")
        canvas.endForm()
        self._names[payload] = name
        return name
