"""Demo data: a realistic Shanghai agency to try the program with, or to measure it against.

Everything is made up but looks real: common surnames weighted as they occur (with a few
compound and polyphonic ones), given names that fit the person's generation, forms of
address that fit their age, valid mobile numbers from real prefixes, Shanghai landlines,
street addresses per district, household notes, referrals and a visit history.

The same seed and clock give the same customers, workers and visits (only password hashes differ:
each gets a fresh salt). Rows are written with ``executemany`` in one transaction, so
100,000 customers take seconds, not minutes.
"""

from __future__ import annotations

import json
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any

from ..domain.clock import Clock
from ..domain.customers import ContactChannel, CustomerType, form_of_address
from ..domain.errors import DomainError
from ..domain.phones import phone_digits
from ..domain.search_keys import name_sort_key, pinyin_keys
from ..domain.staff import Role, hash_password
from ..domain.workers import SERVICE_TYPES, SKILLS
from ..storage.fields import to_db_time
from ..storage.models import AuditLog, Customer, Setting, Staff, db

DEMO_PASSWORD = "demo1234"
BATCH = 5000
PROGRESS_EVERY = 1000  # often enough for a progress dialog to stay lively
DAY = 86400

DEMO_STAFF = (
    ("李美华", Role.OWNER),
    ("陈志强", Role.REGIONAL_MANAGER),
    ("周晓燕", Role.CUSTOMER_SERVICE),
    ("王丽娟", Role.CUSTOMER_SERVICE),
)
DEMO_AGENCY = {
    "name": "上海安心到家家政服务有限公司",
    "address": "上海市徐汇区漕溪北路398号汇智大厦1205室",
    "phone": "021-64381275",
}


class _Weighted:
    """A weighted choice that is fast when drawn from many times."""

    def __init__(self, items: Sequence[tuple[Any, float]]) -> None:
        self.values = [v for v, _ in items]
        self.cum = list(accumulate(w for _, w in items))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cum, rng.random() * self.total)]


def _split(text: str) -> list[str]:
    return text.split()


# Surnames with rough weights (per mille of the population); Shanghai favourites (沈 陆 顾 钱) a
# little higher. 曾 单 解 查 区 are read differently as surnames; 欧阳 司马 上官 诸葛 are compound.
_SURNAMES = _Weighted(
    [
        (s, float(w))
        for s, w in (
            ("王", 72), ("李", 70), ("张", 68), ("刘", 53), ("陈", 50), ("杨", 31), ("黄", 25), ("赵", 23),
            ("吴", 22), ("周", 22), ("徐", 20), ("孙", 16), ("马", 15), ("朱", 15), ("胡", 14), ("郭", 13),
            ("何", 12), ("高", 12), ("林", 12), ("罗", 11), ("郑", 11), ("梁", 10), ("谢", 9), ("宋", 9),
            ("唐", 8), ("许", 8), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6),
            ("肖", 6), ("田", 5), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
            ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
            ("任", 4), ("沈", 6), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3),
            ("陆", 5), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
            ("韦", 2), ("方", 3), ("白", 2), ("邹", 2), ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2),
            ("江", 2), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2),
            ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 4), ("毛", 2), ("郝", 1), ("龚", 2), ("邵", 2),
            ("万", 1), ("钱", 3), ("严", 2), ("覃", 1), ("武", 1), ("戴", 2), ("莫", 1), ("孔", 1),
            ("汤", 2), ("单", 1), ("解", 0.5), ("查", 0.5), ("翟", 0.5), ("缪", 0.5), ("乐", 0.5),
            ("欧阳", 0.6), ("司马", 0.2), ("上官", 0.2), ("诸葛", 0.1),
        )
    ]
)  # fmt: skip

# Given names by generation; two-character ones first, then single characters.
_GIVEN = {
    ("m", "old"): (
        _split(
            "建国 建华 国强 志明 德明 永福 振华 国庆 卫东 建军 福生 根宝 金龙 海生 伟民 志刚 国平 宝根 长林 "
            "建平 文华 家骏 荣根 阿毛 兴华 德胜 树林 富贵 国良 惠民 松林 仁杰 炳坤 耀祖"
        ),
        _split("明 强 军 华 平 林 忠 福 荣 根"),
    ),
    ("f", "old"): (
        _split(
            "秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 秀珍 美华 丽华 建英 玉珍 凤兰 月娥 彩霞 素芬 菊英 美娟 "
            "金娣 杏娣 雅琴 佩芬 月英 爱华 宝珍 慧珍 惠芳 丽珠 瑞英 翠萍"
        ),
        _split("英 兰 珍 芳 萍 霞 娟 琴"),
    ),
    ("m", "mid"): (
        _split(
            "志强 建华 晓东 海涛 俊杰 志伟 文斌 明辉 志勇 晓峰 立新 振宇 国华 春雷 建明 永强 晓明 "
            "俊 卫国 剑锋 海峰 学军 红军 立峰 旭东 建伟 宏伟 东升 晓光 国栋 云龙 鸿飞 嘉明 伟杰"
        ),
        _split("伟 磊 勇 军 杰 涛 斌 强 鹏 超 刚 辉 浩 亮 峰 波 健 彬 毅 斐"),
    ),
    ("f", "mid"): (
        _split(
            "丽娟 晓燕 秀梅 海燕 雪梅 丽华 红梅 慧敏 丽萍 春燕 美玲 晓红 静怡 婷婷 丽君 晓丽 燕萍 "
            "海霞 红霞 雅婷 佳敏 文静 晓雯 琳琳 莉莉 颖 丹丹 晓霞 雪芳 美华 蓓蕾 佩佩 玲玲 晓洁"
        ),
        _split("芳 娜 敏 静 丽 艳 燕 玲 婷 霞 颖 洁 琳 倩 蕾 雯 菁 瑾"),
    ),
    ("m", "young"): (
        _split(
            "浩然 子轩 宇航 俊熙 一鸣 天宇 思远 嘉伟 博文 皓轩 梓豪 宇轩 子豪 昊天 晨阳 俊杰 志豪 "
            "家豪 逸飞 嘉诚 奕辰 睿哲 泽宇 文轩 煜城 弘毅 承泽 景行"
        ),
        _split("昊 翔 哲 宇 晨 凯 炜 旭 骁 鑫"),
    ),
    ("f", "young"): (
        _split(
            "欣怡 诗涵 梓萱 雨桐 佳怡 思琪 梦瑶 可馨 紫涵 子涵 语嫣 若曦 心怡 一诺 梓涵 雨欣 佳琪 "
            "思雨 欣然 梦洁 晓彤 诗琪 婉清 静雯 依依 安琪 雅雯 瑞雪"
        ),
        _split("悦 萱 彤 琪 瑶 妍 璐 媛 晴 睿"),
    ),
}

# (kind of customer, weight); the generation each type usually belongs to follows.
_TYPES = _Weighted(
    [
        (CustomerType.OFFICE_WORKER.value, 35),
        (CustomerType.FAMILY_WITH_CHILDREN.value, 22),
        (CustomerType.ELDERLY.value, 19),
        (CustomerType.NEW_PARENTS.value, 10),
        (CustomerType.OTHER.value, 12),
        (CustomerType.BUSINESS.value, 2),
    ]
)
_GENERATION = {
    CustomerType.OFFICE_WORKER.value: _Weighted([("young", 45), ("mid", 55)]),
    CustomerType.FAMILY_WITH_CHILDREN.value: _Weighted([("young", 25), ("mid", 75)]),
    CustomerType.ELDERLY.value: _Weighted([("old", 100)]),
    CustomerType.NEW_PARENTS.value: _Weighted([("young", 70), ("mid", 30)]),
    CustomerType.OTHER.value: _Weighted([("young", 25), ("mid", 55), ("old", 20)]),
    CustomerType.BUSINESS.value: _Weighted([("mid", 100)]),
}
_HONORIFICS = {
    ("m", "old"): _Weighted([("叔叔", 50), ("先生", 40), ("老师", 10)]),
    ("f", "old"): _Weighted([("阿姨", 60), ("女士", 30), ("老师", 10)]),
    ("m", "mid"): _Weighted([("先生", 93), ("老师", 6), ("", 1)]),
    ("f", "mid"): _Weighted([("女士", 86), ("老师", 7), ("小姐", 4), ("", 3)]),
    ("m", "young"): _Weighted([("先生", 96), ("老师", 2), ("", 2)]),
    ("f", "young"): _Weighted([("女士", 70), ("小姐", 22), ("老师", 3), ("", 5)]),
}
_PHONE, _SMS, _WECHAT = ContactChannel.PHONE.value, ContactChannel.SMS.value, ContactChannel.WECHAT.value
_CHANNELS = {
    CustomerType.OFFICE_WORKER.value: _Weighted([(_WECHAT, 65), (_SMS, 35)]),
    CustomerType.FAMILY_WITH_CHILDREN.value: _Weighted([(_WECHAT, 55), (_PHONE, 30), (_SMS, 15)]),
    CustomerType.ELDERLY.value: _Weighted([(_PHONE, 100)]),
    CustomerType.NEW_PARENTS.value: _Weighted([(_WECHAT, 75), (_SMS, 15), (_PHONE, 10)]),
    CustomerType.OTHER.value: _Weighted([(_PHONE, 40), (_WECHAT, 40), (_SMS, 20)]),
    CustomerType.BUSINESS.value: _Weighted([(_PHONE, 70), (_WECHAT, 30)]),
}
_WINDOWS = {
    CustomerType.OFFICE_WORKER.value: _Weighted(
        [(("18:30", "21:00"), 30), (("12:00", "13:30"), 20), (("19:00", "21:30"), 20),
         (("09:00", "20:00"), 20), (("08:00", "09:00"), 10)]
    ),
    CustomerType.ELDERLY.value: _Weighted(
        [(("09:00", "11:00"), 35), (("08:30", "17:00"), 30), (("14:30", "17:00"), 20), (("09:00", "20:00"), 15)]
    ),
    CustomerType.BUSINESS.value: _Weighted([(("09:00", "17:30"), 70), (("10:00", "16:00"), 30)]),
    "": _Weighted(
        [(("09:00", "20:00"), 45), (("09:30", "11:30"), 15), (("14:00", "17:00"), 15),
         (("19:00", "21:00"), 15), (("10:00", "18:00"), 10)]
    ),
}  # fmt: skip

# District (weight by population) and some of its real roads.
_DISTRICTS = _Weighted(
    [
        (
            (
                "浦东新区",
                _split("张杨路 世纪大道 东方路 浦东南路 锦绣路 川沙路 杨高南路 金桥路 成山路 高科西路"),
            ),
            22,
        ),
        (("闵行区", _split("莘松路 七莘路 都市路 虹井路 沪闵路 古美路 莲花南路 银都路")), 11),
        (("宝山区", _split("牡丹江路 友谊路 淞滨路 泰和路 通河路 共和新路")), 8),
        (("徐汇区", _split("漕溪北路 天钥桥路 肇嘉浜路 宜山路 龙华西路 田林路 桂林路 康健路")), 7),
        (("松江区", _split("人民北路 中山中路 文诚路 广富林路 荣乐东路")), 7),
        (("嘉定区", _split("城中路 博乐路 墨玉路 清河路 塔城路")), 7),
        (("杨浦区", _split("国权路 控江路 黄兴路 淞沪路 长阳路 政通路")), 5),
        (("普陀区", _split("真北路 曹杨路 长寿路 武宁路 金沙江路")), 5),
        (("静安区", _split("南京西路 延平路 共和新路 大宁路 江宁路 广中路")), 4),
        (("青浦区", _split("城中北路 公园路 盈港东路 华新路")), 5),
        (("奉贤区", _split("解放东路 南桥路 金海公路 环城东路")), 4),
        (("长宁区", _split("天山路 仙霞路 延安西路 古北路 虹桥路 娄山关路")), 3),
        (("虹口区", _split("四川北路 曲阳路 东江湾路 大连西路 水电路")), 3),
        (("黄浦区", _split("瑞金二路 复兴中路 西藏南路 陆家浜路 制造局路")), 3),
        (("金山区", _split("卫零路 龙航路 蒙山路 石化一村路")), 3),
        (("崇明区", _split("八一路 城桥镇人民路 东门路")), 2),
    ]
)

_NOTES_ANY = _Weighted(
    [
        ("家里有珍藏青花瓷，擦拭需小心", 4), ("养了两只猫，请随手关门", 5), ("养了一只金毛，上门前请先打电话", 4),
        ("地板是实木的，不能用湿拖把", 5), ("对香味敏感，请用无香型清洁剂", 3), ("书房的文件不要动", 3),
        ("门禁密码每月换，上门前电话确认", 3), ("小区停车需提前登记车牌", 2), ("厨房油烟重，重点清洁抽油烟机", 4),
        ("只要固定的阿姨上门", 4), ("家里有鱼缸，不要往里喷清洁剂", 2), ("钢琴请用干布擦，不要挪动", 2),
        ("阳台花草较多，浇水需适量", 2), ("客户有洁癖，抹布分区使用", 3), ("家里有监控，阿姨知晓即可", 1),
        ("进门请穿鞋套", 4), ("垃圾需按上海分类投放", 3), ("邻居投诉过噪音，吸尘请避开午休", 1),
    ]
)  # fmt: skip
_NOTES_BY_TYPE = {
    CustomerType.ELDERLY.value: _Weighted(
        [("老人行动不便，开门较慢，请多等一会儿", 5), ("老人耳背，说话请大声些", 4), ("独居老人，子女在外地，有事联系女儿", 4),
         ("老人有高血压，家里药品不要挪动", 3), ("老人12:00-14:00午睡，请勿按门铃", 3), ("老人不会用微信，只接电话", 3)]
    ),
    CustomerType.FAMILY_WITH_CHILDREN.value: _Weighted(
        [("孩子{age}岁，清洁剂放高处", 5), ("孩子对尘螨过敏，床品需除螨", 3), ("孩子午睡时请轻声", 3),
         ("家里有两个孩子，玩具收纳到儿童房", 2), ("孩子{age}岁，插座都装了保护盖，请勿取下", 2)]
    ),
    CustomerType.NEW_PARENTS.value: _Weighted(
        [("宝宝刚满月，进门请先洗手", 5), ("宝宝奶瓶需单独消毒", 3), ("产妇剖宫产，需要月嫂有护理经验", 3),
         ("宝宝睡觉时不要用吸尘器", 3)]
    ),
    CustomerType.BUSINESS.value: _Weighted(
        [("办公室周六打扫，前台放钥匙", 4), ("开票抬头见合同", 3), ("会议室地毯每季度深度清洁", 2)]
    ),
}  # fmt: skip

_BUSINESS_PARTS = (
    _split("恒信 华安 瑞丰 嘉禾 新润 宏达 锦程 启明 明德 博雅 星辰 汇智 鼎盛 安和 康宁"),
    _split("贸易公司 科技公司 律师事务所 设计工作室 口腔诊所 幼儿园 物业管理处 会计师事务所 培训中心 咖啡馆"),
)

# Real Chinese mobile prefixes (all accepted by phonenumbers' metadata with any eight digits after).
MOBILE_PREFIXES = _split(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 176 177 180 181 182 183 185 186 187 188 189 191 195 198 199"
)
_LANDLINE_FIRST = "2356"  # Shanghai numbers are eight digits and start with 2, 3, 5 or 6

# Service type: (price range in fen, rounded to) — one visit, or one month for 月嫂/育儿嫂.
_PRICES = {
    "日常保洁": (8000, 20000, 100),
    "深度保洁": (30000, 120000, 1000),
    "钟点工": (4000, 15000, 100),
    "育儿嫂": (700000, 1200000, 10000),
    "月嫂": (1200000, 2600000, 10000),
    "老人陪护": (15000, 40000, 1000),
    "家电清洗": (8000, 30000, 1000),
    "家居维修": (5000, 50000, 500),
}
_SERVICES_BY_TYPE = {
    CustomerType.OFFICE_WORKER.value: _Weighted(
        [("日常保洁", 40), ("钟点工", 30), ("深度保洁", 14), ("家电清洗", 10), ("家居维修", 6)]
    ),
    CustomerType.FAMILY_WITH_CHILDREN.value: _Weighted(
        [("日常保洁", 35), ("育儿嫂", 15), ("钟点工", 20), ("深度保洁", 14), ("家电清洗", 10), ("家居维修", 6)]
    ),
    CustomerType.ELDERLY.value: _Weighted(
        [("老人陪护", 35), ("日常保洁", 35), ("钟点工", 14), ("家居维修", 10), ("家电清洗", 6)]
    ),
    CustomerType.NEW_PARENTS.value: _Weighted(
        [("月嫂", 35), ("育儿嫂", 25), ("日常保洁", 25), ("深度保洁", 10), ("家电清洗", 5)]
    ),
    CustomerType.OTHER.value: _Weighted(
        [("日常保洁", 35), ("钟点工", 25), ("深度保洁", 15), ("家电清洗", 13), ("家居维修", 12)]
    ),
    CustomerType.BUSINESS.value: _Weighted([("日常保洁", 50), ("深度保洁", 30), ("家电清洗", 20)]),
}  # fmt: skip
_RECORD_NOTES = {
    "家电清洗": _split("清洗挂机空调2台 清洗柜机空调1台 油烟机拆洗 洗衣机除垢 冰箱除味清洁 热水器清洗"),
    "家居维修": _split("更换水龙头 疏通下水道 马桶水箱维修 更换灯具 门锁维修 墙面补漆 水管接头漏水维修"),
    "深度保洁": _split("新房开荒 年底大扫除 搬家前清洁 厨房卫生间深度清洁"),
}
# Who enters the visits (index into DEMO_STAFF): mostly the front desk.
_STAFF_PICK = (0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3)


def _age_note(note: str, rng: random.Random) -> str:
    return note.replace("{age}", str(rng.randint(1, 9))) if "{age}" in note else note


class _Generator:
    def __init__(self, clock: Clock, seed: int) -> None:
        self.rng = random.Random(seed)
        now = clock.now()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("the clock must give timezone-aware times")
        self.now = now
        self.tz = now.tzinfo
        self.now_ts = int(now.timestamp())
        offset = now.utcoffset()
        assert offset is not None
        self.offset = int(offset.total_seconds())
        self.used_phones: set[str] = set()
        self.keys: dict[tuple[str, str], tuple[str, str]] = {}
        self.able: dict[str, list[int]] = {t: [] for t in SERVICE_TYPES}
        self.able_now: dict[str, list[int]] = {t: [] for t in SERVICE_TYPES}
        self.left: dict[int, int] = {}

    # -- times ---------------------------------------------------------------------------------

    def db_time(self, ts: int) -> str:
        return to_db_time(datetime.fromtimestamp(ts, UTC))

    def between(self, lo: int, hi: int) -> int:
        """A whole number from ``lo`` to ``hi`` inclusive (like ``randint``, three times faster)."""
        return lo + int(self.rng.random() * (hi - lo + 1))

    def day_start(self, ts: int) -> int:
        """Local midnight of the day ``ts`` falls on."""
        return ts - (ts + self.offset) % DAY

    def office_time(self, lo: int, hi: int) -> int:
        """A moment between ``lo`` and ``hi`` in office hours (8:00-19:00 local) when there is one."""
        ts = self.between(lo, hi)
        slot = self.day_start(ts) + self.between(8 * 60, 19 * 60) * 60
        return slot if lo <= slot <= hi else ts

    # -- people --------------------------------------------------------------------------------

    def person_name(self, sex: str, generation: str) -> str:
        rng = self.rng
        two, one = _GIVEN[(sex, generation)]
        single_share = 0.12 if generation == "young" else 0.3
        given = rng.choice(one) if rng.random() < single_share else rng.choice(two)
        return str(_SURNAMES.pick(rng)) + given

    def mobile(self) -> str:
        rng = self.rng
        while True:
            phone = rng.choice(MOBILE_PREFIXES) + f"{self.between(0, 10**8 - 1):08d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def landline(self) -> str:
        rng = self.rng
        while True:
            phone = f"021-{rng.choice(_LANDLINE_FIRST)}{rng.randrange(10**7):07d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def address(self) -> tuple[str, str]:
        rng = self.rng
        district, roads = _DISTRICTS.pick(rng)
        road = rng.choice(roads)
        room = f"{rng.randint(1, 28)}{rng.randint(1, 4):02d}"
        if rng.random() < 0.7:
            place = f"{rng.randint(1, 40) * 10 + rng.randint(0, 9)}弄{rng.randint(1, 60)}号{room}室"
        else:
            place = f"{rng.randint(1, 2500)}号{room}室"
        return district, f"{district}{road}{place}"

    def derived(self, name: str, address_as: str) -> tuple[str, str]:
        key = (name, address_as)
        found = self.keys.get(key)
        if found is None:
            found = (name_sort_key(name), pinyin_keys(name, address_as))
            self.keys[key] = found
        return found

    # -- rows ----------------------------------------------------------------------------------

    def staff(self) -> list[int]:
        password_hash = hash_password(DEMO_PASSWORD)
        since = self.now - timedelta(days=3 * 365 + 60)
        return [
            int(Staff.create(name=name, role=role, password_hash=password_hash, created_at=since).id)
            for name, role in DEMO_STAFF
        ]

    def workers(self, count: int) -> list[tuple[Any, ...]]:
        """Worker rows; fills ``self.able`` (who can do each service) and ``self.left`` (who quit when)."""
        rng = self.rng
        base = int(db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM worker").fetchone()[0])
        rows: list[tuple[Any, ...]] = []
        start = self.now_ts - (3 * 365 + 30) * DAY
        today = self.now.date()
        for i in range(count):
            wid = base + i + 1
            # The first few cover every service type, so every visit finds someone able.
            main = SERVICE_TYPES[i] if i < len(SERVICE_TYPES) else None
            if main is None:
                main = rng.choices(SERVICE_TYPES, weights=(30, 8, 25, 10, 8, 8, 5, 6))[0]
            repairs = main in ("家电清洗", "家居维修")
            skills = {main}
            if repairs:
                skills.update(s for s in ("家电清洗", "家居维修", "深度保洁") if rng.random() < 0.4)
                name = self.person_name("m", rng.choice(("mid", "old")))
            else:
                extras = ("日常保洁", "钟点工", "深度保洁", "做饭", "老人陪护")
                skills.update(s for s in extras if rng.random() < 0.35)
                if main == "月嫂":
                    skills.add("育儿嫂")
                name = self.person_name("f", rng.choice(("mid", "mid", "old")))
            # Everyone was on the books before the first demo customer, so no visit predates its worker.
            created = start - rng.randint(0, 400) * DAY
            checked = datetime.fromtimestamp(rng.randint(created, self.now_ts - DAY), self.tz).date()
            checked = min(checked, today)
            notes = ""
            if main == "月嫂":
                notes = rng.choice(("持高级母婴护理师证", "参加过母婴护理培训并结业", "有12年月嫂经验"))
            elif main == "育儿嫂":
                notes = rng.choice(("持育婴师证", "参加过婴幼儿急救培训", ""))
            elif repairs:
                notes = rng.choice(("持电工证", "持低压电工作业证", ""))
            elif rng.random() < 0.3:
                notes = rng.choice(("完成岗前保洁培训", "参加过收纳整理培训", "参加过消毒防疫培训"))
            active = i < len(SERVICE_TYPES) or rng.random() >= 0.15
            if not active:
                self.left[wid] = rng.randint(start + 180 * DAY, self.now_ts - 30 * DAY)
            phone = self.mobile()
            rows.append(
                (wid, name, phone, "、".join(s for s in SKILLS if s in skills), checked.isoformat(), notes,
                 int(active), self.db_time(created))
            )  # fmt: skip
            for service in SERVICE_TYPES:
                if service in skills:
                    self.able[service].append(wid)
                    if active:
                        self.able_now[service].append(wid)
        return rows

    def customer(self, cid: int, created: int, staff_ids: list[int]) -> tuple[
        tuple[Any, ...], list[tuple[Any, ...]]
    ]:  # fmt: skip
        """One customer row and the rows of their visits."""
        rng = self.rng
        ctype = str(_TYPES.pick(rng))
        if ctype == CustomerType.BUSINESS.value:
            district, address = self.address()
            name = district[:2] + rng.choice(_BUSINESS_PARTS[0]) + rng.choice(_BUSINESS_PARTS[1])
            honorific = ""
        else:
            generation = str(_GENERATION[ctype].pick(rng))
            sex = "f" if rng.random() < 0.62 else "m"  # women make most of the calls
            name = self.person_name(sex, generation)
            honorific = str(_HONORIFICS[(sex, generation)].pick(rng))
            district, address = self.address()
        address_as = form_of_address(name, honorific)

        landline_share = 0.2 if ctype in (CustomerType.ELDERLY.value, CustomerType.BUSINESS.value) else 0.03
        first = self.landline() if rng.random() < landline_share else self.mobile()
        phones = [first]
        if rng.random() < 0.10:
            phones.append(self.mobile() if first.startswith("021") or rng.random() < 0.7 else self.landline())
        channel = str(_CHANNELS[ctype].pick(rng))
        start, end = _WINDOWS.get(ctype, _WINDOWS[""]).pick(rng)

        notes = ""
        if rng.random() < 0.40:
            parts = []
            special = _NOTES_BY_TYPE.get(ctype)
            if special is not None and rng.random() < 0.7:
                parts.append(_age_note(special.pick(rng), rng))
            if not parts or rng.random() < 0.3:
                extra = _NOTES_ANY.pick(rng)
                if extra not in parts:
                    parts.append(extra)
            notes = "；".join(parts)

        referrer = rng.randint(1, cid - 1) if cid > 1 and rng.random() < 0.08 else None

        # Visits: some none, most a few, loyal customers many.
        r = rng.random()
        if r < 0.18:
            visits = 0
        elif r < 0.55:
            visits = rng.randint(1, 2)
        elif r < 0.85:
            visits = rng.randint(3, 5)
        elif r < 0.97:
            visits = rng.randint(6, 10)
        else:
            visits = rng.randint(11, 30)
        visits = min(visits, 1 + (self.now_ts - created) // (10 * DAY))  # newcomers have had few visits
        services = _SERVICES_BY_TYPE[ctype]
        usual = str(services.pick(rng))
        usual_worker = rng.choice(self.able[usual])
        records: list[tuple[Any, ...]] = []
        last = -1
        spent = 0
        had_maternity = False
        for _ in range(visits):
            service = usual if rng.random() < 0.7 else str(services.pick(rng))
            if service == "月嫂" and had_maternity:  # one 月嫂 per baby; then a 育儿嫂 takes over
                service = "育儿嫂"
            had_maternity = had_maternity or service == "月嫂"
            served = self.office_time(created, self.now_ts)
            worker = (
                usual_worker if service == usual and rng.random() < 0.8 else rng.choice(self.able[service])
            )
            if self.left.get(worker, served) < served:  # that worker had left: someone still working
                worker = rng.choice(self.able_now[service])
            lo, hi, step = _PRICES[service]
            amount = self.between(lo // step, hi // step) * step
            spent += amount
            note = ""
            choices = _RECORD_NOTES.get(service)
            if choices is not None and rng.random() < 0.5:
                note = rng.choice(choices)
            entered = min(served + self.between(0, 8 * 3600), self.now_ts)
            by = staff_ids[_STAFF_PICK[int(rng.random() * len(_STAFF_PICK))]]
            records.append(
                (cid, worker, self.db_time(served), service, amount, note, self.db_time(entered), by)
            )
            last = max(last, served)

        tier = 0
        if visits >= 6:
            tier = rng.choices((0, 1, 2, 3), weights=(30, 40, 20, 10))[0]
        elif visits >= 3:
            tier = rng.choices((0, 1, 2), weights=(85, 12, 3))[0]
        points = spent // 1000 - rng.randint(0, spent // 2000) if spent else 0  # 1 point per ¥10, some spent
        updated = created if rng.random() < 0.6 else self.between(created, self.now_ts)
        name_sort, search_keys = self.derived(name, address_as)
        row = (
            cid, name, honorific, address_as, ",".join(phones), ",".join(phone_digits(p) for p in phones),
            district, address, ctype, channel, start, end, notes, referrer, tier, points,
            self.db_time(created), self.db_time(updated), self.db_time(last) if last >= 0 else None,
            name_sort, search_keys,
        )  # fmt: skip
        return row, records


_CUSTOMER_SQL = (
    "INSERT INTO customer (id, name, honorific, address_as, phones, phone_digits, district, address,"
    " customer_type, contact_channel, contact_start, contact_end, household_notes, referrer_id, vip_tier,"
    " points, created_at, updated_at, last_service_at, name_sort, search_keys)"
    " VALUES (" + ", ".join("?" * 21) + ")"
)
_RECORD_SQL = (
    "INSERT INTO service_record (customer_id, worker_id, served_at, service_type, amount_fen, notes,"
    " created_at, created_by_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_WORKER_SQL = (
    "INSERT INTO worker (id, name, phone, skills, background_check_on, training_notes, active, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def generate_demo(
    clock: Clock,
    *,
    customers: int,
    workers: int | None = None,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Fill the open, empty database with demo data; return a short summary in Chinese.

    Refuses (``DomainError``) when there are customers already: demo data never mixes with
    real records. ``progress(done, total)`` is called every thousand customers and at the end.
    """
    if customers < 1:
        raise DomainError("演示客户数量至少为 1")
    worker_count = workers if workers is not None else max(8, min(300, customers // 50))
    if worker_count < len(SERVICE_TYPES):
        raise DomainError(f"演示服务人员至少 {len(SERVICE_TYPES)} 位，才能覆盖每种服务")
    if Customer.select().exists():
        raise DomainError("这个数据库里已经有客户了。演示数据只能写入全新的空数据库，请换一个数据文件夹。")
    gen = _Generator(clock, seed)
    if progress is not None:
        progress(0, customers)
    # Customers joined over the last three years, in id order, mostly in office hours.
    start = gen.now_ts - 3 * 365 * DAY
    joined = sorted(gen.office_time(start, gen.now_ts) for _ in range(customers))

    record_count = 0
    conn = db.connection()
    with db.atomic():
        staff_ids = gen.staff()
        agency = {f"agency.{k}": v for k, v in DEMO_AGENCY.items()}
        for key, value in agency.items():
            if not Setting.select().where(Setting.key == key).exists():
                Setting.create(key=key, value=json.dumps(value, ensure_ascii=False))
        conn.executemany(_WORKER_SQL, gen.workers(worker_count))

        for begin in range(0, customers, BATCH):
            rows: list[tuple[Any, ...]] = []
            records: list[tuple[Any, ...]] = []
            for cid in range(begin + 1, min(begin + BATCH, customers) + 1):
                row, visits = gen.customer(cid, joined[cid - 1], staff_ids)
                rows.append(row)
                records.extend(visits)
                if progress is not None and cid % PROGRESS_EVERY == 0 and cid < customers:
                    progress(cid, customers)
            conn.executemany(_CUSTOMER_SQL, rows)
            conn.executemany(_RECORD_SQL, records)
            record_count += len(records)
        if progress is not None:
            progress(customers, customers)

        summary = f"客户 {customers} 位，服务人员 {worker_count} 位，服务记录 {record_count} 条，员工 {len(staff_ids)} 位"
        AuditLog.create(
            at=gen.now,
            staff=None,
            staff_name="系统",
            action="生成演示数据",
            entity="demo",
            detail=json.dumps(
                {"客户": customers, "服务人员": worker_count, "服务记录": record_count, "种子": seed},
                ensure_ascii=False,
            ),
        )
    return summary
