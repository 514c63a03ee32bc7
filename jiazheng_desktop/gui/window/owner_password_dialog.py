"""忘记店主密码: the owner sets a new password with the recovery code from the 数据恢复单."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.errors import DomainError, ValidationError
from ...services import Services
from ..common import theme
from ..common.i18n import tr


class OwnerPasswordDialog(QDialog):
    def __init__(self, services: Services, staff_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._staff_id = staff_id
        self.setWindowTitle(tr("OwnerPasswordDialog", "用恢复码重设店主密码"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "OwnerPasswordDialog",
                "{name}忘记了密码：请输入“数据恢复单”上的恢复码，再设一个新密码。恢复码只能重设店主的密码。",
            ).format(name=name),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("ABCD-EFGH-…")
        self.code_edit.setMinimumWidth(480)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit(self)
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("OwnerPasswordDialog", "恢复码"), self.code_edit)
        form.addRow(tr("OwnerPasswordDialog", "新密码"), self.password_edit)
        form.addRow(tr("OwnerPasswordDialog", "再输一遍"), self.again_edit)
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(theme.ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("OwnerPasswordDialog", "重设密码"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self._services.security.reset_owner_password(
                self._staff_id, self.code_edit.text(), self.password_edit.text(), self.again_edit.text()
            )
        except ValidationError as exc:
            self._show(str(exc))
            return
        except DomainError as exc:
            self._show(str(exc))
            return
        self.accept()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
