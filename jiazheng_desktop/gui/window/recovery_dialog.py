"""On a new PC, or when the stored key is gone: type the recovery code back to open the data."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...domain.recovery_code import decode_key
from ..common import theme
from ..common.i18n import tr


class RecoveryDialog(QDialog):
    """Asks for the code until ``opens(key)`` accepts it; ``key`` holds the result."""

    def __init__(self, message: str, opens: Callable[[bytes], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("RecoveryDialog", "输入恢复码"))
        self.key: bytes | None = None
        self._opens = opens
        layout = QVBoxLayout(self)
        intro = QLabel(message, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        hint = QLabel(
            tr(
                "RecoveryDialog",
                "恢复码在店主保管的“数据恢复单”上，共 14 组、每组 4 个字符。大小写、空格和横线都可以不管。",
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.code_edit = QLineEdit(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 12.0))
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code_edit.setFont(font)
        self.code_edit.setPlaceholderText("ABCD-EFGH-…")
        self.code_edit.setMinimumWidth(560)
        layout.addWidget(self.code_edit)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(theme.ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("RecoveryDialog", "打开数据"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("RecoveryDialog", "退出"))
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.code_edit.textEdited.connect(lambda _text: self.error_label.hide())

    def _on_accepted(self) -> None:
        try:
            key = decode_key(self.code_edit.text())
        except DomainError as exc:
            self._show_error(str(exc))
            return
        if not self._opens(key):
            self._show_error(
                tr(
                    "RecoveryDialog",
                    "这个恢复码是对的格式，但打不开这份数据：它可能是另一份数据（别的电脑、别的公司）的恢复码。"
                    "请拿对应这份数据的恢复单再试。",
                )
            )
            return
        self.key = key
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.code_edit.setFocus()
        self.code_edit.selectAll()


def ask_recovery_code(parent: QWidget | None, message: str, opens: Callable[[bytes], bool]) -> bytes | None:
    dialog = RecoveryDialog(message, opens, parent)
    return dialog.key if dialog.exec() == QDialog.DialogCode.Accepted else None
