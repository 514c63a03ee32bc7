"""The owner's monthly report (月度经营报告): the month's figures, counted by SQL aggregates.

Used by the report PDF and by the GUI alike. Read-only: no audit row, one read transaction so
the figures agree with each other. Everything is counted in SQL (GROUP BY, COUNT, SUM): a busy
month has ten thousand complaints and none of them is loaded into Python one by one.

What each figure means is written down in ``domain/monthly_figures.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from peewee import JOIN, SQL, Case, Cast, Expression, NodeList, fn

from ..domain import monthly_figures as mf
from ..domain.contracts import ContractStatus, RenewalStep
from ..domain.deadlines import DeadlinePolicy, Level
from ..domain.incidents import Category, Severity, Step
from ..domain.monthly_figures import AtRiskCustomer, Count, MonthCount, MonthlyFigures, Rate
from ..domain.vouchers import EntryKind, VoucherKind, VoucherStatus
from ..storage.fields import to_db_time
from ..storage.models import (
    Callback,
    Contract,
    Customer,
    Escalation,
    Incident,
    IncidentStep,
    ReferralCommission,
    RemedyRecord,
    RenewalAction,
    ServiceRecord,
    Survey,
    Voucher,
    VoucherEntry,
    Worker,
    db,
)
from ..storage.postgres import is_server
from .campaign_results import month_lines
from .context import ServiceContext

if TYPE_CHECKING:
    from .lifecycle import LifecycleService

_TIME = "%Y-%m-%dT%H:%M:%S"
_SERVER_TIME = 'YYYY-MM-DD"T"HH24:MI:SS'
"""``_TIME`` in PostgreSQL's ``to_char``."""


def _rows(query: Any) -> list[tuple[Any, ...]]:
    """A query's rows as plain tuples (typed for mypy: peewee's models are dynamic)."""
    return list(query.tuples())


def _one(query: Any) -> tuple[Any, ...]:
    """The single row of an aggregate query, as a tuple."""
    row: tuple[Any, ...] = query.tuples().get()
    return row


def _count_if(condition: Any) -> Any:
    """How many rows of the group meet ``condition`` (0, not NULL, for none)."""
    return fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)


# What SQLite and the office server (PostgreSQL) write differently. Moments are fixed-width UTC text
# on both (``storage.fields.to_db_time``): moved as text, compared as text.


def _json_text(column: Any, key: str) -> Any:
    """The text value of ``key`` in a JSON text column."""
    if is_server(db.obj):
        return Expression(Cast(column, "json"), "->>", key)
    return fn.json_extract(column, f"$.{key}")


def _hours_later(moment: Any, hours: int) -> Any:
    """A stored moment ``hours`` later, to the second (``_TIME`` text, without the fraction and the Z)."""
    if is_server(db.obj):
        later = Cast(fn.substr(moment, 1, 19), "timestamp") + Cast(f"{hours} hours", "interval")
        return fn.to_char(later, _SERVER_TIME)
    return fn.strftime(_TIME, fn.substr(moment, 1, 19), f"+{hours} hours")


def _seconds_between(later: Any, earlier: Any) -> Any:
    """Whole seconds from one stored moment to another."""
    if is_server(db.obj):
        span = Cast(later, "timestamptz") - Cast(earlier, "timestamptz")
        return fn.ROUND(fn.EXTRACT(NodeList((SQL("EPOCH FROM"), span))))
    return fn.ROUND((fn.julianday(later) - fn.julianday(earlier)) * 86400)


def _local_day_end(moment: Any, offset_minutes: int) -> Any:
    """The end (next local midnight) of the local day of the stored moment, as stored text, for a zone
    ``offset_minutes`` ahead of UTC."""
    if is_server(db.obj):
        local = Cast(fn.substr(moment, 1, 19), "timestamp") + Cast(f"{offset_minutes} minutes", "interval")
        end = fn.date_trunc("day", local) + Cast(f"{1440 - offset_minutes} minutes", "interval")
        return fn.to_char(end, f'{_SERVER_TIME}".000000Z"')
    local_day = fn.date(fn.substr(moment, 1, 19), f"{offset_minutes:+d} minutes")
    return fn.strftime(f"{_TIME}.000000Z", local_day, "+1 day", f"{-offset_minutes:+d} minutes")


def _distinct_list(column: Any) -> Any:
    """The group's distinct values of a text column, joined with commas (in no particular order)."""
    if is_server(db.obj):
        return fn.string_agg(NodeList((SQL("DISTINCT"), column)), ",")
    return fn.GROUP_CONCAT(fn.DISTINCT(column))


class MonthlyReportService:
    def __init__(
        self,
        context: ServiceContext,
        incidents_policy: Callable[[], DeadlinePolicy],
        lifecycle: Callable[[], LifecycleService] | None = None,
    ) -> None:
        self._ctx = context
        self._policy = incidents_policy
        self._lifecycle = lifecycle

    def figures(self, year: int, month: int, *, stages: bool = False) -> MonthlyFigures:
        """The figures of the local calendar month ``year``-``month`` (this month so far, or a past one).

        ``stages``: also every customer's lifecycle stage at both ends of the month (五、客户阶段 of the
        PDF): one pass over two years of the books, a few seconds at 100,000 customers, so the 报表 page
        (which does not show it) leaves it out.

        Raises ``ValidationError`` (field ``month``) for a month outside 1–12, a year before 2000 or a
        month that has not begun.
        """
        now = self._ctx.now()
        mf.validate_month(year, month, now)
        tz = now.tzinfo
        start = mf.month_start(year, month, tz)
        end = mf.month_start(*mf.add_months(year, month, 1), tz)
        policy = self._policy()
        with db.atomic():  # one snapshot: the figures agree with each other
            figures = _Month(start, end, now, policy).figures()
            if self._lifecycle is None or not stages:
                return figures
            moves = self._lifecycle().stage_moves(start, min(end, now))
        ordered = sorted(moves.moves.items(), key=lambda item: (-item[1], item[0][0].value, item[0][1].value))
        return replace(
            figures,
            stages=tuple(Count(stage.label, n) for stage, n in moves.at_end.items()),
            stage_moves=tuple(Count(f"{a.label} → {b.label}", n) for (a, b), n in ordered),
            stage_moved=moves.moved,
        )


class _Month:
    """The queries of one month, ``[start, end)``."""

    def __init__(self, start: datetime, end: datetime, now: datetime, policy: DeadlinePolicy) -> None:
        self.start, self.end, self.now, self.policy = start, end, now, policy
        self.first_day = start.date()
        self.last_day = (end - timedelta(days=1)).date()

    def within(self, field: Any, start: datetime | None = None) -> Any:
        return (field >= (start or self.start)) & (field < self.end)

    def figures(self) -> MonthlyFigures:
        active, revenue = self.customers_served()
        total, on_time, late = self.first_responses()
        resolved, median = self.resolution()
        due, called = self.callbacks_due()
        average, scored = self.satisfaction()
        surveys, surveys_scored, survey_average = self.surveys()
        compensated, kept, revenue_kept = self.revenue_kept()
        renewals_due, won, lost = self.renewals()
        at_risk, at_risk_total = self.at_risk()
        cause = fn.COALESCE(fn.NULLIF(_json_text(IncidentStep.data, "root_cause"), ""), mf.NO_ROOT_CAUSE)
        identified = (IncidentStep.incident == Incident.id) & (IncidentStep.step == int(Step.IDENTIFY))
        worker = fn.COALESCE(Worker.name, mf.NO_WORKER)
        return MonthlyFigures(
            year=self.start.year,
            month=self.start.month,
            made_at=self.now,
            new_customers=Customer.select().where(self.within(Customer.created_at)).count(),
            active_customers=active,
            revenue_fen=revenue,
            incidents_total=total,
            by_category=mf.sorted_counts(
                (Category(c).label, n) for c, n in self.breakdown(Incident.category)
            ),
            by_root_cause=mf.sorted_counts(self.breakdown(cause, (IncidentStep, identified))),
            by_severity=mf.sorted_counts(
                (Severity(s).label, n) for s, n in self.breakdown(Incident.severity)
            ),
            by_worker=mf.sorted_counts(self.breakdown(worker, (Worker, Incident.worker == Worker.id))),
            incident_trend=self.incident_trend(),
            first_response=Rate(on_time, on_time + late),
            first_response_pending=total - on_time - late,
            resolved_count=resolved,
            median_resolve_hours=median,
            callbacks=Rate(called, due),
            average_satisfaction=average,
            scored_callbacks=scored,
            compensation_issued_fen=self.compensation_issued(),
            compensation_redeemed_fen=self.compensation_redeemed(),
            compensated_customers=compensated,
            kept_customers=kept,
            revenue_kept_fen=revenue_kept,
            renewals_due=renewals_due,
            renewals_won=won,
            renewals_lost=lost,
            renewals_open=renewals_due - won - lost,
            lost_reasons=self.lost_reasons(),
            at_risk=at_risk,
            at_risk_total=at_risk_total,
            surveys_total=surveys,
            surveys_scored=surveys_scored,
            average_survey_score=survey_average,
            commission_earned_fen=self.commission(ReferralCommission.earned_at),
            commission_settled_fen=self.commission(ReferralCommission.settled_at),
            campaigns=self.campaigns(),
        )

    def campaigns(self) -> tuple[mf.CampaignMonth, ...]:
        return tuple(month_lines(self.start, self.end))

    # -- customers ----------------------------------------------------------------------------

    def customers_served(self) -> tuple[int, int]:
        row = _one(
            ServiceRecord.select(
                fn.COUNT(fn.DISTINCT(ServiceRecord.customer)),
                fn.COALESCE(fn.SUM(ServiceRecord.amount_fen), 0),
            ).where(self.within(ServiceRecord.served_at))
        )
        return int(row[0]), int(row[1])

    # -- incidents ----------------------------------------------------------------------------

    def reported(self) -> Any:
        return self.within(Incident.reported_at)

    def breakdown(self, label: Any, join: tuple[Any, Any] | None = None) -> list[tuple[Any, ...]]:
        """(label, count) of the month's incidents, grouped by ``label`` (an expression)."""
        query = Incident.select(label.alias("label"), fn.COUNT(Incident.id))
        if join is not None:
            query = query.join(join[0], JOIN.LEFT_OUTER, on=join[1])
        return _rows(query.where(self.reported()).group_by(SQL("label")))

    def incident_trend(self) -> tuple[MonthCount, ...]:
        """Complaints reported in each of the last ``TREND_MONTHS`` months, in one scan.

        Each month is counted between its own local midnights (a conditional count per month), so a
        month's bar is the same number as that month's own report.
        """
        months = [
            mf.add_months(self.start.year, self.start.month, back) for back in range(1 - mf.TREND_MONTHS, 1)
        ]
        tz = self.start.tzinfo
        bounds = [mf.month_start(y, m, tz) for y, m in months] + [self.end]
        counts = [
            _count_if((Incident.reported_at >= low) & (Incident.reported_at < high))
            for low, high in pairwise(bounds)
        ]
        row = _one(Incident.select(*counts).where(self.within(Incident.reported_at, bounds[0])))
        return tuple(MonthCount(y, m, int(n)) for (y, m), n in zip(months, row, strict=True))

    def first_responses(self) -> tuple[int, int, int]:
        """(reported, responded in time, late) for the month's incidents.

        Times are fixed-width UTC text, so the deadline is built as text too: the report time to the
        second plus the hours, with the original fraction of a second put back.
        """
        met = fn.COALESCE(
            Case(
                None,
                [(Incident.first_response_at <= Incident.resolved_at, Incident.first_response_at)],
                Incident.resolved_at,
            ),
            Incident.first_response_at,
            Incident.resolved_at,
        )
        deadline = _hours_later(Incident.reported_at, int(self.policy.first_response_hours)).concat(
            fn.substr(Incident.reported_at, 20)
        )
        in_time = met.is_null(False) & (met <= deadline)
        late = (met.is_null(False) & (met > deadline)) | (met.is_null() & (deadline < to_db_time(self.now)))
        row = _one(
            Incident.select(
                fn.COUNT(Incident.id),
                _count_if(in_time),
                _count_if(late),
            ).where(self.reported())
        )
        return int(row[0]), int(row[1]), int(row[2])

    def resolution(self) -> tuple[int, float | None]:
        """(resolved in the month, median hours from report to resolution, one decimal)."""
        resolved = self.within(Incident.resolved_at)
        count = Incident.select().where(resolved).count()
        if count == 0:
            return 0, None
        seconds = _seconds_between(Incident.resolved_at, Incident.reported_at)
        middle = (
            Incident.select(seconds.alias("seconds"))
            .where(resolved)
            .order_by(SQL("seconds"))
            .limit(2 - count % 2)
            .offset((count - 1) // 2)
        )
        values = [float(s) for (s,) in _rows(middle)]
        return count, round(sum(values) / len(values) / 3600, 1)

    # -- callbacks ----------------------------------------------------------------------------

    def callbacks_due(self) -> tuple[int, int]:
        """(callbacks due in the month, done by the end of their due day).

        The due day is the local day; its end is computed in SQL with the month's UTC offset.
        """
        offset = self.start.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        day_end = _local_day_end(Incident.callback_due_at, minutes)
        done = fn.EXISTS(
            Callback.select(SQL("1")).where(
                (Callback.incident == Incident.id)
                & (Callback.reopened == False)  # noqa: E712
                & (Callback.started_at < day_end)
            )
        )
        row = _one(
            Incident.select(fn.COUNT(Incident.id), _count_if(done)).where(
                self.within(Incident.callback_due_at)
            )
        )
        return int(row[0]), int(row[1])

    def satisfaction(self) -> tuple[float | None, int]:
        row = _one(
            Callback.select(fn.AVG(Callback.satisfaction), fn.COUNT(Callback.satisfaction)).where(
                self.within(Callback.started_at) & Callback.satisfaction.is_null(False)
            )
        )
        return (None if row[0] is None else round(float(row[0]), 1)), int(row[1])

    def surveys(self) -> tuple[int, int, float | None]:
        """(surveys recorded in the month, of them with a score, their average score)."""
        row = _one(
            Survey.select(fn.COUNT(Survey.id), fn.COUNT(Survey.score), fn.AVG(Survey.score)).where(
                self.within(Survey.asked_at)
            )
        )
        return int(row[0]), int(row[1]), (None if row[2] is None else round(float(row[2]), 1))

    # -- compensation -------------------------------------------------------------------------

    def commission(self, moment: Any) -> int:
        """Referral commission whose ``moment`` (earned or settled) falls in the month."""
        total = ReferralCommission.select(fn.COALESCE(fn.SUM(ReferralCommission.amount_fen), 0))
        return int(total.where(self.within(moment)).scalar())

    def compensation_issued(self) -> int:
        vouchers = Voucher.select(fn.COALESCE(fn.SUM(Voucher.value_fen), 0)).where(self.vouchers(self.start))
        remedies = self.remedies(self.start).select(fn.COALESCE(fn.SUM(RemedyRecord.amount_fen), 0))
        return int(vouchers.scalar()) + int(remedies.scalar())

    def vouchers(self, since: datetime) -> Any:
        """Compensation vouchers issued from ``since`` to the month's end and not voided."""
        return (
            self.within(Voucher.created_at, since)
            & (Voucher.kind == VoucherKind.COMPENSATION.value)
            & (Voucher.status != VoucherStatus.VOID.value)
        )

    def remedies(self, since: datetime) -> Any:
        """Remedies with an amount and no voucher (the voucher is counted as a voucher)."""
        return RemedyRecord.select().where(
            self.within(RemedyRecord.created_at, since)
            & RemedyRecord.voucher_id.is_null()
            & (RemedyRecord.amount_fen > 0)
        )

    def compensation_redeemed(self) -> int:
        total = (
            VoucherEntry.select(fn.COALESCE(fn.SUM(VoucherEntry.amount_fen), 0))
            .join(Voucher, on=(VoucherEntry.voucher == Voucher.id))
            .where(
                self.within(VoucherEntry.at)
                & (VoucherEntry.kind == EntryKind.REDEEM.value)
                & (Voucher.kind == VoucherKind.COMPENSATION.value)
            )
            .scalar()
        )
        return -int(total)

    def revenue_kept(self) -> tuple[int, int, int]:
        """(customers compensated in the month or the two before, those with a paid visit, their revenue)."""
        since = mf.month_start(
            *mf.add_months(self.start.year, self.start.month, -mf.KEPT_MONTHS_BEFORE), self.start.tzinfo
        )
        by_voucher = Voucher.select(Voucher.customer.alias("customer_id")).where(self.vouchers(since))
        by_remedy = (
            self.remedies(since)
            .select(Incident.customer.alias("customer_id"))
            .join(Incident, on=(RemedyRecord.incident == Incident.id))
        )
        compensated = by_voucher | by_remedy  # UNION: each customer once
        count = compensated.count()
        if count == 0:
            return 0, 0, 0
        row = _one(
            ServiceRecord.select(
                fn.COUNT(fn.DISTINCT(ServiceRecord.customer)),
                fn.COALESCE(fn.SUM(ServiceRecord.amount_fen), 0),
            ).where(
                self.within(ServiceRecord.served_at)
                & (ServiceRecord.amount_fen > 0)
                & ServiceRecord.customer.in_(compensated)
            )
        )
        return count, int(row[0]), int(row[1])

    # -- renewals -----------------------------------------------------------------------------

    def ending(self) -> Any:
        return (Contract.end_on >= self.first_day) & (Contract.end_on <= self.last_day)

    def renewals(self) -> tuple[int, int, int]:
        """(contracts ending in the month, renewed, lost)."""
        renewed_action = fn.EXISTS(
            RenewalAction.select(SQL("1")).where(
                (RenewalAction.contract == Contract.id) & (RenewalAction.kind == RenewalStep.RENEWED.value)
            )
        )
        won = (Contract.status == ContractStatus.RENEWED.value) | renewed_action
        lost = (Contract.status == ContractStatus.LOST.value) & ~won
        row = _one(
            Contract.select(
                fn.COUNT(Contract.id),
                _count_if(won),
                _count_if(lost),
            ).where(self.ending())
        )
        return int(row[0]), int(row[1]), int(row[2])

    def lost_reasons(self) -> tuple[Count, ...]:
        reason = fn.COALESCE(fn.NULLIF(RenewalAction.lost_reason, ""), mf.NO_REASON)
        query = (
            RenewalAction.select(reason.alias("reason"), fn.COUNT(fn.DISTINCT(RenewalAction.contract)))
            .join(Contract, on=(RenewalAction.contract == Contract.id))
            .where(
                self.ending()
                & (RenewalAction.kind == RenewalStep.LOST.value)
                & (Contract.status == ContractStatus.LOST.value)
            )
            .group_by(SQL("reason"))
        )
        return mf.sorted_counts(_rows(query))

    # -- customers at risk --------------------------------------------------------------------

    def at_risk(self) -> tuple[tuple[AtRiskCustomer, ...], int]:
        """Customers to win back, most reasons first (at most ``AT_RISK_LIMIT``), and how many there are."""
        reasons: dict[int, list[tuple[int, str]]] = {}

        def add(customer_id: int, rank: int, text: str) -> None:
            reasons.setdefault(int(customer_id), []).append((rank, text))

        low = (
            Callback.select(Callback.customer, fn.MIN(Callback.satisfaction))
            .where(self.within(Callback.started_at) & (Callback.satisfaction <= mf.LOW_SCORE))
            .group_by(Callback.customer)
        )
        for customer_id, score in _rows(low):
            add(customer_id, 0, f"回访满意度只有 {score} 分")
        low_surveys = (
            Survey.select(Survey.customer, fn.MIN(Survey.score))
            .where(self.within(Survey.asked_at) & (Survey.score <= mf.LOW_SCORE))
            .group_by(Survey.customer)
        )
        for customer_id, score in _rows(low_surveys):
            add(customer_id, 0, f"服务后满意度回访只有 {score} 分")
        director = (
            Incident.select(Incident.customer, _distinct_list(Incident.number))
            .join(Escalation, on=(Escalation.incident == Incident.id))
            .where(self.within(Escalation.at) & (Escalation.level >= int(Level.DIRECTOR)))
            .group_by(Incident.customer)
        )
        for customer_id, numbers in _rows(director):
            listed = "、".join(sorted(str(numbers).split(","))[:3])
            add(customer_id, 1, f"投诉 {listed} 升级到{Level.DIRECTOR.label}")
        repeat = (
            Incident.select(Incident.customer, fn.COUNT(Incident.id))
            .where(self.within(Incident.reported_at, self.end - timedelta(days=mf.REPEAT_DAYS)))
            .group_by(Incident.customer)
            .having(fn.COUNT(Incident.id) >= mf.REPEAT_COMPLAINTS)
        )
        for customer_id, n in _rows(repeat):
            add(customer_id, 2, f"近 {mf.REPEAT_DAYS} 天投诉 {n} 次")
        untouched = ~fn.EXISTS(RenewalAction.select(SQL("1")).where(RenewalAction.contract == Contract.id))
        ending = (
            Contract.select(Contract.customer, fn.MIN(Contract.end_on))
            .where(
                (Contract.end_on > self.last_day)
                & (Contract.end_on <= self.last_day + timedelta(days=mf.CONTRACT_DAYS))
                & (Contract.status == ContractStatus.ACTIVE.value)
                & untouched
            )
            .group_by(Contract.customer)
        )
        for customer_id, end_on in _rows(ending):
            day = end_on if isinstance(end_on, date) else date.fromisoformat(str(end_on))
            add(customer_id, 3, f"合同 {day.month} 月 {day.day} 日到期，还没有联系续约")
        shown = mf.rank_at_risk(reasons)
        labels = {
            int(cid): mf.customer_label(address_as, name)
            for cid, address_as, name in _rows(
                Customer.select(Customer.id, Customer.address_as, Customer.name).where(
                    Customer.id.in_([cid for cid, _ in shown])
                )
            )
        }
        rows = tuple(AtRiskCustomer(cid, labels.get(cid, f"客户 #{cid}"), texts) for cid, texts in shown)
        return rows, len(reasons)
