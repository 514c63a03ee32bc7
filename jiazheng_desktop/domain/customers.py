"""Customers: the choices a customer record offers and the checks on what staff type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from enum import IntEnum, StrEnum

from .deadlines import validate_contact_window
from .errors import ValidationError
from .phones import PhoneError, normalize_phone, phone_digits


class CustomerType(StrEnum):
    OFFICE_WORKER = "office_worker"
    ELDERLY = "elderly"
    FAMILY_WITH_CHILDREN = "family_with_children"
    NEW_PARENTS = "new_parents"
    BUSINESS = "business"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    CustomerType.OFFICE_WORKER: "上班族",
    CustomerType.ELDERLY: "老人",
    CustomerType.FAMILY_WITH_CHILDREN: "有小孩家庭",
    CustomerType.NEW_PARENTS: "新手父母",
    CustomerType.BUSINESS: "企业/单位",
    CustomerType.OTHER: "其他",
}


class ContactChannel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {ContactChannel.PHONE: "电话", ContactChannel.SMS: "短信", ContactChannel.WECHAT: "微信"}


class VipTier(IntEnum):
    REGULAR = 0
    SILVER = 1
    GOLD = 2
    DIAMOND = 3

    @property
    def label(self) -> str:
        return _VIP_LABELS[self]


_VIP_LABELS = {
    VipTier.REGULAR: "普通",
    VipTier.SILVER: "银卡",
    VipTier.GOLD: "金卡",
    VipTier.DIAMOND: "VIP卡",
}

HONORIFICS = ("先生", "女士", "太太", "阿姨", "叔叔", "老师", "小姐", "")
"""Forms of address offered; the empty one means "use the full name". Staff may type another
(王总, 张医生, 刘奶奶): ``honorific_problem`` says whether it will do."""

HONORIFIC_MAX = 4
"""A typed form of address is a word such as 总, 医生, 老板娘: at most this many characters."""

_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "轩辕",
)  # fmt: skip

DEFAULT_WINDOW = (time(9, 0), time(20, 0))
NAME_MAX = 20
NOTES_MAX = 500
ADDRESS_MAX = 120


def surname_of(name: str) -> str:
    """The family name of a Chinese full name (compound surnames such as 欧阳 included)."""
    name = name.strip()
    for compound in _COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[:1]


def clean_honorific(text: str) -> str:
    """A form of address as typed, without spaces (全角 included): " 太 太 " → "太太"."""
    return "".join(text.split())


def _is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def honorific_problem(honorific: str, name: str = "") -> str | None:
    """What is wrong with a form of address (one offered or typed), in Chinese; None when it will do.

    Empty is fine (the customer is addressed by the full name). A typed one is a short Chinese word
    (at most ``HONORIFIC_MAX`` characters); it goes after the surname (王 + 总 → 王总), so 李太太 typed for
    李四 is refused with the hint to type 太太.
    """
    text = clean_honorific(honorific)
    if not text or text in HONORIFICS:
        return None
    if len(text) > HONORIFIC_MAX:
        return f"称呼最多 {HONORIFIC_MAX} 个字（例如：太太、老师、医生），现在有 {len(text)} 个字"
    if not all(_is_hanzi(ch) for ch in text):
        return "称呼只能写汉字，例如：太太、老师、医生；不要写数字或符号"
    surname = surname_of(name)
    rest = text[len(surname) :] if surname and text.startswith(surname) else ""
    if rest in HONORIFICS and rest:  # 李太太 typed for 李四 (高工 for 高峰 is a word of its own: kept)
        return f"称呼里不用写姓：填“{rest}”就行，会显示为“{surname}{rest}”"
    return None


def customer_label(address_as: str, name: str) -> str:
    """How lists name a customer: 王先生（王建国）, or the name alone when it is how they are addressed."""
    return f"{address_as}（{name}）" if name and name != address_as else address_as


def form_of_address(name: str, honorific: str) -> str:
    """How staff address the customer: 王建国 + 先生 → 王先生; without honorific, the name itself."""
    name = name.strip()
    if not honorific or not name:
        return name
    if name.endswith(honorific):
        return name
    return surname_of(name) + honorific


@dataclass
class CustomerDraft:
    """What the customer dialog hands to the service, as typed."""

    name: str = ""
    honorific: str = "先生"
    phone: str = ""
    phone2: str = ""
    district: str = ""
    address: str = ""
    customer_type: str = CustomerType.OTHER.value
    contact_channel: str = ContactChannel.PHONE.value
    contact_start: time = DEFAULT_WINDOW[0]
    contact_end: time = DEFAULT_WINDOW[1]
    household_notes: str = ""
    referrer_id: int | None = None
    vip_tier: int = VipTier.REGULAR.value


@dataclass
class CleanCustomer:
    """A checked customer, ready to store."""

    name: str
    honorific: str
    address_as: str
    phones: list[str]
    district: str
    address: str
    customer_type: str
    contact_channel: str
    contact_start: time
    contact_end: time
    household_notes: str
    referrer_id: int | None
    vip_tier: int
    phone_digits: str = field(init=False)

    def __post_init__(self) -> None:
        self.phone_digits = ",".join(phone_digits(p) for p in self.phones)


def validate_customer(draft: CustomerDraft, *, own_id: int | None = None) -> CleanCustomer:
    """Check a draft; raise ``ValidationError`` naming every field that needs fixing."""
    errors: dict[str, str] = {}
    name = " ".join(draft.name.split())
    if not name:
        errors["name"] = "请填写客户姓名"
    elif len(name) > NAME_MAX:
        errors["name"] = f"姓名最多 {NAME_MAX} 个字"
    elif any(ch.isdigit() for ch in name):
        errors["name"] = "姓名里不能有数字，电话请填在电话栏"
    honorific = clean_honorific(draft.honorific)
    honorific_error = honorific_problem(honorific, name)
    if honorific_error:
        errors["honorific"] = honorific_error

    phones: list[str] = []
    for key, text, required in (("phone", draft.phone, True), ("phone2", draft.phone2, False)):
        if not text.strip():
            if required:
                errors[key] = "请填写至少一个联系电话"
            continue
        try:
            phones.append(normalize_phone(text))
        except PhoneError as exc:
            errors[key] = str(exc)
    if len(phones) == 2 and phones[0] == phones[1]:
        errors["phone2"] = "备用电话与主电话相同，可以留空"

    if draft.customer_type not in {t.value for t in CustomerType}:
        errors["customer_type"] = "请从列表中选择客户类型"
    if draft.contact_channel not in {c.value for c in ContactChannel}:
        errors["contact_channel"] = "请从列表中选择联系方式"
    window_problem = validate_contact_window(draft.contact_start, draft.contact_end)
    if window_problem:
        errors["contact_window"] = window_problem
    if len(draft.household_notes) > NOTES_MAX:
        errors["household_notes"] = f"家庭备注最多 {NOTES_MAX} 字，现在有 {len(draft.household_notes)} 字"
    if len(draft.address) > ADDRESS_MAX:
        errors["address"] = f"地址最多 {ADDRESS_MAX} 字"
    if own_id is not None and draft.referrer_id == own_id:
        errors["referrer"] = "推荐人不能是客户本人"
    if draft.vip_tier not in {t.value for t in VipTier}:
        errors["vip_tier"] = "请从列表中选择会员等级"
    if errors:
        raise ValidationError(errors)
    return CleanCustomer(
        name=name,
        honorific=honorific,
        address_as=form_of_address(name, honorific),
        phones=phones,
        district=draft.district.strip(),
        address=draft.address.strip(),
        customer_type=draft.customer_type,
        contact_channel=draft.contact_channel,
        contact_start=draft.contact_start,
        contact_end=draft.contact_end,
        household_notes=draft.household_notes.strip(),
        referrer_id=draft.referrer_id,
        vip_tier=draft.vip_tier,
    )
