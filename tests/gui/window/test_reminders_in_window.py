"""Reminders in the main window: missed ones at start, the badge, the notice opening the right place."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.reminders import Kind
from jiazheng_desktop.gui.reminders.notice import ReminderNotice
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft


@pytest.fixture
def window(qtbot, services, qsettings, no_message_boxes):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.restore_state()
    win.show()
    yield win
    win.reminders.stop()


def test_missed_reminders_show_as_one_group_with_a_badge(window, services, clock) -> None:
    customer = services.customers.create(make_draft())
    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 1), "3600")
    )
    # It is 11-23 10:00: the reminder 14 days before the end (11-17) fell due while the program was closed.
    window.reminders.start()
    notice = window.findChild(ReminderNotice, "reminder_notice")
    assert notice is not None and notice.isVisible()
    assert "错过的提醒（1 条）" in notice.title_label.text()
    assert window.ui.nav_list.item(2).text() == "提醒（1）"
    assert window.reminder_button.isVisible() and "1 条" in window.reminder_button.text()
    [reminder_id] = notice.reminder_ids()
    notice.open_requested.emit(reminder_id)
    assert window.current_page_key() == "renewals"
    assert window.page("renewals").current_contract_id() == contract


def test_a_deadline_reminder_opens_its_incident(window, services, clock) -> None:
    customer = services.customers.create(make_draft())
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了"
        )
    )
    window.reminders.start()
    clock.advance(timedelta(hours=19))  # the first-response warning (at 75 % of 24 h) is due
    [row] = window.reminders.check()
    assert row.kind == Kind.DEADLINE_WARNING
    window.reminders.open_reminder(row.id)
    assert window.current_page_key() == "incidents"
    assert window.page("incidents").detail.incident_id == incident
    assert window.reminders.check() == []  # shown once


def test_closing_to_the_tray_hides_the_window_until_quit(window, qtbot) -> None:
    window.close_to_tray = lambda: True
    window.close()
    assert not window.isVisible()
    assert window.settings.value("main_window/page") is not None  # its state was saved on the way
    window.show()
    window.setProperty("quitting", True)  # 退出 from the tray menu
    assert window.close()
