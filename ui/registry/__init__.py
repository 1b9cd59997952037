"""Widgets of the registry section: place tree, household page with undo, roster import."""
