"""Two addresses compared as docs/statistics.md says: the rule of 人户分离 and of household keys."""

from __future__ import annotations

import pytest

from models.registry.addresses import address_key, lives_away, parts_key

HOME = "海滨社区5号楼2单元301室"


@pytest.mark.parametrize("spelling", ["海滨社区 5 号楼 2 单元 301", "海滨社区5栋2单元301室", "海滨社区５号楼２单元３０１室"])
def test_spellings_of_one_home_share_a_key(spelling):
    assert address_key(spelling) == address_key(HOME)


def test_the_key_keeps_rooms_apart():
    assert address_key("海滨社区5号楼2单元301室") != address_key("海滨社区5号楼2单元302室")


@pytest.mark.parametrize("registration", [HOME, "山东省烟台市芝罘区海滨社区5号楼2单元301室", "芝罘区海滨社区5栋2单元301"])
def test_a_registration_naming_the_dwelling_is_not_living_away(registration):
    assert not lives_away(registration, HOME)


@pytest.mark.parametrize("registration", ["河北省沧州市献县本斋乡小屯村9号", "海滨社区5号楼2单元302室", "海滨社区5号楼"])
def test_a_registration_elsewhere_or_less_precise_is_living_away(registration):
    assert lives_away(registration, HOME)


def test_a_home_given_in_parts_is_recognised_by_its_building_unit_and_room():
    # a roster of 楼栋/单元/门牌号 without 社区 writes the home as "5号楼2单元301室"
    assert parts_key("5号楼", "2单元", "301") == address_key("5号楼2单元301室")
    assert not lives_away("山东省烟台市芝罘区幸福路12号5号楼2单元301室", "海滨社区5号楼2单元301室", "301", "5号楼", "2单元")


def test_nothing_known_is_not_living_away():
    assert not lives_away("", HOME) and not lives_away(None, HOME)


def test_a_short_key_says_too_little():
    assert lives_away("301", HOME)  # "301" ends nothing but a room number
