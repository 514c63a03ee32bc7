"""Incident deadlines, escalation and callback times (jiazheng_desktop.domain.deadlines)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.deadlines import (
    MEAL_WINDOWS,
    TOP_LEVEL,
    Deadline,
    DeadlinePolicy,
    Level,
    callback_due,
    deadline_state,
    deadlines_for,
    escalation_ladder,
    escalation_level,
    escalation_steps,
    format_countdown,
    further_resolution_deadlines,
    has_allowed_call_time,
    is_allowed_call_time,
    missed_deadlines,
    next_allowed_call_time,
    next_deadline,
    validate_contact_window,
)
from jiazheng_desktop.domain.errors import ValidationError

POLICY = DeadlinePolicy()
REPORTED = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)


def at(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=CHINA_TZ)


def in_meal(moment: datetime) -> bool:
    t = moment.time()
    return any(start <= t < end for start, end in MEAL_WINDOWS)


# --- Level and policy ----------------------------------------------------------------------------------


def test_levels_rise_with_labels() -> None:
    assert [level.label for level in Level] == ["客服", "区域经理", "运营总监"]
    assert Level.CUSTOMER_SERVICE < Level.REGIONAL_MANAGER < Level.DIRECTOR
    assert [int(level) for level in Level] == [1, 2, 3]


def test_default_policy_is_valid() -> None:
    POLICY.validate()
    assert (POLICY.first_response_hours, POLICY.resolution_hours) == (24, 48)
    assert (POLICY.warning_fraction, POLICY.callback_days) == (0.75, 3)
    assert POLICY.escalation_period_hours == 24


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_response_hours": 0}, "first_response_hours"),
        ({"first_response_hours": 721, "resolution_hours": 800}, "first_response_hours"),
        ({"resolution_hours": 24}, "resolution_hours"),
        ({"resolution_hours": 10}, "resolution_hours"),
        ({"resolution_hours": 2161}, "resolution_hours"),
        ({"warning_fraction": 0.05}, "warning_fraction"),
        ({"warning_fraction": 1.0}, "warning_fraction"),
        ({"warning_fraction": float("nan")}, "warning_fraction"),
        ({"callback_days": 0}, "callback_days"),
        ({"callback_days": 31}, "callback_days"),
        ({"escalation_period_hours": 0}, "escalation_period_hours"),
        ({"escalation_period_hours": -24}, "escalation_period_hours"),
        ({"escalation_period_hours": 721}, "escalation_period_hours"),
        ({"escalation_period_hours": 1.5}, "escalation_period_hours"),
        ({"escalation_period_hours": True}, "escalation_period_hours"),
    ],
)
def test_policy_out_of_range_is_refused_per_field(changes: dict[str, Any], field: str) -> None:
    policy = DeadlinePolicy(**changes)
    with pytest.raises(ValidationError) as caught:
        policy.validate()
    assert set(caught.value.fields) == {field}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.fields[field])


def test_policy_edges_are_accepted() -> None:
    DeadlinePolicy(
        first_response_hours=1,
        resolution_hours=2,
        warning_fraction=0.1,
        callback_days=1,
        escalation_period_hours=1,
    ).validate()
    DeadlinePolicy(
        first_response_hours=720,
        resolution_hours=2160,
        warning_fraction=0.99,
        callback_days=30,
        escalation_period_hours=720,
    ).validate()


def test_policy_names_every_bad_field() -> None:
    with pytest.raises(ValidationError) as caught:
        DeadlinePolicy(
            first_response_hours=0, resolution_hours=9999, warning_fraction=2, callback_days=0
        ).validate()
    assert set(caught.value.fields) == {
        "first_response_hours",
        "resolution_hours",
        "warning_fraction",
        "callback_days",
    }


# --- deadlines -----------------------------------------------------------------------------------------


def test_deadlines_for_defaults() -> None:
    first, resolution = deadlines_for(REPORTED, POLICY)
    assert first == Deadline("first_response", "首次响应", at(24, 10), at(24, 4))
    assert resolution == Deadline("resolution", "解决", at(25, 10), at(24, 22))
    assert first.due.tzinfo is CHINA_TZ


def test_deadlines_are_elapsed_time_in_the_reported_zone() -> None:
    reported_utc = REPORTED.astimezone(UTC)
    first, _ = deadlines_for(reported_utc, POLICY)
    assert first.due == at(24, 10)
    assert first.due.tzinfo is UTC


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 11, 23, 10, 0)
    with pytest.raises(ValueError):
        deadlines_for(naive, POLICY)
    with pytest.raises(ValueError):
        missed_deadlines(REPORTED, naive, None, None, POLICY)
    with pytest.raises(ValueError):
        missed_deadlines(REPORTED, at(24, 0), naive, None, POLICY)
    with pytest.raises(ValueError):
        escalation_level(REPORTED, at(24, 0), None, naive, POLICY)
    with pytest.raises(ValueError):
        next_deadline(REPORTED, naive, None, None, POLICY)
    with pytest.raises(ValueError):
        deadline_state(deadlines_for(REPORTED, POLICY)[0], naive)
    with pytest.raises(ValueError):
        format_countdown(naive, REPORTED)
    with pytest.raises(ValueError):
        is_allowed_call_time(naive, time(9), time(20))
    with pytest.raises(ValueError):
        next_allowed_call_time(naive, time(9), time(20))
    with pytest.raises(ValueError):
        callback_due(naive, time(9), time(20), POLICY)


def test_deadline_state_boundaries() -> None:
    first, _ = deadlines_for(REPORTED, POLICY)
    assert deadline_state(first, REPORTED) == "ok"
    assert deadline_state(first, first.warn_at - timedelta(microseconds=1)) == "ok"
    assert deadline_state(first, first.warn_at) == "warning"
    assert deadline_state(first, first.due) == "warning"
    assert deadline_state(first, first.due + timedelta(microseconds=1)) == "overdue"
    assert deadline_state(first, first.due.astimezone(UTC) + timedelta(seconds=1)) == "overdue"


def test_nothing_missed_while_in_time() -> None:
    assert missed_deadlines(REPORTED, at(24, 10), None, None, POLICY) == []
    assert escalation_level(REPORTED, at(24, 10), None, None, POLICY) is Level.CUSTOMER_SERVICE


def test_first_response_missed_one_level_up() -> None:
    now = at(24, 10, 0, 1)
    missed = missed_deadlines(REPORTED, now, None, None, POLICY)
    assert [d.kind for d in missed] == ["first_response"]
    assert escalation_level(REPORTED, now, None, None, POLICY) is Level.REGIONAL_MANAGER


def test_both_missed_goes_to_the_director() -> None:
    now = at(27, 9)
    assert [d.kind for d in missed_deadlines(REPORTED, now, None, None, POLICY)] == [
        "first_response",
        "resolution",
    ]
    assert escalation_level(REPORTED, now, None, None, POLICY) is Level.DIRECTOR


def test_met_exactly_at_due_is_in_time_and_late_stays_missed() -> None:
    assert missed_deadlines(REPORTED, at(30, 0), at(24, 10), at(25, 10), POLICY) == []
    missed = missed_deadlines(REPORTED, at(30, 0), at(24, 10, 1), at(25, 9), POLICY)
    assert [d.kind for d in missed] == ["first_response"]
    assert escalation_level(REPORTED, at(30, 0), at(24, 10, 1), at(25, 9), POLICY) is Level.REGIONAL_MANAGER


def test_resolution_counts_as_first_response() -> None:
    assert missed_deadlines(REPORTED, at(30, 0), None, at(24, 9), POLICY) == []


def test_facts_after_now_have_not_happened_yet() -> None:
    # Looked at on the 24th at 12:00, a response stamped for the 24th at 13:00 is still to come.
    now = at(24, 12)
    missed = missed_deadlines(REPORTED, now, at(24, 13), None, POLICY)
    assert [d.kind for d in missed] == ["first_response"]
    assert next_deadline(REPORTED, at(24, 9), at(24, 13), None, POLICY) == deadlines_for(REPORTED, POLICY)[0]


def test_further_resolution_periods_follow_the_resolution_deadline() -> None:
    policy = DeadlinePolicy(escalation_period_hours=12)
    second, third = further_resolution_deadlines(REPORTED, policy, 2)
    assert second == Deadline("resolution_2", "第 2 个解决周期", at(25, 22), at(25, 19))
    assert third == Deadline("resolution_3", "第 3 个解决周期", at(26, 10), at(26, 7))
    assert further_resolution_deadlines(REPORTED, policy, 0) == []


def test_answered_in_time_the_level_rises_again_one_period_after_the_resolution_deadline() -> None:
    answered = at(23, 11)
    assert escalation_level(REPORTED, at(25, 10, 0, 1), answered, None, POLICY) is Level.REGIONAL_MANAGER
    assert escalation_level(REPORTED, at(26, 10), answered, None, POLICY) is Level.REGIONAL_MANAGER  # at due
    steps = escalation_steps(REPORTED, at(26, 10, 0, 1), answered, None, POLICY)
    assert [d.kind for d in steps] == ["resolution", "resolution_2"]
    assert steps[1].missed_text == "第 2 个解决周期结束仍未解决" and steps[0].missed_text == "未在期限内解决"
    assert escalation_level(REPORTED, at(26, 10, 0, 1), answered, None, POLICY) is Level.DIRECTOR


@pytest.mark.parametrize("days_late", [9, 13, 17])
def test_complaints_days_past_their_resolution_deadline_are_with_the_top_level(days_late: int) -> None:
    """The demo's case in issue 16: answered, never solved, 9 to 17 days late was still 区域经理."""
    now = at(25, 10) + timedelta(days=days_late)
    steps = escalation_steps(REPORTED, now, at(23, 12), None, POLICY)
    assert len(steps) == TOP_LEVEL - Level.CUSTOMER_SERVICE  # capped: no level above 运营总监
    assert escalation_level(REPORTED, now, at(23, 12), None, POLICY) is Level.DIRECTOR is TOP_LEVEL


def test_a_resolution_inside_the_next_period_stops_the_rise() -> None:
    policy = DeadlinePolicy(escalation_period_hours=6)
    late = at(25, 15)  # 5 h after the resolution deadline, inside the 6-hour period
    assert escalation_level(REPORTED, at(30, 0), at(23, 11), late, policy) is Level.REGIONAL_MANAGER
    later = at(25, 16, 0, 1)  # 6 h and a second after it
    assert escalation_level(REPORTED, at(30, 0), at(23, 11), later, policy) is Level.DIRECTOR
    # Looked at before that late resolution, the incident was still rising.
    assert escalation_level(REPORTED, at(25, 16, 1), at(23, 11), at(25, 17), policy) is Level.DIRECTOR


def test_missing_the_first_response_and_the_resolution_already_reaches_the_top() -> None:
    steps = escalation_steps(REPORTED, at(30, 0), None, None, POLICY)
    assert [d.kind for d in steps] == ["first_response", "resolution"]


def test_escalation_ladder_names_one_deadline_per_level_still_to_come() -> None:
    first, resolution = deadlines_for(REPORTED, POLICY)
    [second] = further_resolution_deadlines(REPORTED, POLICY, 1)
    # Not answered yet: if it stays so, first response and resolution take it to the top.
    assert escalation_ladder(REPORTED, None, None, POLICY) == [first, resolution]
    assert escalation_ladder(REPORTED, at(24, 10), None, POLICY) == [resolution, second]  # in time
    assert escalation_ladder(REPORTED, at(24, 11), None, POLICY) == [resolution]  # late: one level used


def test_next_deadline() -> None:
    first, resolution = deadlines_for(REPORTED, POLICY)
    assert next_deadline(REPORTED, at(23, 11), None, None, POLICY) == first
    assert next_deadline(REPORTED, at(24, 12), None, None, POLICY) == first  # overdue but still open
    assert next_deadline(REPORTED, at(23, 12), at(23, 11), None, POLICY) == resolution
    assert next_deadline(REPORTED, at(26, 12), at(23, 11), None, POLICY) == resolution
    assert next_deadline(REPORTED, at(24, 12), at(23, 11), at(24, 11), POLICY) is None
    assert next_deadline(REPORTED, at(24, 12), None, at(24, 11), POLICY) is None


@pytest.mark.parametrize(
    ("due", "now", "text"),
    [
        (at(24, 13, 5), at(23, 10), "还剩 1 天 3 小时 5 分"),
        (at(23, 10, 45), at(23, 10), "还剩 45 分"),
        (at(23, 10, 45, 59), at(23, 10), "还剩 45 分"),
        (at(23, 12), at(23, 10), "还剩 2 小时"),
        (at(24, 10, 5), at(23, 10), "还剩 1 天 5 分"),
        (at(23, 10, 0, 30), at(23, 10), "还剩 不到 1 分"),
        (at(23, 10), at(23, 10), "还剩 不到 1 分"),
        (at(23, 10), at(23, 10, 0, 59), "已超时 不到 1 分"),
        (at(23, 10), at(23, 12, 3), "已超时 2 小时 3 分"),
        (at(23, 10), at(25, 10), "已超时 2 天"),
    ],
)
def test_format_countdown(due: datetime, now: datetime, text: str) -> None:
    assert format_countdown(due, now) == text


def test_format_countdown_across_zones() -> None:
    assert format_countdown(at(23, 12), at(23, 10).astimezone(UTC)) == "还剩 2 小时"


# --- call windows --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "allowed"),
    [
        (8, 59, False),
        (9, 0, True),
        (11, 29, True),
        (11, 30, False),
        (13, 29, False),
        (13, 30, True),
        (17, 29, True),
        (17, 30, False),
        (19, 30, True),
        (19, 59, True),
        (20, 0, False),
    ],
)
def test_is_allowed_call_time_in_a_day_window(hour: int, minute: int, allowed: bool) -> None:
    assert is_allowed_call_time(at(23, hour, minute), time(9), time(20)) is allowed


def test_is_allowed_uses_the_moments_own_wall_time() -> None:
    moment = at(23, 10).astimezone(UTC)  # 02:00 UTC
    assert not is_allowed_call_time(moment, time(9), time(20))
    assert is_allowed_call_time(moment, time(1), time(3))


def test_has_allowed_call_time() -> None:
    assert has_allowed_call_time(time(9), time(20))
    assert has_allowed_call_time(time(11), time(12))
    assert has_allowed_call_time(time(12), time(14))
    assert not has_allowed_call_time(time(12), time(13))
    assert not has_allowed_call_time(time(18), time(19))
    assert not has_allowed_call_time(time(11, 30), time(13, 30))
    assert not has_allowed_call_time(time(10), time(10))
    assert not has_allowed_call_time(time(14), time(10))


@pytest.mark.parametrize(
    ("after", "window", "expected"),
    [
        (at(23, 10), (time(9), time(20)), at(23, 10)),
        (at(23, 10, 0, 1), (time(9), time(20)), at(23, 10, 1)),
        (at(23, 7), (time(9), time(20)), at(23, 9)),
        (at(23, 12), (time(9), time(20)), at(23, 13, 30)),
        (at(23, 17, 30), (time(9), time(20)), at(23, 19, 30)),
        (at(23, 19, 59, 30), (time(9), time(20)), at(24, 9)),
        (at(23, 20), (time(9), time(20)), at(24, 9)),
        (at(23, 23, 59, 59), (time(0), time(1)), at(24, 0)),
        (at(23, 12), (time(11), time(12)), at(24, 11)),
        (at(30, 21), (time(9), time(20)), at(1, 9, month=12)),
    ],
)
def test_next_allowed_call_time(after: datetime, window: tuple[time, time], expected: datetime) -> None:
    result = next_allowed_call_time(after, *window)
    assert result == expected
    assert result.tzinfo is after.tzinfo


def test_next_allowed_call_time_keeps_the_callers_zone() -> None:
    utc_after = at(23, 10).astimezone(UTC)  # 02:00 UTC: the window is read in UTC wall time
    result = next_allowed_call_time(utc_after, time(9), time(20))
    assert result == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert result.tzinfo is UTC


def test_no_allowed_time_raises_with_the_chinese_message() -> None:
    with pytest.raises(ValueError, match="用餐时间"):
        next_allowed_call_time(at(23, 10), time(18), time(19))
    with pytest.raises(ValueError):
        callback_due(at(23, 10), time(18), time(19), POLICY)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ((time(9), time(20)), at(26, 9)),
        ((time(12), time(14)), at(26, 13, 30)),
        ((time(11), time(12)), at(26, 11)),
        ((time(0), time(23, 59)), at(26, 0)),
        ((time(19), time(21)), at(26, 19, 30)),
    ],
)
def test_callback_due_on_the_third_day(window: tuple[time, time], expected: datetime) -> None:
    assert callback_due(at(23, 22, 30), *window, POLICY) == expected


def test_callback_due_uses_the_policy_days_and_resolution_date() -> None:
    policy = DeadlinePolicy(callback_days=7)
    # Resolved at 00:30 on the 24th China time (23rd in UTC) is still counted from the 24th.
    assert callback_due(at(24, 0, 30), time(9), time(20), policy) == at(1, 9, month=12)


def test_validate_contact_window() -> None:
    assert validate_contact_window(time(9), time(20)) is None
    assert validate_contact_window(time(12), time(14)) is None
    assert validate_contact_window(time(11), time(12)) is None
    assert validate_contact_window(time(20), time(9)) == "联系时段的开始时间要早于结束时间"
    assert validate_contact_window(time(9), time(9)) == "联系时段的开始时间要早于结束时间"
    assert (
        validate_contact_window(time(12), time(13))
        == "这个时段全在用餐时间（11:30–13:30、17:30–19:30）里，回访电话无处安排，请放宽时段"
    )
    assert validate_contact_window(time(18), time(19)) is not None


# --- properties ----------------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(CHINA_TZ)
)
minute_times = st.integers(min_value=0, max_value=24 * 60 - 1).map(lambda m: time(m // 60, m % 60))
second_times = st.times()


@st.composite
def windows(draw: st.DrawFn, times: st.SearchStrategy[time] = minute_times) -> tuple[time, time]:
    a, b = draw(times), draw(times)
    return (min(a, b), max(a, b))


usable_windows = windows().filter(lambda w: has_allowed_call_time(*w))

policies = st.builds(
    lambda first, extra, fraction, days, period: DeadlinePolicy(first, first + extra, fraction, days, period),
    st.integers(1, 720),
    st.integers(1, 1440),
    st.floats(0.1, 0.99),
    st.integers(1, 30),
    st.integers(1, 720),
)
offsets = st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20))


def whole_minutes(start: datetime, end: datetime) -> list[datetime]:
    """Every whole minute in ``[start, end)``."""
    moment = start.replace(second=0, microsecond=0)
    if moment < start:
        moment += timedelta(minutes=1)
    found = []
    while moment < end:
        found.append(moment)
        moment += timedelta(minutes=1)
    return found


@settings(max_examples=200, deadline=None)
@given(resolved=moments, window=usable_windows, policy=policies)
def test_callback_due_is_the_first_allowed_minute_of_its_day(
    resolved: datetime, window: tuple[time, time], policy: DeadlinePolicy
) -> None:
    due = callback_due(resolved, *window, policy)
    assert due.date() == resolved.date() + timedelta(days=policy.callback_days)
    assert due.tzinfo is resolved.tzinfo
    assert (due.second, due.microsecond) == (0, 0)
    assert not in_meal(due)
    assert window[0] <= due.time() < window[1]
    assert is_allowed_call_time(due, *window)
    midnight = due.replace(hour=0, minute=0)
    assert not any(is_allowed_call_time(m, *window) for m in whole_minutes(midnight, due))


@settings(max_examples=200, deadline=None)
@given(after=moments, window=windows(second_times).filter(lambda w: has_allowed_call_time(*w)))
def test_next_allowed_call_time_is_the_earliest_allowed_minute(
    after: datetime, window: tuple[time, time]
) -> None:
    result = next_allowed_call_time(after, *window)
    assert result >= after
    assert result - after < timedelta(days=1, minutes=1)
    assert result.tzinfo is after.tzinfo
    assert (result.second, result.microsecond) == (0, 0)
    assert is_allowed_call_time(result, *window)
    assert not any(is_allowed_call_time(m, *window) for m in whole_minutes(after, result))


@settings(max_examples=200, deadline=None)
@given(window=windows(second_times))
def test_windows_without_allowed_time_are_refused_everywhere(window: tuple[time, time]) -> None:
    message = validate_contact_window(*window)
    assert (message is None) == has_allowed_call_time(*window)
    if message is None:
        return
    with pytest.raises(ValueError):
        next_allowed_call_time(REPORTED, *window)
    day = REPORTED.replace(hour=0)
    assert not any(is_allowed_call_time(m, *window) for m in whole_minutes(day, day + timedelta(days=1)))


@settings(max_examples=300, deadline=None)
@given(
    reported=moments,
    policy=policies,
    response=offsets,
    resolution=offsets,
    now_offsets=st.lists(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)), min_size=2),
)
def test_escalation_never_falls_as_time_passes(
    reported: datetime,
    policy: DeadlinePolicy,
    response: timedelta | None,
    resolution: timedelta | None,
    now_offsets: list[timedelta],
) -> None:
    responded_at = None if response is None else reported + response
    resolved_at = None if resolution is None else reported + resolution
    levels = [
        escalation_level(reported, reported + offset, responded_at, resolved_at, policy)
        for offset in sorted(now_offsets)
    ]
    assert levels == sorted(levels)
    assert all(Level.CUSTOMER_SERVICE <= level <= TOP_LEVEL for level in levels)
    last_now = reported + max(now_offsets)
    missed = missed_deadlines(reported, last_now, responded_at, resolved_at, policy)
    # The rule written out once more: each missed deadline, then each whole period left unresolved.
    resolution_due = deadlines_for(reported, policy)[1].due
    unresolved_until = last_now if resolved_at is None or resolved_at > last_now else resolved_at
    periods = 0
    if any(d.kind == "resolution" for d in missed):
        over = unresolved_until - resolution_due
        periods = -(-over // timedelta(hours=policy.escalation_period_hours)) - 1  # whole periods passed
    assert levels[-1] == min(TOP_LEVEL, 1 + len(missed) + periods)


@settings(max_examples=300, deadline=None)
@given(
    reported=moments,
    policy=policies,
    response=offsets,
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)),
)
def test_each_level_still_to_come_has_exactly_one_deadline_on_the_ladder(
    reported: datetime, policy: DeadlinePolicy, response: timedelta | None, later: timedelta
) -> None:
    """What the reminders are made from: one escalation reminder per level an unresolved incident reaches."""
    responded_at = None if response is None else reported + response
    now = reported + later if responded_at is None else responded_at + later
    ladder = escalation_ladder(reported, responded_at, None, policy)
    assert [d.due for d in ladder] == sorted(d.due for d in ladder)
    assert all(d.warn_at < d.due for d in ladder)
    answered_late = responded_at is not None and responded_at > deadlines_for(reported, policy)[0].due
    passed = sum(1 for d in ladder if now > d.due)
    assert escalation_level(reported, now, responded_at, None, policy) == 1 + answered_late + passed
    assert 1 + answered_late + len(ladder) == TOP_LEVEL


_STATE_ORDER = {"ok": 0, "warning": 1, "overdue": 2}


@settings(max_examples=300, deadline=None)
@given(
    reported=moments,
    policy=policies,
    which=st.sampled_from([0, 1]),
    now_offsets=st.lists(
        st.timedeltas(min_value=timedelta(days=-1), max_value=timedelta(days=120)), min_size=2
    ),
)
def test_deadline_state_goes_ok_warning_overdue(
    reported: datetime, policy: DeadlinePolicy, which: int, now_offsets: list[timedelta]
) -> None:
    deadline = deadlines_for(reported, policy)[which]
    assert reported < deadline.warn_at < deadline.due
    states = [deadline_state(deadline, reported + offset) for offset in sorted(now_offsets)]
    assert [_STATE_ORDER[s] for s in states] == sorted(_STATE_ORDER[s] for s in states)
    assert deadline_state(deadline, deadline.warn_at) == "warning"
    assert deadline_state(deadline, deadline.due + timedelta(microseconds=1)) == "overdue"


@settings(max_examples=200, deadline=None)
@given(
    reported=moments,
    policy=policies,
    response=offsets,
    resolution=offsets,
    now_offset=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)),
)
def test_next_deadline_is_open_and_earliest(
    reported: datetime,
    policy: DeadlinePolicy,
    response: timedelta | None,
    resolution: timedelta | None,
    now_offset: timedelta,
) -> None:
    now = reported + now_offset
    responded_at = None if response is None else reported + response
    resolved_at = None if resolution is None else reported + resolution
    upcoming = next_deadline(reported, now, responded_at, resolved_at, policy)
    resolved_by_now = resolved_at is not None and resolved_at <= now
    if resolved_by_now:
        assert upcoming is None
    else:
        assert upcoming is not None
        responded_by_now = responded_at is not None and responded_at <= now
        assert upcoming.kind == ("resolution" if responded_by_now else "first_response")


@settings(max_examples=200, deadline=None)
@given(due=moments, delta=st.timedeltas(min_value=timedelta(days=-60), max_value=timedelta(days=60)))
def test_format_countdown_matches_the_state(due: datetime, delta: timedelta) -> None:
    now = due - delta
    text = format_countdown(due, now)
    assert text.startswith("已超时 " if now > due else "还剩 ")
    other_zone = now.astimezone(timezone(timedelta(hours=-5)))
    assert format_countdown(due, other_zone) == text
