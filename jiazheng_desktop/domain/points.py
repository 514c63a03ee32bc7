"""Points (积分) and member tiers (会员等级): the rules, the ledger and what the next tier needs.

Pure: no Qt, no database. Money is integer fen, points are integers.

The ledger works like the voucher ledger: every change is an entry with a signed number of points
(earn and a positive adjust add, spend, expire and a negative adjust take away); the balance is their
sum and never goes below zero. Points earned (and points added by hand) are *lots* that expire
``expiry_months`` after they came in; whatever takes points away uses the lots that expire first, so
what expires is exactly what is left of the lots whose day has come.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .customers import VipTier
from .errors import DomainError, ValidationError
from .money import format_fen


class PointsKind(StrEnum):
    """The ledger's entry kinds, as stored in ``points_entry.kind``."""

    EARN = "earn"
    SPEND = "spend"
    EXPIRE = "expire"
    ADJUST = "adjust"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PointsKind.EARN: "获得",
    PointsKind.SPEND: "兑换",
    PointsKind.EXPIRE: "过期",
    PointsKind.ADJUST: "调整",
}

MAX_PER_YUAN = 100
MAX_REFERRAL_POINTS = 100_000
MAX_EXPIRY_MONTHS = 120
MAX_REASON = 200
MAX_ADJUST = 1_000_000
TIER_MONTHS = 12
"""Tiers look at the last 12 months."""
EXPIRING_SOON_DAYS = 30
"""Points count as "expiring soon" when they expire within this many days."""


# -- the points rule ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointsRule:
    per_yuan: int = 1
    """Points earned per whole ¥1 of a paid visit (0: visits earn no points)."""
    referral_points: int = 0
    """Points for the referrer when a referred customer's first paid visit is recorded (0: none)."""
    redeem_points: int = 100
    """This many points ..."""
    redeem_fen: int = 1000
    """... turn into a voucher worth this much (100 points = ¥10 by default)."""
    min_points: int = 100
    """The fewest points one redemption may use."""
    expiry_months: int = 24
    """Points expire this many months after they came in (0: never)."""
    voucher_valid_days: int = 90
    """How long a voucher bought with points stays valid."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_points_rule(rule: PointsRule) -> PointsRule:
    """Check a points rule as typed in 设置; ``ValidationError`` names every field to fix."""
    errors: dict[str, str] = {}
    if not _is_int(rule.per_yuan) or not 0 <= rule.per_yuan <= MAX_PER_YUAN:
        errors["per_yuan"] = f"每消费 ¥1 得的积分须在 0 到 {MAX_PER_YUAN} 之间（0 表示服务不送积分）"
    if not _is_int(rule.referral_points) or not 0 <= rule.referral_points <= MAX_REFERRAL_POINTS:
        errors["referral_points"] = f"推荐积分须在 0 到 {MAX_REFERRAL_POINTS} 之间（0 表示不送）"
    if not _is_int(rule.redeem_points) or not 1 <= rule.redeem_points <= 100_000:
        errors["redeem_points"] = "兑换比例里的积分须在 1 到 100000 之间"
    if not _is_int(rule.redeem_fen) or not 1 <= rule.redeem_fen <= 100_000:
        errors["redeem_fen"] = "兑换比例里的金额须在 ¥0.01 到 ¥1,000 之间"
    if not _is_int(rule.min_points) or rule.min_points < 1:
        errors["min_points"] = "最少兑换的积分须大于 0"
    elif _is_int(rule.redeem_points) and rule.redeem_points >= 1 and rule.min_points % rule.redeem_points:
        errors["min_points"] = f"最少兑换的积分须是 {rule.redeem_points} 的整数倍"
    if not _is_int(rule.expiry_months) or not 0 <= rule.expiry_months <= MAX_EXPIRY_MONTHS:
        errors["expiry_months"] = f"积分有效期须在 0 到 {MAX_EXPIRY_MONTHS} 个月之间（0 表示永久有效）"
    if not _is_int(rule.voucher_valid_days) or not 1 <= rule.voucher_valid_days <= 366:
        errors["voucher_valid_days"] = "兑换券的有效天数须在 1 到 366 天之间"
    if errors:
        raise ValidationError(errors)
    return rule


def points_for_payment(amount_fen: int, rule: PointsRule) -> int:
    """Points a paid visit earns: ``per_yuan`` for each whole yuan (¥199.50 at 1 point/¥ → 199)."""
    if amount_fen <= 0:
        return 0
    return (amount_fen // 100) * rule.per_yuan


def redemption_value(points: int, rule: PointsRule) -> int:
    """The voucher value in fen that ``points`` buy (0 below one step of the rate)."""
    if points <= 0:
        return 0
    return (points // rule.redeem_points) * rule.redeem_fen


def check_redemption(points: int, balance_points: int, rule: PointsRule) -> int:
    """Refuse a redemption that cannot be made, saying why; the voucher's value in fen otherwise."""
    if not _is_int(points) or points <= 0:
        raise ValidationError({"points": "请填写要兑换的积分"})
    if points < rule.min_points:
        raise ValidationError({"points": f"每次至少兑换 {rule.min_points} 分"})
    if points % rule.redeem_points:
        raise ValidationError(
            {"points": f"兑换的积分须是 {rule.redeem_points} 的整数倍（{rate_text(rule)}）"}
        )
    if points > balance_points:
        raise ValidationError({"points": f"积分不够：现有 {balance_points} 分，不能兑换 {points} 分"})
    return redemption_value(points, rule)


def rate_text(rule: PointsRule) -> str:
    """``100 积分 = ¥10`` (as the desk says it)."""
    return f"{rule.redeem_points} 积分 = {yuan_text(rule.redeem_fen)}"


def yuan_text(fen: int) -> str:
    """``¥620`` for whole yuan, ``¥199.50`` otherwise."""
    return format_fen(fen).removesuffix(".00")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (31 January + 1 month → 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(earned_on: date, rule: PointsRule) -> date | None:
    """The day points earned on ``earned_on`` expire (they are gone from that day on); None: never."""
    return None if rule.expiry_months == 0 else add_months(earned_on, rule.expiry_months)


def check_adjustment(points: int, reason: str, balance_points: int) -> str:
    """Check a manual adjustment; the cleaned reason. ``points`` is signed (−50 takes 50 away)."""
    errors: dict[str, str] = {}
    cleaned = reason.strip()
    if not _is_int(points) or points == 0:
        errors["points"] = "请填写要增加或减少的积分（减少用负数，例如 -50）"
    elif abs(points) > MAX_ADJUST:
        errors["points"] = f"一次最多调整 {MAX_ADJUST} 分"
    elif balance_points + points < 0:
        errors["points"] = f"积分不能减到 0 以下：现有 {balance_points} 分，最多减少 {balance_points} 分"
    if not cleaned:
        errors["reason"] = "请写明调整积分的原因"
    elif len(cleaned) > MAX_REASON:
        errors["reason"] = f"原因最多 {MAX_REASON} 字"
    if errors:
        raise ValidationError(errors)
    return cleaned


# -- the ledger -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointsEntry:
    kind: str
    points: int
    """Signed: + adds, − takes away."""
    expires_on: date | None = None
    """For a lot (a positive entry): the day its points expire; None: never."""


@dataclass(frozen=True)
class Lot:
    expires_on: date | None
    left: int


def balance(entries: Iterable[PointsEntry]) -> int:
    """The points the customer has: the sum of the ledger."""
    return sum(e.points for e in entries)


def check_debit(balance_points: int, points: int) -> None:
    """Refuse to take ``points`` (> 0) away from a balance that does not hold them."""
    if points > balance_points:
        raise DomainError(f"积分不够：现有 {balance_points} 分，不能扣 {points} 分")


def _expiry_key(lot_index: int, lot: Lot) -> tuple[int, date, int]:
    return (1, date.max, lot_index) if lot.expires_on is None else (0, lot.expires_on, lot_index)


def open_lots(entries: Sequence[PointsEntry]) -> list[Lot]:
    """What is left of each lot, oldest expiry first, after every debit took from the lots that expire first.

    Raises ``DomainError`` if the ledger ever goes below zero (it never does: each debit is checked).
    """
    lots: list[Lot] = []
    for entry in entries:
        if entry.points > 0:
            lots.append(Lot(entry.expires_on, entry.points))
            continue
        owed = -entry.points
        order = sorted(range(len(lots)), key=lambda i: _expiry_key(i, lots[i]))
        for i in order:
            if owed == 0:
                break
            take = min(owed, lots[i].left)
            if take:
                lots[i] = Lot(lots[i].expires_on, lots[i].left - take)
                owed -= take
        if owed:
            raise DomainError("积分账目有误：扣减超过了余额")
    kept = [(i, lot) for i, lot in enumerate(lots) if lot.left > 0]
    return [lot for _i, lot in sorted(kept, key=lambda pair: _expiry_key(*pair))]


def due_to_expire(entries: Sequence[PointsEntry], today: date) -> int:
    """Points whose expiry day is today or earlier and that are still there."""
    return sum(
        lot.left for lot in open_lots(entries) if lot.expires_on is not None and lot.expires_on <= today
    )


def expiring_soon(
    entries: Sequence[PointsEntry], today: date, days: int = EXPIRING_SOON_DAYS
) -> tuple[int, date | None]:
    """Points that expire within ``days`` (after today), and the first day some of them go."""
    soon = [
        lot
        for lot in open_lots(entries)
        if lot.expires_on is not None and today < lot.expires_on <= date.fromordinal(today.toordinal() + days)
    ]
    return sum(lot.left for lot in soon), (soon[0].expires_on if soon else None)


# -- tiers ----------------------------------------------------------------------------------------------


class TierBasis(StrEnum):
    SPEND = "spend"
    POINTS = "points"

    @property
    def label(self) -> str:
        return "近 12 个月消费" if self is TierBasis.SPEND else "近 12 个月获得的积分"


DEFAULT_TIER_NAMES = tuple(t.label for t in VipTier)
MAX_TIER_NAME = 6


@dataclass(frozen=True)
class TierRule:
    basis: TierBasis = TierBasis.SPEND
    thresholds: tuple[int, int, int] = (2000_00, 5000_00, 10000_00)
    """What 银卡, 金卡 and VIP need over the last 12 months: fen (spend) or points."""
    names: tuple[str, str, str, str] = DEFAULT_TIER_NAMES  # type: ignore[assignment]
    """The agency's names of the four tiers, lowest first."""

    def name(self, tier: int) -> str:
        return self.names[tier]


def validate_tier_rule(rule: TierRule) -> TierRule:
    """Check a tier rule; ``ValidationError`` names every field to fix (names cleaned of spaces)."""
    errors: dict[str, str] = {}
    names = tuple(n.strip() for n in rule.names)
    if len(names) != len(VipTier):
        errors["names"] = "会员等级须有 4 个名称"
    elif any(not n for n in names):
        errors["names"] = "每个会员等级都要有名称"
    elif any(len(n) > MAX_TIER_NAME for n in names):
        errors["names"] = f"会员等级名称最多 {MAX_TIER_NAME} 个字"
    elif len(set(names)) != len(names):
        errors["names"] = "会员等级的名称不能重复"
    thresholds = rule.thresholds
    if len(thresholds) != 3 or not all(_is_int(t) and t > 0 for t in thresholds):
        errors["thresholds"] = "每个等级的门槛都须大于 0"
    elif not thresholds[0] < thresholds[1] < thresholds[2]:
        errors["thresholds"] = "门槛须一级比一级高"
    if errors:
        raise ValidationError(errors)
    return TierRule(TierBasis(rule.basis), thresholds, names)  # type: ignore[arg-type]


def derive_tier(value: int, rule: TierRule) -> VipTier:
    """The tier that ``value`` (12 months' spend in fen, or points) reaches."""
    tier = VipTier.REGULAR
    for level, threshold in enumerate(rule.thresholds, start=1):
        if value >= threshold:
            tier = VipTier(level)
    return tier


def _amount(value: int, basis: TierBasis) -> str:
    return yuan_text(value) if basis is TierBasis.SPEND else f"{value} 分"


def tier_reason(value: int, rule: TierRule) -> str:
    """Why the tier is what it is: ``近 12 个月消费 ¥3,380（满 ¥2,000 为银卡）``."""
    tier = derive_tier(value, rule)
    said = f"{rule.basis.label} {_amount(value, rule.basis)}"
    if tier == VipTier.REGULAR:
        return f"{said}（满 {_amount(rule.thresholds[0], rule.basis)} 为{rule.name(1)}）"
    return f"{said}（满 {_amount(rule.thresholds[tier - 1], rule.basis)} 为{rule.name(tier)}）"


def next_tier_text(value: int, rule: TierRule, current: int | None = None) -> str:
    """What the next tier needs: ``再消费 ¥620 升为金卡`` (or ``再积 620 分升为金卡``).

    ``current`` is the tier the customer has (an owner's override may put it above what ``value``
    reaches); the next tier is the one above it.
    """
    tier = derive_tier(value, rule) if current is None else VipTier(current)
    if tier == VipTier.DIAMOND:
        return f"已是最高等级（{rule.name(VipTier.DIAMOND)}）"
    needed = rule.thresholds[tier] - value
    if needed <= 0:
        return f"已达到{rule.name(tier + 1)}的门槛"
    verb = f"再消费 {yuan_text(needed)}" if rule.basis is TierBasis.SPEND else f"再积 {needed} 分"
    return f"{verb} 升为{rule.name(tier + 1)}"


def check_override(tier: int | None, reason: str) -> str:
    """Check the owner's tier override (None clears it); the cleaned reason."""
    cleaned = reason.strip()
    errors: dict[str, str] = {}
    if tier is not None and tier not in {t.value for t in VipTier}:
        errors["tier"] = "请从列表中选择会员等级"
    if not cleaned:
        errors["reason"] = "请写明设定会员等级的原因"
    elif len(cleaned) > MAX_REASON:
        errors["reason"] = f"原因最多 {MAX_REASON} 字"
    if errors:
        raise ValidationError(errors)
    return cleaned
