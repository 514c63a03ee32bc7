"""Customers: create, edit, find, list and look back over their history."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, time
from typing import Any, cast

from peewee import fn

from ..domain.customers import CleanCustomer, CustomerDraft, VipTier, validate_customer
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.lifecycle import risk_range
from ..domain.paging import Key, Run
from ..domain.privacy import ConsentState, Purpose
from ..domain.search_keys import classify_query, name_sort_key, pinyin_keys
from ..domain.staff import Role
from ..storage.fields import from_db_time
from ..storage.models import Customer, Incident, ReferralCommission, ServiceRecord, db
from ..storage.queries import (
    CUSTOMER_EXPORT_COLUMNS,
    CUSTOMER_LIST_COLUMNS,
    ListQuery,
    list_count_sql,
    list_key_sql,
    list_order,
    list_page_sql,
    list_run_count_sql,
    list_run_sql,
)
from ..storage.queries import search as search_customers
from .audit_log import deleted_label, erase_customer
from .consents import ConsentDecision, ConsentService, state_of, visible_household_notes
from .context import Authorization, ServiceContext
from .paging import KeysetList
from .timeline import TimelineEntry, customer_timeline
from .versions import bump


@dataclass(frozen=True, slots=True)
class CustomerHit:
    """One result of the global search."""

    id: int
    address_as: str
    name: str
    phones: str
    district: str
    vip_tier: int


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One line of the customer list."""

    id: int
    address_as: str
    name: str
    phones: str
    district: str
    customer_type: str
    vip_tier: int
    last_service_at: datetime | None
    created_at: datetime
    stage: str = "prospect"
    """The derived lifecycle stage (a ``Stage`` id) kept on the row."""
    risk: int = 0
    """The derived churn risk (0–100) kept on the row."""


@dataclass(frozen=True, slots=True)
class CustomerExportRow:
    """One line of the customer list as exported: the row shown and a few columns more."""

    row: CustomerRow
    address: str
    points: int
    contact_channel: str


@dataclass(frozen=True)
class CustomerView:
    """Everything the customer page shows about one customer."""

    id: int
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
    referrer_label: str
    vip_tier: int
    points: int
    created_at: datetime
    last_service_at: datetime | None
    service_count: int
    total_spent_fen: int
    household_notes_consent: ConsentState = ConsentState.NOT_ASKED
    """The customer's answer for 家庭备注 (未征求: notes from before consents were recorded still show)."""
    household_notes_hidden: bool = False
    """Notes are stored but not shown (``household_notes`` is empty): the customer refused or withdrew."""
    erased_at: datetime | None = None
    """When the customer's personal data was erased (on request or by the retention rule)."""
    row_version: int = 1
    """The stored version this view was read at: hand it back to ``update`` (``expected_version``)."""

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    @property
    def vip_label(self) -> str:
        return VipTier(self.vip_tier).label


@dataclass(frozen=True)
class CustomerFilter:
    """The customer list's filters as the user set them."""

    text: str = ""
    customer_type: str | None = None
    vip_tier: int | None = None
    sort: str = "name"
    descending: bool = False
    consent: str | None = None
    """Only customers who agreed to this purpose (a ``Purpose`` id): 营销与节日问候 for a greeting list."""
    stage: str | None = None
    """Only customers at this lifecycle stage (a ``Stage`` id)."""
    risk_band: str | None = None
    """Only customers in this churn-risk band (a ``RiskBand`` id)."""

    def to_query(self) -> ListQuery:
        kind, needle = classify_query(self.text)
        low, high = risk_range(self.risk_band) if self.risk_band else (None, None)
        return ListQuery(
            kind, needle, self.customer_type, self.vip_tier, self.sort, self.descending, self.consent,
            self.stage, low, high,
        )  # fmt: skip


def _customer_row(r: Sequence[Any]) -> CustomerRow:
    """A list row from the columns of ``CUSTOMER_LIST_COLUMNS`` (what follows them is ignored)."""
    last_service = from_db_time(r[7]) if r[7] else None
    return CustomerRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        last_service,
        from_db_time(r[8]),
        r[9] or "prospect",
        int(r[10] or 0),
    )


NOTES_NEED_CONSENT = "请先在下方记录客户同意保存家庭备注，或清空家庭备注"
NOTES_REFUSED = "客户不同意或已撤回保存家庭备注：请清空家庭备注，或在下方重新记录客户同意"


def _answer_for(decisions: Sequence[ConsentDecision], purpose: Purpose) -> ConsentState | None:
    """The state the last of ``decisions`` about ``purpose`` sets (None: not answered)."""
    for decision in reversed(decisions):
        if decision.purpose == purpose:
            return ConsentState.GRANTED if decision.granted else ConsentState.WITHDRAWN
    return None


def _consent_summary(decisions: Sequence[ConsentDecision]) -> str:
    return "；".join(
        f"{d.purpose.label}：{'同意' if d.granted else '不同意/撤回'}（{d.channel.label}）" for d in decisions
    )


def row_fields(clean: CleanCustomer) -> dict[str, object]:
    """The stored columns of a checked customer (the dialog's saves and the import write the same)."""
    return {
        "name": clean.name,
        "honorific": clean.honorific,
        "address_as": clean.address_as,
        "phones": ",".join(clean.phones),
        "phone_digits": clean.phone_digits,
        "district": clean.district,
        "address": clean.address,
        "customer_type": clean.customer_type,
        "contact_channel": clean.contact_channel,
        "contact_start": clean.contact_start,
        "contact_end": clean.contact_end,
        "household_notes": clean.household_notes,
        "referrer": clean.referrer_id,
        "vip_tier": clean.vip_tier,
        # A tier given when the customer is made (typed in an import sheet) is the owner's word, not derived.
        "vip_override": clean.vip_tier or None,
        "vip_override_reason": "建档或导入时设定" if clean.vip_tier else "",
        "name_sort": name_sort_key(clean.name),
        "search_keys": pinyin_keys(clean.name, clean.address_as),
    }


def _execute(sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
    return list(db.execute_sql(sql, params).fetchall())


class CustomerService:
    def __init__(self, context: ServiceContext, consents: Callable[[], ConsentService] | None = None) -> None:
        self._ctx = context
        self._consents = consents or (lambda: ConsentService(context))

    # -- changes ---------------------------------------------------------------------------

    def create(self, draft: CustomerDraft, consents: Sequence[ConsentDecision] = ()) -> int:
        """Add a customer with the consents they gave (same transaction); returns the new id.

        Raises ``ValidationError`` listing fields to fix; household notes need 家庭备注 granted
        among ``consents``.
        """
        with self._ctx.change("新建客户", "customer") as entry:
            clean = self._checked(draft, consents, None)
            self._check_referrer(clean.referrer_id, None)
            now = self._ctx.now()
            customer = Customer.create(**row_fields(clean), created_at=now, updated_at=now)
            for decision in consents:
                self._consents().record_within(customer.id, decision)
            entry.entity_id = customer.id
            entry.detail = {"客户": clean.address_as, "电话": ",".join(clean.phones)}
            if consents:
                entry.detail["同意"] = _consent_summary(consents)
        return int(customer.id)

    def check(self, draft: CustomerDraft) -> None:
        """Raise the ``ValidationError`` that ``create`` would, without saving anything."""
        self._checked(draft, (), None)

    def update(
        self,
        customer_id: int,
        draft: CustomerDraft,
        consents: Sequence[ConsentDecision] = (),
        expected_version: int | None = None,
    ) -> None:
        """Save edits to a customer and the answers they gave (same transaction); the audit row lists what changed.

        New or changed household notes need 家庭备注 granted (already, or among ``consents``);
        notes kept unchanged from before consents were recorded stay. While the notes are hidden
        (the customer withdrew), an empty notes field leaves the stored text as it is.
        ``expected_version`` is the ``CustomerView.row_version`` the edit started from: when
        someone saved the customer since, nothing is saved and ``ConflictError`` says who and when.
        """
        with self._ctx.change("修改客户", "customer") as entry:
            bump(self._ctx, Customer, customer_id, expected_version)  # first: takes the row for this change
            customer = self._get(customer_id)
            clean = self._checked(draft, consents, customer)
            self._check_referrer(clean.referrer_id, customer_id)
            before = self.draft_for(customer_id)
            fields = row_fields(clean)
            for key in ("vip_tier", "vip_override", "vip_override_reason"):
                del fields[
                    key
                ]  # derived, or set by the owner with a reason (services.points), never typed here
            if not clean.household_notes and self._notes_hidden(customer):
                fields["household_notes"] = customer.household_notes  # hidden, not erased
            # Only the edited columns: the version was raised above, and counts kept by other use
            # cases (points, last visit, stage) are not written back from this read.
            Customer.update(**fields, updated_at=self._ctx.now()).where(Customer.id == customer_id).execute()
            for decision in consents:
                self._consents().record_within(customer_id, decision)
            after = asdict(draft)
            entry.entity_id = customer_id
            entry.detail = {
                key: f"{old} → {after[key]}"
                for key, old in asdict(before).items()
                if str(old).strip() != str(after[key]).strip()
            }
            if consents:
                entry.detail["同意"] = _consent_summary(consents)

    def _checked(
        self, draft: CustomerDraft, consents: Sequence[ConsentDecision], customer: Customer | None
    ) -> CleanCustomer:
        """The draft checked, with the household-notes rule; every problem reported at once."""
        errors: dict[str, str] = {}
        clean: CleanCustomer | None = None
        try:
            clean = validate_customer(draft, own_id=None if customer is None else customer.id)
        except ValidationError as exc:
            errors.update(exc.fields)
        if "household_notes" not in errors:
            problem = self._notes_problem(draft.household_notes.strip(), consents, customer)
            if problem:
                errors["household_notes"] = problem
        if errors or clean is None:
            raise ValidationError(errors)
        return clean

    @staticmethod
    def _notes_problem(
        notes: str, consents: Sequence[ConsentDecision], customer: Customer | None
    ) -> str | None:
        """Why these notes may not be kept, or None.

        Allowed: no notes; 家庭备注 granted after this save; notes unchanged from what is stored
        (kept as they were: shown while not asked, hidden once withdrawn).
        """
        if not notes:
            return None
        current = state_of(customer.id, Purpose.HOUSEHOLD_NOTES) if customer is not None else None
        state = _answer_for(consents, Purpose.HOUSEHOLD_NOTES) or current or ConsentState.NOT_ASKED
        if state == ConsentState.GRANTED:
            return None
        if customer is not None and notes == str(customer.household_notes).strip():
            return None
        return NOTES_REFUSED if state == ConsentState.WITHDRAWN else NOTES_NEED_CONSENT

    @staticmethod
    def _notes_hidden(customer: Customer) -> bool:
        return bool(customer.household_notes) and not visible_household_notes(customer)

    def delete(self, customer_id: int, auth: Authorization | None) -> None:
        """Remove a customer who has no service history (needs a regional manager or above).

        The audit log keeps the rows about the customer, without their name, phones or address
        (``audit_log.erase_customer``); this deletion's own row names only the customer's id.
        """
        with self._ctx.change("删除客户", "customer") as entry:
            self._ctx.require(auth, Role.REGIONAL_MANAGER, "删除客户")
            assert auth is not None
            customer = self._get(customer_id)
            records = ServiceRecord.select().where(ServiceRecord.customer == customer_id).count()
            incidents = Incident.select().where(Incident.customer == customer_id).count()
            commissions = (
                ReferralCommission.select()
                .where(
                    (ReferralCommission.referrer == customer_id)
                    | (ReferralCommission.customer == customer_id)
                )
                .count()
            )
            if records or incidents or commissions:
                kept = "、".join(
                    part
                    for part in (
                        f"{records} 条服务记录" if records else "",
                        f"{incidents} 条投诉记录" if incidents else "",
                        f"{commissions} 笔推荐佣金" if commissions else "",
                    )
                    if part
                )
                raise DomainError(f"{customer.address_as}已有{kept}，不能删除（这些记录需要保留）。")
            entry.entity_id = customer_id
            # Erased on request (PIPL): the log keeps that it happened, not who the customer was.
            erase_customer(customer)
            entry.detail = {"客户": deleted_label(customer_id)}
            entry.authorized_by(auth)
            customer.delete_instance()

    def _check_referrer(self, referrer_id: int | None, own_id: int | None) -> None:
        if referrer_id is None:
            return
        if referrer_id == own_id:
            raise ValidationError({"referrer": "推荐人不能是客户本人"})
        if not Customer.select().where(Customer.id == referrer_id).exists():
            raise ValidationError({"referrer": "所选推荐人已不存在，请重新选择"})

    # -- reading -----------------------------------------------------------------------------

    def _get(self, customer_id: int) -> Customer:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        return customer

    def draft_for(self, customer_id: int) -> CustomerDraft:
        """The stored customer as an editable draft."""
        c = self._get(customer_id)
        phones = c.phones.split(",") if c.phones else []
        return CustomerDraft(
            name=c.name,
            honorific=c.honorific,
            phone=phones[0] if phones else "",
            phone2=phones[1] if len(phones) > 1 else "",
            district=c.district,
            address=c.address,
            customer_type=c.customer_type,
            contact_channel=c.contact_channel,
            contact_start=c.contact_start,
            contact_end=c.contact_end,
            household_notes=visible_household_notes(c),
            referrer_id=c.referrer_id,
            vip_tier=c.vip_tier,
        )

    def get(self, customer_id: int) -> CustomerView:
        """The customer's profile with their referrer and spending so far.

        Household notes are empty when the customer refused or withdrew 家庭备注 (``household_notes_hidden``).
        """
        c = self._get(customer_id)
        notes_consent = state_of(c.id, Purpose.HOUSEHOLD_NOTES)
        notes = visible_household_notes(c, notes_consent)
        referrer_label = ""
        if c.referrer_id is not None:
            ref = Customer.get_or_none(Customer.id == c.referrer_id)
            if ref is not None:
                referrer_label = f"{ref.address_as}（{ref.name}）"
        count, total = cast(
            tuple[int, int | None],
            ServiceRecord.select(fn.COUNT(ServiceRecord.id), fn.SUM(ServiceRecord.amount_fen))
            .where(ServiceRecord.customer == customer_id)
            .tuples()
            .get(),
        )
        return CustomerView(
            id=c.id,
            name=c.name,
            honorific=c.honorific,
            address_as=c.address_as,
            phones=c.phones.split(",") if c.phones else [],
            district=c.district,
            address=c.address,
            customer_type=c.customer_type,
            contact_channel=c.contact_channel,
            contact_start=c.contact_start,
            contact_end=c.contact_end,
            household_notes=notes,
            referrer_id=c.referrer_id,
            referrer_label=referrer_label,
            vip_tier=c.vip_tier,
            points=c.points,
            created_at=c.created_at,
            last_service_at=c.last_service_at,
            service_count=int(count or 0),
            total_spent_fen=int(total or 0),
            household_notes_consent=notes_consent,
            household_notes_hidden=bool(c.household_notes) and not notes,
            erased_at=c.erased_at,
            row_version=int(c.row_version),
        )

    def label(self, customer_id: int) -> str:
        """``王先生（王建国）`` for pickers such as the referrer field."""
        c = self._get(customer_id)
        return f"{c.address_as}（{c.name}）"

    def search(self, text: str, limit: int = 20) -> list[CustomerHit]:
        """Find customers by name, any part of a phone number, full pinyin or pinyin initials.

        Whole matches first, then those starting with the text, then those holding it anywhere; within
        each, the customers served most recently. Erased customers are never found.
        """
        kind, needle = classify_query(text)
        if kind == "empty":
            return []
        rows = search_customers(_execute, kind, needle, limit)
        return [CustomerHit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    def count(self, flt: CustomerFilter | None = None) -> int:
        """How many customers the list would show with this filter."""
        sql, params = list_count_sql((flt or CustomerFilter()).to_query())
        return int(db.execute_sql(sql, params).fetchone()[0])

    def page(self, flt: CustomerFilter, offset: int, limit: int) -> list[CustomerRow]:
        """One page of the customer list by OFFSET, filtered and sorted by the database.

        The list itself reads by keyset (``listing``); this is the plain reading it must agree with.
        """
        sql, params = list_page_sql(flt.to_query(), offset, limit)
        return [_customer_row(r) for r in db.execute_sql(sql, params).fetchall()]

    def listing(self, flt: CustomerFilter) -> KeysetList[CustomerRow]:
        """The customer list for ``flt``, read a keyset page at a time (after or before a row's sort key)."""
        query = flt.to_query()
        column, order = list_order(query)

        def keyed(sql: str, params: list[object]) -> list[tuple[CustomerRow, Key]]:
            return [(_customer_row(r), (r[-1], r[0])) for r in db.execute_sql(sql, params).fetchall()]

        def read_run(run: Run, limit: int) -> list[tuple[CustomerRow, Key]]:
            return keyed(*list_run_sql(query, run, limit))

        def read_at(offset: int, limit: int) -> list[tuple[CustomerRow, Key]]:
            return keyed(*list_page_sql(query, offset, limit, f"{CUSTOMER_LIST_COLUMNS}, {column}"))

        def key_of(customer_id: int) -> Key | None:
            found = db.execute_sql(*list_key_sql(query, customer_id)).fetchone()
            return (found[0], found[1]) if found else None

        def key_at(offset: int) -> Key | None:
            found = db.execute_sql(*list_page_sql(query, offset, 1, f"{column}, id")).fetchone()
            return (found[0], found[1]) if found else None

        def count_run(run: Run) -> int:
            return int(db.execute_sql(*list_run_count_sql(query, run)).fetchone()[0])

        return KeysetList(
            order,
            count=lambda: self.count(flt),
            read_run=read_run,
            read_at=read_at,
            key_of=key_of,
            count_run=count_run,
            key_at=key_at,
        )

    def export_pages(self, flt: CustomerFilter, batch: int = 1000) -> Iterator[list[CustomerExportRow]]:
        """Every row the list shows for ``flt``, in its order, with the export's extra columns.

        The list's own query (``list_page_sql``) read to the end through one cursor, ``batch`` rows
        at a time: no OFFSET (whose cost grows with each page), never all rows in memory at once.
        Erased customers are not in it, as they are not in the list.
        """
        sql, params = list_page_sql(flt.to_query(), 0, -1, CUSTOMER_EXPORT_COLUMNS)
        cursor = db.execute_sql(sql, params)
        try:
            while chunk := cursor.fetchmany(batch):
                yield [
                    CustomerExportRow(
                        _customer_row(r),
                        address=r[11] or "",
                        points=int(r[12] or 0),
                        contact_channel=r[13] or "",
                    )
                    for r in chunk
                ]
        finally:
            cursor.close()

    def timeline(self, customer_id: int) -> list[TimelineEntry]:
        """The customer's history, newest first (visits, complaints, callbacks, contracts, vouchers)."""
        self._get(customer_id)
        return customer_timeline(customer_id)
