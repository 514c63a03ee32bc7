"""The reminder scheduler as Qt signals: its jobs emit, Qt queues the signal to the GUI thread."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QObject, Signal

from ...reminders.scheduler import WAKE_SECONDS, ReminderScheduler


class SignalScheduler(QObject):
    """``due(reminder_id)`` when a scheduled reminder's time comes, ``wake()`` periodically, ``daily()``
    once a day just after midnight in ``zone`` (the agency's)."""

    due = Signal(int)
    wake = Signal()
    daily = Signal()

    def __init__(
        self, wake_seconds: float = WAKE_SECONDS, parent: QObject | None = None, zone: tzinfo | None = None
    ) -> None:
        super().__init__(parent)
        self.jobs = ReminderScheduler(
            self.due.emit, self.wake.emit, wake_seconds, on_daily=self.daily.emit, zone=zone
        )

    @property
    def running(self) -> bool:
        return self.jobs.running

    def start(self) -> None:
        self.jobs.start()

    def shutdown(self) -> None:
        self.jobs.shutdown()

    def schedule(self, reminder_id: int, run_at: datetime) -> None:
        self.jobs.schedule(reminder_id, run_at)

    def schedule_in(self, reminder_id: int, delay: timedelta) -> None:
        self.jobs.schedule_in(reminder_id, delay)

    def replace_all(self, upcoming: list[tuple[int, timedelta]]) -> None:
        self.jobs.replace_all(upcoming)

    def scheduled_ids(self) -> list[int]:
        return self.jobs.scheduled_ids()
