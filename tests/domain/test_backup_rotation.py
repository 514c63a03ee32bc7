"""Backup rotation: which automatic backups survive (7 daily, 4 weekly, 12 monthly) and when one is due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from jiazheng_desktop.domain.backup_rotation import RotationPolicy, backup_due, keep
from jiazheng_desktop.domain.clock import CHINA_TZ

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)  # a Monday


def at(day: date, hour: int = 3, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TZ)


# 400 days of one backup a day at 03:00, the last one this morning: what the default policy keeps.
SURVIVORS_AFTER_400_DAYS = {
    # the last 7 days
    date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20),
    date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23),
    # the newest of the last 4 ISO weeks: this week (today), 22 Nov (already kept), 15 Nov, 8 Nov
    date(2026, 11, 15), date(2026, 11, 8),
    # the newest of the last 12 months: this month (today), then each month's last day
    date(2026, 10, 31), date(2026, 9, 30), date(2026, 8, 31), date(2026, 7, 31), date(2026, 6, 30),
    date(2026, 5, 31), date(2026, 4, 30), date(2026, 3, 31), date(2026, 2, 28), date(2026, 1, 31),
    date(2025, 12, 31),
}  # fmt: skip


def test_400_days_of_daily_backups_leave_7_daily_4_weekly_12_monthly_minus_overlaps() -> None:
    days = [NOW.date() - timedelta(days=n) for n in range(400)]
    backups = [(day, at(day)) for day in days]
    kept = keep(backups, NOW)
    assert kept == SURVIVORS_AFTER_400_DAYS
    assert len(kept) == 20  # 7 + 4 + 12 = 23, of which 3 count twice (today ×2, 22 Nov)


def test_rotating_every_day_for_400_days_keeps_the_same_backups() -> None:
    """The program rotates after each day's backup and deletes the rest: nothing needed later is lost."""
    first = NOW.date() - timedelta(days=399)
    present: dict[date, datetime] = {}
    for n in range(400):
        day = first + timedelta(days=n)
        present[day] = at(day)
        survivors = keep(present.items(), at(day, 10))
        assert len(survivors) <= RotationPolicy().most_kept
        assert day in survivors  # today's backup is never the one thrown away
        present = {d: present[d] for d in survivors}
    assert set(present) == SURVIVORS_AFTER_400_DAYS


def test_days_without_a_backup_do_not_count() -> None:
    """After the PC was off for a while, the daily backups reach further back instead of vanishing."""
    backups = {
        "23 Nov": at(date(2026, 11, 23)),
        "20 Nov late": at(date(2026, 11, 20), 15),
        "20 Nov early": at(date(2026, 11, 20)),
        "10 Nov": at(date(2026, 11, 10)),
        "1 Oct": at(date(2026, 10, 1)),
    }
    only_days = RotationPolicy(daily=3, weekly=0, monthly=0)
    assert keep(backups.items(), NOW, only_days) == {"23 Nov", "20 Nov late", "10 Nov"}
    # With the default policy the older ones stay as the newest of their week and month.
    assert keep(backups.items(), NOW) == {"23 Nov", "20 Nov late", "10 Nov", "1 Oct"}


def test_weeks_are_iso_weeks() -> None:
    # Sunday 22 Nov and Monday 23 Nov are in different ISO weeks; Monday 16 Nov is in Sunday's week.
    backups = {
        "Mon 23": at(date(2026, 11, 23)),
        "Sun 22": at(date(2026, 11, 22)),
        "Mon 16": at(date(2026, 11, 16)),
    }
    assert keep(backups.items(), NOW, RotationPolicy(daily=0, weekly=2, monthly=0)) == {"Mon 23", "Sun 22"}
    # Across the new year: 28 Dec 2026 – 3 Jan 2027 is one ISO week (week 53 of 2026).
    new_year = {
        "Sat 2 Jan": at(date(2027, 1, 2)),
        "Wed 30 Dec": at(date(2026, 12, 30)),
        "Sun 27 Dec": at(date(2026, 12, 27)),
    }
    weeks = RotationPolicy(daily=0, weekly=2, monthly=0)
    assert keep(new_year.items(), at(date(2027, 1, 3), 10), weeks) == {"Sat 2 Jan", "Sun 27 Dec"}


def test_days_are_the_agencys_days() -> None:
    """01:30 in Beijing is still the previous day in UTC: the rotation counts the office's calendar."""
    backups = {
        "23 Nov 01:30": datetime(2026, 11, 22, 17, 30, tzinfo=UTC),
        "22 Nov 15:00": at(date(2026, 11, 22), 15),
        "21 Nov": at(date(2026, 11, 21)),
    }
    kept = keep(backups.items(), NOW, RotationPolicy(daily=2, weekly=0, monthly=0))
    assert kept == {"23 Nov 01:30", "22 Nov 15:00"}


def test_a_backup_from_the_future_is_kept_and_takes_no_place() -> None:
    """The clock was moved back: the 'future' backup may hold the newest data, so it stays."""
    backups = {
        "future": NOW + timedelta(days=30),
        "today": at(NOW.date()),
        "yesterday": at(NOW.date() - timedelta(days=1)),
    }
    assert keep(backups.items(), NOW, RotationPolicy(daily=1, weekly=0, monthly=0)) == {"future", "today"}


def test_the_newest_backup_is_always_kept() -> None:
    backups = [("old", at(date(2026, 1, 1))), ("new", at(date(2026, 11, 1)))]
    assert keep(backups, NOW, RotationPolicy(daily=0, weekly=0, monthly=0)) == {"new"}
    assert keep([], NOW) == set()


def test_naive_times_and_bad_policies_are_refused() -> None:
    with pytest.raises(ValueError):
        keep([("x", datetime(2026, 11, 23, 3))], NOW)
    with pytest.raises(ValueError):
        keep([], datetime(2026, 11, 23, 10))
    with pytest.raises(ValueError):
        RotationPolicy(daily=-1)


@pytest.mark.parametrize(
    ("last", "due"),
    [
        (None, True),
        (NOW - timedelta(hours=23, minutes=59), False),
        (NOW - timedelta(days=1), True),
        (NOW - timedelta(days=9), True),
        (NOW + timedelta(hours=1), False),  # a clock a little off
        (NOW + timedelta(days=3), True),  # the clock was moved back: do not wait three days
    ],
)
def test_a_backup_is_due_once_a_day(last: datetime | None, due: bool) -> None:
    assert backup_due(last, NOW) is due
