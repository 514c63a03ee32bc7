"""A customer edited on two PCs: the dialog whose save comes second is refused, stays open and keeps the text."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.customers.customer_dialog import CustomerDialog
from jiazheng_desktop.services import build_services
from tests.conftest import make_draft


def _save(dialog: CustomerDialog, qtbot) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_a_refused_save_keeps_the_dialog_open_with_the_typed_text_and_says_who(
    qtbot, services, owner_auth, clock, no_message_boxes
) -> None:
    cid = services.customers.create(make_draft())
    dialog = CustomerDialog(services, cid)
    qtbot.addWidget(dialog)
    dialog.show()

    # Meanwhile 周晓燕 saves the same customer on the other PC.
    other = build_services(clock)
    other.staff.set_on_duty(services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth))
    clock.advance(timedelta(minutes=4))
    other.customers.update(cid, make_draft(address="浦东新区世纪大道 100 号"), expected_version=1)
    clock.advance(timedelta(minutes=2))

    dialog.ui.address_edit.setText("徐汇区漕溪北路 8 号")
    dialog.ui.name_edit.setText("王建华")
    _save(dialog, qtbot)

    assert len(no_message_boxes) == 1
    message = no_message_boxes[0]
    assert "周晓燕" in message and "11月23日 10:04" in message and "您填写的内容还在窗口里" in message
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.address_edit.text() == "徐汇区漕溪北路 8 号"  # nothing typed is lost
    assert dialog.ui.name_edit.text() == "王建华"
    stored = services.customers.get(cid)
    assert (stored.name, stored.address) == ("王建国", "浦东新区世纪大道 100 号")  # the first save's

    # Saving again from the same stale window is still refused; a window opened afresh saves.
    _save(dialog, qtbot)
    assert len(no_message_boxes) == 2 and dialog.isVisible()
    dialog.reject()
    again = CustomerDialog(services, cid)
    qtbot.addWidget(again)
    again.show()
    assert again.ui.address_edit.text() == "浦东新区世纪大道 100 号"
    again.ui.address_edit.setText("徐汇区漕溪北路 8 号")
    _save(again, qtbot)
    assert len(no_message_boxes) == 2 and not again.isVisible()
    assert services.customers.get(cid).address == "徐汇区漕溪北路 8 号"
