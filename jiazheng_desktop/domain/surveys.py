"""Satisfaction surveys after ordinary visits (满意度回访): when one is due, and what a recorded one holds.

Pure rules: no Qt, no database. A survey is due N days after a new customer's first visit and after
every Nth visit (the agency's rule, in settings); the score (1–5) and the note are kept only with the
customer's 回访记录保存, as for the day-3 callback. A score of ``LOW_SCORE`` or less is worth a complaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from .errors import ValidationError
from .reminders import at_reminder_time

DEFAULT_FIRST_DAYS = 2
DEFAULT_EVERY_NTH = 5
FIRST_DAYS_MAX = 30
EVERY_NTH_MAX = 50
LOW_SCORE = 3
"""A survey scored this or lower offers to open a complaint with the note filled in."""
NOTE_MAX = 500
STALE_DAYS = 30
"""A visit recorded this long after it took place gets no survey: nobody remembers it well enough."""

FIRST_SLOT = "first"
EVERY_SLOT = "every"


class Outcome(StrEnum):
    """How the survey call went (stored ids; the Chinese is a label)."""

    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.ANSWERED: "已回答",
    Outcome.NO_ANSWER: "没接通",
    Outcome.DECLINED: "客户不愿回答",
}


@dataclass(frozen=True)
class SurveyRule:
    first_days: int = DEFAULT_FIRST_DAYS
    """The survey falls due this many days after the visit (09:00), the first and every Nth alike."""
    every_nth: int = DEFAULT_EVERY_NTH
    """After every Nth visit of a customer (the 5th, 10th …); 0 turns these off."""


def validate_rule(first_days: int, every_nth: int) -> SurveyRule:
    """The owner's survey rule, or ``ValidationError`` saying what to fix."""
    errors: dict[str, str] = {}
    if not 1 <= first_days <= FIRST_DAYS_MAX:
        errors["first_days"] = f"满意度回访在服务后第几天提醒：请填 1 到 {FIRST_DAYS_MAX} 天"
    if not 0 <= every_nth <= EVERY_NTH_MAX:
        errors["every_nth"] = f"每几次服务回访一次：请填 0 到 {EVERY_NTH_MAX} 次（0 表示只回访第一次服务）"
    if errors:
        raise ValidationError(errors)
    return SurveyRule(first_days, every_nth)


def survey_slot(ordinal: int, rule: SurveyRule) -> str | None:
    """Which survey the customer's ``ordinal``-th visit (1 = the first) wants, or None.

    The first visit of a customer who had none before, and every ``every_nth`` visit after it.
    """
    if ordinal == 1:
        return FIRST_SLOT
    if rule.every_nth > 0 and ordinal % rule.every_nth == 0:
        return EVERY_SLOT
    return None


def survey_due(served_on: date, rule: SurveyRule, tz: tzinfo) -> datetime:
    """When the survey of a visit on ``served_on`` falls due: ``first_days`` later at the reminder time."""
    return at_reminder_time(served_on + timedelta(days=rule.first_days), tz)


def too_late(served_at: datetime, now: datetime) -> bool:
    """Whether a visit is too long ago for a survey (recorded long afterwards)."""
    return served_at < now - timedelta(days=STALE_DAYS)


@dataclass(frozen=True)
class CleanSurvey:
    outcome: Outcome
    score: int | None
    note: str


def validate_survey(outcome: str | None, score: int | None, note: str) -> CleanSurvey:
    """What staff entered, checked: an answered survey needs a score 1–5; the others have none."""
    errors: dict[str, str] = {}
    chosen: Outcome | None = None
    try:
        chosen = Outcome(outcome) if outcome else None
    except ValueError:
        chosen = None
    if chosen is None:
        errors["outcome"] = "请选择这次回访的结果：已回答、没接通或客户不愿回答"
    elif chosen is Outcome.ANSWERED and (score is None or not 1 <= score <= 5):
        errors["score"] = "请选择客户打的分数（1–5 分，5 分最满意）"
    clean_note = note.strip()
    if len(clean_note) > NOTE_MAX:
        errors["note"] = f"备注最多 {NOTE_MAX} 字，现在有 {len(clean_note)} 字"
    if errors or chosen is None:
        raise ValidationError(errors)
    return CleanSurvey(chosen, score if chosen is Outcome.ANSWERED else None, clean_note)
