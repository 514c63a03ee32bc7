"""The figures of the owner's monthly report (月度经营报告), as plain data.

``services/monthly_report.py`` fills them from the database; the report PDF
(``documents/monthly_report.py``) and the GUI only read them. The ``*_text``
helpers format a figure the same way wherever it is shown. Pure: no Qt, no database.

What the figures mean, where the rules leave room:

* A month is the local calendar month, in the clock's time zone.
* 首次响应及时: a resolution also counts as a response (as in ``domain.deadlines``); exactly at
  the deadline is still in time. An incident still without a response whose deadline has not
  passed is not judged yet: it is left out of the percentage and counted as ``first_response_pending``.
* 投诉趋势: complaints reported in each of the month and the ``TREND_MONTHS - 1`` before it (the
  same count as the month's 投诉 for the month itself).
* 回访及时: of the incidents whose callback was due in the month (``callback_due_at`` in the month),
  the ones with a callback started no later than the end of the due day (local midnight after it),
  not counting a callback that reopened the incident. A low score reopens the incident and clears
  its due time, so a reopened incident counts again only once it is resolved again.
* 平均满意度: of the callbacks made in the month that kept a score (only with the customer's consent).
* 满意度回访: satisfaction surveys after ordinary visits recorded in the month (any outcome, a call not
  answered too); 回访平均分: of those that kept a score (only with the customer's consent).
* 补偿发放: compensation vouchers (补偿券) issued in the month, except those voided since (a corrected
  行动 step voids and reissues), plus remedies with an amount and no voucher (退款, 减免费用, …).
  补偿使用: redemptions of compensation vouchers in the month.
  保住的营收: the month's revenue from customers compensated in the month or the two months before.
* 续约: contracts whose end date is in the month. Won: 已续约 (or a renewal recorded); lost: 已流失;
  the rest are still open.
* 需要关注的客户: a callback or a satisfaction survey scored 2 or less in the month; a complaint raised to 运营总监 in the
  month; two or more complaints in the 90 days up to the month's end; a contract ending in the 30
  days after the month with no renewal step recorded yet. Most reasons first, at most 30 listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from .errors import ValidationError
from .money import format_fen

NO_DATA = "本月没有业务数据：没有服务记录、投诉、到期合同或补偿。"
AT_RISK_LIMIT = 30
"""At most this many customers at risk are listed (``MonthlyFigures.at_risk_total`` has them all)."""
FIRST_YEAR = 2000
LOW_SCORE = 2
"""A callback scored this or lower puts the customer at risk."""
REPEAT_DAYS = 90
REPEAT_COMPLAINTS = 2
CONTRACT_DAYS = 30
TREND_MONTHS = 6
"""The complaint trend covers the month and the five before it."""
KEPT_MONTHS_BEFORE = 2
"""保住的营收 looks at customers compensated in the month or this many months before."""
NO_REASON = "未说明"
NO_WORKER = "未指定"
NO_ROOT_CAUSE = "未填写"
DASH = "—"


@dataclass(frozen=True)
class Count:
    """One row of a breakdown: a label and how many."""

    label: str
    count: int


@dataclass(frozen=True)
class MonthCount:
    """How many in one calendar month."""

    year: int
    month: int
    count: int


@dataclass(frozen=True)
class Rate:
    """``part`` of ``whole`` (e.g. first responses on time of those judged)."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        """Percent with one decimal; None when there is nothing to judge."""
        return None if self.whole == 0 else round(self.part * 100 / self.whole, 1)

    @property
    def text(self) -> str:
        """``87.5%``, or ``—`` when there is nothing to judge."""
        percent = self.percent
        return DASH if percent is None else f"{percent:.1f}%"


@dataclass(frozen=True)
class CampaignMonth:
    """What one campaign did in the month: messages sent, its vouchers used, recipients who then booked."""

    name: str
    sent: int
    redeemed: int
    booked: int
    """Recipients sent a message in the month who had a visit within the results period after it."""

    @property
    def text(self) -> str:
        return f"{self.name}：发送 {self.sent} 条，用券 {self.redeemed} 张，之后预约 {self.booked} 位"


@dataclass(frozen=True)
class AtRiskCustomer:
    customer_id: int
    label: str
    reasons: tuple[str, ...]

    @property
    def reason_text(self) -> str:
        return "；".join(self.reasons)


@dataclass(frozen=True)
class MonthlyFigures:
    year: int
    month: int
    made_at: datetime
    # customers
    new_customers: int
    active_customers: int
    revenue_fen: int
    # incidents reported in the month
    incidents_total: int
    by_category: tuple[Count, ...]
    by_root_cause: tuple[Count, ...]
    by_severity: tuple[Count, ...]
    by_worker: tuple[Count, ...]
    incident_trend: tuple[MonthCount, ...]
    """Complaints reported in each of the last ``TREND_MONTHS`` months, oldest first, this month last."""
    first_response: Rate
    """First responses within the deadline, of the month's incidents whose deadline is judged."""
    first_response_pending: int
    """The month's incidents without a response whose deadline has not passed yet (judged later)."""
    # resolution
    resolved_count: int
    median_resolve_hours: float | None
    # callbacks
    callbacks: Rate
    """Callbacks on time (by the end of the due day) of the incidents whose callback fell due in the month."""
    average_satisfaction: float | None
    scored_callbacks: int
    # compensation
    compensation_issued_fen: int
    compensation_redeemed_fen: int
    compensated_customers: int
    """Customers compensated in the month or the two months before."""
    kept_customers: int
    """Of those, the ones with a paid visit in the month."""
    revenue_kept_fen: int
    # renewals (contracts ending in the month)
    renewals_due: int
    renewals_won: int
    renewals_lost: int
    renewals_open: int
    lost_reasons: tuple[Count, ...]
    # customers at risk
    at_risk: tuple[AtRiskCustomer, ...]
    at_risk_total: int
    # the customers' lifecycle (services.lifecycle.stage_moves), empty when it was not read
    stages: tuple[Count, ...] = ()
    """Customers by stage at the end of the month (this month: now), in the stages' order."""
    stage_moves: tuple[Count, ...] = ()
    """"成熟期 → 流失风险" and how many went that way during the month, most first."""
    stage_moved: int = 0
    """How many customers changed stage during the month."""
    # satisfaction surveys after ordinary visits
    surveys_total: int = 0
    """Surveys recorded in the month, whatever their outcome."""
    surveys_scored: int = 0
    """Of those, the ones that kept a score (the customer's consent)."""
    average_survey_score: float | None = None
    # referral commission
    commission_earned_fen: int = 0
    """Referral commission earned by visits recorded in the month."""
    commission_settled_fen: int = 0
    """Referral commission paid out to referrers in the month (whenever it was earned)."""
    # campaigns that sent messages in the month
    campaigns: tuple[CampaignMonth, ...] = ()

    @property
    def campaigns_text(self) -> str:
        """``发送 300 条，用券 42 张，之后预约 57 位`` over every campaign of the month (``无`` without one)."""
        if not self.campaigns:
            return "本月没有营销活动"
        sent = sum(c.sent for c in self.campaigns)
        redeemed = sum(c.redeemed for c in self.campaigns)
        booked = sum(c.booked for c in self.campaigns)
        return f"发送 {sent} 条，用券 {redeemed} 张，之后预约 {booked} 位"

    @property
    def title(self) -> str:
        return f"{self.year} 年 {self.month} 月经营报告"

    @property
    def is_empty(self) -> bool:
        """No customer served, no complaint, no contract ending and no compensation in the month."""
        return (
            self.active_customers == 0
            and self.incidents_total == 0
            and self.renewals_due == 0
            and self.compensation_issued_fen == 0
            and self.compensation_redeemed_fen == 0
        )

    @property
    def renewal_rate(self) -> Rate:
        """Won of the renewals decided (won or lost)."""
        return Rate(self.renewals_won, self.renewals_won + self.renewals_lost)


def hours_text(hours: float | None) -> str:
    """``12.5 小时``, or ``—``."""
    return DASH if hours is None else f"{hours:.1f} 小时"


def score_text(score: float | None) -> str:
    """``3.0 分``, or ``—``."""
    return DASH if score is None else f"{score:.1f} 分"


def money_text(fen: int) -> str:
    return format_fen(fen)


def share_text(count: int, total: int) -> str:
    """A row's share of the total, as in the breakdown tables."""
    return Rate(count, total).text


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_month(year: int, month: int, now: datetime) -> None:
    """Refuse a month that cannot have a report (a Chinese message under ``month``)."""
    if not _is_int(year) or not _is_int(month) or not 1 <= month <= 12:
        raise ValidationError({"month": "月份要在 1 到 12 之间"})
    if year < FIRST_YEAR:
        raise ValidationError({"month": f"年份不能早于 {FIRST_YEAR} 年"})
    if (year, month) > (now.year, now.month):
        raise ValidationError({"month": "还没到这个月，不能出报告"})


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """``(2026, 1)`` plus ``-2`` months is ``(2025, 11)``."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def month_start(year: int, month: int, tz: tzinfo | None) -> datetime:
    """Local midnight of the month's first day."""
    return datetime(year, month, 1, tzinfo=tz)


def sorted_counts(rows: Iterable[tuple[object, object]]) -> tuple[Count, ...]:
    """(label, count) rows as ``Count``s, most first, then by label."""
    items = [Count(str(label), int(str(n))) for label, n in rows]
    return tuple(sorted(items, key=lambda c: (-c.count, c.label)))


def customer_label(address_as: str, name: str) -> str:
    """``王先生（王建国）``, or just the form of address when it is the name."""
    return f"{address_as}（{name}）" if name and name != address_as else address_as


def rank_at_risk(
    reasons: Mapping[int, Sequence[tuple[int, str]]], limit: int = AT_RISK_LIMIT
) -> list[tuple[int, tuple[str, ...]]]:
    """Customers at risk, most reasons first, then by their most urgent reason (lowest rank), then id.

    ``reasons`` maps a customer id to ``(rank, text)`` pairs; the texts come back in rank order.
    """
    ranked = sorted(reasons.items(), key=lambda item: (-len(item[1]), min(r for r, _ in item[1]), item[0]))
    return [(cid, tuple(text for _, text in sorted(items))) for cid, items in ranked[:limit]]
