"""ID numbers, phones and masking: what the registry and every print rely on."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from models.records.clock import HybridClock, pack
from models.records.identity import (
    birth_date_of,
    id_number_problem,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalise_phone,
    sex_of,
)


def test_known_valid_number_passes():
    assert id_number_problem("11010519491231002X") is None


def test_wrong_check_digit_is_named():
    assert "校验位" in id_number_problem("110105194912310021")


def test_rounded_number_from_excel_is_refused_with_reason():
    assert "舍入" in id_number_problem("3.70602E+17")


def test_impossible_birth_date_is_refused():
    assert "出生日期" in id_number_problem("110105194913310025")


@given(st.dates(dt.date(1900, 1, 1), dt.date(2025, 12, 31)), st.integers(0, 999))
def test_made_numbers_are_valid_and_carry_birth_and_sex(birth, sequence):
    number = make_id_number("120101", birth, sequence)
    assert id_number_problem(number) is None
    assert birth_date_of(number) == birth
    assert sex_of(number) == ("男" if sequence % 2 else "女")


def test_phone_normalisation():
    assert normalise_phone("+86 138-1234-5678") == "13812345678"
    assert normalise_phone("0086 13812345678") == "13812345678"
    assert normalise_phone("022 2330 1234") == "022-23301234"
    assert normalise_phone("not a phone") is None


def test_masking_hides_the_middle():
    assert mask_id_number("120101195003011220") == "120***********1220"
    assert mask_phone("13812345678") == "138****5678"


def test_clock_never_goes_backwards_even_when_the_wall_clock_does():
    times = iter([100.0, 50.0, 50.0])
    clock = HybridClock(wall=lambda: next(times))
    first, second, third = clock.tick(), clock.tick(), clock.tick()
    assert first < second < third


def test_clock_moves_past_what_it_observes():
    clock = HybridClock(wall=lambda: 10.0)
    remote = pack(99_000, 5)
    clock.observe(remote)
    assert clock.tick() > remote
