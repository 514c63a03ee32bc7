"""The day-3 callback (三日回访): what the customer said, kept only with their consent (回访记录保存)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ..domain.customers import DEFAULT_WINDOW
from ..domain.deadlines import has_allowed_call_time, is_allowed_call_time
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.incidents import Status
from ..domain.privacy import Purpose
from ..storage.models import Callback, Incident
from .consents import ConsentService
from .context import ServiceContext
from .incidents import IncidentService
from .versions import bump
from .workbench import call_windows_text

LOW_SCORE = 2
"""A satisfaction of this or lower means the recovery did not work: back to 行动."""
RESCHEDULE_DAYS_MAX = 30
"""A callback can be moved at most this many days ahead of now."""


def callback_window(contact_start: time, contact_end: time) -> tuple[time, time]:
    """The window callbacks are placed in: the customer's, or the default when theirs is all meal times."""
    if has_allowed_call_time(contact_start, contact_end):
        return contact_start, contact_end
    return DEFAULT_WINDOW  # saved before windows were checked for meal times, as when it was scheduled


def callback_windows_text(contact_start: time, contact_end: time) -> str:
    """``09:00–11:30、13:30–17:30、19:30–20:00``: when the customer may be called back."""
    return call_windows_text(*callback_window(contact_start, contact_end))


def _not_resolved(incident: Incident) -> DomainError:
    return DomainError(
        "这个事件还没有解决（“行动”一步未完成），还没有安排回访，不能改约"
        if incident.status == Status.OPEN.value
        else "这个事件已经关闭，不能再改约回访"
    )


@dataclass
class CallbackDraft:
    incident_id: int
    started_at: datetime
    ended_at: datetime
    stable: bool | None = None
    satisfaction: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CallbackResult:
    callback_id: int
    reopened: bool
    message: str


class CallbackService:
    def __init__(
        self, context: ServiceContext, incidents: IncidentService, consents: ConsentService | None = None
    ) -> None:
        self._ctx = context
        self._incidents = incidents
        self._consents = consents or ConsentService(context)

    def record_callback(self, draft: CallbackDraft) -> CallbackResult:
        """Store a callback. Without consent only the fact and time of the call are kept.

        The consent is the customer's 回访记录保存 in the ledger when the callback is saved (ask it
        first with ``ConsentService.record``); ``Callback.consent`` keeps that fact for this call.
        A satisfaction of 2 or less reopens the incident at 行动, whatever the consent.
        """
        errors: dict[str, str] = {}
        if draft.stable is None:
            errors["stable"] = "请问客户：问题解决后是否稳定，没有再出现？"
        if draft.satisfaction is None or not 1 <= draft.satisfaction <= 5:
            errors["satisfaction"] = "请选择客户的满意度（1–5 分）"
        if len(draft.note) > 1000:
            errors["note"] = "备注最多 1000 字"
        if draft.ended_at < draft.started_at:
            errors["ended_at"] = "结束时间早于开始时间"
        if errors:
            raise ValidationError(errors)
        assert draft.satisfaction is not None
        with self._ctx.change("三日回访", "incident") as entry:
            bump(self._ctx, Incident, draft.incident_id)  # once, reopening included
            incident = Incident.get_or_none(Incident.id == draft.incident_id)
            if incident is None:
                raise NotFoundError("找不到这个事件，可能已被删除")
            if incident.status != Status.RESOLVED.value:
                raise DomainError(
                    "这个事件还没有解决（“行动”一步未完成），先把问题解决再回访"
                    if incident.status == Status.OPEN.value
                    else "这个事件已经关闭，不能再记录回访"
                )
            reopened = draft.satisfaction <= LOW_SCORE
            keep = self._consents.has(incident.customer_id, Purpose.CALLBACK_RECORDS)
            callback = Callback.create(
                incident=incident.id,
                customer=incident.customer_id,
                staff=self._ctx.on_duty_id,
                started_at=draft.started_at,
                duration_seconds=int((draft.ended_at - draft.started_at).total_seconds()),
                consent=keep,
                stable=draft.stable if keep else None,
                satisfaction=draft.satisfaction if keep else None,
                note=draft.note.strip() if keep else "",
                reopened=reopened,
            )
            entry.entity_id = incident.id
            entry.detail = {"编号": incident.number, "同意保存记录": "是" if keep else "否"}
            if reopened:
                self._incidents.reopen_at_act(incident.id, f"回访满意度 {draft.satisfaction} 分，重新处理")
                entry.detail["结果"] = "满意度低，事件重新打开到“行动”"
            else:
                self._ctx.sync_reminders("incident", incident.id)
        message = (
            f"客户满意度只有 {draft.satisfaction} 分：事件 {incident.number} 已重新打开，回到“行动”一步，请重新安排补救。"
            if reopened
            else "回访已记录。现在可以完成“深化”一步（写下改进措施）并关闭事件。"
        )
        if not keep:
            message += "客户没有同意保存回访记录：只记下了回访的时间，回答和备注没有保存。"
        return CallbackResult(int(callback.id), reopened, message)

    def reschedule(self, incident_id: int, when: datetime, expected_version: int | None = None) -> datetime:
        """Move the day-3 callback of a resolved incident to ``when`` (改约); its reminder moves with it.

        ``when`` must be timezone-aware (else ``ValueError``), not in the past, at most
        ``RESCHEDULE_DAYS_MAX`` days ahead and an allowed call time for the customer (their contact
        window, no meal times). Returns the stored time, in the clock's time zone.
        ``expected_version``: the ``IncidentView.row_version`` the dialog was opened on; someone
        else's change to the incident since refuses this one (``ConflictError``).
        """
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError(f"when must be a timezone-aware datetime, got {when!r}")
        now = self._ctx.now()
        local = when.astimezone(now.tzinfo)
        with self._ctx.change("改约回访", "incident") as entry:
            bump(self._ctx, Incident, incident_id, expected_version)
            incident = Incident.get_or_none(Incident.id == incident_id)
            if incident is None:
                raise NotFoundError("找不到这个事件，可能已被删除")
            if incident.status != Status.RESOLVED.value or incident.callback_due_at is None:
                raise _not_resolved(incident)
            customer = incident.customer
            start, end = callback_window(customer.contact_start, customer.contact_end)
            if local < now:
                raise ValidationError({"when": "改约的时间已经过去了，请选一个以后的时间"})
            latest = now + timedelta(days=RESCHEDULE_DAYS_MAX)
            if local > latest:
                raise ValidationError(
                    {"when": f"改约最多往后 {RESCHEDULE_DAYS_MAX} 天，请选 {latest:%m-%d %H:%M} 以前的时间"}
                )
            if not is_allowed_call_time(local, start, end):
                raise ValidationError(
                    {
                        "when": f"这个时间不方便打电话：客户的联系时段是 {call_windows_text(start, end)}"
                        "（避开用餐时间）"
                    }
                )
            old = incident.callback_due_at.astimezone(now.tzinfo)
            Incident.update(callback_due_at=local, updated_at=now).where(Incident.id == incident.id).execute()
            entry.entity_id = incident.id
            entry.detail = {
                "编号": incident.number,
                "原定": f"{old:%m-%d %H:%M}",
                "改为": f"{local:%m-%d %H:%M}",
            }
            self._ctx.sync_reminders("incident", incident.id)
        return local
