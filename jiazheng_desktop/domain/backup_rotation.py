"""Which automatic backups to keep: the usual grandfather-father-son rotation, and when one is due.

Only the **automatic** backups (at start, daily while running) are rotated here. Backups made for
a reason (before a migration, before a restore, by hand, copied to a USB stick) are the caller's
to keep apart and are never handed to ``keep``: they are deleted, if ever, by a person.

Days, ISO weeks and months are counted in the agency's time zone (``CHINA_TZ``), so a backup made
at 00:30 belongs to the day it was made on the office's calendar whatever zone its time is in.

Pure: no Qt, no files; the caller lists the backups and deletes what is not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from .clock import CHINA_TZ

T = TypeVar("T", bound=Hashable)

BACKUP_INTERVAL = timedelta(days=1)
"""An automatic backup is due when the last one is this old."""


@dataclass(frozen=True)
class RotationPolicy:
    """How many of the newest days, ISO weeks and months keep a backup each (a setting)."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        for name in ("daily", "weekly", "monthly"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"RotationPolicy.{name} must be a whole number ≥ 0, not {value!r}")

    @property
    def most_kept(self) -> int:
        """At most this many backups are kept (fewer when the periods overlap), besides future ones."""
        return max(1, self.daily + self.weekly + self.monthly)


def keep(
    backups: Iterable[tuple[T, datetime]], now: datetime, policy: RotationPolicy | None = None
) -> set[T]:
    """The backups to keep out of ``backups`` (each an id of the caller's, e.g. a path, and when it was made).

    - the newest backup of each of the ``policy.daily`` most recent days that have one;
    - the newest of each of the ``policy.weekly`` most recent ISO weeks that have one;
    - the newest of each of the ``policy.monthly`` most recent months that have one;
    - always the newest backup of all, whatever the policy;
    - every backup made after ``now``: the computer's clock was moved back, and deleting what
      looks like the future could throw away the newest data.

    Periods count only when they have a backup, so after a fortnight with the PC switched off
    the seven daily backups reach further back instead of vanishing. Every time must be
    timezone-aware (``ValueError`` otherwise).
    """
    policy = policy or RotationPolicy()
    _aware(now, "now")
    kept: set[T] = set()
    past: list[tuple[datetime, T]] = []
    for item, made in backups:
        _aware(made, "a backup's time")
        if made > now:
            kept.add(item)
        else:
            past.append((made.astimezone(CHINA_TZ), item))
    if not past:
        return kept
    past.sort(key=lambda entry: entry[0], reverse=True)
    kept.add(past[0][1])
    periods: tuple[tuple[int, Callable[[datetime], object]], ...] = (
        (policy.daily, lambda moment: moment.date()),
        (policy.weekly, lambda moment: moment.isocalendar()[:2]),
        (policy.monthly, lambda moment: (moment.year, moment.month)),
    )
    for count, period_of in periods:
        seen: set[object] = set()
        for moment, item in past:  # newest first: the first of each period is its newest
            if len(seen) == count:
                break
            period = period_of(moment)
            if period not in seen:
                seen.add(period)
                kept.add(item)
    return kept


def backup_due(last: datetime | None, now: datetime, interval: timedelta = BACKUP_INTERVAL) -> bool:
    """Is an automatic backup due? Yes when there is none yet or the newest is ``interval`` old.

    Also yes when the newest is more than ``interval`` *ahead* of ``now``: the clock was moved
    back, and waiting for it to catch up would leave the data without a fresh backup for that long.
    """
    _aware(now, "now")
    if last is None:
        return True
    _aware(last, "the last backup's time")
    return now - last >= interval or last - now > interval


def _aware(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware: {moment!r}")
