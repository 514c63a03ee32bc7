"""What personal data the program keeps, why, and for how long: one list for 设置 → 隐私 and the 告知书.

The periods are read from the owner's settings each time (the retention periods, the backup
rotation), so the screen and the printed notice never promise something the program does not do.
"""

from __future__ import annotations

from ..documents.privacy_notice import DataKindLine, PrivacyNoticeData, PurposeLine, gist
from ..documents.styles import Letterhead
from ..domain.backup_rotation import RotationPolicy
from ..domain.privacy import Purpose, RetentionPolicy
from .backups import BackupService
from .consents import ConsentService
from .context import ServiceContext
from .retention import RetentionService

BOOKS = "作为账目保存；删除客户资料后不再含姓名、电话、地址"
"""How long records of money and complaints are kept (the agency's books need them)."""


def data_kinds(
    policy: RetentionPolicy, rotation: RotationPolicy, *, for_customer: bool = False
) -> list[DataKindLine]:
    """Every kind of personal data the program keeps, with why and how long (from the settings given).

    ``for_customer``: as the notice handed to customers says it (the backups' longest period, not the
    rotation rule; not the files made for customers, which are the owner's to delete).
    """
    years = policy.inactive_customer_years
    customer_kept = (
        f"最后一次往来（服务、合同或可用的优惠券）满 {years} 年后删除（匿名处理）；客户要求时随时删除"
        if years is not None
        else "一直保存，直到客户要求删除"
    )
    contact = policy.contact_years
    kinds = [
        DataKindLine(
            "客户资料",
            "姓名、称呼、电话、地址、客户类型、联系方式和联系时段、推荐人、会员等级和积分",
            "预约和上门服务、联系客户",
            customer_kept,
        ),
        DataKindLine(
            "家庭备注",
            "家里需要留意的情况（老人、小孩、宠物、贵重物品、钥匙存放等）",
            "上门服务更安全、更贴心（需要客户同意）",
            "与客户资料相同；客户撤回同意后不再显示、不再打印",
        ),
        DataKindLine(
            "回访记录",
            "回访的时间和时长；客户同意时还有客户说的话和满意度",
            "确认问题已经解决、改进服务",
            f"{contact} 年后删除内容，保留回访的日期；客户撤回同意时立即删除内容",
        ),
        DataKindLine(
            "服务记录", "上门日期、服务类型、服务人员、金额、备注", "安排服务、结账、处理投诉", BOOKS
        ),
        DataKindLine(
            "投诉与补救记录",
            "投诉内容、处理经过（识别、倾听、共情、行动、深化）、补偿和升级",
            "处理投诉、兑现补偿、改进服务",
            BOOKS,
        ),
        DataKindLine("优惠券与账目", "券码、金额、发放和使用记录", "兑现补偿、优惠和推荐奖励", BOOKS),
        DataKindLine(
            "合同与续约",
            "套餐、期限、价格、续约时的联系和结果",
            "履行合同、办理续约",
            f"合同作为账目保存；续约联系的说明 {contact} 年后删除",
        ),
        DataKindLine("提醒", "要给客户打的回访、续约电话和时间", "按时联系客户", "与客户资料相同"),
        DataKindLine(
            "同意记录",
            "每一次同意或撤回：用途、条款原文、时间、方式、记录人",
            "证明客户同意或撤回了什么",
            "一直保存，作为同意和撤回的证明",
        ),
        DataKindLine(
            "操作记录",
            "员工在什么时候对哪位客户做了什么",
            "数据安全，出了问题能查清",
            "一直保存；删除客户资料时，其中的姓名和电话一并删除",
        ),
        DataKindLine(
            "备份", "以上全部内容的加密副本", "电脑损坏或丢失时恢复数据", _backup_text(rotation, for_customer)
        ),
    ]
    if not for_customer:
        kinds.append(
            DataKindLine(
                "打印和导出的文件",
                "通知书、个人信息副本等 PDF 和 Excel 文件",
                "交给客户或存档",
                "保存在数据文件夹的 documents 文件夹里，没有加密：交给客户后请删除",
            )
        )
    return kinds


def _backup_text(rotation: RotationPolicy, for_customer: bool) -> str:
    if for_customer:
        for count, unit in ((rotation.monthly, "个月"), (rotation.weekly, "周"), (rotation.daily, "天")):
            if count:
                return f"最长保存约 {count} {unit}，之后自动删除"
        return "只保留最新的一份"
    parts = [
        f"{label}一份，保留最近 {count} {unit}"
        for label, count, unit in (
            ("每天", rotation.daily, "天"),
            ("每周", rotation.weekly, "周"),
            ("每月", rotation.monthly, "个月"),
        )
        if count
    ]
    rule = "；".join(parts) or "只保留最新的一份"
    return f"按保留规则轮换（{rule}），更早的自动删除；删除的信息要等轮换后才从备份中消失"


class PersonalDataService:
    def __init__(
        self,
        context: ServiceContext,
        retention: RetentionService,
        consents: ConsentService,
        backups: BackupService,
    ) -> None:
        self._ctx = context
        self._retention = retention
        self._consents = consents
        self._backups = backups

    def kinds(self, *, for_customer: bool = False) -> list[DataKindLine]:
        """Every kind of personal data kept, why and how long, under the settings in force now."""
        return data_kinds(self._retention.policy(), self._backups.policy(), for_customer=for_customer)

    def purposes(self) -> list[PurposeLine]:
        """The uses that need consent, each with the gist of its wording in force."""
        lines = []
        for purpose in Purpose:
            wording = self._consents.current_wording(purpose)
            lines.append(PurposeLine(purpose.label, purpose.allows, gist(wording.text), wording.version))
        return lines

    def notice_data(self, letterhead: Letterhead) -> PrivacyNoticeData:
        """What the 个人信息处理告知书 says today."""
        return PrivacyNoticeData(
            letterhead, self.kinds(for_customer=True), self.purposes(), self._ctx.now().date()
        )
