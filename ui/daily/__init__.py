"""Widgets of the daily work: the visits and demands sections' models and dialogs."""
