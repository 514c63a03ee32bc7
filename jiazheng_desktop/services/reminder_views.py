"""What the reminder centre, the notices and the badge show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import fn

from ..domain.reminders import ACTIVE_STATES, GROUP_LABELS, UPCOMING_DAYS, Kind, State, day_bounds, group_of
from ..storage.models import Reminder


@dataclass(frozen=True)
class ReminderRow:
    id: int
    kind: Kind
    subject: str
    subject_id: int
    customer_id: int | None
    title: str
    due_at: datetime
    wake_at: datetime
    state: State
    group: str  # overdue / today / upcoming (see domain.reminders.group_of)

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]

    @property
    def when_text(self) -> str:
        """``11-26 09:00``, with ``（推迟到 …）`` when snoozed."""
        text = f"{self.due_at:%m-%d %H:%M}"
        if self.state == State.SNOOZED:
            text += f"（推迟到 {self.wake_at:%m-%d %H:%M}）"
        return text


UPCOMING_SHOWN = 200
"""At most this many upcoming reminders are listed (the soonest); ``upcoming_total`` counts them all."""


@dataclass(frozen=True)
class ReminderLists:
    overdue: list[ReminderRow] = field(default_factory=list)
    today: list[ReminderRow] = field(default_factory=list)
    upcoming: list[ReminderRow] = field(default_factory=list)
    upcoming_total: int = 0


def row_of(reminder: Reminder, now: datetime, state: State | None = None) -> ReminderRow:
    wake_at = reminder.wake_at
    return ReminderRow(
        id=int(reminder.id),
        kind=Kind(reminder.kind),
        subject=reminder.subject,
        subject_id=int(reminder.subject_id),
        customer_id=reminder.customer_id,
        title=reminder.title,
        due_at=reminder.due_at,
        wake_at=wake_at,
        state=state or State(reminder.state),
        group=group_of(wake_at, now),
    )


_ACTIVE = [s.value for s in ACTIVE_STATES]


def centre_lists(now: datetime, upcoming_shown: int = UPCOMING_SHOWN) -> ReminderLists:
    """Active reminders up to ``UPCOMING_DAYS`` ahead, each group soonest first.

    Every overdue and today's reminder is listed; of the upcoming ones only the first ``upcoming_shown``.
    """
    _, tomorrow = day_bounds(now)
    horizon = tomorrow + timedelta(days=UPCOMING_DAYS)
    active = Reminder.state.in_(_ACTIVE)
    due = Reminder.select().where(active, Reminder.wake_at < tomorrow).order_by(Reminder.wake_at, Reminder.id)
    ahead = (Reminder.wake_at >= tomorrow) & (Reminder.wake_at < horizon)
    upcoming = (
        Reminder.select().where(active, ahead).order_by(Reminder.wake_at, Reminder.id).limit(upcoming_shown)
    )
    total = int(Reminder.select(fn.COUNT(Reminder.id)).where(active, ahead).scalar())
    lists = ReminderLists(upcoming_total=total)
    for reminder in [*due, *upcoming]:
        row = row_of(reminder, now)
        getattr(lists, row.group).append(row)
    return lists


def count_due(now: datetime) -> int:
    """Active reminders that have come up (raised) or whose time has passed."""
    start, _ = day_bounds(now)
    raised = Reminder.state == State.RAISED.value
    overdue = Reminder.state.in_(_ACTIVE) & (Reminder.wake_at < start)
    return int(Reminder.select(fn.COUNT(Reminder.id)).where(raised | overdue).scalar())
