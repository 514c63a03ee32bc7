"""Confirm an action reserved to a higher role with that person's password.

Wrong passwords here count towards the same wait as at sign-in (the service keeps the count).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.errors import DomainError
from ...domain.staff import Role, locked_out_message
from ...services import Services
from ...services.context import Authorization
from ..forms.ui_password_dialog import Ui_PasswordDialog
from .i18n import tr


class PasswordDialog(QDialog):
    """Pick someone of at least ``minimum`` role and type their password.

    On success ``authorization`` holds the proof to pass to the service.
    """

    def __init__(self, services: Services, minimum: Role, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PasswordDialog()
        self.ui.setupUi(self)
        self._services = services
        self._minimum = minimum
        self._what = what
        self.authorization: Authorization | None = None
        self.setWindowTitle(tr("PasswordDialog", "{what}：需要确认").format(what=what))
        self.ui.reason_label.setText(
            tr("PasswordDialog", "“{what}”需要{role}或更高职位的人员输入自己的密码确认。").format(
                what=what, role=minimum.label
            )
        )
        on_duty = services.context.on_duty_id
        eligible = [m for m in services.staff.list() if m.role >= minimum]
        for member in eligible:
            self.ui.staff_combo.addItem(member.label, member.id)
            if member.id == on_duty:
                self.ui.staff_combo.setCurrentIndex(self.ui.staff_combo.count() - 1)
        ok = self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("PasswordDialog", "确认"))
        if not eligible:
            self.ui.password_error.setText(
                tr("PasswordDialog", "还没有{role}账号，请先由店主在“设置”里添加。").format(
                    role=minimum.label
                )
            )
            self.ui.password_error.setVisible(True)
            ok.setEnabled(False)
        self.ui.button_box.accepted.connect(self._on_accepted)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.staff_combo.currentIndexChanged.connect(lambda _i: self._show_wait())
        self._show_wait()
        self.ui.password_edit.setFocus()

    def _show_wait(self) -> None:
        """Say so at once when the person chosen must wait after too many wrong passwords."""
        staff_id = self.ui.staff_combo.currentData()
        wait = self._services.staff.sign_in_wait(staff_id) if staff_id is not None else None
        if wait:
            self.ui.password_error.setText(locked_out_message(wait))
            self.ui.password_error.setVisible(True)
        elif self.ui.staff_combo.count():
            self.ui.password_error.clear()
            self.ui.password_error.setVisible(False)

    def _on_accepted(self) -> None:
        staff_id = self.ui.staff_combo.currentData()
        try:
            self.authorization = self._services.staff.authorize(
                staff_id, self.ui.password_edit.text(), self._minimum, self._what
            )
        except DomainError as exc:
            self.ui.password_error.setText(str(exc))
            self.ui.password_error.setVisible(True)
            self.ui.password_edit.selectAll()
            self.ui.password_edit.setFocus()
            return
        self.accept()


def ask_authorization(
    parent: QWidget | None, services: Services, minimum: Role, what: str
) -> Authorization | None:
    """Ask for a password of someone with ``minimum`` role; None if the user cancelled."""
    dialog = PasswordDialog(services, minimum, what, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.authorization
    return None
