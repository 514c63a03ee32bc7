"""Incident lists: open, overdue, by escalation level, category or worker; sorted in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from peewee import JOIN, Case

from ..domain.deadlines import Level, format_countdown, next_deadline
from ..domain.incidents import Category, Severity, Status, Step
from ..storage.models import Customer, Incident, Staff, Worker
from .context import ServiceContext
from .incident_rules import IncidentRulesService
from .incident_views import IncidentRow

VIEWS = {
    "open": "处理中",
    "overdue": "已超期",
    "resolved": "待回访/已解决",
    "closed": "已关闭",
    "all": "全部",
}


@dataclass(frozen=True)
class IncidentFilter:
    view: str = "open"
    level: int | None = None
    category: str | None = None
    worker_id: int | None = None
    customer_id: int | None = None
    sort: str = "reported_at"
    descending: bool = True


_OWNER = Staff.alias("owner")


def _in_enum_order(column: Any, members: Any) -> Any:
    """A stored id ranked as its enum lists the members (the choice lists' order), not alphabetically."""
    return Case(column, [(m.value, rank) for rank, m in enumerate(members)], len(members))


_SORT = {
    "owner": _OWNER.name,
    "number": Incident.number,
    "reported_at": Incident.reported_at,
    "customer": Customer.name_sort,
    "category": _in_enum_order(Incident.category, list(Category)),
    "severity": Incident.severity,
    "status": _in_enum_order(Incident.status, list(Status)),
    "level": Incident.escalation_level,
    "worker": Worker.name,
    "step": Incident.current_step,
}


class IncidentListService:
    def __init__(self, context: ServiceContext, rules: IncidentRulesService) -> None:
        self._ctx = context
        self._rules = rules

    def _query(self, flt: IncidentFilter) -> Any:
        owner = _OWNER
        query = (
            Incident.select(
                Incident,
                Customer.address_as,
                Worker.name.alias("worker_name"),
                owner.name.alias("owner_name"),
            )
            .join(Customer, on=(Incident.customer == Customer.id))
            .switch(Incident)
            .join(Worker, JOIN.LEFT_OUTER, on=(Incident.worker == Worker.id))
            .switch(Incident)
            .join(owner, JOIN.LEFT_OUTER, on=(Incident.owner == owner.id))
        )
        if flt.view == "open":
            query = query.where(Incident.status == Status.OPEN.value)
        elif flt.view == "resolved":
            query = query.where(Incident.status == Status.RESOLVED.value)
        elif flt.view == "closed":
            query = query.where(Incident.status == Status.CLOSED.value)
        elif flt.view == "overdue":
            now = self._ctx.now()
            policy = self._rules.policy()
            first_cut = now - timedelta(hours=policy.first_response_hours)
            resolve_cut = now - timedelta(hours=policy.resolution_hours)
            query = query.where(
                (Incident.status == Status.OPEN.value)
                & (
                    (Incident.first_response_at.is_null() & (Incident.reported_at < first_cut))
                    | (Incident.resolved_at.is_null() & (Incident.reported_at < resolve_cut))
                )
            )
        if flt.level is not None:
            query = query.where(Incident.escalation_level == flt.level)
        if flt.category is not None:
            query = query.where(Incident.category == flt.category)
        if flt.worker_id is not None:
            query = query.where(Incident.worker == flt.worker_id)
        if flt.customer_id is not None:
            query = query.where(Incident.customer == flt.customer_id)
        return query

    def count(self, flt: IncidentFilter) -> int:
        return int(self._query(flt).count())

    def rows(self, flt: IncidentFilter, limit: int = 1000) -> list[IncidentRow]:
        """The incidents of ``flt``, sorted by the database; at most ``limit``."""
        column = _SORT.get(flt.sort, Incident.reported_at)
        order = column.desc() if flt.descending else column.asc()
        tiebreak = Incident.id.desc() if flt.descending else Incident.id.asc()
        now = self._ctx.now()
        policy = self._rules.policy()
        rows: list[IncidentRow] = []
        for incident in self._query(flt).order_by(order, tiebreak).limit(limit).objects():
            status = Status(incident.status)
            deadline = (
                next_deadline(
                    incident.reported_at, now, incident.first_response_at, incident.resolved_at, policy
                )
                if status == Status.OPEN
                else None
            )
            if deadline is not None:
                due, label = deadline.due, f"{deadline.label}：{format_countdown(deadline.due, now)}"
            elif status == Status.RESOLVED and incident.callback_due_at is not None:
                due, label = incident.callback_due_at, f"回访：{incident.callback_due_at:%m-%d %H:%M}"
            else:
                due, label = None, ""
            rows.append(
                IncidentRow(
                    id=incident.id,
                    number=incident.number,
                    customer_label=incident.address_as,
                    category=Category(incident.category),
                    severity=Severity(incident.severity),
                    status=status,
                    current_step=Step(incident.current_step)
                    if incident.current_step <= Step.DEEPEN
                    else None,
                    level=Level(incident.escalation_level),
                    owner_name=getattr(incident, "owner_name", "") or "",
                    worker_name=getattr(incident, "worker_name", "") or "",
                    reported_at=incident.reported_at,
                    next_due=due,
                    next_due_label=label,
                )
            )
        return rows
