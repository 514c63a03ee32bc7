"""Reminders in the window: what the scheduler wakes up turns into a notice, a tray message and a badge.

The scheduler's jobs only emit signals; everything here runs on the GUI thread. Whatever woke the
program (a job, the periodic wake-up, an action in the reminder centre), the service is asked what is
due as of the injected clock, so nothing is missed and nothing is shown twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ...domain.errors import DomainError
from ...services import Services
from ...services.changes import ChangeKind, Changes
from ..common.i18n import tr
from ..common.icons import app_icon
from ..common.section import Navigation

if TYPE_CHECKING:  # loaded when reminders start, after the window is up
    from ...services.reminder_views import ReminderRow
    from .scheduler_signals import SignalScheduler

SCHEDULE_AHEAD = timedelta(hours=24)
"""Reminders due within this window get a job of their own (to the second); the wake-up covers the rest."""

CLOSE_TO_TRAY_KEY = "reminders/close_to_tray"


class ReminderController(QObject):
    """Owns the scheduler; raises due reminders and opens the place each one is about."""

    count_changed = Signal(int)
    raised = Signal(list, bool)  # the rows just raised, and whether they were missed while closed
    centre_requested = Signal()
    new_day = Signal()
    """The scheduler's daily tick (just after midnight): daily jobs such as retention hang on it."""

    def __init__(
        self,
        services: Services,
        opener: Callable[[ReminderRow], None],
        settings: QSettings,
        parent: QObject | None = None,
        scheduler: SignalScheduler | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._open_place = opener
        self._settings = settings
        self.scheduler: SignalScheduler | None = None  # made at start (APScheduler loads then)
        if scheduler is not None:
            self._use(scheduler)
        self.tray: QSystemTrayIcon | None = None
        self._last_shown: ReminderRow | None = None
        self._calendar_day: date | None = None
        self.started = False
        self._own_writes = False
        """While start() or check() write reminders: they reschedule and count once at their end."""

    # -- start and stop --------------------------------------------------------------------------

    def _use(self, scheduler: SignalScheduler) -> None:
        self.scheduler = scheduler
        scheduler.setParent(self)
        scheduler.due.connect(self._on_due)
        scheduler.wake.connect(self.check)
        scheduler.daily.connect(self.new_day)

    def start(self) -> None:
        """Catch up on what fell due while the program was closed, then start the scheduler."""
        if self.started:
            return
        self.started = True
        if self.scheduler is None:
            from .scheduler_signals import SignalScheduler

            self._use(SignalScheduler(zone=self._services.context.now().tzinfo))
        reminders = self._services.reminders
        self._own_writes = True
        try:
            reminders.backfill()
            self._sync_calendar()
            missed = reminders.raise_due()
        except DomainError:
            missed = []  # the file cannot be written now: the wake-up tries again
        finally:
            self._own_writes = False
        if missed:
            self.raised.emit(missed, True)
            self._tray_message(missed, missed=True)
        self.reschedule()
        assert self.scheduler is not None
        self.scheduler.start()
        self._emit_count()

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown()
        if self.tray is not None:
            self.tray.hide()

    def install_tray(self, window: QWidget) -> QSystemTrayIcon | None:
        """A tray icon for reminder messages (where the desktop has a tray)."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(app_icon(), self)
        tray.setToolTip(tr("ReminderController", "家政服务台"))
        menu = QMenu(window)
        menu.addAction(tr("ReminderController", "打开主窗口"), lambda: _bring_to_front(window))
        menu.addAction(tr("ReminderController", "提醒中心"), self.centre_requested.emit)
        menu.addSeparator()
        menu.addAction(tr("ReminderController", "退出"), lambda: _quit(window))
        tray.setContextMenu(menu)
        tray.activated.connect(
            lambda reason: (
                _bring_to_front(window) if reason == QSystemTrayIcon.ActivationReason.Trigger else None
            )
        )
        tray.messageClicked.connect(self._on_message_clicked)
        tray.show()
        self.tray = tray
        return tray

    def close_to_tray(self) -> bool:
        """True when closing the window should only hide it (a setting, and a tray to go to)."""
        wanted = self._settings.value(CLOSE_TO_TRAY_KEY, False, type=bool)
        return bool(wanted) and self.tray is not None and self.tray.isVisible()

    # -- what is due ------------------------------------------------------------------------------

    def check(self) -> list[ReminderRow]:
        """Raise whatever is due now and reschedule; returns what was raised."""
        if not self.started:
            return []
        self._own_writes = True
        try:
            self._sync_calendar()
            rows = self._services.reminders.raise_due()
        except DomainError:
            return []
        finally:
            self._own_writes = False
        if rows:
            self.raised.emit(rows, False)
            self._tray_message(rows, missed=False)
        self.reschedule()
        self._emit_count()
        return rows

    def _on_due(self, _reminder_id: int) -> None:
        self.check()

    def reschedule(self) -> None:
        """One job for each reminder due within a day, to the second; the wake-up covers the rest."""
        if self.scheduler is None:
            return
        now = self._services.context.now()
        try:
            upcoming = self._services.reminders.next_wake()
        except DomainError:
            return
        self.scheduler.replace_all([(rid, at - now) for rid, at in upcoming if at - now <= SCHEDULE_AHEAD])

    def changed(self) -> None:
        """Someone acted on a reminder (or on its cause): reschedule and update the badge."""
        self.reschedule()
        self._emit_count()

    def notice_changes(self, changes: Changes) -> None:
        """A committed change touched reminders (a callback recorded, a voucher redeemed …)."""
        if self.started and not self._own_writes and changes.touches({ChangeKind.REMINDER}):
            self.changed()

    def _emit_count(self) -> None:
        try:
            count = self._services.reminders.count_due()
        except DomainError:
            return
        self.count_changed.emit(count)

    def _sync_calendar(self) -> None:
        today = self._services.context.now().date()
        if self._calendar_day != today:  # once a day: festivals and monthly reports ahead
            self._services.reminders.sync_calendar()
            self._calendar_day = today

    # -- acting on one -----------------------------------------------------------------------------

    def open_reminder(self, reminder_id: int) -> None:
        """Go to the place the reminder is about (the callback screen, the renewal, the incident …)."""
        row = self._services.reminders.get(reminder_id)
        self._open_place(row)

    def _tray_message(self, rows: list[ReminderRow], *, missed: bool) -> None:
        self._last_shown = rows[0] if len(rows) == 1 else None
        if self.tray is None or not self.tray.isVisible():
            return
        if missed:
            title = tr("ReminderController", "错过的提醒（{count} 条）").format(count=len(rows))
        elif len(rows) == 1:
            title = tr("ReminderController", "提醒：{kind}").format(kind=rows[0].kind_label)
        else:
            title = tr("ReminderController", "{count} 条提醒到了").format(count=len(rows))
        text = "\n".join(row.title for row in rows[:3])
        if len(rows) > 3:
            text += "\n" + tr("ReminderController", "…还有 {count} 条").format(count=len(rows) - 3)
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def _on_message_clicked(self) -> None:
        if self._last_shown is not None:
            self.open_reminder(self._last_shown.id)
        else:
            self.centre_requested.emit()


def place_opener(navigator: Navigation, show_centre: Callable[[int], None]) -> Callable[[ReminderRow], None]:
    """How a reminder of each kind opens its place through the window's navigator."""

    def open_place(row: ReminderRow) -> None:
        from ...domain.reminders import Kind
        from ...domain.templates import Scenario

        nav = navigator
        if row.kind == Kind.CALLBACK:
            nav.open_callback(row.subject_id)
        elif row.kind in (Kind.DEADLINE_WARNING, Kind.ESCALATION, Kind.REINSPECTION):
            nav.open_incident(row.subject_id)
        elif row.kind == Kind.RENEWAL:
            nav.open_contract(row.subject_id)
        elif row.kind == Kind.VOUCHER_EXPIRING:
            nav.open_voucher(row.subject_id)
        elif row.kind == Kind.FESTIVAL:
            # The festival's campaign (a draft greeting made if there is none yet), worked through there;
            # a reminder without its festival falls back to the greeting list.
            if not (row.slot and nav.open_festival_campaign(row.slot)) and not nav.open_marketing_list():
                nav.open_scripts(Scenario.FESTIVAL.value)
        elif row.kind == Kind.MONTHLY_REPORT:
            nav.open_reports()
        elif row.kind == Kind.INQUIRY and row.customer_id is not None:
            nav.open_customer(row.customer_id)  # the caller's profile, with the first-inquiry script
        elif row.kind == Kind.SURVEY and row.customer_id is not None:
            nav.record_survey(row.customer_id, row.subject_id)  # the survey of that visit
        else:
            show_centre(row.id)

    return open_place


def _bring_to_front(window: QWidget) -> None:
    bring = getattr(window, "bring_to_front", None)
    if callable(bring):
        bring()
    else:
        window.showNormal()
        window.raise_()
        window.activateWindow()


def _quit(window: QWidget) -> None:
    """Quit for real (closing the window may only hide it to the tray)."""
    from PySide6.QtWidgets import QApplication

    window.setProperty("quitting", True)
    if window.close():
        QApplication.quit()
