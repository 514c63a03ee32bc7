"""Personal information under the 个人信息保护法 (PIPL): purposes of consent, how long records are kept.

Pure rules: no Qt, no database. A customer's consent is kept per purpose in a ledger (grant or
withdrawal, each with the exact wording read or shown); the latest entry of a purpose is its state.
Retention periods are whole calendar years counted back from now; interaction records are kept
**at least two years** (a shorter period is refused with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .errors import ValidationError


class Purpose(StrEnum):
    """What a customer may agree to (stored ids; the Chinese is a label)."""

    CALLBACK_RECORDS = "callback_records"
    MARKETING = "marketing"
    HOUSEHOLD_NOTES = "household_notes"

    @property
    def label(self) -> str:
        return _PURPOSE_LABELS[self]

    @property
    def allows(self) -> str:
        """What the agency may do only with this consent (shown next to the choice)."""
        return _PURPOSE_ALLOWS[self]


_PURPOSE_LABELS = {
    Purpose.CALLBACK_RECORDS: "回访记录保存",
    Purpose.MARKETING: "营销与节日问候",
    Purpose.HOUSEHOLD_NOTES: "家庭备注",
}

_PURPOSE_ALLOWS = {
    Purpose.CALLBACK_RECORDS: "保存回访时客户说的话和打的分数",
    Purpose.MARKETING: "发节日问候、优惠活动和红包",
    Purpose.HOUSEHOLD_NOTES: "记下家里要留意的情况（老人、小孩、宠物、贵重物品、钥匙存放等）",
}


class ConsentChannel(StrEnum):
    """How the wording reached the customer and how they answered."""

    PHONE = "phone"
    WECHAT = "wechat"
    IN_PERSON = "in_person"
    PAPER = "paper"
    SYSTEM = "system"
    """Entries the program makes itself (a withdrawal when the customer's data is erased)."""

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    ConsentChannel.PHONE: "电话",
    ConsentChannel.WECHAT: "微信",
    ConsentChannel.IN_PERSON: "当面",
    ConsentChannel.PAPER: "纸质",
    ConsentChannel.SYSTEM: "系统",
}

STAFF_CHANNELS = (ConsentChannel.PHONE, ConsentChannel.WECHAT, ConsentChannel.IN_PERSON, ConsentChannel.PAPER)
"""The channels staff choose from (``SYSTEM`` is the program's own)."""


class ConsentState(StrEnum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"
    """Refused when asked, or withdrawn later: either way the purpose is not allowed."""
    NOT_ASKED = "not_asked"
    """Nothing recorded yet (customers from before consents were recorded, or never asked)."""

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ConsentState.GRANTED: "已同意",
    ConsentState.WITHDRAWN: "不同意/已撤回",
    ConsentState.NOT_ASKED: "未征求",
}

DEFAULT_WORDINGS: dict[Purpose, str] = {
    Purpose.CALLBACK_RECORDS: (
        "为了改进服务，我们想把这次回访中您说的情况和您给的满意度分数记录下来，只在本公司内部用于改进服务，"
        "保存期限届满后删除。您可以随时告诉我们撤回同意，撤回后我们不再保存这些内容。请问您同意吗？"
    ),
    Purpose.MARKETING: (
        "逢年过节和有优惠活动时，我们想通过电话、短信或微信给您发问候、优惠信息或节日红包。"
        "您可以随时告诉我们不再接收，我们会马上停止。请问您同意吗？"
    ),
    Purpose.HOUSEHOLD_NOTES: (
        "为了上门服务更安全、更贴心，我们想记下您家里需要留意的情况，例如有老人、小孩或宠物，"
        "贵重物品的位置，钥匙存放方式。这些只给为您服务的员工看，不会写进短信或微信。"
        "您可以随时要求撤回，撤回后这些备注不再显示、不再打印。请问您同意吗？"
    ),
}
"""Version 1 of each purpose's wording (the owner edits it in 设置 → 隐私; each save is a new version)."""

WORDING_MIN = 10
WORDING_MAX = 500
NOTE_MAX = 200


def validate_wording(text: str) -> str:
    """The wording as it will be stored, or ``ValidationError`` saying what to fix."""
    clean = text.strip()
    if len(clean) < WORDING_MIN:
        raise ValidationError({"wording": f"同意条款至少要写 {WORDING_MIN} 个字，说明收集什么、用来做什么"})
    if len(clean) > WORDING_MAX:
        raise ValidationError({"wording": f"同意条款最多 {WORDING_MAX} 字，现在有 {len(clean)} 字"})
    return clean


# --- retention ---------------------------------------------------------------------------------------------

CONTACT_YEARS_MIN = 2
"""Interaction records are kept at least two years (the agency's own rule, from its seeds)."""
CONTACT_YEARS_MAX = 10
CONTACT_YEARS_DEFAULT = 3
INACTIVE_YEARS_MIN = 2
INACTIVE_YEARS_MAX = 20
INACTIVE_YEARS_DEFAULT: int | None = 5
CONFIRM_ABOVE = 50
"""A retention run that would touch more records than this waits for the owner's confirmation."""

RETENTION_PLACEHOLDER = "已按保存期限删除"
"""What an expired callback note (or contact note) becomes; the fact and date of the call stay."""
WITHDRAWN_PLACEHOLDER = "客户撤回同意后删除"
"""What a callback note becomes when the customer withdraws 回访记录保存 (its scores go too)."""
ERASURE_REASON = "客户要求删除个人信息"


def erased_name(customer_id: int) -> str:
    """The name an erased (anonymised) customer keeps: ``已删除客户 #12``."""
    return f"已删除客户 #{customer_id}"


@dataclass(frozen=True)
class RetentionPolicy:
    contact_years: int = CONTACT_YEARS_DEFAULT
    """Callback notes and scores, contact notes: kept this many years after the contact."""
    inactive_customer_years: int | None = INACTIVE_YEARS_DEFAULT
    """A customer with no service, contract or open money for this long is anonymised; None: never."""


def validate_retention(contact_years: int, inactive_customer_years: int | None) -> RetentionPolicy:
    """Check the owner's periods; a contact period under two years is refused with the reason."""
    errors: dict[str, str] = {}
    if contact_years < CONTACT_YEARS_MIN:
        errors["contact_years"] = (
            f"回访和联系记录至少要保存 {CONTACT_YEARS_MIN} 年：本公司规定互动记录保存不少于两年，"
            "以便处理之后的投诉和争议。请填 2 年或更长"
        )
    elif contact_years > CONTACT_YEARS_MAX:
        errors["contact_years"] = (
            f"回访和联系记录最多保存 {CONTACT_YEARS_MAX} 年（个人信息保存时间应当是处理目的所必要的最短时间）"
        )
    if inactive_customer_years is not None and not (
        INACTIVE_YEARS_MIN <= inactive_customer_years <= INACTIVE_YEARS_MAX
    ):
        errors["inactive_customer_years"] = (
            f"不活跃客户的保存期限请填 {INACTIVE_YEARS_MIN} 到 {INACTIVE_YEARS_MAX} 年，或选择“永不”"
        )
    if errors:
        raise ValidationError(errors)
    return RetentionPolicy(contact_years, inactive_customer_years)


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment ``years`` calendar years earlier (29 February becomes the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)
