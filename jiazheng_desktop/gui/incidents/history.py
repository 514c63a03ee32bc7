"""经过: an incident's story in time order — report, steps, remedies, escalations, callbacks, closing."""

from __future__ import annotations

from datetime import datetime, tzinfo

from ...domain.deadlines import Level
from ...domain.incidents import STEP_FIELDS, Step
from ...services.incident_views import CallbackView, IncidentView
from ..common.i18n import tr
from .times import short_time

SUMMARY_MAX = 160


def _short(text: str, limit: int = SUMMARY_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _callback_text(callback: CallbackView) -> str:
    minutes, seconds = divmod(callback.duration_seconds, 60)
    head = tr("IncidentHistory", "三日回访（{staff}，{minutes} 分 {seconds} 秒）").format(
        staff=callback.staff_name or "—", minutes=minutes, seconds=seconds
    )
    if not callback.consent:
        body = tr("IncidentHistory", "客户未同意保存通话内容")
    else:
        parts = []
        if callback.stable is not None:
            parts.append(
                tr("IncidentHistory", "问题已稳定")
                if callback.stable
                else tr("IncidentHistory", "问题又出现了")
            )
        if callback.satisfaction is not None:
            parts.append(tr("IncidentHistory", "满意度 {score} 分").format(score=callback.satisfaction))
        if callback.note:
            parts.append(_short(callback.note))
        body = tr("IncidentHistory", "，").join(parts)
    text = tr("IncidentHistory", "{head}：{body}").format(head=head, body=body)
    if callback.reopened:
        text += tr("IncidentHistory", "；事件重新打开到“行动”")
    return text


def history_lines(view: IncidentView, zone: tzinfo | None = None) -> list[str]:
    """One line per event, oldest first, each starting with its time."""
    events: list[tuple[datetime, int, str]] = []
    events.append(
        (
            view.reported_at,
            0,
            tr("IncidentHistory", "登记投诉（{by}，{channel}）：客户说“{said}”").format(
                by=view.reported_by or "—", channel=view.channel.label, said=_short(view.customer_said)
            ),
        )
    )
    for escalation in view.escalations:
        if escalation.level == Level.CUSTOMER_SERVICE and escalation.at == view.reported_at:
            continue  # the level every incident starts at
        events.append(
            (
                escalation.at,
                1,
                tr("IncidentHistory", "{level}负责：{reason}（负责人：{owner}）").format(
                    level=escalation.level.label, reason=escalation.reason, owner=escalation.owner_name or "—"
                ),
            )
        )
    for step, step_view in sorted(view.steps.items()):
        if step_view.completed_at is None:
            continue
        values = [
            tr("IncidentHistory", "{label}：{value}").format(
                label=spec.label, value=step_view.data[spec.name]
            )
            for spec in STEP_FIELDS[step]
            if step_view.data.get(spec.name)
        ]
        text = tr("IncidentHistory", "完成「{step}」（{by}）：{summary}").format(
            step=step.label,
            by=step_view.completed_by or "—",
            summary=_short(tr("IncidentHistory", "；").join(values)),
        )
        if step_view.corrected_at is not None:
            text += tr("IncidentHistory", "（{time} 更正过）").format(
                time=short_time(step_view.corrected_at, zone)
            )
        events.append((step_view.completed_at, 2, text))
        if step == Step.ACT and view.remedies:
            approvers = sorted({r.approved_by for r in view.remedies if r.approved_by})
            remedies = tr("IncidentHistory", "补救：{items}").format(
                items=tr("IncidentHistory", "；").join(r.describe() for r in view.remedies)
            )
            if approvers:
                remedies += tr("IncidentHistory", "（批准：{names}）").format(
                    names=tr("IncidentHistory", "、").join(approvers)
                )
            events.append((step_view.completed_at, 3, remedies))
    for callback in view.callbacks:
        events.append((callback.started_at, 4, _callback_text(callback)))
    if view.closed_at is not None:
        reason = (
            tr("IncidentHistory", "事件关闭（未回访原因：{reason}）").format(reason=view.close_reason)
            if view.close_reason
            else tr("IncidentHistory", "事件关闭")
        )
        events.append((view.closed_at, 5, reason))
    events.sort(key=lambda e: (e[0], e[1]))
    return [f"{short_time(at, zone)}  {text}" for at, _order, text in events]
