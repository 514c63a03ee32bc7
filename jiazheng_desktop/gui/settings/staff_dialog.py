"""Add or change a staff member (员工). Only the owner may; they confirm with their password."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.errors import ValidationError
from ...domain.staff import Role, check_password_strength
from ...services import Services
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from ..forms.ui_staff_dialog import Ui_StaffDialog


class StaffDialog(QDialog):
    """``staff_id`` None adds a member; after Save, ``staff_id`` holds the id."""

    staff_saved = Signal(int)

    def __init__(
        self, services: Services, staff_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_StaffDialog()
        self.ui.setupUi(self)
        self._services = services
        self.staff_id = staff_id
        ui = self.ui
        for role in Role:
            ui.role_combo.addItem(role.label, int(role))
        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(tr("StaffDialog", "保存(&S)"))
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("StaffDialog", "取消"))
        self.errors = FieldErrors(
            {
                "name": (ui.name_error, ui.name_edit),
                "role": (ui.role_error, ui.role_combo),
                "password": (ui.password_error, ui.password_edit),
                "password_again": (ui.password_again_error, ui.password_again_edit),
            },
            fallback=ui.form_error,
        )
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        if staff_id is None:
            self.setWindowTitle(tr("StaffDialog", "添加员工"))
            ui.role_combo.setCurrentIndex(ui.role_combo.findData(int(Role.CUSTOMER_SERVICE)))
            ui.password_edit_label.setText(tr("StaffDialog", "密码(&P)*"))
            ui.password_again_edit_label.setText(tr("StaffDialog", "再输一次(&G)*"))
            ui.password_hint_label.setText(
                tr(
                    "StaffDialog",
                    "经理和店主确认重要操作（如删除客户、修改设置）时输入自己的密码，至少 6 位。",
                )
            )
            ui.active_check.setVisible(False)  # a new member is on the staff
        else:
            member = services.staff.get(staff_id)
            self.setWindowTitle(tr("StaffDialog", "修改员工：{name}").format(name=member.name))
            ui.name_edit.setText(member.name)
            ui.role_combo.setCurrentIndex(ui.role_combo.findData(int(member.role)))
            ui.active_check.setChecked(member.active)
            ui.password_edit.setPlaceholderText(tr("StaffDialog", "留空则不修改"))
            ui.password_again_edit.setPlaceholderText(tr("StaffDialog", "留空则不修改"))
            ui.password_hint_label.setText(tr("StaffDialog", "只有要重设密码时才填写；留空则不修改。"))
        ui.name_edit.setFocus()

    @property
    def _what(self) -> str:
        return tr("StaffDialog", "添加员工") if self.staff_id is None else tr("StaffDialog", "修改员工")

    def _check_before_asking(self) -> str | None:
        """The password to save ("" keeps the old one), or None after showing what to fix.

        Checked here, before the owner is asked for their password, so that a typo does not
        cost them a second confirmation; the service checks everything again.
        """
        ui = self.ui
        password, again = ui.password_edit.text(), ui.password_again_edit.text()
        errors: dict[str, str] = {}
        if not ui.name_edit.text().strip():
            errors["name"] = tr("StaffDialog", "请填写员工姓名")
        if self.staff_id is None and not password:
            errors["password"] = tr("StaffDialog", "请为新员工设置密码")
        elif password:
            problem = check_password_strength(password)
            if problem:
                errors["password"] = problem
        if "password" not in errors and password != again:
            errors["password_again"] = tr("StaffDialog", "两次输入的密码不一致，请重新输入")
        if errors:
            self.errors.show(ValidationError(errors))
            return None
        return password

    def _on_save_button_clicked(self) -> None:
        ui = self.ui
        password = self._check_before_asking()
        if password is None:
            return
        self.errors.clear()
        auth = ask_authorization(self, self._services, Role.OWNER, self._what)
        if auth is None:
            return  # cancelled: the dialog stays open with everything as typed
        name, role = ui.name_edit.text(), ui.role_combo.currentData()
        active = ui.active_check.isChecked()

        def save() -> None:
            if self.staff_id is None:
                self.staff_id = self._services.staff.create(name, role, password, auth)
            else:
                self._services.staff.update(self.staff_id, name, role, active, password or None, auth)

        if self.errors.attempt(self, save) and self.staff_id is not None:
            self.staff_saved.emit(self.staff_id)
            self.accept()
