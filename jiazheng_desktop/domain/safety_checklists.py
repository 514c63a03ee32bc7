"""家居安全隐患自查清单: what a family should check at home, one set per season.

The agency hands a printed set to its customers (and its workers walk through it on a visit). Each set
has the same areas (``AREAS``), each with three to five short items a person can look at and tick.
The text is the agency's own plain advice, not a standard; a set is picked by hand or by ``season_for``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .incidents import Category


class Season(StrEnum):
    SPRING = "spring"
    RAINY = "rainy"  # 梅雨、汛期
    SUMMER = "summer"
    WINTER = "winter"
    HOLIDAY = "holiday"

    @property
    def label(self) -> str:
        return _SEASON_LABELS[self]


_SEASON_LABELS = {
    Season.SPRING: "春季",
    Season.RAINY: "雨季",
    Season.SUMMER: "夏季",
    Season.WINTER: "冬季",
    Season.HOLIDAY: "节假日出行",
}


AREAS: tuple[str, ...] = ("用水", "燃气", "用电", "门窗与阳台", "儿童", "老人", "宠物")
"""Every set has these areas, in this order."""

SAFETY_TIP = "如发现燃气泄漏，请勿开关电器、不用明火，立即开窗通风，到室外拨打燃气公司电话。"
"""The one line printed at the foot of every checklist."""

HOW_TO = "逐项检查，做到的打勾，有问题写在备注栏。"

Section = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Checklist:
    season: Season
    title: str
    intro: str
    sections: tuple[Section, ...]  # (area, items) in the order of AREAS
    tip: str = SAFETY_TIP


_INTROS: dict[Season, str] = {
    Season.SPRING: "换季时节，收起取暖电器、准备开空调，正好全面检查一遍。",
    Season.RAINY: "梅雨汛期连日下雨，请重点检查排水、渗漏和用电防潮。",
    Season.SUMMER: "天热用电多、孩子放暑假，请重点检查用电、防溺水和防中暑。",
    Season.WINTER: "天冷取暖用电用气多，请重点检查燃气通风和取暖电器。",
    Season.HOLIDAY: "出门前花十分钟把水、电、燃气和门窗查一遍，出行更安心。",
}

_ITEMS: dict[Season, dict[str, tuple[str, ...]]] = {
    Season.SPRING: {
        "用水": (
            "水龙头、角阀和软管接头无渗漏，有滴水及时更换",
            "马桶水箱、洗衣机进水管无滴漏，地面无积水",
            "厨房、卫生间下水口清理毛发和油污，排水通畅",
            "知道总水阀在哪里，阀门能拧动",
        ),
        "燃气": (
            "用肥皂水涂抹燃气管接口，无冒泡（不漏气）",
            "燃气灶连接软管无老化、开裂，无被挤压弯折",
            "燃气报警器通电正常，按测试键能响",
            "燃气灶周围不堆放纸箱、油桶等易燃物",
        ),
        "用电": (
            "收起电暖器、电热毯前先断电冷却，电线无破损",
            "漏电保护开关按“试验”按钮能正常跳闸",
            "插线板不串接、不超负荷，不放在潮湿处",
            "空调开用前请专业人员清洗检查，外机支架牢固",
        ),
        "门窗与阳台": (
            "窗户、纱窗开关顺畅，限位器和锁扣完好",
            "花盆、晾衣杆放稳，不放在护栏外侧，防高空坠物",
            "防盗门锁完好，钥匙不藏在门口地垫下",
        ),
        "儿童": (
            "窗边、阳台不放可供攀爬的椅子、箱子",
            "药品、清洁剂放高处或上锁，不用饮料瓶装洗涤剂",
            "没用的插座装上防护盖",
            "柜子、电视固定防倾倒，家具尖角装防撞条",
        ),
        "老人": (
            "浴室铺防滑垫，马桶和淋浴旁装扶手",
            "夜间通道装小夜灯，地上无电线、杂物绊脚",
            "清点常用药，过期药品及时清理",
            "急救和子女电话写成大字贴在电话旁",
        ),
        "宠物": (
            "按时驱虫、打疫苗，记在本子上",
            "阳台、窗户装防护网，防猫狗坠楼",
            "电线用收线管护好，防宠物啃咬",
            "百合等对猫狗有毒的花草放到够不到的地方",
        ),
    },
    Season.RAINY: {
        "用水": (
            "卫生间、厨房地漏畅通，下水不返味、不倒灌",
            "天花板、墙角无渗水和霉斑，发现及时报修",
            "知道总水阀位置，水管爆裂时能马上关闭",
            "低楼层备好挡水板或沙袋，防雨水倒灌进屋",
        ),
        "燃气": (
            "燃气表和管道无受潮锈蚀，锈得厉害请燃气公司查看",
            "燃气热水器排烟管接口牢固，雨水不倒灌进机器",
            "闷热关窗做饭时打开油烟机，厨房保持通风",
        ),
        "用电": (
            "插座、插线板远离潮湿墙面和地面，不用湿手碰电器",
            "渗水墙面附近的插座、开关先停用，请电工检查",
            "雷雨天拔掉电视、电脑等电器插头",
            "除湿机、空调排水管通畅，水箱及时倒水",
        ),
        "门窗与阳台": (
            "阳台地漏畅通，花盆、杂物不堵排水口",
            "窗户密封条完好，雨水不从窗框渗进屋",
            "晾衣架、遮阳棚固定牢靠，大风暴雨前收起",
            "外窗台上不放花盆等容易坠落的东西",
        ),
        "儿童": (
            "地面湿滑处及时擦干，防孩子滑倒",
            "存了水的水桶、浴缸及时倒空，防孩子溺水",
            "雷雨天不让孩子在窗边、阳台玩耍",
        ),
        "老人": (
            "卫生间、进门处地面保持干燥，穿防滑拖鞋",
            "雨天尽量少出门，出门备好防滑鞋和雨具",
            "被褥衣物勤晾晒或烘干，注意关节保暖",
        ),
        "宠物": (
            "宠物窝放在干燥处，垫子勤换，防皮肤病",
            "宠物粮密封防潮，发霉的粮食不再喂",
            "雨后遛狗避开积水和掉落的电线",
        ),
    },
    Season.SUMMER: {
        "用水": (
            "热水器温度设在 50 度左右，洗澡先试水温防烫伤",
            "净水器滤芯按时更换，桶装水放在阴凉处",
            "空调冷凝水管、洗衣机排水管固定好，不漏水",
        ),
        "燃气": (
            "做饭时人不离开灶台，防汤水溢出浇灭火焰",
            "燃气管道不挂重物，没有被橱柜、吊顶包死",
            "燃气报警器工作正常，天热也不拔掉电源",
        ),
        "用电": (
            "空调、电扇的插头插座不发热、不发黑",
            "空调等大功率电器单独用插座，不接插线板",
            "电动自行车、电池不在屋内和楼道充电",
            "冰箱背后留出散热空间，不堆放杂物",
        ),
        "门窗与阳台": (
            "纱窗不能当护栏，开着的窗边不放可攀爬的家具",
            "台风预警时关好门窗，收起阳台花盆和晾晒物",
            "阳台不堆纸箱等易燃杂物，防暴晒起火",
            "纱窗完好无破洞，防蚊虫",
        ),
        "儿童": (
            "浴缸、水桶、鱼缸用完倒空或加盖，防孩子溺水",
            "不把孩子单独留在家中或车内",
            "驱蚊液、蚊香、电蚊拍放在孩子够不到的地方",
            "空调不宜过冷，孩子睡觉盖好肚子",
        ),
        "老人": (
            "屋里太热及时开空调，提醒老人多喝水，防中暑",
            "家中备好防暑药品，知道中暑的早期表现",
            "买菜、锻炼避开中午最热的时候",
        ),
        "宠物": (
            "宠物有阴凉通风的休息处和充足的饮水",
            "中午不遛狗，防地面烫伤脚垫、防中暑",
            "宠物不独自关在阳台、车里等闷热的地方",
        ),
    },
    Season.WINTER: {
        "用水": (
            "室外、阳台的水管和水表包好保温材料，防冻裂",
            "寒潮前放掉阳台洗衣机进水管里的存水",
            "家里没人住几天时关闭总水阀",
        ),
        "燃气": (
            "热水器、燃气灶使用时开窗通风，谨防一氧化碳中毒",
            "燃气热水器不装在浴室里，排烟管通到室外",
            "不在门窗紧闭的房间里用炭火盆、煤炉取暖",
            "睡前、出门前关好燃气灶开关和表前阀",
        ),
        "用电": (
            "电暖器远离窗帘、被褥、衣物，人走即关",
            "电热毯不折叠使用，不整夜通电",
            "取暖器不和其他大功率电器共用一个插线板",
            "不在取暖器上烘烤衣物、鞋子",
        ),
        "门窗与阳台": (
            "门窗关得严也要留缝或定时开窗换气",
            "阳台积雪、结冰及时清理，防滑防坠",
            "窗户密封条老化及时更换，防寒风漏进",
        ),
        "儿童": (
            "取暖器、暖气片装防护罩，防孩子烫伤",
            "热水袋不灌太满、拧紧盖子，不直接贴皮肤",
            "吃火锅时锅和电线放在孩子碰不到的地方",
        ),
        "老人": (
            "浴室先暖和再洗澡，洗澡不反锁门、时间不过长",
            "热水袋、暖宝宝隔着衣物用，防低温烫伤",
            "降温时按时服用降压、心脏病等药物",
            "独居老人每天和家人通一次电话",
        ),
        "宠物": (
            "宠物窝远离取暖器，防烫伤和着火",
            "防冻液、融雪剂收好，宠物误食会中毒",
            "宠物加热垫的电线包好，防宠物啃咬",
        ),
    },
    Season.HOLIDAY: {
        "用水": (
            "出门前关闭总水阀",
            "所有水龙头拧紧，洗衣机、热水器停用断电",
            "卫生间、厨房地漏盖好，防返味和虫子",
        ),
        "燃气": (
            "出门前关闭燃气表前阀门",
            "燃气灶开关都在关闭位置，燃气热水器断电",
            "壁挂炉按说明书关闭，冬季出门留在防冻模式",
        ),
        "用电": (
            "拔掉电视、电脑、充电器等电器插头",
            "电动车、充电宝不留在充电状态",
            "冰箱以外的电器可关掉分闸",
        ),
        "门窗与阳台": (
            "门窗全部关好锁好，阳台门上锁",
            "阳台花盆、晾晒衣物收进屋，防大风",
            "暂停送奶、请邻居代收快递，门口不堆积",
            "现金、首饰、证件收好或随身携带",
        ),
        "儿童": (
            "带好孩子的证件和常用药",
            "孩子口袋里放一张写有家长电话的卡片",
            "和孩子约好走散时原地等待、找警察",
            "住酒店先看窗户、阳台是否安全",
        ),
        "老人": (
            "带够常用药和病历，行程安排宽松不劳累",
            "老人留在家时，告诉邻居或物业，留好电话",
            "老人随身带写有姓名、家人电话的卡片",
        ),
        "宠物": (
            "宠物寄养在正规机构，或请熟人每天上门照看",
            "留足粮食和清水，写好照看说明",
            "带宠物出行备好疫苗证明和牵引绳",
        ),
    },
}


def checklist(season: Season) -> Checklist:
    """The checklist for ``season``: its title, one intro line and the items of every area."""
    items = _ITEMS[season]
    return Checklist(
        season=season,
        title=f"家居安全隐患自查清单（{season.label}）",
        intro=_INTROS[season] + HOW_TO,
        sections=tuple((area, items[area]) for area in AREAS),
    )


RAINY_START = (6, 15)
RAINY_END = (7, 15)
"""梅雨 as in Shanghai: 入梅 around mid-June, 出梅 around mid-July (both days included)."""


def season_for(day: date) -> Season:
    """The set that suits ``day``.

    March–May spring; June 15 – July 15 the rainy season; the rest of June–August summer;
    December–February winter. Autumn has no set of its own: September is still hot (秋老虎), so
    summer; October is mild and the spring set's change-of-season checks fit it; November is when
    heaters and electric blankets come out, so winter. 节假日出行 is never chosen by date.
    """
    month = day.month
    if month in (12, 1, 2, 11):
        return Season.WINTER
    if month in (3, 4, 5, 10):
        return Season.SPRING
    if RAINY_START <= (month, day.day) <= RAINY_END:
        return Season.RAINY
    return Season.SUMMER  # June, July, August, September


_FOR_CATEGORY: dict[str, Season] = {Category.EMERGENCY.value: Season.RAINY}


def for_incident_category(category: str) -> Season | None:
    """The set to hand over after an incident of ``category`` (None when none fits).

    A burst pipe or similar emergency (水管爆裂等突发) suggests the rainy-season set, the one that
    checks the water valve, drains and leaks.
    """
    return _FOR_CATEGORY.get(category)
