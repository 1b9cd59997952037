"""A household's address: as a person reads it, and the key two spellings of it share.

Its own module because both the row reader (which works both out for every row
in the roster's reading process) and the place book need them.  The key and the
comparison with a registration address live in `models.addresses`, which the
statistics share.
"""

from __future__ import annotations

from models.addresses import address_key, parts_key, room_text, same_place  # noqa: F401 (used through here)


def composed_address(community: str, building: str, unit: str, room: str) -> str:
    """The address of a home given in parts, as a person reads it ("海滨社区5号楼2单元301室")."""
    # (str.isdecimal is re's \d; isascii and isalnum together are [0-9A-Za-z])
    if room.isascii() and room.isalnum():
        room += "室"
    if unit.isdecimal():
        unit += "单元"
    if building.isdecimal():
        building += "号楼"
    return "".join(part for part in (community, building, unit, room) if part)

