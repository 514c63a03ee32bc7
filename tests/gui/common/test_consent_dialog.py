"""The shared consent dialog: the same words every time, the answer, the channel, a note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.errors import NotFoundError
from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS, ConsentChannel, ConsentState, Purpose
from jiazheng_desktop.gui.common.consent_dialog import ConsentDialog
from tests.conftest import Confirmations, make_draft


@pytest.fixture(autouse=True)
def confirm(confirmations: Confirmations) -> Confirmations:
    return confirmations


@pytest.fixture
def customer(services) -> int:
    services.scripts.ensure_seeded()
    return services.customers.create(make_draft())


def _open(qtbot, services, customer: int, *purposes: Purpose) -> ConsentDialog:
    dialog = ConsentDialog(services, customer, purposes or None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: ConsentDialog) -> None:
    qtbot.mouseClick(
        dialog.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_the_phone_script_reads_the_wording_and_wechat_gives_the_text_to_send(
    qtbot, services, customer
) -> None:
    dialog = _open(qtbot, services, customer, Purpose.HOUSEHOLD_NOTES)
    assert dialog.windowTitle() == "征求同意：家庭备注"
    assert dialog.title_label.text() == "王先生（王建国）"
    phone = dialog.script_text()
    assert DEFAULT_WORDINGS[Purpose.HOUSEHOLD_NOTES] in phone and "王先生您好" in phone and "{" not in phone
    assert dialog.script_group.title() == "念给客户听的话：征求同意（电话或当面）"
    assert "家庭备注第 1 版" in dialog.script_hint_label.text()
    assert list(dialog.yes_radios) == [Purpose.HOUSEHOLD_NOTES]

    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData(ConsentChannel.WECHAT.value))
    assert dialog.script_group.title() == "发给客户的话：征求同意（微信）"
    assert DEFAULT_WORDINGS[Purpose.HOUSEHOLD_NOTES] in dialog.script_text() and dialog.script_text() != phone
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.script_text()


def test_an_answer_is_needed_and_nothing_is_recorded_without_one(qtbot, services, customer) -> None:
    dialog = _open(qtbot, services, customer)
    dialog.note_edit.setText("客户说考虑一下")
    _save(qtbot, dialog)
    assert dialog.isVisible() and "请选择客户的回答" in dialog.errors.message("answer")
    assert dialog.note_edit.text() == "客户说考虑一下" and services.consents.history(customer) == []


def test_the_answers_are_recorded_with_the_channel_the_note_and_the_words_shown(
    qtbot, services, customer, owner_auth
) -> None:
    dialog = _open(qtbot, services, customer)
    assert all(label.text() == "目前：未征求" for label in dialog.state_labels.values())
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData(ConsentChannel.IN_PERSON.value))
    dialog.set_answer(Purpose.MARKETING, True)
    dialog.set_answer(Purpose.CALLBACK_RECORDS, False)
    dialog.note_edit.setText("到店时当面问的")
    # The owner changes the wording while the customer is being asked: what they heard is recorded.
    services.consents.save_wording(
        Purpose.MARKETING, "新版条款：节日时给您发问候和优惠。您同意吗？", owner_auth
    )
    with qtbot.waitSignal(dialog.consent_recorded) as recorded:
        _save(qtbot, dialog)
    assert recorded.args == [customer] and dialog.result() == QDialog.DialogCode.Accepted
    status = services.consents.status(customer)
    assert status[Purpose.HOUSEHOLD_NOTES].state == ConsentState.NOT_ASKED  # not answered: left as it was
    marketing = status[Purpose.MARKETING].entry
    assert marketing is not None and marketing.granted
    assert (marketing.channel, marketing.note, marketing.wording.version) == (
        ConsentChannel.IN_PERSON,
        "到店时当面问的",
        1,
    )
    assert status[Purpose.CALLBACK_RECORDS].state == ConsentState.WITHDRAWN


def test_closing_with_an_answer_chosen_asks_first(qtbot, services, customer, confirm) -> None:
    dialog = _open(qtbot, services, customer, Purpose.MARKETING)
    dialog.set_answer(Purpose.MARKETING, True)
    confirm.answers = [False]
    dialog.reject()
    assert dialog.isVisible() and "还没有记下" in confirm.questions[0]
    dialog.reject()
    assert not dialog.isVisible() and services.consents.history(customer) == []


def test_a_customer_deleted_meanwhile_cannot_be_asked(qtbot, services, owner_auth) -> None:
    customer = services.customers.create(make_draft())
    services.customers.delete(customer, owner_auth)
    with pytest.raises(NotFoundError):
        ConsentDialog(services, customer)
