"""A small, explicit neighbourhood for the printing tests: every value a test checks is here.

Two communities, three grids (two called 第一网格, to test ambiguous names), five
households, residents with valid ID numbers (one named with a character the font
lacks), two cadres and a grid worker, a unit directory, an overdue demand and a visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.assignments import link
from models.identity import make_id_number
from models.people import Cadre, Household, Resident, ResponsibleUnit
from models.places import Building, Community, Grid, SubDistrict, Unit
from models.work import Demand, Visit

TODAY = dt.date(2026, 11, 23)
RARE_NAME = "王𠮷"  # 𠮷 (U+20BB7) is outside the basic hanzi block the font covers
CADRE_PHONE = "13812345678"
WORKER_PHONE = "13900001111"
UNIT_HOTLINE = "95598"
COMMUNITY_HOTLINE = "0535-3211234"


@dataclass
class World:
    community: Community
    grid: Grid
    households: list[Household]
    residents: list[Resident]
    cadre: Cadre
    worker: Cadre
    other_cadre: Cadre


def household(grid: Grid, building: Building, unit: Unit | None, room: str, phone: str = "", tags: str = "", notes: str = "") -> Household:
    address = f"海滨路{building.name}{unit.name if unit else ''}{room}室"
    record = Household(grid=grid, building=building, unit=unit, room=room, address=address, phone=phone, tags=tags, notes=notes)
    record.save()
    return record


def resident(home: Household, name: str, relation: str, sequence: int, phone: str = "", tags: str = "") -> Resident:
    birth = dt.date(1950 + sequence, 3, 1 + sequence)
    record = Resident(household=home, name=name, relation=relation, sex="男" if sequence % 2 else "女",
                      birth_date=birth, id_number=make_id_number("370602", birth, 100 + sequence), phone=phone, tags=tags)
    record.save()
    return record


def build_world() -> World:
    """Fill the open (empty) database with the neighbourhood."""
    sub_district = SubDistrict(name="南长山街道")
    sub_district.save()
    community = Community(sub_district=sub_district, name="海滨社区", hotline=COMMUNITY_HOTLINE, address="海滨路1号")
    community.save()
    other_community = Community(sub_district=sub_district, name="渔港社区", hotline="0535-3219999")
    other_community.save()
    grid = Grid(community=community, name="第一网格")
    grid.save()
    second_grid = Grid(community=community, name="第二网格")
    second_grid.save()
    other_grid = Grid(community=other_community, name="第一网格")
    other_grid.save()
    buildings = {}
    for name, in_grid in (("2号楼", grid), ("10号楼", grid), ("5号楼", second_grid), ("1号楼", other_grid)):
        buildings[name] = Building(grid=in_grid, name=name)
        buildings[name].save()
    units = {}
    for name in buildings:
        units[name] = Unit(building=buildings[name], name="1单元")
        units[name].save()
    homes = [
        household(grid, buildings["10号楼"], units["10号楼"], "101"),
        household(grid, buildings["2号楼"], units["2号楼"], "101", tags="独居老人", notes="腿脚不便，敲门要大声"),
        household(grid, buildings["2号楼"], units["2号楼"], "102", phone="13700002222"),
        household(second_grid, buildings["5号楼"], units["5号楼"], "301"),
        household(other_grid, buildings["1号楼"], units["1号楼"], "201"),
    ]
    people = [
        resident(homes[0], "张伟", "户主", 1, phone="13600001234"),
        resident(homes[0], RARE_NAME, "配偶", 2),
        resident(homes[1], "李秀英", "户主", 3, phone="13500005678", tags="独居老人"),
        resident(homes[2], "赵强", "户主", 4),
        resident(homes[3], "孙丽", "户主", 5),
        resident(homes[4], "周杰", "户主", 6),
    ]
    cadre = Cadre(name="张建国", role="cadre", work_unit="区住建委", position="科长", phone=CADRE_PHONE, grid=grid)
    cadre.save()
    worker = Cadre(name="李娜", role="grid_worker", work_unit="社区居委会", position="网格员", phone=WORKER_PHONE, grid=grid)
    worker.save()
    other_cadre = Cadre(name="赵敏", role="cadre", work_unit="区民政局", position="科员", phone="13811112222", grid=second_grid)
    other_cadre.save()
    for home in homes[:3]:
        link(cadre, home)
    link(other_cadre, homes[3])
    ResponsibleUnit(name="供电公司", hotline=UNIT_HOTLINE, contact_person="王工", contact_phone="13333333333").save()
    Demand(household=homes[1], description="楼道灯不亮", state="accepted", raised_on=dt.date(2026, 11, 1),
           deadline=dt.date(2026, 11, 8)).save()
    Demand(household=homes[1], description="已经修好的水管", state="closed", raised_on=dt.date(2026, 10, 1),
           deadline=dt.date(2026, 10, 8)).save()
    Visit(household=homes[1], visited_on=dt.date(2026, 10, 15)).save()
    return World(community, grid, homes, people, cadre, worker, other_cadre)
