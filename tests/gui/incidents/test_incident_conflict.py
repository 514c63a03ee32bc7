"""An incident step saved from two PCs: the detail whose save comes second is refused and keeps its form."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from jiazheng_desktop.domain.incidents import Category, Step
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.incidents.detail import TAKE_THEIRS, IncidentDetail
from jiazheng_desktop.services import build_services
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft


def test_a_refused_step_keeps_what_was_typed_and_says_who(
    qtbot, services, owner_auth, clock, no_message_boxes
) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    incident = services.incidents.open_incident(
        IncidentDraft(customer, Category.LATE.value, 2, customer_said="阿姨迟到了一个小时")
    )
    detail = IncidentDetail(services)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_incident(incident)

    other = build_services(clock)
    other.staff.set_on_duty(services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth))
    clock.advance(timedelta(minutes=3))
    seen = other.incidents.get(incident)
    other.incidents.complete_step(
        incident,
        Step.IDENTIFY,
        {"what_happened": "地铁停运", "root_cause": "交通"},
        expected_version=seen.row_version,
    )

    form = detail.forms[Step.IDENTIFY]
    what = form.widgets["what_happened"]
    cause = form.widgets["root_cause"]
    assert isinstance(what, QPlainTextEdit) and isinstance(cause, QComboBox)
    what.setPlainText("阿姨记错了时间")
    cause.setCurrentIndex(cause.findData("预约失误"))
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)

    assert len(no_message_boxes) == 1 and "周晓燕" in no_message_boxes[0]
    assert what.toPlainText() == "阿姨记错了时间"
    assert services.incidents.get(incident).steps[Step.IDENTIFY].data["what_happened"] == "地铁停运"

    # The detail now shows the other PC's change around the kept text; saving again is still refused.
    assert "「识别」刚在别处被修改并保存了" in detail.ui.notice_label.text()
    assert detail.shown_step == Step.IDENTIFY and what.toPlainText() == "阿姨记错了时间"
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)
    assert len(no_message_boxes) == 2

    # Asked for, the form takes what 周晓燕 saved; a correction made on it goes through.
    detail.ui.notice_label.linkActivated.emit(TAKE_THEIRS)  # the link in the notice
    assert what.toPlainText() == "地铁停运" and "已换成对方保存的内容" in detail.ui.notice_label.text()
    assert detail.open_step(Step.IDENTIFY)
    what.setPlainText("地铁停运，阿姨晚到一小时")
    assert detail.complete_shown_step()
    assert len(no_message_boxes) == 2
    stored = services.incidents.get(incident).steps[Step.IDENTIFY]
    assert stored.data["what_happened"] == "地铁停运，阿姨晚到一小时" and stored.corrected_at is not None


def test_a_change_heard_from_another_pc_keeps_the_text_typed_over_it(
    qtbot, services, owner_auth, clock, no_message_boxes
) -> None:
    """The detail re-reads on the other PC's change notice; a form with text typed here is not replaced."""
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    incident = services.incidents.open_incident(
        IncidentDraft(customer, Category.LATE.value, 2, customer_said="阿姨迟到了一个小时")
    )
    detail = IncidentDetail(services)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_incident(incident)
    form = detail.forms[Step.IDENTIFY]
    what = form.widgets["what_happened"]
    listen = detail.forms[Step.LISTEN].widgets["customer_account"]
    assert isinstance(what, QPlainTextEdit) and isinstance(listen, QPlainTextEdit)
    what.setPlainText("阿姨记错了时间")

    other = build_services(clock)
    other.staff.set_on_duty(services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth))
    seen = other.incidents.get(incident)
    other.incidents.complete_step(
        incident,
        Step.IDENTIFY,
        {"what_happened": "地铁停运", "root_cause": "交通"},
        expected_version=seen.row_version,
    )
    detail.refresh()  # what the office feed's notice does

    assert what.toPlainText() == "阿姨记错了时间"  # kept, not replaced by 周晓燕's text
    assert "「识别」刚在别处被修改并保存了" in detail.ui.notice_label.text()
    assert detail.shown_step == Step.LISTEN  # on to the step now due, as for any step done elsewhere
    assert detail.open_step(Step.IDENTIFY)
    cause = form.widgets["root_cause"]
    assert isinstance(cause, QComboBox)
    cause.setCurrentIndex(cause.findData("预约失误"))
    assert not detail.complete_shown_step()
    assert len(no_message_boxes) == 1 and "周晓燕" in no_message_boxes[0]
    assert services.incidents.get(incident).steps[Step.IDENTIFY].data["what_happened"] == "地铁停运"

    # A form nobody typed in follows the other PC's change, and saving from it goes through.
    other.incidents.complete_step(
        incident,
        Step.LISTEN,
        {"customer_account": "迟到一小时", "customer_needs": "下次准时"},
        expected_version=other.incidents.get(incident).row_version,
    )
    detail.refresh()
    assert listen.toPlainText() == "迟到一小时"
    assert detail.open_step(Step.LISTEN)
    listen.setPlainText("迟到一小时，孩子上学也晚了")
    assert detail.complete_shown_step()
    assert (
        services.incidents.get(incident).steps[Step.LISTEN].data["customer_account"]
        == "迟到一小时，孩子上学也晚了"
    )
