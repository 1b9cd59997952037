"""A list on screen reads its rows a page at a time: 20,000 demands open as fast as 20."""

from __future__ import annotations


def page_of(query, start: int, count: int) -> list:
    """Rows `start` … `start + count - 1` of `query` (a query of one of the list functions in models/)."""
    return list(query.offset(start).limit(count))
