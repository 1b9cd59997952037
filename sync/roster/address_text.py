"""A household's address: as a person reads it, and the key two spellings of it share.

Its own module because both the row reader (which works both out for every row
in the roster's reading process) and the place book need them.  The key and the
comparison with a registration address live in `models.registry.addresses`, which the
statistics share.
"""

from __future__ import annotations

import re

from models.registry.addresses import address_key, room_text

BUILDING_IN_ADDRESS = re.compile(r"([0-9０-９A-Za-z一二三四五六七八九十百]+(?:号楼|栋|幢|号院|座))")
UNIT_IN_ADDRESS = re.compile(r"([0-9０-９一二三四五六七八九十]+单元)")


def completed_address(address: str, building: str, unit: str, room: str) -> str:
    """An address the row's 楼栋/单元/门牌号 say more than: the address, then each of those it does not
    end with yet ("幸福路12号" and room 301 → "幸福路12号301室"), so rooms at one address stay apart."""
    written = address
    for part in (building + "号楼" if building.isdecimal() else building, unit + "单元" if unit.isdecimal() else unit,
                 room_text(room)):
        if part and not address_key(written).endswith(address_key(part)):
            written += part
    return written


def building_label(building: str, address: str) -> str:
    """The building's name: the 楼栋 column's ("5" → "5号楼"), else the one the address names ("" if none)."""
    if building:
        return building + "号楼" if building.isdecimal() else building
    found = BUILDING_IN_ADDRESS.search(address if " " not in address else "".join(address.split()))
    return found.group(1) if found else ""


def unit_label(unit: str, address: str) -> str:
    """The unit's name: the 单元 column's ("2" → "2单元"), else the one the address names ("" if none)."""
    if unit:
        return unit + "单元" if unit.isdecimal() else unit
    if "单元" not in address:
        return ""
    found = UNIT_IN_ADDRESS.search(address if " " not in address else "".join(address.split()))
    return found.group(1) if found else ""


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

