"""Time-ordered record ids (UUID version 7, RFC 9562) for rows inserted in bulk.

Random (version 4) ids scatter 470,000 inserts over every page of each primary
key and foreign-key index; once those outgrow SQLite's cache, each insert costs
page reads and spills.  Ids that ascend in insertion order append to the right
edge of the B-trees instead.  They are still unique across laptops: 48 bits of
wall time, 12 random bits per import run and 32 random bits per id.  The per-id
bits come from a generator seeded from the system's secure source once per run:
asking the operating system for each of 350,000 ids cost a second.
"""

from __future__ import annotations

import random
import secrets
import time


class OrderedIds:
    """Ascending ids; give `rng` (and `milliseconds`) for a reproducible sequence, as the demo does."""

    def __init__(self, rng: random.Random | None = None, milliseconds: int | None = None) -> None:
        self._random = rng or random.Random(secrets.randbits(128))
        start = time.time_ns() // 1_000_000 if milliseconds is None else milliseconds
        prefix = start << 80 | 0x7 << 76 | self._random.getrandbits(12) << 64 | 0b10 << 62
        high = "%016x" % (prefix >> 64)
        self._high = f"{high[:8]}-{high[8:12]}-{high[12:]}-"  # the same for every id of the run
        self._variant = prefix & (1 << 64) - 1
        self._counter = 0
        self.first: str | None = None  # the first and last id given, so a caller can find its rows again
        self.last: str | None = None

    def next(self) -> str:
        """The next id, formatted as `str(uuid.UUID(...))` would (without building the object: 350,000 calls).

        Only the low 64 bits change from id to id (variant, counter, random), so
        only they are formatted: the high half's text is kept from the start.
        """
        counter = self._counter = self._counter + 1
        low = "%016x" % (self._variant | (counter & 0x3FFFFFFF) << 32 | self._random.getrandbits(32))
        last = self.last = f"{self._high}{low[:4]}-{low[4:]}"
        if self.first is None:
            self.first = last
        return last
