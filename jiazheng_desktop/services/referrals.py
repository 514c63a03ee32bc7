"""Referral rewards: a referred customer's first paid visit earns the referrer a voucher (and points,
when the points rule gives some for a referral), once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from peewee import IntegrityError

from ..domain.errors import ValidationError
from ..domain.money import format_fen, parse_yuan
from ..domain.staff import Role
from ..domain.vouchers import CleanVoucher, VoucherDraft, VoucherKind, validate_voucher
from ..storage.models import Customer, ReferralReward, ServiceRecord
from .context import Authorization, ServiceContext
from .settings import SettingsService

REWARD_FEN_KEY = "referral.reward_fen"
VALID_DAYS_KEY = "referral.valid_days"
DEFAULT_REWARD_FEN = 5000
DEFAULT_VALID_DAYS = 90
USAGE_NOTE = "推荐奖励：抵扣一次服务费"
MAX_REWARD_FEN = 1000_00


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

    def save_rule(self, reward_text: str, valid_days: int, auth: Authorization | None) -> ReferralRule:
        """Change the reward (yuan as typed; 0 turns rewards off) and its validity (the owner only)."""
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
            entry.authorized_by(auth)
        return ReferralRule(reward, valid_days)

    def on_visit_added(self, record: ServiceRecord) -> int | None:
        """Reward the referrer if ``record`` is the referred customer's first paid visit.

        Called by ``ServiceRecordService.add`` inside its transaction. Returns the reward
        voucher's id, or ``None`` when nothing is due (unpaid visit, no referrer, not the
        first paid visit, already rewarded, rewards turned off).
        """
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


def _yuan_text(fen: int) -> str:
    """5000 → ``50.00`` (what the voucher service expects as typed yuan)."""
    return f"{fen // 100}.{fen % 100:02d}"
