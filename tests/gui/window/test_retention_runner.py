"""The retention job in the window: off the GUI thread at start and each new day; a plain notice when it waits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QThread

from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.domain.privacy import RETENTION_PLACEHOLDER
from jiazheng_desktop.gui.reminders.notice import ReminderNotice
from jiazheng_desktop.gui.window.retention_runner import RetentionNotice, install_retention
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services.retention import RunOutcome
from jiazheng_desktop.storage.models import Callback
from tests.services.retention_data import NOTE, add_customer, called_back

WAITING = (
    "个人信息保存期限：有 1 条回访记录、0 条联系记录、0 位不活跃客户已到期，需要店主在 设置 → 隐私 确认后清理"
)


@pytest.fixture
def window(qtbot, services, qsettings, no_message_boxes):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.show()
    runner = install_retention(win, services)
    win.retention_runner = runner
    yield win
    runner.stop()
    win.reminders.stop()


@pytest.fixture
def expired_callback(services, clock, owner_auth) -> int:
    """A callback that passed its two years (the periods: 2 years, inactive customers never)."""
    services.retention.save_policy(2, None, owner_auth)
    _incident, callback = called_back(services, clock, add_customer(services))
    clock.advance(timedelta(days=2 * 365 + 10))
    return callback


def test_a_run_that_needs_the_owner_says_so_plainly_and_touches_nothing(
    qtbot, window, services, expired_callback, owner_auth
) -> None:
    runner = window.retention_runner
    with qtbot.waitSignal(runner.waiting, timeout=10000) as blocker:
        runner.run()
    assert blocker.args[0].outcome == RunOutcome.WAITING_FOR_OWNER
    notice = window.findChild(RetentionNotice)
    assert notice is runner.notice and notice.isVisible() and notice.text_label.text() == WAITING
    assert window.statusBar().currentMessage() == WAITING
    assert Callback.get_by_id(expired_callback).note == NOTE

    # The owner confirms in 设置 → 隐私: the runner hears it and the notice goes.
    services.retention.run(services.retention.plan(), owner_auth)
    qtbot.waitUntil(lambda: notice.isHidden(), timeout=10000)
    assert Callback.get_by_id(expired_callback).note == RETENTION_PLACEHOLDER


def test_the_go_to_settings_button_opens_the_settings(qtbot, window, expired_callback) -> None:
    runner = window.retention_runner
    with qtbot.waitSignal(runner.waiting, timeout=10000):
        runner.run()
    runner.notice.settings_button.click()
    assert window.current_page_key() == "settings"
    runner.notice.close_button.click()
    assert runner.notice.isHidden()


def test_a_small_run_goes_by_itself_off_the_gui_thread(
    qtbot, window, services, clock, owner_auth, monkeypatch
) -> None:
    services.retention.save_policy(2, None, owner_auth)
    services.retention.run(None, owner_auth)  # the owner confirmed the first run (nothing was due)
    _incident, callback = called_back(services, clock, add_customer(services))
    clock.advance(timedelta(days=2 * 365 + 10))  # the program was not opened since
    threads: list[QThread] = []
    run_due = services.retention.run_due
    monkeypatch.setattr(
        services.retention, "run_due", lambda: threads.append(QThread.currentThread()) or run_due()
    )
    runner = window.retention_runner
    with qtbot.waitSignal(runner.ran, timeout=10000) as blocker:
        runner.start(first_in_ms=0)  # at start: the day not yet run is caught up
    assert blocker.args[0].callbacks == 1
    assert threads and threads[0] is not QThread.currentThread()
    assert (
        window.statusBar().currentMessage()
        == "已按保存期限清理：回访记录 1 条、联系记录 0 条、不活跃客户 0 位"
    )
    assert Callback.get_by_id(callback).note == RETENTION_PLACEHOLDER
    assert services.retention.last_run_on() == clock.now().date()
    notice = window.findChild(RetentionNotice)
    assert notice is None or notice.isHidden()  # the panel is made only when there is something to say


def test_each_new_day_of_the_reminders_scheduler_runs_it(qtbot, window, services, clock) -> None:
    runner = window.retention_runner
    with qtbot.waitSignal(runner.settled, timeout=10000):
        window.reminders.new_day.emit()
    assert services.retention.last_run_on() == clock.now().date()  # nothing due: the day is recorded
    clock.advance(timedelta(days=1))
    with qtbot.waitSignal(runner.settled, timeout=10000):
        window.reminders.new_day.emit()
    assert services.retention.last_run_on() == clock.now().date()


def test_a_refusal_goes_to_the_status_bar(qtbot, window, services, monkeypatch) -> None:
    def refuse():
        raise DomainError("数据文件正在检查，稍后再试")

    monkeypatch.setattr(services.retention, "run_due", refuse)
    with qtbot.waitSignal(window.retention_runner.failed, timeout=10000):
        window.retention_runner.run()
    assert window.statusBar().currentMessage() == "数据文件正在检查，稍后再试　请到 设置 → 隐私 查看。"


def test_both_notices_sit_above_the_pages(qtbot, window, expired_callback) -> None:
    assert window.findChild(RetentionNotice) is None  # made when it first has something to say
    with qtbot.waitSignal(window.retention_runner.waiting, timeout=10000):
        window.retention_runner.run()
    reminders = window.findChild(ReminderNotice, "reminder_notice")
    retention = window.findChild(RetentionNotice)
    column = window.ui.page_stack.parentWidget()
    assert reminders.parentWidget() is column and retention.parentWidget() is column
    layout = column.layout()
    assert [layout.itemAt(i).widget() for i in range(layout.count())] == [
        reminders,
        retention,
        window.ui.page_stack,
    ]
    assert window.ui.page_stack.isVisible() and column.isVisible()
