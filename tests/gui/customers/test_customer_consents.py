"""Consents in the customers section: the dialog's 客户同意 part, the profile, the greeting list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS, ConsentChannel, ConsentState, Purpose
from jiazheng_desktop.domain.reminders import Kind, State
from jiazheng_desktop.domain.templates import Scenario
from jiazheng_desktop.gui.common.consent_dialog import ConsentDialog
from jiazheng_desktop.gui.customers.customer_dialog import CustomerDialog
from jiazheng_desktop.gui.customers.detail import profile_html
from jiazheng_desktop.gui.customers.page import CustomersPage
from jiazheng_desktop.gui.reminders.controller import place_opener
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services.reminder_views import ReminderRow
from jiazheng_desktop.storage.models import AuditLog, Customer
from tests.conftest import consent_to, grants, make_draft

NOTES = "家里有八十岁老人，养了一只猫"


def _dialog(qtbot, services, customer_id: int | None = None) -> CustomerDialog:
    dialog = CustomerDialog(services, customer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: QDialog) -> None:
    box = dialog.ui.button_box if hasattr(dialog, "ui") else dialog.button_box  # type: ignore[attr-defined]
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


@pytest.fixture
def page(qtbot, services, qsettings) -> CustomersPage:
    page = CustomersPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    return page


# -- the customer dialog --------------------------------------------------------------------------------


def test_a_new_customer_is_saved_with_the_answers_chosen_in_one_change(qtbot, services) -> None:
    dialog = _dialog(qtbot, services)
    answers = dialog.consents
    assert [answers.state_labels[p].text() for p in Purpose] == ["未征求"] * 3
    assert all(not combo.isEnabled() for combo in answers.channel_combos.values())  # until an answer
    wording = answers.wording_edit.toPlainText()
    assert all(DEFAULT_WORDINGS[p] in wording for p in Purpose)  # the words to read out
    dialog.ui.name_edit.setText("王建国")
    dialog.ui.phone_edit.setText("13812345678")
    dialog.ui.notes_edit.setPlainText(NOTES)
    assert "先征得客户同意" in dialog.ui.notes_consent_label.text()
    answers.set_answer(Purpose.HOUSEHOLD_NOTES, True, ConsentChannel.IN_PERSON)
    answers.set_answer(Purpose.MARKETING, False, ConsentChannel.WECHAT)
    assert answers.channel_combos[Purpose.MARKETING].isEnabled()
    assert dialog.ui.notes_consent_label.isHidden()
    audits = AuditLog.select().count()

    with qtbot.waitSignal(dialog.customer_saved) as saved:
        _save(qtbot, dialog)
    customer = saved.args[0]
    assert AuditLog.select().count() == audits + 1
    status = services.consents.status(customer)
    assert status[Purpose.HOUSEHOLD_NOTES].entry.channel == ConsentChannel.IN_PERSON
    assert status[Purpose.MARKETING].state == ConsentState.WITHDRAWN
    assert status[Purpose.MARKETING].entry.channel == ConsentChannel.WECHAT
    assert status[Purpose.CALLBACK_RECORDS].state == ConsentState.NOT_ASKED  # 这次不记录
    assert services.customers.get(customer).household_notes == NOTES


def test_notes_refused_in_the_dialog_are_reported_next_to_them_and_kept_typed(qtbot, services) -> None:
    dialog = _dialog(qtbot, services)
    dialog.ui.name_edit.setText("王建国")
    dialog.ui.phone_edit.setText("13812345678")
    dialog.ui.notes_edit.setPlainText(NOTES)
    dialog.consents.set_answer(Purpose.HOUSEHOLD_NOTES, False)
    _save(qtbot, dialog)
    assert dialog.isVisible() and services.customers.count() == 0
    assert "请清空家庭备注，或在下方重新记录客户同意" in dialog.errors.message("household_notes")
    assert dialog.ui.notes_edit.toPlainText() == NOTES
    assert dialog.consents.answer(Purpose.HOUSEHOLD_NOTES) is False  # the answer chosen stays too
    dialog.ui.notes_edit.clear()
    with qtbot.waitSignal(dialog.customer_saved):
        _save(qtbot, dialog)
    assert services.consents.state(dialog.customer_id, Purpose.HOUSEHOLD_NOTES) == ConsentState.WITHDRAWN


def test_old_notes_without_a_consent_are_kept_with_a_hint(qtbot, services) -> None:
    customer = services.customers.create(make_draft())
    Customer.update(household_notes=NOTES).where(Customer.id == customer).execute()  # from before consents
    dialog = _dialog(qtbot, services, customer)
    assert dialog.ui.notes_edit.toPlainText() == NOTES
    assert dialog.ui.notes_consent_label.text().startswith("尚未记录客户同意")
    dialog.ui.address_edit.setText("浦东新区世纪大道 1 号")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    view = services.customers.get(customer)
    assert (view.household_notes, view.address) == (NOTES, "浦东新区世纪大道 1 号")


def test_withdrawn_notes_are_not_shown_in_the_dialog_and_not_erased_by_saving_it(
    qtbot, services, clock
) -> None:
    customer = services.customers.create(
        make_draft(household_notes=NOTES), grants(services, Purpose.HOUSEHOLD_NOTES)
    )
    clock.advance(timedelta(days=1))
    consent_to(services, customer, Purpose.HOUSEHOLD_NOTES, granted=False)
    dialog = _dialog(qtbot, services, customer)
    assert dialog.ui.notes_edit.toPlainText() == ""
    assert dialog.ui.notes_consent_label.text().startswith("客户已撤回家庭备注的同意，原有备注不显示")
    assert (
        dialog.consents.state_labels[Purpose.HOUSEHOLD_NOTES].text()
        == "不同意/已撤回（2026-11-24，电话，李店主）"
    )
    dialog.ui.address_edit.setText("徐汇区漕溪北路 88 号")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Customer.get_by_id(customer).household_notes == NOTES
    assert services.customers.get(customer).household_notes == ""


# -- the profile --------------------------------------------------------------------------------------


def test_the_profile_shows_each_purpose_and_the_history_with_its_words(
    qtbot, services, page, clock, owner_auth
) -> None:
    customer = services.customers.create(make_draft(), grants(services, Purpose.MARKETING))
    services.consents.save_wording(
        Purpose.MARKETING, "新版：节日时给您发问候和优惠，随时可以说不要。您同意吗？", owner_auth
    )
    clock.advance(timedelta(days=2))
    consent_to(services, customer, Purpose.MARKETING, granted=False)
    page.open_customer(customer)
    box = page.detail.consents_box
    assert box.isVisibleTo(page) and box.summary_label.text() == "还没有任何同意的用途"
    assert [box.state_text(p) for p in Purpose] == ["未征求", "不同意/已撤回", "未征求"]
    marketing = box.items[Purpose.MARKETING]
    assert (marketing.text(2), marketing.text(3), marketing.text(4)) == ("2026-11-25", "电话", "李店主")
    withdrawal, grant = (marketing.child(i) for i in range(marketing.childCount()))
    assert (withdrawal.text(0), withdrawal.text(1)) == ("第 2 版条款", "不同意/撤回")
    assert (grant.text(0), grant.text(1), grant.text(2)) == ("第 1 版条款", "同意", "2026-11-23 10:00")
    assert DEFAULT_WORDINGS[Purpose.MARKETING] in grant.toolTip(0)  # the words they agreed to then
    box.tree.setCurrentItem(grant)
    assert box.wording_label.text() == "第 1 版条款原文：" + DEFAULT_WORDINGS[Purpose.MARKETING]
    box.tree.setCurrentItem(withdrawal)
    assert box.wording_label.text().startswith("第 2 版条款原文：新版：")


def test_record_consent_from_the_profile_refreshes_it(qtbot, services, page) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    page.open_customer(customer)
    qtbot.mouseClick(page.detail.consents_box.record_button, Qt.MouseButton.LeftButton)
    dialog = page.detail.consent_dialog
    assert isinstance(dialog, ConsentDialog) and dialog.isVisible() and dialog.purposes == tuple(Purpose)
    dialog.set_answer(Purpose.MARKETING, True)
    dialog.set_answer(Purpose.HOUSEHOLD_NOTES, False)
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    box = page.detail.consents_box
    assert [box.state_text(p) for p in Purpose] == ["未征求", "已同意", "不同意/已撤回"]
    assert box.summary_label.text() == "已同意：营销与节日问候"


def test_withdrawn_household_notes_are_hidden_on_the_profile(qtbot, services, page) -> None:
    customer = services.customers.create(
        make_draft(household_notes=NOTES), grants(services, Purpose.HOUSEHOLD_NOTES)
    )
    page.open_customer(customer)
    assert NOTES in page.detail.ui.profile_label.text()
    consent_to(services, customer, Purpose.HOUSEHOLD_NOTES, granted=False)
    page.refresh()
    text = page.detail.ui.profile_label.text()
    assert NOTES not in text and "客户已撤回家庭备注的同意，备注不显示" in text
    old = services.customers.create(make_draft(name="李梅", phone="13900001111"))
    Customer.update(household_notes="有一只狗").where(Customer.id == old).execute()
    html = profile_html(services.customers.get(old))
    assert "有一只狗" in html and "尚未记录客户同意" in html


# -- the greeting list --------------------------------------------------------------------------------


def test_the_list_filters_to_customers_who_agreed_to_marketing(qtbot, services, page) -> None:
    services.scripts.ensure_seeded()
    yes = services.customers.create(
        make_draft(name="张丽", phone="13900001111"), grants(services, Purpose.MARKETING)
    )
    services.customers.create(make_draft(name="王建国", phone="13812345678"))
    page.refresh()
    ui = page.ui
    assert [ui.consent_filter_combo.itemText(i) for i in range(ui.consent_filter_combo.count())] == [
        "不限同意", "同意回访记录保存", "同意营销与节日问候", "同意家庭备注",
    ]  # fmt: skip
    assert page.model.total == 2
    ui.consent_filter_combo.setCurrentIndex(ui.consent_filter_combo.findData(Purpose.MARKETING.value))
    qtbot.waitUntil(lambda: not page.filter_search.is_busy)  # read on a worker
    assert page.model.total == 1 and page.model.customer_id(0) == yes
    assert ui.count_label.text() == "共 1 位客户"
    page.open_customer(yes)
    assert page.detail.script_panel.script is not None
    assert page.detail.script_panel.script.scenario == Scenario.FESTIVAL  # what to send them
    ui.consent_filter_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.filter_search.is_busy)
    assert page.model.total == 2 and page.detail.script_panel.script.scenario != Scenario.FESTIVAL


def test_the_festival_reminder_opens_the_greeting_list(qtbot, services, qsettings, clock) -> None:
    services.scripts.ensure_seeded()
    yes = services.customers.create(
        make_draft(name="张丽", phone="13900001111"), grants(services, Purpose.MARKETING)
    )
    services.customers.create(make_draft(name="王建国", phone="13812345678"))
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    customers = window.page("customers")
    customers.ui.filter_edit.setText("王")  # a filter left over from earlier: cleared for the list
    now = clock.now()
    row = ReminderRow(1, Kind.FESTIVAL, "festival", 2026, None, "中秋节问候", now, now, State.RAISED, "today")
    place_opener(window.navigator, lambda _id: None)(row)
    assert window.current_page_key() == "customers"
    assert customers.ui.filter_edit.text() == "" and customers.model.total == 1
    assert customers.ui.consent_filter_combo.currentData() == Purpose.MARKETING.value
    assert customers.current_customer_id() == yes
    assert not customers.show_topic("没有这个用途")
