"""The reminder scheduler: APScheduler's ``BackgroundScheduler`` reduced to two callbacks.

Jobs run on APScheduler's worker threads, so a job does nothing but call ``on_due(id)``, ``on_wake()`` or
``on_daily()``;
the window passes Qt signals' ``emit`` (gui/reminder_scheduler.py), which Qt queues to the GUI thread,
and that asks the reminder service what is due. No Qt here. The reminder table is the truth: jobs are
rebuilt from it whenever it changes, and a periodic wake-up catches what a timer cannot (the computer
slept, hibernated or had its clock changed). ``on_daily()`` comes once a day at ``DAILY_AT`` in the
agency's time (the retention job hangs on it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, tzinfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

WAKE_SECONDS = 60
"""The periodic wake-up: due reminders are looked for at least this often."""

JOB_DEFAULTS = {
    # A job that could not run on time (the computer slept, the program was busy) still runs, once.
    "misfire_grace_time": None,
    "coalesce": True,
    "max_instances": 1,
}

DAILY_AT = time(0, 5)
"""When the daily job runs, in the agency's time: just after midnight, so that a program left running
overnight has done the day's work before the office opens. A computer asleep at that time runs it when
it wakes (late jobs are never dropped); a program closed then does it at its next start instead."""

_REMINDER_PREFIX = "reminder-"
_WAKE_JOB = "wake"
_DAILY_JOB = "daily"


class ReminderScheduler:
    """Calls ``on_due(reminder_id)`` when a scheduled reminder's time comes, ``on_wake()`` periodically
    and ``on_daily()`` once a day at ``daily_at`` in ``zone`` (the computer's zone if not given).

    All are called on a worker thread: they must only hand over (a Qt signal's ``emit`` does).
    """

    def __init__(
        self,
        on_due: Callable[[int], None],
        on_wake: Callable[[], None],
        wake_seconds: float = WAKE_SECONDS,
        *,
        on_daily: Callable[[], None] | None = None,
        daily_at: time = DAILY_AT,
        zone: tzinfo | None = None,
    ) -> None:
        self._on_due = on_due
        self._on_wake = on_wake
        self._on_daily = on_daily
        self._wake_seconds = wake_seconds
        self._daily_at = daily_at
        self._zone = zone if zone is not None else datetime.now().astimezone().tzinfo
        # Executor and job store given as objects: APScheduler would otherwise look "default"
        # plugins up through package entry points, which a frozen program may not have.
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(2)},
            jobstores={"default": MemoryJobStore()},
            job_defaults=dict(JOB_DEFAULTS),
            timezone=UTC,
        )

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        if self._scheduler.running:
            return
        self._scheduler.add_job(
            self._emit_wake,
            IntervalTrigger(seconds=self._wake_seconds, timezone=UTC),
            id=_WAKE_JOB,
            replace_existing=True,
        )
        if self._on_daily is not None:
            self._scheduler.add_job(
                self._emit_daily,
                CronTrigger(hour=self._daily_at.hour, minute=self._daily_at.minute, timezone=self._zone),
                id=_DAILY_JOB,
                replace_existing=True,
            )
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop for good. Jobs are cleared first: APScheduler marks itself stopped before taking its
        lock, and a job it is just finishing then cannot be removed ("JobLookupError" in its thread)."""
        if self._scheduler.running:
            self._scheduler.pause()
            self._scheduler.remove_all_jobs()  # waits for a run in progress (it holds the same lock)
            self._scheduler.shutdown(wait=False)

    def schedule(self, reminder_id: int, run_at: datetime) -> None:
        """Emit ``due(reminder_id)`` at ``run_at`` (aware; a moment in the past runs at once)."""
        self._scheduler.add_job(
            self._emit_due,
            DateTrigger(run_date=run_at.astimezone(UTC), timezone=UTC),
            args=[reminder_id],
            id=f"{_REMINDER_PREFIX}{reminder_id}",
            replace_existing=True,
        )

    def schedule_in(self, reminder_id: int, delay: timedelta) -> None:
        """Emit ``due(reminder_id)`` after ``delay`` of real time."""
        self.schedule(reminder_id, datetime.now(UTC) + max(delay, timedelta(0)))

    def replace_all(self, upcoming: list[tuple[int, timedelta]]) -> None:
        """Drop every reminder job and schedule ``(id, delay)`` for each of ``upcoming``."""
        wanted = {f"{_REMINDER_PREFIX}{rid}" for rid, _ in upcoming}
        for job in self._scheduler.get_jobs():
            if job.id.startswith(_REMINDER_PREFIX) and job.id not in wanted:
                try:
                    job.remove()
                except JobLookupError:
                    pass  # it ran meanwhile
        for reminder_id, delay in upcoming:
            self.schedule_in(reminder_id, delay)

    def next_daily(self) -> datetime | None:
        """When the daily job runs next (None before ``start()`` or without ``on_daily``)."""
        job = self._scheduler.get_job(_DAILY_JOB)
        return None if job is None else job.next_run_time

    def run_daily_now(self) -> None:
        """Bring the daily job forward to now (it then keeps its time of day); for tests and support."""
        job = self._scheduler.get_job(_DAILY_JOB)
        if job is not None:
            job.modify(next_run_time=datetime.now(UTC))

    def scheduled_ids(self) -> list[int]:
        return sorted(
            int(job.id.removeprefix(_REMINDER_PREFIX))
            for job in self._scheduler.get_jobs()
            if job.id.startswith(_REMINDER_PREFIX)
        )

    # Run on APScheduler's worker thread: hand over only.
    def _emit_due(self, reminder_id: int) -> None:
        self._on_due(reminder_id)

    def _emit_wake(self) -> None:
        self._on_wake()

    def _emit_daily(self) -> None:
        if self._on_daily is not None:
            self._on_daily()
