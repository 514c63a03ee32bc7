"""Reminders through the services: made and moved by their causes, raised once, snoozed, done."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.deadlines import MEAL_WINDOWS, is_allowed_call_time
from jiazheng_desktop.domain.errors import DomainError, ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.reminders import Kind, Snooze, State, parse_renewal_days, snooze_until
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.reminders import ReminderRules
from jiazheng_desktop.services.settings import REMINDERS_BACKFILLED_KEY
from jiazheng_desktop.storage.models import Reminder, Setting
from tests.conftest import consent_to, make_draft


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)  # type: ignore[misc]


@pytest.fixture
def customer(services) -> int:
    return services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))


def _reminders(kind: Kind | None = None) -> list[Reminder]:
    query = Reminder.select().order_by(Reminder.due_at)
    if kind is not None:
        query = query.where(Reminder.kind == kind.value)
    return list(query)


def _contract(services, customer: int, end_on: date, start_on: date = date(2026, 1, 1)) -> int:
    return services.contracts.create(ContractDraft(customer, "保洁套餐", start_on, end_on, "3600"))


def _resolve(services, customer: int) -> int:
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了一个小时"
        )
    )
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": "等了一个小时", "customer_needs": "以后准时"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉耽误您的时间"})
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "换阿姨"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    return incident


# -- made, moved and removed by their causes ---------------------------------------------------------


def test_a_contract_gets_renewal_reminders_14_7_and_1_days_before_its_end(services, customer) -> None:
    _contract(services, customer, date(2026, 12, 31))
    due = [(r.slot, r.due_at) for r in _reminders(Kind.RENEWAL)]
    assert due == [
        ("14", at(2026, 12, 17, 9, 0)),
        ("7", at(2026, 12, 24, 9, 0)),
        ("1", at(2026, 12, 30, 9, 0)),
    ]
    assert all(r.state == State.PENDING.value and r.customer_id == customer for r in _reminders())


def test_renewing_a_contract_removes_its_pending_renewal_reminders(services, customer, clock) -> None:
    old = _contract(services, customer, date(2026, 12, 1))  # 14 days before = 11-17: already due
    assert [r.slot for r in _reminders(Kind.RENEWAL)] == ["14", "7", "1"]
    services.reminders.raise_due()
    new = services.contracts.renew(
        old, ContractDraft(None, "保洁套餐", date(2026, 12, 2), date(2027, 12, 1), "3600")
    )
    old_ones = Reminder.select().where(Reminder.subject == "contract", Reminder.subject_id == old)
    # The one already shown stays as history, done; the two still to come are gone.
    assert [(r.slot, r.state) for r in old_ones] == [("14", State.DONE.value)]
    new_ones = Reminder.select().where(Reminder.subject == "contract", Reminder.subject_id == new)
    assert sorted(r.slot for r in new_ones) == ["1", "14", "7"]


def test_a_follow_up_completes_the_renewal_reminder_already_due(services, customer) -> None:
    contract = _contract(services, customer, date(2026, 12, 1))
    services.contracts.record_contact(contract, "客户说考虑一下")
    states = {r.slot: r.state for r in _reminders(Kind.RENEWAL)}
    assert states == {"14": State.DONE.value, "7": State.PENDING.value, "1": State.PENDING.value}


def test_a_contract_signed_late_gets_no_reminders_from_before_it_started(services, customer) -> None:
    _contract(services, customer, date(2026, 12, 5), start_on=date(2026, 11, 29))
    assert [r.slot for r in _reminders(Kind.RENEWAL)] == ["1"]


def test_the_callback_reminder_follows_the_incident(services, customer, clock) -> None:
    incident = _resolve(services, customer)
    [callback] = _reminders(Kind.CALLBACK)
    assert callback.due_at == services.incidents.get(incident).callback_due_at
    assert callback.due_at.date() == date(2026, 11, 26)
    assert not _reminders(Kind.DEADLINE_WARNING)  # resolved: no deadline left to warn about
    clock.set(callback.due_at)
    services.callbacks.record_callback(CallbackDraft(incident, clock.now(), clock.now(), True, 5))
    assert _reminders(Kind.CALLBACK)[0].state == State.DONE.value


def test_a_low_score_callback_makes_a_new_callback_reminder_after_the_next_resolution(
    services, customer, clock
) -> None:
    incident = _resolve(services, customer)
    clock.set(_reminders(Kind.CALLBACK)[0].due_at)
    services.callbacks.record_callback(CallbackDraft(incident, clock.now(), clock.now(), False, 1))
    assert [r.state for r in _reminders(Kind.CALLBACK)] == [State.DONE.value]
    clock.advance(timedelta(hours=2))
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "店长上门"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    assert [(r.slot, r.state) for r in _reminders(Kind.CALLBACK)] == [
        ("1", State.DONE.value),
        ("2", State.PENDING.value),
    ]


def test_an_open_incident_warns_before_each_deadline_and_stops_once_it_is_met(
    services, customer, clock
) -> None:
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了"
        )
    )
    kinds = sorted((r.kind, r.slot, r.due_at) for r in _reminders())
    reported = clock.now()
    assert kinds == [
        ("deadline_warning", "first_response", reported + timedelta(hours=18)),
        ("deadline_warning", "resolution", reported + timedelta(hours=36)),
        ("escalation", "first_response", reported + timedelta(hours=24)),
        ("escalation", "resolution", reported + timedelta(hours=48)),
    ]
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})
    # Answered in time: the first response's reminders go, the next resolution period's come.
    assert sorted(r.slot for r in _reminders()) == [
        "resolution",
        "resolution",
        "resolution_2",
        "resolution_2",
    ]


def test_each_further_period_has_its_warning_and_one_escalation_reminder(services, customer, clock) -> None:
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了"
        )
    )
    reported = clock.now()
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})
    assert sorted((r.kind, r.slot, r.due_at) for r in _reminders()) == [
        ("deadline_warning", "resolution", reported + timedelta(hours=36)),
        ("deadline_warning", "resolution_2", reported + timedelta(hours=66)),
        ("escalation", "resolution", reported + timedelta(hours=48)),
        ("escalation", "resolution_2", reported + timedelta(hours=72)),
    ]
    [title] = [r.title for r in _reminders(Kind.ESCALATION) if r.slot == "resolution_2"]
    assert "第 2 个解决周期" in title and "升级" in title
    raised = []
    for hours in (49, 73, 73, 24 * 12):  # the check runs again and again: each level comes up once
        clock.set(reported + timedelta(hours=hours))
        services.incidents.refresh_escalations()
        raised += [r.kind for r in services.reminders.raise_due() if r.kind == Kind.ESCALATION.value]
    assert len(raised) == 2 == len(_reminders(Kind.ESCALATION))
    assert services.incidents.get(incident).escalations[-1].level == 3


def test_an_incident_from_before_the_further_periods_gets_their_reminder_when_it_rises(
    services, customer, clock
) -> None:
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了"
        )
    )
    reported = clock.now()
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})
    Reminder.delete().where(Reminder.slot == "resolution_2").execute()  # as made by the version before
    clock.set(reported + timedelta(days=9))
    services.incidents.refresh_escalations()
    services.incidents.refresh_escalations()
    escalations = [(r.slot, r.state) for r in _reminders(Kind.ESCALATION)]
    assert escalations == [("resolution", "pending"), ("resolution_2", "pending")]
    raised = [r.title for r in services.reminders.raise_due() if r.kind == Kind.ESCALATION]
    assert len(raised) == 2 and "第 2 个解决周期" in raised[1]


def test_vouchers_warn_7_days_before_their_last_day_until_used_up(services, customer, clock) -> None:
    consent_to(services, customer, Purpose.MARKETING)  # promotion vouchers need it
    draft = VoucherDraft(customer, VoucherKind.PROMOTION.value, "100", 1, date(2026, 12, 31), "下次服务抵扣")
    voucher = services.vouchers.issue(draft)
    [reminder] = _reminders(Kind.VOUCHER_EXPIRING)
    assert reminder.due_at == at(2026, 12, 24, 9, 0) and reminder.subject_id == voucher
    short = VoucherDraft(customer, VoucherKind.PROMOTION.value, "100", 1, date(2026, 11, 27), "下次服务抵扣")
    services.vouchers.issue(short)  # issued inside the last week: nothing to warn about ahead
    assert len(_reminders(Kind.VOUCHER_EXPIRING)) == 1


def test_the_same_cause_never_gives_two_reminders(services, customer) -> None:
    contract = _contract(services, customer, date(2026, 12, 31))
    for _ in range(3):
        services.reminders.sync("contract", contract)
    Setting.delete().where(Setting.key == REMINDERS_BACKFILLED_KEY).execute()
    services.reminders.backfill()
    services.reminders.backfill()
    assert len(_reminders(Kind.RENEWAL)) == 3


def test_backfill_records_old_reminders_as_done(services, customer, clock) -> None:
    services.context.reminder_sync = None  # a database from before reminders existed
    Setting.delete().where(Setting.key == REMINDERS_BACKFILLED_KEY).execute()
    _contract(services, customer, date(2026, 12, 1))
    services.context.reminder_sync = lambda s, i, a: services.reminders.sync(s, i, a)
    assert not _reminders(Kind.RENEWAL)
    clock.set(at(2026, 11, 25, 8, 0))  # the 7-day one (11-24 09:00) is less than a day late
    assert services.reminders.backfill() > 0
    states = {r.slot: r.state for r in _reminders(Kind.RENEWAL)}
    assert states == {"14": State.DONE.value, "7": State.PENDING.value, "1": State.PENDING.value}
    assert services.reminders.backfill() == 0


# -- raised once --------------------------------------------------------------------------------------


def test_due_reminders_are_raised_once_oldest_first(services, customer, clock) -> None:
    _contract(services, customer, date(2026, 12, 31))
    _contract(services, customer, date(2026, 12, 20))
    assert services.reminders.raise_due() == []
    clock.set(at(2026, 12, 24, 9, 30))
    raised = services.reminders.raise_due()
    assert [(r.due_at.date(), r.state) for r in raised] == [
        (date(2026, 12, 6), State.RAISED),
        (date(2026, 12, 13), State.RAISED),
        (date(2026, 12, 17), State.RAISED),
        (date(2026, 12, 19), State.RAISED),
        (date(2026, 12, 24), State.RAISED),
    ]
    assert services.reminders.raise_due() == []
    assert services.reminders.count_due() == 5
    counts = services.reminders.counts()
    assert [counts.overdue, counts.today, counts.upcoming] == [4, 1, 1]
    groups = [row.group for row in services.reminders.listing().walk()]
    assert groups == ["overdue"] * 4 + ["today", "upcoming"]


def test_snooze_done_and_dismiss(services, customer, clock) -> None:
    _contract(services, customer, date(2026, 12, 1))
    [raised] = services.reminders.raise_due()
    clock.set(at(2026, 11, 23, 11, 20))
    until = services.reminders.snooze(raised.id, Snooze.QUARTER)
    assert until == at(2026, 11, 23, 13, 30)  # 11:35 is lunch: after it
    assert services.reminders.get(raised.id).state == State.SNOOZED
    assert services.reminders.raise_due() == []
    clock.set(until)
    assert [r.id for r in services.reminders.raise_due()] == [raised.id]
    with pytest.raises(ValidationError):
        services.reminders.dismiss(raised.id, "  ")
    services.reminders.dismiss(raised.id, "客户已经来店里续过了")
    assert Reminder.get_by_id(raised.id).reason == "客户已经来店里续过了"
    with pytest.raises(DomainError, match="已忽略"):
        services.reminders.done(raised.id)


def test_reminder_rules_are_checked_and_move_the_renewal_reminders(services, customer) -> None:
    _contract(services, customer, date(2026, 12, 31))
    with pytest.raises(ValidationError) as info:
        services.reminders.save_rules(ReminderRules((0,), ("moon_landing",), 40))
    assert set(info.value.fields) == {"renewal_days", "festivals", "festival_days_before"}
    services.reminders.save_rules(ReminderRules((30, 3), ("spring",), 5))
    assert sorted(r.slot for r in _reminders(Kind.RENEWAL)) == ["3", "30"]
    assert parse_renewal_days("14，7、1") == (14, 7, 1)
    with pytest.raises(ValueError, match="天数"):
        parse_renewal_days("7, 一")


# -- calendar ------------------------------------------------------------------------------------------


def test_festival_and_monthly_report_reminders(services, clock) -> None:
    services.reminders.sync_calendar()
    festivals = [(r.slot, r.subject_id, r.due_at) for r in _reminders(Kind.FESTIVAL)]
    # 春节 2027 is on 2-6, 端午 6-9, 中秋 9-15: three days before each, at 09:00.
    assert festivals == [
        ("spring", 2027, at(2027, 2, 3, 9, 0)),
        ("dragon_boat", 2027, at(2027, 6, 6, 9, 0)),
        ("mid_autumn", 2027, at(2027, 9, 12, 9, 0)),
    ]
    months = [r.due_at for r in _reminders(Kind.MONTHLY_REPORT)]
    assert months[0] == at(2026, 12, 1, 9, 0) and len(months) == 13
    services.reminders.sync_calendar()
    assert len(_reminders(Kind.FESTIVAL)) == 3
    services.reminders.save_rules(ReminderRules((14, 7, 1), ("mid_autumn", "double_ninth"), 3))
    assert [r.slot for r in _reminders(Kind.FESTIVAL)] == ["mid_autumn", "double_ninth"]


# -- snoozing never lands in a meal window -------------------------------------------------------------


@pytest.mark.parametrize("option", list(Snooze))
@pytest.mark.parametrize("calls_customer", [True, False])
def test_snoozing_never_lands_in_a_meal_window(option: Snooze, calls_customer: bool) -> None:
    contact = (time(8, 0), time(21, 0))
    start = at(2026, 11, 23, 0, 0)
    for minute in range(0, 24 * 60, 7):
        now = start + timedelta(minutes=minute)
        until = snooze_until(option, now, contact, calls_customer)
        assert until > now
        wall = until.time()
        assert not any(s <= wall < e for s, e in MEAL_WINDOWS), (now, until)
        if calls_customer or option == Snooze.TOMORROW:
            assert is_allowed_call_time(until, *contact)
    assert snooze_until(Snooze.TOMORROW, at(2026, 11, 23, 22, 0), contact, True) == at(2026, 11, 24, 8, 0)


def test_the_centre_lists_every_upcoming_reminder_soonest_first(services, customer) -> None:
    for day in range(10, 20):
        _contract(services, customer, date(2026, 11, 23) + timedelta(days=day))
    rows = [row for row in services.reminders.listing().walk(batch=3) if row.group == "upcoming"]
    assert len(rows) == services.reminders.counts().upcoming > 3
    assert [r.wake_at for r in rows] == sorted(r.wake_at for r in rows)


def test_a_calendar_sync_with_nothing_new_writes_nothing(services) -> None:
    from jiazheng_desktop.storage.models import AuditLog

    assert services.reminders.sync_calendar() > 0
    audits = AuditLog.select().count()
    assert services.reminders.sync_calendar() == 0
    assert AuditLog.select().count() == audits


def test_a_new_agency_is_not_asked_for_the_report_of_a_month_before_it_started(tmp_path) -> None:
    from jiazheng_desktop.domain.clock import FixedClock
    from jiazheng_desktop.paths import DataPaths
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.settings import AgencyInfo
    from jiazheng_desktop.storage.database import close_database, open_database
    from tests.conftest import TEST_KEY

    paths = DataPaths(tmp_path / "new-agency")
    paths.ensure()
    clock = FixedClock(at(2026, 12, 1, 10, 0))  # the very first start, after the 1st's 09:00 report time
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=TEST_KEY)
    try:
        services = build_services(clock, paths.documents)
        services.onboarding.set_up(AgencyInfo("新开家政"), "张店主", "secret-pass", "secret-pass")
        services.reminders.sync_calendar()
        titles = [r.title for r in _reminders(Kind.MONTHLY_REPORT)]
        assert "打印 2026 年 11 月的经营报告" not in titles  # November was before the agency
        assert titles[0] == "打印 2026 年 12 月的经营报告"  # due 2027-01-01: its first month
        assert services.reminders.raise_due() == []  # nothing "missed" at the first start
    finally:
        close_database()
