"""The made-up world of the demo data: names, places, notes and prices, with their weights.

Plain data and a weighted picker; ``demo.py`` draws from these to build customers and visits.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from ..domain.customers import ContactChannel, CustomerType


class Weighted:
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
SURNAMES = Weighted(
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
GIVEN = {
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
TYPES = Weighted(
    [
        (CustomerType.OFFICE_WORKER.value, 35),
        (CustomerType.FAMILY_WITH_CHILDREN.value, 22),
        (CustomerType.ELDERLY.value, 19),
        (CustomerType.NEW_PARENTS.value, 10),
        (CustomerType.OTHER.value, 12),
        (CustomerType.BUSINESS.value, 2),
    ]
)
GENERATION = {
    CustomerType.OFFICE_WORKER.value: Weighted([("young", 45), ("mid", 55)]),
    CustomerType.FAMILY_WITH_CHILDREN.value: Weighted([("young", 25), ("mid", 75)]),
    CustomerType.ELDERLY.value: Weighted([("old", 100)]),
    CustomerType.NEW_PARENTS.value: Weighted([("young", 70), ("mid", 30)]),
    CustomerType.OTHER.value: Weighted([("young", 25), ("mid", 55), ("old", 20)]),
    CustomerType.BUSINESS.value: Weighted([("mid", 100)]),
}
HONORIFICS = {
    ("m", "old"): Weighted([("叔叔", 50), ("先生", 40), ("老师", 10)]),
    ("f", "old"): Weighted([("阿姨", 60), ("女士", 30), ("老师", 10)]),
    ("m", "mid"): Weighted([("先生", 93), ("老师", 6), ("", 1)]),
    ("f", "mid"): Weighted([("女士", 86), ("老师", 7), ("小姐", 4), ("", 3)]),
    ("m", "young"): Weighted([("先生", 96), ("老师", 2), ("", 2)]),
    ("f", "young"): Weighted([("女士", 70), ("小姐", 22), ("老师", 3), ("", 5)]),
}
_PHONE, _SMS, _WECHAT = ContactChannel.PHONE.value, ContactChannel.SMS.value, ContactChannel.WECHAT.value
CHANNELS = {
    CustomerType.OFFICE_WORKER.value: Weighted([(_WECHAT, 65), (_SMS, 35)]),
    CustomerType.FAMILY_WITH_CHILDREN.value: Weighted([(_WECHAT, 55), (_PHONE, 30), (_SMS, 15)]),
    CustomerType.ELDERLY.value: Weighted([(_PHONE, 100)]),
    CustomerType.NEW_PARENTS.value: Weighted([(_WECHAT, 75), (_SMS, 15), (_PHONE, 10)]),
    CustomerType.OTHER.value: Weighted([(_PHONE, 40), (_WECHAT, 40), (_SMS, 20)]),
    CustomerType.BUSINESS.value: Weighted([(_PHONE, 70), (_WECHAT, 30)]),
}
WINDOWS = {
    CustomerType.OFFICE_WORKER.value: Weighted(
        [(("18:30", "21:00"), 30), (("12:30", "14:00"), 20), (("19:00", "21:30"), 20),
         (("09:00", "20:00"), 20), (("08:00", "09:00"), 10)]
    ),
    CustomerType.ELDERLY.value: Weighted(
        [(("09:00", "11:00"), 35), (("08:30", "17:00"), 30), (("14:30", "17:00"), 20), (("09:00", "20:00"), 15)]
    ),
    CustomerType.BUSINESS.value: Weighted([(("09:00", "17:30"), 70), (("10:00", "16:00"), 30)]),
    "": Weighted(
        [(("09:00", "20:00"), 45), (("09:30", "11:30"), 15), (("14:00", "17:00"), 15),
         (("19:00", "21:00"), 15), (("10:00", "18:00"), 10)]
    ),
}  # fmt: skip

# District (weight by population) and some of its real roads.
DISTRICTS = Weighted(
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

NOTES_ANY = Weighted(
    [
        ("家里有珍藏青花瓷，擦拭需小心", 4), ("养了两只猫，请随手关门", 5), ("养了一只金毛，上门前请先打电话", 4),
        ("地板是实木的，不能用湿拖把", 5), ("对香味敏感，请用无香型清洁剂", 3), ("书房的文件不要动", 3),
        ("门禁密码每月换，上门前电话确认", 3), ("小区停车需提前登记车牌", 2), ("厨房油烟重，重点清洁抽油烟机", 4),
        ("只要固定的阿姨上门", 4), ("家里有鱼缸，不要往里喷清洁剂", 2), ("钢琴请用干布擦，不要挪动", 2),
        ("阳台花草较多，浇水需适量", 2), ("客户有洁癖，抹布分区使用", 3), ("家里有监控，阿姨知晓即可", 1),
        ("进门请穿鞋套", 4), ("垃圾需按上海分类投放", 3), ("邻居投诉过噪音，吸尘请避开午休", 1),
    ]
)  # fmt: skip
NOTES_BY_TYPE = {
    CustomerType.ELDERLY.value: Weighted(
        [("老人行动不便，开门较慢，请多等一会儿", 5), ("老人耳背，说话请大声些", 4), ("独居老人，子女在外地，有事联系女儿", 4),
         ("老人有高血压，家里药品不要挪动", 3), ("老人12:00-14:00午睡，请勿按门铃", 3), ("老人不会用微信，只接电话", 3)]
    ),
    CustomerType.FAMILY_WITH_CHILDREN.value: Weighted(
        [("孩子{age}岁，清洁剂放高处", 5), ("孩子对尘螨过敏，床品需除螨", 3), ("孩子午睡时请轻声", 3),
         ("家里有两个孩子，玩具收纳到儿童房", 2), ("孩子{age}岁，插座都装了保护盖，请勿取下", 2)]
    ),
    CustomerType.NEW_PARENTS.value: Weighted(
        [("宝宝刚满月，进门请先洗手", 5), ("宝宝奶瓶需单独消毒", 3), ("产妇剖宫产，需要月嫂有护理经验", 3),
         ("宝宝睡觉时不要用吸尘器", 3)]
    ),
    CustomerType.BUSINESS.value: Weighted(
        [("办公室周六打扫，前台放钥匙", 4), ("开票抬头见合同", 3), ("会议室地毯每季度深度清洁", 2)]
    ),
}  # fmt: skip

BUSINESS_PARTS = (
    _split("恒信 华安 瑞丰 嘉禾 新润 宏达 锦程 启明 明德 博雅 星辰 汇智 鼎盛 安和 康宁"),
    _split("贸易公司 科技公司 律师事务所 设计工作室 口腔诊所 幼儿园 物业管理处 会计师事务所 培训中心 咖啡馆"),
)

# Real Chinese mobile prefixes (all accepted by phonenumbers' metadata with any eight digits after).
MOBILE_PREFIXES = _split(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 176 177 180 181 182 183 185 186 187 188 189 191 195 198 199"
)
LANDLINE_FIRST = "2356"  # Shanghai numbers are eight digits and start with 2, 3, 5 or 6

# Service type: (price range in fen, rounded to) — one visit, or one month for 月嫂/育儿嫂.
PRICES = {
    "日常保洁": (8000, 20000, 100),
    "深度保洁": (30000, 120000, 1000),
    "钟点工": (4000, 15000, 100),
    "育儿嫂": (700000, 1200000, 10000),
    "月嫂": (1200000, 2600000, 10000),
    "老人陪护": (15000, 40000, 1000),
    "家电清洗": (8000, 30000, 1000),
    "家居维修": (5000, 50000, 500),
}
SERVICES_BY_TYPE = {
    CustomerType.OFFICE_WORKER.value: Weighted(
        [("日常保洁", 40), ("钟点工", 30), ("深度保洁", 14), ("家电清洗", 10), ("家居维修", 6)]
    ),
    CustomerType.FAMILY_WITH_CHILDREN.value: Weighted(
        [("日常保洁", 35), ("育儿嫂", 15), ("钟点工", 20), ("深度保洁", 14), ("家电清洗", 10), ("家居维修", 6)]
    ),
    CustomerType.ELDERLY.value: Weighted(
        [("老人陪护", 35), ("日常保洁", 35), ("钟点工", 14), ("家居维修", 10), ("家电清洗", 6)]
    ),
    CustomerType.NEW_PARENTS.value: Weighted(
        [("月嫂", 35), ("育儿嫂", 25), ("日常保洁", 25), ("深度保洁", 10), ("家电清洗", 5)]
    ),
    CustomerType.OTHER.value: Weighted(
        [("日常保洁", 35), ("钟点工", 25), ("深度保洁", 15), ("家电清洗", 13), ("家居维修", 12)]
    ),
    CustomerType.BUSINESS.value: Weighted([("日常保洁", 50), ("深度保洁", 30), ("家电清洗", 20)]),
}  # fmt: skip
RECORD_NOTES = {
    "家电清洗": _split("清洗挂机空调2台 清洗柜机空调1台 油烟机拆洗 洗衣机除垢 冰箱除味清洁 热水器清洗"),
    "家居维修": _split("更换水龙头 疏通下水道 马桶水箱维修 更换灯具 门锁维修 墙面补漆 水管接头漏水维修"),
    "深度保洁": _split("新房开荒 年底大扫除 搬家前清洁 厨房卫生间深度清洁"),
}
# Who enters the visits (index into DEMO_STAFF): mostly the front desk.
STAFF_PICK = (0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3)
