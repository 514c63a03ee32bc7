"""Satisfaction surveys after ordinary visits: reminders after the first and every Nth visit, done when a
survey is recorded, the consent rule for the score and note, the low-score flag, the churn risk, the month."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from jiazheng_desktop.documents.monthly_report import render_monthly_report
from jiazheng_desktop.documents.styles import Letterhead
from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.reminders import Kind, State
from jiazheng_desktop.domain.templates import Scenario
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.surveys import SurveyDraft
from jiazheng_desktop.storage.models import AuditLog, Reminder, Survey
from tests.conftest import consent_to, make_draft
from tests.pdf_helpers import read_pdf


def _visit(services, customer_id: int, served_at: datetime) -> int:
    return services.service_records.add(
        ServiceRecordDraft(customer_id=customer_id, served_at=served_at, amount_text="150")
    )


def _surveys(state: State | None = None):  # type: ignore[no-untyped-def]
    query = Reminder.select().where(Reminder.kind == Kind.SURVEY.value).order_by(Reminder.id)
    return list(query if state is None else query.where(Reminder.state == state.value))


def test_a_new_customers_first_visit_wants_a_survey_two_days_later(services, clock) -> None:
    customer = services.customers.create(make_draft())
    visit = _visit(services, customer, clock.now() - timedelta(hours=3))
    [reminder] = _surveys()
    assert (reminder.subject, reminder.subject_id, reminder.slot) == ("service_record", visit, "first")
    tz = clock.now().tzinfo
    assert reminder.due_at == datetime.combine(clock.now().date() + timedelta(days=2), time(9), tzinfo=tz)
    assert reminder.customer_id == customer and reminder.state == State.PENDING.value
    assert reminder.title.startswith("王先生（王建国）：第一次服务")
    for _ in range(3):  # the 2nd to 4th visits want none
        clock.advance(timedelta(days=1))
        _visit(services, customer, clock.now())
    assert len(_surveys()) == 1


def test_every_nth_visit_wants_one_and_zero_turns_them_off(services, clock, owner_auth) -> None:
    customer = services.customers.create(make_draft())
    start = clock.now() - timedelta(days=20)
    visits = [_visit(services, customer, start + timedelta(days=i)) for i in range(5)]
    assert [(r.subject_id, r.slot) for r in _surveys()] == [(visits[0], "first"), (visits[4], "every")]
    assert "第 5 次服务" in _surveys()[1].title
    services.surveys.save_rule(3, 0, owner_auth)
    assert services.surveys.rule().every_nth == 0
    for i in range(5, 10):
        _visit(services, customer, start + timedelta(days=i))
    assert len(_surveys()) == 2  # no survey after the 10th


def test_the_rule_is_checked_and_kept_for_the_owner(services, owner_auth) -> None:
    with pytest.raises(ValidationError) as caught:
        services.surveys.save_rule(0, -1, owner_auth)
    assert set(caught.value.fields) == {"first_days", "every_nth"}
    assert "1 到 30 天" in caught.value.fields["first_days"]
    with pytest.raises(PermissionDenied):
        services.surveys.save_rule(3, 4, None)
    assert services.surveys.save_rule(3, 4, owner_auth).first_days == 3
    assert AuditLog.select().order_by(AuditLog.id.desc()).first().action == "修改满意度回访规则"


def test_no_survey_for_a_visit_recorded_long_after_it(services, clock) -> None:
    customer = services.customers.create(make_draft())
    _visit(services, customer, clock.now() - timedelta(days=45))
    assert _surveys() == []


def test_recording_a_survey_finishes_its_reminder(services, clock) -> None:
    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    visit = _visit(services, customer, clock.now() - timedelta(hours=2))
    clock.advance(timedelta(days=2, hours=1))  # 11:00, two days later: due
    services.reminders.raise_due()
    result = services.surveys.record(SurveyDraft(customer, "answered", 5, "阿姨很细心"))
    assert result.kept and not result.low_score
    [reminder] = _surveys()
    assert reminder.state == State.DONE.value and reminder.closed_by == "李店主"
    survey = Survey.get_by_id(result.survey_id)
    assert (survey.service_record_id, survey.score, survey.note, survey.consent) == (
        visit,
        5,
        "阿姨很细心",
        True,
    )
    assert services.surveys.for_customer(customer)[0].score == 5


def test_a_survey_before_its_day_removes_the_pending_reminder(services, clock) -> None:
    customer = services.customers.create(make_draft())
    _visit(services, customer, clock.now() - timedelta(hours=2))
    services.surveys.record(SurveyDraft(customer, "no_answer"))
    assert _surveys() == []  # not due yet: nothing left to remind


def test_without_the_callback_consent_the_score_and_note_are_dropped(services, clock) -> None:
    customer = services.customers.create(make_draft())
    _visit(services, customer, clock.now() - timedelta(hours=2))
    result = services.surveys.record(SurveyDraft(customer, "answered", 2, "擦窗不干净"))
    assert not result.kept and result.low_score  # the flag stands whatever the consent
    assert "分数和备注没有保存" in result.message
    survey = Survey.get_by_id(result.survey_id)
    assert (survey.outcome, survey.score, survey.note, survey.consent) == ("answered", None, "", False)
    assert services.lifecycle.history(customer).lowest_score_90d is None


def test_a_withdrawn_consent_clears_what_surveys_kept(services, clock) -> None:
    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _visit(services, customer, clock.now() - timedelta(hours=2))
    result = services.surveys.record(SurveyDraft(customer, "answered", 4, "很好"))
    consent_to(services, customer, Purpose.CALLBACK_RECORDS, granted=False)
    survey = Survey.get_by_id(result.survey_id)
    assert survey.score is None and survey.note == "客户撤回同意后删除"


@pytest.mark.parametrize(("score", "low"), [(3, True), (1, True), (4, False)])
def test_a_score_of_three_or_less_is_flagged(services, clock, score: int, low: bool) -> None:
    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _visit(services, customer, clock.now() - timedelta(hours=2))
    assert services.surveys.record(SurveyDraft(customer, "answered", score, "")).low_score is low


def test_bad_input_is_refused_in_chinese(services, clock) -> None:
    customer = services.customers.create(make_draft())
    with pytest.raises(ValidationError) as caught:
        services.surveys.record(SurveyDraft(customer, "answered", 6, "x" * 501))
    assert set(caught.value.fields) == {"score", "note"}
    with pytest.raises(ValidationError) as caught:
        services.surveys.record(SurveyDraft(customer, None))
    assert "已回答" in caught.value.fields["outcome"]
    with pytest.raises(ValidationError) as caught:  # nothing to ask about
        services.surveys.record(SurveyDraft(customer, "answered", 4))
    assert "还没有服务记录" in caught.value.fields["service_record"]
    assert Survey.select().count() == 0


def test_survey_scores_count_in_the_churn_risk(services, clock) -> None:
    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _visit(services, customer, clock.now() - timedelta(hours=2))
    services.surveys.record(SurveyDraft(customer, "answered", 2, "迟到了"))
    assert services.lifecycle.history(customer).lowest_score_90d == 2
    assessment = services.lifecycle.assess(customer)
    assert any(f.text == "回访 2 分" and f.points == 20 for f in assessment.factors)
    assert "回访 2 分 +20" in assessment.risk_text
    clock.advance(timedelta(days=91))  # older than 90 days: no longer counted
    assert services.lifecycle.history(customer).lowest_score_90d is None


def test_the_month_counts_surveys_and_their_average(services, clock, tmp_path) -> None:
    first = services.customers.create(make_draft())
    second = services.customers.create(make_draft(name="李梅", honorific="女士", phone="13912345678"))
    third = services.customers.create(make_draft(name="赵强", phone="13712345678"))
    for customer in (first, second):
        consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    for customer in (first, second, third):
        _visit(services, customer, clock.now() - timedelta(hours=2))
    services.surveys.record(SurveyDraft(first, "answered", 5))
    services.surveys.record(SurveyDraft(second, "answered", 2))
    services.surveys.record(SurveyDraft(third, "answered", 1))  # no consent: not kept, not averaged
    now = clock.now()
    f = services.monthly_report.figures(now.year, now.month)
    assert (f.surveys_total, f.surveys_scored, f.average_survey_score) == (3, 2, 3.5)
    assert [(r.customer_id, r.reasons) for r in f.at_risk] == [(second, ("服务后满意度回访只有 2 分",))]
    pdf = read_pdf(render_monthly_report(f, Letterhead("好帮手家政", "幸福路 8 号", ""), tmp_path / "r.pdf"))
    assert "满意度回访3次（2次评分）" in pdf.compact and "回访平均分3.5分" in pdf.compact


def test_the_default_library_has_the_survey_script(services, clock) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    visit = _visit(services, customer, clock.now() - timedelta(days=1))
    script = services.scripts.script_for_visit(customer, visit)
    assert script is not None and script.title == "满意度回访" and script.scenario is Scenario.SURVEY
    assert script.text.startswith("王先生您好") and "2026年11月22日我们到您家做了日常保洁" in script.text
    assert script.missing == ["公司电话"]  # the test agency has none


def test_erasure_clears_the_notes_and_ends_the_survey_reminders(services, clock, owner_auth) -> None:
    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _visit(services, customer, clock.now() - timedelta(days=3))
    kept = services.surveys.record(SurveyDraft(customer, "answered", 4, "很好"))
    clock.advance(timedelta(days=1))
    _visit(services, customer, clock.now() - timedelta(hours=1))
    _visit(services, customer, clock.now())
    for _ in range(2):
        _visit(services, customer, clock.now())
    assert len(_surveys(State.PENDING)) == 1  # the 5th visit's
    services.erasure.erase(customer, owner_auth)
    assert Survey.get_by_id(kept.survey_id).note == ""
    assert _surveys(State.PENDING) == []


def test_the_retention_job_clears_old_survey_scores_and_notes(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    services.retention.run(None, owner_auth)  # the owner confirms the first run
    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _visit(services, customer, clock.now() - timedelta(hours=1))
    survey = services.surveys.record(SurveyDraft(customer, "answered", 4, "很好")).survey_id
    clock.advance(timedelta(days=729))
    assert services.retention.status().plan.callbacks == 0
    clock.advance(timedelta(days=2))
    assert services.retention.status().plan.callbacks == 1  # counted with the callbacks
    assert services.retention.run_due().callbacks == 1
    row = Survey.get_by_id(survey)
    assert (row.score, row.note, row.outcome) == (None, "已按保存期限删除", "answered")


def test_the_timeline_shows_surveys_as_far_as_the_consent_allows(services, clock) -> None:
    customer = services.customers.create(make_draft())
    _visit(services, customer, clock.now() - timedelta(hours=1))
    services.surveys.record(SurveyDraft(customer, "answered", 2, "不满意"))
    clock.advance(timedelta(minutes=5))
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    services.surveys.record(SurveyDraft(customer, "answered", 5, "很好"))
    clock.advance(timedelta(minutes=5))
    services.surveys.record(SurveyDraft(customer, "no_answer"))
    details = [e.detail for e in services.customers.timeline(customer) if e.kind == "survey"]
    assert details == ["没接通", "满意度 5 分 · 很好", "客户未同意保存回访内容"]


def test_the_customers_copy_holds_their_surveys(services, clock, owner_auth) -> None:
    from openpyxl import load_workbook

    customer = services.customers.create(make_draft())
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _visit(services, customer, clock.now() - timedelta(hours=1))
    services.surveys.record(SurveyDraft(customer, "answered", 4, "阿姨很细心"))
    sheet = load_workbook(services.customer_export.export(customer, owner_auth).xlsx)["满意度回访"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[1:5] for row in rows] == [["已回答", "是", "4 分", "阿姨很细心"]]
