"""The real APScheduler: jobs reach the GUI thread as signals; missed reminders show once at the next start."""

from __future__ import annotations

import time as _time
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThread

from jiazheng_desktop.domain.clock import CHINA_TZ, FixedClock
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.reminders import Kind
from jiazheng_desktop.gui.reminders.controller import ReminderController
from jiazheng_desktop.gui.reminders.scheduler_signals import SignalScheduler
from jiazheng_desktop.reminders.scheduler import DAILY_AT, JOB_DEFAULTS, ReminderScheduler
from jiazheng_desktop.services import build_services
from jiazheng_desktop.storage.database import close_database, open_database
from tests.conftest import make_draft


class RunningClock:
    """Real time, started at a chosen moment: the scheduler's timers and the services agree."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._t0 = _time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=_time.monotonic() - self._t0)

    def restart(self, start: datetime) -> None:
        self._start, self._t0 = start, _time.monotonic()


@pytest.fixture
def scheduler(qtbot):
    sched = SignalScheduler(wake_seconds=3600)
    sched.start()
    yield sched
    sched.shutdown()


def test_late_jobs_are_never_dropped() -> None:
    assert JOB_DEFAULTS["misfire_grace_time"] is None and JOB_DEFAULTS["coalesce"] is True


def test_a_job_reaches_the_gui_thread_as_a_signal(qtbot, scheduler) -> None:
    threads: list[QThread] = []
    scheduler.due.connect(lambda _rid: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(scheduler.due, timeout=5000) as blocker:
        scheduler.schedule_in(42, timedelta(milliseconds=200))
    assert blocker.args == [42]
    assert threads == [QCoreApplication.instance().thread()]


def test_a_job_for_a_moment_already_past_still_runs(qtbot, scheduler) -> None:
    with qtbot.waitSignal(scheduler.due, timeout=5000) as blocker:
        scheduler.schedule(7, datetime.now(CHINA_TZ) - timedelta(hours=3))
    assert blocker.args == [7]


def test_replace_all_keeps_only_the_listed_jobs(scheduler) -> None:
    scheduler.replace_all([(1, timedelta(hours=1)), (2, timedelta(hours=2))])
    scheduler.replace_all([(2, timedelta(hours=2)), (3, timedelta(hours=3))])
    assert scheduler.scheduled_ids() == [2, 3]


def test_the_daily_job_runs_just_after_midnight_in_the_agencys_time(qtbot) -> None:
    sched = SignalScheduler(wake_seconds=3600, zone=CHINA_TZ)
    sched.start()
    try:
        upcoming = sched.jobs.next_daily()
        assert upcoming is not None
        local = upcoming.astimezone(CHINA_TZ)
        assert local.time() == DAILY_AT == time(0, 5)
        assert timedelta(0) < local - datetime.now(CHINA_TZ) <= timedelta(days=1)
    finally:
        sched.shutdown()


def test_the_daily_job_reaches_the_gui_thread_and_keeps_its_time(qtbot) -> None:
    sched = SignalScheduler(wake_seconds=3600, zone=CHINA_TZ)
    sched.start()
    threads: list[QThread] = []
    sched.daily.connect(lambda: threads.append(QThread.currentThread()))
    try:
        with qtbot.waitSignal(sched.daily, timeout=5000):
            sched.jobs.run_daily_now()  # as if midnight had just passed
        assert threads == [QCoreApplication.instance().thread()]
        qtbot.waitUntil(
            lambda: sched.jobs.next_daily() is not None and sched.jobs.next_daily() > datetime.now(UTC)
        )
        assert sched.jobs.next_daily().astimezone(CHINA_TZ).time() == DAILY_AT  # tomorrow, same time
    finally:
        sched.shutdown()


def test_without_a_daily_callback_there_is_no_daily_job() -> None:
    sched = ReminderScheduler(lambda _rid: None, lambda: None, 3600)
    sched.start()
    try:
        assert sched.next_daily() is None
    finally:
        sched.shutdown()


def test_the_controller_passes_the_new_day_on(qtbot, services, qsettings) -> None:
    controller, _raised = _controller(services, qsettings)
    controller.start()
    try:
        assert controller.scheduler is not None
        with qtbot.waitSignal(controller.new_day, timeout=5000):
            controller.scheduler.jobs.run_daily_now()
    finally:
        controller.stop()


def _controller(services, qsettings) -> tuple[ReminderController, list[tuple[list, bool]]]:
    opened: list = []
    controller = ReminderController(services, opened.append, qsettings, scheduler=SignalScheduler(3600))
    raised: list[tuple[list, bool]] = []
    controller.raised.connect(lambda rows, missed: raised.append((rows, missed)))
    return controller, raised


def test_a_reminder_due_in_a_moment_is_raised_through_the_scheduler(qtbot, data_paths, qsettings) -> None:
    clock = RunningClock(datetime(2026, 12, 30, 8, 0, tzinfo=CHINA_TZ))
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        services = build_services(clock)
        owner = services.onboarding.set_up(_agency(), "李店主", "pw-123456", "pw-123456")
        services.staff.set_on_duty(owner)
        customer = services.customers.create(make_draft())
        services.contracts.create(
            ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 31), "3600")
        )
        controller, raised = _controller(services, qsettings)
        clock.restart(datetime(2026, 12, 30, 8, 59, 59, 500_000, tzinfo=CHINA_TZ))
        controller.start()
        # The 14- and 7-day reminders fell due before "now": one group, oldest first.
        [(missed, was_missed)] = raised
        assert was_missed and [r.due_at.date() for r in missed] == [date(2026, 12, 17), date(2026, 12, 24)]
        with qtbot.waitSignal(controller.raised, timeout=5000) as blocker:
            pass  # the 1-day reminder is half a second away
        rows, was_missed = blocker.args
        assert not was_missed and [(r.kind, r.due_at.date()) for r in rows] == [
            (Kind.RENEWAL, date(2026, 12, 30))
        ]
        controller.stop()
    finally:
        close_database()


def test_missed_reminders_show_at_the_next_start_and_only_once(qtbot, data_paths, qsettings) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 18, 0, tzinfo=CHINA_TZ))
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    services = build_services(clock)
    services.staff.set_on_duty(services.onboarding.set_up(_agency(), "李店主", "pw-123456", "pw-123456"))
    customer = services.customers.create(make_draft())
    services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 10), "3600")
    )
    controller, raised = _controller(services, qsettings)
    controller.start()
    assert raised == []  # nothing due yet (the first is 11-26 09:00)
    controller.stop()
    close_database()  # the program is closed over the due time

    for expected in ([date(2026, 11, 26)], None):
        clock.set(datetime(2026, 11, 27, 8, 30, tzinfo=CHINA_TZ))
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
        services = build_services(clock)
        controller, raised = _controller(services, qsettings)
        controller.start()
        if expected is None:
            assert raised == []  # shown once: the next start does not raise it again
        else:
            [(rows, was_missed)] = raised
            assert was_missed and [r.due_at.date() for r in rows] == expected
        controller.stop()
        close_database()


def _agency():
    from jiazheng_desktop.services.settings import AgencyInfo

    return AgencyInfo("好帮手家政")


def test_close_to_tray_needs_the_setting_and_a_tray(services, qsettings) -> None:
    controller = ReminderController(services, lambda _row: None, qsettings, scheduler=SignalScheduler(3600))
    qsettings.setValue("reminders/close_to_tray", True)
    assert controller.close_to_tray() is False  # no tray under the offscreen platform
    assert isinstance(qsettings, QSettings)
