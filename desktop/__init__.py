"""Lianxin's entry point: the command line, settings, background jobs and printing (no widgets)."""

__version__ = "0.1.0"
APP_NAME = "Lianxin"
