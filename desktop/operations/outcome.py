"""What an operation hands back: its value for the caller to show, and which tables it changed.

The window redraws from `changed` alone (`ui.context.AppContext.announce`
turns it into `data_changed` signals), so no section needs to know what
another one wrote; the command line prints `value`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

EVERYTHING = "*"

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """The tables an operation wrote: none, some, or everything ("*": a merge, an import, demo data, a restore).

    A table stands for the records a person acted on with their parts: "visit"
    is a visit with its visitors and the demands raised in it, "demand" a demand
    with its dispatches, notes and return visits, "household" a household with
    its residents' marks.
    """

    tables: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *tables: str) -> "Changes":
        return cls(frozenset(tables))

    @classmethod
    def everything(cls) -> "Changes":
        return cls(frozenset({EVERYTHING}))

    def names(self) -> list[str]:
        """What `data_changed` carries: "*" alone when everything may have changed, else each table once."""
        return [EVERYTHING] if EVERYTHING in self.tables else sorted(self.tables)

    def __bool__(self) -> bool:
        return bool(self.tables)


NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The result of one operation: `value` (a report, receipts, a saved record's id…) and what `changed`."""

    value: T
    changed: Changes = NOTHING


class Refused(Exception):
    """An operation refused its input before changing anything; the message is one line for a person."""
