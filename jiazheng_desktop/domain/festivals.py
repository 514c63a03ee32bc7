"""The festivals an agency greets its customers for, and their dates in any year.

Lunar festivals (春节, 端午, 中秋 …) and solar terms (冬至) come from ``lunar_python``, which computes the
Chinese calendar astronomically; nothing here is a table of dates. The library is loaded on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal


@dataclass(frozen=True)
class Festival:
    key: str
    name: str
    calendar: Literal["solar", "lunar", "term", "weekday"]
    month: int = 0
    day: int = 0  # for "weekday": which Sunday of the month (2 = the second)


FESTIVALS: tuple[Festival, ...] = (
    Festival("new_year", "元旦", "solar", 1, 1),
    Festival("spring", "春节", "lunar", 1, 1),
    Festival("lantern", "元宵节", "lunar", 1, 15),
    Festival("women", "妇女节", "solar", 3, 8),
    Festival("labour", "劳动节", "solar", 5, 1),
    Festival("mother", "母亲节", "weekday", 5, 2),
    Festival("dragon_boat", "端午节", "lunar", 5, 5),
    Festival("father", "父亲节", "weekday", 6, 3),
    Festival("mid_autumn", "中秋节", "lunar", 8, 15),
    Festival("double_ninth", "重阳节", "lunar", 9, 9),
    Festival("national", "国庆节", "solar", 10, 1),
    Festival("winter_solstice", "冬至", "term"),
)
"""Every festival the agency may tick, in the order they are offered."""

BY_KEY = {f.key: f for f in FESTIVALS}

DEFAULT_FESTIVALS = ("spring", "dragon_boat", "mid_autumn")
DEFAULT_DAYS_BEFORE = 3
DAYS_BEFORE_MAX = 30


@lru_cache(maxsize=512)
def festival_date(key: str, year: int) -> date:
    """The Gregorian date of festival ``key`` in ``year`` (the lunar ones: the one falling in ``year``).

    Kept once computed (a lunar date takes milliseconds; every festival script asks for the next one).
    """
    festival = BY_KEY[key]
    if festival.calendar == "solar":
        return date(year, festival.month, festival.day)
    if festival.calendar == "weekday":
        first = date(year, festival.month, 1)
        first_sunday = first + timedelta(days=(6 - first.weekday()) % 7)
        return first_sunday + timedelta(weeks=festival.day - 1)
    if festival.calendar == "lunar":
        from lunar_python import Lunar

        # Lunar months 1-9 of lunar year Y always fall within Gregorian year Y.
        solar = Lunar.fromYmd(year, festival.month, festival.day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())
    return _winter_solstice(year)


def _winter_solstice(year: int) -> date:
    from lunar_python import Lunar

    # The solar-term table of a lunar year holds the 冬至 before it and the one in it (DONG_ZHI).
    for lunar_year in (year, year + 1):
        table = Lunar.fromYmd(lunar_year, 6, 1).getJieQiTable()
        for name in ("冬至", "DONG_ZHI"):
            solar = table.get(name)
            if solar is not None and solar.getYear() == year:
                return date(solar.getYear(), solar.getMonth(), solar.getDay())
    raise ValueError(f"{year} 年的冬至日期无法计算")


def upcoming(keys: list[str] | tuple[str, ...], start: date, end: date) -> list[tuple[Festival, date]]:
    """The ticked festivals whose date falls in ``[start, end]``, soonest first."""
    found: list[tuple[Festival, date]] = []
    for year in range(start.year, end.year + 1):
        for key in keys:
            if key in BY_KEY:
                day = festival_date(key, year)
                if start <= day <= end:
                    found.append((BY_KEY[key], day))
    return sorted(found, key=lambda pair: pair[1])


def festival_in_question(keys: list[str] | tuple[str, ...], today: date) -> tuple[Festival, date] | None:
    """The festival a greeting made ``today`` is for: the soonest of the ticked ``keys`` from today on.

    Today's own festival counts (a greeting sent on the day). With nothing ticked, every festival is
    considered: staff may still open the festival script. The greeting reminder is due a few days before
    its festival, so on that day this is the festival the reminder is for.
    """
    found = upcoming(tuple(keys) or tuple(BY_KEY), today, today + timedelta(days=366))
    return found[0] if found else None
