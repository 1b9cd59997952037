"""A household's address: as a person reads it, and the key two spellings of it share.

Its own module because both the row reader (which works both out for every row
in the roster's reading process) and the place book need them.
"""

from __future__ import annotations

import re
import unicodedata

SEPARATORS = re.compile(r"[\s\-－—_·,，、]")
# Look-behinds, so the substitution is a plain string (a group template costs 5 µs a call).
BUILDING_WORD = re.compile(r"(?<=\d)(?:号楼|栋|幢|楼)")
ROOM_WORD = re.compile(r"(?<=\d)(?:室|号)$")


def address_key(address: str) -> str:
    """The form of an address two spellings of the same home share."""
    if not unicodedata.is_normalized("NFKC", address):  # the check is a tenth of the normalising
        address = unicodedata.normalize("NFKC", address)
    value = SEPARATORS.sub("", address)
    value = BUILDING_WORD.sub("#", value)
    value = ROOM_WORD.sub("", value)
    return value.upper()


def written_address(community: str, building: str, unit: str, room: str, address: str) -> str:
    """The address a person reads: the roster's own, or composed from its parts."""
    if address:
        return address
    # (str.isdecimal is re's \d; isascii and isalnum together are [0-9A-Za-z])
    if room.isascii() and room.isalnum():
        room += "室"
    if unit.isdecimal():
        unit += "单元"
    if building.isdecimal():
        building += "号楼"
    return "".join(part for part in (community, building, unit, room) if part)
