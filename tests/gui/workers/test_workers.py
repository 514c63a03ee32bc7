"""The workers page, the worker dialog and the service-record dialog, over a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.workers import WorkerDraft
from jiazheng_desktop.gui.customers.service_record_dialog import ServiceRecordDialog, from_qdatetime
from jiazheng_desktop.gui.workers.page import HEADER_KEY, WorkersPage
from jiazheng_desktop.gui.workers.worker_dialog import WorkerDialog
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.changes import ChangeKind
from tests.conftest import expect_change, make_draft

ACCEPTED = QDialog.DialogCode.Accepted
pytestmark = pytest.mark.usefixtures("no_message_boxes")


def click_save(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def open_worker_dialog(qtbot, services: Services, worker_id: int | None = None) -> WorkerDialog:
    dialog = WorkerDialog(services, worker_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def add_worker(services: Services, name: str, phone: str, **kw: object) -> int:
    return services.workers.create(WorkerDraft(name=name, phone=phone, **kw))  # type: ignore[arg-type]


def table_column(page: WorkersPage, column: int) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


# -- the worker dialog ----------------------------------------------------------------------------


def test_create_worker_through_dialog(qtbot, services: Services) -> None:
    dialog = open_worker_dialog(qtbot, services)
    ui = dialog.ui
    assert dialog.windowTitle() == "新建服务人员"
    assert ui.background_check_none_check.isChecked()
    assert not ui.background_check_date_edit.isEnabled()
    ui.name_edit.setText("张秀英")
    ui.phone_edit.setText("139 1234 5678")
    dialog.skill_checks["日常保洁"].setChecked(True)
    dialog.skill_checks["做饭"].setChecked(True)
    ui.background_check_none_check.setChecked(False)
    assert ui.background_check_date_edit.isEnabled()
    ui.background_check_date_edit.setDate(QDate(2026, 5, 1))
    ui.training_notes_edit.setPlainText("2026-03 家电清洗培训（合格）")

    with qtbot.waitSignal(dialog.worker_saved) as saved:
        click_save(qtbot, dialog)

    assert dialog.result() == ACCEPTED
    assert dialog.worker_id is not None and saved.args == [dialog.worker_id]
    draft = services.workers.draft_for(dialog.worker_id)
    assert draft == WorkerDraft(
        name="张秀英",
        phone="13912345678",
        skills=("日常保洁", "做饭"),
        background_check_on=date(2026, 5, 1),
        training_notes="2026-03 家电清洗培训（合格）",
        active=True,
    )


def test_bad_phone_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    qtbot, services: Services, no_message_boxes: list[str]
) -> None:
    dialog = open_worker_dialog(qtbot, services)
    ui = dialog.ui
    ui.name_edit.setText("刘桂芳")
    ui.phone_edit.setText("1391234")
    dialog.skill_checks["月嫂"].setChecked(True)
    ui.training_notes_edit.setPlainText("有育婴师证")

    click_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.result() != ACCEPTED
    assert dialog.worker_id is None
    assert ui.phone_error.isVisible()
    assert dialog.errors.message("phone") == "固定电话请加区号，例如 021-12345678"
    assert dialog.errors.message("name") == ""
    assert dialog.focusWidget() is ui.phone_edit
    assert ui.name_edit.text() == "刘桂芳"
    assert ui.phone_edit.text() == "1391234"
    assert dialog.skill_checks["月嫂"].isChecked()
    assert ui.training_notes_edit.toPlainText() == "有育婴师证"
    assert services.workers.list() == []
    assert no_message_boxes == []

    ui.phone_edit.setText("13912345678")
    click_save(qtbot, dialog)
    assert dialog.result() == ACCEPTED
    assert not ui.phone_error.isVisible()
    assert [w.name for w in services.workers.list()] == ["刘桂芳"]


def test_edit_worker_and_set_inactive(qtbot, services: Services) -> None:
    worker_id = add_worker(
        services, "王春花", "13812345678", skills=("钟点工",), background_check_on=date(2025, 1, 2)
    )
    dialog = open_worker_dialog(qtbot, services, worker_id)
    ui = dialog.ui
    assert dialog.windowTitle() == "编辑服务人员：王春花"
    assert ui.name_edit.text() == "王春花"
    assert dialog.skill_checks["钟点工"].isChecked()
    assert not ui.background_check_none_check.isChecked()
    assert ui.background_check_date_edit.date() == QDate(2025, 1, 2)
    assert ui.active_check.isChecked()

    ui.phone_edit.setText("021-64381234")
    dialog.skill_checks["家电清洗"].setChecked(True)
    ui.background_check_none_check.setChecked(True)
    ui.active_check.setChecked(False)
    click_save(qtbot, dialog)

    assert dialog.result() == ACCEPTED
    draft = services.workers.draft_for(worker_id)
    assert draft.phone == "021-64381234"
    assert draft.skills == ("钟点工", "家电清洗")
    assert draft.background_check_on is None
    assert draft.active is False


# -- the workers page -----------------------------------------------------------------------------


@pytest.fixture
def three_workers(services: Services) -> dict[str, int]:
    return {
        "张秀英": add_worker(
            services, "张秀英", "13912345678", skills=("月嫂",), background_check_on=date(2026, 3, 1)
        ),
        "安丽": add_worker(services, "安丽", "13812345678", background_check_on=date(2025, 8, 9)),
        "孙梅": add_worker(services, "孙梅", "021-64381234", skills=("家居维修",), active=False),
    }


def test_page_lists_workers_active_first(qtbot, services: Services, qsettings, three_workers) -> None:
    page = WorkersPage(services, qsettings)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0  # start-up does not wait for a page nobody opened yet
    page.show()
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert headers == ["姓名", "电话", "技能", "背景调查日期", "状态"]
    assert table_column(page, 0) == ["安丽", "张秀英", "孙梅"]
    assert table_column(page, 3) == ["2025-08-09", "2026-03-01", "未做"]
    assert table_column(page, 4) == ["在职", "在职", "停用"]
    assert page.ui.count_label.text() == "共 3 人，在职 2 人"
    assert not page.ui.edit_button.isEnabled()

    page.ui.active_only_check.setChecked(True)
    assert table_column(page, 0) == ["安丽", "张秀英"]


def test_table_sorts_by_any_column(qtbot, services: Services, qsettings, three_workers) -> None:
    page = WorkersPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()  # the list loads when the page is first shown
    table = page.ui.worker_table

    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # pinyin: zhang > sun > an
    assert table_column(page, 0) == ["张秀英", "孙梅", "安丽"]
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # no check first: the ones to chase
    assert table_column(page, 0) == ["孙梅", "安丽", "张秀英"]
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert table_column(page, 1) == ["021-64381234", "13812345678", "13912345678"]


def test_filter_by_pinyin_initials_phone_and_skill(
    qtbot, services: Services, qsettings, three_workers
) -> None:
    page = WorkersPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()  # the list loads when the page is first shown
    page.ui.filter_edit.setText("zxy")
    assert table_column(page, 0) == ["张秀英"]
    page.ui.filter_edit.setText("021 6438")
    assert table_column(page, 0) == ["孙梅"]
    page.ui.filter_edit.setText("月嫂")
    assert table_column(page, 0) == ["张秀英"]
    page.ui.filter_edit.clear()
    assert len(table_column(page, 0)) == 3


def test_enter_on_a_row_edits_that_worker(
    qtbot, services: Services, qsettings, three_workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int | None] = []

    def fake_exec(dialog: WorkerDialog) -> int:
        opened.append(dialog.worker_id)
        dialog.ui.name_edit.setText("张秀英（新）")
        dialog._on_save_button_clicked()
        return dialog.result()

    monkeypatch.setattr(WorkerDialog, "exec", fake_exec)
    page = WorkersPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()  # the list loads when the page is first shown
    page.show()
    page.select_worker(three_workers["张秀英"])
    assert page.ui.edit_button.isEnabled()
    page.ui.worker_table.setFocus()
    with expect_change(services, ChangeKind.WORKER, three_workers["张秀英"]):
        qtbot.keyClick(page.ui.worker_table, Qt.Key.Key_Return)

    assert opened == [three_workers["张秀英"]]
    assert "张秀英（新）" in table_column(page, 0)
    assert page.current_worker_id() == three_workers["张秀英"]


def test_new_button_opens_an_empty_dialog_and_selects_the_new_worker(
    qtbot, services: Services, qsettings, three_workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_exec(dialog: WorkerDialog) -> int:
        assert dialog.ui.name_edit.text() == ""
        dialog.ui.name_edit.setText("赵丽")
        dialog.ui.phone_edit.setText("13712345678")
        dialog._on_save_button_clicked()
        return dialog.result()

    monkeypatch.setattr(WorkerDialog, "exec", fake_exec)
    page = WorkersPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()  # the list loads when the page is first shown
    page.ui.filter_edit.setText("zxy")  # the new worker does not match: the filter gives way
    qtbot.mouseClick(page.ui.new_button, Qt.MouseButton.LeftButton)

    assert page.ui.filter_edit.text() == ""
    assert len(table_column(page, 0)) == 4
    new_id = page.current_worker_id()
    assert new_id is not None and services.workers.draft_for(new_id).name == "赵丽"


def test_header_state_is_remembered(qtbot, services: Services, qsettings, three_workers) -> None:
    page = WorkersPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()  # the list loads when the page is first shown
    page.ui.worker_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    page.ui.worker_table.setColumnWidth(2, 222)
    page.save_state(qsettings)
    assert qsettings.contains(HEADER_KEY)

    again = WorkersPage(services, qsettings)
    qtbot.addWidget(again)
    again.show()
    header = again.ui.worker_table.horizontalHeader()
    assert header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert header.sectionSize(2) == 222
    assert table_column(again, 1) == ["13912345678", "13812345678", "021-64381234"]


# -- the service-record dialog --------------------------------------------------------------------


def open_record_dialog(qtbot, services: Services, customer_id: int) -> ServiceRecordDialog:
    dialog = ServiceRecordDialog(services, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_add_service_record(qtbot, services: Services, clock, three_workers) -> None:
    customer_id = services.customers.create(make_draft())
    dialog = open_record_dialog(qtbot, services, customer_id)
    ui = dialog.ui
    assert "王先生" in dialog.windowTitle()
    assert from_qdatetime(ui.served_at_edit.dateTime()) == clock.now()
    assert ui.served_at_edit.calendarPopup()
    workers = [ui.worker_combo.itemText(i) for i in range(ui.worker_combo.count())]
    assert workers[0] == "未指定" and len(workers) == 3  # the inactive 孙梅 is not offered
    assert not any("孙梅" in w for w in workers)

    when = QDateTime(ui.served_at_edit.dateTime().addDays(-2))
    ui.served_at_edit.setDateTime(when)
    ui.service_type_combo.setCurrentIndex(ui.service_type_combo.findData("月嫂"))
    ui.worker_combo.setCurrentIndex(ui.worker_combo.findData(three_workers["张秀英"]))
    ui.amount_edit.setText("99.50")
    ui.notes_edit.setPlainText("客户很满意")
    with qtbot.waitSignal(dialog.record_added):
        click_save(qtbot, dialog)

    assert dialog.result() == ACCEPTED
    assert dialog.record_id is not None
    view = services.customers.get(customer_id)
    assert view.service_count == 1
    assert view.total_spent_fen == 9950
    served = view.last_service_at
    assert served is not None and served.tzinfo is not None
    assert served == from_qdatetime(when)
    assert (clock.now() - served).days == 2


def test_negative_amount_is_refused_next_to_the_amount(
    qtbot, services: Services, no_message_boxes: list[str]
) -> None:
    customer_id = services.customers.create(make_draft())
    dialog = open_record_dialog(qtbot, services, customer_id)
    ui = dialog.ui
    ui.service_type_combo.setCurrentIndex(ui.service_type_combo.findData("深度保洁"))
    ui.amount_edit.setText("-120")
    ui.notes_edit.setPlainText("带吸尘器")

    click_save(qtbot, dialog)

    assert dialog.isVisible() and dialog.record_id is None
    assert dialog.errors.message("amount") == "金额不能为负数"
    assert ui.amount_error.isVisible()
    assert dialog.focusWidget() is ui.amount_edit
    assert ui.amount_edit.text() == "-120"
    assert ui.notes_edit.toPlainText() == "带吸尘器"
    assert ui.service_type_combo.currentData() == "深度保洁"
    assert services.customers.get(customer_id).service_count == 0
    assert no_message_boxes == []

    ui.amount_edit.setText("120")
    click_save(qtbot, dialog)
    assert dialog.record_id is not None
    assert services.customers.get(customer_id).total_spent_fen == 12000
