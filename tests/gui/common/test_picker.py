"""Choosing a referrer: the picker dialog and its use in the customer dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.gui.common.customer_picker import CustomerPickerDialog
from jiazheng_desktop.gui.customers.customer_dialog import CustomerDialog
from tests.conftest import make_draft


def test_picker_finds_by_initials_and_leaves_out_the_customer_himself(qtbot, services) -> None:
    zhang = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    wang = services.customers.create(make_draft(name="王建国", phone="13812345678"))
    dialog = CustomerPickerDialog(services, exclude=wang)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search_edit.setText("wjg")
    dialog.refresh()
    assert dialog.result_list.count() == 0 and dialog.hint_label.text() == "没有找到匹配的客户"
    dialog.search_edit.setText("zl")
    dialog.refresh()
    assert dialog.result_list.count() == 1
    assert dialog.result_list.item(0).text().startswith("张女士（张丽）")
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen_id == zhang


def test_picker_without_a_selection_says_so(qtbot, services) -> None:
    dialog = CustomerPickerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.hint_label.text() == "请先在列表里选中一位客户"


def test_customer_dialog_sets_and_clears_the_referrer(qtbot, services, monkeypatch) -> None:
    zhang = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    monkeypatch.setattr(
        "jiazheng_desktop.gui.customers.customer_dialog.pick_customer", lambda *_a, **_k: zhang
    )
    dialog = CustomerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.name_edit.setText("王建国")
    dialog.ui.phone_edit.setText("13812345678")
    qtbot.mouseClick(dialog.ui.referrer_pick_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.referrer_edit.text() == "张女士（张丽）"
    with qtbot.waitSignal(dialog.customer_saved) as saved:
        qtbot.mouseClick(
            dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert services.customers.get(saved.args[0]).referrer_id == zhang

    again = CustomerDialog(services, saved.args[0])
    qtbot.addWidget(again)
    assert again.ui.referrer_edit.text() == "张女士（张丽）"
    qtbot.mouseClick(again.ui.referrer_clear_button, Qt.MouseButton.LeftButton)
    assert again.ui.referrer_edit.text() == "" and again.draft().referrer_id is None
