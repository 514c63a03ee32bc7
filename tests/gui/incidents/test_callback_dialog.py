"""The day-3 callback dialog through its real widgets, on a real database file, with the clock moved by hand."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Status, Step
from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS, Purpose
from jiazheng_desktop.gui.incidents.callback_dialog import AMBER, RED, CallbackDialog
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import Confirmations, consent_to, make_draft


@pytest.fixture(autouse=True)
def confirm(confirmations: Confirmations) -> Confirmations:
    return confirmations


@pytest.fixture
def errors_shown(no_message_boxes: list[str]) -> list[str]:
    return no_message_boxes


def open_incident(services: Services) -> int:
    customer = services.customers.create(
        make_draft(phone="13812345678", phone2="021 5888 6666", contact_start=time(9), contact_end=time(20))
    )
    return services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer,
            category=Category.DAMAGE.value,
            severity=2,
            customer_said="阿姨把青花瓷花瓶碰倒了",
        )
    )


@pytest.fixture
def resolved(services: Services, clock) -> int:
    """An incident walked through 识别, 倾听, 共情 and 行动, three days before the callback."""
    services.scripts.ensure_seeded()
    incident = open_incident(services)
    steps = (
        (Step.IDENTIFY, {"what_happened": "擦柜子时碰倒花瓶", "root_cause": "技能不足"}),
        (Step.LISTEN, {"customer_account": "花瓶是家里老人的", "customer_needs": "赔偿并道歉"}),
        (Step.EMPATHIZE, {"apology": "非常抱歉，是我们的责任"}),
    )
    for step, data in steps:
        services.incidents.complete_step(incident, step, data)
    services.incidents.complete_step(
        incident,
        Step.ACT,
        {"action_plan": "照价赔偿"},
        [RemedyDraft(RemedyKind.REFUND.value, "80", "花瓶赔偿")],
    )
    clock.advance(timedelta(days=3))
    return incident


def open_dialog(qtbot, services: Services, incident: int) -> CallbackDialog:
    dialog = CallbackDialog(services, incident)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_save(qtbot, dialog: CallbackDialog) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_header_and_the_filled_in_script(qtbot, services: Services, resolved: int) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    ui = dialog.ui
    assert dialog.windowTitle() == "三日回访：SJ-2026-0001"
    assert ui.title_label.text() == "SJ-2026-0001 · 王先生（王建国）"
    assert "13812345678" in ui.phones_label.text() and " / " in ui.phones_label.text()
    assert "退款 ¥80.00" in ui.summary_label.text()
    assert ui.summary_label.text().startswith("投诉：物品损坏。")
    script = ui.script_edit.toPlainText()
    assert ui.script_edit.isReadOnly() and "王先生" in script and "{" not in script
    assert ui.consent_state_label.text() == "客户的意见：未征求"
    assert "不同意时只记录回访的时间" in ui.consent_hint_label.text()
    assert ui.questions_group.title() == "回访问题（客户未同意保存：回答和备注不会保存）"
    assert ui.consent_button.text() == "征求同意(&A)…"
    assert [ui.satisfaction_group.id(b) for b in ui.satisfaction_group.buttons()] == [1, 2, 3, 4, 5]
    assert ui.satisfaction_5_radio.text() == "&5 非常满意"
    assert dialog.focusWidget() is ui.stable_yes_radio


def test_without_a_callback_script_the_box_says_where_to_add_one(qtbot, services: Services) -> None:
    incident = open_incident(services)  # the library was never seeded
    dialog = open_dialog(qtbot, services, incident)
    assert "话术模板" in dialog.ui.script_edit.toPlainText()


def test_the_timer_counts_from_the_injected_clock(qtbot, services: Services, resolved: int, clock) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    ui = dialog.ui
    assert dialog.call_timer.isActive() and dialog.call_timer.interval() == 1000
    assert ui.timer_label.text() == "通话计时 00:00 / 05:00"
    clock.advance(timedelta(minutes=2, seconds=15))
    dialog.call_timer.timeout.emit()
    assert ui.timer_label.text() == "通话计时 02:15 / 05:00"
    assert ui.timer_bar.value() == 135 and ui.timer_bar.maximum() == 300
    assert ui.timer_bar.styleSheet() == "" and not ui.timer_warning_label.isVisible()
    clock.advance(timedelta(minutes=1, seconds=45))  # 4:00
    dialog.call_timer.timeout.emit()
    assert AMBER in ui.timer_bar.styleSheet() and not ui.timer_warning_label.isVisible()
    clock.advance(timedelta(minutes=1, seconds=1))  # 5:01
    dialog.call_timer.timeout.emit()
    assert ui.timer_label.text() == "通话计时 05:01 / 05:00"
    assert RED in ui.timer_bar.styleSheet() and ui.timer_bar.value() == 300
    assert ui.timer_warning_label.isVisible()
    assert ui.timer_warning_label.text() == "已超过 5 分钟，请礼貌地结束通话"


def test_missing_answers_are_reported_next_to_the_questions(qtbot, services: Services, resolved: int) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    dialog.ui.note_edit.setPlainText("客户说花瓶已经找人修好了")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.callback_id is None
    assert "是否稳定" in dialog.errors.message("stable")
    assert "满意度" in dialog.errors.message("satisfaction")
    assert dialog.ui.note_edit.toPlainText() == "客户说花瓶已经找人修好了"
    assert services.incidents.get(resolved).callbacks == []


def ask_consent(qtbot, dialog: CallbackDialog, granted: bool) -> None:
    """征求同意… in the callback, the customer's answer, 记下回答."""
    qtbot.mouseClick(dialog.ui.consent_button, Qt.MouseButton.LeftButton)
    asking = dialog.consent_dialog
    assert asking is not None and asking.isVisible() and asking.purposes == (Purpose.CALLBACK_RECORDS,)
    assert DEFAULT_WORDINGS[Purpose.CALLBACK_RECORDS] in asking.script_text()
    asking.set_answer(Purpose.CALLBACK_RECORDS, granted)
    qtbot.mouseClick(
        asking.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert asking.result() == QDialog.DialogCode.Accepted


def test_a_happy_customer_with_consent_keeps_the_note(
    qtbot, services: Services, resolved: int, clock
) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    ui = dialog.ui
    ui.stable_yes_radio.setChecked(True)
    ui.satisfaction_5_radio.setChecked(True)
    ui.note_edit.setPlainText("客户很满意，说下个月还约刘阿姨")
    ask_consent(qtbot, dialog, True)
    assert ui.consent_state_label.text().startswith("客户的意见：已同意（2026-11-26，电话，李店主）")
    assert ui.questions_group.title() == "回访问题" and "都会保存" in ui.consent_hint_label.text()
    assert ui.note_edit.toPlainText() == "客户很满意，说下个月还约刘阿姨"  # nothing typed is lost
    clock.advance(timedelta(minutes=3, seconds=20))
    with qtbot.waitSignal(dialog.callback_recorded) as recorded:
        click_save(qtbot, dialog)
    assert recorded.args == [resolved]
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.call_timer.isActive()
    assert dialog.reopened is False and "深化" in dialog.result_message
    call = services.incidents.get(resolved).callbacks[0]
    assert (call.consent, call.stable, call.satisfaction) == (True, True, 5)
    assert call.note == "客户很满意，说下个月还约刘阿姨" and call.duration_seconds == 200


def test_a_low_score_reopens_the_incident(qtbot, services: Services, resolved: int) -> None:
    customer = services.incidents.get(resolved).customer_id
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)  # agreed before the call
    dialog = open_dialog(qtbot, services, resolved)
    assert dialog.consent_granted and dialog.ui.consent_button.text() == "改记客户意见(&A)…"
    dialog.ui.stable_no_radio.setChecked(True)
    dialog.ui.satisfaction_2_radio.setChecked(True)
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.reopened is True and "重新打开" in dialog.result_message
    view = services.incidents.get(resolved)
    assert view.status == Status.OPEN and view.current_step == Step.ACT


def test_without_consent_no_answers_or_note_are_kept(qtbot, services: Services, resolved: int) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    dialog.ui.stable_yes_radio.setChecked(True)
    dialog.ui.satisfaction_4_radio.setChecked(True)
    dialog.ui.note_edit.setPlainText("家里老人身体不好")
    assert not dialog.consent_granted  # never assumed
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "回答和备注没有保存" in dialog.result_message
    call = services.incidents.get(resolved).callbacks[0]
    assert (call.consent, call.stable, call.satisfaction, call.note) == (False, None, None, "")


def test_a_customer_who_withdraws_during_the_call_keeps_nothing(
    qtbot, services: Services, resolved: int
) -> None:
    customer = services.incidents.get(resolved).customer_id
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    dialog = open_dialog(qtbot, services, resolved)
    dialog.ui.stable_yes_radio.setChecked(True)
    dialog.ui.satisfaction_4_radio.setChecked(True)
    dialog.ui.note_edit.setPlainText("客户说以后别记了")
    ask_consent(qtbot, dialog, False)
    assert dialog.ui.consent_state_label.text().startswith("客户的意见：不同意/已撤回")
    assert "不会保存" in dialog.ui.note_edit.placeholderText()
    click_save(qtbot, dialog)
    call = services.incidents.get(resolved).callbacks[0]
    assert (call.consent, call.satisfaction, call.note) == (False, None, "")
    entry = services.consents.history(customer)[0]
    assert (entry.purpose, entry.granted, entry.channel.label) == (Purpose.CALLBACK_RECORDS, False, "电话")


def test_an_unresolved_incident_is_refused_in_a_message(
    qtbot, services: Services, errors_shown: list[str]
) -> None:
    incident = open_incident(services)
    dialog = open_dialog(qtbot, services, incident)
    dialog.ui.stable_yes_radio.setChecked(True)
    dialog.ui.satisfaction_3_radio.setChecked(True)
    click_save(qtbot, dialog)
    assert errors_shown and "还没有解决" in errors_shown[0]
    assert dialog.isVisible() and dialog.ui.satisfaction_3_radio.isChecked()


def test_closing_with_answers_asks_first(qtbot, services: Services, resolved: int, confirm) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    dialog.ui.satisfaction_4_radio.setChecked(True)
    confirm.answers = [False]
    dialog.close()
    assert dialog.isVisible() and "回访还没有保存" in confirm.questions[0]
    assert dialog.call_timer.isActive()
    dialog.close()
    assert not dialog.isVisible() and not dialog.call_timer.isActive()
    assert services.incidents.get(resolved).callbacks == []


def test_closing_before_any_answer_does_not_ask(qtbot, services: Services, resolved: int, confirm) -> None:
    dialog = open_dialog(qtbot, services, resolved)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and confirm.questions == []
