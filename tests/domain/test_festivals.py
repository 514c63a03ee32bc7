"""Festival dates, checked against the calendar library's own view of each day (not a copied table)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lunar_python import Solar

from jiazheng_desktop.domain.festivals import FESTIVALS, festival_date, festival_in_question, upcoming

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


def test_the_festival_in_question_is_the_soonest_ticked_one_from_today() -> None:
    ticked = ("spring", "dragon_boat", "mid_autumn")
    festival, day = festival_in_question(ticked, date(2026, 11, 23)) or (None, None)
    assert festival is not None and (festival.name, day) == ("春节", date(2027, 2, 6))
    # On the day itself the greeting is still for it; the day after, for the next one.
    assert festival_in_question(ticked, date(2027, 2, 6)) == (festival, date(2027, 2, 6))
    after = festival_in_question(ticked, date(2027, 2, 7))
    assert after is not None and after[0].name == "端午节"
    # Nothing ticked: every festival is considered (冬至 is the next one after 11-23).
    anything = festival_in_question((), date(2026, 11, 23))
    assert anything is not None and anything[0].key == "winter_solstice"
