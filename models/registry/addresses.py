"""Addresses compared: the key two spellings of one home share, and whether a registration names the dwelling.

In `models` because the roster import (which forms households by these keys and
counts people living away from their registration, 人户分离), the statistics
and the search index must all judge alike.

A household registration address (户籍地址) is usually the full postal address
("山东省烟台市芝罘区海滨社区5号楼2单元301室") while the roster writes the dwelling
shorter ("海滨社区5号楼2单元301室", or only 楼栋/单元/门牌号), so two addresses
name the same place when their keys are equal or one ends with the other — the
longer only adds the province, city, district, street or community in front.
"""

from __future__ import annotations

import re
import unicodedata

SEPARATORS = re.compile(r"[\s\-－—_·,，、]")
# Look-behinds, so the substitution is a plain string (a group template costs 5 µs a call).
BUILDING_WORD = re.compile(r"(?<=\d)(?:号楼|栋|幢|楼)")
ROOM_WORD = re.compile(r"(?<=\d)(?:室|号)$")
MIN_SUFFIX = 4  # a shorter key ("301") says too little to call two addresses one place


def address_key(address: str) -> str:
    """The form of an address two spellings of the same home share.

    NFKC (full-width digits and letters made half-width), separators and
    spaces dropped, 号楼/栋/幢/楼 after a number written alike ("#"), a final
    室 or 号 after a number dropped, letters upper-case.
    """
    if not unicodedata.is_normalized("NFKC", address):  # the check is a tenth of the normalising
        address = unicodedata.normalize("NFKC", address)
    if address.isalnum():  # nearly every address: no separator, space or dash to drop
        value = address
    else:
        value = SEPARATORS.sub("", address)
    if "楼" in value or "栋" in value or "幢" in value:
        value = BUILDING_WORD.sub("#", value)
    if value.endswith(("室", "号")):
        value = ROOM_WORD.sub("", value)
    return value.upper()


def same_place(registration_key: str, home_key: str, parts_key: str = "") -> bool:
    """Whether a registration address (its key) names the dwelling: the household's address key
    `home_key`, and when the home has a room, `parts_key` — its building, unit and room alone."""
    if not registration_key:
        return False
    if registration_key == home_key:
        return True
    if home_key and len(home_key) >= MIN_SUFFIX and registration_key.endswith(home_key):
        return True
    if len(registration_key) >= MIN_SUFFIX and home_key.endswith(registration_key):
        return True
    return bool(parts_key) and len(parts_key) >= MIN_SUFFIX and registration_key.endswith(parts_key)


def room_text(room: str) -> str:
    """'301' → '301室': a bare number is a room; anything else is written as typed."""
    room = (room or "").strip()
    return room + "室" if room.isascii() and room.isalnum() else room


def parts_key(building: str, unit: str, room: str) -> str:
    """The key of a home's building, unit and room written one after the other ("" without a room).

    `building` and `unit` as the registry names them ("5号楼", "2单元").
    """
    if not room:
        return ""
    return address_key(building + unit + room_text(room))


def lives_away(registered: str | None, home_address: str | None, room: str | None = "", building: str | None = "",
               unit: str | None = "") -> bool:
    """Whether a resident with registration address `registered` lives elsewhere (人户分离): the
    registration is known and does not name their household's address, nor its building, unit and room."""
    if not registered:
        return False
    return not same_place(address_key(registered), address_key(home_address or ""),
                          parts_key(building or "", unit or "", room or ""))
