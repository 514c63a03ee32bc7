"""The 工作台 page: five lists with counts, and each row opens its place in the window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer

from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.gui.window.shell import build_main_window
from tests.services.workbench_data import seed


@pytest.fixture
def window(qtbot, services, qsettings, no_message_boxes):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.restore_state()
    win.show()
    return win


def _home(qtbot, window):
    home = window.page("home")
    qtbot.waitUntil(lambda: home.last is not None)  # the first read waits for the window to paint
    return home


def test_window_opens_on_the_workbench_and_ctrl_1_means_it(qtbot, window) -> None:
    assert window.current_page_key() == "home"
    assert window.ui.nav_list.item(0).text() == "工作台"
    assert window.ui.nav_list.item(0).toolTip() == "工作台（Ctrl+1）"
    assert window.ui.nav_list.item(1).toolTip() == "客户（Ctrl+2）"
    assert window.built_page("incidents") is None  # the workbench builds no other section
    home = _home(qtbot, window)
    assert home.header_label.text() == "今天是 2026年11月23日 星期一　值班：李店主"
    for section in home.sections.values():
        assert section.count() == 0 and section.empty_label.isVisibleTo(home)
    assert home.sections["callbacks"].empty_label.text() == "今天没有要回访的客户。"
    assert home.sections["new_incidents"].title() == "新投诉（0）"


def test_counts_and_rows(qtbot, services, clock, window) -> None:
    data = seed(services, clock)
    home = _home(qtbot, window)
    home.refresh()
    sections = home.sections
    assert {key: s.count() for key, s in sections.items()} == {
        "callbacks": 1,
        "deadlines": 1,
        "renewals": 1,
        "vouchers": 1,
        "new_incidents": 1,
        "care": 0,
    }
    assert sections["callbacks"].title() == "今日回访（1）"
    assert sections["deadlines"].title() == "临近或超过期限的事件（1）"
    assert sections["renewals"].title() == "本周到期的合同（1）"
    assert sections["vouchers"].title() == "即将过期的优惠券（1）"
    assert sections["new_incidents"].title() == "新投诉（1）"
    renewals = sections["renewals"]
    renewals.set_rows([[renewals.model.item(0, c).clone() for c in range(5)]], limit=1)
    assert renewals.title() == "本周到期的合同（1+）"  # a full list may have more behind it
    assert sections["callbacks"].ids() == [data.callback_today]
    assert sections["renewals"].ids() == [data.contract_soon]
    assert sections["vouchers"].ids() == [data.voucher_soon]
    callback_row = [sections["callbacks"].model.item(0, c).text() for c in range(4)]
    assert callback_row[1:] == [
        "王先生（王建国）",
        "已过时：11-23 09:00",
        "09:00–11:30、13:30–17:30、19:30–20:00",
    ]
    assert sections["callbacks"].table.isVisibleTo(home)
    assert not sections["callbacks"].empty_label.isVisibleTo(home)
    table = sections["new_incidents"].table
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers and table.isSortingEnabled()
    assert sections["new_incidents"].model.item(0, 2).text() == "迟到"  # the category as staff call it


def test_the_minute_timer_refreshes_while_visible(qtbot, services, clock, window) -> None:
    home = _home(qtbot, window)
    timer = home.findChild(QTimer, "home_refresh_timer")
    assert timer.isActive() and timer.interval() == 60_000
    seed(services, clock)
    timer.timeout.emit()
    assert home.sections["renewals"].count() == 1
    table = home.sections["new_incidents"].table
    table.setCurrentIndex(table.model().index(0, 2))
    timer.timeout.emit()
    assert table.currentIndex().row() == 0  # the place is kept
    window.show_page("customers")
    assert not timer.isActive()
    window.show_page("home")  # coming back reads again
    assert timer.isActive()


def test_enter_on_a_new_complaint_opens_it(qtbot, services, clock, window) -> None:
    data = seed(services, clock)
    home = _home(qtbot, window)
    home.refresh()
    table = home.sections["new_incidents"].table
    table.setCurrentIndex(table.model().index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_page_key() == "incidents"
    assert window.page("incidents").detail.incident_id == data.reported_today


def test_double_click_on_a_deadline_opens_the_incident(qtbot, services, clock, window) -> None:
    data = seed(services, clock)
    home = _home(qtbot, window)
    home.refresh()
    table = home.sections["deadlines"].table
    qtbot.waitUntil(lambda: table.viewport().height() > 20)  # laid out once shown
    rect = table.visualRect(table.model().index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "incidents"
    assert window.page("incidents").detail.incident_id == data.deadline_overdue


def test_a_callback_row_starts_the_callback(qtbot, services, clock, window, monkeypatch) -> None:
    from jiazheng_desktop.gui.incidents.detail import IncidentDetail

    data = seed(services, clock)
    started: list[int | None] = []
    monkeypatch.setattr(IncidentDetail, "start_callback", lambda self: started.append(self.incident_id))
    home = _home(qtbot, window)
    home.refresh()
    home.sections["callbacks"].activate_row(0)
    assert window.current_page_key() == "incidents"
    assert started == [data.callback_today]


def test_a_renewal_row_selects_the_contract_widening_the_days(
    qtbot, services, clock, window, qsettings
) -> None:
    data = seed(services, clock)
    renewals = window.page("renewals")
    renewals.ui.days_combo.setCurrentIndex(renewals.ui.days_combo.findData(7))
    clock.advance(timedelta(days=-5))  # the list was read with the contract 8 days away
    assert window.navigator.open_contract(data.contract_later)  # 15 days away now: the filter widens
    assert renewals.days() == 60
    clock.advance(timedelta(days=5))
    window.show_page("home")
    home = _home(qtbot, window)
    home.refresh()
    home.sections["renewals"].activate_row(0)
    assert window.current_page_key() == "renewals"
    assert renewals.current_contract_id() == data.contract_soon


def test_a_voucher_row_selects_it_even_when_filtered_out(qtbot, services, clock, window) -> None:
    data = seed(services, clock)
    vouchers = window.page("vouchers")
    vouchers.ui.view_combo.setCurrentIndex(vouchers.ui.view_combo.findData("used"))
    home = _home(qtbot, window)
    window.show_page("home")
    home.refresh()
    home.sections["vouchers"].activate_row(0)
    assert window.current_page_key() == "vouchers"
    assert vouchers.current_voucher_id() == data.voucher_soon
    assert vouchers.ui.view_combo.currentData() == "all"


def test_scripts_open_on_a_scenario(qtbot, services, window) -> None:
    from jiazheng_desktop.domain.templates import Scenario

    services.scripts.ensure_seeded()
    assert window.navigator.open_scripts(Scenario.RENEWAL.value)
    assert window.current_page_key() == "scripts"
    assert window.page("scripts").ui.scenario_filter_combo.currentData() == Scenario.RENEWAL.value
    assert not window.navigator.open_scripts("没有这个场景")


def test_a_failing_read_is_shown_not_raised(qtbot, window, monkeypatch, no_message_boxes) -> None:
    home = _home(qtbot, window)

    def fail():
        raise DomainError("数据库文件正在检查，请稍候")

    monkeypatch.setattr(home, "_workbench", None)
    monkeypatch.setattr(home, "_make_workbench", fail)
    home.refresh()
    assert no_message_boxes == ["数据库文件正在检查，请稍候"]


def test_the_first_read_starts_after_the_first_paint(qtbot, services, qsettings, no_message_boxes) -> None:
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.restore_state()
    win.show()  # nothing painted yet: the window comes up before its lists are read
    home = win.page("home")
    assert home.last is None and home._first_read_pending  # waits for the paint
    assert home.sections["new_incidents"]._table is None  # made with its first rows
    qtbot.waitUntil(lambda: home.last is not None)


def test_customers_at_risk_are_listed_with_their_reasons_and_open_their_profile(
    qtbot, services, clock, window
) -> None:
    from datetime import datetime, time

    from jiazheng_desktop.domain.workers import ServiceRecordDraft
    from tests.conftest import make_draft

    lapsed = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    now = clock.now()
    for ago in (45, 59, 73, 87, 101):
        served = datetime.combine((now - timedelta(days=ago)).date(), time(10), tzinfo=now.tzinfo)
        services.service_records.add(
            ServiceRecordDraft(customer_id=lapsed, served_at=served, amount_text="150")
        )
    home = _home(qtbot, window)
    home.refresh(care=True)  # the 刷新 button: read again at once
    qtbot.waitUntil(lambda: home.sections["care"].count() == 1)
    care = home.sections["care"]
    assert care.title() == "需要关心的客户（1）"
    row = [care.model.item(0, c).text() for c in range(5)]
    assert row == [
        "赵女士（赵敏）",
        "13800000004",
        "30 分（中）",
        "45 天未服务（平时每 14 天一次）+30",
        "尽快致电关怀：问清原因，必要时给予优惠",
    ]
    care.activate_row(0)
    assert window.current_page_key() == "customers"
    assert window.page("customers").detail.customer_id == lapsed
