"""Service records (服务记录): the visits that anchor incidents, vouchers and revenue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, fn

from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.money import format_fen
from ..domain.workers import CleanServiceRecord, ServiceRecordDraft, validate_service_record
from ..storage.models import Customer, Incident, ReferralReward, ServiceRecord, VoucherEntry, Worker
from .context import ServiceContext


@dataclass(frozen=True)
class ServiceRecordRow:
    id: int
    served_at: datetime
    service_type: str
    worker_id: int | None
    worker_name: str
    amount_fen: int

    @property
    def label(self) -> str:
        """``2026-11-20 日常保洁 · 刘阿姨``."""
        worker = f" · {self.worker_name}" if self.worker_name else ""
        return f"{self.served_at:%Y-%m-%d} {self.service_type}{worker}"


class ServiceRecordService:
    def __init__(
        self, context: ServiceContext, after_add: Callable[[ServiceRecord], object] | None = None
    ) -> None:
        self._ctx = context
        self._after_add = after_add
        """Runs inside ``add``'s transaction (referral rewards)."""

    def add(self, draft: ServiceRecordDraft) -> int:
        """Record a visit for a customer; keeps the customer's last-service date current."""
        clean = validate_service_record(draft, now=self._ctx.now())
        with self._ctx.change("新增服务记录", "service_record") as entry:
            customer = self._customer(clean.customer_id)
            record = self._create(clean, customer)
            entry.entity_id = record.id
            entry.detail = {
                "客户": customer.address_as,
                "服务": clean.service_type,
                "金额": format_fen(clean.amount_fen),
            }
        return int(record.id)

    def book_within(self, draft: ServiceRecordDraft) -> int:
        """Book a visit inside the caller's transaction (a 复查 from the 行动 step); its id.

        Checked as ``add`` checks a visit; no audit row: the caller's action carries it.
        """
        clean = validate_service_record(draft, now=self._ctx.now())
        return int(self._create(clean, self._customer(clean.customer_id)).id)

    def cancel_within(self, record_id: int) -> None:
        """Inside the caller's transaction: take back a booked visit that has not happened yet.

        Refused (``DomainError``) once its time has come or anything refers to it (a voucher used
        on it, a complaint about it, a referral reward): then it is history, not a booking.
        """
        record = ServiceRecord.get_or_none(ServiceRecord.id == record_id)
        if record is None:
            return
        if record.served_at <= self._ctx.now() or _referred_to(record_id):
            raise DomainError(
                f"{record.served_at.astimezone(self._ctx.now().tzinfo):%m-%d %H:%M} 的上门已经到了时间或已有记录，"
                "不能在更正中去掉它或改时间"
            )
        customer_id = record.customer_id
        ServiceRecord.delete().where(ServiceRecord.id == record_id).execute()
        latest = (
            ServiceRecord.select(fn.MAX(ServiceRecord.served_at))
            .where(ServiceRecord.customer == customer_id)
            .scalar()
        )
        Customer.update(last_service_at=latest).where(Customer.id == customer_id).execute()

    @staticmethod
    def _customer(customer_id: int) -> Customer:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        return customer

    def _create(self, clean: CleanServiceRecord, customer: Customer) -> ServiceRecord:
        if clean.worker_id is not None:
            worker = Worker.get_or_none(Worker.id == clean.worker_id)
            if worker is None:
                raise ValidationError({"worker": "所选服务人员已不存在，请重新选择"})
        record = ServiceRecord.create(
            customer=clean.customer_id,
            worker=clean.worker_id,
            served_at=clean.served_at,
            service_type=clean.service_type,
            amount_fen=clean.amount_fen,
            notes=clean.notes,
            created_at=self._ctx.now(),
            created_by=self._ctx.on_duty_id,
        )
        if customer.last_service_at is None or clean.served_at > customer.last_service_at:
            Customer.update(last_service_at=clean.served_at).where(Customer.id == customer.id).execute()
        if self._after_add is not None:
            self._after_add(record)
        return record

    def recent_for(self, customer_id: int, limit: int = 10) -> list[ServiceRecordRow]:
        """The customer's latest visits, newest first (to link a complaint to one)."""
        query = (
            ServiceRecord.select(ServiceRecord, Worker.id, Worker.name)
            .join(Worker, JOIN.LEFT_OUTER, on=(ServiceRecord.worker == Worker.id))
            .where(ServiceRecord.customer == customer_id)
            .order_by(ServiceRecord.served_at.desc())
            .limit(limit)
        )
        return [
            ServiceRecordRow(
                r.id,
                r.served_at,
                r.service_type,
                r.worker_id,
                r.worker.name if r.worker is not None else "",
                r.amount_fen,
            )
            for r in query
        ]


def _referred_to(record_id: int) -> bool:
    """Whether anything but a 复查 remedy refers to the visit."""
    return (
        VoucherEntry.select().where(VoucherEntry.service_record == record_id).exists()
        or Incident.select().where(Incident.service_record == record_id).exists()
        or ReferralReward.select().where(ReferralReward.service_record == record_id).exists()
    )
