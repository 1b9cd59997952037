"""The algebra of versions: which version has seen which, and the set of heads of a record.

A record's state on a laptop is the set of its *heads*: the versions no other
known version has seen (the maximal elements under the version-vector order).
Merging a version in is "add it, keep the maximal ones" — a join in a
semilattice, hence idempotent, commutative and associative whatever order the
workbooks arrive in.  One head wins by a deterministic rule (latest hybrid
time, then device id) and is what the table shows; the others are the open
conflicts.  Nothing here touches the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def parse_vector(text: str) -> dict[str, int]:
    return json.loads(text) if text else {}


def dominates(a: dict[str, int], b: dict[str, int]) -> bool:
    """True when `a` has seen everything `b` has (a ≥ b, equality included)."""
    return all(a.get(device, 0) >= stamp for device, stamp in b.items())


def join_vectors(vectors: list[dict[str, int]]) -> dict[str, int]:
    """The element-wise maximum: a version that has seen all of them."""
    joined: dict[str, int] = {}
    for vector in vectors:
        for device, stamp in vector.items():
            if stamp > joined.get(device, 0):
                joined[device] = stamp
    return joined


@dataclass(eq=False)
class Version:
    """One version of one record: its vector (as text; parsed when first compared), time, device, content.

    `origin` is where the version came from (a workbook row, the table, a kept
    conflict), so its content is converted only if the version is written.
    """

    vv_text: str
    hlc: int
    device: str
    values: dict[str, Any] | None = None  # stored values of the content columns (None: not loaded yet)
    origin: Any = None
    _vector: dict[str, int] | None = field(default=None, repr=False)

    @property
    def vector(self) -> dict[str, int]:
        if self._vector is None:
            self._vector = parse_vector(self.vv_text)
        return self._vector

    @property
    def order_key(self) -> tuple[int, str]:
        return (self.hlc, self.device)


def add_head(heads: list[Version], incoming: Version) -> list[Version] | None:
    """The heads after `incoming` arrives, or None when a head has already seen it."""
    for head in heads:
        if head.vv_text == incoming.vv_text or dominates(head.vector, incoming.vector):
            return None
    return [head for head in heads if not dominates(incoming.vector, head.vector)] + [incoming]


def winner(heads: list[Version]) -> Version:
    """The head the table shows: latest hybrid time, ties broken by device id."""
    return max(heads, key=lambda version: version.order_key)
