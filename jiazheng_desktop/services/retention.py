"""Retention (PIPL Art. 19): how long callback notes, contact notes and inactive customers are kept.

The owner sets the periods (``save_policy``); a contact period under two years is refused.

The retention job (``run_due``, once a day and at start when a day was missed) anonymises what has
passed its time: a callback keeps the fact, date, length and outcome of the call (the monthly report
counts it) but its note becomes ``已按保存期限删除`` and its scores are cleared (a satisfaction survey
after a visit alike, counted with the callbacks); a renewal contact keeps
its kind, date and lost reason (a statistic) but not its note; an inactive customer is anonymised.
Before the first run on a database, and whenever a run would touch more than ``CONFIRM_ABOVE``
records, it waits for the owner (``run`` with the owner's authorization, from 设置 → 隐私).

Everything is selected in SQL: the plan of a 100,000-customer office is a handful of indexed queries.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..domain.contracts import ContractStatus
from ..domain.errors import DomainError, PermissionDenied, ValidationError
from ..domain.incidents import Status
from ..domain.privacy import (
    CONFIRM_ABOVE,
    CONTACT_YEARS_DEFAULT,
    INACTIVE_YEARS_DEFAULT,
    RETENTION_PLACEHOLDER,
    RetentionPolicy,
    validate_retention,
    years_before,
)
from ..domain.staff import Role
from ..domain.vouchers import VoucherStatus
from ..storage.fields import to_db_time
from ..storage.models import AuditLog, db
from .changes import ChangeKind
from .context import SYSTEM, AuditEntry, Authorization, ServiceContext
from .settings import SettingsService

if TYPE_CHECKING:
    from .erasure import ErasureService

log = logging.getLogger(__name__)

CONTACT_YEARS_KEY = "privacy.contact_years"
INACTIVE_YEARS_KEY = "privacy.inactive_customer_years"
"""Stored as a number of years, or null for "never"."""
CONFIRMED_KEY = "privacy.retention_confirmed"
"""Set once the owner confirmed a run: from then on small runs go ahead by themselves."""
LAST_RUN_KEY = "privacy.retention_last_run"
"""The agency's day (``YYYY-MM-DD``) of the last run, or of the last day that had nothing to do."""

RUN_ACTION = "按保存期限清理"
CUSTOMERS_ACTION = "按保存期限清理客户"
"""One batch of inactive customers anonymised (before the run's own row)."""
CUSTOMER_BATCH = 10
"""Inactive customers anonymised per transaction: a batch holds the file about half a second at 100,000 customers."""
CUSTOMER_REASON = "超过保存期限"
"""Why an inactive customer was anonymised (in the erasure's own record)."""


def _years(value: object, default: int | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def period_text(years: int | None) -> str:
    """``3 年`` or ``永久保存`` (for settings and the privacy notice)."""
    return "永久保存" if years is None else f"{years} 年"


_CHUNK = 500
"""Ids per ``IN (…)`` list (SQLite allows a few thousand parameters a statement)."""

_CALLBACK_EXPIRED = (
    "started_at <= ? AND ((note <> '' AND note <> ?) OR satisfaction IS NOT NULL OR stable IS NOT NULL)"
)
"""A callback past its time that still holds what the customer said or scored."""
_SURVEY_EXPIRED = "asked_at <= ? AND ((note <> '' AND note <> ?) OR score IS NOT NULL)"
"""A satisfaction survey past its time that still holds what the customer said or scored."""
_CONTACT_EXPIRED = "at <= ? AND note <> '' AND note <> ?"
"""A renewal contact past its time that still holds a note (its lost reason is a statistic and stays)."""

_INACTIVE_CUSTOMERS = f"""
SELECT c.id FROM customer c
WHERE c.erased_at IS NULL AND c.created_at <= ?
  AND NOT EXISTS (SELECT 1 FROM service_record s WHERE s.customer_id = c.id AND s.served_at > ?)
  AND NOT EXISTS (SELECT 1 FROM contract k WHERE k.customer_id = c.id
                  AND (k.end_on >= ? OR k.status = '{ContractStatus.ACTIVE.value}'))
  AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.customer_id = c.id
                  AND (i.reported_at > ? OR i.status <> '{Status.CLOSED.value}'))
  AND NOT EXISTS (SELECT 1 FROM voucher v WHERE v.customer_id = c.id
                  AND (v.created_at > ? OR (v.status = '{VoucherStatus.ACTIVE.value}'
                       AND (SELECT COALESCE(SUM(e.amount_fen), 0) FROM voucher_entry e
                            WHERE e.voucher_id = v.id) > 0)))
"""
"""Customers not yet erased whose latest activity (created, served, a contract's end, a complaint, a
voucher) is at or before the cutoff, with no active contract, no complaint still open and no voucher
with money left on it. The customers come from the ``created_at`` index (no ``ORDER BY``: sorting by id
would make SQLite scan the whole table instead); each ``NOT EXISTS`` is one probe of the table's
``(customer_id, …)`` index. Its parameters: ``_inactive_params(cutoff)``."""


def _inactive_params(cutoff: datetime) -> tuple[str, ...]:
    """``_INACTIVE_CUSTOMERS``'s parameters, in order: plain ``?`` marks (numbered ones are SQLite's own)."""
    moment, day = to_db_time(cutoff), cutoff.date().isoformat()
    return (moment, moment, day, moment, moment)


@dataclass(frozen=True)
class RetentionPlan:
    """What a run would do now: the records past their time, by id, and the cutoffs used.

    A record is past its time when its moment is at or before the cutoff (``years`` calendar years
    before now): it has then been kept the full period.
    """

    made_at: datetime
    policy: RetentionPolicy
    contact_cutoff: datetime
    customer_cutoff: datetime | None
    """None: inactive customers are kept for good."""
    callback_ids: tuple[int, ...] = ()
    contact_ids: tuple[int, ...] = ()
    """Renewal actions (续约联系记录)."""
    customer_ids: tuple[int, ...] = ()
    survey_ids: tuple[int, ...] = ()
    """Satisfaction surveys after ordinary visits: counted with the callbacks (both are 回访记录)."""

    @property
    def callbacks(self) -> int:
        return len(self.callback_ids) + len(self.survey_ids)

    @property
    def contacts(self) -> int:
        return len(self.contact_ids)

    @property
    def customers(self) -> int:
        return len(self.customer_ids)

    @property
    def total(self) -> int:
        return self.callbacks + self.contacts + self.customers

    def within(self, confirmed: RetentionPlan) -> RetentionPlan:
        """This plan cut down to what ``confirmed`` also holds (what the owner saw and agreed to)."""

        def keep(ids: tuple[int, ...], allowed: tuple[int, ...]) -> tuple[int, ...]:
            allowed_set = set(allowed)
            return tuple(i for i in ids if i in allowed_set)

        return RetentionPlan(
            self.made_at,
            self.policy,
            self.contact_cutoff,
            self.customer_cutoff,
            keep(self.callback_ids, confirmed.callback_ids),
            keep(self.contact_ids, confirmed.contact_ids),
            keep(self.customer_ids, confirmed.customer_ids),
            keep(self.survey_ids, confirmed.survey_ids),
        )

    def audit_detail(self) -> dict[str, Any]:
        """Counts and cutoffs only: no name, phone or note of anyone."""
        return {
            "回访记录": self.callbacks,
            "联系记录": self.contacts,
            "客户": self.customers,
            "回访和联系记录截止": _moment_text(self.contact_cutoff),
            "不活跃客户截止": "永不清理"
            if self.customer_cutoff is None
            else _moment_text(self.customer_cutoff),
        }


class RunOutcome(StrEnum):
    RAN = "ran"
    WAITING_FOR_OWNER = "waiting_for_owner"
    """Records are past their time, but the owner must confirm first (the first run, or a big one)."""
    NOTHING = "nothing"
    """Nothing has passed its time today."""
    DONE_TODAY = "done_today"
    """The job already ran (or found nothing) today."""


@dataclass(frozen=True)
class RunResult:
    outcome: RunOutcome
    callbacks: int = 0
    contacts: int = 0
    customers: int = 0

    @property
    def total(self) -> int:
        return self.callbacks + self.contacts + self.customers

    @classmethod
    def of(cls, outcome: RunOutcome, plan: RetentionPlan) -> RunResult:
        return cls(outcome, plan.callbacks, plan.contacts, plan.customers)


@dataclass(frozen=True)
class RetentionStatus:
    """For 设置 → 隐私: the periods, the last run and what is due now."""

    policy: RetentionPolicy
    last_run_on: date | None
    confirmed_before: bool
    """Whether the owner has confirmed a run on this database (until then every run waits)."""
    plan: RetentionPlan
    waiting_for_owner: bool
    """Records are due and the daily job will not clear them without the owner."""


def _moment_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") + " 及以前"


def _chunks(ids: tuple[int, ...]) -> list[tuple[int, ...]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _placeholders(ids: tuple[int, ...]) -> str:
    return ", ".join("?" * len(ids))


class RetentionService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        erasure: Callable[[], ErasureService] | None = None,
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._erasure = erasure

    def policy(self) -> RetentionPolicy:
        """The periods in force (the defaults until the owner changes them)."""
        contact = _years(self._settings.get_value(CONTACT_YEARS_KEY), CONTACT_YEARS_DEFAULT)
        inactive_value = self._settings.get_value(INACTIVE_YEARS_KEY, INACTIVE_YEARS_DEFAULT)
        inactive = None if inactive_value is None else _years(inactive_value, INACTIVE_YEARS_DEFAULT)
        try:  # a value stored out of range by hand falls back to the defaults, never below two years
            return validate_retention(contact or CONTACT_YEARS_DEFAULT, inactive)
        except ValidationError:
            return RetentionPolicy()

    def save_policy(
        self, contact_years: int, inactive_customer_years: int | None, auth: Authorization | None
    ) -> RetentionPolicy:
        """Change the periods (the owner only); a contact period under two years is refused with why."""
        policy = validate_retention(contact_years, inactive_customer_years)
        with self._ctx.change("修改保存期限", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改个人信息保存期限")
            assert auth is not None
            before = self.policy()
            self._settings.put(CONTACT_YEARS_KEY, policy.contact_years)
            self._settings.put(INACTIVE_YEARS_KEY, policy.inactive_customer_years)
            entry.detail = {
                "回访和联系记录": f"{period_text(before.contact_years)} → {period_text(policy.contact_years)}",
                "不活跃客户": f"{period_text(before.inactive_customer_years)}"
                f" → {period_text(policy.inactive_customer_years)}",
            }
            entry.authorized_by(auth)
        return policy

    # -- the retention job ------------------------------------------------------------------------

    def plan(self) -> RetentionPlan:
        """What a run would anonymise now (read only; a few indexed queries)."""
        with db.atomic():  # one snapshot
            return self._plan()

    def needs_confirmation(self, plan: RetentionPlan) -> bool:
        """True before the first run confirmed on this database, or when ``plan`` is a big one."""
        return not self._confirmed_before() or plan.total > CONFIRM_ABOVE

    def run(self, plan: RetentionPlan | None = None, auth: Authorization | None = None) -> RunResult:
        """Anonymise what has passed its time; one audit row with the counts (no personal data).

        What is due is looked up again first; with ``plan`` (what the owner was shown) nothing
        beyond it is touched. A run that needs confirmation (the first one, or more than
        ``CONFIRM_ABOVE`` records) is refused unless ``auth`` is the owner's; ``auth``, when given,
        must be the owner's. Inactive customers go first, ``CUSTOMER_BATCH`` to a transaction (each
        audited with its count), so that a first run over thousands of customers never holds the
        file for more than a moment while the desk is saving; then the callbacks and contacts and
        the run's own row, in one transaction. The day is recorded, so the daily job does not run
        again today.
        """
        with db.atomic():
            fresh = self._plan()
        if plan is not None:
            fresh = fresh.within(plan)
        if auth is not None:
            self._ctx.require(auth, Role.OWNER, "按保存期限清理个人信息")
        elif fresh.total and self.needs_confirmation(fresh):
            raise PermissionDenied(_waiting_message(fresh, first=not self._confirmed_before()))
        customers = self._anonymise_customers(fresh, auth)
        with self._ctx.change(RUN_ACTION, "setting", immediate=True) as entry:
            # Again, inside the write lock; the customers were done (and checked) batch by batch above.
            now = self._plan(customers_too=False).within(fresh)
            done = replace(self._anonymise(now, entry), customer_ids=customers.done)
            entry.detail = done.audit_detail()
            if customers.refused:
                entry.detail["未能清理的客户"] = customers.refused
            if customers.files_left:
                entry.detail["未能删除的文件"] = customers.files_left
            entry.touch(ChangeKind.CUSTOMER, *customers.done)
            if auth is not None:
                entry.authorized_by(auth)
                self._settings.put(CONFIRMED_KEY, True)
            else:
                entry.by_name = SYSTEM
            self._settings.put(LAST_RUN_KEY, fresh.made_at.date().isoformat())
        return RunResult.of(RunOutcome.RAN, done)

    def run_due(self) -> RunResult:
        """The daily job: run once a day, by itself unless the owner has to confirm.

        Already run today: nothing. Nothing past its time: the day is recorded (no audit row: a day
        on which nothing changed is not an action, and 365 empty rows a year would bury the real
        ones). Waiting for the owner: nothing is done and the day is not recorded, so every start
        and every day says so again until the owner has confirmed.
        """
        today = self._ctx.now().date()
        if self.last_run_on() == today:
            return RunResult(RunOutcome.DONE_TODAY)
        plan = self.plan()
        if not plan.total:
            self._mark_day(today)
            return RunResult(RunOutcome.NOTHING)
        if self.needs_confirmation(plan):
            return RunResult.of(RunOutcome.WAITING_FOR_OWNER, plan)
        try:
            return self.run()
        except PermissionDenied:  # it grew past the limit between the look and the run
            return RunResult.of(RunOutcome.WAITING_FOR_OWNER, self.plan())

    def status(self) -> RetentionStatus:
        """The periods, the last run and what is due now (for 设置 → 隐私)."""
        plan = self.plan()
        return RetentionStatus(
            policy=plan.policy,
            last_run_on=self.last_run_on(),
            confirmed_before=self._confirmed_before(),
            plan=plan,
            waiting_for_owner=bool(plan.total) and self.needs_confirmation(plan),
        )

    def last_run_on(self) -> date | None:
        """The agency's day of the last run (or of the last day with nothing to do)."""
        value = self._settings.get_value(LAST_RUN_KEY)
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    def _confirmed_before(self) -> bool:
        return self._settings.get_value(CONFIRMED_KEY) is True

    def _mark_day(self, today: date) -> None:
        """Remember that today's job found nothing (bookkeeping, not a user's action: no audit row)."""
        if self._ctx.write_gate is not None:
            self._ctx.write_gate()
        with db.atomic():
            self._settings.put(LAST_RUN_KEY, today.isoformat())

    def _plan(self, *, customers_too: bool = True) -> RetentionPlan:
        """What is due now; ``customers_too=False`` leaves out the inactive-customer query (its cutoff stays)."""
        now = self._ctx.now()
        policy = self.policy()
        contact_cut = years_before(now, policy.contact_years)
        cut_text = to_db_time(contact_cut)
        callbacks = _ids(f"SELECT id FROM callback WHERE {_CALLBACK_EXPIRED} ORDER BY id", (cut_text,))
        contacts = _ids(f"SELECT id FROM renewal_action WHERE {_CONTACT_EXPIRED} ORDER BY id", (cut_text,))
        surveys = _ids(f"SELECT id FROM survey WHERE {_SURVEY_EXPIRED} ORDER BY id", (cut_text,))
        customer_cut: datetime | None = None
        customers: tuple[int, ...] = ()
        if policy.inactive_customer_years is not None:
            customer_cut = years_before(now, policy.inactive_customer_years)
            if customers_too:
                cursor = db.execute_sql(_INACTIVE_CUSTOMERS, _inactive_params(customer_cut))
                customers = tuple(sorted(row[0] for row in cursor.fetchall()))
        return RetentionPlan(now, policy, contact_cut, customer_cut, callbacks, contacts, customers, surveys)

    def _anonymise(self, plan: RetentionPlan, entry: AuditEntry) -> RetentionPlan:
        """Inside the run's transaction: clear what ``plan`` holds, note what it touched; what was done."""
        for ids in _chunks(plan.callback_ids):
            marks = _placeholders(ids)
            for incident_id, customer_id in db.execute_sql(
                f"SELECT DISTINCT incident_id, customer_id FROM callback WHERE id IN ({marks})", ids
            ).fetchall():
                entry.touch(ChangeKind.INCIDENT, incident_id)
                entry.touch(ChangeKind.CUSTOMER, customer_id)
            db.execute_sql(
                f"UPDATE callback SET note = ?, satisfaction = NULL, stable = NULL WHERE id IN ({marks})",
                (RETENTION_PLACEHOLDER, *ids),
            )
        for ids in _chunks(plan.survey_ids):
            marks = _placeholders(ids)
            for (customer_id,) in db.execute_sql(
                f"SELECT DISTINCT customer_id FROM survey WHERE id IN ({marks})", ids
            ).fetchall():
                entry.touch(ChangeKind.CUSTOMER, customer_id)
            db.execute_sql(
                f"UPDATE survey SET note = ?, score = NULL WHERE id IN ({marks})",
                (RETENTION_PLACEHOLDER, *ids),
            )
        for ids in _chunks(plan.contact_ids):
            marks = _placeholders(ids)
            for contract_id, customer_id in db.execute_sql(
                "SELECT DISTINCT a.contract_id, k.customer_id FROM renewal_action a"
                f" JOIN contract k ON k.id = a.contract_id WHERE a.id IN ({marks})",
                ids,
            ).fetchall():
                entry.touch(ChangeKind.CONTRACT, contract_id)
                entry.touch(ChangeKind.CUSTOMER, customer_id)
            db.execute_sql(
                f"UPDATE renewal_action SET note = ? WHERE id IN ({marks})", (RETENTION_PLACEHOLDER, *ids)
            )
        if plan.contact_ids:
            _scrub_contact_audit_rows(plan.contact_cutoff)
        return plan

    def _anonymise_customers(self, plan: RetentionPlan, auth: Authorization | None) -> _CustomersDone:
        """Anonymise the plan's inactive customers as an erasure does, a batch to a transaction.

        Each batch checks again that its customers are still inactive (a visit may have been
        recorded since the plan), and each customer has a savepoint of its own: one the erasure
        refuses is left as it was, named by id in the log, and does not hold back the others.
        """
        if not plan.customer_ids or plan.customer_cutoff is None:
            return _CustomersDone()
        if self._erasure is None:
            raise DomainError("清理不活跃客户需要删除个人信息的功能，这个版本没有装好，请联系安装人员")
        erasure = self._erasure()
        cut = _inactive_params(plan.customer_cutoff)
        result = _CustomersDone()
        for batch in [
            plan.customer_ids[i : i + CUSTOMER_BATCH]
            for i in range(0, len(plan.customer_ids), CUSTOMER_BATCH)
        ]:
            with self._ctx.change(CUSTOMERS_ACTION, "customer", immediate=True) as entry:
                listed = ", ".join(str(int(i)) for i in batch)
                still = {
                    row[0] for row in db.execute_sql(f"{_INACTIVE_CUSTOMERS} AND c.id IN ({listed})", cut)
                }
                done: list[int] = []
                for customer_id in batch:
                    if customer_id not in still:
                        result.refused += 1
                        continue
                    try:
                        with db.atomic():
                            counts = erasure.anonymise_within(customer_id, CUSTOMER_REASON)
                    except DomainError as exc:  # its message names the customer: the log gets the id only
                        log.warning(
                            "retention left customer %s as it was (%s)", customer_id, type(exc).__name__
                        )
                        result.refused += 1
                        continue
                    result.files_left += len(counts.files_left)
                    done.append(customer_id)
                entry.detail = {"客户": len(done), "编号": "、".join(f"#{i}" for i in done) or "—"}
                if auth is not None:
                    entry.authorized_by(auth)
                else:
                    entry.by_name = SYSTEM
                entry.touch(ChangeKind.CUSTOMER, *done)
            result.done += tuple(done)
        return result


@dataclass
class _CustomersDone:
    done: tuple[int, ...] = ()
    refused: int = 0
    files_left: int = 0


CONTACT_AUDIT_NOTES: dict[str, tuple[str, ...]] = {
    "续约联系": ("内容",),
    "报续约优惠": ("优惠",),
    "续约流失": ("备注",),
}
"""The audit rows of renewal contacts and the keys of their details that repeat the contact's note."""


def _scrub_contact_audit_rows(cutoff: datetime) -> int:
    """The audit rows of renewal contacts past their time lose the note they repeat (the rest stays)."""
    scrubbed = 0
    rows: list[tuple[int, str, str]] = list(
        AuditLog.select(AuditLog.id, AuditLog.action, AuditLog.detail)  # type: ignore[arg-type]
        .where(
            AuditLog.action.in_(list(CONTACT_AUDIT_NOTES)),
            AuditLog.at <= cutoff,
            AuditLog.detail != "",
        )
        .tuples()
    )
    for row_id, action, detail in rows:
        try:
            values = json.loads(detail)
        except ValueError:
            continue
        if not isinstance(values, dict):
            continue
        changed = False
        for key in CONTACT_AUDIT_NOTES[action]:
            if values.get(key) not in (None, "", RETENTION_PLACEHOLDER):
                values[key] = RETENTION_PLACEHOLDER
                changed = True
        if changed:
            AuditLog.update(detail=json.dumps(values, ensure_ascii=False)).where(
                AuditLog.id == row_id
            ).execute()
            scrubbed += 1
    return scrubbed


def _ids(sql: str, cut: tuple[str]) -> tuple[int, ...]:
    return tuple(row[0] for row in db.execute_sql(sql, (*cut, RETENTION_PLACEHOLDER)).fetchall())


def _waiting_message(plan: RetentionPlan, *, first: bool) -> str:
    why = "第一次清理" if first else f"这次要清理的超过 {CONFIRM_ABOVE} 条"
    return (
        f"个人信息保存期限：有 {plan.callbacks} 条回访记录、{plan.contacts} 条联系记录、"
        f"{plan.customers} 位不活跃客户已到期。{why}，需要店主在 设置 → 隐私 确认后清理"
    )
