"""A small, explicit neighbourhood for the printing tests: every value a test checks is here.

Two communities, three grids (two called 第一网格, to test ambiguous names), five
households, residents with valid ID numbers (one named with a character no bundled
font has), two cadres and a grid worker, a unit directory, an overdue demand and a visit.
`build_crowded_world` is the harder neighbourhood of issue 18.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.registry.assignments import link
from models.records.identity import make_id_number
from models.records.people import Cadre, Household, Resident, ResponsibleUnit
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.records.work import Demand, Visit

TODAY = dt.date(2026, 11, 23)
RARE_NAME = "王𰻞"  # 𰻞 (U+30EDE, CJK Extension G) is in no bundled font: printed as 〓 and reported
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


# -- a harder neighbourhood: what issue 18 found on paper ------------------------------------------

RARE_CHARACTERS = "䶮𠮷𡒄㛃𬌗𬸦𪨶"  # Extensions A (䶮 㛃), B (𠮷 𡒄), C (𪨶), E (𬌗 𬸦)
LONG_ROAD = "山东省烟台市长岛综合试验区南长山街道海滨路"  # with "12号楼2单元1102室": a 33-character address
COMMUNITY_HOTLINES = {f"{name}社区": f"0535-32{index:05d}" for index, name in enumerate(
    ("海港", "渔港", "南城", "北城", "东山", "西山", "花园", "新村"), start=1)}


@dataclass
class CrowdedWorld:
    communities: list[Community]
    households: list[Household]  # every household, in the order made
    long_address: Household  # 33 characters
    longer_address: Household  # 71 characters: more than two lines even at 7 pt
    crowded: Household  # five cadres and the grid worker
    unlinked: Household
    rare_cadre: Cadre
    cadres: list[Cadre]


def build_crowded_world() -> CrowdedWorld:
    """Eight communities with hotlines, long addresses, a household with six people to call, rare characters."""
    sub_district = SubDistrict(name="南长山街道")
    sub_district.save()
    communities = []
    for name, hotline in COMMUNITY_HOTLINES.items():
        community = Community(sub_district=sub_district, name=name, hotline=hotline, address=f"{name[:2]}路1号")
        community.save()
        communities.append(community)
    grid = Grid(community=communities[0], name="第一网格")
    grid.save()
    building = Building(grid=grid, name="12号楼")
    building.save()
    unit = Unit(building=building, name="2单元")
    unit.save()
    homes = []
    for room in ("1102", "1103", "1201", "1202", "1301", "1302"):
        home = Household(grid=grid, building=building, unit=unit, room=room, address=f"{LONG_ROAD}12号楼2单元{room}室")
        home.save()
        homes.append(home)
    longer = Household(grid=grid, building=building, unit=unit, room="1401",
                       address=f"{LONG_ROAD}海滨花园小区北区东侧临街商住两用综合楼（原长岛县水产供销公司职工宿舍大院内）12号楼2单元1401室")
    longer.save()
    homes.append(longer)
    rare_building = Building(grid=grid, name="𡒄园3号楼")
    rare_building.save()
    rare_home = Household(grid=grid, building=rare_building, unit=None, room="101", address="㛃村𡒄园3号楼101室")
    rare_home.save()
    homes.append(rare_home)
    for index, name in enumerate(("李䶮", "王𠮷", "张𬌗")):
        resident(homes[index], name, "户主", index + 1)
    resident(rare_home, "赵𬸦", "户主", 7)
    resident(rare_home, "钱𪨶", "配偶", 8)
    resident(rare_home, "孙㛃", "子女", 9)
    worker = Cadre(name="李娜", role="grid_worker", work_unit="社区居委会", position="网格员", phone=WORKER_PHONE, grid=grid)
    worker.save()
    rare_cadre = Cadre(name="王𠮷", role="cadre", work_unit="区住建委", position="科长", phone=CADRE_PHONE, grid=grid)
    rare_cadre.save()
    cadres = [rare_cadre]
    for index, name in enumerate(("欧阳建国", "司马秀英", "张伟", "刘洋")):
        cadre = Cadre(name=name, role="cadre", work_unit="区城市管理委员会综合执法大队", position="副大队长",
                      phone=f"1391234{index:04d}", grid=grid)
        cadre.save()
        cadres.append(cadre)
    for home in homes[:-1]:
        link(rare_cadre, home)
    for cadre in cadres[1:]:
        link(cadre, homes[0])  # five cadres for the first household
    link(cadres[1], rare_home)
    unlinked = Household(grid=grid, building=building, unit=unit, room="1501", address=f"{LONG_ROAD}12号楼2单元1501室")
    unlinked.save()
    homes.append(unlinked)
    for community in communities[1:]:  # one household in each other community, so the district has all eight
        other_grid = Grid(community=community, name="第一网格")
        other_grid.save()
        other_building = Building(grid=other_grid, name="1号楼")
        other_building.save()
        other = Household(grid=other_grid, building=other_building, room="101", address=f"{community.name[:2]}路1号楼101室")
        other.save()
        link(cadres[2], other)
    ResponsibleUnit(name="供电公司", hotline=UNIT_HOTLINE, contact_person="王工", contact_phone="13333333333").save()
    ResponsibleUnit(name="区住建委", hotline="0535-3210001", contact_person="赵工", contact_phone="13344445555",
                    contact_phone_public=True).save()
    return CrowdedWorld(communities, homes, homes[0], longer, homes[0], unlinked, rare_cadre, cadres)
