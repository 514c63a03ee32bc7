"""Times as the desk reads them, in the zone of the injected clock (stored times come back in the PC's)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from ...domain.deadlines import DeadlinePolicy, deadline_state, format_countdown
from ...domain.incidents import Status
from ...services.incident_views import IncidentView
from ..common.i18n import tr


def short_time(moment: datetime, zone: tzinfo | None) -> str:
    """``11-26 10:00``."""
    return f"{moment.astimezone(zone):%m-%d %H:%M}"


def full_time(moment: datetime, zone: tzinfo | None) -> str:
    """``2026-11-26 10:00``."""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def countdown(
    view: IncidentView, now: datetime, policy: DeadlinePolicy, zone: tzinfo | None
) -> tuple[str, str]:
    """The header's live line and its state ("ok", "warning", "overdue" or "closed")."""
    if view.status == Status.OPEN:
        deadline = view.next_deadline(now, policy)
        if deadline is None:
            return "", "ok"
        text = tr("IncidentDetail", "{label}期限：{countdown}").format(
            label=deadline.label, countdown=format_countdown(deadline.due, now)
        )
        return text, deadline_state(deadline, now)
    if view.status == Status.RESOLVED and view.callback_due_at is not None:
        text = tr("IncidentDetail", "三日回访：{time}").format(time=short_time(view.callback_due_at, zone))
        if now >= view.callback_due_at:
            return text + tr("IncidentDetail", "（已到时间）"), "warning"
        return text, "ok"
    if view.closed_at is not None:
        return tr("IncidentDetail", "已关闭：{time}").format(time=short_time(view.closed_at, zone)), "closed"
    return "", "ok"
