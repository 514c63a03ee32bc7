"""What the incident screens show: plain data read from the database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from ..domain.deadlines import Deadline, DeadlinePolicy, Level, next_deadline
from ..domain.incidents import Category, RemedyKind, ReportChannel, Severity, Status, Step, describe_remedy
from ..storage.models import (
    Callback,
    Escalation,
    Incident,
    IncidentStep,
    RemedyRecord,
    ServiceRecord,
    Staff,
    Voucher,
)
from .consents import visible_household_notes


@dataclass(frozen=True)
class StepView:
    step: Step
    data: dict[str, str]
    completed_at: datetime | None
    completed_by: str
    corrected_at: datetime | None

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class RemedyView:
    kind: RemedyKind
    amount_fen: int
    note: str
    approved_by: str
    voucher_code: str = ""
    voucher_valid_until: date | None = None
    uses: int = 1
    """A 补偿券's uses (its voucher's); 1 for every other remedy."""
    visit_at: datetime | None = None
    """When a 上门复查's visit is booked (in the clock's zone)."""
    visit_id: int | None = None

    def describe(self) -> str:
        return describe_remedy(
            self.kind, self.amount_fen, self.note, self.uses, self.voucher_code, self.visit_at
        )


@dataclass(frozen=True)
class CallbackView:
    id: int
    started_at: datetime
    duration_seconds: int
    consent: bool
    stable: bool | None
    satisfaction: int | None
    note: str
    staff_name: str
    reopened: bool


@dataclass(frozen=True)
class EscalationView:
    level: Level
    at: datetime
    reason: str
    owner_name: str


@dataclass(frozen=True)
class IncidentView:
    """One incident with its whole recovery record."""

    id: int
    number: str
    customer_id: int
    customer_label: str
    customer_name: str
    contact_start: time
    contact_end: time
    household_notes: str
    """Empty when the customer refused or withdrew 家庭备注 (the stored text is not shown)."""
    service_record_id: int | None
    service_label: str
    worker_id: int | None
    worker_name: str
    category: Category
    severity: Severity
    channel: ReportChannel
    customer_said: str
    reported_at: datetime
    reported_by: str
    status: Status
    current_step: Step | None
    level: Level
    owner_name: str
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    close_reason: str
    callback_due_at: datetime | None
    steps: dict[Step, StepView] = field(default_factory=dict)
    remedies: list[RemedyView] = field(default_factory=list)
    callbacks: list[CallbackView] = field(default_factory=list)
    escalations: list[EscalationView] = field(default_factory=list)
    row_version: int = 1
    """The stored version the incident was read at: hand it back when saving (``expected_version``)."""

    def next_deadline(self, now: datetime, policy: DeadlinePolicy) -> Deadline | None:
        """The deadline to watch now (None once resolved and responded, or closed)."""
        if self.status != Status.OPEN:
            return None
        return next_deadline(self.reported_at, now, self.first_response_at, self.resolved_at, policy)

    @property
    def compensation_fen(self) -> int:
        return sum(r.amount_fen for r in self.remedies)


@dataclass(frozen=True)
class IncidentRow:
    """One line of an incident list."""

    id: int
    number: str
    customer_label: str
    category: Category
    severity: Severity
    status: Status
    current_step: Step | None
    level: Level
    owner_name: str
    worker_name: str
    reported_at: datetime
    next_due: datetime | None
    next_due_label: str


def _staff_names(ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(wanted))}


def build_view(incident: Incident, tz: tzinfo | None = None) -> IncidentView:
    """Read an incident and everything recorded about it (times of 复查 visits in ``tz``)."""
    steps = list(IncidentStep.select().where(IncidentStep.incident == incident.id))
    remedies = list(
        RemedyRecord.select().where(RemedyRecord.incident == incident.id).order_by(RemedyRecord.id)
    )
    callbacks = list(Callback.select().where(Callback.incident == incident.id).order_by(Callback.started_at))
    escalations = list(Escalation.select().where(Escalation.incident == incident.id).order_by(Escalation.id))
    voucher_ids = [r.voucher_id for r in remedies if r.voucher_id is not None]
    vouchers = {v.id: v for v in Voucher.select().where(Voucher.id.in_(voucher_ids))} if voucher_ids else {}
    visit_ids = [r.visit_id for r in remedies if r.visit_id is not None]
    visits = (
        {
            v.id: v.served_at.astimezone(tz)
            for v in ServiceRecord.select(ServiceRecord.id, ServiceRecord.served_at).where(
                ServiceRecord.id.in_(visit_ids)
            )
        }
        if visit_ids
        else {}
    )
    names = _staff_names(
        {incident.reported_by_id, incident.owner_id}
        | {s.completed_by_id for s in steps}
        | {r.approved_by_id for r in remedies}
        | {c.staff_id for c in callbacks}
    )
    customer = incident.customer
    service_label = ""
    if incident.service_record_id is not None and incident.service_record is not None:
        record = incident.service_record
        service_label = f"{record.served_at:%Y-%m-%d} {record.service_type}"
    current = incident.current_step
    return IncidentView(
        id=incident.id,
        number=incident.number,
        customer_id=incident.customer_id,
        customer_label=customer.address_as,
        customer_name=customer.name,
        contact_start=customer.contact_start,
        contact_end=customer.contact_end,
        household_notes=visible_household_notes(customer),
        service_record_id=incident.service_record_id,
        service_label=service_label,
        worker_id=incident.worker_id,
        worker_name=incident.worker.name if incident.worker_id is not None and incident.worker else "",
        category=Category(incident.category),
        severity=Severity(incident.severity),
        channel=ReportChannel(incident.channel),
        customer_said=incident.customer_said,
        reported_at=incident.reported_at,
        reported_by=names.get(incident.reported_by_id or 0, ""),
        status=Status(incident.status),
        current_step=Step(current) if current <= Step.DEEPEN else None,
        level=Level(incident.escalation_level),
        owner_name=names.get(incident.owner_id or 0, ""),
        first_response_at=incident.first_response_at,
        resolved_at=incident.resolved_at,
        closed_at=incident.closed_at,
        close_reason=incident.close_reason,
        callback_due_at=incident.callback_due_at,
        steps={
            Step(s.step): StepView(
                Step(s.step),
                json.loads(s.data),
                s.completed_at,
                names.get(s.completed_by_id or 0, ""),
                s.corrected_at,
            )
            for s in steps
        },
        remedies=[
            RemedyView(
                RemedyKind(r.kind),
                r.amount_fen,
                r.note,
                names.get(r.approved_by_id or 0, ""),
                vouchers[r.voucher_id].code if r.voucher_id in vouchers else "",
                vouchers[r.voucher_id].valid_until if r.voucher_id in vouchers else None,
                vouchers[r.voucher_id].uses_total if r.voucher_id in vouchers else 1,
                visits.get(r.visit_id) if r.visit_id is not None else None,
                r.visit_id if r.visit_id in visits else None,
            )
            for r in remedies
        ],
        callbacks=[
            CallbackView(
                c.id,
                c.started_at,
                c.duration_seconds,
                bool(c.consent),
                c.stable,
                c.satisfaction,
                c.note,
                names.get(c.staff_id or 0, ""),
                bool(c.reopened),
            )
            for c in callbacks
        ],
        escalations=[EscalationView(Level(e.level), e.at, e.reason, e.owner_name) for e in escalations],
        row_version=int(incident.row_version),
    )
