"""One complaint from the phone call to closed, through the real window, as a front-desk person would.

The burst water pipe: reported with Ctrl+I from the customer's page, walked through the five
ILEAD steps, an emergency repair and a ¥200 fee waiver approved by the regional manager,
the day-3 callback (satisfaction 5, consent given), and the improvement that closes it.
"""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QPlainTextEdit

from jiazheng_desktop.domain.incidents import Category, RemedyKind, Status, Step
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.gui.incidents.callback_dialog import CallbackDialog
from jiazheng_desktop.gui.incidents.incident_dialog import IncidentDialog
from jiazheng_desktop.gui.window.shell import build_main_window
from tests.backends import backend, fresh_database  # noqa: F401 (fixtures)
from tests.conftest import grants, make_draft, ready_services


# This module's tests run on both back-ends (tests/backends.py), as the service tests do.
@pytest.fixture
def services(backend, request, data_paths, clock):  # type: ignore[no-untyped-def]  # noqa: F811
    request.getfixturevalue("fresh_database")
    yield ready_services(clock, data_paths)
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    # Reads the window started are answered while its database is still there.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, QDeadlineTimer(1000))


pytestmark = pytest.mark.usefixtures("no_message_boxes")

SAID = "厨房水管突然爆裂，水漫到客厅了，家里只有老人，快来人！"


def _type(form, name: str, text: str) -> None:
    widget = form.widgets[name]
    assert isinstance(widget, QPlainTextEdit)
    widget.setPlainText(text)


def _choose(form, name: str, value: str) -> None:
    widget = form.widgets[name]
    assert isinstance(widget, QComboBox)
    widget.setCurrentIndex(widget.findData(value))


def test_burst_pipe_from_report_to_closed(services, qtbot, owner_auth, qsettings, clock, monkeypatch) -> None:
    services.scripts.ensure_seeded()
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    manager = services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    worker = services.workers.create(WorkerDraft(name="刘阿姨", phone="13511112222", skills=("日常保洁",)))
    customer = services.customers.create(
        make_draft(contact_start=time(9), contact_end=time(20), household_notes="家里有 80 岁老人"),
        grants(services, Purpose.HOUSEHOLD_NOTES),
    )
    services.service_records.add(
        ServiceRecordDraft(customer, clock.now() - timedelta(hours=3), "日常保洁", worker, "120")
    )

    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    window.navigator.open_customer(customer)  # the window opens on 工作台: go to the customer

    # 1. The call comes in: Ctrl+I on the customer's page opens the report for that customer.
    def report(dialog: IncidentDialog) -> int:
        ui = dialog.ui
        assert dialog.customer_id == customer  # prefilled from the page on screen
        ui.service_record_combo.setCurrentIndex(1)  # today's visit, the newest one listed
        assert ui.worker_combo.currentData() == worker  # its worker comes with it
        ui.category_combo.setCurrentIndex(ui.category_combo.findData(Category.EMERGENCY.value))
        ui.severity_combo.setCurrentIndex(ui.severity_combo.findData(3))
        ui.customer_said_edit.setPlainText(SAID)
        qtbot.mouseClick(
            ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        return dialog.result()

    monkeypatch.setattr(IncidentDialog, "exec", report)
    shortcut = next(s for s in window.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+I"))
    shortcut.activated.emit()
    assert window.current_page_key() == "incidents"
    page = window.page("incidents")
    detail = page.detail
    incident = services.incidents.id_of("SJ-2026-0001")
    assert incident is not None
    assert services.incidents.get(incident).status == Status.OPEN
    assert "SJ-2026-0001" in detail.ui.title_label.text()
    assert detail.ui.countdown_label.text().startswith("首次响应")
    assert "{" not in detail.script_panel.text() and detail.script_panel.text()

    # 2. I-L-E, minutes apart.
    clock.advance(timedelta(minutes=3))
    form = detail.forms[Step.IDENTIFY]
    _type(form, "what_happened", "厨房冷水管接头老化爆裂，水漫到客厅")
    _choose(form, "root_cause", "设备老化")
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)
    form = detail.forms[Step.LISTEN]
    _type(form, "customer_account", SAID)
    _type(form, "customer_needs", "马上止水，尽快修好")
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)
    form = detail.forms[Step.EMPATHIZE]
    _type(form, "apology", "非常抱歉让您和老人受惊了，我们马上处理")
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)
    assert detail.shown_step == Step.ACT

    # 3. 行动: emergency repair and a ¥200 fee waiver: above the clerk's ¥100, the manager approves.
    asked: list[Role] = []

    def approve(_parent, svc, role, _what):
        asked.append(role)
        return svc.staff.authorize(manager, "manager-pw", role, "批准补偿")

    monkeypatch.setattr("jiazheng_desktop.gui.incidents.detail.ask_authorization", approve)
    form = detail.forms[Step.ACT]
    _type(form, "action_plan", "电话指导关总阀和电源；维修师傅一小时内上门换接头并清理积水")
    editor = form.remedy_editor
    while len(editor.rows) < 2:
        editor.add_row()
    editor.rows[0].kind_combo.setCurrentIndex(
        editor.rows[0].kind_combo.findData(RemedyKind.EMERGENCY_REPAIR.value)
    )
    editor.rows[0].note_edit.setText("一小时内上门")
    editor.rows[1].kind_combo.setCurrentIndex(editor.rows[1].kind_combo.findData(RemedyKind.FEE_WAIVER.value))
    editor.rows[1].amount_edit.setText("200")
    editor.rows[1].note_edit.setText("本次维修上门费")
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)
    assert asked == [Role.REGIONAL_MANAGER]
    view = services.incidents.get(incident)
    assert view.status == Status.RESOLVED and view.compensation_fen == 20000
    assert [r.approved_by for r in view.remedies] == ["陈志强", "陈志强"]
    due = view.callback_due_at
    assert due is not None and due.date() == (clock.now() + timedelta(days=3)).date()

    # 4. Day 3: the callback, satisfied (5), the customer agrees to keep the record.
    clock.set(due)

    def call(dialog: CallbackDialog) -> int:
        clock.advance(timedelta(minutes=4))
        dialog.update_elapsed()
        assert "04:00" in dialog.ui.timer_label.text()
        dialog.ui.stable_yes_radio.setChecked(True)
        dialog.ui.satisfaction_5_radio.setChecked(True)
        dialog.ui.note_edit.setPlainText("水管没再漏，老人也安心了")
        asking = dialog.open_consent_dialog()  # 征求同意…: the customer agrees
        assert asking is not None
        asking.set_answer(Purpose.CALLBACK_RECORDS, True)
        asking.button_box.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.consent_granted
        save = dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CallbackDialog, "exec", call)
    assert detail.ui.callback_button.isVisibleTo(detail)
    qtbot.mouseClick(detail.ui.callback_button, Qt.MouseButton.LeftButton)
    call_record = services.incidents.get(incident).callbacks[0]
    assert (call_record.satisfaction, call_record.note, call_record.consent) == (
        5,
        "水管没再漏，老人也安心了",
        True,
    )

    # 5. 深化: the improvement closes the incident.
    form = detail.forms[Step.DEEPEN]
    _type(form, "improvement", "给老人客户家的总阀贴标识，回访时提醒检查水管")
    _choose(form, "improvement_kind", "流程调整")
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)
    view = services.incidents.get(incident)
    assert view.status == Status.CLOSED and view.level == 1
    assert all(view.steps[step].done for step in Step)

    # The customer's timeline tells the story.
    window.show_page("customers")
    timeline = [
        window.page("customers").detail.ui.timeline_list.item(i).text()
        for i in range(window.page("customers").detail.ui.timeline_list.count())
    ]
    assert any("SJ-2026-0001" in line and "已关闭" in line for line in timeline)
    assert any("三日回访" in line and "满意度 5 分" in line for line in timeline)
