"""The charts' axes: round steps from zero, money labelled in yuan (万 for the large ones)."""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.report_charts import axis_ticks, nice_step, yuan_tick


@pytest.mark.parametrize(
    ("top", "step"),
    [(0, 1), (1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (25, 5), (26, 10), (29, 10), (2_352_500, 500_000)],
)
def test_a_round_step_gives_at_most_five_steps(top: int, step: int) -> None:
    assert nice_step(top) == step


def test_ticks_reach_the_top_from_zero() -> None:
    assert [t.value for t in axis_ticks(7)] == [0, 2, 4, 6, 8]
    assert [t.value for t in axis_ticks(8)] == [0, 2, 4, 6, 8]
    assert [t.value for t in axis_ticks(0)] == [0, 1]  # an axis even when every bar is 0


def test_money_ticks_are_yuan() -> None:
    assert [t.text for t in axis_ticks(2_352_500, yuan_tick)] == ["0", "5000", "1万", "1.5万", "2万", "2.5万"]
    assert [yuan_tick(fen) for fen in (0, 250, 5000, 10_000_00, 120_000_00)] == [
        "0",
        "2.50",
        "50",
        "1万",
        "12万",
    ]
