"""Vouchers: issue, redeem against a visit, void, expire, and find them again."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from peewee import IntegrityError

from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.incidents import role_needed
from ..domain.money import format_fen
from ..domain.privacy import Purpose
from ..domain.staff import Role
from ..domain.vouchers import (
    CHECK_MESSAGE,
    CleanVoucher,
    EntryKind,
    LedgerEntry,
    VoucherDraft,
    VoucherKind,
    VoucherStatus,
    balance,
    check_redeem,
    check_void,
    is_legacy_code,
    make_code,
    normalize_code,
    remaining_uses,
    validate_voucher,
)
from ..storage.models import Customer, Incident, ServiceRecord, Voucher, VoucherEntry
from .consents import ConsentService
from .context import SYSTEM, Authorization, ServiceContext
from .incident_rules import IncidentRulesService
from .paging import KeysetList
from .settings import SettingsService
from .voucher_views import EntryView, VoucherFilter, VoucherRow, VoucherView, list_vouchers, voucher_listing

__all__ = ["EntryView", "VoucherFilter", "VoucherRow", "VoucherService", "VoucherView"]

COMPENSATION_DAYS_KEY = "vouchers.compensation_valid_days"
DEFAULT_COMPENSATION_DAYS = 90
COMPENSATION_NOTE = "抵扣下次服务费"
VOID_ROLE = Role.REGIONAL_MANAGER
MARKETING_KINDS = frozenset({VoucherKind.PROMOTION, VoucherKind.FESTIVAL})
"""Vouchers that are marketing (营销与节日问候); compensation and referral rewards are owed, not marketing."""


class VoucherService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        incident_rules: IncidentRulesService,
        consents: ConsentService | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._incident_rules = incident_rules
        self._consents = consents or ConsentService(context)
        self._rng = rng or random.SystemRandom()

    # -- rules ------------------------------------------------------------------------------------

    def compensation_valid_days(self) -> int:
        return int(self._settings.get_value(COMPENSATION_DAYS_KEY, DEFAULT_COMPENSATION_DAYS))

    def _today(self) -> date:
        return self._ctx.now().date()

    # -- issuing -----------------------------------------------------------------------------------

    def issue(
        self, draft: VoucherDraft, auth: Authorization | None = None, *, contract_offer: bool = False
    ) -> int:
        """Issue a voucher; above the on-duty role's compensation limit ``auth`` must approve it.

        A promotion or festival red packet goes only to a customer who agreed to 营销与节日问候
        (``ValidationError`` on ``kind`` otherwise). ``contract_offer``: the voucher is a renewal
        offer on the customer's own contract, made in the renewal conversation: that is the contract
        at work, not marketing, and PIPL does not let a service wait on a consent it does not need.
        """
        clean = validate_voucher(draft, self._today())
        if clean.kind is VoucherKind.POINTS:
            raise ValidationError({"kind": "积分兑换券只能在客户页用“兑换优惠券…”以积分兑换，请选择其他种类"})
        with self._ctx.change("发放优惠券", "voucher") as entry:
            if clean.kind in MARKETING_KINDS and not contract_offer:
                self._check_marketing(clean.customer_id, clean.kind)
            if draft.incident_number.strip():
                clean = replace(
                    clean, incident_id=self._incident_of(draft.incident_number, clean.customer_id)
                )
            needed = role_needed(clean.total_fen, self._incident_rules.limits())
            if needed > self._ctx.on_duty_role():
                self._ctx.require(auth, needed, f"发放 {format_fen(clean.total_fen)} 的券")
                assert auth is not None
                entry.authorized_by(auth)
            voucher_id, code = self.issue_within(clean)
            entry.entity_id = voucher_id
            entry.detail |= {
                "券码": code,
                "种类": clean.kind.label,
                "金额": format_fen(clean.total_fen),
                "次数": clean.uses,
                "有效期至": f"{clean.valid_until:%Y-%m-%d}",
            }
            if clean.incident_id is not None:
                entry.detail["关联投诉"] = Incident.get_by_id(clean.incident_id).number
        return voucher_id

    @staticmethod
    def _incident_of(number: str, customer_id: int) -> int:
        """The complaint a voucher is linked to by its number: it must be this customer's."""
        typed = number.strip().upper()
        incident = Incident.get_or_none(Incident.number == typed)
        if incident is None:
            raise ValidationError({"incident": f"找不到投诉 {typed}，请核对编号（例如 SJ-2026-0042）"})
        if incident.customer_id != customer_id:
            raise ValidationError({"incident": f"投诉 {typed} 不是这位客户的，请核对编号或客户"})
        return int(incident.id)

    def issue_within(self, clean: CleanVoucher) -> tuple[int, str]:
        """Create the voucher and its 'issue' entry inside the caller's transaction (id, code).

        No approval and no audit row: the caller's action carries both.
        """
        customer = Customer.get_or_none(Customer.id == clean.customer_id)
        if customer is None:
            raise ValidationError({"customer": "所选客户已不存在，请重新选择"})
        if clean.incident_id is not None and Incident.get_or_none(Incident.id == clean.incident_id) is None:
            raise ValidationError({"incident": "关联的事件已不存在"})
        now = self._ctx.now()
        code = self._new_code()
        voucher = Voucher.create(
            code=code,
            kind=clean.kind.value,
            customer=clean.customer_id,
            incident=clean.incident_id,
            uses_total=clean.uses,
            value_per_use_fen=clean.value_per_use_fen,
            value_fen=clean.total_fen,
            valid_until=clean.valid_until,
            usage_note=clean.usage_note,
            status=VoucherStatus.ACTIVE.value,
            created_at=now,
            created_by=self._ctx.on_duty_id,
        )
        VoucherEntry.create(
            voucher=voucher.id,
            kind=EntryKind.ISSUE.value,
            amount_fen=clean.total_fen,
            at=now,
            staff=self._ctx.on_duty_id,
        )
        self._ctx.sync_reminders("voucher", voucher.id)
        return int(voucher.id), code

    def _check_marketing(self, customer_id: int, kind: VoucherKind) -> None:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise ValidationError({"customer": "所选客户已不存在，请重新选择"})
        if not self._consents.has(customer_id, Purpose.MARKETING):
            raise ValidationError(
                {
                    "kind": f"{customer.address_as}没有同意接收{Purpose.MARKETING.label}，不能发{kind.label}。"
                    "请先在客户页点“记录同意…”征求客户同意；补偿券和推荐奖励不受影响"
                }
            )

    def compensation_for(
        self, incident_id: int, customer_id: int, amount_fen: int, uses: int = 1
    ) -> CleanVoucher:
        """The compensation voucher an incident's 行动 step gives: ``amount_fen`` in all, in ``uses``
        equal uses (checked by ``validate_remedies``), valid N days."""
        if uses < 1 or amount_fen % uses:
            raise ValidationError({"remedies": f"{format_fen(amount_fen)} 分 {uses} 次不能整分到分"})
        return CleanVoucher(
            customer_id=customer_id,
            kind=VoucherKind.COMPENSATION,
            total_fen=amount_fen,
            uses=uses,
            value_per_use_fen=amount_fen // uses,
            valid_until=self._today() + timedelta(days=self.compensation_valid_days()),
            usage_note=COMPENSATION_NOTE,
            incident_id=incident_id,
        )

    def _new_code(self) -> str:
        for _ in range(100):
            code = make_code(self._rng)
            if not Voucher.select().where(Voucher.code == code).exists():
                return code
        raise DomainError("生成券码失败，请再试一次")  # 32**7 codes: practically never

    # -- the ledger --------------------------------------------------------------------------------

    def redeem(self, code: str, service_record_id: int) -> VoucherView:
        """Use one use of the voucher against a visit of the same customer.

        One write transaction that starts with ``BEGIN IMMEDIATE``: of two redemptions
        racing, the second waits and then sees the first. The unique index on
        (voucher, visit) is the last guard against counting one visit twice.
        """
        try:
            normalized = normalize_code(code)
        except ValueError as exc:
            raise ValidationError({"code": str(exc)}) from None
        if self._ctx.write_gate is not None:
            self._ctx.write_gate()
        try:
            with self._ctx.change("使用优惠券", "voucher", immediate=True) as entry:
                voucher = Voucher.get_or_none(Voucher.code == normalized)
                if voucher is None:
                    raise _unknown_code(normalized)
                record = ServiceRecord.get_or_none(ServiceRecord.id == service_record_id)
                if record is None:
                    raise NotFoundError("找不到这条服务记录，可能已被删除")
                if record.customer_id != voucher.customer_id:
                    raise DomainError("这张券不属于这次服务的客户，不能用在这次服务上")
                left = self._balance(voucher.id)
                check_redeem(voucher.status, voucher.valid_until, self._today(), left)
                if (
                    VoucherEntry.select()
                    .where(
                        VoucherEntry.voucher == voucher.id,
                        VoucherEntry.kind == EntryKind.REDEEM.value,
                        VoucherEntry.service_record == service_record_id,
                    )
                    .exists()
                ):
                    raise DomainError("这次服务已经用过这张券了")
                amount = min(voucher.value_per_use_fen, left)
                VoucherEntry.create(
                    voucher=voucher.id,
                    kind=EntryKind.REDEEM.value,
                    amount_fen=-amount,
                    service_record=service_record_id,
                    at=self._ctx.now(),
                    staff=self._ctx.on_duty_id,
                )
                if left - amount <= 0:
                    Voucher.update(status=VoucherStatus.USED.value).where(Voucher.id == voucher.id).execute()
                    self._ctx.sync_reminders("voucher", voucher.id)
                entry.entity_id = voucher.id
                entry.detail = {
                    "券码": normalized,
                    "抵扣": format_fen(amount),
                    "余额": format_fen(left - amount),
                    "服务记录": service_record_id,
                }
        except IntegrityError:
            raise DomainError("这次服务已经用过这张券了") from None
        return self.get(int(voucher.id))

    def void(self, voucher_id: int, reason: str, auth: Authorization | None) -> None:
        """Void what is left on a voucher (区域经理 or above, with a reason)."""
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "请写明作废的原因"})
        if len(reason) > 200:
            raise ValidationError({"reason": "原因最多 200 字"})
        with self._ctx.change("作废优惠券", "voucher") as entry:
            self._ctx.require(auth, VOID_ROLE, "作废优惠券")
            assert auth is not None
            voucher = self._get(voucher_id)
            check_void(voucher.status)
            left = self._balance(voucher_id)
            self._close(voucher, EntryKind.VOID, VoucherStatus.VOID, left, reason, auth.staff_id)
            entry.entity_id = voucher_id
            entry.detail = {"券码": voucher.code, "作废金额": format_fen(left), "原因": reason}
            entry.authorized_by(auth)

    def void_within(self, voucher_id: int, reason: str) -> None:
        """Void an unused voucher inside the caller's transaction (a corrected 行动 step)."""
        voucher = self._get(voucher_id)
        if voucher.status != VoucherStatus.ACTIVE:
            return
        self._close(voucher, EntryKind.VOID, VoucherStatus.VOID, self._balance(voucher_id), reason, None)

    def has_redemptions(self, voucher_id: int) -> bool:
        return (
            VoucherEntry.select()
            .where(VoucherEntry.voucher == voucher_id, VoucherEntry.kind == EntryKind.REDEEM.value)
            .exists()
        )

    def expire_due(self) -> int:
        """Expire active vouchers whose last valid day has passed; how many (0 when none)."""
        today = self._today()
        due = Voucher.select(Voucher.id).where(
            Voucher.status == VoucherStatus.ACTIVE.value, Voucher.valid_until < today
        )
        if not due.exists():
            return 0
        with self._ctx.change("优惠券到期", "voucher") as entry:
            entry.by_name = SYSTEM
            codes: list[str] = []
            for voucher in Voucher.select().where(
                Voucher.status == VoucherStatus.ACTIVE.value, Voucher.valid_until < today
            ):
                left = self._balance(voucher.id)
                self._close(voucher, EntryKind.EXPIRE, VoucherStatus.EXPIRED, left, "过期", None)
                codes.append(voucher.code)
            entry.detail = {"到期": "、".join(codes), "张数": len(codes)}
        return len(codes)

    def _close(
        self,
        voucher: Voucher,
        kind: EntryKind,
        status: VoucherStatus,
        left: int,
        reason: str,
        staff_id: int | None,
    ) -> None:
        VoucherEntry.create(
            voucher=voucher.id,
            kind=kind.value,
            amount_fen=-left,
            reason=reason,
            at=self._ctx.now(),
            staff=staff_id if staff_id is not None else self._ctx.on_duty_id,
        )
        Voucher.update(status=status.value).where(Voucher.id == voucher.id).execute()
        self._ctx.sync_reminders("voucher", voucher.id)

    @staticmethod
    def _entries(voucher_id: int) -> list[VoucherEntry]:
        return list(VoucherEntry.select().where(VoucherEntry.voucher == voucher_id).order_by(VoucherEntry.id))

    def _balance(self, voucher_id: int) -> int:
        return balance(LedgerEntry(e.kind, e.amount_fen) for e in self._entries(voucher_id))

    # -- reading -----------------------------------------------------------------------------------

    def _get(self, voucher_id: int) -> Voucher:
        voucher = Voucher.get_or_none(Voucher.id == voucher_id)
        if voucher is None:
            raise NotFoundError("找不到这张券，可能已被删除")
        return voucher

    def get(self, voucher_id: int) -> VoucherView:
        voucher = self._get(voucher_id)
        rows = self._entries(voucher_id)
        ledger = [LedgerEntry(e.kind, e.amount_fen) for e in rows]
        customer = Customer.get_by_id(voucher.customer_id)
        incident = Incident.get_or_none(Incident.id == voucher.incident_id) if voucher.incident_id else None
        return VoucherView(
            id=voucher.id,
            code=voucher.code,
            kind=VoucherKind(voucher.kind),
            customer_id=voucher.customer_id,
            customer_label=customer.address_as,
            value_fen=voucher.value_fen,
            value_per_use_fen=voucher.value_per_use_fen,
            uses_total=voucher.uses_total,
            uses_left=remaining_uses(voucher.value_per_use_fen, ledger),
            balance_fen=balance(ledger),
            valid_until=voucher.valid_until,
            status=VoucherStatus(voucher.status),
            usage_note=voucher.usage_note,
            incident_id=voucher.incident_id,
            incident_number=incident.number if incident is not None else "",
            created_at=voucher.created_at,
            entries=[
                EntryView(
                    e.at,
                    e.kind,
                    EntryKind(e.kind).label,
                    e.amount_fen,
                    e.service_record_id,
                    e.reason,
                )
                for e in rows
            ],
        )

    def find(self, code: str) -> VoucherView:
        """The voucher with this code (typed or read aloud); a mistyped code is refused first."""
        try:
            normalized = normalize_code(code)
        except ValueError as exc:
            raise ValidationError({"code": str(exc)}) from None
        voucher = Voucher.get_or_none(Voucher.code == normalized)
        if voucher is None:
            raise _unknown_code(normalized)
        return self.get(int(voucher.id))

    def for_incident(self, incident_id: int) -> list[VoucherView]:
        """Every voucher linked to an incident, oldest first: those its 行动 step issued and those
        issued on the 优惠券 page with the incident named."""
        ids = Voucher.select(Voucher.id).where(Voucher.incident == incident_id).order_by(Voucher.id)
        return [self.get(int(v.id)) for v in ids]

    def list(self, flt: VoucherFilter, limit: int = 500) -> list[VoucherRow]:
        """The first ``limit`` vouchers matching the filter, in its order (newest first by default)."""
        return list_vouchers(flt, limit, self._today())

    def listing(self, flt: VoucherFilter) -> KeysetList[VoucherRow]:
        """Every voucher matching the filter, read a keyset page at a time (after or before a row's key)."""
        return voucher_listing(flt, self._today())


def _unknown_code(normalized: str) -> DomainError:
    """Why no voucher has this (well-formed) code.

    A code that fits only the old check symbol and belongs to no voucher is a typo far more often
    than an old voucher unknown here (no new code uses that check): it is told what a wrong check
    symbol is told, so accepting old codes does not weaken what the desk hears about typos
    (see ``domain.vouchers.normalize_code``).
    """
    if is_legacy_code(normalized):
        return ValidationError({"code": CHECK_MESSAGE})
    return NotFoundError(f"找不到券码 {normalized}，请核对后再试")
