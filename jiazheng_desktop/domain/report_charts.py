"""The charts of the monthly report, as plain data: bars, axis and the words around them.

The 报表 screen paints them with QPainter (``gui/reports/bar_chart.py``) and the PDF draws them with
ReportLab (``documents/monthly_report.py``), both from these values, so the screen and the paper show
the same bars on the same axis. A chart with nothing to show carries a sentence that says so
(``empty_text``) instead of an empty axis. Pure: no Qt, no ReportLab, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .monthly_figures import TREND_MONTHS, MonthlyFigures, money_text

NO_COMPLAINTS = "本月没有投诉"
NO_COMPENSATION = "本月没有补偿，也没有挽回的营收"
NO_TREND = f"近 {TREND_MONTHS} 个月没有投诉"
MAX_TICKS = 5


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    """Count, or fen for money."""
    value_text: str
    """What is written at the bar's end: ``3``, ``¥80.00``."""


@dataclass(frozen=True)
class Tick:
    value: int
    text: str


@dataclass(frozen=True)
class ChartData:
    title: str
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    """From 0 up to the axis' top, which is the last tick's value."""
    empty_text: str
    """Said in place of the chart when no bar has a value."""

    @property
    def axis_max(self) -> int:
        return self.ticks[-1].value

    @property
    def is_empty(self) -> bool:
        return all(bar.value == 0 for bar in self.bars)


def nice_step(top: int) -> int:
    """A round axis step (1, 2, 5, 10, 20, 50, …) giving at most five steps up to ``top``."""
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if step * MAX_TICKS >= top:
                return step
        scale *= 10


def axis_ticks(top: int, text: Callable[[int], str] = str) -> tuple[Tick, ...]:
    """Ticks at a round step from 0 to the first multiple of it that reaches ``top`` (at least one step)."""
    step = nice_step(max(top, 1))
    steps = max(1, -(-top // step))
    return tuple(Tick(step * i, text(step * i)) for i in range(steps + 1))


def yuan_tick(fen: int) -> str:
    """An axis label in yuan without the sign: ``50``, ``2.50``, ``1.5万`` (round steps: no rounding lost)."""
    if fen >= 10_000_00:
        return f"{fen / 10_000_00:g}万"
    return str(fen // 100) if fen % 100 == 0 else f"{fen / 100:.2f}"


def _chart(
    title: str, bars: Sequence[Bar], empty_text: str, tick_text: Callable[[int], str] = str
) -> ChartData:
    top = max((bar.value for bar in bars), default=0)
    return ChartData(title, tuple(bars), axis_ticks(top, tick_text), empty_text)


def complaints_by_category(f: MonthlyFigures) -> ChartData:
    """The month's complaints per category, most first (as the breakdown table)."""
    bars = [Bar(c.label, c.count, str(c.count)) for c in f.by_category]
    return _chart("投诉类别（件）", bars, NO_COMPLAINTS)


def compensation_and_revenue_kept(f: MonthlyFigures) -> ChartData:
    """What recovery cost against what it kept: compensation issued and used, and 挽回营收."""
    bars = [
        Bar("补偿发放", f.compensation_issued_fen, money_text(f.compensation_issued_fen)),
        Bar("补偿券使用", f.compensation_redeemed_fen, money_text(f.compensation_redeemed_fen)),
        Bar("挽回营收", f.revenue_kept_fen, money_text(f.revenue_kept_fen)),
    ]
    return _chart("补偿与挽回营收（元）", bars, NO_COMPENSATION, yuan_tick)


def complaint_trend(f: MonthlyFigures) -> ChartData:
    """Complaints reported in each of the last six months, the chosen month last."""
    bars = [Bar(f"{m.month}月", m.count, str(m.count)) for m in f.incident_trend]
    return _chart(f"近 {TREND_MONTHS} 个月投诉（件）", bars, NO_TREND)
