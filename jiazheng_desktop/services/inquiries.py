"""First inquiries: a caller recorded in seconds, as a 潜在 customer with a follow-up reminder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.customers import CustomerDraft
from ..domain.errors import ValidationError
from ..domain.inquiries import InquiryDraft, inquiry_summary, validate_inquiry
from ..domain.phones import PhoneError, normalize_phone
from ..domain.workers import SERVICE_TYPES
from ..storage.models import Inquiry, db
from .context import ServiceContext
from .customers import CustomerService

if TYPE_CHECKING:
    from .reminders import ReminderService


@dataclass(frozen=True)
class Recorded:
    customer_id: int
    inquiry_id: int
    new_customer: bool
    """False when the phone already belonged to a customer: the inquiry was added to them."""


@dataclass(frozen=True)
class InquiryRow:
    id: int
    service: str
    asked: str
    answered: str
    follow_up_on: object
    created_at: object

    @property
    def summary(self) -> str:
        return inquiry_summary(self.service, self.asked)


class InquiryService:
    def __init__(
        self,
        context: ServiceContext,
        customers: CustomerService,
        reminders: Callable[[], ReminderService],
    ) -> None:
        self._ctx = context
        self._customers = customers
        self._reminders = reminders

    def record(self, draft: InquiryDraft) -> Recorded:
        """Record the inquiry; the caller becomes a customer (or is found by the phone), and the
        follow-up day gets a reminder. Every field to fix is reported at once (``ValidationError``)."""
        today = self._ctx.now().date()
        errors: dict[str, str] = {}
        clean = None
        try:
            clean = validate_inquiry(draft, today, SERVICE_TYPES)
        except ValidationError as exc:
            errors.update(exc.fields)
        existing = None
        try:
            existing = self._customer_with_phone(normalize_phone(draft.phone))
        except PhoneError:
            pass  # the customer's own check below says what is wrong with it
        customer_draft = CustomerDraft(name=draft.name, honorific=draft.honorific, phone=draft.phone)
        with self._ctx.change("记录咨询", "customer") as entry:
            if existing is None:
                try:
                    self._customers.check(customer_draft)
                except ValidationError as exc:
                    errors.update(exc.fields)
            if errors or clean is None:
                raise ValidationError(errors)
            customer_id = existing if existing is not None else self._customers.create(customer_draft)
            inquiry = Inquiry.create(
                customer=customer_id,
                service=clean.service,
                asked=clean.asked,
                answered=clean.answered,
                follow_up_on=clean.follow_up_on,
                created_at=self._ctx.now(),
                created_by=self._ctx.on_duty_id,
            )
            self._reminders().sync("inquiry", int(inquiry.id))
            entry.entity_id = customer_id
            entry.detail = {"咨询": inquiry_summary(clean.service, clean.asked)}
            if clean.follow_up_on is not None:
                entry.detail["跟进"] = f"{clean.follow_up_on:%Y-%m-%d}"
        return Recorded(customer_id, int(inquiry.id), existing is None)

    def for_customer(self, customer_id: int) -> list[InquiryRow]:
        """The customer's inquiries, newest first."""
        return [
            InquiryRow(int(i.id), i.service, i.asked, i.answered, i.follow_up_on, i.created_at)
            for i in Inquiry.select()
            .where(Inquiry.customer == customer_id)
            .order_by(Inquiry.created_at.desc(), Inquiry.id.desc())
        ]

    def on_visit_added(self, customer_id: int) -> None:
        """Inside the visit's transaction: a served caller needs no follow-up call any more."""
        for (inquiry_id,) in db.execute_sql(
            "SELECT id FROM inquiry WHERE customer_id = ? AND follow_up_on IS NOT NULL", [customer_id]
        ).fetchall():
            self._reminders().sync("inquiry", int(inquiry_id))

    @staticmethod
    def _customer_with_phone(phone: str) -> int | None:
        digits = "".join(ch for ch in phone if ch.isdigit())
        found = db.execute_sql(
            "SELECT id FROM customer WHERE erased_at IS NULL AND ',' || phone_digits || ',' LIKE ?"
            " ORDER BY id LIMIT 1",
            [f"%,{digits},%"],
        ).fetchone()
        return int(found[0]) if found else None
