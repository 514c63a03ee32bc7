"""The lifecycle stage, churn risk and value: derived from the history, each with the facts behind it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.lifecycle import (
    CustomerHistory,
    LifecycleRules,
    RiskBand,
    Stage,
    assess,
    usual_interval,
)

TODAY = date(2026, 12, 1)
RULES = LifecycleRules()


def every(days: int, count: int, last: date) -> tuple[date, ...]:
    """``count`` visits ``days`` apart, the last on ``last``."""
    return tuple(last - timedelta(days=days * i) for i in reversed(range(count)))


def history(**facts: object) -> CustomerHistory:
    return CustomerHistory(registered_on=date(2024, 1, 1), **facts)  # type: ignore[arg-type]


def test_no_visit_yet_is_a_prospect_with_its_registration() -> None:
    found = assess(CustomerHistory(registered_on=date(2026, 11, 20)), RULES, TODAY)
    assert found.stage is Stage.PROSPECT
    assert found.stage_reasons == ("还没有服务记录（2026-11-20 登记）",)
    assert found.value.tier == "暂无" and found.risk == 0


def test_a_first_visit_this_month_is_a_new_customer() -> None:
    found = assess(history(visits=(TODAY - timedelta(days=10),)), RULES, TODAY)
    assert found.stage is Stage.NEW
    assert found.stage_reasons == ("第一次服务在 10 天前",)


def test_regular_visits_for_half_a_year_make_a_mature_customer() -> None:
    visits = every(14, 20, TODAY - timedelta(days=3))
    found = assess(history(visits=visits, paid_fen_12m=20 * 15_000), RULES, TODAY)
    assert found.stage is Stage.MATURE
    assert found.stage_reasons == ("近 12 个月服务 20 次",)
    assert found.usual_interval_days == 14
    assert found.risk == 0 and found.band is RiskBand.LOW
    assert found.value.tier == "高价值" and found.value.score == "R3F3M3"
    assert found.value.figures == "近 12 个月 20 次、¥3,000.00，最近一次 3 天前（R3F3M3）"


def test_a_running_contract_for_months_is_mature_too() -> None:
    found = assess(
        history(
            visits=every(30, 3, TODAY - timedelta(days=5)),
            contract_start=TODAY - timedelta(days=120),
            contract_end=TODAY + timedelta(days=245),
        ),
        RULES,
        TODAY,
    )
    assert found.stage is Stage.MATURE and found.stage_reasons == ("合同已执行 120 天",)


def test_a_few_visits_is_developing_and_says_what_maturity_needs() -> None:
    found = assess(history(visits=every(20, 3, TODAY - timedelta(days=5))), RULES, TODAY)
    assert found.stage is Stage.DEVELOPING
    assert found.stage_reasons == ("近 12 个月服务 3 次（成熟期要 6 次，或合同执行满 90 天）",)


def test_the_issues_example_reads_as_the_issue_wrote_it() -> None:
    visits = every(14, 10, TODAY - timedelta(days=45))
    found = assess(
        history(
            visits=visits,
            lowest_score_90d=2,
            contract_start=TODAY - timedelta(days=360),
            contract_end=TODAY + timedelta(days=5),
        ),
        RULES,
        TODAY,
    )
    assert (
        found.risk_text
        == "45 天未服务（平时每 14 天一次）+30；回访 2 分 +20；合同 5 天后到期，还没有续约 +15"
    )
    assert found.risk == 65 and found.band is RiskBand.HIGH
    assert found.stage is Stage.AT_RISK
    assert found.stage_reasons == ("45 天未服务，平时每 14 天一次（超过 2 倍）",)
    assert found.next_action.startswith("尽快致电关怀")


def test_a_renewal_step_takes_the_contract_out_of_the_risk() -> None:
    facts = {
        "visits": every(7, 30, TODAY - timedelta(days=2)),
        "contract_start": TODAY - timedelta(days=360),
        "contract_end": TODAY + timedelta(days=5),
    }
    assert assess(history(**facts), RULES, TODAY).risk == 15
    assert assess(history(**facts, contract_renewed=True), RULES, TODAY).risk == 0


def test_complaints_scores_compensation_and_a_falling_frequency_each_count() -> None:
    last = TODAY - timedelta(days=3)
    visits = (*every(10, 9, last - timedelta(days=100)), last)  # 9 visits before, 1 in the last 90 days
    found = assess(
        history(visits=visits, open_complaints=1, lowest_score_90d=3, compensations_12m=2), RULES, TODAY
    )
    assert [str(f) for f in found.factors] == [
        "有 1 件投诉还没解决 +20",
        "最近 90 天服务 1 次（之前 90 天 8 次）+15",
        "回访 3 分 +10",
        "近 12 个月已补偿过 2 次 +5",
    ]
    assert found.risk == 50 and found.band is RiskBand.MEDIUM


def test_long_gone_is_lost_unless_a_contract_still_runs() -> None:
    visits = every(14, 5, TODAY - timedelta(days=200))
    assert assess(history(visits=visits), RULES, TODAY).stage is Stage.LOST
    assert assess(history(visits=visits), RULES, TODAY).stage_reasons == (
        "200 天未服务（超过 180 天算流失）",
    )
    running = history(
        visits=visits, contract_start=TODAY - timedelta(days=300), contract_end=TODAY + timedelta(30)
    )
    assert assess(running, RULES, TODAY).stage is Stage.AT_RISK


def test_one_visit_long_ago_is_at_risk_by_days() -> None:
    found = assess(history(visits=(TODAY - timedelta(days=70),)), RULES, TODAY)
    assert found.stage is Stage.AT_RISK
    assert found.stage_reasons == ("只服务过一次，已经 70 天（超过 60 天）",)
    assert [str(f) for f in found.factors] == ["只服务过一次，已经 70 天 +20"]


def test_a_daily_customer_is_not_overdue_after_a_long_weekend() -> None:
    found = assess(history(visits=every(1, 200, TODAY - timedelta(days=4))), RULES, TODAY)
    assert found.risk == 0 and found.stage is Stage.MATURE


def test_the_owners_thresholds_move_the_stage() -> None:
    visits = every(14, 4, TODAY - timedelta(days=30))
    assert assess(history(visits=visits), RULES, TODAY).stage is Stage.AT_RISK  # 30 days ≥ 2 × 14
    assert assess(history(visits=visits), LifecycleRules(at_risk_ratio=3.0), TODAY).stage is Stage.DEVELOPING


def test_the_usual_interval_is_the_median_gap() -> None:
    days = [date(2026, 1, 1) + timedelta(days=d) for d in (0, 7, 14, 60, 67)]
    assert usual_interval(days) == 7
    assert usual_interval(days[:1]) is None


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (LifecycleRules(new_days=0), "新客的天数应在 1 到 3650 之间"),
        (LifecycleRules(at_risk_ratio=1.0), "应大于 1"),
        (LifecycleRules(lost_days=60, at_risk_days=60), "已流失的天数（60）应大于流失风险的天数（60）"),
    ],
)
def test_bad_thresholds_say_what_to_fix(rules: LifecycleRules, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        rules.validated()


@given(
    gaps=st.lists(st.integers(min_value=1, max_value=60), min_size=0, max_size=30),
    first_ago=st.integers(min_value=0, max_value=700),
    later=st.integers(min_value=0, max_value=400),
    open_complaints=st.integers(min_value=0, max_value=2),
    score=st.none() | st.integers(min_value=1, max_value=5),
)
def test_risk_never_falls_as_days_without_a_visit_go_by(
    gaps: list[int], first_ago: int, later: int, open_complaints: int, score: int | None
) -> None:
    first = TODAY - timedelta(days=first_ago)
    visits = [first]
    for gap in gaps:
        visits.append(visits[-1] + timedelta(days=gap))
    facts = history(visits=tuple(visits), open_complaints=open_complaints, lowest_score_90d=score)
    start = max(TODAY, visits[-1])
    before = assess(facts, RULES, start)
    after = assess(facts, RULES, start + timedelta(days=later))
    assert after.risk >= before.risk
    assert 0 <= after.risk <= 100
    assert after.risk == min(100, sum(f.points for f in after.factors))
