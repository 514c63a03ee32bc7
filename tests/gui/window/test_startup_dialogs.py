"""The dialogs met at start: first-run set-up and confirming with a password (signing in: test_sign_in_and_lock)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.common.password_dialog import PasswordDialog
from jiazheng_desktop.gui.window.setup_dialog import SetupDialog
from jiazheng_desktop.services import build_services
from jiazheng_desktop.storage.database import close_database, open_database

ACCEPTED = QDialog.DialogCode.Accepted


def _ok(dialog, qtbot) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_first_run_setup_keeps_what_was_typed_until_it_is_right(qtbot, data_paths, clock) -> None:
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        services = build_services(clock)
        dialog = SetupDialog(services)
        qtbot.addWidget(dialog)
        dialog.show()
        ui = dialog.ui
        ui.agency_name_edit.setText("好帮手家政")
        ui.agency_phone_edit.setText("021-5888")
        ui.owner_name_edit.setText("李店主")
        ui.password_edit.setText("secret12")
        ui.password_again_edit.setText("secret13")
        _ok(dialog, qtbot)
        assert dialog.result() != ACCEPTED
        assert (
            dialog.errors.message("phone")
            and dialog.errors.message("password_again") == "两次输入的密码不一样"
        )
        assert ui.owner_name_edit.text() == "李店主" and ui.agency_name_edit.text() == "好帮手家政"
        assert services.onboarding.needs_setup()

        ui.agency_phone_edit.setText("021-58886666")
        ui.password_again_edit.setText("secret12")
        _ok(dialog, qtbot)
        assert dialog.result() == ACCEPTED and dialog.owner_id is not None
        assert services.staff.get(dialog.owner_id).role == Role.OWNER
        assert services.settings.agency().phone == "021-58886666"
    finally:
        close_database()


def test_password_dialog_offers_only_those_who_may_and_checks_the_password(
    qtbot, services, owner_auth
) -> None:
    services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    manager = services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    dialog = PasswordDialog(services, Role.REGIONAL_MANAGER, "删除客户")
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.ui.staff_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "李店主（运营总监/店主）",
        "陈志强（区域经理）",
    ]
    assert combo.currentData() == owner_auth.staff_id  # the person on duty, when they may
    dialog.ui.password_edit.setText("wrong")
    _ok(dialog, qtbot)
    assert dialog.result() != ACCEPTED and dialog.ui.password_error.text() == "密码不对，请重新输入"
    combo.setCurrentIndex(combo.findData(manager))
    dialog.ui.password_edit.setText("manager-pw")
    _ok(dialog, qtbot)
    assert dialog.result() == ACCEPTED
    assert dialog.authorization is not None and dialog.authorization.name == "陈志强"
