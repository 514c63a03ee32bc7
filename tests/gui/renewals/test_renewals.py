"""The renewals page and the contract dialog, driven without exec(): dialogs open non-modally here."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.domain.contracts import ContractDraft, ContractStatus, RenewalStep
from jiazheng_desktop.domain.errors import PermissionDenied
from jiazheng_desktop.domain.vouchers import VoucherKind
from jiazheng_desktop.gui.renewals.contract_dialog import ContractDialog, to_qdate
from jiazheng_desktop.gui.renewals.page import RenewalsPage
from jiazheng_desktop.services.changes import ChangeKind
from jiazheng_desktop.storage.models import Voucher
from tests.conftest import expect_change, make_draft

TODAY = date(2026, 11, 23)  # the clock fixture's day


@pytest.fixture
def customer(services) -> int:
    services.scripts.ensure_seeded()
    return services.customers.create(make_draft())


def _contract(services, customer: int, end_in: int, package: str = "保洁套餐", price: str = "3600") -> int:
    end = TODAY + timedelta(days=end_in)
    return services.contracts.create(ContractDraft(customer, package, end - timedelta(days=364), end, price))


@pytest.fixture
def page(qtbot, services, qsettings) -> RenewalsPage:
    widget = RenewalsPage(services, qsettings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _text(page: RenewalsPage, row: int, column: int) -> str:
    return str(page.model.index(row, column).data())


def _select(page: RenewalsPage, contract_id: int) -> None:
    assert page.select_contract(contract_id)


def test_lists_contracts_ending_in_the_window_soonest_first(qtbot, services, qsettings, customer) -> None:
    other = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    later = _contract(services, customer, 20, package="钟点工包月")
    soon = _contract(services, other, 3)
    overdue = _contract(services, customer, -2, package="月嫂")
    far = _contract(services, other, 45)
    page = RenewalsPage(services, qsettings)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0  # loads when first shown
    page.show()
    assert page.days() == 30
    assert page.contract_ids() == [overdue, soon, later]
    assert far not in page.contract_ids()
    assert _text(page, 0, 3) == "已过期 2 天"
    assert _text(page, 1, 4) == "¥3,600.00"
    assert _text(page, 2, 5) == "尚未跟进"
    background = Qt.ItemDataRole.BackgroundRole
    # overdue and ≤ 7 days stand out
    assert page.model.index(0, 0).data(background).color().name() == "#fdebd0"
    assert page.model.index(2, 0).data(background) is None  # 20 days left: plain
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # run out: red
    assert page.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    page.ui.days_combo.setCurrentIndex(page.ui.days_combo.findData(60))
    assert far in page.contract_ids()
    page.ui.days_combo.setCurrentIndex(page.ui.days_combo.findData(7))
    assert page.contract_ids() == [overdue, soon]
    page.save_state(qsettings)
    again = RenewalsPage(services, qsettings)
    qtbot.addWidget(again)
    assert again.days() == 7


def test_selected_contract_shows_details_and_the_filled_renewal_script(page, services, customer) -> None:
    contract = _contract(services, customer, 10, package="育儿嫂")
    page.refresh()
    assert not page.ui.contact_button.isEnabled()
    _select(page, contract)
    assert page.ui.contact_button.isEnabled() and page.ui.renew_button.isEnabled()
    assert "育儿嫂" in page.ui.contract_label.text()
    assert "还剩 10 天" in page.ui.contract_detail_label.text()
    assert "状态：进行中" in page.ui.contract_detail_label.text()
    end = TODAY + timedelta(days=10)
    text = page.script_panel.text()
    assert "育儿嫂" in text and f"{end.year}年{end.month}月{end.day}日" in text
    script = page.script_panel.script
    assert script is not None and not {"套餐", "合同到期日"} & set(script.missing)


def test_contact_is_recorded_with_its_note(page, services, customer, no_message_boxes) -> None:
    contract = _contract(services, customer, 5)
    page.refresh()
    _select(page, contract)
    dialog = page.open_contact_dialog()
    assert dialog is not None and page.dialog is dialog and dialog.isVisible()
    dialog.note_edit.setPlainText("客户说考虑一下，下周再联系")
    assert dialog.save()
    assert not dialog.isVisible()
    row = services.contracts.renewals_due()[0]
    assert row.last_step is RenewalStep.CONTACTED and row.last_note == "客户说考虑一下，下周再联系"
    assert page.current_contract_id() == contract  # still selected after the reload
    assert "客户说考虑一下" in _text(page, 0, 5)
    assert _text(page, 0, 5).startswith("已联系 ")
    history = [page.ui.history_list.item(i).text() for i in range(page.ui.history_list.count())]
    assert any("已联系（李店主） · 客户说考虑一下，下周再联系" in line for line in history)
    assert no_message_boxes == []


def test_offer_with_a_voucher_issues_a_promotion_for_the_customer(page, services, customer) -> None:
    contract = _contract(services, customer, 5)
    page.refresh()
    _select(page, contract)
    dialog = page.open_offer_dialog()
    assert dialog is not None
    assert not dialog.amount_edit.isEnabled()
    dialog.save()  # nothing offered at all
    assert dialog.errors.message("note") and dialog.isVisible()
    dialog.note_edit.setPlainText("续约立减两次服务费")
    dialog.voucher_check.setChecked(True)
    dialog.amount_edit.setText("200")
    dialog.uses_spin.setValue(2)
    dialog.valid_until_edit.setDate(to_qdate(TODAY + timedelta(days=60)))
    assert dialog.save()
    voucher = Voucher.get_by_id(dialog.voucher_id)
    assert voucher.kind == VoucherKind.PROMOTION and voucher.customer_id == customer
    assert voucher.value_fen == 20000 and voucher.uses_total == 2
    assert voucher.valid_until == TODAY + timedelta(days=60)
    row = services.contracts.renewals_due()[0]
    assert row.last_step is RenewalStep.OFFER and row.last_voucher_id == dialog.voucher_id


def test_offer_refused_for_the_role_asks_a_manager_and_retries(
    page, services, customer, owner_auth, monkeypatch
) -> None:
    contract = _contract(services, customer, 5)
    page.refresh()
    _select(page, contract)
    dialog = page.open_offer_dialog()
    assert dialog is not None
    real = services.contracts.make_offer
    seen: list[object] = []

    def make_offer(contract_id, note, voucher=None, auth=None, expected_version=None):
        seen.append(auth)
        if auth is None:
            raise PermissionDenied("需要区域经理确认")
        return real(contract_id, note, voucher, auth, expected_version)

    monkeypatch.setattr(services.contracts, "make_offer", make_offer)
    asked: list[str] = []

    def ask(_parent, _services, role, what):
        asked.append(f"{role.name} {what}")
        return owner_auth

    monkeypatch.setattr("jiazheng_desktop.gui.renewals.step_dialogs.ask_authorization", ask)
    dialog.note_edit.setPlainText("送一次深度保洁")
    assert dialog.save()
    assert asked == ["REGIONAL_MANAGER 报优惠"] and seen == [None, owner_auth]


def test_lost_needs_a_reason_and_closes_the_contract(page, services, customer, no_message_boxes) -> None:
    contract = _contract(services, customer, 5)
    page.refresh()
    _select(page, contract)
    dialog = page.open_lost_dialog()
    assert dialog is not None
    dialog.note_edit.setPlainText("明年搬去外地")
    assert not dialog.save()
    assert dialog.errors.message("reason") == "请从列表中选择流失原因"
    assert dialog.note_edit.toPlainText() == "明年搬去外地"  # kept
    assert services.contracts.get(contract).status is ContractStatus.ACTIVE
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("搬家"))
    assert dialog.save()
    assert services.contracts.get(contract).status is ContractStatus.LOST
    assert contract not in page.contract_ids()


def test_lost_is_not_recorded_when_not_confirmed(page, services, customer, monkeypatch) -> None:
    from jiazheng_desktop.gui.common import messages

    monkeypatch.setattr(messages, "confirm", lambda *_a, **_k: False)
    contract = _contract(services, customer, 5)
    page.refresh()
    _select(page, contract)
    dialog = page.open_lost_dialog()
    assert dialog is not None
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("价格原因"))
    assert not dialog.save()
    assert services.contracts.get(contract).status is ContractStatus.ACTIVE


def test_renewing_creates_the_linked_contract_and_the_row_leaves(page, services, customer) -> None:
    start = TODAY - timedelta(days=90)
    end = TODAY + timedelta(days=4)
    old = services.contracts.create(ContractDraft(customer, "钟点工包月", start, end, "1800.50", "每周二"))
    page.refresh()
    _select(page, old)
    dialog = page.open_renew_dialog()
    assert isinstance(dialog, ContractDialog) and dialog.renew_from == old
    ui = dialog.ui
    assert ui.package_combo.currentData() == "钟点工包月"
    assert ui.price_edit.text() == "1800.50"
    new_start = end + timedelta(days=1)
    assert ui.start_date_edit.date() == to_qdate(new_start)
    assert ui.end_date_edit.date() == to_qdate(new_start + (end - start))
    with expect_change(services, ChangeKind.CONTRACT, old):
        ui.button_box.accepted.emit()
    assert dialog.contract_id is not None
    new = services.contracts.get(dialog.contract_id)
    assert new.previous_id == old and new.status is ContractStatus.ACTIVE and new.price_fen == 180050
    assert services.contracts.get(old).status is ContractStatus.RENEWED
    assert old not in page.contract_ids()


def test_new_contract_defaults_to_a_month_from_today(qtbot, services, customer) -> None:
    dialog = ContractDialog(services, customer)
    qtbot.addWidget(dialog)
    assert dialog.ui.start_date_edit.date() == to_qdate(TODAY)
    assert dialog.ui.end_date_edit.date() == to_qdate(date(2026, 12, 23))
    saved: list[int] = []
    dialog.contract_saved.connect(saved.append)
    dialog.ui.package_combo.setCurrentIndex(dialog.ui.package_combo.findData("月嫂"))
    dialog.ui.price_edit.setText("12800")
    dialog.ui.notes_edit.setPlainText("含产后护理")
    dialog.ui.button_box.accepted.emit()
    assert saved == [dialog.contract_id]
    row = services.contracts.get(saved[0])
    assert (row.package, row.price_fen, row.notes, row.start_on) == ("月嫂", 1280000, "含产后护理", TODAY)


def test_contract_dialog_shows_errors_next_to_fields_and_keeps_them(qtbot, services, customer) -> None:
    dialog = ContractDialog(services, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.end_date_edit.setDate(to_qdate(TODAY - timedelta(days=3)))
    dialog.ui.price_edit.setText("三千")
    dialog.ui.notes_edit.setPlainText("客户要求周末上门")
    dialog.ui.button_box.accepted.emit()
    assert dialog.contract_id is None and dialog.isVisible()
    assert dialog.errors.message("end_on") == "结束日期必须晚于开始日期"
    assert dialog.errors.message("price")
    assert dialog.ui.price_edit.text() == "三千"
    assert dialog.ui.notes_edit.toPlainText() == "客户要求周末上门"
    assert dialog.ui.end_date_edit.date() == to_qdate(TODAY - timedelta(days=3))
    assert services.contracts.for_customer(customer) == []


def test_the_count_covers_every_listed_contract_and_the_seven_days(
    qtbot, services, qsettings, customer
) -> None:
    ids = [_contract(services, customer, end_in) for end_in in (-5, 2, 4, 10, 20, 45)]
    page = RenewalsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    assert page.contract_ids() == ids[:5]
    assert page.ui.count_label.text() == "共 5 份，7 天内 3 份"
    page.ui.days_combo.setCurrentIndex(page.ui.days_combo.findData(7))
    assert page.ui.count_label.text() == "共 3 份，7 天内 3 份"
    assert services.contracts.renewals_listing(3).count() == 2
