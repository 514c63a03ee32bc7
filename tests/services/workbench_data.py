"""One of each thing the 工作台 lists, and the near misses it must leave out (shared by its tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import grants, make_draft

TODAY = date(2026, 11, 23)  # the clock fixture's day (10:00 China time)


@dataclass(frozen=True)
class Seeded:
    customer: int
    callback_today: int
    callback_tomorrow: int
    callback_done: int
    deadline_overdue: int
    deadlines_met: int
    reported_today: int
    contract_soon: int
    contract_later: int
    voucher_soon: int
    voucher_later: int
    voucher_used: int


def _at(clock, day: date, hour: int, minute: int = 0) -> None:
    clock.set(datetime.combine(day, time(hour, minute), tzinfo=clock.now().tzinfo))


def _open(services: Services, customer: int, said: str) -> int:
    return services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category=Category.LATE.value, severity=1, customer_said=said)
    )


def _identify(services: Services, incident: int) -> None:
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})


def _resolve(services: Services, incident: int) -> None:
    _identify(services, incident)
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": "迟到", "customer_needs": "准时"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉"})
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value)]
    )


def _voucher(services: Services, customer: int, days: int, uses: int = 2, total: str = "200") -> int:
    return services.vouchers.issue(
        VoucherDraft(
            customer_id=customer,
            kind=VoucherKind.PROMOTION.value,
            total_text=total,
            uses=uses,
            valid_until=TODAY + timedelta(days=days),
            usage_note="减免服务费",
        )
    )


def _contract(services: Services, customer: int, end_in: int) -> int:
    end = TODAY + timedelta(days=end_in)
    return services.contracts.create(
        ContractDraft(customer, "保洁套餐", end - timedelta(days=364), end, "3600")
    )


def seed(services: Services, clock) -> Seeded:
    """Leaves the clock at 2026-11-23 10:00 again."""
    agreed = grants(services, Purpose.MARKETING, Purpose.CALLBACK_RECORDS)  # promotion vouchers, callbacks
    customer = services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)), agreed)
    other = services.customers.create(
        make_draft(
            name="张丽", honorific="女士", phone="13900001111", contact_start=time(10), contact_end=time(18)
        ),
        agreed,
    )
    # Resolved on the 19th, called back on the 22nd: nothing left to do.
    _at(clock, TODAY - timedelta(days=4), 9)
    callback_done = _open(services, other, "阿姨迟到半小时")
    _resolve(services, callback_done)
    _at(clock, TODAY - timedelta(days=1), 15)
    services.callbacks.record_callback(
        CallbackDraft(callback_done, clock.now(), clock.now() + timedelta(minutes=3), True, 5, "")
    )
    # Resolved on the 20th: the day-3 callback is due today at 09:00 (overdue at 10:00).
    _at(clock, TODAY - timedelta(days=3), 9)
    callback_today = _open(services, customer, "阿姨迟到一小时")
    _resolve(services, callback_today)
    # Reported on the 21st at 08:00, answered, not resolved: resolution was due today 08:00.
    _at(clock, TODAY - timedelta(days=2), 8)
    deadline_overdue = _open(services, other, "阿姨又迟到了")
    clock.advance(timedelta(hours=1))
    _identify(services, deadline_overdue)
    # Resolved on the 21st: its callback is due tomorrow.
    callback_tomorrow = _open(services, other, "阿姨迟到十分钟")
    _resolve(services, callback_tomorrow)
    # Reported yesterday 09:00 and answered at once: resolution due tomorrow 09:00, warning from 21:00.
    _at(clock, TODAY - timedelta(days=1), 9)
    deadlines_met = _open(services, customer, "阿姨来晚了")
    _identify(services, deadlines_met)
    # Reported this morning, not yet answered.
    _at(clock, TODAY, 9, 30)
    reported_today = _open(services, customer, "今天阿姨没来")
    _at(clock, TODAY, 10)
    contract_soon = _contract(services, customer, 3)
    contract_later = _contract(services, other, 10)
    voucher_soon = _voucher(services, customer, 5)
    voucher_later = _voucher(services, other, 9)
    voucher_used = _voucher(services, customer, 3, uses=1, total="30")
    visit = services.service_records.add(
        ServiceRecordDraft(
            customer_id=customer, served_at=clock.now() - timedelta(hours=1), amount_text="150"
        )
    )
    services.vouchers.redeem(services.vouchers.get(voucher_used).code, visit)
    return Seeded(
        customer=customer,
        callback_today=callback_today,
        callback_tomorrow=callback_tomorrow,
        callback_done=callback_done,
        deadline_overdue=deadline_overdue,
        deadlines_met=deadlines_met,
        reported_today=reported_today,
        contract_soon=contract_soon,
        contract_later=contract_later,
        voucher_soon=voucher_soon,
        voucher_later=voucher_later,
        voucher_used=voucher_used,
    )
