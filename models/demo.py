"""Realistic, deterministic demo data at the shape of the seed articles.

A district in miniature: sub-districts, communities, grids, buildings with units
and rooms, households of one to six residents with valid ID numbers and mobile
numbers, shops, cadres and grid workers linked to most (not all) households,
visits over the last months, demands in every state (some overdue), dispatches to
responsible units, progress notes and return visits.  What offices report beside
closure (issue 21) is exercised too: demands from every source (visits, grid
workers' reports, the 12345 hotline, the office, enterprise visits, other), every
closing outcome, the dispute family with its mediation, visits to shops and their
problems, and two classes (一类事).  Issue 22's places too: micro-grids (微网格) of 10–30
households in about half the grids, each with its 微网格长 (a resident volunteer, or for
about a third one of the grid's cadres), and one special grid (专属网格) per community — a
school, a hospital, a park or a market street — with its 专属网格长 and a few shops and
enterprises that cadres visit.  Dates follow the states: nothing is accepted
after today, nothing closed before it was accepted.

Names and streets come from Faker's zh_CN data; the rest is drawn from one seeded
`random.Random`, so the same seed and day give the same records.  Rows go in with
`executemany` inside one transaction: 120,000 households is about a million rows,
and peewee's per-row machinery would take minutes instead of seconds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from faker import Faker
from faker.providers.person.zh_CN import Provider as ChineseNames

from models.records.base import derived_uuid
from models.storage.connection import database
from models.records.identity import make_id_number
from models.records.installation import current_installation
from models.storage.ordered_ids import OrderedIds
from models.progress import Progress
from models.work.reference_lists import DISPUTE_CATEGORIES
from models.registry.search import BulkIndexer, indexing_myself

SUB_DISTRICTS = (
    "劝业场", "小白楼", "五大道", "新兴", "南营门", "南市", "南长山", "北长山", "大营门", "下瓦房",
    "桃园", "挂甲寺", "马场", "越秀路", "友谊路", "天塔", "尖山", "陈塘庄", "柳林", "东海",
)
AREA_CODES = ("120101", "120102", "120103", "120104", "120105", "120106", "370634", "320302", "130102", "370602")
GIVEN_FIRST_CHARS = "建国志明文俊德子永玉春海金秀立淑凤家宏晓雪新佳思雨"

WORK_UNITS = (
    "区委组织部", "区住建委", "区民政局", "区城市管理委", "区财政局", "区人社局", "区教育局",
    "区卫健委", "区司法局", "区市场监管局", "区委宣传部", "区网信办", "区总工会", "街道办事处",
)
POSITIONS = ("科员", "副科长", "科长", "主任科员", "副主任", "党支部书记", "干事")

# Names as in `models.work.reference_lists`, so the demo's lists are the ones every laptop creates.
RESPONSIBLE_UNITS = (
    ("区住建委", "022-23301234"), ("区排水管理所", "022-23305678"), ("城市管理委", "12319"),
    ("公安分局", "110"), ("派出所", "022-23111110"), ("市财政局", "022-23145678"),
    ("供电公司", "95598"), ("网信办", "022-23319876"), ("园林部门", "022-23304567"),
    ("民政局", "022-23301111"), ("人社局", "12333"), ("物业公司", "022-27301234"),
    ("业主委员会", "022-27305678"), ("街道办事处", "022-23306666"), ("社区党委", "022-23307777"),
)

# (category as in `models.work.reference_lists`, deadline days, descriptions)
CATEGORIES = (
    ("住房维修", 7, ("屋顶漏水，雨天客厅滴水", "阳台开裂，担心掉落", "外墙瓷砖脱落", "楼上管道漏水渗到家里")),
    ("照明", 7, ("楼道灯不亮，老人晚上上下楼不方便", "小区路灯坏了多日", "单元门口感应灯失灵")),
    ("排水疏通", 7, ("下水道堵塞，污水外溢", "雨后院内积水排不出去", "化粪池满溢")),
    ("环境卫生", 7, ("楼道堆放杂物", "垃圾清运不及时", "小区里老鼠多", "绿地杂草丛生，蚊虫多")),
    ("绿化", 7, ("树枝挡住窗户，影响采光", "绿地被踩踏，希望设提示牌", "枯树有倒伏风险")),
    ("停车", 7, ("小区停车难，乱停车堵住消防通道", "希望增设非机动车停放点")),
    ("物业管理", 7, ("物业服务不到位", "电梯经常故障", "门禁损坏")),
    ("道路", 7, ("路面破损，下雨积水", "台阶湿滑，希望做防滑处理")),
    ("饮用水", 3, ("自来水发黄", "水压太低，高层用不上水")),
    ("供暖及老旧管网", 3, ("暖气不热", "供热管网老化漏水")),
    ("飞线充电", 3, ("楼上飞线给电动车充电，有安全隐患",)),
    ("证照办理", 7, ("咨询居住证办理", "老年证办理流程")),
    ("居家养老", 7, ("独居老人希望有人定期探望", "咨询助餐服务")),
    ("法律咨询与纠纷调解", 7, ("邻里噪音纠纷", "房屋租赁纠纷需要法律咨询")),
    ("政策咨询", 7, ("咨询医保缴费政策", "咨询老旧小区改造政策")),
)

BUSINESSES = ("便利店", "面馆", "理发店", "药店", "超市", "早点铺", "修车铺", "水果店", "洗衣店", "五金店")
TALKED_TO = ("户主", "配偶", "老人", "子女", "全家")
TOPIC_CHOICES = ("policy handbook", "policy", "handbook", "policy handbook other", "other")
# (age in days up to, weights of pending, accepted, in_progress, closed, rejected)
STATE_WEIGHTS_BY_AGE = (
    (3, (25, 25, 20, 27, 3)),
    (10, (5, 10, 25, 57, 3)),
    (30, (1, 2, 5, 89, 3)),
    (10**6, (0.5, 0.5, 1, 95, 3)),
)
SATISFACTION = (("satisfied", 90), ("fairly_satisfied", 7), ("dissatisfied", 3))
OUTCOMES = (("solved", 82), ("answered", 12), ("unsolvable", 6))
UNSOLVABLE_REASONS = ("产权不清，暂无责任主体", "需纳入老旧小区改造计划统一实施", "涉及规划调整，已向群众解释")
MEDIATIONS = (("succeeded", 85), ("failed", 15))
# Demands that came from elsewhere than a visit, per grid: (source, how many at most)
OTHER_SOURCES = (("grid_report", 3), ("hotline", 2), ("walk_in", 2), ("other", 1))
SHOP_PROBLEMS = ("招工难，希望对接就业服务", "门前道路破损影响经营", "咨询小微企业扶持政策", "消防通道被占用", "店招审批流程咨询")


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)


class _Rows:
    """Row tuples per table, in insertion order, for executemany."""

    def __init__(self) -> None:
        self.tables: dict[str, tuple[Sequence[str], list[tuple]]] = {}

    def declare(self, table: str, columns: Sequence[str]) -> list[tuple]:
        rows: list[tuple] = []
        self.tables[table] = (columns, rows)
        return rows


class DemoGenerator:
    """Builds the demo district in memory, then writes it in one transaction."""

    def __init__(self, households: int, seed: int, today: dt.date) -> None:
        self.target = households
        self.rng = random.Random(seed)
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc)
        self.ids = OrderedIds(random.Random(seed), int(midnight.timestamp() * 1000))
        self.today = today
        faker = Faker("zh_CN")
        faker.seed_instance(seed)
        self.streets = sorted({faker.street_name() for _ in range(400)})
        surnames = ChineseNames.last_names
        self.surnames = list(surnames)
        self.surname_weights = list(itertools.accumulate(surnames.values()))  # cumulative: choices() skips the sum
        self.male_names = list(ChineseNames.first_names_male)
        self.female_names = list(ChineseNames.first_names_female)
        self.used_ids: set[str] = set()
        self.next_building_number: dict[str, int] = {}
        self.rows = _Rows()
        # Issue 21's draws (sources, outcomes, shops' visits) have their own generator, so the
        # rest of the district is what it was for the same seed.
        self.extra = random.Random(seed * 7919 + 21)
        # Issue 22's draws (micro-grids, special grids) likewise.
        self.places_rng = random.Random(seed * 7919 + 22)
        self.communities: list[tuple[str, str, int]] = []  # community uuid, name, index of its first grid
        self.micro_members: list[tuple[str, str]] = []  # (micro-grid, household): set after the households are in
        self.shops: list[tuple[str, str]] = []  # shop uuid, grid uuid
        # Every outcome and mediation appears at least once (the first closings take them), then they are drawn.
        self.unseen = {"outcome": [o for o, _ in OUTCOMES], "mediation": [m for m, _ in MEDIATIONS]}
        installation = current_installation()
        self.device = installation.device_id
        self.hlc, self.vv = installation.next_version(None)

    # -- small draws -------------------------------------------------------
    def uuid(self) -> str:
        """The next id: ascending (so inserts append to the indexes) and the same for the same seed and day."""
        return self.ids.next()

    def version(self) -> tuple:
        return (self.hlc, self.device, self.vv, 0)

    def name(self, sex: str, surname: str | None = None) -> str:
        rng = self.rng
        surname = surname or rng.choices(self.surnames, cum_weights=self.surname_weights)[0]
        given = rng.choice(self.male_names if sex == "男" else self.female_names)
        if len(given) == 1 and rng.random() < 0.55:
            given = rng.choice(GIVEN_FIRST_CHARS) + given
        return surname + given

    def mobile(self) -> str:
        rng = self.rng
        return f"1{rng.choice('3578')}{rng.randrange(10)}{rng.randrange(10**8):08d}"

    def id_number(self, birth: dt.date, sex: str) -> str:
        rng = self.rng
        while True:
            sequence = rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)
            number = make_id_number(rng.choice(AREA_CODES), birth, sequence)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def birth(self, low_age: int, high_age: int) -> dt.date:
        days = self.rng.randrange(low_age * 365, high_age * 365 + 1)
        return self.today - dt.timedelta(days=days)

    def days_ago(self, most: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randrange(0, most + 1))

    # -- the district --------------------------------------------------------
    def build(self, progress: Progress) -> None:
        rng = self.rng
        rows = self.rows
        sub_rows = rows.declare("sub_district", ("name", "code"))
        community_rows = rows.declare("community", ("sub_district_id", "name", "hotline", "address"))
        grid_rows = rows.declare("grid", ("community_id", "name", "kind", "special_type", "leader", "leader_phone"))
        self.grid_rows = grid_rows
        building_rows = rows.declare("building", ("grid_id", "name", "address", "kind", "floors"))
        unit_rows = rows.declare("unit", ("building_id", "name"))
        household_rows = rows.declare("household", ("grid_id", "building_id", "unit_id", "room", "address", "phone", "tags", "notes"))
        resident_rows = rows.declare(
            "resident",
            ("household_id", "name", "relation", "sex", "birth_date", "id_number", "phone", "ethnicity", "tags", "notes"),
        )
        shop_rows = rows.declare("shop", ("grid_id", "building_id", "name", "address", "business", "owner", "phone", "notes"))
        self.shop_rows = shop_rows
        cadre_rows = rows.declare("cadre", ("name", "role", "work_unit", "position", "phone", "grid_id", "notes"))

        sub_count = max(1, round(self.target / 20_000))
        community_count = max(1, round(self.target / 1_800))
        grids_per_community = 8 if self.target >= 2_000 else max(1, self.target // 250)
        grid_count = community_count * grids_per_community
        self._grids_per_community = grids_per_community

        self.grids: list[tuple[str, list[str], list[str]]] = []  # grid uuid, households, cadres
        made = 0
        street_index = 0
        for s in range(sub_count):
            sub_uuid = self.uuid()
            sub_name = SUB_DISTRICTS[s % len(SUB_DISTRICTS)] + ("" if s < len(SUB_DISTRICTS) else str(s // len(SUB_DISTRICTS) + 1))
            sub_rows.append((sub_uuid, *self.version(), f"{sub_name}街道", f"120101{s:03d}"))
            for c in range(community_count * (s + 1) // sub_count - community_count * s // sub_count):
                community_uuid = self.uuid()
                street = self.streets[street_index % len(self.streets)]
                street_index += 1
                community_name = f"{street}社区" if street_index <= len(self.streets) else f"{street}{street_index // len(self.streets) + 1}社区"
                community_rows.append(
                    (community_uuid, *self.version(), sub_uuid, community_name, f"022-2{rng.randrange(10**6, 10**7)}", f"{street}{rng.randrange(1, 200)}号")
                )
                self.communities.append((community_uuid, community_name, len(self.grids)))
                for g in range(grids_per_community):
                    grid_index = len(self.grids)
                    quota = self.target * (grid_index + 1) // grid_count - self.target * grid_index // grid_count
                    grid_uuid = self.uuid()
                    grid_rows.append((grid_uuid, *self.version(), community_uuid, f"{community_name[:-2]}第{g + 1}网格", "full",
                                      None, "", ""))
                    households = self._fill_grid(grid_uuid, street, quota, building_rows, unit_rows, household_rows, resident_rows, shop_rows)
                    made += len(households)
                    cadres = self._grid_cadres(grid_uuid, len(households), cadre_rows)
                    self.grids.append((grid_uuid, households, cadres))
                    progress.step(made, self.target, "住户与居民")
        self._links_and_work(progress)
        self._micro_grids()
        self._special_grids()

    # -- micro-grids and special grids (issue 22) ------------------------------
    def _volunteer(self) -> tuple[str, str]:
        """A resident volunteer's name and mobile, drawn from issue 22's own generator."""
        rng = self.places_rng
        sex = rng.choice("男女")
        surname = rng.choices(self.surnames, cum_weights=self.surname_weights)[0]
        return surname + rng.choice(self.male_names if sex == "男" else self.female_names), \
            f"1{rng.choice('3578')}{rng.randrange(10)}{rng.randrange(10**8):08d}"

    def _micro_grids(self) -> None:
        """About half the grids are drawn into micro-grids of 10–30 neighbouring households, each with a leader."""
        rng = self.places_rng
        columns, cadre_rows = self.rows.tables["cadre"]
        at = 5 + columns.index("name"), 5 + columns.index("phone")
        cadre_of = {row[0]: (row[at[0]], row[at[1]]) for row in cadre_rows}
        micro_rows = self.rows.declare("micro_grid", ("grid_id", "name", "leader", "leader_phone", "leader_cadre_id", "notes"))
        for grid_uuid, households, cadres in self.grids:
            if len(households) < 10 or rng.random() < 0.5:
                continue
            start, number = 0, 1
            while start < len(households):
                size = rng.randrange(10, 31)
                members = households[start:start + size]
                if len(members) < 10 and micro_rows and number > 1:  # a short tail joins the micro-grid before it
                    self.micro_members += [(self.micro_members[-1][0], household) for household in members]
                    break
                micro_uuid = self.uuid()
                if cadres[1:] and rng.random() < 0.33:  # one of the grid's cadres leads it
                    cadre = rng.choice(cadres[1:])
                    (leader, phone), leader_cadre = cadre_of[cadre], cadre
                else:
                    (leader, phone), leader_cadre = self._volunteer(), None
                micro_rows.append((micro_uuid, *self.version(), grid_uuid, f"第{number}微网格", leader, phone, leader_cadre, ""))
                self.micro_members += [(micro_uuid, household) for household in members]
                start += size
                number += 1

    SPECIAL_GRIDS = (
        ("school", "实验学校", ("校园文具店", "学生餐厅", "校服加工厂", "书店")),
        ("hospital", "人民医院", ("大药房", "医疗器械店", "便民餐厅", "鲜花店")),
        ("park", "科技园", ("软件公司", "物流公司", "食品厂", "印刷厂", "电子厂")),
        ("market", "商业街", ("服装店", "火锅店", "超市", "茶叶店", "手机店")),
    )

    def _special_grids(self) -> None:
        """One special grid per community, with its leader, 3–5 shops or enterprises, and cadres' visits to them."""
        rng = self.places_rng
        visit_rows = self.rows.tables["visit"][1]
        visitor_rows = self.rows.tables["visit_visitor"][1]
        for index, (community_uuid, community_name, first_grid) in enumerate(self.communities):
            kind, place, businesses = self.SPECIAL_GRIDS[index % len(self.SPECIAL_GRIDS)]
            grid_uuid = self.uuid()
            leader, phone = self._volunteer()
            number = self._grids_per_community + 1  # numbered after the community's full grids
            self.grid_rows.append((grid_uuid, *self.version(), community_uuid,
                                   f"{community_name[:-2]}第{number}网格（{place}专属网格）", "special", kind, leader, phone))
            party = self.grids[first_grid][2][1:] or self.grids[first_grid][2] if first_grid < len(self.grids) else []
            for business in rng.sample(businesses, rng.randrange(3, min(5, len(businesses)) + 1)):
                shop_uuid = self.uuid()
                owner, owner_phone = self._volunteer()
                self.shop_rows.append((shop_uuid, *self.version(), grid_uuid, None, f"{community_name[:2]}{business}",
                                       f"{community_name[:-2]}{place}", business, owner, owner_phone, ""))
                for _ in range(rng.choices((0, 1, 2), (30, 50, 20))[0] if party else 0):
                    visit_uuid, cadre = self.uuid(), rng.choice(party)
                    visited_on = self.today - dt.timedelta(days=rng.randrange(0, 181))
                    visit_rows.append((visit_uuid, *self.version(), None, visited_on.isoformat(), "经营者", "policy", "企业走访",
                                       cadre, shop_uuid))
                    visitor_rows.append((derived_uuid("visit_visitor", visit_uuid, cadre), *self.version(), visit_uuid, cadre))

    def _fill_grid(self, grid_uuid, street, quota, building_rows, unit_rows, household_rows, resident_rows, shop_rows) -> list[str]:
        rng = self.rng
        households: list[str] = []
        number = self.next_building_number.get(street) or rng.randrange(1, 30)
        grid_has_shop = False
        while len(households) < quota:
            building_uuid = self.uuid()
            floors = rng.choice((3, 5, 6, 6, 7))
            unit_count = rng.choice((1, 2, 2, 3))
            per_floor = 2
            bungalow = rng.random() < 0.05
            name = f"{number}号" if bungalow else f"{number}号楼"
            address = f"{street}{number}号"
            building_rows.append((building_uuid, *self.version(), grid_uuid, name, address, "bungalow" if bungalow else "residential", 1 if bungalow else floors))
            for u in range(1 if bungalow else unit_count):
                unit_uuid = None
                if not bungalow:
                    unit_uuid = self.uuid()
                    unit_rows.append((unit_uuid, *self.version(), building_uuid, f"{u + 1}单元"))
                for floor in range(1, (1 if bungalow else floors) + 1):
                    for door in range(1, (rng.randrange(4, 9) if bungalow else per_floor) + 1):
                        if len(households) >= quota:
                            break
                        room = f"{door}" if bungalow else f"{floor}0{door}"
                        full = f"{address}{room}" if bungalow else f"{street}{name}{u + 1}单元{room}室"
                        households.append(self._household(grid_uuid, building_uuid, unit_uuid, room, full, household_rows, resident_rows))
            if not bungalow and (not grid_has_shop or rng.random() < 0.35):
                grid_has_shop = True
                owner_sex = rng.choice("男女")
                business = rng.choice(BUSINESSES)
                shop_uuid = self.uuid()
                shop_rows.append(
                    (shop_uuid, *self.version(), grid_uuid, building_uuid, f"{self.name(owner_sex)[0]}记{business}",
                     f"{address}底商", business, self.name(owner_sex), self.mobile(), "")
                )
                self.shops.append((shop_uuid, grid_uuid))
            number += rng.randrange(1, 4)
        self.next_building_number[street] = number  # grids of one street never repeat an address
        return households

    def _household(self, grid_uuid, building_uuid, unit_uuid, room, address, household_rows, resident_rows) -> str:
        rng = self.rng
        household_uuid = self.uuid()
        size = rng.choices((1, 2, 3, 4, 5, 6), (14, 30, 27, 16, 8, 5))[0]
        head_sex = rng.choice("男女")
        head_age_low, head_age_high = (65, 92) if size == 1 and rng.random() < 0.6 else (28, 80)
        head_birth = self.birth(head_age_low, head_age_high)
        surname = rng.choices(self.surnames, cum_weights=self.surname_weights)[0]
        members = [("户主", head_sex, head_birth, surname)]
        if size >= 2:
            spouse_sex = "女" if head_sex == "男" else "男"
            members.append(("配偶", spouse_sex, head_birth + dt.timedelta(days=rng.randrange(-1500, 1500)), None))
        for _ in range(size - len(members)):
            if rng.random() < 0.8:
                child_birth = head_birth + dt.timedelta(days=rng.randrange(20 * 365, 38 * 365))
                relation = "子女" if child_birth < self.today else "孙子女"
                if child_birth >= self.today:
                    child_birth = self.today - dt.timedelta(days=rng.randrange(200, 3000))
                members.append((relation, rng.choice("男女"), child_birth, surname))
            else:
                members.append(("父母", rng.choice("男女"), head_birth - dt.timedelta(days=rng.randrange(20 * 365, 35 * 365)), None))
        head_age = (self.today - head_birth).days // 365
        tags = []
        if size == 1 and head_age >= 65:
            tags.append("独居老人")
        if rng.random() < 0.02:
            tags.append("低保")
        if rng.random() < 0.02:
            tags.append("残疾")
        head_phone = self.mobile()
        household_rows.append(
            (household_uuid, *self.version(), grid_uuid, building_uuid, unit_uuid, room, address, head_phone, " ".join(tags), "")
        )
        for index, (relation, sex, birth, family_name) in enumerate(members):
            resident_tags = " ".join(tags) if index == 0 else ""
            if rng.random() < 0.08:
                resident_tags = (resident_tags + " 党员").strip()
            resident_rows.append(
                (
                    self.uuid(), *self.version(), household_uuid, self.name(sex, family_name), relation, sex,
                    birth.isoformat(), self.id_number(birth, sex),
                    head_phone if index == 0 else (self.mobile() if rng.random() < 0.6 else ""),
                    "汉族" if rng.random() < 0.95 else rng.choice(("回族", "满族", "蒙古族", "朝鲜族")),
                    resident_tags, "",
                )
            )
        return household_uuid

    def _grid_cadres(self, grid_uuid: str, household_count: int, cadre_rows: list[tuple]) -> list[str]:
        """One grid worker per grid and a party cadre for about every 12 households."""
        rng = self.rng
        cadres = []
        for index in range(1 + max(1, round(household_count / 12))):
            sex = rng.choice("男女")
            worker = index == 0
            cadre_uuid = self.uuid()
            cadre_rows.append(
                (
                    cadre_uuid, *self.version(), self.name(sex), "grid_worker" if worker else "cadre",
                    "社区居委会" if worker else rng.choice(WORK_UNITS), "网格员" if worker else rng.choice(POSITIONS),
                    self.mobile(), grid_uuid, "",
                )
            )
            cadres.append(cadre_uuid)
        return cadres

    # -- links, visits, demands ---------------------------------------------
    def _links_and_work(self, progress: Progress) -> None:
        rng = self.rng
        rows = self.rows
        unit_rows = rows.declare("responsible_unit", ("name", "hotline", "contact_person", "contact_phone", "notes"))
        units = []
        for name, hotline in RESPONSIBLE_UNITS:
            unit_uuid = derived_uuid("responsible_unit", name)
            unit_rows.append((unit_uuid, *self.version(), name, hotline, self.name(rng.choice("男女")), self.mobile(), ""))
            units.append(unit_uuid)
        category_rows = rows.declare("demand_category", ("name", "deadline_days", "sort_order", "family"))
        categories = []
        for order, (name, days, descriptions) in enumerate(CATEGORIES):
            category_uuid = derived_uuid("demand_category", name)
            family = "dispute" if name in DISPUTE_CATEGORIES else "general"
            category_rows.append((category_uuid, *self.version(), name, days, order, family))
            categories.append((category_uuid, days, descriptions))
        self.disputes = {derived_uuid("demand_category", name) for name in DISPUTE_CATEGORIES}
        group_rows = rows.declare("demand_group", ("name", "category_id", "notes"))
        lamp_group = self.uuid()
        group_rows.append((lamp_group, *self.version(), "楼道灯集中更换", categories[1][0], "一类事：统一排查更换楼道灯"))
        self.roof_group = self.uuid()
        group_rows.append((self.roof_group, *self.version(), "屋顶防水修补", categories[0][0], "一类事：多栋楼屋顶统一修补"))

        assignment_rows = rows.declare("assignment", ("cadre_id", "household_id", "since", "notes"))
        visit_rows = rows.declare(
            "visit", ("household_id", "visited_on", "talked_to", "topics", "notes", "recorded_by_id", "shop_id"))
        visitor_rows = rows.declare("visit_visitor", ("visit_id", "cadre_id"))
        demand_rows = rows.declare(
            "demand",
            ("household_id", "visit_id", "kind", "category_id", "group_id", "description", "raised_by", "recorded_by_id",
             "urgency", "state", "reject_reason", "raised_on", "accepted_on", "deadline", "closed_on", "solved_on_spot",
             "shop_id", "source", "outcome", "outcome_reason", "mediation"),
        )
        dispatch_rows = rows.declare("dispatch", ("demand_id", "unit_id", "contact_person", "contact_phone", "dispatched_on", "notes"))
        note_rows = rows.declare("progress_note", ("demand_id", "noted_on", "text", "author"))
        return_rows = rows.declare("return_visit", ("demand_id", "visited_on", "method", "satisfaction", "notes", "by"))

        done = 0
        for grid_uuid, households, cadres in self.grids:
            party = cadres[1:] or cadres
            for household_uuid in households:
                done += 1
                if rng.random() >= 0.95:
                    continue  # not linked yet: "不漏一户" has work left to find
                linked = [rng.choice(party)]
                if rng.random() < 0.15:
                    linked.append(cadres[0])
                since = self.days_ago(365)
                for cadre_uuid in linked:
                    assignment_rows.append(
                        (derived_uuid("assignment", cadre_uuid, household_uuid), *self.version(), cadre_uuid, household_uuid, since.isoformat(), "")
                    )
                for _ in range(rng.choices((0, 1, 2, 3), (15, 50, 28, 7))[0]):
                    visit_uuid = self.uuid()
                    visited_on = self.days_ago(180)
                    visit_rows.append(
                        (visit_uuid, *self.version(), household_uuid, visited_on.isoformat(), rng.choice(TALKED_TO),
                         rng.choice(TOPIC_CHOICES), "", linked[0], None)
                    )
                    for cadre_uuid in linked:
                        visitor_rows.append((derived_uuid("visit_visitor", visit_uuid, cadre_uuid), *self.version(), visit_uuid, cadre_uuid))
                    if rng.random() < 0.2:
                        self._demand(household_uuid, visit_uuid, visited_on, linked[0], categories, units, lamp_group,
                                     demand_rows, dispatch_rows, note_rows, return_rows)
            progress.step(done, self.target, "联户、走访与诉求")
        work = (categories, units, lamp_group, demand_rows, dispatch_rows, note_rows, return_rows)
        self._demands_from_elsewhere(work)
        self._shop_visits(visit_rows, visitor_rows, work)

    def _demands_from_elsewhere(self, work) -> None:
        """Per grid, a few demands that no visit brought: grid workers' reports, 12345, the office, other."""
        extra = self.extra
        for index, (_grid_uuid, households, cadres) in enumerate(self.grids):
            if not households:
                continue
            for source, most in OTHER_SOURCES:
                for _ in range(extra.randrange(0 if index else 1, most + 1)):  # every source in the first grid
                    recorder = cadres[0] if source == "grid_report" else None  # the grid's grid worker
                    self._demand(extra.choice(households), None, self.days_ago_extra(180), recorder, *work, source=source)

    def _shop_visits(self, visit_rows, visitor_rows, work) -> None:
        """Cadres visit most shops (企业走访); some visits bring a problem, and some shops call 12345."""
        extra = self.extra
        cadres_of_grid = {grid_uuid: cadres for grid_uuid, _households, cadres in self.grids}
        for index, (shop_uuid, grid_uuid) in enumerate(self.shops):
            cadres = cadres_of_grid[grid_uuid]
            party = cadres[1:] or cadres
            for visit in range(extra.choices((0, 1, 2), (35, 45, 20))[0] or int(index == 0)):
                visit_uuid = self.uuid()
                visited_on = self.days_ago_extra(180)
                cadre = extra.choice(party)
                visit_rows.append((visit_uuid, *self.version(), None, visited_on.isoformat(), "经营者", "policy", "", cadre,
                                   shop_uuid))
                visitor_rows.append((derived_uuid("visit_visitor", visit_uuid, cadre), *self.version(), visit_uuid, cadre))
                if extra.random() < 0.3 or index == visit == 0:  # the first shop's first visit brings a problem
                    self._demand(None, visit_uuid, visited_on, cadre, *work, source="enterprise_visit", shop_uuid=shop_uuid)
            if extra.random() < 0.1:
                self._demand(None, None, self.days_ago_extra(180), None, *work, source="hotline", shop_uuid=shop_uuid)

    def days_ago_extra(self, most: int) -> dt.date:
        return self.today - dt.timedelta(days=self.extra.randrange(0, most + 1))

    def _demand(self, household_uuid, visit_uuid, raised_on, recorder, categories, units, lamp_group,
                demand_rows, dispatch_rows, note_rows, return_rows, *, source="visit", shop_uuid=None) -> None:
        rng = self.rng
        extra = self.extra
        category_uuid, deadline_days, descriptions = rng.choice(categories)
        if shop_uuid is not None:
            descriptions = SHOP_PROBLEMS
        kind = "suggestion" if rng.random() < 0.15 else "demand"
        # Old demands are mostly closed; the open ones are mostly recent (some overdue).
        age = (self.today - raised_on).days
        weights = next(w for limit, w in STATE_WEIGHTS_BY_AGE if age <= limit)
        state = rng.choices(("pending", "accepted", "in_progress", "closed", "rejected"), weights)[0]
        spot = state == "closed" and rng.random() < 0.25
        accepted_on = None if state in ("pending", "rejected") else raised_on + dt.timedelta(days=rng.randrange(0, 2))
        if accepted_on is not None:  # accepted the day it was raised or the next, never after today
            accepted_on = raised_on if spot else min(self.today, accepted_on)
        deadline = accepted_on + dt.timedelta(days=deadline_days) if accepted_on else None
        closed_on = None
        if state == "closed":
            closed_on = raised_on if spot else min(self.today, accepted_on + dt.timedelta(days=rng.randrange(1, deadline_days + 4)))
        return_visit = None
        if state == "closed" and rng.random() < 0.85:
            satisfaction = rng.choices([s for s, _ in SATISFACTION], [w for _, w in SATISFACTION])[0]
            called_on = min(self.today, closed_on + dt.timedelta(days=rng.randrange(1, 5)))
            return_visit = (called_on, satisfaction)
            if satisfaction == "dissatisfied":  # 不满意 means not done: reopened with a new deadline
                state, closed_on, spot = "in_progress", None, False
                accepted_on = accepted_on or raised_on
                deadline = called_on + dt.timedelta(days=deadline_days)
        demand_uuid = self.uuid()
        description = rng.choice(descriptions)
        group = lamp_group if "楼道灯" in description and rng.random() < 0.5 else None
        if "屋顶漏水" in description and extra.random() < 0.6:
            group = self.roof_group
        outcome, reason, mediation = self._closing(state, spot, category_uuid)
        demand_rows.append(
            (demand_uuid, *self.version(), household_uuid, visit_uuid, kind, category_uuid, group, description,
             "经营者" if shop_uuid else "户主", recorder,
             rng.choices((0, 1, 2), (80, 17, 3))[0], state, "不属于受理范围，已解释说明" if state == "rejected" else "",
             raised_on.isoformat(), accepted_on and accepted_on.isoformat(), deadline and deadline.isoformat(),
             closed_on and closed_on.isoformat(), int(spot), shop_uuid, source, outcome, reason, mediation)
        )
        if accepted_on and not spot:
            for unit_uuid in rng.sample(units, rng.choices((1, 2, 3), (70, 22, 8))[0]):
                dispatch_rows.append(
                    (self.uuid(), *self.version(), demand_uuid, unit_uuid, self.name(rng.choice("男女")), self.mobile(), accepted_on.isoformat(), "")
                )
            for step in range(rng.randrange(1, 3)):
                noted = min(self.today, accepted_on + dt.timedelta(days=step + 1))
                note_rows.append((self.uuid(), *self.version(), demand_uuid, noted.isoformat(), rng.choice(("已派单，责任单位已到现场查看", "已安排维修", "材料已到位，正在施工")), ""))
        if return_visit:
            called_on, satisfaction = return_visit
            return_rows.append(
                (self.uuid(), *self.version(), demand_uuid, called_on.isoformat(), rng.choice(("phone", "in_person")), satisfaction, "", "")
            )
            if satisfaction == "dissatisfied":
                note_rows.append((self.uuid(), *self.version(), demand_uuid, called_on.isoformat(), "回访不满意，重新办理", ""))

    def _closing(self, state: str, spot: bool, category_uuid: str) -> tuple[str | None, str, str | None]:
        """(outcome, its reason, mediation) of a demand in `state`: none unless it is closed."""
        if state != "closed":
            return None, "", None
        extra, unseen = self.extra, self.unseen
        if spot:
            outcome = "solved"
        else:
            outcome = unseen["outcome"].pop() if unseen["outcome"] else extra.choices(*zip(*OUTCOMES))[0]
        reason = extra.choice(UNSOLVABLE_REASONS) if outcome == "unsolvable" else ""
        mediation = None
        if category_uuid in self.disputes:
            mediation = unseen["mediation"].pop() if unseen["mediation"] else extra.choices(*zip(*MEDIATIONS))[0]
        return outcome, reason, mediation

    # -- writing -------------------------------------------------------------
    def write(self, progress: Progress) -> dict[str, int]:
        connection = database.connection()
        total = sum(len(rows) for _, rows in self.rows.tables.values())
        written = 0
        counts = {}
        with database.atomic("IMMEDIATE"), indexing_myself():
            for table, (columns, rows) in self.rows.tables.items():
                all_columns = ("uuid", "hlc", "device", "vv", "deleted", *columns)
                sql = f'INSERT INTO "{table}" ({", ".join(all_columns)}) VALUES ({", ".join("?" * len(all_columns))})'
                for start in range(0, len(rows), 20_000):
                    chunk = rows[start:start + 20_000]
                    connection.executemany(sql, chunk)
                    written += len(chunk)
                    progress.step(written, total, "写入数据库")
                counts[table] = len(rows)
            connection.executemany('UPDATE "household" SET "micro_grid_id" = ? WHERE "uuid" = ?', self.micro_members)
            self._index_for_search()
            current_installation().save_clock()
        return counts


    def _index_for_search(self) -> None:
        """Index the new residents and households straight from memory (no re-read, no queue)."""
        indexer = BulkIndexer()
        for table, fields, add in (
            ("resident", ("name", "phone", "id_number"), indexer.add_residents),
            ("household", ("address", "phone"), indexer.add_households),
        ):
            columns, rows = self.rows.tables[table]
            positions = [0] + [5 + columns.index(field) for field in fields]  # 0 is the uuid
            for start in range(0, len(rows), 20_000):
                add([tuple(row[p] for p in positions) for row in rows[start:start + 20_000]])
        indexer.finish()


def generate_demo(households: int, seed: int = 1, progress: Progress | None = None, today: dt.date | None = None) -> DemoSummary:
    """Fill the open database with a demo district of about `households` households.

    Everything is written in one transaction: cancelling (through `progress`)
    leaves the database as it was.
    """
    if households < 1:
        raise ValueError("households must be at least 1")
    progress = progress or Progress()
    generator = DemoGenerator(households, seed, today or dt.date.today())
    generator.build(progress)
    return DemoSummary(generator.write(progress))


def is_empty() -> bool:
    """True when the database holds no households yet (offer demo data or an empty start)."""
    return database.execute_sql("SELECT NOT EXISTS (SELECT 1 FROM household)").fetchone()[0] == 1
