"""What every service shares: the clock, the person at the desk, transactions and the audit log."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..domain.clock import Clock
from ..domain.errors import PermissionDenied
from ..domain.staff import Role
from ..storage.models import AuditLog, Staff, db

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
    def change(self, action: str, entity: str) -> Iterator[AuditEntry]:
        """One user action: a transaction that ends with exactly one audit row.

        The body fills in ``entry.entity_id`` and ``entry.detail``; if it raises,
        nothing (including the audit row) is written.
        """
        if self.write_gate is not None:
            self.write_gate()
        entry = AuditEntry(action=action, entity=entity)
        with db.atomic():
            yield entry
            system = entry.by_name == SYSTEM
            AuditLog.create(
                at=self.now(),
                staff=None if system else (self.on_duty_id if entry.by is None else entry.by),
                staff_name=entry.by_name or self._on_duty_name,
                action=action,
                entity=entity,
                entity_id=entry.entity_id,
                detail=json.dumps(entry.detail, ensure_ascii=False, default=str) if entry.detail else "",
            )

    def sync_reminders(self, subject: str, subject_id: int, *, acted: bool = False) -> None:
        """Inside a change: the cause of some reminders changed, bring them up to date.

        ``acted``: someone just followed the subject up, so its reminders already due are done.
        """
        if self.reminder_sync is not None:
            self.reminder_sync(subject, subject_id, acted)

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

    def authorized_by(self, auth: Authorization) -> None:
        """Note the person who confirmed a reserved action with their password."""
        self.detail["确认人"] = auth.name
