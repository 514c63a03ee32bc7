"""Taking the desk: pick your name, type your own password, 登录.

Used at start, when switching from the status bar (值班), and over a locked window. Nobody becomes
the person at the desk without that person's password; after too many wrong ones the wait left is
shown beside the name and counts down.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...domain.errors import DomainError
from ...domain.staff import Role, locked_out_message
from ...services import Services
from ...services.staff import StaffMember
from ..common import theme
from ..common.i18n import tr

ERROR_STYLE = theme.ERROR_STYLE
WAIT_TICK_MS = 1000


class SignInPurpose(Enum):
    """Why someone signs in: the prompt, and whether it can be cancelled."""

    START = "start"  # cancel quits the program
    SWITCH = "switch"  # cancel keeps the person on duty
    UNLOCK = "unlock"  # no cancel: the window stays locked until someone signs in


class SignInDialog(QDialog):
    """On success ``signed_in`` holds the person now at the desk (the service has put them there)."""

    def __init__(
        self,
        services: Services,
        purpose: SignInPurpose,
        preselect_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SignInDialog")
        self._services = services
        self.purpose = purpose
        self.signed_in: StaffMember | None = None
        self.setWindowTitle(
            tr("SignInDialog", "{app_name} - 登录").format(app_name=APP_NAME)
            if purpose is not SignInPurpose.UNLOCK
            else tr("SignInDialog", "{app_name} - 已锁定").format(app_name=APP_NAME)
        )
        prompts = {
            SignInPurpose.START: tr("SignInDialog", "请选择自己的名字，输入自己的密码登录："),
            SignInPurpose.SWITCH: tr(
                "SignInDialog", "换人值班：请选择接班人的名字，由他/她本人输入密码登录。"
            ),
            SignInPurpose.UNLOCK: tr(
                "SignInDialog",
                "屏幕已锁定。打开的窗口和已输入的内容都保留着；请选择名字、输入密码继续。",
            ),
        }
        self.prompt_label = QLabel(prompts[purpose], self)
        self.prompt_label.setWordWrap(True)
        self.staff_list = QListWidget(self)
        self.staff_list.setObjectName("staff_list")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(tr("SignInDialog", "密码"))
        password_label = QLabel(tr("SignInDialog", "密码(&P)"), self)
        password_label.setBuddy(self.password_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.sign_in_button = QPushButton(tr("SignInDialog", "登录"), self)
        self.sign_in_button.setObjectName("sign_in_button")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAutoDefault(True)
        cancel_text = {
            SignInPurpose.START: tr("SignInDialog", "退出"),
            SignInPurpose.SWITCH: tr("SignInDialog", "取消"),
        }
        self.cancel_button: QPushButton | None = None
        if purpose in cancel_text:
            self.cancel_button = QPushButton(cancel_text[purpose], self)
            self.cancel_button.setAutoDefault(False)
            self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.staff_list)
        row = QHBoxLayout()
        row.addWidget(password_label)
        row.addWidget(self.password_edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.forgot_button = QPushButton(tr("SignInDialog", "忘记店主密码？"), self)
        self.forgot_button.setObjectName("forgot_button")
        self.forgot_button.setFlat(True)
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setToolTip(tr("SignInDialog", "用“数据恢复单”上的恢复码重设店主的密码"))
        self.forgot_button.clicked.connect(self.reset_owner_password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addStretch()
        buttons.addWidget(self.sign_in_button)
        if self.cancel_button is not None:
            buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.resize(380, 380)

        for member in services.staff.list():
            item = QListWidgetItem(member.label)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.staff_list.addItem(item)
            if member.id == preselect_id:
                self.staff_list.setCurrentItem(item)
        if self.staff_list.currentRow() < 0 and self.staff_list.count():
            self.staff_list.setCurrentRow(0)

        self._wait_timer = QTimer(self, interval=WAIT_TICK_MS)
        self._wait_timer.timeout.connect(self._show_wait)
        self.staff_list.currentItemChanged.connect(self._on_person_changed)
        self.staff_list.itemDoubleClicked.connect(lambda _item: self.password_edit.setFocus())
        self.password_edit.returnPressed.connect(self.try_sign_in)
        self.password_edit.textEdited.connect(lambda _text: self._show_wait())
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self._show_wait()
        self._update_forgot_button()
        self.password_edit.setFocus()

    def _update_forgot_button(self) -> None:
        staff_id = self.chosen_id()
        owner = staff_id is not None and self._services.staff.get(staff_id).role == Role.OWNER
        self.forgot_button.setVisible(owner and self._services.security.encrypted())

    def reset_owner_password(self) -> None:
        """The owner forgot the password: the recovery code sets a new one (then sign in with it)."""
        from .owner_password_dialog import OwnerPasswordDialog

        staff_id = self.chosen_id()
        if staff_id is None:
            return
        member = self._services.staff.get(staff_id)
        if (
            OwnerPasswordDialog(self._services, staff_id, member.name, self).exec()
            == QDialog.DialogCode.Accepted
        ):
            self._show_wait()
            self._set_error(tr("SignInDialog", "密码已重设，请用新密码登录。"))
            self.password_edit.setFocus()

    def chosen_id(self) -> int | None:
        item = self.staff_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def choose(self, staff_id: int) -> bool:
        """Select ``staff_id`` in the list (False if they are not in it)."""
        for row in range(self.staff_list.count()):
            if self.staff_list.item(row).data(Qt.ItemDataRole.UserRole) == staff_id:
                self.staff_list.setCurrentRow(row)
                return True
        return False

    def error_text(self) -> str:
        """The message showing under the password (empty when none)."""
        return "" if self.error_label.isHidden() else self.error_label.text()

    def _set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _on_person_changed(self) -> None:
        self.password_edit.clear()
        self._set_error("")
        self._show_wait()
        self._update_forgot_button()
        self.password_edit.setFocus()

    def _show_wait(self) -> None:
        """While the chosen person must wait, say how long (and count down); else clear it."""
        staff_id = self.chosen_id()
        wait = self._services.staff.sign_in_wait(staff_id) if staff_id is not None else None
        if wait:
            self._set_error(locked_out_message(wait))
            if not self._wait_timer.isActive():
                self._wait_timer.start()
            return
        if self._wait_timer.isActive():
            self._wait_timer.stop()
            self._set_error("")

    def try_sign_in(self) -> None:
        """登录 or Enter: the service checks the password (and counts a wrong one)."""
        staff_id = self.chosen_id()
        if staff_id is None:
            self._set_error(tr("SignInDialog", "请先在上面选择自己的名字"))
            return
        if not self.password_edit.text():
            self._set_error(tr("SignInDialog", "请输入密码"))
            self.password_edit.setFocus()
            return
        try:
            self.signed_in = self._services.staff.sign_in(staff_id, self.password_edit.text())
        except DomainError as exc:
            self._set_error(str(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            self._show_wait()  # a wait that just began counts down from here
            return
        self._wait_timer.stop()
        self.password_edit.clear()
        self.accept()

    # -- an unlock cannot be cancelled ----------------------------------------------------------

    def reject(self) -> None:
        if self.purpose is not SignInPurpose.UNLOCK:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.purpose is SignInPurpose.UNLOCK:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.purpose is SignInPurpose.UNLOCK and self.signed_in is None:
            event.ignore()
            return
        super().closeEvent(event)


def sign_in(
    parent: QWidget | None, services: Services, purpose: SignInPurpose, preselect_id: int | None = None
) -> StaffMember | None:
    """Ask someone to sign in (blocking); who did, or None if it was cancelled."""
    dialog = SignInDialog(services, purpose, preselect_id, parent)
    return dialog.signed_in if dialog.exec() == QDialog.DialogCode.Accepted else None
