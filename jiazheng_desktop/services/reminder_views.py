"""What the reminder centre, the notices and the badge show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from peewee import fn

from ..domain.paging import Order
from ..domain.reminders import ACTIVE_STATES, GROUP_LABELS, UPCOMING_DAYS, Kind, State, day_bounds, group_of
from ..storage.fields import from_db_time, to_db_time
from ..storage.models import Reminder, db
from .paging import KeysetList, sql_listing


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
    slot: str = ""
    """Which of its subject's reminders this is (a festival reminder: the festival's key)."""

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
        slot=reminder.slot,
    )


_ACTIVE = [s.value for s in ACTIVE_STATES]


def count_due(now: datetime) -> int:
    """Active reminders that have come up (raised) or whose time has passed."""
    start, _ = day_bounds(now)
    raised = Reminder.state == State.RAISED.value
    overdue = Reminder.state.in_(_ACTIVE) & (Reminder.wake_at < start)
    return int(Reminder.select(fn.COUNT(Reminder.id)).where(raised | overdue).scalar())


# -- the reminder centre as one long list, read a keyset page at a time -----------------------------

ACTIVE_SQL = "r.state IN ('pending', 'raised', 'snoozed')"
"""Written out (not bound): it is the condition of the partial index ``reminder_active_wake``
(migration 11), which SQLite only uses when the query says the same."""
assert ACTIVE_SQL == "r.state IN (" + ", ".join(f"'{s}'" for s in _ACTIVE) + ")"


def _ranked(column: str, members: Any) -> str:
    """The member's place in its enum, two digits, then the wake-up time: one text that sorts as both."""
    ranks = " ".join(f"WHEN '{m.value}' THEN '{rank:02d}'" for rank, m in enumerate(members))
    return f"CASE {column} {ranks} ELSE '99' END || '|' || r.wake_at"


CENTRE_SORTS = {
    "group": "r.wake_at",
    "kind": _ranked("r.kind", list(Kind)),
    "title": "r.title",
    "time": "r.wake_at",
    "state": _ranked("r.state", list(State)),
}
"""The centre's columns and what each sorts by (then the id): the group is the wake-up time's
(逾期 < 今天 < 即将到来), the kind and the state are sorted in their lists' order, soonest first
inside each."""

_CENTRE_COLUMNS = (
    "r.id, r.kind, r.subject, r.subject_id, r.customer_id, r.title, r.due_at, r.wake_at, r.state, r.slot"
)


@dataclass(frozen=True)
class CentreCounts:
    """How many active reminders each group of the centre holds (every kind)."""

    overdue: int = 0
    today: int = 0
    upcoming: int = 0


def centre_counts(now: datetime) -> CentreCounts:
    """The centre's three groups counted (逾期, 今天, the next ``UPCOMING_DAYS`` days)."""
    start, tomorrow = day_bounds(now)
    horizon = tomorrow + timedelta(days=UPCOMING_DAYS)
    found = db.execute_sql(
        "SELECT COALESCE(SUM(CASE WHEN r.wake_at < ? THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN r.wake_at >= ? AND r.wake_at < ? THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN r.wake_at >= ? THEN 1 ELSE 0 END), 0)"
        f" FROM reminder r WHERE {ACTIVE_SQL} AND r.wake_at < ?",
        [
            to_db_time(start),
            to_db_time(start),
            to_db_time(tomorrow),
            to_db_time(tomorrow),
            to_db_time(horizon),
        ],
    ).fetchone()
    return CentreCounts(int(found[0]), int(found[1]), int(found[2]))


def centre_listing(
    now: datetime, kind: str | None = None, sort: str = "group", descending: bool = False
) -> KeysetList[ReminderRow]:
    """The reminder centre: every active reminder up to ``UPCOMING_DAYS`` ahead (of ``kind``, or all),
    in the order of ``sort`` (a key of ``CENTRE_SORTS``), read a keyset page at a time."""
    _, tomorrow = day_bounds(now)
    horizon = tomorrow + timedelta(days=UPCOMING_DAYS)
    # By time, the partial index of the waiting reminders is the order itself; left to choose,
    # SQLite seeks ``reminder_wake`` once per state and sorts everything after the key for each page.
    sort = sort if sort in CENTRE_SORTS else "group"
    hint = " INDEXED BY reminder_active_wake" if CENTRE_SORTS[sort] == "r.wake_at" else ""
    source = f"FROM reminder r{hint} WHERE {ACTIVE_SQL} AND r.wake_at < ?"
    params: list[Any] = [to_db_time(horizon)]
    if kind is not None:
        source += " AND r.kind = ?"
        params.append(kind)

    def make_row(r: tuple[Any, ...]) -> ReminderRow:
        wake_at = from_db_time(r[7])
        return ReminderRow(
            id=int(r[0]),
            kind=Kind(r[1]),
            subject=r[2],
            subject_id=int(r[3]),
            customer_id=r[4],
            title=r[5],
            due_at=from_db_time(r[6]),
            wake_at=wake_at,
            state=State(r[8]),
            group=group_of(wake_at, now),
            slot=r[9] or "",
        )

    return sql_listing(
        Order(descending),
        execute=db.execute_sql,
        columns=_CENTRE_COLUMNS,
        source=source,
        params=params,
        sort=CENTRE_SORTS[sort],
        id_column="r.id",
        make_row=make_row,
    )
