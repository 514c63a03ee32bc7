"""Referral rewards and commission.

A referred customer's first paid visit earns the referrer a voucher, once (the reward), and points when the
points rule gives some for a referral. Besides it, the agency may pay a commission (推荐佣金): a fixed amount
per referred customer, or a percentage of their first N paid visits (``domain.referrals``), kept in a ledger
per referrer, 待结算 until a manager pays it out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from peewee import IntegrityError, fn

from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.money import format_fen, parse_yuan
from ..domain.referrals import (
    FIXED_MAX_FEN,
    PERCENT_MAX_BP,
    PERCENT_MIN_BP,
    VISITS_MAX,
    VISITS_MIN,
    CommissionDraft,
    CommissionMode,
    CommissionRule,
    CommissionStatus,
    SettleMethod,
    validate_commission_rule,
    validate_settle_note,
)
from ..domain.staff import Role
from ..domain.vouchers import CleanVoucher, VoucherDraft, VoucherKind, validate_voucher
from ..storage.models import Customer, ReferralCommission, ReferralReward, ServiceRecord
from .context import Authorization, ServiceContext
from .settings import SettingsService

REWARD_FEN_KEY = "referral.reward_fen"
VALID_DAYS_KEY = "referral.valid_days"
DEFAULT_REWARD_FEN = 5000
DEFAULT_VALID_DAYS = 90
USAGE_NOTE = "推荐奖励：抵扣一次服务费"
MAX_REWARD_FEN = 1000_00
COMMISSION_MODE_KEY = "referral.commission_mode"
COMMISSION_FIXED_KEY = "referral.commission_fixed_fen"
COMMISSION_PERCENT_KEY = "referral.commission_percent_bp"
COMMISSION_VISITS_KEY = "referral.commission_visits"


class PointsAwarder(Protocol):
    """The part of the points service a referral uses: points for the referrer, inside the transaction."""

    def on_referral(self, referrer_id: int, referred_id: int, record: ServiceRecord) -> int | None: ...


class RewardIssuer(Protocol):
    """The part of the voucher service a reward uses: issue inside the caller's transaction."""

    def issue_within(self, clean: CleanVoucher) -> tuple[int, str]: ...


@dataclass(frozen=True)
class ReferralRule:
    reward_fen: int
    """0 turns referral rewards off."""
    valid_days: int


class ReferralService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        vouchers: Callable[[], RewardIssuer],
        points: Callable[[], PointsAwarder] | None = None,
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._vouchers = vouchers
        self._points = points

    def rule(self) -> ReferralRule:
        """The reward and how long it stays valid, from settings (bad values fall back to the defaults)."""
        reward = self._settings.get_value(REWARD_FEN_KEY, DEFAULT_REWARD_FEN)
        days = self._settings.get_value(VALID_DAYS_KEY, DEFAULT_VALID_DAYS)
        if not isinstance(reward, int) or isinstance(reward, bool) or reward < 0:
            reward = DEFAULT_REWARD_FEN
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            days = DEFAULT_VALID_DAYS
        return ReferralRule(reward, days)

    def commission_rule(self) -> CommissionRule:
        """The commission rule from settings; off unless the owner turned it on (a bad stored value
        turns it off rather than paying a wrong amount)."""
        try:
            mode = CommissionMode(self._settings.get_value(COMMISSION_MODE_KEY, CommissionMode.OFF.value))
        except ValueError:
            return CommissionRule()
        fixed = self._settings.get_value(COMMISSION_FIXED_KEY, 0)
        percent = self._settings.get_value(COMMISSION_PERCENT_KEY, 0)
        visits = self._settings.get_value(COMMISSION_VISITS_KEY, 1)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (fixed, percent, visits)):
            return CommissionRule()
        if mode is CommissionMode.FIXED and 0 < fixed <= FIXED_MAX_FEN:
            return CommissionRule(mode, fixed_fen=fixed)
        if (
            mode is CommissionMode.PERCENT
            and PERCENT_MIN_BP <= percent <= PERCENT_MAX_BP
            and VISITS_MIN <= visits <= VISITS_MAX
        ):
            return CommissionRule(mode, percent_bp=percent, visits=visits)
        return CommissionRule()

    def save_rule(
        self,
        reward_text: str,
        valid_days: int,
        auth: Authorization | None,
        commission: CommissionDraft | None = None,
    ) -> ReferralRule:
        """Change the reward (yuan as typed; 0 turns rewards off) and its validity, and, when given,
        the commission rule (the owner only; one audit row for the whole form).

        A new commission rule counts for visits recorded from now on; entries already earned keep the
        amount they were earned with.
        """
        errors: dict[str, str] = {}
        reward = 0
        try:
            reward = parse_yuan(reward_text)
        except ValueError as exc:
            errors["reward"] = str(exc)
        if reward > MAX_REWARD_FEN:
            errors["reward"] = f"推荐奖励最多 {format_fen(MAX_REWARD_FEN)}"
        if not 1 <= valid_days <= 366:
            errors["valid_days"] = "有效天数须在 1 到 366 天之间"
        new_commission: CommissionRule | None = None
        if commission is not None:
            try:
                new_commission = validate_commission_rule(commission)
            except ValidationError as exc:
                errors.update(exc.fields)
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("修改推荐奖励规则", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改推荐奖励规则")
            assert auth is not None
            before = self.rule()
            self._settings.put(REWARD_FEN_KEY, reward)
            self._settings.put(VALID_DAYS_KEY, valid_days)
            entry.detail = {
                "奖励": f"{format_fen(before.reward_fen)} → {format_fen(reward)}",
                "有效天数": f"{before.valid_days} → {valid_days}",
            }
            if new_commission is not None:
                old = self.commission_rule()
                self._settings.put(COMMISSION_MODE_KEY, new_commission.mode.value)
                self._settings.put(COMMISSION_FIXED_KEY, new_commission.fixed_fen)
                self._settings.put(COMMISSION_PERCENT_KEY, new_commission.percent_bp)
                self._settings.put(COMMISSION_VISITS_KEY, new_commission.visits)
                entry.detail["推荐佣金"] = f"{old.describe()} → {new_commission.describe()}"
            entry.authorized_by(auth)
        return ReferralRule(reward, valid_days)

    def on_visit_added(self, record: ServiceRecord) -> int | None:
        """Reward the referrer if ``record`` is the referred customer's first paid visit, and add the
        commission the rule gives for it.

        Called by ``ServiceRecordService.add`` inside its transaction. Returns the reward
        voucher's id, or ``None`` when no reward is due (unpaid visit, no referrer, not the
        first paid visit, already rewarded, rewards turned off).
        """
        voucher_id = self._reward(record)
        self._commission(record)
        return voucher_id

    def _reward(self, record: ServiceRecord) -> int | None:
        if record.amount_fen <= 0:
            return None
        customer = Customer.get_or_none(Customer.id == record.customer_id)
        if customer is None or customer.referrer_id is None:
            return None
        if self._points is not None and self._first_paid(customer.id, record.id):
            # Referral points (the points rule; 0 = none) are apart from the voucher and its switch.
            self._points().on_referral(customer.referrer_id, customer.id, record)
        if ReferralReward.select().where(ReferralReward.customer == customer.id).exists():
            return None
        if not self._first_paid(customer.id, record.id):
            return None
        rule = self.rule()
        if rule.reward_fen == 0:
            return None
        referrer = Customer.get_or_none(Customer.id == customer.referrer_id)
        if referrer is None:
            return None
        today = self._ctx.now().date()
        clean = validate_voucher(
            VoucherDraft(
                customer_id=referrer.id,
                kind=VoucherKind.REFERRAL.value,
                total_text=_yuan_text(rule.reward_fen),
                uses=1,
                valid_until=today + timedelta(days=rule.valid_days),
                usage_note=USAGE_NOTE,
            ),
            today,
        )
        try:
            # A rule of the agency, not a discretionary remedy: no approval needed; this audit row covers it.
            with self._ctx.change("发放推荐奖励", "referral_reward") as entry:
                voucher_id, code = self._vouchers().issue_within(clean)
                # The primary key (one reward per referred customer) settles any race.
                ReferralReward.insert(
                    customer=customer.id,
                    referrer=referrer.id,
                    voucher=voucher_id,
                    service_record=record.id,
                    at=self._ctx.now(),
                ).execute()
                entry.entity_id = voucher_id
                entry.detail = {
                    "推荐人": referrer.address_as,
                    "被推荐客户": customer.address_as,
                    "券码": code,
                    "金额": format_fen(rule.reward_fen),
                    "有效期至": f"{clean.valid_until:%Y-%m-%d}",
                }
        except IntegrityError:
            if ReferralReward.select().where(ReferralReward.customer == customer.id).exists():
                return None  # rewarded by another desk at the same moment
            raise
        return voucher_id

    @staticmethod
    def _first_paid(customer_id: int, record_id: int) -> bool:
        return not (
            ServiceRecord.select()
            .where(
                (ServiceRecord.customer == customer_id)
                & (ServiceRecord.amount_fen > 0)
                & (ServiceRecord.id != record_id)
            )
            .exists()
        )

    def _commission(self, record: ServiceRecord) -> int | None:
        """The commission the rule gives for this visit of a referred customer, as a 待结算 entry.

        Inside the visit's transaction, which holds the write lock since the visit went in: the count
        of paid visits read here cannot be overtaken by another desk. The unique service record is the
        last guard against the same visit earning twice. Returns the entry's id, or None.
        """
        if record.amount_fen <= 0:
            return None
        rule = self.commission_rule()
        if rule.mode is CommissionMode.OFF:
            return None
        customer = Customer.get_or_none(Customer.id == record.customer_id)
        if customer is None or customer.referrer_id is None:
            return None
        referrer = Customer.get_or_none(Customer.id == customer.referrer_id)
        if referrer is None or referrer.erased_at is not None:
            return None
        if ReferralCommission.select().where(ReferralCommission.service_record == record.id).exists():
            return None
        number = (
            ServiceRecord.select()
            .where(
                (ServiceRecord.customer == customer.id)
                & (ServiceRecord.amount_fen > 0)
                & (ServiceRecord.id <= record.id)
            )
            .count()
        )
        amount = rule.earns(number, record.amount_fen)
        if amount <= 0:
            return None
        with self._ctx.change("记录推荐佣金", "referral_commission") as entry:
            commission = ReferralCommission.create(
                referrer=referrer.id,
                customer=customer.id,
                service_record=record.id,
                amount_fen=amount,
                basis=rule.basis(record.amount_fen),
                status=CommissionStatus.PENDING.value,
                earned_at=self._ctx.now(),
            )
            entry.entity_id = referrer.id
            entry.detail = {
                "推荐人": referrer.address_as,
                # Another person in the referrer's row: by their form of address only, as the reward's row.
                "被推荐客户": customer.address_as,
                "第几次付费服务": number,
                "计算": commission.basis,
                "佣金": format_fen(amount),
            }
        return int(commission.id)

    def settle(
        self, entry_ids: Sequence[int], method: str, note: str, auth: Authorization | None
    ) -> SettledPayout:
        """Pay out pending commission entries of one referrer (a regional manager or the owner confirms).

        One audit row names who paid, how and how much. Entries already settled meanwhile (another
        desk) refuse the whole payout, so nobody is paid twice.
        """
        errors: dict[str, str] = {}
        ids = sorted(set(entry_ids))
        if not ids:
            errors["entries"] = "请至少选择一笔待结算的佣金"
        try:
            paid_by = SettleMethod(method)
        except ValueError:
            errors["method"] = "请选择付款方式"
        try:
            clean_note = validate_settle_note(note)
        except ValidationError as exc:
            errors.update(exc.fields)
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("结算推荐佣金", "referral_commission", immediate=True) as entry:
            self._ctx.require(auth, Role.REGIONAL_MANAGER, "结算推荐佣金")
            assert auth is not None
            rows = list(ReferralCommission.select().where(ReferralCommission.id.in_(ids)))
            if len(rows) != len(ids):
                raise NotFoundError("有佣金记录已不存在，请刷新后重试")
            referrers = {r.referrer_id for r in rows}
            if len(referrers) != 1:
                raise DomainError("一次只能结算同一位推荐人的佣金")
            done = [r for r in rows if r.status != CommissionStatus.PENDING.value]
            if done:
                raise DomainError(f"其中 {len(done)} 笔佣金已经结算过了，请刷新后重试")
            now = self._ctx.now()
            total = sum(r.amount_fen for r in rows)
            (referrer_id,) = referrers
            updated = (
                ReferralCommission.update(
                    status=CommissionStatus.SETTLED.value,
                    settled_at=now,
                    settled_by=auth.staff_id,
                    settled_by_name=auth.name,
                    settle_method=paid_by.value,
                    settle_note=clean_note,
                )
                .where(
                    ReferralCommission.id.in_(ids)
                    & (ReferralCommission.status == CommissionStatus.PENDING.value)
                )
                .execute()
            )
            if updated != len(ids):  # cannot happen under the write lock; never pay a partial payout
                raise DomainError("佣金的状态刚刚变了，请刷新后重试")
            referrer = Customer.get(Customer.id == referrer_id)
            entry.entity_id = referrer_id
            entry.detail = {
                "推荐人": referrer.address_as,
                "笔数": len(ids),
                "金额": format_fen(total),
                "付款方式": paid_by.label,
                "付款人": auth.name,
            }
            if clean_note:
                entry.detail["备注"] = clean_note
            entry.authorized_by(auth)
        return SettledPayout(referrer_id, tuple(ids), total, paid_by, auth.name, now)

    def summary(self, referrer_id: int) -> ReferrerSummary:
        """Whom the customer brought (with each one's paid visits and the commission they earned), and
        the commission earned, pending and settled in all."""
        if not Customer.select().where(Customer.id == referrer_id).exists():
            raise NotFoundError("找不到这位客户，可能已被删除")
        referred_query = Customer.select(Customer.id).where(Customer.referrer == referrer_id)
        counted: Any = (
            ServiceRecord.select(ServiceRecord.customer, fn.COUNT(ServiceRecord.id))
            .where((ServiceRecord.amount_fen > 0) & ServiceRecord.customer.in_(referred_query))
            .group_by(ServiceRecord.customer)
            .tuples()
        )
        visits: dict[int, int] = dict(counted)
        earned: dict[int, int] = {}
        pending = settled = 0
        for entry in ReferralCommission.select().where(ReferralCommission.referrer == referrer_id):
            earned[entry.customer_id] = earned.get(entry.customer_id, 0) + entry.amount_fen
            if entry.status == CommissionStatus.PENDING.value:
                pending += entry.amount_fen
            else:
                settled += entry.amount_fen
        referred_ids = {c.id for c in referred_query}
        referred_ids |= set(earned)  # one who earned and was moved to another referrer since still counts
        people = [
            ReferredCustomer(c.id, c.address_as, c.created_at, visits.get(c.id, 0), earned.get(c.id, 0))
            for c in Customer.select()
            .where(Customer.id.in_(list(referred_ids)))
            .order_by(Customer.created_at, Customer.id)
        ]
        return ReferrerSummary(referrer_id, tuple(people), pending + settled, pending, settled)

    def pending(self, referrer_id: int | None = None) -> list[CommissionRow]:
        """The 待结算 entries, oldest first: one referrer's, or (None) the whole office's."""
        referrer = Customer.alias()
        referred = Customer.alias()
        condition = ReferralCommission.status == CommissionStatus.PENDING.value
        if referrer_id is not None:
            condition &= ReferralCommission.referrer == referrer_id
        query: Any = (
            ReferralCommission.select(
                ReferralCommission.id,
                ReferralCommission.referrer,
                referrer.address_as,
                ReferralCommission.customer,
                referred.address_as,
                ServiceRecord.served_at,
                ServiceRecord.service_type,
                ServiceRecord.amount_fen,
                ReferralCommission.amount_fen,
                ReferralCommission.basis,
                ReferralCommission.earned_at,
            )
            .join(referrer, on=(ReferralCommission.referrer == referrer.id))
            .switch(ReferralCommission)
            .join(referred, on=(ReferralCommission.customer == referred.id))
            .switch(ReferralCommission)
            .join(ServiceRecord, on=(ReferralCommission.service_record == ServiceRecord.id))
            .where(condition)
            .order_by(ReferralCommission.earned_at, ReferralCommission.id)
            .tuples()
        )
        rows: list[CommissionRow] = []
        for row in query:  # peewee reads each column back through its field (the datetimes are aware)
            rows.append(CommissionRow(*row))
        return rows


@dataclass(frozen=True)
class ReferredCustomer:
    """Someone a referrer brought: since when (their file was opened), paid visits, commission earned."""

    customer_id: int
    name: str
    since: datetime
    paid_visits: int
    earned_fen: int


@dataclass(frozen=True)
class ReferrerSummary:
    referrer_id: int
    referred: tuple[ReferredCustomer, ...]
    earned_fen: int
    pending_fen: int
    settled_fen: int


@dataclass(frozen=True)
class CommissionRow:
    """A pending commission entry, with the visit that earned it."""

    id: int
    referrer_id: int
    referrer_name: str
    customer_id: int
    customer_name: str
    served_at: datetime
    service_type: str
    visit_fen: int
    amount_fen: int
    basis: str
    earned_at: datetime


@dataclass(frozen=True)
class SettledPayout:
    referrer_id: int
    entry_ids: tuple[int, ...]
    total_fen: int
    method: SettleMethod
    paid_by: str
    at: datetime


def _yuan_text(fen: int) -> str:
    """5000 → ``50.00`` (what the voucher service expects as typed yuan)."""
    return f"{fen // 100}.{fen % 100:02d}"
