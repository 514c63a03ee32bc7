"""Which reminders each cause wants: an incident, a contract, a voucher, the calendar.

Each function reads the cause as it is now and returns the reminders that should exist for it; the
reminder service compares that with the table. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo

from ..domain.contracts import ContractStatus
from ..domain.deadlines import DeadlinePolicy, escalation_ladder
from ..domain.festivals import BY_KEY, upcoming
from ..domain.incidents import Status
from ..domain.inquiries import inquiry_summary
from ..domain.reminders import (
    VOUCHER_EXPIRING_DAYS,
    Kind,
    Wanted,
    at_reminder_time,
    renewal_slots,
)
from ..domain.surveys import FIRST_SLOT, SurveyRule, survey_due, survey_slot, too_late
from ..domain.vouchers import VoucherStatus
from ..storage.models import (
    Callback,
    Contract,
    Customer,
    Incident,
    Inquiry,
    RemedyRecord,
    ServiceRecord,
    Survey,
    Voucher,
)


def _who(customer: Customer) -> str:
    return (
        f"{customer.address_as}（{customer.name}）" if customer.address_as != customer.name else customer.name
    )


def for_inquiry(inquiry_id: int, tz: tzinfo) -> list[Wanted]:
    """A first inquiry's follow-up call on its day, while the caller has had no service (then it is moot)."""
    inquiry = Inquiry.get_or_none(Inquiry.id == inquiry_id)
    if inquiry is None or inquiry.follow_up_on is None:
        return []
    customer = inquiry.customer
    if (
        customer.erased_at is not None
        or ServiceRecord.select().where(ServiceRecord.customer == customer.id).exists()
    ):
        return []
    return [
        Wanted(
            Kind.INQUIRY,
            "follow_up",
            at_reminder_time(inquiry.follow_up_on, tz),
            f"{_who(customer)}：跟进{inquiry_summary(inquiry.service, inquiry.asked)}"[:120],
            customer.id,
        )
    ]


def for_visit(record_id: int, rule: SurveyRule, now: datetime) -> list[Wanted]:
    """The satisfaction survey of a visit: after a customer's first visit and after every Nth (the rule),
    until a survey of the customer is recorded after the visit. None for a visit recorded long after it
    took place, nor for an erased customer."""
    record = ServiceRecord.get_or_none(ServiceRecord.id == record_id)
    if record is None or too_late(record.served_at, now):
        return []
    customer = record.customer
    if customer.erased_at is not None:
        return []
    earlier = (ServiceRecord.served_at < record.served_at) | (
        (ServiceRecord.served_at == record.served_at) & (ServiceRecord.id <= record.id)
    )
    ordinal = ServiceRecord.select().where((ServiceRecord.customer == customer.id) & earlier).count()
    slot = survey_slot(ordinal, rule)
    if slot is None:
        return []
    asked = (
        Survey.select()
        .where((Survey.customer == customer.id) & (Survey.asked_at >= record.served_at))
        .exists()
    )
    if asked:
        return []
    tz = now.tzinfo
    assert tz is not None
    served = record.served_at.astimezone(tz)
    which = "第一次服务" if slot == FIRST_SLOT else f"第 {ordinal} 次服务"
    return [
        Wanted(
            Kind.SURVEY,
            slot,
            survey_due(served.date(), rule, tz),
            f"{_who(customer)}：{which}（{served:%m-%d} {record.service_type}）后的满意度回访"[:120],
            customer.id,
        )
    ]


def for_incident(incident_id: int, policy: DeadlinePolicy, tz: tzinfo) -> list[Wanted]:
    """The day-3 callback of a resolved incident; deadline warnings and escalations of an open one;
    each 复查 visit its 行动 step booked, at the visit's time (whatever the incident's state)."""
    incident = Incident.get_or_none(Incident.id == incident_id)
    if incident is None:
        return []
    customer = incident.customer
    wanted: list[Wanted] = []
    notes = {
        r.visit_id: r.note
        for r in RemedyRecord.select(RemedyRecord.visit_id, RemedyRecord.note).where(
            RemedyRecord.incident == incident.id, RemedyRecord.visit_id.is_null(False)
        )
    }
    if notes:
        for visit in ServiceRecord.select(ServiceRecord.id, ServiceRecord.served_at).where(
            ServiceRecord.id.in_(list(notes))
        ):
            what = f"（{notes[visit.id]}）" if notes[visit.id] else ""
            when = visit.served_at.astimezone(tz)
            wanted.append(
                Wanted(
                    Kind.REINSPECTION,
                    f"{visit.id}",
                    visit.served_at,
                    f"{incident.number} · {_who(customer)}：{when:%m-%d %H:%M} 上门复查{what}",
                    customer.id,
                )
            )
    if incident.status == Status.RESOLVED.value and incident.callback_due_at is not None:
        done = (
            Callback.select()
            .where(Callback.incident == incident.id, Callback.started_at >= incident.resolved_at)
            .exists()
        )
        if not done:
            # One slot per round: after a low score reopens the incident, the next callback is a new one.
            rounds = Callback.select().where(Callback.incident == incident.id).count()
            wanted.append(
                Wanted(
                    Kind.CALLBACK,
                    f"{rounds + 1}",
                    incident.callback_due_at,
                    f"{incident.number} · {_who(customer)}：到了三日回访的时间",
                    customer.id,
                )
            )
    if incident.status == Status.OPEN.value:
        # One warning and one escalation reminder for each step the incident may still rise.
        ladder = escalation_ladder(
            incident.reported_at, incident.first_response_at, incident.resolved_at, policy
        )
        for deadline in ladder:
            wanted.append(
                Wanted(
                    Kind.DEADLINE_WARNING,
                    deadline.kind,
                    deadline.warn_at,
                    f"{incident.number} {_who(customer)}：{deadline.label}期限 "
                    f"{deadline.due.astimezone(tz):%m-%d %H:%M} 将到",
                    customer.id,
                )
            )
            wanted.append(
                Wanted(
                    Kind.ESCALATION,
                    deadline.kind,
                    deadline.due,
                    f"{incident.number} {_who(customer)}：已超过{deadline.label}期限，事件升级",
                    customer.id,
                )
            )
    return wanted


def for_contract(contract_id: int, days: tuple[int, ...], tz: tzinfo) -> list[Wanted]:
    """Renewal reminders N days before an active contract ends (none before it started)."""
    contract = Contract.get_or_none(Contract.id == contract_id)
    if contract is None or contract.status != ContractStatus.ACTIVE.value:
        return []
    return contract_wants(contract, contract.customer, days, tz)


def contract_wants(contract: Contract, customer: Customer, days: tuple[int, ...], tz: tzinfo) -> list[Wanted]:
    start = at_reminder_time(contract.start_on, tz)
    return [
        Wanted(
            Kind.RENEWAL,
            slot,
            due,
            f"{_who(customer)}的{contract.package}于 {contract.end_on:%Y-%m-%d} 到期（提前 {slot} 天）",
            customer.id,
        )
        for slot, due in renewal_slots(contract.end_on, days, tz)
        if due >= start
    ]


def for_voucher(voucher_id: int, tz: tzinfo) -> list[Wanted]:
    """A reminder 7 days before an active voucher's last day (none if it was issued later than that)."""
    voucher = Voucher.get_or_none(Voucher.id == voucher_id)
    if voucher is None or voucher.status != VoucherStatus.ACTIVE.value:
        return []
    return voucher_wants(voucher, voucher.customer, tz)


def voucher_wants(voucher: Voucher, customer: Customer, tz: tzinfo) -> list[Wanted]:
    due = at_reminder_time(voucher.valid_until - timedelta(days=VOUCHER_EXPIRING_DAYS), tz)
    if due.date() < voucher.created_at.astimezone(tz).date():
        return []
    return [
        Wanted(
            Kind.VOUCHER_EXPIRING,
            "expiring",
            due,
            f"{_who(customer)}的券 {voucher.code} 最后一天是 {voucher.valid_until:%Y-%m-%d}",
            customer.id,
        )
    ]


def for_calendar(
    now: datetime,
    festivals: tuple[str, ...],
    days_before: int,
    horizon_days: int,
    started_on: date | None = None,
) -> list[tuple[str, int, Wanted]]:
    """Festival greetings and monthly-report reminders due from today on, ``(subject, subject_id, wanted)``.

    Only future ones are made: a festival that passed before the program knew of it is not "missed".
    No report is asked for a month that ended before the agency started (``started_on``, its first
    day with the program): a new agency's first start is not greeted by last month's report.
    """
    tz = now.tzinfo
    assert tz is not None
    today = now.date()
    end = today + timedelta(days=horizon_days)
    found: list[tuple[str, int, Wanted]] = []
    for festival, day in upcoming(
        festivals, today + timedelta(days=days_before), end + timedelta(days=days_before)
    ):
        due = at_reminder_time(day - timedelta(days=days_before), tz)
        title = f"{festival.name}（{day.month} 月 {day.day} 日）快到了：给客户发节日祝福"
        found.append(("festival", day.year, Wanted(Kind.FESTIVAL, festival.key, due, title)))
    month = date(today.year, today.month, 1)
    while month <= end:
        previous = month - timedelta(days=1)
        if month >= today and (started_on is None or previous >= started_on):
            title = f"打印 {previous.year} 年 {previous.month} 月的经营报告"
            found.append(
                (
                    "month",
                    month.year * 100 + month.month,
                    Wanted(Kind.MONTHLY_REPORT, "report", at_reminder_time(month, tz), title),
                )
            )
        month = (month + timedelta(days=32)).replace(day=1)
    return found


def active_contracts_and_vouchers(days: tuple[int, ...], tz: tzinfo) -> Iterator[tuple[str, int, Wanted]]:
    """Every active contract's and voucher's reminders, read in two queries (for the one-off backfill).

    Streamed row by row (a million-customer office has 200,000 contracts): nothing is kept. Only the
    columns the reminders use are read.
    """
    who = (Customer.id, Customer.name, Customer.address_as)
    contracts = (
        Contract.select(Contract.id, Contract.package, Contract.start_on, Contract.end_on, *who)
        .join(Customer)
        .where(Contract.status == ContractStatus.ACTIVE.value)
    )
    for contract in contracts.iterator():
        for w in contract_wants(contract, contract.customer, days, tz):
            yield ("contract", contract.id, w)
    vouchers = (
        Voucher.select(Voucher.id, Voucher.code, Voucher.valid_until, Voucher.created_at, *who)
        .join(Customer)
        .where(Voucher.status == VoucherStatus.ACTIVE.value)
    )
    for voucher in vouchers.iterator():
        for w in voucher_wants(voucher, voucher.customer, tz):
            yield ("voucher", voucher.id, w)


def festival_names(keys: tuple[str, ...]) -> str:
    return "、".join(BY_KEY[k].name for k in keys if k in BY_KEY)
