"""满意度回访: the dialog (script, outcome, score, note, consent), its checks, the way in from the reminder and
the profile, the low-score complaint offer, and the rule on 设置 → 基本设置."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.reminders import Kind
from jiazheng_desktop.domain.surveys import Outcome
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.common import messages
from jiazheng_desktop.gui.customers.survey_dialog import SurveyDialog
from jiazheng_desktop.gui.incidents.incident_dialog import IncidentDialog
from jiazheng_desktop.gui.reminders.controller import place_opener
from jiazheng_desktop.gui.settings.survey_rule_box import SurveyRuleBox
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.storage.models import Incident, Reminder, Survey
from tests.conftest import consent_to, make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture
def visited(services, clock) -> tuple[int, int]:
    """A new customer with a first visit two days ago (its survey reminder is due)."""
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    visit = services.service_records.add(
        ServiceRecordDraft(customer_id=customer, served_at=clock.now() - timedelta(days=2), amount_text="150")
    )
    return customer, visit


def _save(dialog: SurveyDialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_the_dialog_shows_the_script_and_saves_the_survey(qtbot, services, visited) -> None:
    customer, visit = visited
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    dialog = SurveyDialog(services, customer)
    qtbot.addWidget(dialog)
    assert dialog.service_record_id == visit and "日常保洁" in dialog.visit_label.text()
    assert (
        dialog.script_view.toPlainText().startswith("王先生您好")
        and "您打几分" in dialog.script_view.toPlainText()
    )
    assert "已同意" in dialog.consent_label.text()
    dialog.score_radios[4].click()  # a score means it was answered
    assert dialog.outcome_radios[Outcome.ANSWERED].isChecked()
    dialog.note_edit.setPlainText("阿姨很细心")
    _save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.complaint_wanted
    survey = Survey.get()
    assert (survey.score, survey.note, survey.service_record_id) == (5, "阿姨很细心", visit)
    assert Reminder.get(Reminder.kind == Kind.SURVEY.value).state == "done"


def test_mistakes_are_shown_by_their_fields_and_nothing_typed_is_lost(qtbot, services, visited) -> None:
    customer, _visit = visited
    dialog = SurveyDialog(services, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.outcome_radios[Outcome.ANSWERED].click()
    dialog.note_edit.setPlainText("还没问分数")
    _save(dialog)
    assert dialog.isVisible() and "1–5 分" in dialog.errors.message("score")
    assert dialog.note_edit.toPlainText() == "还没问分数" and Survey.select().count() == 0


def test_without_consent_the_note_is_not_kept_and_the_user_is_told(
    qtbot, services, visited, no_message_boxes
) -> None:
    customer, _visit = visited
    dialog = SurveyDialog(services, customer)
    qtbot.addWidget(dialog)
    assert "未征求" in dialog.consent_label.text() and "不会保存" in dialog.consent_hint_label.text()
    dialog.score_radios[3].click()
    dialog.note_edit.setPlainText("挺好")
    _save(dialog)
    assert Survey.get().note == "" and Survey.get().score is None
    assert any("分数和备注没有保存" in text for text in no_message_boxes)


def test_a_low_score_from_the_reminder_goes_on_to_a_complaint_with_the_note(
    qtbot, services, qsettings, visited, clock, monkeypatch
) -> None:
    customer, visit = visited
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, text, title=None, yes=None: asked.append(title) or True
    )
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.show()
    [row] = services.reminders.raise_due()
    assert row.kind == Kind.SURVEY
    seen: list[IncidentDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SurveyDialog):
            dialog.score_radios[1].click()
            dialog.note_edit.setPlainText("擦窗不干净，地上有水印")
            _save(dialog)
            QTimer.singleShot(20, answer)
        elif isinstance(dialog, IncidentDialog):
            seen.append(dialog)
            dialog.reject()  # confirm is answered yes: it closes
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    place_opener(window.navigator, lambda _id: None)(row)
    assert asked[0] == "要登记为投诉吗？"
    assert seen, "the complaint dialog did not open"
    complaint = seen[0]
    assert complaint.customer_id == customer
    assert complaint.ui.customer_said_edit.toPlainText() == "擦窗不干净，地上有水印"
    assert complaint.ui.service_record_combo.currentData() == visit
    assert Survey.get().score == 2 and Incident.select().count() == 0  # nothing saved without 登记


def test_the_profiles_more_menu_opens_the_survey(qtbot, services, qsettings, visited) -> None:
    customer, _visit = visited
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.show()
    window.navigator.open_customer(customer)
    detail = window.page("customers").detail
    opened: list[str] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SurveyDialog):
            QTimer.singleShot(20, cancel)
            return
        opened.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert detail.survey_action.text() == "满意度回访…"
    detail.survey_action.trigger()
    assert opened == ["满意度回访：王先生"] and Survey.select().count() == 0


def test_the_rule_box_saves_with_the_owners_password(qtbot, services, owner_auth, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.survey_rule_box.ask_authorization",
        lambda _p, _s, _r, what: asked.append(what) or owner_auth,
    )
    box = SurveyRuleBox(services)
    qtbot.addWidget(box)
    assert (box.days_spin.value(), box.every_spin.value()) == (2, 5)
    box.every_spin.setValue(0)
    assert box.every_spin.text() == "不回访（只回访第一次服务）"
    box.days_spin.setValue(3)
    with qtbot.waitSignal(box.rule_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    rule = services.surveys.rule()
    assert (rule.first_days, rule.every_nth) == (3, 0) and asked == ["修改满意度回访规则"]
    assert box.status_label.text() == "已保存"
