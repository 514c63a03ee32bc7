"""Campaigns (营销活动): a purpose, an audience, a message, optionally one voucher for every recipient.

Pure rules: no Qt, no database. Stored values are ASCII ids; the Chinese is a label. The audience is
always limited to customers who agreed to 营销与节日问候 (the services add that condition themselves:
it is not a filter anyone can turn off).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .errors import ValidationError
from .money import format_fen, parse_yuan
from .templates import placeholders_in, validate_template
from .vouchers import MAX_USES, VoucherKind


class CampaignPurpose(StrEnum):
    FESTIVAL = "festival"
    WIN_BACK = "win_back"
    RENEWAL = "renewal"
    NEW_SERVICE = "new_service"

    @property
    def label(self) -> str:
        return _PURPOSE_LABELS[self]


_PURPOSE_LABELS = {
    CampaignPurpose.FESTIVAL: "节日问候",
    CampaignPurpose.WIN_BACK: "挽回流失风险客户",
    CampaignPurpose.RENEWAL: "续约推广",
    CampaignPurpose.NEW_SERVICE: "新服务推广",
}


class RecipientState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    SKIPPED = "skipped"
    STOPPED = "stopped"
    """The customer asked for no more marketing: their consent was withdrawn."""

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    RecipientState.PENDING: "待发送",
    RecipientState.SENT: "已发送",
    RecipientState.SKIPPED: "已跳过",
    RecipientState.STOPPED: "不要再发",
}


class ContractState(StrEnum):
    """The audience filter on contracts."""

    ANY = "any"
    ACTIVE = "active"
    ENDING = "ending"
    """An active contract ending within ``ENDING_DAYS``."""
    NONE = "none"
    """No active contract (never had one, or it ended)."""

    @property
    def label(self) -> str:
        return _CONTRACT_LABELS[self]


_CONTRACT_LABELS = {
    ContractState.ANY: "不限",
    ContractState.ACTIVE: "有进行中的合同",
    ContractState.ENDING: f"合同 {30} 天内到期",
    ContractState.NONE: "没有进行中的合同",
}
ENDING_DAYS = 30

VALUE_TIERS = ("高价值", "中价值", "一般", "暂无")
"""The tiers of ``domain.lifecycle.Value.tier``."""

NOT_IN_MESSAGES = frozenset({"家庭备注", "家庭备注句", "同意用途", "同意内容", "事件编号", "问题"})
"""Placeholders a campaign message may not use: what the customer agreed to keep off SMS and WeChat
(household notes), and what belongs to other conversations (consent wording, complaints)."""

NAME_MAX = 40
VALID_DAYS_DEFAULT = 30
RESULT_DAYS_DEFAULT = 14
"""Results: a customer "booked" when they had a visit within this many days after their message."""

DEFAULT_TEMPLATES = {
    CampaignPurpose.FESTIVAL: (
        "{称呼}您好！{节日}快到了，{公司名称}祝您和家人节日快乐、万事如意！"
        "感谢您一直以来的信任，有需要随时联系我们：{公司电话}。"
    ),
    CampaignPurpose.WIN_BACK: (
        "{称呼}您好，我是{公司名称}的{客服}。好久没为您服务了，想问问上次的服务有没有不满意的地方？"
        "我们一直在改进，期待再次为您服务：{公司电话}。"
    ),
    CampaignPurpose.RENEWAL: (
        "{称呼}您好，您的{套餐}将于{合同到期日}到期。现在续约可以继续安排熟悉的阿姨上门，"
        "有任何需要请联系我们：{公司电话}。"
    ),
    CampaignPurpose.NEW_SERVICE: ("{称呼}您好！{公司名称}新推出了服务项目，欢迎了解和预约：{公司电话}。"),
}
VOUCHER_SENTENCE = "送您一张{金额}的优惠券，券码 {券码}，有效期到{有效期}。"
"""Added to a default template when the campaign gives a voucher."""


@dataclass(frozen=True)
class AudienceFilter:
    """Who the campaign is for (beside marketing consent, which is always required).

    Empty tuples and None mean "any". ``stages`` are ``Stage`` values, ``risk_bands`` ``RiskBand``
    values, ``value_tiers`` from ``VALUE_TIERS``: these need each candidate assessed.
    """

    stages: tuple[str, ...] = ()
    risk_bands: tuple[str, ...] = ()
    value_tiers: tuple[str, ...] = ()
    district: str = ""
    service_type: str = ""
    """Customers who had at least one visit of this service type."""
    visited_within_days: int | None = None
    """Last visit at most this many days ago."""
    not_visited_days: int | None = None
    """No visit for at least this many days (or never served)."""
    contract: str = ContractState.ANY.value

    @property
    def needs_assessment(self) -> bool:
        return bool(self.stages or self.risk_bands or self.value_tiers)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> AudienceFilter:
        if not isinstance(data, dict):
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("stages", "risk_bands", "value_tiers"):
            if key in known:
                known[key] = tuple(known[key] or ())
        try:
            return cls(**known)
        except TypeError:
            return cls()

    def validated(self) -> AudienceFilter:
        errors: dict[str, str] = {}
        for key, value in (("visited_within_days", self.visited_within_days),
                           ("not_visited_days", self.not_visited_days)):  # fmt: skip
            if value is not None and not 0 < value <= 3650:
                errors[key] = "天数请填 1 到 3650 之间的整数"
        if (
            self.visited_within_days is not None
            and self.not_visited_days is not None
            and self.not_visited_days > self.visited_within_days
        ):
            errors["not_visited_days"] = "“多少天没服务”不能大于“最近多少天内服务过”，这样没有客户符合"
        try:
            ContractState(self.contract)
        except ValueError:
            errors["contract"] = "请从列表中选择合同情况"
        if any(t not in VALUE_TIERS for t in self.value_tiers):
            errors["value_tiers"] = "请从列表中选择价值等级"
        if errors:
            raise ValidationError(errors)
        return AudienceFilter(
            tuple(self.stages),
            tuple(self.risk_bands),
            tuple(self.value_tiers),
            self.district.strip(),
            self.service_type.strip(),
            self.visited_within_days,
            self.not_visited_days,
            self.contract,
        )

    def describe(self) -> str:
        """The filters in words, for the audit row and the campaign's card."""
        parts = []
        if self.stages:
            parts.append("阶段：" + "、".join(self.stages))
        if self.risk_bands:
            parts.append("风险：" + "、".join(self.risk_bands))
        if self.value_tiers:
            parts.append("价值：" + "、".join(self.value_tiers))
        if self.district:
            parts.append(f"区：{self.district}")
        if self.service_type:
            parts.append(f"服务过：{self.service_type}")
        if self.visited_within_days is not None:
            parts.append(f"{self.visited_within_days} 天内服务过")
        if self.not_visited_days is not None:
            parts.append(f"{self.not_visited_days} 天以上没服务")
        if self.contract != ContractState.ANY.value:
            parts.append(ContractState(self.contract).label)
        return ("同意营销的客户中：" + "；".join(parts)) if parts else "所有同意营销的客户"


@dataclass
class CampaignDraft:
    """A campaign as typed in the new-campaign dialog (the voucher value is still text in yuan)."""

    name: str
    purpose: str
    template: str
    festival_key: str | None = None
    audience: AudienceFilter = field(default_factory=AudienceFilter)
    voucher_kind: str | None = None
    """None: no voucher."""
    voucher_value_text: str = ""
    """Per use, in yuan."""
    voucher_uses: int = 1
    voucher_valid_until: date | None = None


@dataclass(frozen=True)
class CleanCampaign:
    name: str
    purpose: CampaignPurpose
    template: str
    festival_key: str | None
    audience: AudienceFilter
    voucher_kind: VoucherKind | None
    voucher_value_fen: int
    voucher_uses: int
    voucher_valid_until: date | None

    @property
    def voucher_per_recipient_fen(self) -> int:
        return self.voucher_value_fen * self.voucher_uses if self.voucher_kind is not None else 0


def validate_campaign(draft: CampaignDraft, today: date, festival_keys: frozenset[str]) -> CleanCampaign:
    """Check a campaign before it is saved; ``ValidationError`` names every field to fix."""
    errors: dict[str, str] = {}
    name = draft.name.strip()
    if not name:
        errors["name"] = "请给活动起个名字，例如：2027 春节问候"
    elif len(name) > NAME_MAX:
        errors["name"] = f"活动名称最多 {NAME_MAX} 个字"
    purpose: CampaignPurpose | None = None
    try:
        purpose = CampaignPurpose(draft.purpose)
    except ValueError:
        errors["purpose"] = "请选择活动目的"
    festival = draft.festival_key or None
    if purpose is CampaignPurpose.FESTIVAL and festival not in festival_keys:
        errors["festival"] = "节日问候请选择是哪个节日"
    if purpose is not None and purpose is not CampaignPurpose.FESTIVAL:
        festival = None
    try:
        validate_template(name or "活动", draft.template)
    except ValidationError as exc:
        if "body" in exc.fields:
            errors["template"] = exc.fields["body"]
    else:
        private = [n for n in placeholders_in(draft.template) if n in NOT_IN_MESSAGES]
        if private:
            errors["template"] = (
                f"{{{private[0]}}} 不能写进发给客户的短信或微信：家庭备注只给上门服务的员工看（客户同意时就是这样说的），"
                "同意条款和投诉内容也不属于营销消息。请删掉这个占位符"
            )
    try:
        audience = draft.audience.validated()
    except ValidationError as exc:
        errors.update(exc.fields)
        audience = AudienceFilter()
    kind: VoucherKind | None = None
    value = 0
    uses = 1
    if draft.voucher_kind:
        try:
            kind = VoucherKind(draft.voucher_kind)
        except ValueError:
            errors["voucher_kind"] = "请从列表中选择券的种类"
        if kind in (VoucherKind.COMPENSATION, VoucherKind.REFERRAL):
            errors["voucher_kind"] = "营销活动只能发优惠券或节日红包"
        try:
            value = parse_yuan(draft.voucher_value_text)
            if value <= 0:
                errors["voucher_value"] = "券的金额须大于 0"
        except ValueError as exc:
            errors["voucher_value"] = str(exc)
        uses = draft.voucher_uses
        if not isinstance(uses, int) or not 1 <= uses <= MAX_USES:
            errors["voucher_uses"] = f"使用次数须在 1 到 {MAX_USES} 次之间"
        if draft.voucher_valid_until is None:
            errors["voucher_valid_until"] = "请填写券的有效期"
        elif draft.voucher_valid_until < today:
            errors["voucher_valid_until"] = f"有效期不能早于今天（{today:%Y-%m-%d}）"
    if errors:
        raise ValidationError(errors)
    assert purpose is not None
    return CleanCampaign(
        name,
        purpose,
        draft.template.strip(),
        festival,
        audience,
        kind,
        value if kind is not None else 0,
        uses if kind is not None else 0,
        draft.voucher_valid_until if kind is not None else None,
    )


def budget_text(recipients: int, per_use_fen: int, uses: int) -> str:
    """``300 位 × 1 次 × ¥20.00 = ¥6,000.00``."""
    return f"{recipients} 位 × {uses} 次 × {format_fen(per_use_fen)} = {format_fen(recipients * uses * per_use_fen)}"


def progress_text(counts: dict[RecipientState, int]) -> str:
    """``已发送 12 / 跳过 3 / 不要再发 1 / 共 300``."""
    total = sum(counts.values())
    text = f"已发送 {counts.get(RecipientState.SENT, 0)} / 跳过 {counts.get(RecipientState.SKIPPED, 0)}"
    stopped = counts.get(RecipientState.STOPPED, 0)
    if stopped:
        text += f" / 不要再发 {stopped}"
    return text + f" / 共 {total}"
