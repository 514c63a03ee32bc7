"""The 提醒中心 page: groups, snooze, done, dismiss with a reason, open."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.reminders import Kind, Snooze, State
from jiazheng_desktop.gui.reminders.page import COLUMNS, ID_ROLE, ReminderCentrePage
from jiazheng_desktop.services.changes import ChangeKind
from tests.conftest import expect_change, make_draft

TODAY = date(2026, 11, 23)  # the clock fixture's day


@pytest.fixture
def contracts(services) -> dict[int, int]:
    """Two contracts ending in 10 and 7 days: days to the end → contract id."""
    customer = services.customers.create(make_draft())
    made = {}
    for days in (10, 7):
        draft = ContractDraft(customer, "保洁套餐", date(2026, 1, 1), TODAY + timedelta(days=days), "3600")
        made[days] = services.contracts.create(draft)
    return made


@pytest.fixture
def page(qtbot, services, qsettings, no_message_boxes) -> ReminderCentrePage:
    widget = ReminderCentrePage(services, qsettings)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    return widget


def _ids(services, group: str) -> list[int]:
    return [r.id for r in services.reminders.listing().walk() if r.group == group]


def _groups(page: ReminderCentrePage) -> dict[int, str]:
    return {reminder_id: group for group, reminder_id in page.rows_shown()}


def _reminder(services, contract: int, days_before: int) -> int:
    for row in services.reminders.listing().walk():
        if row.subject_id == contract and f"提前 {days_before} 天" in row.title:
            return row.id
    raise AssertionError(f"no reminder {days_before} days before contract {contract}")


def test_empty_state(page) -> None:
    assert page.empty_label.isVisibleTo(page) and not page.table.isVisibleTo(page)
    assert page.empty_label.text() == "没有待处理的提醒"
    assert page.summary_label.text() == "0 条逾期 · 今天 0 条 · 之后 7 天 0 条"
    assert not page.done_button.isEnabled()


def test_reminders_appear_in_their_group(page, services, contracts) -> None:
    page.refresh()
    ten, seven = contracts[10], contracts[7]
    groups = _groups(page)
    assert groups[_reminder(services, ten, 14)] == "逾期"
    assert groups[_reminder(services, seven, 14)] == "逾期"
    assert groups[_reminder(services, seven, 7)] == "今天"
    assert groups[_reminder(services, ten, 7)] == "即将到来"
    assert groups[_reminder(services, seven, 1)] == "即将到来"
    assert len(groups) == 5  # ten days out, the 1-day reminder is beyond the 7 days shown
    # 逾期 first, then 今天, then 即将到来.
    order = [group for group, _id in page.rows_shown()]
    assert order == sorted(order, key=["逾期", "今天", "即将到来"].index)
    assert page.summary_label.text() == "2 条逾期 · 今天 1 条 · 之后 7 天 2 条"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert headers == ["分组", "类型", "内容", "时间", "状态"]
    first = page.model.index(0, 0)
    assert page.model.index(0, 1).data() == "续约提醒"
    assert page.model.index(0, 4).data() == "待提醒"
    assert first.data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#c0392b")
    assert not first.data(Qt.ItemDataRole.FontRole) or not first.data(Qt.ItemDataRole.FontRole).bold()


def test_raised_reminders_are_bold_and_the_kind_filter(page, services, contracts) -> None:
    services.reminders.raise_due()
    page.refresh()
    first = page.model.index(0, 0)
    assert page.model.index(0, 4).data() == "已提醒"
    assert first.data(Qt.ItemDataRole.FontRole).bold()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(Kind.FESTIVAL.value))
    assert page.rows_shown() == [] and page.empty_label.text() == "这一类没有待处理的提醒"
    assert page.kind_combo.itemText(0) == "全部" and page.kind_combo.findText("续约提醒") > 0
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(Kind.RENEWAL.value))
    assert len(page.rows_shown()) == 5


def test_snooze_lands_outside_meal_times(qtbot, page, services, clock, contracts) -> None:
    clock.set(datetime(2026, 11, 23, 11, 20, tzinfo=CHINA_TZ))
    overdue = _reminder(services, contracts[10], 14)
    page.refresh()
    assert page.select_reminder(overdue)
    assert [a.text() for a in page.snooze_menu.actions()] == [o.label for o in Snooze]
    with expect_change(services, ChangeKind.REMINDER):
        page.snooze_actions[Snooze.QUARTER].trigger()
    row = services.reminders.get(overdue)
    # 11:35 is lunch (11:30-13:30): a customer call comes back when lunch is over.
    assert row.wake_at == datetime(2026, 11, 23, 13, 30, tzinfo=CHINA_TZ)
    assert row.state == State.SNOOZED and row.group == "today"
    assert overdue not in _ids(services, "overdue")
    assert page.current_reminder_id() == overdue  # the selection follows it
    assert _groups(page)[overdue] == "今天"
    selected = page.table.selectionModel().selectedRows(COLUMNS.index("时间"))[0]
    assert selected.data().endswith("（推迟到 11-23 13:30）")
    assert page.model.index(selected.row(), 4).data() == "已推迟"
    # 明天: the start of the contact window the next day.
    page.snooze_selected(Snooze.TOMORROW)
    assert services.reminders.get(overdue).wake_at == datetime(2026, 11, 24, 9, 0, tzinfo=CHINA_TZ)
    assert _groups(page)[overdue] == "即将到来"


def test_done_removes_it_and_keeps_the_selection_near(qtbot, page, services, contracts) -> None:
    page.refresh()
    page.table.selectRow(0)
    first, second = (reminder_id for _group, reminder_id in page.rows_shown()[:2])
    with expect_change(services, ChangeKind.REMINDER):
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert services.reminders.get(first).state == State.DONE
    assert first not in _groups(page)
    assert page.current_reminder_id() == second
    assert page.summary_label.text().startswith("1 条逾期")


def test_dismiss_asks_a_reason_and_keeps_what_was_typed(qtbot, page, services, contracts) -> None:
    page.refresh()
    page.table.selectRow(0)
    target = page.current_reminder_id()
    dialog = page.dismiss_selected()
    assert dialog is not None and dialog.isVisible()
    dialog.reason_edit.setText("   ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors.message("reason") == "请写下为什么忽略这条提醒"
    assert dialog.reason_edit.text() == "   "
    assert services.reminders.get(target).state != State.DISMISSED
    dialog.reason_edit.setText("客户已来电续约")
    with expect_change(services, ChangeKind.REMINDER):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert services.reminders.get(target).state == State.DISMISSED
    assert target not in _groups(page)


def test_enter_and_double_click_open_the_reminder(qtbot, page, services, contracts) -> None:
    page.refresh()
    page.table.selectRow(1)
    wanted = page.current_reminder_id()
    page.table.setFocus()
    with qtbot.waitSignal(page.open_requested) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [wanted]
    qtbot.waitUntil(lambda: page.table.viewport().height() > 20)
    index = page.model.index(2, 2)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_requested) as blocker:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [index.data(ID_ROLE)]
    page.select_reminder(wanted)
    with qtbot.waitSignal(page.open_requested) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [wanted]


def test_an_action_on_a_reminder_handled_elsewhere_says_so(
    page, services, contracts, no_message_boxes
) -> None:
    page.refresh()
    page.table.selectRow(0)
    services.reminders.done(page.current_reminder_id())
    assert page.done_selected() is False
    assert no_message_boxes and "已完成" in no_message_boxes[-1]
    assert len(page.rows_shown()) == 4  # reloaded


def test_header_and_kind_are_remembered(qtbot, services, qsettings, contracts, no_message_boxes) -> None:
    page = ReminderCentrePage(services, qsettings)
    qtbot.addWidget(page)
    page.table.sortByColumn(COLUMNS.index("时间"), Qt.SortOrder.DescendingOrder)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(Kind.RENEWAL.value))
    page.save_state(qsettings)
    again = ReminderCentrePage(services, qsettings)
    qtbot.addWidget(again)
    header = again.table.horizontalHeader()
    assert header.sortIndicatorSection() == COLUMNS.index("时间")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert again.kind_combo.currentData() == Kind.RENEWAL.value
