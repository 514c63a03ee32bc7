"""What every service shares: the clock, the person at the desk, transactions and the audit log."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from peewee import OperationalError

from ..domain.clock import Clock
from ..domain.errors import DomainError, PermissionDenied
from ..domain.staff import Role
from ..storage.database import ServerUnreachableError, translate_error
from ..storage.models import AuditLog, Contract, Incident, ServiceRecord, Staff, Voucher, db
from ..storage.postgres import is_server
from .changes import ENTITY_KINDS, ChangeCollector, ChangeKind, Changes

log = logging.getLogger(__name__)

CUSTOMER_OF: dict[ChangeKind, Any] = {
    ChangeKind.INCIDENT: Incident,
    ChangeKind.VOUCHER: Voucher,
    ChangeKind.CONTRACT: Contract,
    ChangeKind.SERVICE_RECORD: ServiceRecord,
}
"""Things that show in a customer's profile: a change to one is a change to its customer too."""

SYSTEM = "系统"
"""``by_name`` of audit rows written by the program itself (automatic escalation)."""


@dataclass(frozen=True)
class Authorization:
    """Proof that a person of ``role`` confirmed an action with their password.

    Only ``StaffService.authorize`` makes these.
    """

    staff_id: int
    name: str
    role: Role


@dataclass
class ServiceContext:
    clock: Clock
    on_duty_id: int | None = None
    _on_duty_name: str = field(default="", repr=False)
    write_gate: Callable[[], None] | None = None
    """Called before every change; raises while the file has not passed its integrity check."""
    reminder_sync: Callable[[str, int, bool], None] | None = None
    """Brings the reminders of one subject (``"incident"``, ``"contract"``, ``"voucher"``) up to date."""
    change_listeners: list[Callable[[Changes], None]] = field(default_factory=list, repr=False)
    """Told what each committed change touched (on the thread that committed it), and what the other PCs
    of the office changed (on the office feed's thread: ``office_feed``)."""
    publisher: Callable[[Changes], None] | None = field(default=None, repr=False)
    """Sends each committed change to the other PCs (set by ``office_feed.join_office`` on a server)."""
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def now(self) -> datetime:
        return self.clock.now()

    def set_on_duty(self, staff_id: int | None, name: str = "") -> None:
        """Record who is at the desk; audit rows name them."""
        self.on_duty_id = staff_id
        self._on_duty_name = name

    @property
    def on_duty_name(self) -> str:
        return self._on_duty_name

    @contextmanager
    def change(self, action: str, entity: str, *, immediate: bool = False) -> Iterator[AuditEntry]:
        """One user action: a transaction that ends with exactly one audit row.

        The body fills in ``entry.entity_id`` and ``entry.detail``; if it raises,
        nothing (including the audit row) is written. Once the outermost change has committed,
        the listeners hear what it touched (a change made inside another is reported with it).
        ``immediate`` takes the write lock at the start (``BEGIN IMMEDIATE``) instead of at the
        first write, for a use case that reads, decides and writes.
        """
        if self.write_gate is not None:
            self.write_gate()
        entry = AuditEntry(action=action, entity=entity)
        outer: ChangeCollector | None = getattr(self._local, "collector", None)
        collector = outer if outer is not None else ChangeCollector()
        self._local.collector = collector
        # On the office server every change holds the office's write lock, as every write to a file does.
        lock = immediate or is_server(db.obj)
        try:
            with db.atomic("IMMEDIATE") if lock and outer is None else db.atomic():
                yield entry
                self._record(entry, collector)
        except (OperationalError, OSError) as exc:
            translated = translate_error(exc, Path(db.database or ""), saving=True) if outer is None else None
            if outer is None and isinstance(translated, ServerUnreachableError):
                db.close()  # the next attempt connects anew
            if translated is None:
                raise
            log.warning("a change could not be saved: %s", exc)
            raise translated from exc
        finally:
            self._local.collector = outer
        if outer is None:
            self.announce(collector.changes())

    def record(
        self, action: str, entity: str, entity_id: int | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        """Audit something that changes no data (a document made or printed, an export).

        One transaction holding only the audit row, written as ``change()`` writes it (the person
        at the desk, the injected clock); no change notice follows, since nothing shown changed.
        Inside a ``change()`` the row joins that transaction.
        """
        if self.write_gate is not None:
            self.write_gate()
        with db.atomic():
            self._write_audit_row(AuditEntry(action, entity, entity_id, dict(detail or {})))

    def _record(self, entry: AuditEntry, collector: ChangeCollector) -> None:
        """Write the audit row and note what the change touched (still inside its transaction)."""
        kind = ENTITY_KINDS.get(entry.entity)
        if kind is not None:
            collector.add(kind, entry.entity_id)
            model = CUSTOMER_OF.get(kind)
            if model is not None and entry.entity_id is not None:
                owner = model.select(model.customer).where(model.id == entry.entity_id).first()
                collector.add(ChangeKind.CUSTOMER, owner.customer_id if owner is not None else None)
        for touched_kind, ids in entry.touched.items():
            collector.add(touched_kind, *ids)
        self._write_audit_row(entry)

    def _write_audit_row(self, entry: AuditEntry) -> None:
        system = entry.by_name == SYSTEM
        AuditLog.create(
            at=self.now(),
            staff=None if system else (self.on_duty_id if entry.by is None else entry.by),
            staff_name=entry.by_name or self._on_duty_name,
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            detail=json.dumps(entry.detail, ensure_ascii=False, default=str) if entry.detail else "",
        )

    def announce(self, changes: Changes) -> None:
        """Tell the listeners what a committed write touched.

        A listener that cannot read just now (a ``DomainError``) must not make the saved change look
        failed to the person who made it: it is logged and the others are still told.
        """
        if not changes:
            return
        if self.publisher is not None:
            self.publisher(changes)
        self.hear(changes)

    def hear(self, changes: Changes) -> None:
        """Tell the listeners (only) of a change: this PC's own, or one another PC made."""
        if not changes:
            return
        for listener in list(self.change_listeners):
            try:
                listener(changes)
            except DomainError:
                log.exception("a change listener could not read the change")

    def sync_reminders(self, subject: str, subject_id: int, *, acted: bool = False) -> None:
        """Inside a change: the cause of some reminders changed, bring them up to date.

        ``acted``: someone just followed the subject up, so its reminders already due are done.
        """
        if self.reminder_sync is not None:
            self.reminder_sync(subject, subject_id, acted)
        collector: ChangeCollector | None = getattr(self._local, "collector", None)
        if collector is not None:
            collector.add(ChangeKind.REMINDER)
            kind = ENTITY_KINDS.get(subject)
            if kind is not None:  # the cause changed too (e.g. the old contract of a renewal)
                collector.add(kind, subject_id)

    def touch(self, kind: ChangeKind, *ids: int) -> None:
        """Inside a change: note that it touched ``kind`` (these ids, or some if none), for its notice."""
        collector: ChangeCollector | None = getattr(self._local, "collector", None)
        if collector is not None:
            collector.add(kind, *ids)

    def on_duty_role(self) -> Role:
        """The role of the person at the desk (the lowest role when nobody is)."""
        staff = Staff.get_or_none(Staff.id == self.on_duty_id) if self.on_duty_id else None
        return Role(staff.role) if staff is not None else Role.CUSTOMER_SERVICE

    @staticmethod
    def require(auth: Authorization | None, minimum: Role, what: str) -> Authorization:
        """Refuse unless ``auth`` proves a role of at least ``minimum`` that is still active."""
        if auth is None or auth.role < minimum:
            raise PermissionDenied(f"{what}需要{minimum.label}或更高职位的人员确认密码")
        staff = Staff.get_or_none(Staff.id == auth.staff_id)
        if staff is None or not staff.active or Role(staff.role) < minimum:
            raise PermissionDenied(f"{what}需要{minimum.label}或更高职位的人员确认密码")
        return auth


@dataclass
class AuditEntry:
    action: str
    entity: str
    entity_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    by: int | None = None
    by_name: str = ""
    touched: dict[ChangeKind, set[int]] = field(default_factory=dict)

    def touch(self, kind: ChangeKind, *ids: int) -> None:
        """Note something else this change touched, beside its own entity (for the change notice)."""
        self.touched.setdefault(kind, set()).update(ids)

    def authorized_by(self, auth: Authorization) -> None:
        """Note the person who confirmed a reserved action with their password."""
        self.detail["确认人"] = auth.name
