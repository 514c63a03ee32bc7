"""The reminder scheduler: APScheduler's ``BackgroundScheduler`` reduced to two callbacks.

Jobs run on APScheduler's worker threads, so a job does nothing but call ``on_due(id)`` or ``on_wake()``;
the window passes Qt signals' ``emit`` (gui/reminder_scheduler.py), which Qt queues to the GUI thread,
and that asks the reminder service what is due. No Qt here. The reminder table is the truth: jobs are
rebuilt from it whenever it changes, and a periodic wake-up catches what a timer cannot (the computer
slept, hibernated or had its clock changed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
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

_REMINDER_PREFIX = "reminder-"
_WAKE_JOB = "wake"


class ReminderScheduler:
    """Calls ``on_due(reminder_id)`` when a scheduled reminder's time comes, ``on_wake()`` periodically.

    Both are called on a worker thread: they must only hand over (a Qt signal's ``emit`` does).
    """

    def __init__(
        self, on_due: Callable[[int], None], on_wake: Callable[[], None], wake_seconds: float = WAKE_SECONDS
    ) -> None:
        self._on_due = on_due
        self._on_wake = on_wake
        self._wake_seconds = wake_seconds
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
