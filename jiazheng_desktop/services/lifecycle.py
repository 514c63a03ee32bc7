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

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.contracts import ContractStatus
from ..domain.customers import customer_label
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
from .changes import ChangeKind, Changes
from .context import Authorization, ServiceContext
from .settings import SettingsService

RULES_KEY = "lifecycle.rules"
CARE_CANDIDATES = 60
"""How many of the customers furthest past their rhythm are assessed in full for the 工作台."""
HISTORY_DAYS = 730
"""Visits older than this do not change a stage, a risk or a value."""
REFRESH_BATCH = 2000
"""Rows written per transaction by ``refresh_all``."""


@dataclass(frozen=True)
class StageMoves:
    """Customers by stage at the end of a period, and how many changed stage during it."""

    at_end: dict[Stage, int]
    at_start: dict[Stage, int]
    moves: dict[tuple[Stage, Stage], int]
    """(from, to) → how many customers went from one stage to the other (only real changes)."""

    @property
    def moved(self) -> int:
        return sum(self.moves.values())


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
        with self._ctx.change("修改客户关怀规则", "setting") as entry:  # the list follows at its next refresh
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

    # -- every customer at once ----------------------------------------------------------------

    def stage_moves(self, start: datetime, end: datetime) -> StageMoves:
        """Every customer's stage as the books stood at ``start`` and at ``end`` (a month of the report).

        One pass: the visits, contracts, complaints, callbacks and compensation of the two years
        before ``end`` are read in five queries, and each customer's history is cut at each moment.
        The contract's state is taken from its dates (whether it was renewed by then: a renewal step
        or a following contract recorded by then); a customer registered after ``start`` is counted
        only at the end. Erased customers are counted too: their books stay, and a month's figures
        do not change when someone is erased later.
        """
        rules = self.rules()
        with db.atomic():
            books = _Books.read(start - timedelta(days=HISTORY_DAYS), end)
        at_start = books.stages(start, rules)
        at_end = books.stages(end, rules)
        moves: dict[tuple[Stage, Stage], int] = {}
        for customer_id, stage in at_end.items():
            before = at_start.get(customer_id)
            if before is not None and before is not stage:
                moves[(before, stage)] = moves.get((before, stage), 0) + 1
        return StageMoves(_count(at_end), _count(at_start), moves)

    # -- the list's columns (migration 15) -----------------------------------------------------

    def refresh_all(self, progress: Callable[[int, str], None] | None = None) -> int:
        """Derive every customer's stage, risk and value tier again and keep them on their rows (for
        the customer list's columns and filters); returns how many rows changed.

        Run by the window at start-up and every hour on a worker, and after the owner changes the
        thresholds: time passing alone moves customers (days without a visit). Written in batches of
        ``REFRESH_BATCH`` rows, each its own short transaction, so a save at the desk never waits long;
        derived data, so no audit row.
        """
        report = progress or (lambda _p, _s: None)
        now = self._ctx.now()
        rules = self.rules()
        report(5, "正在读取服务记录…")
        with db.atomic():
            books = _Books.read(now - timedelta(days=HISTORY_DAYS), now)
        report(40, "正在评估客户…")
        found = books.assessments(now, rules)
        changed = [
            (a.stage.value, a.risk, a.value.tier, customer_id)
            for customer_id, a in found.items()
            if customer_id in books.stored
            and books.stored[customer_id] != (a.stage.value, a.risk, a.value.tier)
        ]
        stamp = to_db_time(now)
        for start in range(0, len(changed), REFRESH_BATCH):
            with db.atomic():
                for stage, risk, tier, customer_id in changed[start : start + REFRESH_BATCH]:
                    db.execute_sql(
                        "UPDATE customer SET lifecycle_stage = ?, churn_risk = ?, value_tier = ?, lifecycle_at = ?"
                        " WHERE id = ? AND erased_at IS NULL",
                        [stage, risk, tier, stamp, customer_id],
                    )
            report(40 + 60 * min(len(changed), start + REFRESH_BATCH) // max(len(changed), 1), "正在保存…")
        if changed:
            self._ctx.announce(Changes.of(ChangeKind.CUSTOMER))  # the lists that show them read again
        report(100, "完成")
        return len(changed)

    def refresh(self, customer_id: int) -> None:
        """Inside the caller's change: one customer's stage, risk and value tier on their row again."""
        found = assess(self._history(customer_id, self._ctx.now()), self.rules(), self._ctx.now().date())
        Customer.update(
            lifecycle_stage=found.stage.value,
            churn_risk=found.risk,
            value_tier=found.value.tier,
            lifecycle_at=self._ctx.now(),
        ).where(Customer.id == customer_id).execute()

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
            "SELECT coalesce(sum(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),"
            " coalesce(sum(CASE WHEN reported_at > ? THEN 1 ELSE 0 END), 0)"
            " FROM incident WHERE customer_id = ?",
            [Status.OPEN.value, quarter_ago, customer_id],
        ).fetchone()
        # The day-3 callbacks' and the satisfaction surveys' scores alike (each kept only with consent).
        lowest = db.execute_sql(
            "SELECT min(score) FROM ("
            "SELECT min(satisfaction) AS score FROM callback WHERE customer_id = ? AND started_at > ?"
            " UNION ALL SELECT min(score) FROM survey WHERE customer_id = ? AND asked_at > ?) AS scores",
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
        phones = row[3] or ""
        out.append((customer_id, customer_label(row[1], row[2]), phones.split(",")[0]))
    return out


def _count(stages: dict[int, Stage]) -> dict[Stage, int]:
    counts = dict.fromkeys(Stage, 0)
    for stage in stages.values():
        counts[stage] += 1
    return counts


@dataclass
class _Books:
    """What ``stage_moves`` reads once: every customer's facts from ``since`` to ``until``."""

    registered: dict[int, datetime]
    stored: dict[int, tuple[str, int, str]]
    """customer → the stage, risk and value tier kept on their row (migration 15); erased ones left out."""
    visits: dict[int, list[tuple[datetime, int]]]
    contracts: dict[int, list[tuple[date, date, datetime, datetime | None]]]
    """customer → (start, end, created, renewed at) of each contract."""
    incidents: dict[int, list[tuple[datetime, datetime | None]]]
    """customer → (reported, resolved) of each complaint."""
    scores: dict[int, list[tuple[datetime, int]]]
    remedies: dict[int, list[datetime]]

    @classmethod
    def read(cls, since: datetime, until: datetime) -> _Books:
        lo, hi = to_db_time(since), to_db_time(until)
        registered: dict[int, datetime] = {}
        stored: dict[int, tuple[str, int, str]] = {}
        # Erased customers stay in the books (their visits, complaints): counted by stage like the others.
        for i, at, stage, risk, tier, erased in db.execute_sql(
            "SELECT id, created_at, lifecycle_stage, churn_risk, value_tier, erased_at IS NOT NULL FROM customer"
            " WHERE created_at <= ?",
            [hi],
        ).fetchall():
            registered[int(i)] = from_db_time(at)
            if not erased:
                stored[int(i)] = (stage, int(risk), tier)
        visits: dict[int, list[tuple[datetime, int]]] = {}
        for customer_id, served_at, amount in db.execute_sql(
            "SELECT customer_id, served_at, amount_fen FROM service_record WHERE served_at > ? AND served_at <= ?"
            " ORDER BY customer_id, served_at",
            [lo, hi],
        ).fetchall():
            visits.setdefault(int(customer_id), []).append((from_db_time(served_at), int(amount or 0)))
        contracts: dict[int, list[tuple[date, date, datetime, datetime | None]]] = {}
        for customer_id, start_on, end_on, created, renewed in db.execute_sql(
            "SELECT k.customer_id, k.start_on, k.end_on, k.created_at,"
            " (SELECT min(a.at) FROM renewal_action a WHERE a.contract_id = k.id)"
            " FROM contract k WHERE k.created_at <= ?",
            [hi],
        ).fetchall():
            contracts.setdefault(int(customer_id), []).append(
                (
                    _as_date(start_on),
                    _as_date(end_on),
                    from_db_time(created),
                    from_db_time(renewed) if renewed else None,
                )
            )
        incidents: dict[int, list[tuple[datetime, datetime | None]]] = {}
        for customer_id, reported, resolved in db.execute_sql(
            "SELECT customer_id, reported_at, resolved_at FROM incident WHERE reported_at <= ?"
            " AND (resolved_at IS NULL OR resolved_at > ?)",
            [hi, to_db_time(since - timedelta(days=90))],
        ).fetchall():
            incidents.setdefault(int(customer_id), []).append(
                (from_db_time(reported), from_db_time(resolved) if resolved else None)
            )
        scores: dict[int, list[tuple[datetime, int]]] = {}
        for customer_id, started, score in db.execute_sql(
            "SELECT customer_id, started_at, satisfaction FROM callback WHERE satisfaction IS NOT NULL"
            " AND started_at > ? AND started_at <= ?"
            " UNION ALL SELECT customer_id, asked_at, score FROM survey WHERE score IS NOT NULL"
            " AND asked_at > ? AND asked_at <= ?",
            [lo, hi, lo, hi],
        ).fetchall():
            scores.setdefault(int(customer_id), []).append((from_db_time(started), int(score)))
        remedies: dict[int, list[datetime]] = {}
        for customer_id, created in db.execute_sql(
            "SELECT i.customer_id, r.created_at FROM remedy r JOIN incident i ON i.id = r.incident_id"
            " WHERE r.created_at > ? AND r.created_at <= ?",
            [lo, hi],
        ).fetchall():
            remedies.setdefault(int(customer_id), []).append(from_db_time(created))
        return cls(registered, stored, visits, contracts, incidents, scores, remedies)

    def stages(self, at: datetime, rules: LifecycleRules) -> dict[int, Stage]:
        """Each customer registered by ``at``: their stage as the books stood then."""
        return {customer_id: found.stage for customer_id, found in self.assessments(at, rules).items()}

    def assessments(self, at: datetime, rules: LifecycleRules) -> dict[int, Assessment]:
        """Each customer registered by ``at``: stage, risk and value as the books stood then."""
        today = at.astimezone(at.tzinfo).date()
        year_ago, quarter_ago = at - timedelta(days=365), at - timedelta(days=90)
        out: dict[int, Assessment] = {}
        for customer_id, registered in self.registered.items():
            if registered > at:
                continue
            visits = [(moment, amount) for moment, amount in self.visits.get(customer_id, ()) if moment <= at]
            latest = None
            for contract in self.contracts.get(customer_id, ()):
                if contract[2] <= at and (
                    latest is None or (contract[1], contract[2]) > (latest[1], latest[2])
                ):
                    latest = contract
            renewed = False
            if latest is not None:
                renewed = (latest[3] is not None and latest[3] <= at) or any(
                    created <= at and created > latest[2]
                    for _s, _e, created, _r in self.contracts[customer_id]
                )
            complaints = [(r, done) for r, done in self.incidents.get(customer_id, ()) if r <= at]
            scores = [
                score for moment, score in self.scores.get(customer_id, ()) if quarter_ago < moment <= at
            ]
            history = CustomerHistory(
                registered_on=registered.astimezone(at.tzinfo).date(),
                visits=tuple(m.astimezone(at.tzinfo).date() for m, _a in visits),
                paid_fen_12m=sum(a for m, a in visits if m > year_ago),
                contract_start=latest[0] if latest else None,
                contract_end=latest[1] if latest else None,
                contract_renewed=renewed,
                open_complaints=sum(1 for _r, done in complaints if done is None or done > at),
                complaints_90d=sum(1 for r, _d in complaints if r > quarter_ago),
                lowest_score_90d=min(scores) if scores else None,
                compensations_12m=sum(1 for m in self.remedies.get(customer_id, ()) if year_ago < m <= at),
            )
            out[customer_id] = assess(history, rules, today)
        return out
