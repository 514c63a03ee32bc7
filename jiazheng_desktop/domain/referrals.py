"""Referral commission (推荐佣金, 智能分佣): what a referrer earns from the customers they brought.

Pure: no Qt, no database. Money is integer fen; a percentage is kept in basis points (1 % = 100) so
that the amount is computed with integers only.

Rounding: a percentage of a visit's amount is rounded **half up to the fen**
(``(amount_fen × basis_points + 5000) // 10000``): 7.5 % of ¥0.10 is 0.75 分 → 1 分, 10 % of ¥1.05 is
10.5 分 → 11 分, 10 % of ¥1.04 is 10.4 分 → 10 分. Amounts are never negative, so "half up" and "half
away from zero" agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .errors import ValidationError
from .money import format_fen, parse_yuan

PERCENT_MIN_BP = 100
PERCENT_MAX_BP = 5000
VISITS_MIN = 1
VISITS_MAX = 12
FIXED_MAX_FEN = 1000_00
NOTE_MAX = 200


class CommissionMode(StrEnum):
    OFF = "off"
    FIXED = "fixed"
    """A fixed amount per referred customer, earned on their first paid visit."""
    PERCENT = "percent"
    """A percentage of each of the referred customer's first N paid visits."""

    @property
    def label(self) -> str:
        return _MODE_LABELS[self]


_MODE_LABELS = {
    CommissionMode.OFF: "不发佣金",
    CommissionMode.FIXED: "每位被推荐客户固定金额",
    CommissionMode.PERCENT: "被推荐客户前几次付费服务金额的百分比",
}


class CommissionStatus(StrEnum):
    PENDING = "pending"
    SETTLED = "settled"

    @property
    def label(self) -> str:
        return "待结算" if self is CommissionStatus.PENDING else "已结算"


class SettleMethod(StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    BANK = "bank"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    SettleMethod.CASH: "现金",
    SettleMethod.WECHAT: "微信转账",
    SettleMethod.ALIPAY: "支付宝转账",
    SettleMethod.BANK: "银行转账",
}


@dataclass(frozen=True)
class CommissionRule:
    """The agency's commission rule (off unless the owner turns it on)."""

    mode: CommissionMode = CommissionMode.OFF
    fixed_fen: int = 0
    """The amount per referred customer (mode ``fixed``)."""
    percent_bp: int = 0
    """The percentage in basis points, 1000 = 10 % (mode ``percent``)."""
    visits: int = 1
    """How many of the referred customer's first paid visits earn it (mode ``percent``)."""

    def earns(self, paid_visit_number: int, visit_fen: int) -> int:
        """The commission (fen) on a referred customer's ``paid_visit_number``-th paid visit (1 = first)
        of ``visit_fen``; 0 when nothing is due."""
        if visit_fen <= 0 or paid_visit_number < 1:
            return 0
        if self.mode is CommissionMode.FIXED:
            return self.fixed_fen if paid_visit_number == 1 else 0
        if self.mode is CommissionMode.PERCENT:
            return percent_of(visit_fen, self.percent_bp) if paid_visit_number <= self.visits else 0
        return 0

    def basis(self, visit_fen: int) -> str:
        """How one entry was reckoned, kept with it (the rule may change later): ``10% × ¥200.00``."""
        if self.mode is CommissionMode.PERCENT:
            return f"{percent_text(self.percent_bp)}% × {format_fen(visit_fen)}"
        return f"固定 {format_fen(self.fixed_fen)}"

    def describe(self) -> str:
        """The rule in one sentence, for the settings box and the audit log."""
        if self.mode is CommissionMode.FIXED:
            return f"每位被推荐客户首次付费服务后 {format_fen(self.fixed_fen)}"
        if self.mode is CommissionMode.PERCENT:
            return f"被推荐客户前 {self.visits} 次付费服务金额的 {percent_text(self.percent_bp)}%"
        return "不发佣金"


def percent_of(amount_fen: int, basis_points: int) -> int:
    """``basis_points`` / 10000 of ``amount_fen``, rounded half up to the fen (integers only)."""
    if amount_fen < 0 or basis_points < 0:
        raise ValueError("amounts and percentages are never negative here")
    return (amount_fen * basis_points + 5000) // 10000


def percent_text(basis_points: int) -> str:
    """1000 → ``10``, 750 → ``7.5``, 1234 → ``12.34``."""
    whole, part = divmod(basis_points, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}".rstrip("0")


def parse_percent(text: str) -> int:
    """``10``, ``7.5``, ``12.5%`` → basis points; ``ValueError`` with a Chinese message otherwise."""
    cleaned = text.strip().removesuffix("%").removesuffix("％").strip()
    if not cleaned:
        raise ValueError("请填写百分比，例如 10")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("百分比只能填数字，例如 10 或 7.5") from None
    if not value.is_finite():
        raise ValueError("百分比只能填数字，例如 10 或 7.5")
    bp = value * 100
    if bp != bp.to_integral_value():
        raise ValueError("百分比最多保留两位小数")
    if not PERCENT_MIN_BP <= bp <= PERCENT_MAX_BP:
        raise ValueError("百分比须在 1% 到 50% 之间")
    return int(bp)


@dataclass
class CommissionDraft:
    """The commission part of the referral form, as typed."""

    mode: str = CommissionMode.OFF.value
    fixed_text: str = ""
    percent_text: str = ""
    visits: int = 1


def validate_commission_rule(draft: CommissionDraft) -> CommissionRule:
    """Check the typed rule; a ``ValidationError`` names each bad field (``commission_mode``,
    ``commission_fixed``, ``commission_percent``, ``commission_visits``). Only the fields of the chosen
    mode are checked: what is typed for the other mode is not kept."""
    try:
        mode = CommissionMode(draft.mode)
    except ValueError:
        raise ValidationError({"commission_mode": "请选择佣金方式"}) from None
    errors: dict[str, str] = {}
    if mode is CommissionMode.FIXED:
        fixed = 0
        try:
            fixed = parse_yuan(draft.fixed_text)
        except ValueError as exc:
            errors["commission_fixed"] = str(exc)
        else:
            if fixed == 0:
                errors["commission_fixed"] = "固定佣金须大于 0；不想发佣金请选“不发佣金”"
            elif fixed > FIXED_MAX_FEN:
                errors["commission_fixed"] = f"每位客户的佣金最多 {format_fen(FIXED_MAX_FEN)}"
        if errors:
            raise ValidationError(errors)
        return CommissionRule(mode, fixed_fen=fixed)
    if mode is CommissionMode.PERCENT:
        bp = 0
        try:
            bp = parse_percent(draft.percent_text)
        except ValueError as exc:
            errors["commission_percent"] = str(exc)
        if not VISITS_MIN <= draft.visits <= VISITS_MAX:
            errors["commission_visits"] = f"次数须在 {VISITS_MIN} 到 {VISITS_MAX} 次之间"
        if errors:
            raise ValidationError(errors)
        return CommissionRule(mode, percent_bp=bp, visits=draft.visits)
    return CommissionRule()


def validate_settle_note(text: str) -> str:
    """The payout's note, trimmed; too long is refused (field ``note``)."""
    note = text.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"备注最多 {NOTE_MAX} 个字"})
    return note
