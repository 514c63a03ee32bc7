"""Customers: create, edit, find, list and look back over their history."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, time
from typing import cast

from peewee import fn

from ..domain.customers import CleanCustomer, CustomerDraft, VipTier, validate_customer
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.search_keys import classify_query, name_sort_key, pinyin_keys
from ..domain.staff import Role
from ..storage.fields import from_db_time
from ..storage.models import Customer, Incident, ServiceRecord, db
from ..storage.queries import ListQuery, list_count_sql, list_page_sql, search_sql
from .audit_log import deleted_label, erase_customer
from .context import Authorization, ServiceContext
from .timeline import TimelineEntry, customer_timeline


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

    def to_query(self) -> ListQuery:
        kind, needle = classify_query(self.text)
        return ListQuery(kind, needle, self.customer_type, self.vip_tier, self.sort, self.descending)


def _row_fields(clean: CleanCustomer) -> dict[str, object]:
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
        "name_sort": name_sort_key(clean.name),
        "search_keys": pinyin_keys(clean.name, clean.address_as),
    }


class CustomerService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # -- changes ---------------------------------------------------------------------------

    def create(self, draft: CustomerDraft) -> int:
        """Add a customer; returns the new id. Raises ``ValidationError`` listing fields to fix."""
        clean = validate_customer(draft)
        with self._ctx.change("新建客户", "customer") as entry:
            self._check_referrer(clean.referrer_id, None)
            now = self._ctx.now()
            customer = Customer.create(**_row_fields(clean), created_at=now, updated_at=now)
            entry.entity_id = customer.id
            entry.detail = {"客户": clean.address_as, "电话": ",".join(clean.phones)}
        return int(customer.id)

    def update(self, customer_id: int, draft: CustomerDraft) -> None:
        """Save edits to a customer; the audit row lists what changed."""
        clean = validate_customer(draft, own_id=customer_id)
        with self._ctx.change("修改客户", "customer") as entry:
            customer = self._get(customer_id)
            self._check_referrer(clean.referrer_id, customer_id)
            before = self.draft_for(customer_id)
            fields = _row_fields(clean)
            for key, value in fields.items():
                setattr(customer, key, value)
            customer.updated_at = self._ctx.now()
            customer.save()
            after = asdict(draft)
            entry.entity_id = customer_id
            entry.detail = {
                key: f"{old} → {after[key]}"
                for key, old in asdict(before).items()
                if str(old).strip() != str(after[key]).strip()
            }

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
            if records or incidents:
                kept = "、".join(
                    part
                    for part in (
                        f"{records} 条服务记录" if records else "",
                        f"{incidents} 条投诉记录" if incidents else "",
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
            household_notes=c.household_notes,
            referrer_id=c.referrer_id,
            vip_tier=c.vip_tier,
        )

    def get(self, customer_id: int) -> CustomerView:
        """The customer's profile with their referrer and spending so far."""
        c = self._get(customer_id)
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
            household_notes=c.household_notes,
            referrer_id=c.referrer_id,
            referrer_label=referrer_label,
            vip_tier=c.vip_tier,
            points=c.points,
            created_at=c.created_at,
            last_service_at=c.last_service_at,
            service_count=int(count or 0),
            total_spent_fen=int(total or 0),
        )

    def label(self, customer_id: int) -> str:
        """``王先生（王建国）`` for pickers such as the referrer field."""
        c = self._get(customer_id)
        return f"{c.address_as}（{c.name}）"

    def search(self, text: str, limit: int = 20) -> list[CustomerHit]:
        """Find customers by name, any part of a phone number, full pinyin or pinyin initials."""
        kind, needle = classify_query(text)
        if kind == "empty":
            return []
        sql, params = search_sql(kind, needle, limit)
        rows = db.execute_sql(sql, params).fetchall()
        return [CustomerHit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    def count(self, flt: CustomerFilter | None = None) -> int:
        """How many customers the list would show with this filter."""
        sql, params = list_count_sql((flt or CustomerFilter()).to_query())
        return int(db.execute_sql(sql, params).fetchone()[0])

    def page(self, flt: CustomerFilter, offset: int, limit: int) -> list[CustomerRow]:
        """One page of the customer list, filtered and sorted by the database."""
        sql, params = list_page_sql(flt.to_query(), offset, limit)
        return [
            CustomerRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                from_db_time(r[7]) if r[7] else None,
                from_db_time(r[8]),
            )
            for r in db.execute_sql(sql, params).fetchall()
        ]

    def timeline(self, customer_id: int) -> list[TimelineEntry]:
        """The customer's history, newest first (visits, complaints, callbacks, contracts, vouchers)."""
        self._get(customer_id)
        return customer_timeline(customer_id)
