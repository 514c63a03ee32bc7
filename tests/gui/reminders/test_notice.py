"""The amber reminder panel: its title, its lines, merging, and where each button goes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.reminders import Kind, State
from jiazheng_desktop.gui.reminders.notice import ReminderNotice
from jiazheng_desktop.services.reminder_views import ReminderRow

START = datetime(2026, 11, 20, 9, 0, tzinfo=CHINA_TZ)


def _row(reminder_id: int, hours: int, kind: Kind = Kind.RENEWAL) -> ReminderRow:
    at = START + timedelta(hours=hours)
    return ReminderRow(
        id=reminder_id,
        kind=kind,
        subject="contract",
        subject_id=reminder_id,
        customer_id=1,
        title=f"续约：客户{reminder_id} 的保洁套餐即将到期",
        due_at=at,
        wake_at=at,
        state=State.RAISED,
        group="overdue",
    )


@pytest.fixture
def notice(qtbot) -> Iterator[ReminderNotice]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    panel = ReminderNotice(window, zone=CHINA_TZ)
    layout.addWidget(panel)
    layout.addStretch()
    window.resize(900, 500)
    window.show()
    yield panel  # the window stays referenced (and alive) for the whole test


def test_hidden_until_something_falls_due(notice) -> None:
    assert notice.isHidden()
    notice.show_reminders([], missed=False)
    assert notice.isHidden()
    notice.show_reminders([_row(7, 0)], missed=False)
    assert notice.isVisible()
    assert notice.title_label.text() == "提醒"
    assert notice.list.item(0).text() == "11-20 09:00　续约提醒：续约：客户7 的保洁套餐即将到期"
    assert notice.list.item(0).toolTip() == "续约：客户7 的保洁套餐即将到期"


def test_missed_title_counts_and_keeps_the_order_given(notice) -> None:
    notice.show_reminders([_row(3, 0), _row(1, 5), _row(2, 30)], missed=True)
    assert notice.title_label.text() == "错过的提醒（3 条）"
    assert notice.reminder_ids() == [3, 1, 2]


def test_showing_again_merges_without_duplicates(notice) -> None:
    notice.show_reminders([_row(3, 0), _row(1, 5)], missed=True)
    notice.show_reminders([_row(1, 5), _row(9, 32, Kind.CALLBACK)], missed=False)
    assert notice.reminder_ids() == [3, 1, 9]
    assert notice.title_label.text() == "错过的提醒（3 条）"
    assert notice.list.item(2).text().startswith("11-21 17:00　三日回访：")
    # Once closed, the next reminders start a fresh panel.
    notice.close_button.click()
    assert notice.isHidden()
    notice.show_reminders([_row(9, 40)], missed=False)
    assert notice.reminder_ids() == [9] and notice.title_label.text() == "提醒"


def test_it_takes_one_line_until_expanded(qtbot, notice) -> None:
    notice.show_reminders([_row(3, 0), _row(1, 5), _row(2, 6)], missed=True)
    assert not notice.is_expanded() and notice.list.isHidden()
    assert notice.first_line() == "11-20 09:00　续约提醒：续约：客户3 的保洁套餐即将到期"  # the oldest
    assert notice.expand_button.isVisible() and notice.expand_button.text() == "展开全部 3 条(&Z)"
    line = notice.close_button.sizeHint().height()
    assert notice.height() < 2 * line  # one line of the window, whatever the count
    notice.expand_button.click()
    assert notice.is_expanded() and notice.list.isVisible() and notice.first_line_button.isHidden()
    assert notice.expand_button.text() == "收起(&Z)"
    assert notice.height() > 3 * line
    notice.expand_button.click()
    assert notice.list.isHidden() and notice.first_line_button.isVisible()


def test_the_line_opens_the_oldest_and_shows_the_next(qtbot, notice) -> None:
    notice.show_reminders([_row(3, 0), _row(1, 5)], missed=True)
    with qtbot.waitSignal(notice.open_requested) as blocker:
        qtbot.mouseClick(notice.first_line_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3]
    assert notice.first_line().startswith("11-20 14:00") and notice.title_label.text() == "错过的提醒（1 条）"
    assert notice.expand_button.isHidden()  # one left: the line is the whole list


def test_a_long_line_is_shortened_to_fit_and_whole_in_the_tooltip(notice) -> None:
    row = _row(3, 0)
    long_row = ReminderRow(**{**row.__dict__, "title": "很长的提醒内容" * 30})
    notice.show_reminders([long_row], missed=False)
    assert notice.first_line_button.text().endswith("…")
    assert notice.first_line_button.toolTip() == long_row.title
    assert notice.first_line().endswith("很长的提醒内容")


def test_click_and_enter_open_the_reminder(qtbot, notice) -> None:
    notice.show_reminders([_row(3, 0), _row(1, 5), _row(2, 6)], missed=True)
    notice.set_expanded(True)
    rect = notice.list.visualItemRect(notice.list.item(1))
    with qtbot.waitSignal(notice.open_requested) as blocker:
        qtbot.mouseClick(notice.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [1]
    assert notice.reminder_ids() == [3, 2]  # opened: off the panel
    assert notice.title_label.text() == "错过的提醒（2 条）"
    notice.list.setFocus()
    notice.list.setCurrentRow(1)
    with qtbot.waitSignal(notice.open_requested) as blocker:
        qtbot.keyClick(notice.list, Qt.Key.Key_Return)
    assert blocker.args == [2]
    assert notice.list.isHidden()  # one left: shown on the line
    with qtbot.waitSignal(notice.open_requested) as blocker:
        qtbot.keyClick(notice.first_line_button, Qt.Key.Key_Space)
    assert blocker.args == [3]
    assert notice.isHidden()  # nothing left to show


def test_all_reminders_and_close(qtbot, notice) -> None:
    notice.show_reminders([_row(3, 0)], missed=False)
    with qtbot.waitSignal(notice.centre_requested):
        qtbot.mouseClick(notice.centre_button, Qt.MouseButton.LeftButton)
    assert notice.isHidden()
    notice.show_reminders([_row(3, 0)], missed=False)
    assert notice.close_button.toolTip() == "关闭（Esc）"
    notice.list.setFocus()
    with qtbot.waitSignal(notice.closed):
        qtbot.keyClick(notice.list, Qt.Key.Key_Escape)
    assert notice.isHidden()


def test_keyboard_reaches_every_part(notice) -> None:
    notice.show_reminders([_row(3, 0)], missed=False)
    notice.set_expanded(True)
    for widget in (notice.list, notice.centre_button, notice.close_button, notice.expand_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "#fff3cd" in notice.styleSheet()
