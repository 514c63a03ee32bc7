"""The 工作台: what the front desk has to do today, read in a handful of indexed queries.

Five lists: day-3 callbacks due today or overdue, open complaints near or past a deadline, contracts
ending within a week, vouchers about to expire, and new complaints. Plain data, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from ..domain.customers import DEFAULT_WINDOW, customer_label
from ..domain.deadlines import (
    Level,
    allowed_call_ranges,
    deadline_state,
    format_countdown,
    next_deadline,
)
from ..domain.incidents import Category, Severity, Status
from ..storage.fields import from_db_time, to_db_time
from ..storage.models import Customer, db
from .context import ServiceContext
from .contract_views import RenewalRow
from .contracts import ContractService
from .incident_rules import IncidentRulesService
from .voucher_views import VoucherFilter, VoucherRow, list_vouchers

RENEWAL_DAYS = 7
"""Contracts ending within this many days are on the workbench."""
LIST_LIMIT = 50
"""No list on the workbench grows past this: a list this long reads "50+", and the section behind it
shows everything."""


@dataclass(frozen=True)
class CallbackDue:
    """A resolved complaint whose day-3 callback is due today or overdue."""

    incident_id: int
    number: str
    customer_id: int
    customer_label: str
    due_at: datetime
    overdue: bool
    call_windows: str
    """When the customer may be called today, meals left out: ``09:00–11:30、13:30–17:30、19:30–20:00``."""


@dataclass(frozen=True)
class DeadlineDue:
    """An open complaint whose next deadline has entered its warning time or passed."""

    incident_id: int
    number: str
    customer_id: int
    customer_label: str
    deadline_label: str
    due: datetime
    state: str  # "warning" or "overdue"
    countdown: str
    level_label: str


@dataclass(frozen=True)
class NewIncident:
    """A complaint reported today, or one still waiting for its first response."""

    incident_id: int
    number: str
    customer_id: int
    customer_label: str
    category: Category
    severity_label: str
    reported_at: datetime
    responded: bool


@dataclass(frozen=True)
class Workbench:
    """Everything on the workbench, as of ``now``."""

    now: datetime
    today: date
    limit: int = LIST_LIMIT
    """No list is longer; a list this long may have more behind it."""
    callbacks: list[CallbackDue] = field(default_factory=list)
    deadlines: list[DeadlineDue] = field(default_factory=list)
    renewals: list[RenewalRow] = field(default_factory=list)
    vouchers: list[VoucherRow] = field(default_factory=list)
    new_incidents: list[NewIncident] = field(default_factory=list)


def call_windows_text(contact_start: time, contact_end: time) -> str:
    """The contact window without meal times, ``、``-separated; empty when nothing is left."""
    return "、".join(
        f"{start:%H:%M}–{end:%H:%M}" for start, end in allowed_call_ranges(contact_start, contact_end)
    )


_INCIDENT_COLUMNS = "i.id, i.number, i.customer_id, c.address_as, c.name"


class WorkbenchService:
    def __init__(
        self, context: ServiceContext, incident_rules: IncidentRulesService, contracts: ContractService
    ) -> None:
        self._ctx = context
        self._incident_rules = incident_rules
        self._contracts = contracts

    def today(self) -> Workbench:
        """The five lists as of the context's clock (the local date is the clock's own)."""
        now = self._ctx.now()
        today = now.date()
        start_of_day = datetime.combine(today, time(), tzinfo=now.tzinfo)
        with db.atomic():  # one read snapshot for all five lists
            return Workbench(
                now=now,
                today=today,
                callbacks=self._callbacks(now, start_of_day + timedelta(days=1)),
                deadlines=self._deadlines(now),
                # This week's: ending in the next 7 days, or ended in the last 7 with nothing recorded
                # (older ones are in the 续约 section; here they would crowd out this week's).
                renewals=self._contracts.renewals_due(
                    RENEWAL_DAYS, limit=LIST_LIMIT, ended_within=RENEWAL_DAYS
                ),
                vouchers=self._vouchers(today),
                new_incidents=self._new_incidents(start_of_day, now),
            )

    # -- the lists -----------------------------------------------------------------------------

    def _callbacks(self, now: datetime, end_of_day: datetime) -> list[CallbackDue]:
        """Resolved, callback due before tomorrow, and no callback made since the resolution."""
        rows = db.execute_sql(
            f"SELECT {_INCIDENT_COLUMNS}, i.callback_due_at, c.contact_start, c.contact_end"
            " FROM incident i JOIN customer c ON c.id = i.customer_id"
            " WHERE i.status = ? AND i.callback_due_at IS NOT NULL AND i.callback_due_at < ?"
            " AND NOT EXISTS (SELECT 1 FROM callback b"
            "   WHERE b.incident_id = i.id AND b.started_at >= i.resolved_at)"
            " ORDER BY i.callback_due_at, i.id LIMIT ?",
            [Status.RESOLVED.value, to_db_time(end_of_day), LIST_LIMIT],
        ).fetchall()
        clock_time = Customer.contact_start
        result = []
        for row in rows:
            due = from_db_time(row[5]).astimezone(now.tzinfo)
            start = clock_time.python_value(row[6]) or DEFAULT_WINDOW[0]
            end = clock_time.python_value(row[7]) or DEFAULT_WINDOW[1]
            # A window saved before meal times were checked may have no allowed minute: the default then,
            # as the callback itself was scheduled.
            windows = call_windows_text(start, end) or call_windows_text(*DEFAULT_WINDOW)
            result.append(
                CallbackDue(
                    incident_id=row[0],
                    number=row[1],
                    customer_id=row[2],
                    customer_label=customer_label(row[3], row[4]),
                    due_at=due,
                    overdue=due < now,
                    call_windows=windows,
                )
            )
        return result

    def _deadlines(self, now: datetime) -> list[DeadlineDue]:
        """Open complaints whose next deadline warns or is overdue; narrowed in SQL by the report time."""
        policy = self._incident_rules.policy()
        # No deadline warns before first_response_hours × warning_fraction after the report.
        earliest_warning = timedelta(hours=policy.first_response_hours) * policy.warning_fraction
        rows = db.execute_sql(
            f"SELECT {_INCIDENT_COLUMNS}, i.reported_at, i.first_response_at, i.resolved_at,"
            " i.escalation_level FROM incident i JOIN customer c ON c.id = i.customer_id"
            " WHERE i.status = ? AND i.reported_at <= ?",
            [Status.OPEN.value, to_db_time(now - earliest_warning)],
        ).fetchall()
        result = []
        for row in rows:
            reported = from_db_time(row[5]).astimezone(now.tzinfo)
            deadline = next_deadline(reported, now, _time_or_none(row[6]), _time_or_none(row[7]), policy)
            if deadline is None:
                continue
            state = deadline_state(deadline, now)
            if state == "ok":
                continue
            result.append(
                DeadlineDue(
                    incident_id=row[0],
                    number=row[1],
                    customer_id=row[2],
                    customer_label=customer_label(row[3], row[4]),
                    deadline_label=deadline.label,
                    due=deadline.due,
                    state=state,
                    countdown=format_countdown(deadline.due, now),
                    level_label=Level(min(max(row[8], Level.CUSTOMER_SERVICE), Level.DIRECTOR)).label,
                )
            )
        result.sort(key=lambda d: (d.due, d.incident_id))
        return result[:LIST_LIMIT]

    def _vouchers(self, today: date) -> list[VoucherRow]:
        """Active vouchers with something left whose last day is within the week (the voucher page's
        "expiring" view), soonest first."""
        rows = list_vouchers(VoucherFilter(view="expiring"), LIST_LIMIT, today)
        kept = [row for row in rows if row.balance_fen > 0]
        kept.sort(key=lambda row: (row.valid_until, row.id))
        return kept

    def _new_incidents(self, start_of_day: datetime, now: datetime) -> list[NewIncident]:
        """Reported today, or open and not yet answered; newest first (none stamped after ``now``)."""
        rows = db.execute_sql(
            f"SELECT {_INCIDENT_COLUMNS}, i.category, i.severity, i.reported_at, i.first_response_at"
            " FROM incident i JOIN customer c ON c.id = i.customer_id"
            " WHERE i.reported_at >= ? AND i.reported_at <= ?"
            " UNION "
            f"SELECT {_INCIDENT_COLUMNS}, i.category, i.severity, i.reported_at, i.first_response_at"
            " FROM incident i JOIN customer c ON c.id = i.customer_id"
            " WHERE i.status = ? AND i.first_response_at IS NULL AND i.reported_at <= ?"
            " ORDER BY 8 DESC, 1 DESC LIMIT ?",
            [to_db_time(start_of_day), to_db_time(now), Status.OPEN.value, to_db_time(now), LIST_LIMIT],
        ).fetchall()
        return [
            NewIncident(
                incident_id=row[0],
                number=row[1],
                customer_id=row[2],
                customer_label=customer_label(row[3], row[4]),
                category=Category(row[5]),
                severity_label=_severity_label(row[6]),
                reported_at=from_db_time(row[7]).astimezone(start_of_day.tzinfo),
                responded=row[8] is not None,
            )
            for row in rows
        ]


def _time_or_none(value: Any) -> datetime | None:
    return None if value is None else from_db_time(value)


def _severity_label(value: int) -> str:
    try:
        return Severity(value).label
    except ValueError:
        return str(value)
