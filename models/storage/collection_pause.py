"""Fewer garbage collections while bulk work allocates millions of objects.

Why: Python starts a collection every 700 new container objects, and every
tenth of those looks at the older ones too.  A roster import creates lists
and tuples by the million while keeping hundreds of thousands alive (its
maps of ids and addresses), so the collector walks the same live objects over
and over and finds almost nothing: bulk work makes few reference cycles.
Raising the first threshold to 100,000 took a 350,000-resident import from
25.6 to 24.1 CPU seconds (three runs each, same peak memory), and a merge
of 500 laptop workbooks from 24.8 to 21.5 (two runs each).  The collector
stays on, so a cycle made in bulk is still freed, just later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLD = 100_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold for the block; restore the previous thresholds after it."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], BULK_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
