"""Editing the words staff read when asking a customer's consent for one purpose (设置 → 隐私).

Saving asks for the owner's password and makes a new version; the consents already recorded keep
the words they were given on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.privacy import WORDING_MAX, Purpose, validate_wording
from ...domain.staff import Role
from ...services import Services
from ...services.consents import Wording
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

ERROR_STYLE = theme.ERROR_STYLE
MUTED_STYLE = theme.MUTED_STYLE


class WordingDialog(QDialog):
    """One purpose's wording as it stands, to edit; ``saved`` holds the new version after 保存."""

    def __init__(self, services: Services, purpose: Purpose, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.purpose = purpose
        self.current = services.consents.current_wording(purpose)
        self.saved: Wording | None = None
        self.setWindowTitle(tr("WordingDialog", "修改同意条款：{purpose}").format(purpose=purpose.label))
        self.setMinimumWidth(560)
        about = QLabel(
            tr("WordingDialog", "用途：{purpose}。同意后我们可以：{allows}。").format(
                purpose=purpose.label, allows=purpose.allows
            ),
            self,
        )
        about.setWordWrap(True)
        hint = QLabel(
            tr(
                "WordingDialog",
                "这是征求同意时给客户念或给客户看的原话。请写清楚收集什么、用来做什么、可以随时撤回。"
                "保存后成为第 {version} 版；已经记录的同意仍保留客户当时听到的原话。",
            ).format(version=self.current.version + 1),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED_STYLE)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("wording_edit")
        self.text_edit.setPlainText(self.current.text)
        self.text_edit.setMinimumHeight(140)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count_label.setStyleSheet(MUTED_STYLE)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.errors = FieldErrors({"wording": (self.error_label, self.text_edit)})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("WordingDialog", "取消"))
        self.save_button = QPushButton(tr("WordingDialog", "保存为新版本(&S)"), self)
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(hint)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.text_edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        count = len(self.text_edit.toPlainText().strip())
        self.count_label.setText(
            tr("WordingDialog", "{count} / {most} 字").format(count=count, most=WORDING_MAX)
        )

    def save(self) -> bool:
        """Check, ask the owner's password, save a new version; the dialog closes only when saved."""
        text = self.text_edit.toPlainText()
        try:
            clean = validate_wording(text)  # say what to fix before asking for a password
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        if clean == self.current.text:
            self.error_label.setText(tr("WordingDialog", "条款没有修改。改好后再保存，或点“取消”。"))
            self.error_label.setVisible(True)
            return False
        auth = ask_authorization(self, self._services, Role.OWNER, tr("WordingDialog", "修改同意条款"))
        if auth is None:
            return False  # cancelled: what was typed stays
        saved: list[Wording] = []
        if not self.errors.attempt(
            self, lambda: saved.append(self._services.consents.save_wording(self.purpose, text, auth))
        ):
            return False
        self.saved = saved[0]
        self.accept()
        return True
