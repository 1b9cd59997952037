"""The merge laws, proved over random histories: idempotent, commutative, associative.

Two levels: the head algebra alone (fast, many examples), and real laptops that
edit, export and merge workbooks in random orders, then offices that merge the
results in different orders, several times, and through an intermediate office.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.records.clock import dumps_vector
from models.work.demands import accept, close, reopen
from models.records.merged_files import MergedFile
from models.records.people import Household, MicroGrid, Resident, Shop
from models.records.work import Demand, Visit
from sync.exchange.versions import Version, add_head, winner
from tests.exchange_fixtures import Laptop, office_with_registry

DEVICES = ("a", "b", "c")

vectors = st.dictionaries(st.sampled_from(DEVICES), st.integers(min_value=1, max_value=4), min_size=1)


def version_of(vector: dict[str, int]) -> Version:
    device = max(vector, key=lambda d: (vector[d], d))
    return Version(dumps_vector(vector), vector[device], device)


def fold(versions: list[Version], heads: list[Version] | None = None) -> list[Version]:
    heads = list(heads or [])
    for version in versions:
        heads = add_head(heads, version) or heads
    return heads


def head_set(heads: list[Version]) -> set[str]:
    return {head.vv_text for head in heads}


@given(st.lists(vectors, max_size=12), st.randoms())
def test_heads_do_not_depend_on_order_or_repetition(raw, random):
    versions = [version_of(vector) for vector in raw]
    shuffled = versions * 2
    random.shuffle(shuffled)
    assert head_set(fold(versions)) == head_set(fold(shuffled))


@given(st.lists(vectors, max_size=8), st.lists(vectors, max_size=8), st.lists(vectors, max_size=8))
def test_merging_groups_of_heads_is_associative(first, second, third):
    a, b, c = ([version_of(v) for v in group] for group in (first, second, third))
    left = fold(fold(c), fold(b, fold(a)))  # (a + b) + c
    right = fold(fold(b, fold(c)), fold(a))  # a + (b + c)
    assert head_set(left) == head_set(right) == head_set(fold(a + b + c))


@given(st.lists(vectors, min_size=1, max_size=12))
def test_no_head_has_seen_another_and_the_winner_is_the_latest(raw):
    heads = fold([version_of(vector) for vector in raw])
    for first, second in itertools.permutations(heads, 2):
        assert not all(first.vector.get(d, 0) >= s for d, s in second.vector.items())
    top = winner(heads)
    assert all(top.order_key >= head.order_key for head in heads)


# ----- real laptops -------------------------------------------------------------------------

NOTES = ("", "老人独居", "需要轮椅", "已搬走")

operations = st.lists(
    st.one_of(
        st.tuples(st.just("notes"), st.integers(0, 2), st.sampled_from(("first", "second")), st.sampled_from(NOTES)),
        st.tuples(st.just("delete_resident"), st.integers(0, 2), st.sampled_from(("张三明", "王建国")), st.booleans()),
        st.tuples(st.just("visit"), st.integers(0, 2), st.sampled_from(("first", "second")), st.integers(1, 28)),
        st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2), st.just(None)),
        # Issue 21's fields: close the registry's demand with an outcome (or none), or reopen it; visit a shop.
        st.tuples(st.just("closing"), st.integers(0, 2), st.sampled_from((*Demand.OUTCOMES, None)), st.integers(2, 5)),
        st.tuples(st.just("shop_visit"), st.integers(0, 2), st.sampled_from(("面馆", "药店")), st.integers(1, 28)),
        # Issue 22's fields: put a household in a micro-grid (made here if new), name the grid's 专属网格长.
        st.tuples(st.just("micro_grid"), st.integers(0, 2), st.sampled_from(("first", "second")),
                  st.sampled_from(("东片", "西片"))),
        st.tuples(st.just("grid_leader"), st.integers(0, 2), st.just(None), st.sampled_from(("", "孙经理", "赵校长"))),
    ),
    min_size=1,
    max_size=7,
)


def apply(operation, laptops: list[Laptop], ids: dict[str, str], folder: Path, counter: itertools.count) -> None:
    kind, who, target, value = operation
    laptop = laptops[who]
    if kind == "send":
        if target != who:
            laptops[target].merge(laptop.export(folder / f"send{next(counter)}.xlsx"))
        return
    with laptop.open():
        if kind == "notes":
            household = Household.get_by_id(ids[target])
            household.notes = value
            household.save()
        elif kind == "delete_resident":
            resident = Resident.get(Resident.name == target)
            resident.deleted = value
            resident.save()
        elif kind == "closing":
            demand = Demand.get(Demand.description == "楼道灯不亮")
            day = dt.date(2026, 3, value)
            if demand.state == "closed":
                reopen(demand, max(day, demand.closed_on))
            else:
                if demand.state == "pending":
                    accept(demand, dt.date(2026, 3, 1))
                close(demand, day, outcome=target, reason="原因" if target == "unsolvable" else "")
        elif kind == "shop_visit":
            shop = Shop.get_or_none(Shop.name == target) or Shop.create(grid=Household.get_by_id(ids["first"]).grid_id,
                                                                        name=target)
            Visit.create(shop=shop, visited_on=dt.date(2026, 2, value), notes="企业走访")
        elif kind == "micro_grid":
            household = Household.get_by_id(ids[target])
            micro = (MicroGrid.get_or_none(MicroGrid.name == value)
                     or MicroGrid.create(grid=household.grid_id, name=value, leader=f"{value}组长"))
            household.micro_grid = micro
            household.save()
        elif kind == "grid_leader":
            grid = Household.get_by_id(ids["first"]).grid
            grid.leader = value
            grid.save()
        else:
            Visit.create(household=ids[target], visited_on=dt.date(2026, 2, value), notes="走访")


def laptop_workbooks(folder: Path, history) -> tuple[Path, list[Path]]:
    """The office's workbook, and the workbooks of three laptops that started from it and lived `history`."""
    _, ids, base = office_with_registry(folder)
    laptops = [Laptop(folder / f"laptop{i}.db", f"laptop{i}") for i in range(3)]
    for laptop in laptops:
        laptop.merge(base)
    counter = itertools.count()
    for operation in history:
        apply(operation, laptops, ids, folder, counter)
    return base, [laptop.export(folder / f"final{i}.xlsx") for i, laptop in enumerate(laptops)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations, st.permutations(range(3)), st.permutations(range(3)))
def test_offices_merging_laptop_workbooks_in_any_order_and_grouping_agree(history, first_order, second_order):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base, books = laptop_workbooks(folder, history)

        once = Laptop(folder / "once.db", "once")
        assert all(r.accepted for r in once.merge(base, *(books[i] for i in first_order)))
        twice = Laptop(folder / "twice.db", "twice")
        assert all(r.accepted for r in twice.merge(*(books[i] for i in second_order), base, *books, base))
        middle = Laptop(folder / "middle.db", "middle")
        middle.merge(books[first_order[0]], books[first_order[1]])
        grouped = Laptop(folder / "grouped.db", "grouped")
        grouped.merge(books[first_order[2]], middle.export(folder / "middle.xlsx"), base)

        expected = once.snapshot()
        assert twice.snapshot() == expected
        assert grouped.snapshot() == expected

        # `twice` answered its repeated files from the merged-files table; reading them all in full agrees.
        reread = Laptop(folder / "reread.db", "reread")
        shutil.copy(twice.path, reread.path)
        with reread.open():
            MergedFile.delete().execute()
        assert not any(r.recognised for r in reread.merge(*books, base))
        assert reread.snapshot() == expected
