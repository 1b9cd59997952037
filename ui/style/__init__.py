"""The window's look: `theme` (palette, style sheet, row heights) and `icons` (the bundled SVG set)."""
