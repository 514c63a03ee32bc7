"""The customer's lifecycle (``domain.lifecycle``) read from the books: one customer's card, and the
工作台's "需要关心的客户".

Nothing is stored: a customer's ``CustomerHistory`` is read in a handful of indexed queries (visits,
contract, complaints, callbacks, compensation) and assessed with the owner's thresholds (settings row
``lifecycle.rules``).

The 工作台's list cannot assess every customer (100,000 of them): one query on the list index of
最近服务 finds the customers last served between 14 days and ``lost_days`` ago and how often they came in
the year and a half before, and ranks them by how far past their own rhythm they are; the first
``CARE_CANDIDATES`` of them, and every customer with an open complaint or a contract about to run out
unrenewed, are then assessed in full, and the highest risks are shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.contracts import ContractStatus
from ..domain.errors import NotFoundError, ValidationError
from ..domain.incidents import Status
from ..domain.lifecycle import (
    MIN_OVERDUE_DAYS,
    Assessment,
    CustomerHistory,
    LifecycleRules,
    Stage,
    assess,
)
from ..domain.staff import Role
from ..storage.fields import from_db_time, to_db_time
from ..storage.models import Customer, db
from .context import Authorization, ServiceContext
from .settings import SettingsService

RULES_KEY = "lifecycle.rules"
CARE_CANDIDATES = 60
"""How many of the customers furthest past their rhythm are assessed in full for the 工作台."""
HISTORY_DAYS = 730
"""Visits older than this do not change a stage, a risk or a value."""


@dataclass(frozen=True)
class CareItem:
    """One customer the 工作台 asks the desk to care for today."""

    customer_id: int
    label: str
    """李太太（李秀英）."""
    phone: str
    assessment: Assessment


class LifecycleService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._ctx = context
        self._settings = settings

    # -- the owner's thresholds ----------------------------------------------------------------

    def rules(self) -> LifecycleRules:
        stored = self._settings.get_value(RULES_KEY)
        if not isinstance(stored, dict):
            return LifecycleRules()
        known = {k: v for k, v in stored.items() if k in LifecycleRules.__dataclass_fields__}
        try:
            return LifecycleRules(**known).validated()
        except (TypeError, ValidationError):
            return LifecycleRules()  # a damaged row: the defaults, until the owner saves again

    def save_rules(self, rules: LifecycleRules, auth: Authorization | None) -> LifecycleRules:
        """Store the thresholds (the owner only), with what changed in the audit row."""
        clean = rules.validated()
        with self._ctx.change("修改客户关怀规则", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改客户关怀规则")
            assert auth is not None
            before = asdict(self.rules())
            after = asdict(clean)
            self._settings.put(RULES_KEY, after)
            entry.detail = {k: f"{before[k]} → {v}" for k, v in after.items() if before[k] != v}
            entry.authorized_by(auth)
        return clean

    # -- one customer --------------------------------------------------------------------------

    def assess(self, customer_id: int) -> Assessment:
        """The customer's stage, risk and value today, with their reasons."""
        return assess(self.history(customer_id), self.rules(), self._ctx.now().date())

    def history(self, customer_id: int) -> CustomerHistory:
        """What the books say about the customer, as of now."""
        with db.atomic():
            return self._history(customer_id, self._ctx.now())

    # -- the 工作台 -----------------------------------------------------------------------------

    def needing_care(self, limit: int = 10) -> list[CareItem]:
        """Today's customers most at risk of leaving (流失风险, not yet 已流失), highest risk first."""
        now = self._ctx.now()
        today = now.date()
        rules = self.rules()
        with db.atomic():  # one snapshot
            ids = self._care_candidates(now, rules)
            items = []
            for customer_id, label, phone in _labels(ids):
                found = assess(self._history(customer_id, now), rules, today)
                if found.stage is Stage.AT_RISK:
                    items.append(CareItem(customer_id, label, phone, found))
        # Equal risks: the one away longer first (the closer to being lost).
        items.sort(key=lambda i: (-i.assessment.risk, -(i.assessment.value.recency_days or 0), i.customer_id))
        return items[:limit]

    def _care_candidates(self, now: datetime, rules: LifecycleRules) -> list[int]:
        since = to_db_time(now - timedelta(days=HISTORY_DAYS * 3 // 4))
        lapsed = db.execute_sql(
            "SELECT c.id, c.last_service_at,"
            " (SELECT count(*) FROM service_record s WHERE s.customer_id = c.id AND s.served_at > ?)"
            " FROM customer c INDEXED BY customer_kept_by_last_service"
            " WHERE c.erased_at IS NULL AND c.last_service_at BETWEEN ? AND ?",
            [
                since,
                to_db_time(now - timedelta(days=rules.lost_days)),
                to_db_time(now - timedelta(days=MIN_OVERDUE_DAYS)),
            ],
        ).fetchall()
        window = HISTORY_DAYS * 3 // 4

        def past_rhythm(row: tuple[Any, ...]) -> tuple[float, int]:
            days = (now - from_db_time(row[1])).days
            per_visit = window / max(int(row[2]), 1)  # a rough usual interval: the domain has the exact one
            return (-days / per_visit, days)

        lapsed.sort(key=past_rhythm)
        ids = [int(r[0]) for r in lapsed[:CARE_CANDIDATES]]
        ids += [
            int(r[0])
            for r in db.execute_sql(
                "SELECT DISTINCT i.customer_id FROM incident i JOIN customer c ON c.id = i.customer_id"
                " WHERE i.status = ? AND c.erased_at IS NULL LIMIT 200",
                [Status.OPEN.value],
            ).fetchall()
        ]
        ids += [
            int(r[0])
            for r in db.execute_sql(
                "SELECT DISTINCT k.customer_id FROM contract k JOIN customer c ON c.id = k.customer_id"
                " WHERE k.status = ? AND k.end_on BETWEEN ? AND ? AND c.erased_at IS NULL LIMIT 200",
                [
                    ContractStatus.ACTIVE.value,
                    (now.date() - timedelta(days=90)).isoformat(),
                    (now.date() + timedelta(days=14)).isoformat(),
                ],
            ).fetchall()
        ]
        return list(dict.fromkeys(ids))

    # -- reading the books ---------------------------------------------------------------------

    def _history(self, customer_id: int, now: datetime) -> CustomerHistory:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None or customer.erased_at is not None:
            raise NotFoundError("没有找到这位客户，可能已被删除。")
        year_ago = now - timedelta(days=365)
        quarter_ago = to_db_time(now - timedelta(days=90))
        visits: list[date] = []
        paid = 0
        for served_at, amount in db.execute_sql(
            "SELECT served_at, amount_fen FROM service_record WHERE customer_id = ? AND served_at > ?"
            " ORDER BY served_at",
            [customer_id, to_db_time(now - timedelta(days=HISTORY_DAYS))],
        ).fetchall():
            moment = from_db_time(served_at).astimezone(now.tzinfo)
            visits.append(moment.date())
            if moment > year_ago:
                paid += int(amount or 0)
        contract = db.execute_sql(
            "SELECT k.id, k.start_on, k.end_on, k.status,"
            " EXISTS (SELECT 1 FROM renewal_action a WHERE a.contract_id = k.id)"
            " FROM contract k WHERE k.customer_id = ? ORDER BY k.end_on DESC, k.id DESC LIMIT 1",
            [customer_id],
        ).fetchone()
        open_count, recent_count = db.execute_sql(
            "SELECT coalesce(sum(status = ?), 0), coalesce(sum(reported_at > ?), 0)"
            " FROM incident WHERE customer_id = ?",
            [Status.OPEN.value, quarter_ago, customer_id],
        ).fetchone()
        # The day-3 callbacks' and the satisfaction surveys' scores alike (each kept only with consent).
        lowest = db.execute_sql(
            "SELECT min(score) FROM ("
            "SELECT min(satisfaction) AS score FROM callback WHERE customer_id = ? AND started_at > ?"
            " UNION ALL SELECT min(score) FROM survey WHERE customer_id = ? AND asked_at > ?)",
            [customer_id, quarter_ago, customer_id, quarter_ago],
        ).fetchone()[0]
        compensations = db.execute_sql(
            "SELECT count(*) FROM remedy r JOIN incident i ON i.id = r.incident_id"
            " WHERE i.customer_id = ? AND r.created_at > ?",
            [customer_id, to_db_time(year_ago)],
        ).fetchone()[0]
        start = end = None
        renewed = False
        if contract is not None:
            start, end = _as_date(contract[1]), _as_date(contract[2])
            renewed = bool(contract[4]) or contract[3] != ContractStatus.ACTIVE.value
        created = customer.created_at.astimezone(now.tzinfo).date()
        return CustomerHistory(
            registered_on=created,
            visits=tuple(sorted(visits)),
            paid_fen_12m=paid,
            contract_start=start,
            contract_end=end,
            contract_renewed=renewed,
            open_complaints=int(open_count),
            complaints_90d=int(recent_count),
            lowest_score_90d=int(lowest) if lowest is not None else None,
            compensations_12m=int(compensations),
        )


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _labels(ids: list[int]) -> list[tuple[int, str, str]]:
    """(id, 称呼（姓名）, first phone) of the customers, in the order of ``ids``."""
    if not ids:
        return []
    found = {
        int(r[0]): r
        for r in db.execute_sql(
            f"SELECT id, address_as, name, phones FROM customer WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
    }
    out = []
    for customer_id in ids:
        row = found.get(customer_id)
        if row is None:
            continue
        address_as, name, phones = row[1], row[2], row[3] or ""
        label = f"{address_as}（{name}）" if name and name != address_as else address_as
        out.append((customer_id, label, phones.split(",")[0]))
    return out
