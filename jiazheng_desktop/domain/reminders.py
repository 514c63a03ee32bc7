"""Reminders: their kinds and states, when each falls due, and where a snooze may land.

Pure rules; every "now" is a parameter. A reminder is identified by what caused it (``kind``, the subject
and a ``slot``), so the same cause never gives two reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from .customers import DEFAULT_WINDOW
from .deadlines import has_allowed_call_time, next_allowed_call_time


class Kind(StrEnum):
    CALLBACK = "callback"
    RENEWAL = "renewal"
    DEADLINE_WARNING = "deadline_warning"
    ESCALATION = "escalation"
    VOUCHER_EXPIRING = "voucher_expiring"
    FESTIVAL = "festival"
    MONTHLY_REPORT = "monthly_report"
    INQUIRY = "inquiry"
    REINSPECTION = "reinspection"
    SURVEY = "survey"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.CALLBACK: "三日回访",
    Kind.RENEWAL: "续约提醒",
    Kind.DEADLINE_WARNING: "期限预警",
    Kind.ESCALATION: "事件升级",
    Kind.VOUCHER_EXPIRING: "优惠券将过期",
    Kind.FESTIVAL: "节日问候",
    Kind.MONTHLY_REPORT: "月度报告",
    Kind.INQUIRY: "咨询跟进",
    Kind.REINSPECTION: "上门复查",
    Kind.SURVEY: "满意度回访",
}

CUSTOMER_CALL_KINDS = frozenset(
    {Kind.CALLBACK, Kind.RENEWAL, Kind.VOUCHER_EXPIRING, Kind.INQUIRY, Kind.SURVEY}
)
"""Reminders that mean phoning a customer: snoozed into the customer's contact window."""


class State(StrEnum):
    PENDING = "pending"  # not due yet (or due, and not shown yet)
    RAISED = "raised"  # shown once; stays in the list until acted on
    SNOOZED = "snoozed"  # pushed back to ``wake_at``
    DONE = "done"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    State.PENDING: "待提醒",
    State.RAISED: "已提醒",
    State.SNOOZED: "已推迟",
    State.DONE: "已完成",
    State.DISMISSED: "已忽略",
}

ACTIVE_STATES = (State.PENDING, State.RAISED, State.SNOOZED)
"""States still waiting for someone to act."""

REMINDER_TIME = time(9, 0)
"""Date-based reminders (renewal, voucher, festival, monthly report) fall due at 09:00 local time."""

DEFAULT_RENEWAL_DAYS = (14, 7, 1)
VOUCHER_EXPIRING_DAYS = 7
UPCOMING_DAYS = 7
"""How far ahead the reminder centre's 即将到来 list looks."""

DISMISS_REASON_MAX = 200


class Snooze(StrEnum):
    QUARTER = "15min"
    HOUR = "1h"
    TOMORROW = "tomorrow"

    @property
    def label(self) -> str:
        return _SNOOZE_LABELS[self]


_SNOOZE_LABELS = {
    Snooze.QUARTER: "15 分钟后",
    Snooze.HOUR: "1 小时后",
    Snooze.TOMORROW: "明天（联系时段开始时）",
}

_WHOLE_DAY = (time(0, 0), time(23, 59))


@dataclass(frozen=True)
class Wanted:
    """A reminder that should exist, as computed from its cause."""

    kind: Kind
    slot: str
    due_at: datetime
    title: str
    customer_id: int | None = None


def at_reminder_time(day: date, tz: tzinfo) -> datetime:
    """09:00 on ``day`` in the time zone ``tz``."""
    return datetime.combine(day, REMINDER_TIME, tzinfo=tz)


def renewal_slots(end_on: date, days: tuple[int, ...], tz: tzinfo) -> list[tuple[str, datetime]]:
    """``(slot, due)`` for each "N days before the contract ends" reminder, earliest first."""
    return sorted(
        ((f"{n}", at_reminder_time(end_on - timedelta(days=n), tz)) for n in set(days)),
        key=lambda pair: pair[1],
    )


def parse_renewal_days(text: str) -> tuple[int, ...]:
    """``"14, 7, 1"`` → ``(14, 7, 1)``; raises ValueError with a Chinese message on anything else."""
    parts = [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError("至少填写一个提前天数，例如 14, 7, 1")
    days: list[int] = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 90:
            raise ValueError(f"“{part}”不是 1 到 90 之间的天数")
        days.append(int(part))
    return tuple(sorted(set(days), reverse=True))


def snooze_until(
    option: Snooze, now: datetime, contact: tuple[time, time] | None, calls_customer: bool
) -> datetime:
    """When a snoozed reminder comes back: never inside meal times.

    A reminder that means phoning a customer lands inside the customer's contact window (or the
    default 09:00-20:00 when the customer has none usable); others only avoid meal times. "Tomorrow"
    is the start of the contact window (09:00 for the others) on the next day.
    """
    window = contact if contact and has_allowed_call_time(*contact) else DEFAULT_WINDOW
    if option == Snooze.TOMORROW:
        tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 0), tzinfo=now.tzinfo)
        return next_allowed_call_time(tomorrow, *window)
    delta = timedelta(minutes=15) if option == Snooze.QUARTER else timedelta(hours=1)
    return next_allowed_call_time(now + delta, *(window if calls_customer else _WHOLE_DAY))


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The start of ``now``'s local day and of the next one."""
    start = datetime.combine(now.date(), time(0, 0), tzinfo=now.tzinfo)
    return start, start + timedelta(days=1)


def group_of(wake_at: datetime, now: datetime) -> str:
    """``"overdue"`` (before today), ``"today"`` or ``"upcoming"`` for the reminder centre."""
    start, end = day_bounds(now)
    if wake_at < start:
        return "overdue"
    return "today" if wake_at < end else "upcoming"


GROUP_LABELS = {"overdue": "逾期", "today": "今天", "upcoming": "即将到来"}
