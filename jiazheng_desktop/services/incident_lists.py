"""Incident lists: open, overdue, by escalation level, category or worker; sorted and paged in SQL.

The page reads them a keyset page at a time (``listing``): every sort column is ordered with the
id as its tiebreaker, so each row has a unique key and the next page starts after the last one's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..domain.deadlines import Level, format_countdown, next_deadline
from ..domain.incidents import Category, Severity, Status, Step
from ..domain.paging import Order
from ..storage.fields import from_db_time, to_db_time
from ..storage.models import db
from .context import ServiceContext
from .incident_rules import IncidentRulesService
from .incident_views import IncidentRow
from .paging import KeysetList, sql_listing

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


def _in_enum_order(column: str, members: Any) -> str:
    """A stored id ranked as its enum lists the members (the choice lists' order), not alphabetically."""
    ranks = " ".join(f"WHEN '{m.value}' THEN {rank}" for rank, m in enumerate(members))
    return f"CASE {column} {ranks} ELSE {len(members)} END"


_SORT = {
    "owner": "o.name",
    "number": "i.number",
    "reported_at": "i.reported_at",
    "customer": "c.name_sort",
    "category": _in_enum_order("i.category", list(Category)),
    "severity": "i.severity",
    "status": _in_enum_order("i.status", list(Status)),
    "level": "i.escalation_level",
    "worker": "w.name",
    "step": "i.current_step",
}
"""Each sortable column's SQL; the id follows it in the same direction (indexes: migration 11)."""
_NULLABLE = frozenset({"owner", "worker"})
"""Sorts over a column that may be empty (no owner, no worker): read as two keyset runs."""

_COLUMNS = (
    "i.id, i.number, c.address_as, i.category, i.severity, i.status, i.current_step,"
    " i.escalation_level, o.name, w.name, i.reported_at, i.first_response_at, i.resolved_at,"
    " i.callback_due_at"
)
_FROM = (
    "FROM incident i JOIN customer c ON c.id = i.customer_id"
    " LEFT JOIN worker w ON w.id = i.worker_id LEFT JOIN staff o ON o.id = i.owner_id"
)


def _time(text: str | None) -> datetime | None:
    return from_db_time(text) if text else None


class IncidentListService:
    def __init__(self, context: ServiceContext, rules: IncidentRulesService) -> None:
        self._ctx = context
        self._rules = rules

    def _where(self, flt: IncidentFilter) -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        status = {"open": Status.OPEN, "resolved": Status.RESOLVED, "closed": Status.CLOSED}.get(flt.view)
        if status is not None:
            conditions.append("i.status = ?")
            params.append(status.value)
        elif flt.view == "overdue":
            now = self._ctx.now()
            policy = self._rules.policy()
            first_cut = now - timedelta(hours=policy.first_response_hours)
            resolve_cut = now - timedelta(hours=policy.resolution_hours)
            conditions.append(
                "i.status = ? AND ((i.first_response_at IS NULL AND i.reported_at < ?)"
                " OR (i.resolved_at IS NULL AND i.reported_at < ?))"
            )
            params += [Status.OPEN.value, to_db_time(first_cut), to_db_time(resolve_cut)]
        for condition, value in (
            ("i.escalation_level = ?", flt.level),
            ("i.category = ?", flt.category),
            ("i.worker_id = ?", flt.worker_id),
            ("i.customer_id = ?", flt.customer_id),
        ):
            if value is not None:
                conditions.append(condition)
                params.append(value)
        return f"{_FROM} WHERE " + (" AND ".join(conditions) or "1 = 1"), params

    def count(self, flt: IncidentFilter) -> int:
        """How many incidents ``flt`` lists."""
        return self.listing(flt).count()

    def listing(self, flt: IncidentFilter) -> KeysetList[IncidentRow]:
        """The incidents of ``flt`` in its order, read a keyset page at a time (after or before a row's key).

        An empty owner or worker sorts as SQLite puts NULL: first going up, last going down.
        """
        key = flt.sort if flt.sort in _SORT else "reported_at"
        nullable = key in _NULLABLE
        source, params = self._where(flt)
        now = self._ctx.now()
        policy = self._rules.policy()

        def make_row(r: tuple[Any, ...]) -> IncidentRow:
            status = Status(r[5])
            reported_at = from_db_time(r[10])
            callback_due_at = _time(r[13])
            deadline = (
                next_deadline(reported_at, now, _time(r[11]), _time(r[12]), policy)
                if status == Status.OPEN
                else None
            )
            if deadline is not None:
                due, label = deadline.due, f"{deadline.label}：{format_countdown(deadline.due, now)}"
            elif status == Status.RESOLVED and callback_due_at is not None:
                due, label = callback_due_at, f"回访：{callback_due_at:%m-%d %H:%M}"
            else:
                due, label = None, ""
            return IncidentRow(
                id=r[0],
                number=r[1],
                customer_label=r[2],
                category=Category(r[3]),
                severity=Severity(r[4]),
                status=status,
                current_step=Step(r[6]) if r[6] <= Step.DEEPEN else None,
                level=Level(r[7]),
                owner_name=r[8] or "",
                worker_name=r[9] or "",
                reported_at=reported_at,
                next_due=due,
                next_due_label=label,
            )

        return sql_listing(
            Order(flt.descending, nullable, nulls_last=nullable and flt.descending),
            execute=db.execute_sql,
            columns=_COLUMNS,
            source=source,
            params=params,
            sort=_SORT[key],
            id_column="i.id",
            make_row=make_row,
        )

    def rows(self, flt: IncidentFilter, limit: int = 1000) -> list[IncidentRow]:
        """The first ``limit`` incidents of ``flt``, in its order (short lists such as one customer's)."""
        return self.listing(flt).after(None, limit).rows

    def all_rows(self, flt: IncidentFilter, batch: int = 1000) -> Iterator[IncidentRow]:
        """Every incident of ``flt`` in its order, ``batch`` at a time by keyset (for an export)."""
        return self.listing(flt).walk(batch)
