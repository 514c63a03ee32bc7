"""Festival dates, checked against the calendar library's own view of each day (not a copied table)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lunar_python import Solar

from jiazheng_desktop.domain.festivals import FESTIVALS, festival_date, upcoming

LIBRARY_NAME = {"new_year": "元旦节"}


def _library_says(day: date) -> set[str]:
    solar = Solar.fromYmd(day.year, day.month, day.day)
    lunar = solar.getLunar()
    return {*solar.getFestivals(), *lunar.getFestivals(), lunar.getJieQi()}


@pytest.mark.parametrize("year", range(2026, 2031))
@pytest.mark.parametrize("festival", FESTIVALS, ids=lambda f: f.key)
def test_each_festival_falls_on_the_day_the_library_names_it(festival, year: int) -> None:
    day = festival_date(festival.key, year)
    assert day.year == year
    name = LIBRARY_NAME.get(festival.key, festival.name)
    assert name in _library_says(day)
    # … and on no other day of that year.
    for other in (day - timedelta(days=1), day + timedelta(days=1)):
        assert name not in _library_says(other)


def test_known_dates() -> None:
    assert festival_date("spring", 2026) == date(2026, 2, 17)
    assert festival_date("mid_autumn", 2028) == date(2028, 10, 3)
    assert festival_date("winter_solstice", 2025) == date(2025, 12, 21)


def test_upcoming_spans_the_new_year_soonest_first() -> None:
    found = upcoming(("spring", "winter_solstice", "national"), date(2026, 12, 1), date(2027, 10, 1))
    assert [(f.key, d) for f, d in found] == [
        ("winter_solstice", date(2026, 12, 22)),
        ("spring", date(2027, 2, 6)),
        ("national", date(2027, 10, 1)),
    ]
