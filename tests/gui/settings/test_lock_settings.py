"""锁屏 on the settings page: the idle minutes, saved with the owner's password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.settings.lock_settings_box import LockSettingsBox

pytestmark = pytest.mark.usefixtures("no_message_boxes")

BOX = "jiazheng_desktop.gui.settings.lock_settings_box.ask_authorization"


def test_the_owner_saves_the_idle_minutes(qtbot, services, owner_auth, monkeypatch) -> None:
    asked: list[tuple[Role, str]] = []
    monkeypatch.setattr(BOX, lambda _p, _s, role, what: asked.append((role, what)) or owner_auth)
    box = LockSettingsBox(services)
    qtbot.addWidget(box)
    box.show()
    assert box.minutes_spin.value() == 10 and box.minutes_spin.suffix() == " 分钟"
    box.minutes_spin.setValue(25)
    with qtbot.waitSignal(box.lock_settings_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [(Role.OWNER, "修改自动锁定时间")]
    assert services.settings.lock_idle_minutes() == 25 and box.status_label.text() == "已保存"


def test_nothing_is_saved_without_the_owners_password(
    qtbot, services, owner_auth, monkeypatch, no_message_boxes
) -> None:
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    box = LockSettingsBox(services)
    qtbot.addWidget(box)
    box.minutes_spin.setValue(60)
    monkeypatch.setattr(BOX, lambda *_a: None)  # cancelled
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    clerk_auth = services.staff.authorize(clerk, "clerk-pw", Role.CUSTOMER_SERVICE, "x")
    monkeypatch.setattr(BOX, lambda *_a: clerk_auth)  # not the owner's: the service refuses
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert services.settings.lock_idle_minutes() == 10 and box.status_label.text() == ""
    assert no_message_boxes and "店主" in no_message_boxes[-1]
    assert box.minutes_spin.value() == 60  # what was chosen stays


def test_the_owner_resets_a_locked_out_password_in_the_staff_dialog(
    qtbot, services, owner_auth, monkeypatch
) -> None:
    from datetime import timedelta

    from jiazheng_desktop.domain.errors import PermissionDenied
    from jiazheng_desktop.gui.settings.staff_dialog import StaffDialog

    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            services.staff.sign_in(clerk, "forgotten")
    assert services.staff.sign_in_wait(clerk) == timedelta(seconds=30)
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.staff_dialog.ask_authorization", lambda *_a: owner_auth
    )
    dialog = StaffDialog(services, clerk)
    qtbot.addWidget(dialog)
    dialog.ui.password_edit.setText("fresh-pass-1")
    dialog.ui.password_again_edit.setText("fresh-pass-1")
    dialog._on_save_button_clicked()
    assert dialog.result() == StaffDialog.DialogCode.Accepted
    assert services.staff.sign_in_wait(clerk) == timedelta(0)
    assert services.staff.sign_in(clerk, "fresh-pass-1").id == clerk
