"""The customer's lifecycle: stage, churn risk and value, derived from the history, each with its reasons.

Nothing here is typed by hand. A ``CustomerHistory`` (what the books say: the visits, the money, the
latest contract, complaints, callback scores, compensation) and the owner's ``LifecycleRules`` give an
``Assessment``:

- the stage, 潜在 → 新客 → 发展期 → 成熟期, or 流失风险 / 已流失, with the facts that put the customer there;
- a churn-risk score 0–100, the sum of explained factors, each with its points in words
  ("45 天未服务（平时每 14 天一次）+30");
- an RFM value tier (recency, frequency, money over 12 months) with its figures;
- the next thing to do for the stage.

The risk never falls as the days without a visit go by, all else equal (``tests/domain``): the overdue
factor grows with them, and the others but the contract's do not depend on today (the decline in visits is
measured up to the last visit, not up to today). A contract counts from 14 days before its end (+15) to 90
days after it (+25), while no renewal step is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from itertools import pairwise
from statistics import median

from .errors import ValidationError
from .money import format_fen


class Stage(Enum):
    PROSPECT = "prospect"
    NEW = "new"
    DEVELOPING = "developing"
    MATURE = "mature"
    AT_RISK = "at_risk"
    LOST = "lost"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def next_action(self) -> str:
        """What the front desk does next for a customer at this stage."""
        return _NEXT_ACTIONS[self]


_STAGE_LABELS = {
    Stage.PROSPECT: "潜在",
    Stage.NEW: "新客",
    Stage.DEVELOPING: "发展期",
    Stage.MATURE: "成熟期",
    Stage.AT_RISK: "流失风险",
    Stage.LOST: "已流失",
}
_NEXT_ACTIONS = {
    Stage.PROSPECT: "跟进咨询：介绍服务和价格，约第一次上门",
    Stage.NEW: "首次服务后回访：问问是否满意，约好下一次",
    Stage.DEVELOPING: "推荐固定周期或套餐，让服务成为习惯",
    Stage.MATURE: "保持联系：节日问候，合同到期前提醒续约",
    Stage.AT_RISK: "尽快致电关怀：问清原因，必要时给予优惠",
    Stage.LOST: "挽回：电话问候，说明改进，提供回归优惠",
}


class RiskBand(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return {RiskBand.LOW: "低", RiskBand.MEDIUM: "中", RiskBand.HIGH: "高"}[self]


MEDIUM_RISK_FROM = 30
HIGH_RISK_FROM = 60
MIN_OVERDUE_DAYS = 14
"""A customer served every day or two is not "overdue" after a long weekend: fewer days never count."""


def risk_range(band: str) -> tuple[int | None, int | None]:
    """The scores of a band (a ``RiskBand`` id): (at least, below); None where open."""
    chosen = RiskBand(band)
    if chosen is RiskBand.HIGH:
        return HIGH_RISK_FROM, None
    if chosen is RiskBand.MEDIUM:
        return MEDIUM_RISK_FROM, HIGH_RISK_FROM
    return None, MEDIUM_RISK_FROM


def risk_band(score: int) -> RiskBand:
    if score >= HIGH_RISK_FROM:
        return RiskBand.HIGH
    if score >= MEDIUM_RISK_FROM:
        return RiskBand.MEDIUM
    return RiskBand.LOW


@dataclass(frozen=True)
class LifecycleRules:
    """The owner's thresholds (设置 → 客户关怀); the defaults suit a weekly or fortnightly cleaning round."""

    new_days: int = 30
    """A first service at most this many days ago: 新客."""
    mature_visits: int = 6
    """This many visits in 12 months (the first at least half a year ago): 成熟期."""
    mature_contract_days: int = 90
    """Or a contract running for at least this many days: 成熟期."""
    at_risk_ratio: float = 2.0
    """Days without a visit at or beyond this many of the customer's usual intervals: 流失风险."""
    at_risk_days: int = 60
    """For a customer with no usual interval yet (one visit): this many days without one: 流失风险."""
    lost_days: int = 180
    """No visit for this many days and no running contract: 已流失."""

    def validated(self) -> LifecycleRules:
        """These rules, or a ``ValidationError`` that says which number to fix (by field)."""
        problems: dict[str, str] = {}
        for name, what in (
            ("new_days", "新客的天数"),
            ("mature_visits", "成熟期的服务次数"),
            ("mature_contract_days", "成熟期的合同天数"),
            ("at_risk_days", "流失风险的天数"),
            ("lost_days", "已流失的天数"),
        ):
            value = getattr(self, name)
            if not 1 <= value <= 3650:
                problems[name] = f"{what}应在 1 到 3650 之间，现在是 {value}。"
        if not 1.0 < self.at_risk_ratio <= 10.0:
            problems["at_risk_ratio"] = (
                f"“平时间隔的几倍算流失风险”应大于 1、不超过 10，现在是 {self.at_risk_ratio:g}。"
            )
        if "lost_days" not in problems and self.lost_days <= self.at_risk_days:
            problems["lost_days"] = (
                f"已流失的天数（{self.lost_days}）应大于流失风险的天数（{self.at_risk_days}）。"
            )
        if problems:
            raise ValidationError(problems)
        return self


@dataclass(frozen=True)
class CustomerHistory:
    """What the books say about one customer, as of ``today`` (read by ``services.lifecycle``)."""

    registered_on: date
    visits: tuple[date, ...] = ()
    """Days with a service, oldest first (the last two years are enough)."""
    paid_fen_12m: int = 0
    """Paid for visits in the last 12 months."""
    contract_start: date | None = None
    contract_end: date | None = None
    """The latest contract that is not cancelled (None: never had one)."""
    contract_renewed: bool = False
    """A renewal step is recorded for that contract (a call, an offer, a new contract)."""
    open_complaints: int = 0
    complaints_90d: int = 0
    """Complaints reported in the last 90 days (open or not)."""
    lowest_score_90d: int | None = None
    """The lowest callback or survey score (1–5) of the last 90 days."""
    compensations_12m: int = 0
    """Compensation given (vouchers, refunds, free visits) in the last 12 months."""


@dataclass(frozen=True)
class RiskFactor:
    text: str
    """The fact, in words ("45 天未服务（平时每 14 天一次）")."""
    points: int

    def __str__(self) -> str:
        return f"{self.text}{'' if self.text.endswith('）') else ' '}+{self.points}"


@dataclass(frozen=True)
class Value:
    tier: str
    """高价值 / 中价值 / 一般 / 暂无."""
    recency_days: int | None
    visits_12m: int
    paid_fen_12m: int
    score: str
    """R, F, M each 1–3: ``R3F2M2``."""

    @property
    def figures(self) -> str:
        if self.recency_days is None:
            return "还没有服务记录"
        return (
            f"近 12 个月 {self.visits_12m} 次、{format_fen(self.paid_fen_12m)}，"
            f"最近一次 {_days_ago(self.recency_days)}（{self.score}）"
        )


@dataclass(frozen=True)
class Assessment:
    stage: Stage
    stage_reasons: tuple[str, ...]
    risk: int
    factors: tuple[RiskFactor, ...]
    value: Value
    usual_interval_days: int | None
    """The median gap between visits in the 12 months up to the last one (None: fewer than two visits)."""

    @property
    def band(self) -> RiskBand:
        return risk_band(self.risk)

    @property
    def risk_text(self) -> str:
        """The factors in one line, largest first: "45 天未服务（平时每 14 天一次）+30；回访 2 分 +20"."""
        return "；".join(str(f) for f in self.factors) or "没有风险因素"

    @property
    def next_action(self) -> str:
        return self.stage.next_action


def assess(history: CustomerHistory, rules: LifecycleRules, today: date) -> Assessment:
    """Stage, churn risk and value of one customer as of ``today``."""
    visits = tuple(v for v in history.visits if v <= today)
    year_ago = today - timedelta(days=365)
    recent = [v for v in visits if v > year_ago]
    # The usual rhythm is the year up to the last visit, not up to today: staying away does not change it.
    interval = usual_interval([v for v in visits if v > visits[-1] - timedelta(days=365)]) if visits else None
    factors = tuple(sorted(_risk_factors(history, visits, interval, today), key=lambda f: -f.points))
    risk = min(100, sum(f.points for f in factors))
    stage, reasons = _stage(history, visits, recent, interval, risk, rules, today)
    return Assessment(stage, reasons, risk, factors, _value(history, visits, recent, today), interval)


def usual_interval(visits: list[date] | tuple[date, ...]) -> int | None:
    """The median number of days between consecutive visits (at least 1), or None with fewer than two."""
    gaps = [(b - a).days for a, b in pairwise(visits) if b > a]
    return max(1, round(median(gaps))) if gaps else None


def _days_ago(days: int) -> str:
    return "今天" if days == 0 else f"{days} 天前"


def _stage(
    history: CustomerHistory,
    visits: tuple[date, ...],
    recent: list[date],
    interval: int | None,
    risk: int,
    rules: LifecycleRules,
    today: date,
) -> tuple[Stage, tuple[str, ...]]:
    if not visits:
        return Stage.PROSPECT, (f"还没有服务记录（{history.registered_on:%Y-%m-%d} 登记）",)
    first, last = visits[0], visits[-1]
    since = (today - last).days
    contract_running = (
        history.contract_start is not None
        and history.contract_end is not None
        and history.contract_start <= today <= history.contract_end
    )
    if since >= rules.lost_days and not contract_running:
        return Stage.LOST, (f"{since} 天未服务（超过 {rules.lost_days} 天算流失）",)
    if interval is not None and since >= max(rules.at_risk_ratio * interval, MIN_OVERDUE_DAYS):
        return Stage.AT_RISK, (
            f"{since} 天未服务，平时每 {interval} 天一次（超过 {rules.at_risk_ratio:g} 倍）",
        )
    if interval is None and since >= rules.at_risk_days:
        return Stage.AT_RISK, (f"只服务过一次，已经 {since} 天（超过 {rules.at_risk_days} 天）",)
    if risk >= HIGH_RISK_FROM:
        return Stage.AT_RISK, (f"流失风险 {risk} 分（{HIGH_RISK_FROM} 分及以上）",)
    if (today - first).days <= rules.new_days:
        return Stage.NEW, (f"第一次服务在 {_days_ago((today - first).days)}",)
    reasons: list[str] = []
    if contract_running:
        assert history.contract_start is not None
        running = (today - history.contract_start).days
        if running >= rules.mature_contract_days:
            reasons.append(f"合同已执行 {running} 天")
    if len(recent) >= rules.mature_visits and (today - first).days >= 182:
        reasons.append(f"近 12 个月服务 {len(recent)} 次")
    if reasons:
        return Stage.MATURE, tuple(reasons)
    return Stage.DEVELOPING, (
        f"近 12 个月服务 {len(recent)} 次（成熟期要 {rules.mature_visits} 次，或合同执行满 "
        f"{rules.mature_contract_days} 天）",
    )


def _risk_factors(
    history: CustomerHistory, visits: tuple[date, ...], interval: int | None, today: date
) -> list[RiskFactor]:
    factors: list[RiskFactor] = []
    if visits:
        since = (today - visits[-1]).days
        if interval is not None:
            ratio = since / interval
            points = (
                40 if ratio >= 4 else 30 if ratio >= 3 else 20 if ratio >= 2 else 10 if ratio >= 1.5 else 0
            )
            if points and since >= MIN_OVERDUE_DAYS:
                factors.append(RiskFactor(f"{since} 天未服务（平时每 {interval} 天一次）", points))
        else:
            points = 30 if since >= 90 else 20 if since >= 60 else 10 if since >= 30 else 0
            if points:
                factors.append(RiskFactor(f"只服务过一次，已经 {since} 天", points))
        last = visits[-1]
        lately = sum(1 for v in visits if last - timedelta(days=90) < v <= last)
        before = sum(1 for v in visits if last - timedelta(days=180) < v <= last - timedelta(days=90))
        if before >= 3 and lately * 2 <= before:
            factors.append(RiskFactor(f"最近 90 天服务 {lately} 次（之前 90 天 {before} 次）", 15))
    end = history.contract_end
    if end is not None and not history.contract_renewed:
        left = (end - today).days
        if 0 <= left <= 14:
            factors.append(
                RiskFactor(f"合同 {left} 天后到期，还没有续约" if left else "合同今天到期，还没有续约", 15)
            )
        elif -90 <= left < 0:
            factors.append(RiskFactor(f"合同已于 {-left} 天前到期，没有续约", 25))
    if history.open_complaints:
        factors.append(RiskFactor(f"有 {history.open_complaints} 件投诉还没解决", 20))
    elif history.complaints_90d:
        factors.append(RiskFactor(f"近 90 天投诉过 {history.complaints_90d} 次", 10))
    score = history.lowest_score_90d
    if score is not None and score <= 3:
        factors.append(RiskFactor(f"回访 {score} 分", 20 if score <= 2 else 10))
    if history.compensations_12m:
        factors.append(RiskFactor(f"近 12 个月已补偿过 {history.compensations_12m} 次", 5))
    return factors


def _value(history: CustomerHistory, visits: tuple[date, ...], recent: list[date], today: date) -> Value:
    if not visits:
        return Value("暂无", None, 0, 0, "")
    since = (today - visits[-1]).days
    r = 3 if since <= 30 else 2 if since <= 90 else 1
    f = 3 if len(recent) >= 12 else 2 if len(recent) >= 4 else 1 if recent else 0
    paid = history.paid_fen_12m
    m = 3 if paid >= 300_000 else 2 if paid >= 80_000 else 1 if paid > 0 else 0
    total = r + f + m
    tier = "高价值" if total >= 8 else "中价值" if total >= 5 else "一般"
    return Value(tier, since, len(recent), paid, f"R{r}F{f}M{m}")
