"""记录咨询: the dialog with the script beside it, its checks, and Ctrl+Shift+N from anywhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication

from jiazheng_desktop.domain.lifecycle import Stage
from jiazheng_desktop.gui.customers.inquiry_dialog import InquiryDialog
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.storage.models import Customer, Inquiry

pytestmark = pytest.mark.usefixtures("no_message_boxes")


def _fill(dialog: InquiryDialog) -> None:
    dialog.name_edit.setText("李")
    dialog.honorific_combo.setCurrentIndex(dialog.honorific_combo.findData("太太"))
    dialog.phone_edit.setText("138 1234 5678")
    dialog.service_combo.setCurrentIndex(dialog.service_combo.findData("深度保洁"))
    dialog.asked_edit.setPlainText("三居室多少钱")


def test_the_script_follows_what_is_typed_and_saving_makes_a_prospect(qtbot, services) -> None:
    services.scripts.ensure_seeded()
    dialog = InquiryDialog(services)
    qtbot.addWidget(dialog)
    _fill(dialog)
    assert "李太太" in dialog.script_view.toPlainText()
    qtbot.mouseClick(dialog.use_script_button, Qt.MouseButton.LeftButton)
    assert dialog.answered_edit.toPlainText() == dialog.script_view.toPlainText()
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == InquiryDialog.DialogCode.Accepted and dialog.recorded is not None
    customer = Customer.get_by_id(dialog.recorded.customer_id)
    assert customer.address_as == "李太太"
    assert services.lifecycle.assess(customer.id).stage is Stage.PROSPECT
    inquiry = Inquiry.get()
    assert inquiry.follow_up_on == services.context.now().date() + timedelta(days=2)


def test_mistakes_are_shown_by_their_fields_and_nothing_typed_is_lost(qtbot, services) -> None:
    dialog = InquiryDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("李")
    dialog.phone_edit.setText("1381234")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() != InquiryDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.errors.message("phone") and "问了什么" in dialog.errors.message("asked")
    assert dialog.name_edit.text() == "李" and dialog.phone_edit.text() == "1381234"
    assert Customer.select().count() == 0
    today = services.context.now().date()
    assert dialog.follow_edit.minimumDate() == QDate(today.year, today.month, today.day)  # no day in the past


def test_ctrl_shift_n_opens_it_anywhere_and_shows_the_new_customer(qtbot, services, qsettings) -> None:
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    qtbot.waitExposed(window)
    seen: list[InquiryDialog] = []

    def fill_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, InquiryDialog):
            QTimer.singleShot(20, fill_and_save)  # not open yet
            return
        seen.append(dialog)
        _fill(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    shortcut = window.findChild(QShortcut, "record_inquiry_shortcut")
    assert shortcut is not None and shortcut.key().toString() == "Ctrl+Shift+N"
    QTimer.singleShot(0, fill_and_save)
    shortcut.activated.emit()
    qtbot.waitUntil(lambda: window.current_page_key() == "customers")
    assert seen and window.page("customers").detail.customer_id == seen[0].recorded.customer_id


def test_the_workbench_button_opens_the_same_dialog(qtbot, services, qsettings) -> None:
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    opened: list[str] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, InquiryDialog):
            QTimer.singleShot(20, cancel)
            return
        opened.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, cancel)
    qtbot.mouseClick(window.page("home").inquiry_button, Qt.MouseButton.LeftButton)
    assert opened == ["记录咨询"] and Customer.select().count() == 0
