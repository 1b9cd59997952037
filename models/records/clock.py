"""A hybrid logical clock, so that edits order correctly on laptops whose wall clock lies.

A timestamp is one integer: milliseconds since the epoch shifted left by 16 bits,
plus a 16-bit counter.  It never goes backwards on one device, and after seeing a
record from another device it is always later than that record, whatever the two
wall clocks say.  Integers sort and compare cheaply in SQLite and in Python.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(milliseconds: int, counter: int) -> int:
    """Combine wall milliseconds and a logical counter into one sortable integer."""
    return (milliseconds << COUNTER_BITS) | (counter & COUNTER_MASK)


def wall_milliseconds(stamp: int) -> int:
    """The wall-clock part of a timestamp, for showing a person roughly when."""
    return stamp >> COUNTER_BITS


class HybridClock:
    """Issues strictly increasing timestamps and absorbs timestamps seen from elsewhere."""

    def __init__(self, last: int = 0, wall: Callable[[], float] = time.time) -> None:
        self._last = last
        self._wall = wall
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def tick(self) -> int:
        """A new timestamp later than every one issued or observed before."""
        with self._lock:
            physical = pack(int(self._wall() * 1000), 0)
            self._last = max(physical, self._last + 1)
            return self._last

    def observe(self, remote: int) -> None:
        """Move past a timestamp that arrived from another device."""
        with self._lock:
            self._last = max(self._last, remote)


def dumps_vector(vector: dict[str, int]) -> str:
    """Canonical JSON for a version vector ``{device: hlc}``: equal vectors, equal text."""
    return json.dumps(vector, sort_keys=True, separators=(",", ":"))


def loads_vector(text: str | None) -> dict[str, int]:
    return json.loads(text) if text else {}
