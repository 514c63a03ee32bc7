"""Points (积分) and member tiers (会员等级): earn on paid visits, turn points into a voucher, adjust,
expire, and the tier each customer is in (derived from the last 12 months, or set by the owner).

``customer.points`` is the balance and ``customer.vip_tier`` the tier in force; both are kept here, in
the same transaction as the entry that changes them, so the customer list can filter and sort on them
in SQL. The ledger (``points_entry``) is the truth: every entry records the balance after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

from peewee import IntegrityError, fn

from ..domain.customers import VipTier
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.money import format_fen
from ..domain.points import (
    TIER_MONTHS,
    PointsEntry,
    PointsKind,
    PointsRule,
    TierBasis,
    TierRule,
    add_months,
    balance,
    check_adjustment,
    check_debit,
    check_override,
    check_redemption,
    derive_tier,
    due_to_expire,
    expiring_soon,
    expiry_for,
    next_tier_text,
    points_for_payment,
    rate_text,
    tier_reason,
    validate_points_rule,
    validate_tier_rule,
)
from ..domain.staff import Role
from ..domain.vouchers import CleanVoucher, VoucherKind
from ..storage.fields import to_db_time
from ..storage.models import Customer, ServiceRecord, db
from ..storage.models import PointsEntry as PointsRow
from .changes import ChangeKind
from .context import SYSTEM, Authorization, ServiceContext
from .settings import SettingsService

RULE_KEY = "points.rule"
TIER_RULE_KEY = "points.tier_rule"
ADJUST_ROLE = Role.REGIONAL_MANAGER
"""Points added or taken away by hand: a 区域经理 or above confirms with their password."""
OVERRIDE_ROLE = Role.OWNER
VOUCHER_NOTE = "积分兑换：抵扣服务费"


class VoucherIssuer(Protocol):
    """The part of the voucher service a redemption uses: issue inside the caller's transaction."""

    def issue_within(self, clean: CleanVoucher) -> tuple[int, str]: ...


@dataclass(frozen=True)
class TierView:
    tier: VipTier
    name: str
    """The agency's name of the tier in force."""
    derived: VipTier
    reason: str
    """Why the derived tier is what it is (``近 12 个月消费 ¥3,380（满 ¥2,000 为银卡）``)."""
    override: VipTier | None
    override_reason: str
    next_text: str
    """What the next tier needs (``再消费 ¥620 升为金卡``)."""
    value: int
    """The 12 months' spend in fen, or points (by the rule's basis)."""


@dataclass(frozen=True)
class PointsEntryView:
    id: int
    at: datetime
    kind: PointsKind
    points: int
    balance_after: int
    expires_on: date | None
    cause: str
    """What it came from, in words (a visit, a voucher code, a referral, the reason typed)."""
    staff_name: str


@dataclass(frozen=True)
class PointsSummary:
    customer_id: int
    balance: int
    expiring_points: int
    expiring_on: date | None
    """The first day some of ``expiring_points`` go (within the next 30 days)."""
    tier: TierView
    rule: PointsRule

    @property
    def rate_text(self) -> str:
        return rate_text(self.rule)


@dataclass(frozen=True)
class DailyResult:
    expired_customers: int
    expired_points: int
    tiers_changed: int


class PointsService:
    def __init__(
        self, context: ServiceContext, settings: SettingsService, vouchers: Callable[[], VoucherIssuer]
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._vouchers = vouchers

    # -- rules ------------------------------------------------------------------------------------------

    def rule(self) -> PointsRule:
        """The points rule from settings (a damaged value falls back to the defaults)."""
        stored = self._settings.get_value(RULE_KEY)
        if not isinstance(stored, dict):
            return PointsRule()
        try:
            return validate_points_rule(PointsRule(**{**asdict(PointsRule()), **stored}))
        except (TypeError, ValidationError):
            return PointsRule()

    def tier_rule(self) -> TierRule:
        """The tier rule from settings (a damaged value falls back to the defaults)."""
        stored = self._settings.get_value(TIER_RULE_KEY)
        if not isinstance(stored, dict):
            return TierRule()
        try:
            return validate_tier_rule(
                TierRule(
                    TierBasis(stored["basis"]),
                    tuple(stored["thresholds"]),
                    tuple(stored["names"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            return TierRule()

    def save_rules(self, rule: PointsRule, tiers: TierRule, auth: Authorization | None) -> None:
        """Change the points and tier rules (the owner only); every customer's tier follows."""
        errors: dict[str, str] = {}
        try:
            validate_points_rule(rule)
        except ValidationError as exc:
            errors.update(exc.fields)
        try:
            clean_tiers = validate_tier_rule(tiers)
        except ValidationError as exc:
            errors.update(exc.fields)
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("修改积分与会员等级规则", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改积分与会员等级规则")
            assert auth is not None
            before, before_tiers = self.rule(), self.tier_rule()
            self._settings.put(RULE_KEY, asdict(rule))
            self._settings.put(
                TIER_RULE_KEY,
                {
                    "basis": clean_tiers.basis.value,
                    "thresholds": list(clean_tiers.thresholds),
                    "names": list(clean_tiers.names),
                },
            )
            entry.detail = {
                key: f"{getattr(before, key)} → {value}"
                for key, value in asdict(rule).items()
                if getattr(before, key) != value
            }
            if before_tiers != clean_tiers:
                entry.detail["会员等级"] = f"{_tier_rule_text(before_tiers)} → {_tier_rule_text(clean_tiers)}"
            changed = self._refresh_tiers(clean_tiers)
            if changed:
                entry.detail["等级变化的客户"] = len(changed)
                entry.touch(ChangeKind.CUSTOMER, *changed)
            entry.authorized_by(auth)

    # -- earning ----------------------------------------------------------------------------------------

    def on_visit_added(self, record: ServiceRecord) -> int | None:
        """Points for a paid visit, inside the visit's transaction (``ServiceRecordService.add``).

        Returns the entry's id, or None when the visit earns nothing (unpaid, or the rule gives 0).
        The customer's tier follows the visit too (the 12 months' spend grew).
        """
        rule = self.rule()
        points = points_for_payment(record.amount_fen, rule)
        if points <= 0:
            self._update_tier(record.customer_id)
            return None
        with self._ctx.change("获得积分", "customer") as entry:
            row = self._append(
                record.customer_id,
                PointsKind.EARN,
                points,
                expires_on=expiry_for(self._today(), rule),
                service_record_id=record.id,
                reason=f"{record.service_type} {format_fen(record.amount_fen)}",
            )
            entry.entity_id = record.customer_id
            entry.detail = {"积分": f"+{points}", "余额": row.balance_after, "服务记录": record.id}
            tier = self._update_tier(record.customer_id)
            if tier is not None:
                entry.detail["会员等级"] = tier
        return int(row.id)

    def on_referral(self, referrer_id: int, referred_id: int, record: ServiceRecord) -> int | None:
        """Points for the referrer of a customer whose first paid visit this is (``ReferralService``).

        Once per referred customer (a unique index says so); None when the rule gives none.
        """
        points = self.rule().referral_points
        if points <= 0:
            return None
        if (
            PointsRow.select()
            .where((PointsRow.referred_customer == referred_id) & (PointsRow.kind == PointsKind.EARN.value))
            .exists()
        ):
            return None
        with self._ctx.change("推荐获得积分", "customer") as entry:
            row = self._append(
                referrer_id,
                PointsKind.EARN,
                points,
                expires_on=expiry_for(self._today(), self.rule()),
                referred_customer_id=referred_id,
                service_record_id=None,
                reason="推荐新客户",  # the name is read when shown: an erased customer's is gone
            )
            entry.entity_id = referrer_id
            # The referred customer by number: their name stays out of the referrer's rows (erasure).
            entry.detail = {"积分": f"+{points}", "被推荐客户": f"#{referred_id}", "服务记录": record.id}
        return int(row.id)

    # -- spending, adjusting, expiring --------------------------------------------------------------------

    def redeem(self, customer_id: int, points: int) -> int:
        """Turn ``points`` into a voucher (the rate in settings); returns the voucher's id.

        No approval: the customer spends value they earned under the agency's rule, as a referral
        reward is a rule and not a remedy. ``BEGIN IMMEDIATE``, so two desks spending the same
        points one after the other see each other; the balance check then refuses the second.
        """
        rule = self.rule()
        with self._ctx.change("积分兑换优惠券", "customer", immediate=True) as entry:
            customer = self._customer(customer_id)
            value = check_redemption(points, customer.points, rule)
            today = self._today()
            clean = CleanVoucher(
                customer_id=customer_id,
                kind=VoucherKind.POINTS,
                total_fen=value,
                uses=1,
                value_per_use_fen=value,
                valid_until=today + timedelta(days=rule.voucher_valid_days),
                usage_note=VOUCHER_NOTE,
            )
            voucher_id, code = self._vouchers().issue_within(clean)
            row = self._append(
                customer_id,
                PointsKind.SPEND,
                -points,
                voucher_id=voucher_id,
                reason=f"兑换 {format_fen(value)} 券",
            )
            entry.entity_id = customer_id
            entry.detail = {
                "客户": customer.address_as,
                "积分": f"-{points}",
                "余额": row.balance_after,
                "券码": code,
                "金额": format_fen(value),
                "有效期至": f"{clean.valid_until:%Y-%m-%d}",
            }
            entry.touch(ChangeKind.VOUCHER, voucher_id)
        return voucher_id

    def adjust(self, customer_id: int, points: int, reason: str, auth: Authorization | None) -> int:
        """Add (positive) or take away (negative) points by hand, with a reason (区域经理 or above)."""
        with self._ctx.change("调整积分", "customer", immediate=True) as entry:
            customer = self._customer(customer_id)
            cleaned = check_adjustment(points, reason, customer.points)
            self._ctx.require(auth, ADJUST_ROLE, "调整积分")
            assert auth is not None
            row = self._append(
                customer_id,
                PointsKind.ADJUST,
                points,
                expires_on=expiry_for(self._today(), self.rule()) if points > 0 else None,
                reason=cleaned,
                staff_id=auth.staff_id,
            )
            entry.entity_id = customer_id
            entry.detail = {
                "客户": customer.address_as,
                "积分": f"{points:+d}",
                "余额": row.balance_after,
                "原因": cleaned,
            }
            entry.authorized_by(auth)
        return int(row.id)

    def expire_due(self) -> DailyResult:
        """Take away the points whose expiry day has come; idempotent (a second run finds nothing).

        One transaction and one audit row (by 系统) for the whole run, none when nothing expired.
        """
        today = self._today()
        candidates = [
            int(cid)
            for (cid,) in db.execute_sql(
                "SELECT DISTINCT p.customer_id FROM points_entry p JOIN customer c ON c.id = p.customer_id"
                " WHERE p.points > 0 AND p.expires_on <= ? AND c.points > 0 ORDER BY p.customer_id",
                (today.isoformat(),),
            ).fetchall()
        ]
        due = {cid: n for cid in candidates if (n := due_to_expire(self._ledger(cid), today)) > 0}
        if not due:
            return DailyResult(0, 0, 0)
        with self._ctx.change("积分到期", "customer", immediate=True) as entry:
            entry.by_name = SYSTEM
            total = 0
            for cid in candidates:
                points = due_to_expire(self._ledger(cid), today)  # again, inside the write lock
                if points > 0:
                    self._append(cid, PointsKind.EXPIRE, -points, reason="积分到期")
                    total += points
            entry.detail = {"客户数": len(due), "积分": total}
            entry.touch(ChangeKind.CUSTOMER, *due)
        return DailyResult(len(due), total, 0)

    def run_daily(self) -> DailyResult:
        """The daily job (at start-up and each new day): expire points, then bring tiers up to date
        (the 12 months move on even when nothing is recorded). Idempotent."""
        expired = self.expire_due()
        tiers = self.refresh_tiers()
        return DailyResult(expired.expired_customers, expired.expired_points, tiers)

    def refresh_tiers(self) -> int:
        """Every customer's tier from the rule (overrides kept); how many changed (one audit row if any)."""
        rule = self.tier_rule()
        if not self._stale_tiers(rule):
            return 0
        with self._ctx.change("会员等级按规则更新", "customer", immediate=True) as entry:
            entry.by_name = SYSTEM
            changed = self._refresh_tiers(rule)
            entry.detail = {"客户数": len(changed)}
            entry.touch(ChangeKind.CUSTOMER, *changed)
        return len(changed)

    # -- tiers ------------------------------------------------------------------------------------------

    def set_tier_override(
        self, customer_id: int, tier: int | None, reason: str, auth: Authorization | None
    ) -> None:
        """The owner sets a customer's tier by hand (``tier`` None: back to the derived tier), with a reason."""
        cleaned = check_override(tier, reason)
        with self._ctx.change("设定会员等级", "customer") as entry:
            self._ctx.require(auth, OVERRIDE_ROLE, "设定会员等级")
            assert auth is not None
            customer = self._customer(customer_id)
            rule = self.tier_rule()
            before = rule.name(customer.vip_tier)
            derived = derive_tier(self._tier_value(customer_id, rule), rule)
            effective = derived if tier is None else VipTier(tier)
            Customer.update(
                vip_override=tier,
                vip_override_reason="" if tier is None else cleaned,
                vip_tier=effective.value,
            ).where(Customer.id == customer_id).execute()
            entry.entity_id = customer_id
            entry.detail = {
                "客户": customer.address_as,
                "会员等级": f"{before} → {rule.name(effective)}",
                "方式": "按规则" if tier is None else "店主设定",
                "原因": cleaned,
            }
            entry.authorized_by(auth)

    def tier_view(self, customer_id: int) -> TierView:
        customer = self._customer(customer_id)
        rule = self.tier_rule()
        value = self._tier_value(customer_id, rule)
        derived = derive_tier(value, rule)
        override = None if customer.vip_override is None else VipTier(customer.vip_override)
        tier = override if override is not None else derived
        return TierView(
            tier=tier,
            name=rule.name(tier),
            derived=derived,
            reason=tier_reason(value, rule),
            override=override,
            override_reason=customer.vip_override_reason,
            next_text=next_tier_text(value, rule, tier),
            value=value,
        )

    # -- reading ----------------------------------------------------------------------------------------

    def summary(self, customer_id: int) -> PointsSummary:
        """The balance, what expires in the next 30 days, and the tier (for the profile)."""
        customer = self._customer(customer_id)
        soon, first = expiring_soon(self._ledger(customer_id), self._today())
        return PointsSummary(
            customer_id, customer.points, soon, first, self.tier_view(customer_id), self.rule()
        )

    def entries(self, customer_id: int, limit: int = 200) -> list[PointsEntryView]:
        """The customer's ledger, newest first."""
        from ..storage.models import Staff, Voucher

        rows = (
            PointsRow.select()
            .where(PointsRow.customer == customer_id)
            .order_by(PointsRow.id.desc())
            .limit(limit)
        )
        out: list[PointsEntryView] = []
        for row in rows:
            cause = row.reason
            if row.referred_customer_id is not None:
                referred = Customer.get_or_none(Customer.id == row.referred_customer_id)
                if referred is not None and referred.erased_at is None:
                    cause = f"{cause} {referred.address_as}"
            if row.voucher_id is not None:
                voucher = Voucher.get_or_none(Voucher.id == row.voucher_id)
                if voucher is not None:
                    cause = f"{cause}（券码 {voucher.code}）"
            staff = Staff.get_or_none(Staff.id == row.staff_id) if row.staff_id else None
            out.append(
                PointsEntryView(
                    id=row.id,
                    at=row.at,
                    kind=PointsKind(row.kind),
                    points=row.points,
                    balance_after=row.balance_after,
                    expires_on=row.expires_on,
                    cause=cause,
                    staff_name=staff.name if staff is not None else "",
                )
            )
        return out

    # -- inside -----------------------------------------------------------------------------------------

    def _today(self) -> date:
        return self._ctx.now().date()

    @staticmethod
    def _customer(customer_id: int) -> Customer:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        return customer

    @staticmethod
    def _ledger(customer_id: int) -> list[PointsEntry]:
        rows = db.execute_sql(
            "SELECT kind, points, expires_on FROM points_entry WHERE customer_id = ? ORDER BY id",
            (customer_id,),
        ).fetchall()
        return [
            PointsEntry(kind, points, date.fromisoformat(on) if on else None) for kind, points, on in rows
        ]

    def _append(
        self,
        customer_id: int,
        kind: PointsKind,
        points: int,
        *,
        expires_on: date | None = None,
        service_record_id: int | None = None,
        voucher_id: int | None = None,
        referred_customer_id: int | None = None,
        reason: str = "",
        staff_id: int | None = None,
    ) -> PointsRow:
        """One entry and the cached balance, inside the caller's transaction; never below zero."""
        current = balance(self._ledger(customer_id))
        if points < 0:
            check_debit(current, -points)
        try:
            row = PointsRow.create(
                customer=customer_id,
                kind=kind.value,
                points=points,
                balance_after=current + points,
                expires_on=expires_on if points > 0 else None,
                service_record=service_record_id,
                voucher=voucher_id,
                referred_customer=referred_customer_id,
                reason=reason,
                at=self._ctx.now(),
                staff=staff_id if staff_id is not None else self._ctx.on_duty_id,
            )
        except IntegrityError:
            raise DomainError("这笔积分已经记过了") from None
        Customer.update(points=current + points).where(Customer.id == customer_id).execute()
        return row

    def _window_start(self) -> datetime:
        start = add_months(self._today(), -TIER_MONTHS)
        return datetime.combine(start, time(0), tzinfo=self._ctx.now().tzinfo)

    def _tier_value(self, customer_id: int, rule: TierRule) -> int:
        """The last 12 months' spend (fen) or points earned, by the rule's basis."""
        since = self._window_start()
        if rule.basis is TierBasis.SPEND:
            total = (
                ServiceRecord.select(fn.COALESCE(fn.SUM(ServiceRecord.amount_fen), 0))
                .where((ServiceRecord.customer == customer_id) & (ServiceRecord.served_at >= since))
                .scalar()
            )
        else:
            total = (
                PointsRow.select(fn.COALESCE(fn.SUM(PointsRow.points), 0))
                .where(
                    (PointsRow.customer == customer_id)
                    & (PointsRow.kind == PointsKind.EARN.value)
                    & (PointsRow.at >= since)
                )
                .scalar()
            )
        return int(total or 0)

    def _update_tier(self, customer_id: int) -> str | None:
        """Bring one customer's tier up to date (inside a change); ``银卡 → 金卡`` when it moved."""
        customer = self._customer(customer_id)
        if customer.vip_override is not None:
            return None
        rule = self.tier_rule()
        derived = derive_tier(self._tier_value(customer_id, rule), rule)
        if derived == customer.vip_tier:
            return None
        Customer.update(vip_tier=derived.value).where(Customer.id == customer_id).execute()
        return f"{rule.name(customer.vip_tier)} → {rule.name(derived)}"

    def _derived_all(self, rule: TierRule) -> list[tuple[int, int, int | None, int]]:
        """(id, vip_tier, vip_override, value) of every customer not erased, in one aggregate query."""
        since_text = to_db_time(self._window_start())
        if rule.basis is TierBasis.SPEND:
            sql = (
                "SELECT c.id, c.vip_tier, c.vip_override, COALESCE(SUM(s.amount_fen), 0) FROM customer c"
                " LEFT JOIN service_record s ON s.customer_id = c.id AND s.served_at >= ?"
                " WHERE c.erased_at IS NULL GROUP BY c.id"
            )
        else:
            sql = (
                "SELECT c.id, c.vip_tier, c.vip_override, COALESCE(SUM(p.points), 0) FROM customer c"
                " LEFT JOIN points_entry p ON p.customer_id = c.id AND p.kind = 'earn' AND p.at >= ?"
                " WHERE c.erased_at IS NULL GROUP BY c.id"
            )
        return [(int(a), int(b), c, int(d)) for a, b, c, d in db.execute_sql(sql, (since_text,)).fetchall()]

    def _stale_tiers(self, rule: TierRule) -> list[tuple[int, int]]:
        return [
            (cid, tier)
            for cid, stored, override, value in self._derived_all(rule)
            if (tier := override if override is not None else derive_tier(value, rule)) != stored
        ]

    def _refresh_tiers(self, rule: TierRule) -> list[int]:
        stale = self._stale_tiers(rule)
        for cid, tier in stale:
            Customer.update(vip_tier=tier).where(Customer.id == cid).execute()
        return [cid for cid, _tier in stale]


def _tier_rule_text(rule: TierRule) -> str:
    amounts = [format_fen(t) if rule.basis is TierBasis.SPEND else f"{t} 分" for t in rule.thresholds]
    return f"{rule.basis.label}：" + "，".join(
        f"{name} {amount}" for name, amount in zip(rule.names[1:], amounts, strict=True)
    )
