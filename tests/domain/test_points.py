"""Points and tiers: the rules, the ledger with expiring lots, and what the next tier needs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiazheng_desktop.domain.customers import VipTier
from jiazheng_desktop.domain.errors import DomainError, ValidationError
from jiazheng_desktop.domain.points import (
    PointsEntry,
    PointsRule,
    TierBasis,
    TierRule,
    add_months,
    balance,
    check_adjustment,
    check_debit,
    check_override,
    check_redemption,
    derive_tier,
    due_to_expire,
    expiring_soon,
    expiry_for,
    next_tier_text,
    open_lots,
    points_for_payment,
    redemption_value,
    tier_reason,
    validate_points_rule,
    validate_tier_rule,
)

TODAY = date(2026, 11, 23)


def test_a_paid_visit_earns_per_whole_yuan() -> None:
    assert points_for_payment(19950, PointsRule()) == 199
    assert points_for_payment(19950, PointsRule(per_yuan=2)) == 398
    assert points_for_payment(0, PointsRule()) == 0
    assert points_for_payment(50000, PointsRule(per_yuan=0)) == 0


def test_redemption_at_the_rate_with_its_minimum() -> None:
    rule = PointsRule(redeem_points=100, redeem_fen=1000, min_points=200)
    assert redemption_value(350, rule) == 3000
    assert check_redemption(300, 500, rule) == 3000
    with pytest.raises(ValidationError, match="每次至少兑换 200 分"):
        check_redemption(100, 500, rule)
    with pytest.raises(ValidationError, match="100 的整数倍（100 积分 = ¥10）"):
        check_redemption(250, 500, rule)
    with pytest.raises(ValidationError, match="积分不够：现有 500 分，不能兑换 600 分") as caught:
        check_redemption(600, 500, rule)
    assert set(caught.value.fields) == {"points"}


def test_the_rule_is_checked_field_by_field() -> None:
    assert validate_points_rule(PointsRule()) == PointsRule()
    with pytest.raises(ValidationError) as caught:
        validate_points_rule(
            PointsRule(
                per_yuan=-1, redeem_points=100, min_points=150, expiry_months=121, voucher_valid_days=0
            )
        )
    assert set(caught.value.fields) == {"per_yuan", "min_points", "expiry_months", "voucher_valid_days"}
    assert "100 的整数倍" in caught.value.fields["min_points"]


def test_expiry_months_later_and_never() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 23), -12) == date(2025, 11, 23)
    assert expiry_for(TODAY, PointsRule(expiry_months=24)) == date(2028, 11, 23)
    assert expiry_for(TODAY, PointsRule(expiry_months=0)) is None


def test_debits_use_the_points_that_expire_first() -> None:
    early, late = date(2027, 1, 1), date(2028, 1, 1)
    entries = [
        PointsEntry("earn", 100, late),
        PointsEntry("earn", 80, early),
        PointsEntry("adjust", 50, None),
        PointsEntry("spend", -120, None),
    ]
    # The 80 expiring first go, then 40 of the 100: nothing of what never expires.
    assert [(lot.expires_on, lot.left) for lot in open_lots(entries)] == [(late, 60), (None, 50)]
    assert due_to_expire(entries, late) == 60
    assert due_to_expire(entries, late - timedelta(days=1)) == 0
    assert expiring_soon(entries, late - timedelta(days=10)) == (60, late)
    assert expiring_soon(entries, late - timedelta(days=40)) == (0, None)


def test_adjustment_needs_a_reason_and_cannot_go_below_zero() -> None:
    assert check_adjustment(-50, " 补录 ", 80) == "补录"
    with pytest.raises(ValidationError) as caught:
        check_adjustment(-100, "  ", 80)
    assert caught.value.fields == {
        "points": "积分不能减到 0 以下：现有 80 分，最多减少 80 分",
        "reason": "请写明调整积分的原因",
    }
    with pytest.raises(ValidationError, match="减少用负数"):
        check_adjustment(0, "x", 80)
    with pytest.raises(DomainError, match="积分不够"):
        check_debit(10, 11)


def test_tiers_and_what_the_next_one_needs() -> None:
    rule = TierRule(TierBasis.SPEND, (2000_00, 5000_00, 10000_00))
    assert derive_tier(0, rule) == VipTier.REGULAR
    assert derive_tier(2000_00, rule) == VipTier.SILVER
    assert derive_tier(4380_00, rule) == VipTier.SILVER
    assert next_tier_text(4380_00, rule) == "再消费 ¥620 升为金卡"
    assert tier_reason(4380_00, rule) == "近 12 个月消费 ¥4,380（满 ¥2,000 为银卡）"
    assert tier_reason(0, rule) == "近 12 个月消费 ¥0（满 ¥2,000 为银卡）"
    assert next_tier_text(12000_00, rule) == "已是最高等级（VIP卡）"
    # An owner's override above the figures: the next tier is the one above the override.
    assert next_tier_text(100_00, rule, VipTier.GOLD) == "再消费 ¥9,900 升为VIP卡"
    own = TierRule(TierBasis.POINTS, (500, 1000, 3000), ("会员", "铜牌", "银牌", "金牌"))
    assert next_tier_text(380, own) == "再积 120 分 升为铜牌"
    assert own.name(derive_tier(1200, own)) == "银牌"


def test_tier_rules_and_overrides_are_checked() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_tier_rule(TierRule(TierBasis.SPEND, (5000, 5000, 9000), ("普通", "银卡", "银卡", "VIP")))
    assert set(caught.value.fields) == {"thresholds", "names"}
    assert validate_tier_rule(TierRule(names=(" 普通", "银卡", "金卡", "VIP "))).names[0] == "普通"
    assert check_override(2, " 老客户 ") == "老客户"
    with pytest.raises(ValidationError, match="原因"):
        check_override(None, "")


# -- the ledger's properties -----------------------------------------------------------------------------

_operation = st.one_of(
    st.tuples(st.just("earn"), st.integers(1, 500), st.integers(0, 40)),
    st.tuples(st.just("adjust"), st.integers(-500, 500).filter(bool), st.integers(0, 40)),
    st.tuples(st.just("spend"), st.integers(1, 500), st.just(0)),
    st.tuples(st.just("expire"), st.just(0), st.integers(0, 40)),
)


@given(st.lists(_operation, max_size=40))
def test_the_balance_never_goes_below_zero_and_is_the_sum_of_entries(operations) -> None:  # type: ignore[no-untyped-def]
    """Applied as the service applies them (each debit checked first, expiry by what is due)."""
    entries: list[PointsEntry] = []
    for kind, points, days in operations:
        today = TODAY + timedelta(days=days)
        current = balance(entries)
        if kind == "expire":
            due = due_to_expire(entries, today)
            if due:
                entries.append(PointsEntry("expire", -due))
        elif points > 0 and kind != "spend":
            entries.append(PointsEntry(kind, points, today + timedelta(days=30)))
        else:
            debit = abs(points)
            try:
                check_debit(current, debit)
            except DomainError:
                assert debit > current
                continue
            entries.append(PointsEntry(kind, -debit))
        assert balance(entries) >= 0
        assert balance(entries) == sum(e.points for e in entries)
        assert sum(lot.left for lot in open_lots(entries)) == balance(entries)
        assert due_to_expire(entries, today) <= balance(entries)


@given(st.integers(0, 20_000_00), st.integers(0, 20_000_00))
def test_more_spend_never_lowers_the_tier(a: int, b: int) -> None:
    rule = TierRule()
    low, high = sorted((a, b))
    assert derive_tier(low, rule) <= derive_tier(high, rule)
