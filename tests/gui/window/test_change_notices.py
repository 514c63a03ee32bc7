"""Change notices: what one section changes shows up in the others without navigating there."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer

from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.gui.vouchers.redeem_dialog import RedeemDialog
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services.changes import ChangeKind, Changes
from tests.conftest import grants, make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture
def window(qtbot, services, qsettings):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.restore_state()
    win.show()
    yield win
    assert win.reminders is not None
    win.reminders.stop()


@pytest.fixture
def heard(services) -> list[Changes]:
    notices: list[Changes] = []
    services.context.change_listeners.append(notices.append)
    return notices


def _timeline(window) -> list[str]:
    timeline = window.page("customers").detail.ui.timeline_list
    return [timeline.item(row).text() for row in range(timeline.count())]


def test_redeeming_a_voucher_updates_the_open_customer_and_the_badge(qtbot, window, services, heard) -> None:
    customer = services.customers.create(make_draft())
    visit = services.service_records.add(
        ServiceRecordDraft(customer, services.context.now(), "日常保洁", amount_text="200")
    )
    today = services.context.now().date()
    # Valid for 7 more days: its "voucher expiring" reminder (7 days before, this morning) is due now.
    voucher = services.vouchers.issue(
        VoucherDraft(customer, VoucherKind.COMPENSATION.value, "100", valid_until=today + timedelta(days=7))
    )
    assert window.reminders is not None
    window.reminders.start()
    assert window.ui.nav_list.item(2).text() == "提醒（1）"
    window.navigator.open_customer(customer)
    assert window.current_page_key() == "customers"
    before = _timeline(window)
    assert not any("使用" in line for line in before)

    heard.clear()
    dialog = RedeemDialog(
        services, parent=window
    )  # opened over the customer's page, as from 优惠券 or the menu
    dialog.show()
    dialog.ui.code_edit.setText(services.vouchers.get(voucher).code)
    qtbot.mouseClick(dialog.ui.lookup_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.service_record_combo.currentData() == visit
    qtbot.mouseClick(dialog.ui.redeem_button, Qt.MouseButton.LeftButton)

    [notice] = heard  # one use case, one notice, after it committed
    assert notice.ids_of(ChangeKind.VOUCHER) == {voucher}
    assert notice.ids_of(ChangeKind.CUSTOMER) == {customer}
    assert notice.touches({ChangeKind.REMINDER})
    assert window.current_page_key() == "customers"  # nobody navigated
    after = _timeline(window)
    assert len(after) == len(before) + 1 and any("使用补偿券" in line for line in after)
    assert window.ui.nav_list.item(2).text() == "提醒"  # the expiring reminder is done: no badge
    assert not window.reminder_button.isVisible()


def test_a_hidden_page_catches_up_when_shown_and_only_then(qtbot, window, services) -> None:
    customer = services.customers.create(make_draft(), grants(services, Purpose.MARKETING))
    window.navigator.open_voucher(0)  # build the 优惠券 page, then leave it
    vouchers = window.page("vouchers")
    window.show_page("customers")
    refreshed: list[bool] = []
    original = vouchers.refresh

    def counting_refresh(*args, **kwargs):
        refreshed.append(True)
        return original(*args, **kwargs)

    vouchers.refresh = counting_refresh  # type: ignore[method-assign]
    issued = services.vouchers.issue(
        VoucherDraft(customer, VoucherKind.PROMOTION.value, "50", valid_until=date(2027, 1, 31))
    )
    assert refreshed == [] and vouchers.stale  # hidden: nothing read yet
    services.customers.update(customer, make_draft(name="王建业"))  # a second change while hidden
    window.show_page("vouchers")
    assert len(refreshed) == 1 and not vouchers.stale  # once, however many changes came meanwhile
    assert vouchers.show_item(issued)
    window.show_page("customers")
    window.show_page("vouchers")
    assert len(refreshed) == 2  # show_item refreshed it; coming back with nothing new reads nothing


def test_a_page_does_not_refresh_for_kinds_it_does_not_show(qtbot, window, services) -> None:
    window.show_page("workers")
    workers = window.page("workers")
    window.show_page("customers")
    services.customers.create(make_draft())
    assert not workers.stale
    services.workers.create(WorkerDraft(name="刘阿姨", phone="13700001111"))
    assert workers.stale


def test_the_listener_goes_with_the_window(qtbot, services, qsettings) -> None:
    win = build_main_window(services, qsettings)
    listeners = len(services.context.change_listeners)
    win.reminders.stop()
    win.deleteLater()
    qtbot.waitUntil(lambda: len(services.context.change_listeners) == listeners - 1)
    services.customers.create(make_draft())  # nobody left to tell: no error


def test_a_new_day_makes_every_page_read_again(qtbot, window, services, clock) -> None:
    """Pages count days ("还剩 3 天"): after midnight they are stale though nothing was changed."""
    window.show_page("renewals")
    renewals = window.page("renewals")
    window.show_page("customers")
    timer = window.findChild(QTimer, "escalation_timer")
    timer.timeout.emit()
    assert not renewals.stale  # the same day: nothing to catch up on
    clock.advance(timedelta(days=1))
    timer.timeout.emit()
    assert renewals.stale
