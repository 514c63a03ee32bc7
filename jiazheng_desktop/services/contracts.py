"""Contracts (合同/套餐) and the renewal work before they end: contact, offer, renew or lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.contracts import (
    LOST_REASONS,
    RENEWAL_WINDOW_DAYS,
    ContractDraft,
    ContractStatus,
    RenewalStep,
    days_left_text,
    validate_contract,
)
from ..domain.errors import ConflictError, DomainError, NotFoundError, ValidationError
from ..domain.money import format_fen
from ..domain.paging import Order
from ..domain.vouchers import VoucherKind
from ..storage.fields import from_db_time
from ..storage.models import Contract, Customer, RenewalAction, Staff, Voucher, db
from ..storage.postgres import is_server
from .context import Authorization, ServiceContext
from .contract_views import ContractRow, RenewalActionRow, RenewalRow, contract_row
from .paging import KeysetList, sql_listing
from .versions import bump

__all__ = ["ContractRow", "ContractService", "RenewalActionRow", "RenewalRow"]

if TYPE_CHECKING:
    from ..domain.vouchers import VoucherDraft

NOTE_LIMIT = 500


def _renewal_columns() -> str:
    """Each contract of the renewals list with its customer and its latest follow-up (by time, then id),
    the follow-up's four values as the text of one JSON array (SQLite's ``json_array``; the server's
    ``json_build_array``, read as text): one lookup per row on both.

    Subqueries, not joins: the list's count and a row's place are then counted in the contract index alone.
    """
    latest = "ra.kind, ra.at, ra.note, ra.voucher_id"
    array = f"CAST(json_build_array({latest}) AS text)" if is_server(db.obj) else f"json_array({latest})"
    return (
        "c.id, c.customer_id,"
        " (SELECT cu.address_as || '（' || cu.name || '）' FROM customer cu WHERE cu.id = c.customer_id),"
        " c.end_on, c.package, c.price_fen,"
        f" (SELECT {array} FROM renewal_action ra"
        " WHERE ra.contract_id = c.id ORDER BY ra.at DESC, ra.id DESC LIMIT 1)"
    )


class VoucherIssuer(Protocol):
    """The part of the voucher service that an offer uses."""

    def issue(
        self, draft: VoucherDraft, auth: Authorization | None = None, *, contract_offer: bool = False
    ) -> int: ...


def _check_note(note: str, field: str = "note") -> str:
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError({field: f"备注最多 {NOTE_LIMIT} 字"})
    return note


class ContractService:
    def __init__(self, context: ServiceContext, vouchers: Callable[[], VoucherIssuer]) -> None:
        self._ctx = context
        self._vouchers = vouchers

    # -- changes ---------------------------------------------------------------------------

    def create(self, draft: ContractDraft) -> int:
        """Sign a contract for a customer; returns its id."""
        clean = validate_contract(draft)
        with self._ctx.change("新建合同", "contract") as entry:
            customer = self._customer(clean.customer_id)
            now = self._ctx.now()
            contract = Contract.create(
                customer=clean.customer_id,
                package=clean.package,
                start_on=clean.start_on,
                end_on=clean.end_on,
                price_fen=clean.price_fen,
                status=ContractStatus.ACTIVE.value,
                notes=clean.notes,
                created_at=now,
                updated_at=now,
            )
            entry.entity_id = contract.id
            entry.detail = {
                "客户": customer.address_as,
                "套餐": clean.package,
                "期限": f"{clean.start_on} 至 {clean.end_on}",
                "价格": format_fen(clean.price_fen),
            }
            self._ctx.sync_reminders("contract", contract.id)
        return int(contract.id)

    def record_contact(self, contract_id: int, note: str = "", expected_version: int | None = None) -> int:
        """Note that the customer was contacted about renewing; returns the action's id.

        ``expected_version``: the ``ContractRow.row_version`` the dialog was opened on (see ``_active``).
        """
        note = _check_note(note)
        with self._ctx.change("续约联系", "contract") as entry:
            contract = self._active(contract_id, "记录联系", expected_version)
            action = self._action(contract, RenewalStep.CONTACTED, note=note)
            entry.entity_id = contract.id
            entry.detail = {"客户": self._customer(contract.customer_id).address_as, "内容": note}
        return int(action.id)

    def make_offer(
        self,
        contract_id: int,
        note: str,
        voucher: VoucherDraft | None = None,
        auth: Authorization | None = None,
        expected_version: int | None = None,
    ) -> int | None:
        """Record a renewal offer; with ``voucher`` it is issued in the same transaction.

        Returns the voucher's id, or ``None`` for an offer without one.
        """
        note = _check_note(note)
        if voucher is None and not note:
            raise ValidationError({"note": "请写明给客户的优惠内容，或发一张优惠券"})
        with self._ctx.change("报续约优惠", "contract") as entry:
            contract = self._active(contract_id, "报优惠", expected_version)
            if voucher is not None and voucher.customer_id is None:
                voucher = replace(voucher, customer_id=contract.customer_id)
            elif voucher is not None and voucher.customer_id != contract.customer_id:
                raise DomainError("优惠券要发给这份合同的客户本人")
            # A renewal offer is part of the customer's own contract, not marketing: no 营销 consent needed.
            voucher_id = (
                self._vouchers().issue(voucher, auth, contract_offer=True) if voucher is not None else None
            )
            self._action(contract, RenewalStep.OFFER, note=note, voucher_id=voucher_id)
            entry.entity_id = contract.id
            entry.detail = {"客户": self._customer(contract.customer_id).address_as, "优惠": note}
            if voucher is not None:
                entry.detail["券"] = f"{VoucherKind(voucher.kind).label} ¥{voucher.total_text}"
        return voucher_id

    def renew(self, contract_id: int, draft: ContractDraft, expected_version: int | None = None) -> int:
        """Renew: the new contract points back to the old one, which becomes 已续约. Returns the new id."""
        with self._ctx.change("续约", "contract") as entry:
            old = self._active(contract_id, "续约", expected_version)
            if draft.customer_id is None:
                draft = ContractDraft(
                    old.customer_id,
                    draft.package,
                    draft.start_on,
                    draft.end_on,
                    draft.price_text,
                    draft.notes,
                )
            elif draft.customer_id != old.customer_id:
                raise DomainError("续约的新合同必须是同一位客户")
            clean = validate_contract(draft)
            now = self._ctx.now()
            new = Contract.create(
                customer=clean.customer_id,
                package=clean.package,
                start_on=clean.start_on,
                end_on=clean.end_on,
                price_fen=clean.price_fen,
                status=ContractStatus.ACTIVE.value,
                previous=old.id,
                notes=clean.notes,
                created_at=now,
                updated_at=now,
            )
            self._close(old, ContractStatus.RENEWED, "续约")
            self._action(old, RenewalStep.RENEWED, new_contract_id=new.id)
            self._ctx.sync_reminders("contract", new.id)
            entry.entity_id = new.id
            entry.detail = {
                "客户": self._customer(old.customer_id).address_as,
                "原合同": f"{old.package} 至 {old.end_on}",
                "新合同": f"{clean.package} {clean.start_on} 至 {clean.end_on}",
                "价格": format_fen(clean.price_fen),
            }
        return int(new.id)

    def mark_lost(
        self, contract_id: int, reason: str, note: str = "", expected_version: int | None = None
    ) -> None:
        """The customer will not renew: record why (one of ``LOST_REASONS``); the contract becomes 已流失."""
        errors: dict[str, str] = {}
        if reason not in LOST_REASONS:
            errors["reason"] = "请从列表中选择流失原因"
        clean_note = note.strip()
        if reason == "其他" and not clean_note:
            errors["note"] = "选择「其他」时请写明具体原因"
        elif len(clean_note) > NOTE_LIMIT:
            errors["note"] = f"备注最多 {NOTE_LIMIT} 字"
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("续约流失", "contract") as entry:
            contract = self._active(contract_id, "标记流失", expected_version)
            self._close(contract, ContractStatus.LOST, "标记流失")
            self._action(contract, RenewalStep.LOST, note=clean_note, lost_reason=reason)
            entry.entity_id = contract.id
            entry.detail = {"客户": self._customer(contract.customer_id).address_as, "原因": reason}
            if clean_note:
                entry.detail["备注"] = clean_note

    # -- reading -----------------------------------------------------------------------------

    def get(self, contract_id: int) -> ContractRow:
        return contract_row(self._get(contract_id))

    def for_customer(self, customer_id: int) -> list[ContractRow]:
        """The customer's contracts, the one ending last first."""
        query = (
            Contract.select()
            .where(Contract.customer == customer_id)
            .order_by(Contract.end_on.desc(), Contract.id.desc())
        )
        return [contract_row(c) for c in query]

    def renewals_due(
        self, days: int = RENEWAL_WINDOW_DAYS, limit: int | None = None, ended_within: int | None = None
    ) -> list[RenewalRow]:
        """Active contracts ending within ``days`` (or already run out with no outcome), soonest first.

        ``limit``: at most this many (the first ones), read as such from the database.
        ``ended_within``: of those already run out, only the ones that ended at most this many days ago.
        """
        listing = self.renewals_listing(days, ended_within)
        return listing.after(None, limit).rows if limit is not None else list(listing.walk())

    def renewals_listing(
        self, days: int = RENEWAL_WINDOW_DAYS, ended_within: int | None = None
    ) -> KeysetList[RenewalRow]:
        """``renewals_due`` read a keyset page at a time, ordered by (end_on, id) in the (status, end_on)
        index (its rowid is the id): each page is one seek, the count is counted in the index."""
        today = self._ctx.now().date()
        conditions = ["c.status = ?", "c.end_on <= ?"]
        params: list[Any] = [ContractStatus.ACTIVE.value, (today + timedelta(days=days)).isoformat()]
        if ended_within is not None:
            conditions.append("c.end_on >= ?")
            params.append((today - timedelta(days=ended_within)).isoformat())

        def make_row(r: tuple[Any, ...]) -> RenewalRow:
            end_on = r[3] if isinstance(r[3], date) else date.fromisoformat(r[3])
            kind, at, note, voucher_id = json.loads(r[6]) if r[6] else (None, None, "", None)
            return RenewalRow(
                contract_id=r[0],
                customer_id=r[1],
                customer_label=r[2],
                package=r[4],
                end_on=end_on,
                price_fen=r[5],
                days_left=(end_on - today).days,
                days_left_text=days_left_text(end_on, today),
                last_step=RenewalStep(kind) if kind is not None else None,
                last_at=from_db_time(at) if at is not None else None,
                last_note=note or "",
                last_voucher_id=voucher_id,
            )

        return sql_listing(
            Order(),
            execute=db.execute_sql,
            columns=_renewal_columns(),
            source="FROM contract c WHERE " + " AND ".join(conditions),
            params=params,
            sort="c.end_on",
            id_column="c.id",
            make_row=make_row,
        )

    # -- helpers -----------------------------------------------------------------------------

    def actions(self, contract_id: int) -> list[RenewalActionRow]:
        """Everything done about this contract's renewal, newest first."""
        self._get(contract_id)
        done = list(
            RenewalAction.select()
            .where(RenewalAction.contract == contract_id)
            .order_by(RenewalAction.at.desc(), RenewalAction.id.desc())
        )
        staff_ids = {a.staff_id for a in done if a.staff_id is not None}
        voucher_ids = {a.voucher_id for a in done if a.voucher_id is not None}
        names = {m.id: m.name for m in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))}
        codes = {
            v.id: v.code for v in Voucher.select(Voucher.id, Voucher.code).where(Voucher.id.in_(voucher_ids))
        }
        return [
            RenewalActionRow(
                step=RenewalStep(a.kind),
                at=a.at,
                staff_name=names.get(a.staff_id, "") if a.staff_id is not None else "",
                note=a.note,
                voucher_code=codes.get(a.voucher_id, "") if a.voucher_id is not None else "",
                lost_reason=a.lost_reason,
            )
            for a in done
        ]

    def _get(self, contract_id: int) -> Contract:
        contract = Contract.get_or_none(Contract.id == contract_id)
        if contract is None:
            raise NotFoundError("找不到这份合同，可能已被删除")
        return contract

    @staticmethod
    def _customer(customer_id: int) -> Customer:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        return customer

    def _active(self, contract_id: int, what: str, expected_version: int | None = None) -> Contract:
        """The contract, still active, its ``row_version`` raised for this change (inside it).

        With ``expected_version``, someone else's change since it was read refuses this one
        (``ConflictError``); a contract closed meanwhile is refused first, saying how it ended.
        """
        try:
            bump(self._ctx, Contract, contract_id, expected_version)  # first: the row is this change's
        except ConflictError:
            self._still_active(self._get(contract_id), what)
            raise
        return self._still_active(self._get(contract_id), what)

    @staticmethod
    def _still_active(contract: Contract, what: str) -> Contract:
        if contract.status != ContractStatus.ACTIVE.value:
            raise DomainError(f"这份合同{ContractStatus(contract.status).label}，不能再{what}")
        return contract

    def _close(self, contract: Contract, status: ContractStatus, what: str) -> None:
        """Move an active contract to ``status``; refuses if someone else closed it first."""
        changed = (
            Contract.update(status=status.value, updated_at=self._ctx.now())
            .where((Contract.id == contract.id) & (Contract.status == ContractStatus.ACTIVE.value))
            .execute()
        )
        if changed != 1:
            raise DomainError(f"这份合同刚刚已被处理，不能再{what}，请刷新后查看")

    def _action(
        self,
        contract: Contract,
        step: RenewalStep,
        *,
        note: str = "",
        voucher_id: int | None = None,
        new_contract_id: int | None = None,
        lost_reason: str = "",
    ) -> RenewalAction:
        """Record a follow-up (inside the caller's change); the renewal reminders already due are done."""
        self._ctx.sync_reminders("contract", contract.id, acted=True)
        return RenewalAction.create(
            contract=contract.id,
            kind=step.value,
            at=self._ctx.now(),
            staff=self._ctx.on_duty_id,
            note=note,
            voucher=voucher_id,
            new_contract=new_contract_id,
            lost_reason=lost_reason,
        )
