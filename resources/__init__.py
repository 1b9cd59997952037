"""Data only: the bundled font, translations and texts.  `desktop.resource_files` finds them."""
