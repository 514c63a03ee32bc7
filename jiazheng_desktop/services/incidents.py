"""Incidents: take a complaint, walk the ILEAD steps, escalate on missed deadlines, close."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..domain.customers import DEFAULT_WINDOW
from ..domain.deadlines import (
    TOP_LEVEL,
    Deadline,
    Level,
    callback_due,
    escalation_steps,
    has_allowed_call_time,
)
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.incidents import (
    Category,
    Remedy,
    RemedyDraft,
    RemedyKind,
    ReportChannel,
    Severity,
    Status,
    Step,
    compensation_total,
    incident_number,
    role_needed,
    validate_remedies,
    validate_step,
)
from ..domain.money import format_fen
from ..domain.staff import Role
from ..domain.workers import SERVICE_TYPES, ServiceRecordDraft
from ..storage.models import (
    Callback,
    Counter,
    Customer,
    Escalation,
    Incident,
    IncidentStep,
    RemedyRecord,
    ServiceRecord,
    Staff,
    Voucher,
    Worker,
)
from .context import SYSTEM, Authorization, ServiceContext
from .incident_rules import IncidentRulesService
from .incident_views import IncidentView, build_view
from .service_records import ServiceRecordService
from .versions import bump
from .vouchers import VoucherService


@dataclass
class IncidentDraft:
    """A complaint as typed in the report dialog."""

    customer_id: int | None = None
    category: str = Category.OTHER.value
    severity: int = Severity.MINOR.value
    channel: str = ReportChannel.PHONE.value
    customer_said: str = ""
    service_record_id: int | None = None
    worker_id: int | None = None


@dataclass(frozen=True)
class StepOutcome:
    """What completing a step changed."""

    corrected: bool = False
    resolved: bool = False
    closed: bool = False


class IncidentService:
    def __init__(
        self,
        context: ServiceContext,
        rules: IncidentRulesService,
        vouchers: VoucherService,
        visits: ServiceRecordService | None = None,
    ) -> None:
        self._ctx = context
        self._rules = rules
        self._vouchers = vouchers
        self._visits = visits or ServiceRecordService(context)

    # -- taking a complaint ------------------------------------------------------------------------

    def open_incident(self, draft: IncidentDraft) -> int:
        """Record a complaint; it gets the next ``SJ-年-序号`` number and starts at 识别."""
        errors: dict[str, str] = {}
        if draft.customer_id is None:
            errors["customer"] = "请选择投诉的客户"
        if draft.category not in {c.value for c in Category}:
            errors["category"] = "请从列表中选择投诉类别"
        if draft.severity not in {s.value for s in Severity}:
            errors["severity"] = "请选择严重程度"
        if draft.channel not in {c.value for c in ReportChannel}:
            errors["channel"] = "请选择投诉渠道"
        said = draft.customer_said.strip()
        if not said:
            errors["customer_said"] = "请记下客户说了什么（用客户自己的话）"
        elif len(said) > 2000:
            errors["customer_said"] = "最多 2000 字"
        if errors:
            raise ValidationError(errors)
        now = self._ctx.now()
        with self._ctx.change("登记投诉", "incident") as entry:
            customer = Customer.get_or_none(Customer.id == draft.customer_id)
            if customer is None:
                raise ValidationError({"customer": "所选客户已不存在，请重新选择"})
            if draft.service_record_id is not None:
                record = ServiceRecord.get_or_none(ServiceRecord.id == draft.service_record_id)
                if record is None or record.customer_id != customer.id:
                    raise ValidationError({"service_record": "所选服务记录不属于这位客户"})
            if draft.worker_id is not None and Worker.get_or_none(Worker.id == draft.worker_id) is None:
                raise ValidationError({"worker": "所选服务人员已不存在，请重新选择"})
            number = self._next_number(now.year)
            owner = self._ctx.on_duty_id
            incident = Incident.create(
                number=number,
                customer=customer.id,
                service_record=draft.service_record_id,
                worker=draft.worker_id,
                category=draft.category,
                severity=draft.severity,
                channel=draft.channel,
                customer_said=said,
                reported_at=now,
                reported_by=owner,
                status=Status.OPEN.value,
                current_step=Step.IDENTIFY,
                escalation_level=Level.CUSTOMER_SERVICE,
                owner=owner,
                created_at=now,
                updated_at=now,
            )
            Escalation.create(
                incident=incident.id,
                level=Level.CUSTOMER_SERVICE,
                at=now,
                reason="登记投诉",
                owner=owner,
                owner_name=self._ctx.on_duty_name,
            )
            entry.entity_id = incident.id
            entry.detail = {
                "编号": number,
                "客户": customer.address_as,
                "类别": Category(draft.category).label,
            }
            self._ctx.sync_reminders("incident", incident.id)
        return int(incident.id)

    def _next_number(self, year: int) -> str:
        name = f"incident-{year}"
        Counter.insert(name=name, value=0).on_conflict_ignore().execute()
        Counter.update(value=Counter.value + 1).where(Counter.name == name).execute()
        return incident_number(year, Counter.get_by_id(name).value)

    # -- reading ---------------------------------------------------------------------------------

    def _get(self, incident_id: int) -> Incident:
        incident = Incident.get_or_none(Incident.id == incident_id)
        if incident is None:
            raise NotFoundError("找不到这个事件，可能已被删除")
        return incident

    def get(self, incident_id: int) -> IncidentView:
        """The incident with its steps, remedies, callbacks and escalations."""
        return build_view(self._get(incident_id), self._ctx.now().tzinfo)

    def id_of(self, number: str) -> int | None:
        row = Incident.get_or_none(Incident.number == number.strip().upper())
        return None if row is None else int(row.id)

    # -- the ILEAD steps ----------------------------------------------------------------------------

    def complete_step(
        self,
        incident_id: int,
        step: Step,
        data: dict[str, str],
        remedies: list[RemedyDraft] | None = None,
        auth: Authorization | None = None,
        expected_version: int | None = None,
    ) -> StepOutcome:
        """Complete the current step, or correct one completed before (audited either way).

        行动 needs at least one remedy; compensation above the on-duty role's limit needs
        ``auth`` from someone allowed to approve it. Completing 行动 resolves the incident
        and schedules the day-3 callback; completing 深化 closes it. A 上门复查 remedy books its
        visit (a service record at that time), which raises a reminder when it falls due.
        ``expected_version`` is the ``IncidentView.row_version`` the form was filled from: when
        someone changed the incident since, nothing is saved and ``ConflictError`` says who and when.
        """
        incident = self._get(incident_id)
        existing = IncidentStep.get_or_none(IncidentStep.incident == incident_id, IncidentStep.step == step)
        correcting = existing is not None and existing.completed_at is not None
        if not correcting and step != incident.current_step:
            if incident.current_step > Step.DEEPEN:
                raise DomainError("这个事件已经关闭")
            raise DomainError(f"请先完成「{Step(incident.current_step).label}」这一步")
        has_callback = Callback.select().where(Callback.incident == incident_id).exists()
        # Every problem at once: the step's fields and, for 行动, its remedies.
        errors: dict[str, str] = {}
        clean: dict[str, str] = {}
        try:
            clean = validate_step(
                step,
                data,
                escalation_level=incident.escalation_level,
                root_causes=self._rules.root_causes_for(incident.id),
                has_callback=has_callback,
            )
        except ValidationError as exc:
            errors.update(exc.fields)
        checked = None
        if step == Step.ACT and (remedies or not correcting):
            booked = [v.served_at for v in self._booked_visits(incident_id)]
            try:
                checked = validate_remedies(remedies or [], self._ctx.now(), booked)
            except ValidationError as exc:
                errors.update(exc.fields)
        if errors:
            raise ValidationError(errors)
        if step == Step.EMPATHIZE and clean.get("manager"):
            self._check_manager(clean["manager"])
        now = self._ctx.now()
        action = "更正步骤" if correcting else "完成步骤"
        with self._ctx.change(action, "incident") as entry:
            bump(self._ctx, Incident, incident_id, expected_version)
            approver = self._approve(checked, auth) if checked is not None else None
            entry.entity_id = incident_id
            entry.detail = {"编号": incident.number, "步骤": step.label}
            if correcting:
                assert existing is not None
                before = json.loads(existing.data)
                entry.detail["更正"] = {
                    k: f"{before.get(k, '')} → {v}" for k, v in clean.items() if before.get(k, "") != v
                }
                IncidentStep.update(data=json.dumps(clean, ensure_ascii=False), corrected_at=now).where(
                    IncidentStep.id == existing.id
                ).execute()
            else:
                IncidentStep.insert(
                    incident=incident_id,
                    step=step,
                    data=json.dumps(clean, ensure_ascii=False),
                    completed_at=now,
                    completed_by=self._ctx.on_duty_id,
                ).on_conflict(
                    conflict_target=[IncidentStep.incident, IncidentStep.step],
                    update={
                        IncidentStep.data: json.dumps(clean, ensure_ascii=False),
                        IncidentStep.completed_at: now,
                        IncidentStep.completed_by: self._ctx.on_duty_id,
                        IncidentStep.corrected_at: None,
                    },
                ).execute()
            if checked is not None:
                kept = self._voucher_remedies(incident_id)
                kept_visits = self._booked_visits(incident_id)
                RemedyRecord.delete().where(RemedyRecord.incident == incident_id).execute()
                codes: list[str] = []
                visits: list[str] = []
                for remedy in checked:
                    RemedyRecord.create(
                        incident=incident_id,
                        kind=remedy.kind.value,
                        amount_fen=remedy.amount_fen,
                        note=remedy.note,
                        approved_by=approver,
                        voucher_id=self._voucher_for(incident, remedy, kept, codes),
                        visit_id=self._visit_for(incident, remedy, checked, kept_visits, visits),
                        created_at=now,
                    )
                self._drop_vouchers(incident, kept)
                for visit in kept_visits:  # a 复查 the corrected step no longer books
                    self._visits.cancel_within(visit.id)
                if codes:
                    entry.detail["补偿券"] = "、".join(codes)
                if visits:
                    entry.detail["复查"] = "、".join(visits)
                entry.detail["补救"] = "；".join(r.describe() for r in checked)
                if auth is not None:
                    entry.authorized_by(auth)
            outcome = StepOutcome(corrected=correcting)
            if not correcting:
                outcome = self._advance(incident, step, clean, now)
            entry.detail["结果"] = "已解决" if outcome.resolved else "已关闭" if outcome.closed else ""
            self._ctx.sync_reminders("incident", incident_id)
        return outcome

    @staticmethod
    def _check_manager(name: str) -> None:
        manager = Staff.get_or_none(Staff.name == name, Staff.active == True)  # noqa: E712
        if manager is None or Role(manager.role) < Role.REGIONAL_MANAGER:
            raise ValidationError({"manager": "负责的经理须是在职的区域经理或店主"})

    def _approve(self, remedies: list[Any], auth: Authorization | None) -> int | None:
        total = compensation_total(remedies)
        needed = role_needed(total, self._rules.limits())
        if needed <= self._ctx.on_duty_role():
            return auth.staff_id if auth else self._ctx.on_duty_id
        self._ctx.require(auth, needed, f"补偿 {format_fen(total)}")
        assert auth is not None
        return auth.staff_id

    # -- the vouchers a 行动 step issues, keeps or voids (inside its transaction) -------------------

    @staticmethod
    def _voucher_remedies(incident_id: int) -> list[Voucher]:
        """The vouchers earlier 行动 remedies of this incident issued (a correction may keep them)."""
        ids = [
            r.voucher_id
            for r in RemedyRecord.select(RemedyRecord.voucher_id).where(
                RemedyRecord.incident == incident_id, RemedyRecord.voucher_id.is_null(False)
            )
        ]
        return list(Voucher.select().where(Voucher.id.in_(ids)).order_by(Voucher.id)) if ids else []

    def _voucher_for(
        self, incident: Incident, remedy: Remedy, kept: list[Voucher], codes: list[str]
    ) -> int | None:
        """Issue the compensation voucher of a 补偿券 remedy (or keep the one issued before).

        A voucher is kept only when both its amount and its uses are the same: ¥200 in one use and
        ¥200 in two are different promises to the customer.
        """
        if remedy.kind != RemedyKind.VOUCHER or remedy.amount_fen <= 0:
            return None
        for voucher in kept:
            if voucher.value_fen == remedy.amount_fen and voucher.uses_total == remedy.uses:
                kept.remove(voucher)
                codes.append(voucher.code)
                return int(voucher.id)
        clean = self._vouchers.compensation_for(
            incident.id, incident.customer_id, remedy.amount_fen, remedy.uses
        )
        voucher_id, code = self._vouchers.issue_within(clean)
        codes.append(code)
        return voucher_id

    # -- the 复查 visits a 行动 step books, keeps or takes back (inside its transaction) -------------

    @staticmethod
    def _booked_visits(incident_id: int) -> list[ServiceRecord]:
        """The visits earlier 复查 remedies of this incident booked, soonest first."""
        ids = [
            r.visit_id
            for r in RemedyRecord.select(RemedyRecord.visit_id).where(
                RemedyRecord.incident == incident_id, RemedyRecord.visit_id.is_null(False)
            )
        ]
        if not ids:
            return []
        return list(ServiceRecord.select().where(ServiceRecord.id.in_(ids)).order_by(ServiceRecord.served_at))

    def _visit_for(
        self,
        incident: Incident,
        remedy: Remedy,
        remedies: list[Remedy],
        kept: list[ServiceRecord],
        booked: list[str],
    ) -> int | None:
        """Book the visit of a 上门复查 remedy (or keep the one booked before at the same time).

        The visit is of the complained-of service (else the customer's latest, else 日常保洁), free,
        by the same worker unless the remedies replace the worker (then the desk picks one).
        """
        if remedy.kind != RemedyKind.REINSPECT or remedy.visit_at is None:
            return None
        when = remedy.visit_at.astimezone(self._ctx.now().tzinfo)
        for visit in kept:
            if visit.served_at == remedy.visit_at:
                kept.remove(visit)
                booked.append(f"{when:%Y-%m-%d %H:%M}（已安排）")
                return int(visit.id)
        service_type = SERVICE_TYPES[0]
        if incident.service_record_id is not None and incident.service_record is not None:
            service_type = incident.service_record.service_type
        else:
            latest = (
                ServiceRecord.select(ServiceRecord.service_type)
                .where(
                    ServiceRecord.customer == incident.customer_id, ServiceRecord.served_at <= remedy.visit_at
                )
                .order_by(ServiceRecord.served_at.desc())
                .first()
            )
            service_type = latest.service_type if latest is not None else service_type
        replaced = any(r.kind == RemedyKind.REPLACE_WORKER for r in remedies)
        note = f"：{remedy.note}" if remedy.note else ""
        visit_id = self._visits.book_within(
            ServiceRecordDraft(
                customer_id=incident.customer_id,
                served_at=remedy.visit_at,
                service_type=service_type,
                worker_id=None if replaced else incident.worker_id,
                amount_text="0",
                notes=f"{incident.number} 上门复查{note}",
            )
        )
        booked.append(f"{when:%Y-%m-%d %H:%M}（服务记录 {visit_id}）")
        return visit_id

    def _drop_vouchers(self, incident: Incident, dropped: list[Voucher]) -> None:
        """Vouchers a corrected 行动 step no longer gives are voided, unless already used."""
        for voucher in dropped:
            if self._vouchers.has_redemptions(voucher.id):
                raise DomainError(f"补偿券 {voucher.code} 已经用过，不能在更正中去掉它或改金额、次数")
            self._vouchers.void_within(voucher.id, f"{incident.number} 更正行动步骤，补偿方式已改")

    def _advance(self, incident: Incident, step: Step, clean: dict[str, str], now: datetime) -> StepOutcome:
        changes: dict[str, Any] = {"current_step": step + 1, "updated_at": now}
        resolved = closed = False
        if step == Step.IDENTIFY and incident.first_response_at is None:
            changes["first_response_at"] = now
        if step == Step.ACT:
            customer = incident.customer
            start, end = customer.contact_start, customer.contact_end
            if not has_allowed_call_time(start, end):  # saved before windows were checked for meal times
                start, end = DEFAULT_WINDOW
            changes.update(
                status=Status.RESOLVED.value,
                resolved_at=now,
                callback_due_at=callback_due(now, start, end, self._rules.policy()),
            )
            resolved = True
        if step == Step.DEEPEN:
            changes.update(
                status=Status.CLOSED.value, closed_at=now, close_reason=clean.get("no_callback_reason", "")
            )
            closed = True
        Incident.update(**changes).where(Incident.id == incident.id).execute()
        return StepOutcome(resolved=resolved, closed=closed)

    def reopen_at_act(self, incident_id: int, reason: str) -> None:
        """Back to 行动 (inside the caller's transaction): the recovery did not hold.

        The caller's change raises the incident's ``row_version`` (once for the whole change).
        """
        IncidentStep.update(completed_at=None).where(
            IncidentStep.incident == incident_id, IncidentStep.step == Step.ACT
        ).execute()
        Incident.update(
            status=Status.OPEN.value,
            current_step=Step.ACT,
            resolved_at=None,
            callback_due_at=None,
            updated_at=self._ctx.now(),
        ).where(Incident.id == incident_id).execute()
        Escalation.create(
            incident=incident_id,
            level=Incident.get_by_id(incident_id).escalation_level,
            at=self._ctx.now(),
            reason=reason,
            owner=Incident.get_by_id(incident_id).owner_id,
            owner_name=self._ctx.on_duty_name,
        )
        self._ctx.sync_reminders("incident", incident_id)

    # -- escalation --------------------------------------------------------------------------------

    def refresh_escalations(self, only: int | None = None) -> list[int]:
        """Raise the level of every open incident (or just ``only``) whose deadline or period passed.

        Returns the ids raised. Levels only rise, one step per missed deadline and then per further
        resolution period left unresolved (``escalation_steps``), up to 运营总监. Each step up is its
        own change: one escalation row with who now owns the incident and one audit row, so an
        incident that missed two deadlines while the program was closed gets two of each. Running
        it again changes nothing until the next deadline passes.
        """
        now = self._ctx.now()
        policy = self._rules.policy()
        raised: list[int] = []
        candidates = Incident.select().where(
            Incident.status == Status.OPEN.value,
            Incident.escalation_level < TOP_LEVEL,
            Incident.reported_at <= now - timedelta(hours=policy.first_response_hours),
        )
        if only is not None:
            candidates = candidates.where(Incident.id == only)
        for incident in candidates:
            steps = escalation_steps(
                incident.reported_at, now, incident.first_response_at, incident.resolved_at, policy
            )
            level = Level.CUSTOMER_SERVICE + len(steps)
            if level <= incident.escalation_level:
                continue
            owner_id = incident.owner_id
            for new_level in range(incident.escalation_level + 1, level + 1):
                owner_id = self._escalate(incident, Level(new_level), steps[new_level - 2], owner_id)
            raised.append(int(incident.id))
        return raised

    def _escalate(
        self, incident: Incident, level: Level, missed: Deadline, owner_id: int | None
    ) -> int | None:
        """One step up, its own change; returns who owns the incident now."""
        now = self._ctx.now()
        owner = self._owner_for(level)
        reason = f"{missed.missed_text}（期限 {missed.due:%m-%d %H:%M}）"
        with self._ctx.change("事件升级", "incident") as entry:
            entry.by_name = SYSTEM
            Escalation.create(
                incident=incident.id,
                level=level,
                at=now,
                reason=reason,
                owner=owner.id if owner else None,
                owner_name=owner.name if owner else "",
            )
            Incident.update(
                escalation_level=level,
                owner=owner.id if owner else owner_id,
                updated_at=now,
                row_version=Incident.row_version + 1,
            ).where(Incident.id == incident.id).execute()
            entry.entity_id = incident.id
            entry.detail = {"编号": incident.number, "升级到": level.label, "原因": reason}
            # Usually changes nothing; an incident opened before the further periods existed gets the
            # reminders of its remaining steps here, so each new level still has its reminder.
            self._ctx.sync_reminders("incident", int(incident.id))
        return owner.id if owner else owner_id

    @staticmethod
    def _owner_for(level: Level) -> Staff | None:
        role = Role.REGIONAL_MANAGER if level == Level.REGIONAL_MANAGER else Role.OWNER
        query = Staff.select().where(Staff.active == True, Staff.role >= role).order_by(Staff.role, Staff.id)  # noqa: E712
        return query.first()
