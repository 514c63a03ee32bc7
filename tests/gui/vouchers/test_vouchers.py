"""Vouchers through their real widgets: issuing, redeeming, the list, voiding."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from jiazheng_desktop.domain.money import format_fen
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import (
    VoucherDraft,
    VoucherKind,
    VoucherStatus,
    check_symbol,
    format_code,
)
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.common import messages
from jiazheng_desktop.gui.vouchers import page as vouchers_page
from jiazheng_desktop.gui.vouchers import voucher_dialog
from jiazheng_desktop.gui.vouchers.page import VouchersPage
from jiazheng_desktop.gui.vouchers.redeem_dialog import RedeemDialog
from jiazheng_desktop.gui.vouchers.table_model import COLUMNS
from jiazheng_desktop.gui.vouchers.voucher_dialog import VoucherDialog, spoken_code
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.vouchers import VoucherFilter
from tests.conftest import grants, make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture
def customer(services: Services) -> int:
    """A customer who agreed to 营销与节日问候 (promotions and red packets need it)."""
    return services.customers.create(make_draft(), grants(services, Purpose.MARKETING))


def add_visit(services: Services, customer: int, days_ago: int = 0) -> int:
    return services.service_records.add(
        ServiceRecordDraft(
            customer_id=customer,
            served_at=services.context.now() - timedelta(days=days_ago),
            service_type="日常保洁",
            amount_text="200",
        )
    )


def issue(services: Services, customer: int, total: str = "200", uses: int = 2, **kw: object) -> int:
    draft = VoucherDraft(
        customer_id=customer,
        kind=str(kw.pop("kind", VoucherKind.PROMOTION.value)),
        total_text=total,
        uses=uses,
        valid_until=date(2027, 2, 21),
        usage_note="抵扣下次服务费",
    )
    return services.vouchers.issue(draft)


def click_save(qtbot, dialog: VoucherDialog) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


# -- issuing ----------------------------------------------------------------------------------------


def test_issue_with_the_customer_given(qtbot, services: Services, customer: int, no_message_boxes) -> None:
    dialog = VoucherDialog(services, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    assert ui.customer_search_edit.isReadOnly() and "王先生" in ui.customer_search_edit.text()
    assert ui.kind_combo.currentData() == VoucherKind.PROMOTION.value
    assert ui.valid_until_edit.date() == QDate(2027, 2, 21)  # the injected clock's today + 90 days
    assert ui.valid_until_edit.calendarPopup()
    assert ui.usage_note_edit.text() == "抵扣下次服务费"

    ui.total_edit.setText("200")
    ui.uses_spin.setValue(2)
    assert ui.per_use_label.text() == "每次 ¥100.00"
    issued: list[int] = []
    dialog.voucher_issued.connect(issued.append)
    click_save(qtbot, dialog)

    assert dialog.voucher_id is not None and issued == [dialog.voucher_id]
    view = services.vouchers.get(dialog.voucher_id)
    assert (view.value_fen, view.uses_total, view.value_per_use_fen) == (200_00, 2, 100_00)
    assert view.customer_id == customer and view.valid_until == date(2027, 2, 21)
    assert no_message_boxes[-1] == f"券码 {view.code}，请念给客户：{spoken_code(view.code)}"
    assert spoken_code("7KQ9-M3XP") == "7 K Q 9，M 3 X P"


def test_bad_amount_and_uneven_split_are_shown_next_to_the_field(
    qtbot, services: Services, customer: int
) -> None:
    dialog = VoucherDialog(services, customer, kind=VoucherKind.FESTIVAL.value)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    ui.total_edit.setText("两百")
    click_save(qtbot, dialog)
    assert dialog.voucher_id is None and dialog.errors.message("total")
    assert ui.total_edit.text() == "两百"

    ui.total_edit.setText("100")
    ui.uses_spin.setValue(3)
    assert ui.per_use_label.text() == "不能平均分成 3 次"
    click_save(qtbot, dialog)
    assert "不能整分" in dialog.errors.message("total")
    assert (ui.total_edit.text(), ui.uses_spin.value()) == ("100", 3)
    assert ui.kind_combo.currentData() == VoucherKind.FESTIVAL.value
    assert services.vouchers.list(VoucherFilter()) == []


def test_search_for_the_customer_in_the_dialog(qtbot, services: Services, customer: int) -> None:
    dialog = VoucherDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    assert not ui.customer_search_edit.isReadOnly()
    ui.total_edit.setText("50")
    click_save(qtbot, dialog)
    assert dialog.errors.message("customer")
    qtbot.keyClicks(ui.customer_search_edit, "13812345678")
    assert dialog.run_search() == 1
    qtbot.keyClick(ui.customer_search_edit, Qt.Key.Key_Return)
    assert dialog.customer_id == customer and ui.customer_search_edit.isReadOnly()
    click_save(qtbot, dialog)
    assert dialog.voucher_id is not None


def test_above_the_limit_asks_for_a_password_and_retries(
    qtbot, services: Services, customer: int, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    asked: list[Role] = []
    answers = [None, owner_auth]

    def fake(_parent, _services, minimum, what):
        asked.append(minimum)
        return answers.pop(0)

    monkeypatch.setattr(voucher_dialog, "ask_authorization", fake)
    dialog = VoucherDialog(services, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.total_edit.setText("800")  # above 区域经理's ¥500: the owner must confirm

    click_save(qtbot, dialog)  # cancelled at the password
    assert dialog.voucher_id is None and asked == [Role.OWNER]
    click_save(qtbot, dialog)
    assert dialog.voucher_id is not None and asked == [Role.OWNER, Role.OWNER]
    assert services.vouchers.get(dialog.voucher_id).value_fen == 800_00


# -- redeeming --------------------------------------------------------------------------------------


def test_redeem_after_a_mistyped_code_then_twice_for_one_visit_is_refused(
    qtbot, services: Services, customer: int, no_message_boxes
) -> None:
    visit = add_visit(services, customer)
    voucher_id = issue(services, customer)
    code = services.vouchers.get(voucher_id).code
    wrong_last = "2" if code[-1] != "2" else "3"

    dialog = RedeemDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    ui.code_edit.setText(code[:-1] + wrong_last)
    qtbot.mouseClick(ui.lookup_button, Qt.MouseButton.LeftButton)
    assert "校验位" in dialog.errors.message("code")
    assert dialog.voucher is None and not ui.redeem_button.isEnabled()

    ui.code_edit.clear()
    qtbot.keyClicks(ui.code_edit, code.replace("-", "").lower())
    assert ui.code_edit.text() == code  # normalised as typed
    qtbot.keyClick(ui.code_edit, Qt.Key.Key_Return)
    assert dialog.voucher is not None and dialog.voucher.id == voucher_id
    assert ui.customer_value_label.text() == "王先生"
    assert ui.uses_value_label.text() == "2 / 2 次"
    assert ui.refusal_label.isHidden() and ui.redeem_button.isEnabled()
    assert ui.service_record_combo.currentData() == visit
    redeemed: list[int] = []
    dialog.voucher_redeemed.connect(redeemed.append)
    qtbot.mouseClick(ui.redeem_button, Qt.MouseButton.LeftButton)
    assert dialog.redeemed_voucher_id == voucher_id and redeemed == [voucher_id]
    assert "抵扣 ¥100.00" in no_message_boxes[-1]
    assert services.vouchers.get(voucher_id).balance_fen == 100_00

    again = RedeemDialog(services)
    qtbot.addWidget(again)
    again.show()
    again.ui.code_edit.setText(code)
    assert again.look_up()
    qtbot.mouseClick(again.ui.redeem_button, Qt.MouseButton.LeftButton)
    assert no_message_boxes[-1] == "这次服务已经用过这张券了"
    assert again.redeemed_voucher_id is None
    assert services.vouchers.get(voucher_id).balance_fen == 100_00


def test_a_void_voucher_is_shown_in_red_with_the_reason(
    qtbot, services: Services, customer: int, owner_auth
) -> None:
    add_visit(services, customer)
    voucher_id = issue(services, customer)
    services.vouchers.void(voucher_id, "客户退款", owner_auth)
    dialog = RedeemDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.code_edit.setText(services.vouchers.get(voucher_id).code)
    assert dialog.look_up()
    assert dialog.ui.refusal_label.text() == "这张券已作废，不能再使用"
    assert dialog.ui.refusal_label.isVisible() and "c0392b" in dialog.ui.status_value_label.styleSheet()
    assert (dialog.ui.kind_value_label.text(), dialog.ui.status_value_label.text()) == ("优惠券", "已作废")
    assert not dialog.ui.redeem_button.isEnabled()


def test_an_unknown_code_says_so(qtbot, services: Services) -> None:
    dialog = RedeemDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.code_edit.setText(_some_valid_code())
    assert not dialog.look_up()
    assert "找不到券码" in dialog.errors.message("code")


def _some_valid_code() -> str:
    return format_code("7KQ9M3X" + check_symbol("7KQ9M3X"))


# -- the page ---------------------------------------------------------------------------------------


@pytest.fixture
def page(qtbot, services: Services, qsettings) -> VouchersPage:
    widget = VouchersPage(services, qsettings)
    qtbot.addWidget(widget)
    return widget


def type_filter(qtbot, page: VouchersPage, text: str) -> None:
    page.ui.filter_edit.setText(text)
    assert page.filter_timer.isActive()  # reloads after a pause in the typing
    qtbot.waitUntil(lambda: not page.filter_timer.isActive())


def column_texts(page: VouchersPage, title: str) -> list[str]:
    column = [header for _key, header in COLUMNS].index(title)
    return [page.model.index(row, column).data() for row in range(page.model.rowCount())]


def test_page_lists_and_filters(
    qtbot, page: VouchersPage, services: Services, customer: int, owner_auth
) -> None:
    other = services.customers.create(
        make_draft(name="张丽", honorific="女士", phone="13900001111"), grants(services, Purpose.MARKETING)
    )
    first = issue(services, customer)
    second = issue(services, other, total="88", uses=1, kind=VoucherKind.FESTIVAL.value)
    voided = issue(services, other, total="10", uses=1)
    services.vouchers.void(voided, "发错了", owner_auth)
    assert page.model.rowCount() == 0  # loads when first shown
    page.show()
    assert page.model.rowCount() == 2  # 可用 is the first view
    assert page.ui.view_combo.currentData() == "active"
    assert sorted(column_texts(page, "客户")) == ["张女士", "王先生"]
    row = column_texts(page, "券码").index(services.vouchers.get(first).code)
    assert column_texts(page, "每次")[row] == format_fen(100_00)
    assert column_texts(page, "剩余次数")[row] == "2"
    assert column_texts(page, "类型")[row] == "优惠券" and column_texts(page, "状态")[row] == "可用"

    page.ui.kind_combo.setCurrentIndex(page.ui.kind_combo.findData(VoucherKind.FESTIVAL.value))
    assert column_texts(page, "券码") == [services.vouchers.get(second).code]
    page.ui.kind_combo.setCurrentIndex(0)
    type_filter(qtbot, page, "王")
    assert column_texts(page, "客户") == ["王先生"]
    type_filter(qtbot, page, services.vouchers.get(second).code[:4])
    assert services.vouchers.get(second).code in column_texts(page, "券码")
    type_filter(qtbot, page, "")
    page.ui.view_combo.setCurrentIndex(page.ui.view_combo.findData("void"))
    assert column_texts(page, "状态") == ["已作废"]

    page.ui.view_combo.setCurrentIndex(page.ui.view_combo.findData("all"))
    assert page.select_voucher(first)
    dialog = page.show_ledger(first)
    assert dialog is not None and dialog.entry_table.rowCount() == 1
    assert dialog.entry_table.item(0, 1).text() == "发放"


def test_page_voids_after_confirm_and_a_password(
    qtbot, page: VouchersPage, services: Services, customer: int, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    voucher_id = issue(services, customer)
    page.show()
    assert page.select_voucher(voucher_id) and page.ui.void_button.isEnabled()
    questions: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(messages, "confirm", lambda _p, text, **_k: questions.append(text) or answers.pop(0))
    monkeypatch.setattr(vouchers_page, "ask_void_reason", lambda _parent: "客户要求退款")
    asked: list[tuple[Role, str]] = []

    def fake_auth(_parent, _services, minimum, what):
        asked.append((minimum, what))
        return owner_auth

    monkeypatch.setattr(vouchers_page, "ask_authorization", fake_auth)

    qtbot.mouseClick(page.ui.void_button, Qt.MouseButton.LeftButton)  # said no
    assert services.vouchers.get(voucher_id).status == VoucherStatus.ACTIVE and asked == []
    qtbot.mouseClick(page.ui.void_button, Qt.MouseButton.LeftButton)
    assert asked == [(Role.REGIONAL_MANAGER, "作废优惠券")]
    assert len(questions) == 2 and services.vouchers.get(voucher_id).code in questions[0]
    view = services.vouchers.get(voucher_id)
    assert view.status == VoucherStatus.VOID and view.entries[-1].reason == "客户要求退款"
    assert page.model.rowCount() == 0  # no longer 可用
    assert not page.ui.void_button.isEnabled()


def test_page_issues_and_redeems_through_its_dialogs(
    qtbot, page: VouchersPage, services: Services, customer: int, qsettings
) -> None:
    visit = add_visit(services, customer)
    page.show()
    page.create_new()
    dialog = page.issue_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_customer(customer)
    dialog.ui.total_edit.setText("100")
    click_save(qtbot, dialog)
    assert dialog.voucher_id is not None
    assert page.current_voucher_id() == dialog.voucher_id
    code = services.vouchers.get(dialog.voucher_id).code

    qtbot.mouseClick(page.ui.redeem_button, Qt.MouseButton.LeftButton)
    redeem = page.redeem_dialog
    assert redeem is not None
    redeem.ui.code_edit.setText(code)
    assert redeem.look_up() and redeem.ui.service_record_combo.currentData() == visit
    qtbot.mouseClick(redeem.ui.redeem_button, Qt.MouseButton.LeftButton)
    assert services.vouchers.get(dialog.voucher_id).status == VoucherStatus.USED
    assert page.current_voucher_id() == dialog.voucher_id  # switched to 全部 to show it
    assert column_texts(page, "状态") == ["已用完"]

    page.save_state(qsettings)
    assert qsettings.value("vouchers_page/header") is not None


def test_a_compensation_voucher_linked_to_a_complaint_by_its_number_is_on_its_notice(
    qtbot, services: Services, customer: int, no_message_boxes
) -> None:
    from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
    from jiazheng_desktop.services.incidents import IncidentDraft
    from tests.pdf_helpers import read_pdf

    def complaint(customer_id: int) -> int:
        incident = services.incidents.open_incident(
            IncidentDraft(customer_id, Category.NOT_CLEAN.value, 1, customer_said="厨房有清洁剂残留异味")
        )
        for step, data in (
            (Step.IDENTIFY, {"what_happened": "清洁剂没有冲净", "root_cause": "用品使用不当"}),
            (Step.LISTEN, {"customer_account": "厨房一股味道", "customer_needs": "处理干净"}),
            (Step.EMPATHIZE, {"apology": "非常抱歉"}),
        ):
            services.incidents.complete_step(incident, step, data)
        services.incidents.complete_step(
            incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value, "", "明天返工")]
        )
        return incident

    mine = complaint(customer)
    someone_else = complaint(services.customers.create(make_draft(name="李娜", phone="13900002222")))
    dialog = VoucherDialog(services, customer, kind=VoucherKind.COMPENSATION.value)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    ui.total_edit.setText("200")
    ui.uses_spin.setValue(2)
    ui.usage_note_edit.setText("减免本次及下次基础服务费")
    for typed, said in (
        ("SJ-2026-0099", "找不到投诉 SJ-2026-0099"),
        (services.incidents.get(someone_else).number, "不是这位客户的"),
    ):
        ui.incident_edit.setText(typed)
        click_save(qtbot, dialog)
        assert dialog.voucher_id is None and said in dialog.errors.message("incident")
        assert ui.incident_edit.text() == typed and ui.total_edit.text() == "200"  # nothing typed is lost
    number = services.incidents.get(mine).number
    ui.incident_edit.setText(number.lower())  # as typed in a hurry
    click_save(qtbot, dialog)
    assert dialog.voucher_id is not None
    view = services.vouchers.get(dialog.voucher_id)
    assert (view.incident_id, view.incident_number, view.uses_total) == (mine, number, 2)

    text = read_pdf(services.documents.compensation_notice(mine)).compact
    until = view.valid_until
    assert f"券码{view.code}；共2次，每次¥100.00；有效期至{until.year}年{until.month}月{until.day}日" in text
