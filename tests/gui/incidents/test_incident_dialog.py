"""The complaint dialog through its real widgets, on a real database file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.incidents import Category, ReportChannel, Severity
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.gui.incidents.incident_dialog import IncidentDialog
from jiazheng_desktop.services import Services
from tests.conftest import Confirmations, make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture(autouse=True)
def confirm(no_message_boxes: list[str], confirmations: Confirmations) -> Confirmations:
    return confirmations


def open_dialog(qtbot, services: Services, customer_id: int | None = None) -> IncidentDialog:
    dialog = IncidentDialog(services, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_save(qtbot, dialog: IncidentDialog) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def add_visit(services: Services, customer: int, worker: int | None, days_ago: int, kind: str) -> int:
    return services.service_records.add(
        ServiceRecordDraft(
            customer_id=customer,
            served_at=services.context.now() - timedelta(days=days_ago),
            service_type=kind,
            worker_id=worker,
            amount_text="200",
        )
    )


def test_search_by_pinyin_initials_and_pick_with_the_keyboard(qtbot, services: Services) -> None:
    services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    wang = services.customers.create(make_draft(name="王建国", honorific="先生", phone="13812345678"))
    wang_li = services.customers.create(make_draft(name="王丽", honorific="女士", phone="13812340000"))
    dialog = open_dialog(qtbot, services)
    ui = dialog.ui
    assert dialog.focusWidget() is ui.customer_search_edit
    assert ui.customer_search_edit.placeholderText().startswith("输入姓名")
    assert ui.button_box.button(QDialogButtonBox.StandardButton.Save).text() == "登记(&S)"

    qtbot.keyClicks(ui.customer_search_edit, "1381234")
    assert dialog.run_search() == 2
    assert ui.customer_result_list.isVisible() and ui.customer_result_list.currentRow() == 0
    qtbot.keyClick(ui.customer_search_edit, Qt.Key.Key_Down)
    assert ui.customer_result_list.currentRow() == 1
    qtbot.keyClick(ui.customer_search_edit, Qt.Key.Key_Up)
    assert ui.customer_result_list.currentRow() == 0

    ui.customer_search_edit.clear()
    qtbot.keyClicks(ui.customer_search_edit, "wxs")
    qtbot.keyClick(ui.customer_search_edit, Qt.Key.Key_Return)  # searches at once, picks the best match
    assert dialog.customer_id == wang
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted  # Enter did not save
    assert ui.customer_search_edit.isReadOnly()
    assert ui.customer_search_edit.text().startswith("王先生（王建国）")
    assert ui.customer_change_button.isVisible() and not ui.customer_result_list.isVisible()

    ui.customer_change_button.click()  # 更换: search again, pick by double-click this time
    assert dialog.customer_id is None and not ui.customer_search_edit.isReadOnly()
    ui.customer_search_edit.setText("王丽")
    assert dialog.run_search() == 1
    qtbot.waitUntil(lambda: ui.customer_result_list.viewport().height() > 20)  # laid out once shown
    item = ui.customer_result_list.item(0)
    rect = ui.customer_result_list.visualItemRect(item)
    qtbot.mouseClick(ui.customer_result_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(ui.customer_result_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.customer_id == wang_li


def test_unknown_search_says_so(qtbot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    qtbot.keyClicks(dialog.ui.customer_search_edit, "zzz")
    qtbot.keyClick(dialog.ui.customer_search_edit, Qt.Key.Key_Return)
    assert dialog.customer_id is None
    assert dialog.ui.customer_hint_label.text() == "没有找到匹配的客户"


def test_a_service_record_preselects_its_worker(qtbot, services: Services) -> None:
    customer = services.customers.create(make_draft())
    liu = services.workers.create(WorkerDraft(name="刘秀兰", phone="13700001111"))
    chen = services.workers.create(WorkerDraft(name="陈师傅", phone="13700002222"))
    add_visit(services, customer, liu, 9, "日常保洁")
    recent = add_visit(services, customer, chen, 2, "家居维修")
    dialog = open_dialog(qtbot, services, customer)
    ui = dialog.ui
    assert ui.customer_search_edit.isReadOnly() and ui.customer_change_button.isVisible()
    assert dialog.focusWidget() is ui.customer_said_edit
    combo = ui.service_record_combo
    assert combo.itemText(0) == "（不关联）" and combo.currentData() is None
    assert combo.count() == 3 and "家居维修 · 陈师傅" in combo.itemText(1)  # newest first
    assert ui.worker_combo.currentText() == "未指定"
    combo.setCurrentIndex(combo.findData(recent))
    assert ui.worker_combo.currentData() == chen
    combo.setCurrentIndex(2)
    assert ui.worker_combo.currentText() == "刘秀兰"


def test_a_record_by_a_worker_no_longer_active_still_names_them(qtbot, services: Services) -> None:
    customer = services.customers.create(make_draft())
    gone = services.workers.create(WorkerDraft(name="赵阿姨", phone="13700003333"))
    add_visit(services, customer, gone, 5, "日常保洁")
    services.workers.update(gone, WorkerDraft(name="赵阿姨", phone="13700003333", active=False))
    dialog = open_dialog(qtbot, services, customer)
    assert dialog.ui.worker_combo.findData(gone) == -1  # only active workers are offered
    dialog.ui.service_record_combo.setCurrentIndex(1)
    assert dialog.ui.worker_combo.currentData() == gone
    assert dialog.ui.worker_combo.currentText() == "赵阿姨（已停用）"


def test_empty_words_are_reported_next_to_the_field_and_the_rest_is_kept(qtbot, services: Services) -> None:
    customer = services.customers.create(make_draft())
    dialog = open_dialog(qtbot, services, customer)
    ui = dialog.ui
    ui.category_combo.setCurrentIndex(ui.category_combo.findData(Category.DAMAGE.value))
    ui.severity_combo.setCurrentIndex(ui.severity_combo.findData(int(Severity.CRITICAL)))
    ui.channel_combo.setCurrentIndex(ui.channel_combo.findData(ReportChannel.WECHAT.value))
    ui.customer_said_edit.setPlainText("   ")
    click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.incident_id is None
    assert "客户说了什么" in dialog.errors.message("customer_said")
    assert ui.customer_said_error.isVisible()
    assert dialog.errors.message("category") == ""
    assert (ui.category_combo.currentData(), ui.severity_combo.currentText(), ui.channel_combo.currentText()) == (
        Category.DAMAGE.value, "紧急", "微信",
    )  # fmt: skip
    assert "font-weight: bold" in ui.severity_combo.styleSheet()  # 紧急 stands out
    assert dialog.customer_id == customer
    assert services.incidents.id_of("SJ-2026-0001") is None


def test_category_must_be_chosen_and_the_customer_too(qtbot, services: Services) -> None:
    dialog = open_dialog(qtbot, services)
    dialog.ui.customer_said_edit.setPlainText("阿姨迟到了一个小时")
    click_save(qtbot, dialog)
    assert dialog.errors.message("customer") == "请选择投诉的客户"
    assert dialog.errors.message("category") == "请从列表中选择投诉类别"
    assert dialog.ui.customer_said_edit.toPlainText() == "阿姨迟到了一个小时"


def test_ctrl_enter_records_the_complaint(qtbot, services: Services) -> None:
    customer = services.customers.create(make_draft())
    worker = services.workers.create(WorkerDraft(name="刘秀兰", phone="13700001111"))
    record = add_visit(services, customer, worker, 1, "日常保洁")
    dialog = open_dialog(qtbot, services, customer)
    ui = dialog.ui
    assert ui.channel_combo.currentText() == "电话"  # the default
    ui.service_record_combo.setCurrentIndex(ui.service_record_combo.findData(record))
    ui.category_combo.setCurrentIndex(ui.category_combo.findData(Category.NOT_CLEAN.value))
    ui.customer_said_edit.setPlainText("厨房油烟机根本没擦，灶台上还有油")
    # Offscreen windows are never active, so key presses cannot reach a shortcut: fire it directly.
    ctrl_enter = [s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+Return")]
    assert len(ctrl_enter) == 1
    with qtbot.waitSignal(dialog.incident_opened) as opened:
        ctrl_enter[0].activated.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert opened.args == [dialog.incident_id]
    view = services.incidents.get(dialog.incident_id)
    assert view.number == "SJ-2026-0001"
    assert (view.customer_id, view.service_record_id, view.worker_id) == (customer, record, worker)
    assert (view.category, view.severity, view.channel) == (
        Category.NOT_CLEAN,
        Severity.MINOR,
        ReportChannel.PHONE,
    )
    assert view.customer_said == "厨房油烟机根本没擦，灶台上还有油"


def test_cancelling_with_the_customers_words_typed_asks_first(qtbot, services: Services, confirm) -> None:
    customer = services.customers.create(make_draft())
    dialog = open_dialog(qtbot, services, customer)
    dialog.reject()  # nothing typed yet: no question
    assert confirm.questions == [] and dialog.result() == QDialog.DialogCode.Rejected
    dialog.show()
    dialog.ui.customer_said_edit.setPlainText("花瓶被打碎了")
    confirm.answers = [False]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert "客户原话" in confirm.questions[0] and dialog.isVisible()
    assert dialog.ui.customer_said_edit.toPlainText() == "花瓶被打碎了"
    dialog.reject()  # this time the answer is yes
    assert len(confirm.questions) == 2 and not dialog.isVisible()


def test_tab_goes_down_the_form(qtbot, services: Services) -> None:
    customer = services.customers.create(make_draft())
    add_visit(services, customer, None, 1, "日常保洁")
    dialog = open_dialog(qtbot, services, customer)
    ui = dialog.ui
    order = [ui.customer_search_edit]
    widget = ui.customer_search_edit.nextInFocusChain()
    while widget is not ui.customer_search_edit and len(order) < 12:
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order[:8] == [
        ui.customer_search_edit,
        ui.customer_change_button,
        ui.service_record_combo,
        ui.worker_combo,
        ui.category_combo,
        ui.severity_combo,
        ui.channel_combo,
        ui.customer_said_edit,
    ]
