"""Incident deadlines, escalation and the times a callback may be placed (ILEAD steps 1-5).

Pure rules: every "now" is a parameter, nothing here reads the clock. All datetimes are timezone-aware;
naive ones are refused with ``ValueError`` at the public entry points.

Two kinds of time are used on purpose:

* Deadlines are *elapsed* time: "24 hours after the report" is computed in UTC, so it is exact even in a
  zone with daylight saving time.
* Call windows are *wall-clock* time: a customer's contact window (say 09:00-20:00) and the meal times
  (11:30-13:30, 17:30-19:30) are read in the tzinfo of the datetime handed in, at minute resolution.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum

from .errors import ValidationError

MEAL_WINDOWS: tuple[tuple[time, time], ...] = ((time(11, 30), time(13, 30)), (time(17, 30), time(19, 30)))
"""Meal times, ``[start, end)`` in local wall-clock time: no callback is placed inside them."""

FIRST_RESPONSE = "first_response"
RESOLUTION = "resolution"

_KIND_LABELS = {FIRST_RESPONSE: "首次响应", RESOLUTION: "解决"}

_MINUTES_PER_DAY = 24 * 60


class Level(IntEnum):
    """Escalation level, i.e. who owns the incident; rises by one for each missed deadline or period."""

    CUSTOMER_SERVICE = 1
    REGIONAL_MANAGER = 2
    DIRECTOR = 3

    @property
    def label(self) -> str:
        """The role's name as staff see it (客服, 区域经理, 运营总监)."""
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.CUSTOMER_SERVICE: "客服",
    Level.REGIONAL_MANAGER: "区域经理",
    Level.DIRECTOR: "运营总监",
}

TOP_LEVEL = Level.DIRECTOR
"""Escalation stops here: 运营总监 (or the owner when there is none) holds the incident until it is solved."""

FIRST_RESPONSE_HOURS_MAX = 720
ESCALATION_PERIOD_HOURS_MAX = 720
RESOLUTION_HOURS_MAX = 2160
WARNING_FRACTION_MIN = 0.1
WARNING_FRACTION_MAX = 0.99
CALLBACK_DAYS_MAX = 30


@dataclass(frozen=True)
class DeadlinePolicy:
    """The agency's deadline settings; the defaults are the ones in the design."""

    first_response_hours: int = 24
    resolution_hours: int = 48
    warning_fraction: float = 0.75
    callback_days: int = 3
    escalation_period_hours: int = 24
    """After the resolution deadline, each further period left unresolved raises the level once more."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming every setting that is out of range (Chinese messages)."""
        errors: dict[str, str] = {}
        first_ok = (
            _is_int(self.first_response_hours) and 1 <= self.first_response_hours <= FIRST_RESPONSE_HOURS_MAX
        )
        if not first_ok:
            errors["first_response_hours"] = f"首次响应时限要在 1 到 {FIRST_RESPONSE_HOURS_MAX} 小时之间"
        if not _is_int(self.resolution_hours) or self.resolution_hours > RESOLUTION_HOURS_MAX:
            errors["resolution_hours"] = (
                f"解决时限要是整数小时，最多 {RESOLUTION_HOURS_MAX} 小时（{RESOLUTION_HOURS_MAX // 24} 天）"
            )
        elif _is_int(self.first_response_hours) and self.resolution_hours <= self.first_response_hours:
            errors["resolution_hours"] = f"解决时限要长于首次响应时限（{self.first_response_hours} 小时）"
        elif self.resolution_hours < 2:
            errors["resolution_hours"] = "解决时限要长于首次响应时限"
        fraction = self.warning_fraction
        if (
            isinstance(fraction, bool)
            or not isinstance(fraction, int | float)
            or not WARNING_FRACTION_MIN <= fraction <= WARNING_FRACTION_MAX
        ):
            errors["warning_fraction"] = (
                f"提前提醒要在时限用掉 {round(WARNING_FRACTION_MIN * 100)}% 到 "
                f"{round(WARNING_FRACTION_MAX * 100)}% 之间"
            )
        if not _is_int(self.callback_days) or not 1 <= self.callback_days <= CALLBACK_DAYS_MAX:
            errors["callback_days"] = f"回访要安排在解决后第 1 到 {CALLBACK_DAYS_MAX} 天"
        period = self.escalation_period_hours
        if not _is_int(period) or not 1 <= period <= ESCALATION_PERIOD_HOURS_MAX:
            errors["escalation_period_hours"] = (
                f"继续升级的间隔要是 1 到 {ESCALATION_PERIOD_HOURS_MAX} 之间的整数小时"
            )
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class Deadline:
    """One deadline of an incident: when it is due and when to start warning about it."""

    kind: str  # FIRST_RESPONSE, RESOLUTION, or resolution_2, resolution_3 … for the further periods
    label: str  # 首次响应 / 解决 / 第 2 个解决周期 …
    due: datetime
    warn_at: datetime

    @property
    def missed_text(self) -> str:
        """Why the incident rose when this deadline passed: ``未在期限内解决``, ``第 2 个解决周期结束仍未解决``."""
        if self.kind in _KIND_LABELS:
            return f"未在期限内{self.label}"
        return f"{self.label}结束仍未解决"


# --- deadlines and escalation ------------------------------------------------------------------------


def deadlines_for(reported_at: datetime, policy: DeadlinePolicy) -> tuple[Deadline, Deadline]:
    """The first-response and resolution deadlines of an incident reported at ``reported_at``.

    ``due`` is ``reported_at`` plus the policy's hours (elapsed time); ``warn_at`` is ``reported_at`` plus
    ``warning_fraction`` of that span. Both are in ``reported_at``'s tzinfo.
    """
    _require_aware(reported_at, "reported_at")
    return (
        _deadline(FIRST_RESPONSE, reported_at, policy.first_response_hours, policy.warning_fraction),
        _deadline(RESOLUTION, reported_at, policy.resolution_hours, policy.warning_fraction),
    )


def missed_deadlines(
    reported_at: datetime,
    now: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    policy: DeadlinePolicy,
) -> list[Deadline]:
    """The deadlines missed as of ``now``, first response before resolution.

    A deadline is missed when it was met after its due time, or when it is not met and ``now`` is past
    due (exactly at due is still in time). First response is met at ``first_response_at``, resolution at
    ``resolved_at``; a resolution also counts as a response, so the first response is met at the earlier of
    the two. A fact stamped later than ``now`` has not happened yet as of ``now`` and is ignored, so the
    answer for a past ``now`` is what the desk saw at that moment.
    """
    _require_aware(now, "now")
    met = _met_times(now, first_response_at, resolved_at)
    return [
        deadline
        for deadline in deadlines_for(reported_at, policy)
        if _is_missed(deadline, met[deadline.kind], now)
    ]


def further_resolution_deadlines(reported_at: datetime, policy: DeadlinePolicy, count: int) -> list[Deadline]:
    """The first ``count`` resolution periods after the resolution deadline (多级应答, 逐层推进).

    Period ``k`` (its kind ``resolution_{k+1}``, label ``第 {k+1} 个解决周期``) ends
    ``escalation_period_hours`` × k after the resolution deadline; its warning comes at
    ``warning_fraction`` of the period, as the other deadlines' do.
    """
    _require_aware(reported_at, "reported_at")
    resolution_due = _after(reported_at, timedelta(hours=policy.resolution_hours))
    period = timedelta(hours=policy.escalation_period_hours)
    return [
        Deadline(
            kind=f"{RESOLUTION}_{k + 1}",
            label=f"第 {k + 1} 个解决周期",
            due=_after(resolution_due, period * k),
            warn_at=_after(resolution_due, period * (k - 1) + period * policy.warning_fraction),
        )
        for k in range(1, count + 1)
    ]


def escalation_steps(
    reported_at: datetime,
    now: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    policy: DeadlinePolicy,
) -> list[Deadline]:
    """The missed deadlines that each raised the level one step as of ``now``, oldest first.

    The first-response and resolution deadlines as :func:`missed_deadlines` finds them; then, once the
    resolution deadline is missed, every further ``escalation_period_hours`` the incident stays
    unresolved (a resolution after ``now`` has not happened yet). At most as many steps as there are
    levels above 客服: at the top level nothing more is added.
    """
    steps = missed_deadlines(reported_at, now, first_response_at, resolved_at, policy)
    room = TOP_LEVEL - Level.CUSTOMER_SERVICE - len(steps)
    if room > 0 and any(d.kind == RESOLUTION for d in steps):
        resolved = _met_times(now, first_response_at, resolved_at)[RESOLUTION]
        moment = now if resolved is None else resolved
        steps += [
            d for d in further_resolution_deadlines(reported_at, policy, room) if _utc(moment) > _utc(d.due)
        ]
    return steps[: TOP_LEVEL - Level.CUSTOMER_SERVICE]


def escalation_level(
    reported_at: datetime,
    now: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    policy: DeadlinePolicy,
) -> Level:
    """Who owns the incident as of ``now``: one level up per step of :func:`escalation_steps`, at most 运营总监.

    For fixed facts the level never falls as ``now`` grows (a missed deadline or period stays missed).
    """
    steps = escalation_steps(reported_at, now, first_response_at, resolved_at, policy)
    return Level(Level.CUSTOMER_SERVICE + len(steps))


def escalation_ladder(
    reported_at: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    policy: DeadlinePolicy,
) -> list[Deadline]:
    """For an unresolved incident: the deadlines still open whose miss may raise the level, in order.

    Each gets a warning before it and an escalation reminder at it. The first response is open unless
    it (or a resolution) is stamped; the resolution deadline is always open; then as many further
    resolution periods as levels would remain. A first response not yet given (or given late) counts
    as missed here, so no reminder is made for a level it would already take: once it is given in time
    the incident's reminders are brought up to date and the ladder grows by one period.
    """
    first, resolution = deadlines_for(reported_at, policy)
    responded = _earliest(first_response_at, resolved_at)
    responded_in_time = responded is not None and _utc(responded) <= _utc(first.due)
    ladder = [resolution] if responded is not None else [first, resolution]
    room = TOP_LEVEL - Level.CUSTOMER_SERVICE - 1 - (0 if responded_in_time else 1)
    return ladder + further_resolution_deadlines(reported_at, policy, room)


def next_deadline(
    reported_at: datetime,
    now: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    policy: DeadlinePolicy,
) -> Deadline | None:
    """The earliest deadline not yet met as of ``now`` (it may already be overdue); None when both are met.

    "Met" follows the same rules as :func:`missed_deadlines`.
    """
    _require_aware(now, "now")
    met = _met_times(now, first_response_at, resolved_at)
    open_ones = [d for d in deadlines_for(reported_at, policy) if met[d.kind] is None]
    if not open_ones:
        return None
    return min(open_ones, key=lambda d: _utc(d.due))


def deadline_state(deadline: Deadline, now: datetime) -> str:
    """``"overdue"`` when ``now`` is past due, ``"warning"`` from ``warn_at`` on, else ``"ok"``."""
    _require_aware(now, "now")
    if _utc(now) > _utc(deadline.due):
        return "overdue"
    if _utc(now) >= _utc(deadline.warn_at):
        return "warning"
    return "ok"


def format_countdown(due: datetime, now: datetime) -> str:
    """Time left (or over) in Chinese at minute precision, whole minutes rounded down.

    Examples: ``还剩 1 天 3 小时 5 分``, ``还剩 45 分``, ``还剩 2 小时``, ``还剩 不到 1 分``,
    ``已超时 2 小时 3 分``, ``已超时 不到 1 分``. Zero parts are left out. Exactly at due counts as
    still in time (``还剩 不到 1 分``), matching :func:`deadline_state`.
    """
    _require_aware(due, "due")
    _require_aware(now, "now")
    delta = _utc(due) - _utc(now)
    prefix = "已超时" if delta < timedelta(0) else "还剩"
    minutes = abs(delta) // timedelta(minutes=1)
    if minutes == 0:
        return f"{prefix} 不到 1 分"
    days, rest = divmod(minutes, _MINUTES_PER_DAY)
    hours, mins = divmod(rest, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "天"), (hours, "小时"), (mins, "分")) if n]
    return f"{prefix} {' '.join(parts)}"


# --- call windows ------------------------------------------------------------------------------------


def is_allowed_call_time(moment: datetime, contact_start: time, contact_end: time) -> bool:
    """True when ``moment``'s local wall time is inside ``[contact_start, contact_end)`` and outside meals.

    Meal windows are ``[start, end)`` too: 11:30 is a meal time, 13:30 is not.
    """
    _require_aware(moment, "moment")
    t = _micros(moment.time())
    if not _micros(contact_start) <= t < _micros(contact_end):
        return False
    return not any(_micros(start) <= t < _micros(end) for start, end in MEAL_WINDOWS)


def has_allowed_call_time(contact_start: time, contact_end: time) -> bool:
    """False when no whole minute of the contact window lies outside meal times (nor when start >= end)."""
    return bool(_allowed_ranges(contact_start, contact_end))


def allowed_call_ranges(contact_start: time, contact_end: time) -> list[tuple[time, time]]:
    """The parts of the contact window outside meal times, as sorted ``[start, end)`` wall-clock times.

    ``09:00–20:00`` gives ``09:00–11:30, 13:30–17:30, 19:30–20:00``; empty when no minute is allowed.
    """
    return [
        (_minute_time(start), _minute_time(end)) for start, end in _allowed_ranges(contact_start, contact_end)
    ]


def next_allowed_call_time(after: datetime, contact_start: time, contact_end: time) -> datetime:
    """The earliest whole minute at or after ``after`` that :func:`is_allowed_call_time` accepts.

    ``after`` is first rounded up to the next whole minute if it has seconds. The answer is in the same
    tzinfo as ``after`` and is computed in wall-clock time from the window's boundaries (no minute-by-minute
    search). Raises ``ValueError`` when :func:`has_allowed_call_time` is False.
    """
    _require_aware(after, "after")
    ranges = _allowed_ranges(contact_start, contact_end)
    if not ranges:
        raise ValueError(
            validate_contact_window(contact_start, contact_end) or "联系时段里没有可以打电话的时间"
        )
    wall = after.replace(tzinfo=None)
    if wall.second or wall.microsecond:
        wall = wall.replace(second=0, microsecond=0) + timedelta(minutes=1)
    day = wall.date()
    minute = wall.hour * 60 + wall.minute
    for start, end in ranges:
        if minute < end:
            return _at(day, max(start, minute), after)
    return _at(day + timedelta(days=1), ranges[0][0], after)


def callback_due(
    resolved_at: datetime, contact_start: time, contact_end: time, policy: DeadlinePolicy
) -> datetime:
    """When the follow-up call is due: on the ``callback_days``-th day after resolution, first allowed minute.

    The day is ``resolved_at``'s local date plus ``callback_days``; the time is
    ``next_allowed_call_time`` from that day's 00:00, so it is inside the contact window, never at a meal
    time, and on that very day whenever the window has any allowed time. Raises ``ValueError`` when it has
    none (see :func:`validate_contact_window`).
    """
    _require_aware(resolved_at, "resolved_at")
    day = resolved_at.date() + timedelta(days=policy.callback_days)
    return next_allowed_call_time(_at(day, 0, resolved_at), contact_start, contact_end)


def validate_contact_window(contact_start: time, contact_end: time) -> str | None:
    """A Chinese message if the contact window cannot be used for callbacks, else None."""
    if _micros(contact_start) >= _micros(contact_end):
        return "联系时段的开始时间要早于结束时间"
    if not has_allowed_call_time(contact_start, contact_end):
        meals = "、".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in MEAL_WINDOWS)
        return f"这个时段全在用餐时间（{meals}）里，回访电话无处安排，请放宽时段"
    return None


# --- helpers -----------------------------------------------------------------------------------------


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _deadline(kind: str, start: datetime, hours: int, warning_fraction: float) -> Deadline:
    span = timedelta(hours=hours)
    return Deadline(
        kind=kind,
        label=_KIND_LABELS[kind],
        due=_after(start, span),
        warn_at=_after(start, span * warning_fraction),
    )


def _after(start: datetime, elapsed: timedelta) -> datetime:
    """``start`` plus elapsed (not wall-clock) time, in ``start``'s tzinfo."""
    return (_utc(start) + elapsed).astimezone(start.tzinfo)


def _met_times(
    now: datetime, first_response_at: datetime | None, resolved_at: datetime | None
) -> dict[str, datetime | None]:
    """When each deadline was met as of ``now`` (None if not yet)."""
    for name, value in (("first_response_at", first_response_at), ("resolved_at", resolved_at)):
        if value is not None:
            _require_aware(value, name)
    resolved = resolved_at if resolved_at is not None and _utc(resolved_at) <= _utc(now) else None
    responded = (
        first_response_at if first_response_at is not None and _utc(first_response_at) <= _utc(now) else None
    )
    if resolved is not None and (responded is None or _utc(resolved) < _utc(responded)):
        responded = resolved
    return {FIRST_RESPONSE: responded, RESOLUTION: resolved}


def _earliest(*moments: datetime | None) -> datetime | None:
    """The earliest of the stamped moments (None when none is)."""
    stamped = [m for m in moments if m is not None]
    for moment in stamped:
        _require_aware(moment, "moment")
    return min(stamped, key=_utc) if stamped else None


def _is_missed(deadline: Deadline, met_at: datetime | None, now: datetime) -> bool:
    moment = now if met_at is None else met_at
    return _utc(moment) > _utc(deadline.due)


def _micros(t: time) -> int:
    """Microseconds since midnight of a wall-clock time (its tzinfo, if any, is ignored)."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _ceil_minute(t: time) -> int:
    """The first whole minute of the day at or after ``t``."""
    minute = t.hour * 60 + t.minute
    return minute + 1 if t.second or t.microsecond else minute


_MEAL_MINUTES = tuple((_ceil_minute(start), _ceil_minute(end)) for start, end in MEAL_WINDOWS)


def _allowed_ranges(contact_start: time, contact_end: time) -> list[tuple[int, int]]:
    """The whole minutes of a day a call may start at, as sorted ``[start, end)`` minute ranges.

    Minute ``m`` is in a range exactly when ``is_allowed_call_time`` accepts ``m:00``.
    """
    first, last = _ceil_minute(contact_start), _ceil_minute(contact_end)
    ranges = [(first, last)] if first < last else []
    for meal_start, meal_end in _MEAL_MINUTES:
        trimmed: list[tuple[int, int]] = []
        for start, end in ranges:
            if meal_end <= start or meal_start >= end:
                trimmed.append((start, end))
                continue
            if start < meal_start:
                trimmed.append((start, meal_start))
            if meal_end < end:
                trimmed.append((meal_end, end))
        ranges = trimmed
    return sorted(ranges)


def _minute_time(minute: int) -> time:
    """Minute of the day as a wall-clock time; the end of the day (1440) is the last moment of it."""
    return time.max if minute >= _MINUTES_PER_DAY else time(minute // 60, minute % 60)


def _at(day: date, minute: int, like: datetime) -> datetime:
    """Wall-clock ``minute`` of ``day`` in ``like``'s tzinfo."""
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=like.tzinfo)
