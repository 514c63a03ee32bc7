"""Optimistic concurrency: a save made from a stale read of a record is refused, not written over.

Customers, incidents and contracts carry ``row_version`` (migration 20). Every change to one of
them raises it by one (``bump``), in the change's own transaction; a window that read the record
hands back the version it read (``expected``), and when the stored one has moved on the change is
refused with a ``ConflictError`` naming who saved in between and when (the latest audit row of
that record). ``expected=None`` (a job, or a use case that reads and writes in one change) only
raises the version.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import ConflictError
from ..storage.models import AuditLog, Contract, Customer, Incident
from .context import SYSTEM, ServiceContext

ENTITIES: dict[Any, tuple[str, str]] = {
    Customer: ("customer", "这位客户的资料"),
    Incident: ("incident", "这个投诉事件"),
    Contract: ("contract", "这份合同"),
}
"""The versioned models: their audit entity and how a message names one of them."""


def bump(ctx: ServiceContext, model: Any, record_id: int, expected: int | None = None) -> None:
    """Raise the record's ``row_version`` by one, inside the caller's change.

    With ``expected``, only when the stored version is still that one; otherwise (someone saved
    since it was read) raise ``ConflictError`` and the caller's whole change is rolled back. One
    statement, ``UPDATE … SET row_version = row_version + 1 WHERE id = ? AND row_version = ?``, so
    two PCs saving at once cannot both pass. A record that does not exist is left to the caller
    (its own read reports it as not found).
    """
    query = model.update(row_version=model.row_version + 1).where(model.id == record_id)
    if expected is not None:
        query = query.where(model.row_version == expected)
    if query.execute() == 1 or expected is None:
        return
    if not model.select().where(model.id == record_id).exists():
        return
    raise conflict(ctx, model, record_id)


def conflict(ctx: ServiceContext, model: Any, record_id: int) -> ConflictError:
    """The refusal for ``record_id``: who changed it last, and when.

    From the record's latest audit row. A change audited without naming the record (an import
    fills many customers under one row) leaves the record's ``updated_at`` later than that row:
    then the time is ``updated_at`` and the person is not named.
    """
    entity, what = ENTITIES[model]
    zone = ctx.now().tzinfo
    row = (
        AuditLog.select(AuditLog.at, AuditLog.staff_name)
        .where((AuditLog.entity == entity) & (AuditLog.entity_id == record_id))
        .order_by(AuditLog.id.desc())
        .first()
    )
    record = model.select(model.updated_at).where(model.id == record_id).first()
    updated = record.updated_at if record is not None else None
    if row is None or (updated is not None and updated > row.at):
        return ConflictError(what, "", updated.astimezone(zone) if updated is not None else None)
    by = "系统自动" if row.staff_name == SYSTEM else str(row.staff_name or "")
    return ConflictError(what, by, row.at.astimezone(zone))


def version_of(model: Any, record_id: int) -> int:
    """The stored ``row_version`` (0 for a record that does not exist)."""
    row = model.select(model.row_version).where(model.id == record_id).first()
    return 0 if row is None else int(row.row_version)
