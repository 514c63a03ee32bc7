"""The referral commission rule: validation with Chinese messages, and exact amounts in fen."""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.referrals import (
    CommissionDraft,
    CommissionMode,
    CommissionRule,
    parse_percent,
    percent_of,
    percent_text,
    validate_commission_rule,
    validate_settle_note,
)


@pytest.mark.parametrize(
    ("amount", "bp", "expected"),
    [
        (20000, 1000, 2000),  # 10% of ¥200.00 = ¥20.00
        (105, 1000, 11),  # 10.5 分 rounds half up to 11
        (104, 1000, 10),  # 10.4 分 rounds down
        (106, 1000, 11),  # 10.6 分 rounds up
        (10, 750, 1),  # 0.75 分 → 1
        (6, 750, 0),  # 0.45 分 → 0
        (15, 5000, 8),  # 7.5 分 → 8
        (12345, 1234, 1523),  # 1523.373 分 → 1523
        (99999999, 5000, 50000000),  # 49999999.5 → 50000000: integers, no float drift
        (0, 1000, 0),
    ],
)
def test_a_percentage_is_exact_and_rounds_half_up_to_the_fen(amount: int, bp: int, expected: int) -> None:
    assert percent_of(amount, bp) == expected


def test_percent_text_and_parsing_round_trip() -> None:
    assert [percent_text(bp) for bp in (1000, 750, 1205, 100, 5000)] == ["10", "7.5", "12.05", "1", "50"]
    assert [parse_percent(t) for t in ("10", " 7.5 ", "12.05%", "50％", "1")] == [1000, 750, 1205, 5000, 100]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "请填写百分比"),
        ("十", "只能填数字"),
        ("nan", "只能填数字"),
        ("0.5", "1% 到 50%"),
        ("50.01", "1% 到 50%"),
        ("-3", "1% 到 50%"),
        ("7.125", "两位小数"),
    ],
)
def test_a_bad_percentage_says_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_percent(text)


def test_the_rule_validates_only_the_chosen_mode() -> None:
    assert validate_commission_rule(CommissionDraft()) == CommissionRule()
    assert validate_commission_rule(CommissionDraft("off", "乱写", "乱写", 99)).mode is CommissionMode.OFF
    fixed = validate_commission_rule(CommissionDraft("fixed", "¥30", "乱写", 99))
    assert (fixed.mode, fixed.fixed_fen) == (CommissionMode.FIXED, 3000)
    percent = validate_commission_rule(CommissionDraft("percent", "", "7.5", 3))
    assert (percent.mode, percent.percent_bp, percent.visits) == (CommissionMode.PERCENT, 750, 3)


@pytest.mark.parametrize(
    ("draft", "fields"),
    [
        (CommissionDraft("fixed", "abc"), {"commission_fixed": "只能填数字"}),
        (CommissionDraft("fixed", "0"), {"commission_fixed": "须大于 0"}),
        (CommissionDraft("fixed", "1000.01"), {"commission_fixed": "最多 ¥1,000.00"}),
        (
            CommissionDraft("percent", "", "60", 0),
            {"commission_percent": "1% 到 50%", "commission_visits": "1 到 12"},
        ),
        (CommissionDraft("percent", "", "10", 13), {"commission_visits": "1 到 12"}),
        (CommissionDraft("share", ""), {"commission_mode": "请选择佣金方式"}),
    ],
)
def test_a_bad_rule_names_each_bad_field(draft: CommissionDraft, fields: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as info:
        validate_commission_rule(draft)
    assert set(info.value.fields) == set(fields)
    for field, part in fields.items():
        assert part in info.value.fields[field]


def test_fixed_is_earned_once_on_the_first_paid_visit() -> None:
    rule = CommissionRule(CommissionMode.FIXED, fixed_fen=3000)
    assert [rule.earns(n, 20000) for n in (1, 2, 3)] == [3000, 0, 0]
    assert rule.earns(1, 0) == 0  # a free visit earns nothing
    assert rule.basis(20000) == "固定 ¥30.00"
    assert rule.describe() == "每位被推荐客户首次付费服务后 ¥30.00"


def test_percent_is_earned_on_each_of_the_first_n_paid_visits() -> None:
    rule = CommissionRule(CommissionMode.PERCENT, percent_bp=1000, visits=2)
    assert [rule.earns(n, 12345) for n in (1, 2, 3)] == [1235, 1235, 0]  # 1234.5 分 → 1235
    assert rule.basis(12345) == "10% × ¥123.45"
    assert rule.describe() == "被推荐客户前 2 次付费服务金额的 10%"
    assert CommissionRule().earns(1, 20000) == 0


def test_a_settle_note_is_trimmed_and_limited() -> None:
    assert validate_settle_note("  微信已转  ") == "微信已转"
    with pytest.raises(ValidationError, match="200"):
        validate_settle_note("长" * 201)
