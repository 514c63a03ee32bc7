"""Satisfaction surveys after ordinary visits (满意度回访): the agency's rule, the reminders, the record.

A visit that wants a survey (a new customer's first visit, every Nth visit after it) gets a reminder
through ``ReminderService.sync("service_record", visit_id)``; recording any survey of the customer
finishes the survey reminders already due. The score and the note are kept only with the customer's
回访记录保存, as for the day-3 callback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.privacy import Purpose
from ..domain.reminders import ACTIVE_STATES, Kind
from ..domain.staff import Role
from ..domain.surveys import (
    DEFAULT_EVERY_NTH,
    DEFAULT_FIRST_DAYS,
    EVERY_NTH_MAX,
    FIRST_DAYS_MAX,
    LOW_SCORE,
    Outcome,
    SurveyRule,
    validate_rule,
    validate_survey,
)
from ..storage.models import Customer, Reminder, ServiceRecord, Survey
from .consents import ConsentService
from .context import Authorization, ServiceContext
from .settings import SettingsService

FIRST_DAYS_KEY = "survey.first_days"
EVERY_NTH_KEY = "survey.every_nth"


def read_rule(settings: SettingsService) -> SurveyRule:
    """The survey rule from settings (a damaged value falls back to its default)."""
    first = settings.get_value(FIRST_DAYS_KEY, DEFAULT_FIRST_DAYS)
    every = settings.get_value(EVERY_NTH_KEY, DEFAULT_EVERY_NTH)
    if not isinstance(first, int) or isinstance(first, bool) or not 1 <= first <= FIRST_DAYS_MAX:
        first = DEFAULT_FIRST_DAYS
    if not isinstance(every, int) or isinstance(every, bool) or not 0 <= every <= EVERY_NTH_MAX:
        every = DEFAULT_EVERY_NTH
    return SurveyRule(first, every)


@dataclass
class SurveyDraft:
    customer_id: int
    outcome: str | None
    score: int | None = None
    note: str = ""
    service_record_id: int | None = None
    """The visit asked about; None: the one whose survey is due, else the latest."""


@dataclass(frozen=True)
class SurveyResult:
    survey_id: int
    low_score: bool
    """Scored ``LOW_SCORE`` or less (whatever the consent): offer to open a complaint with the note."""
    kept: bool
    """The customer had granted 回访记录保存: the score and note were kept."""
    message: str


@dataclass(frozen=True)
class SurveyRow:
    id: int
    asked_at: datetime
    outcome: Outcome
    score: int | None
    note: str
    consent: bool
    service_record_id: int | None


class SurveyService:
    def __init__(self, context: ServiceContext, settings: SettingsService, consents: ConsentService) -> None:
        self._ctx = context
        self._settings = settings
        self._consents = consents

    # -- the rule ---------------------------------------------------------------------------------

    def rule(self) -> SurveyRule:
        return read_rule(self._settings)

    def save_rule(self, first_days: int, every_nth: int, auth: Authorization | None) -> SurveyRule:
        """Change when surveys fall due (the owner only). Reminders already made keep their time."""
        rule = validate_rule(first_days, every_nth)
        with self._ctx.change("修改满意度回访规则", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改满意度回访规则")
            assert auth is not None
            before = self.rule()
            self._settings.put(FIRST_DAYS_KEY, rule.first_days)
            self._settings.put(EVERY_NTH_KEY, rule.every_nth)
            entry.detail = {
                "服务后第几天": f"{before.first_days} → {rule.first_days}",
                "每几次服务": f"{before.every_nth} → {rule.every_nth}",
            }
            entry.authorized_by(auth)
        return rule

    # -- from visits ------------------------------------------------------------------------------

    def on_visit_added(self, record: ServiceRecord) -> None:
        """Inside the visit's transaction: the visit's survey reminder, if the rule wants one."""
        self._ctx.sync_reminders("service_record", int(record.id))

    def visit_for(self, customer_id: int, service_record_id: int | None = None) -> int | None:
        """The visit a survey of the customer is about: the one given (if it is theirs), else the one whose
        survey reminder is waiting (the oldest), else the latest visit; None when they have none."""
        if service_record_id is not None:
            found = ServiceRecord.get_or_none(
                (ServiceRecord.id == service_record_id) & (ServiceRecord.customer == customer_id)
            )
            if found is not None:
                return int(found.id)
        waiting = (
            Reminder.select(Reminder.subject_id)
            .where(
                (Reminder.customer == customer_id)
                & (Reminder.kind == Kind.SURVEY.value)
                & Reminder.state.in_([s.value for s in ACTIVE_STATES])
            )
            .order_by(Reminder.due_at)
            .first()
        )
        if waiting is not None and ServiceRecord.get_or_none(ServiceRecord.id == waiting.subject_id):
            return int(waiting.subject_id)
        latest = (
            ServiceRecord.select(ServiceRecord.id)
            .where(ServiceRecord.customer == customer_id)
            .order_by(ServiceRecord.served_at.desc(), ServiceRecord.id.desc())
            .first()
        )
        return int(latest.id) if latest is not None else None

    # -- recording one ----------------------------------------------------------------------------

    def record(self, draft: SurveyDraft) -> SurveyResult:
        """Store a survey call. Without 回访记录保存 only the fact, time and outcome are kept (the score and
        the note are dropped, and the message says so). Finishes the customer's survey reminders due."""
        clean = validate_survey(draft.outcome, draft.score, draft.note)
        with self._ctx.change("满意度回访", "customer") as entry:
            customer = Customer.get_or_none(Customer.id == draft.customer_id)
            if customer is None:
                raise NotFoundError("找不到这位客户，可能已被删除")
            if customer.erased_at is not None:
                raise DomainError("这位客户的个人信息已经删除，不能再做满意度回访")
            visit_id = self.visit_for(customer.id, draft.service_record_id)
            if visit_id is None:
                raise ValidationError({"service_record": "这位客户还没有服务记录，没有可以回访的服务"})
            keep = self._consents.has(customer.id, Purpose.CALLBACK_RECORDS)
            survey = Survey.create(
                customer=customer.id,
                service_record=visit_id,
                outcome=clean.outcome.value,
                score=clean.score if keep else None,
                note=clean.note if keep else "",
                consent=keep,
                asked_at=self._ctx.now(),
                staff=self._ctx.on_duty_id,
            )
            waiting = Reminder.select(Reminder.subject_id).where(
                (Reminder.customer == customer.id)
                & (Reminder.kind == Kind.SURVEY.value)
                & Reminder.state.in_([s.value for s in ACTIVE_STATES])
            )
            for subject_id in {int(r.subject_id) for r in waiting} | {visit_id}:
                self._ctx.sync_reminders("service_record", subject_id, acted=True)
            entry.entity_id = customer.id
            entry.detail = {"结果": clean.outcome.label, "同意保存记录": "是" if keep else "否"}
            if keep and clean.score is not None:
                entry.detail["分数"] = clean.score
        low = clean.score is not None and clean.score <= LOW_SCORE
        message = "满意度回访已记录。"
        if not keep and (clean.score is not None or clean.note):
            message += "客户没有同意保存回访记录：只记下了回访的时间和结果，分数和备注没有保存。"
        if low:
            message += f"客户只打了 {clean.score} 分。"
        return SurveyResult(int(survey.id), low, keep, message)

    def for_customer(self, customer_id: int) -> list[SurveyRow]:
        """The customer's surveys, newest first."""
        return [
            SurveyRow(
                int(s.id),
                s.asked_at,
                Outcome(s.outcome),
                s.score,
                s.note,
                bool(s.consent),
                s.service_record_id,
            )
            for s in Survey.select()
            .where(Survey.customer == customer_id)
            .order_by(Survey.asked_at.desc(), Survey.id.desc())
        ]
