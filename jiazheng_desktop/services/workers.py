"""Workers (服务人员): the people sent to customers' homes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.errors import NotFoundError
from ..domain.workers import SKILLS, WorkerDraft, validate_worker
from ..storage.models import Worker
from .context import ServiceContext


@dataclass(frozen=True)
class WorkerRow:
    id: int
    name: str
    phone: str
    skills: str
    background_check_on: date | None
    active: bool


class WorkerService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def list(self, *, include_inactive: bool = True) -> list[WorkerRow]:
        """Workers, active first, then by name."""
        query = Worker.select().order_by(Worker.active.desc(), Worker.name)
        if not include_inactive:
            query = query.where(Worker.active == True)  # noqa: E712 (peewee expression)
        return [
            WorkerRow(w.id, w.name, w.phone, w.skills, w.background_check_on, bool(w.active)) for w in query
        ]

    def draft_for(self, worker_id: int) -> WorkerDraft:
        w = self._get(worker_id)
        return WorkerDraft(
            name=w.name,
            phone=w.phone,
            skills=tuple(s for s in SKILLS if s in (w.skills or "").split("、")),
            background_check_on=w.background_check_on,
            training_notes=w.training_notes,
            active=bool(w.active),
        )

    def _get(self, worker_id: int) -> Worker:
        worker = Worker.get_or_none(Worker.id == worker_id)
        if worker is None:
            raise NotFoundError("找不到这位服务人员")
        return worker

    def create(self, draft: WorkerDraft) -> int:
        """Add a worker; raises ``ValidationError`` listing fields to fix."""
        clean = validate_worker(draft, today=self._ctx.now().date())
        with self._ctx.change("新建服务人员", "worker") as entry:
            worker = Worker.create(**clean.__dict__, created_at=self._ctx.now())
            entry.entity_id = worker.id
            entry.detail = {"姓名": clean.name, "电话": clean.phone}
        return int(worker.id)

    def update(self, worker_id: int, draft: WorkerDraft) -> None:
        """Save edits to a worker (deactivating keeps their history)."""
        clean = validate_worker(draft, today=self._ctx.now().date())
        with self._ctx.change("修改服务人员", "worker") as entry:
            worker = self._get(worker_id)
            changes = {
                key: f"{getattr(worker, key)} → {value}"
                for key, value in clean.__dict__.items()
                if getattr(worker, key) != value
            }
            Worker.update(**clean.__dict__).where(Worker.id == worker_id).execute()
            entry.entity_id = worker_id
            entry.detail = changes
