"""忽略提醒: asks why a reminder is dismissed, and dismisses it through the reminder service.

Opened with ``open()`` (not ``exec()``): tests fill it in and click like a person would. An empty reason
is shown next to the field; the dialog stays open and keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.reminders import DISMISS_REASON_MAX
from ...services import Services
from ...services.reminder_views import ReminderRow
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr

_ERROR_STYLE = theme.ERROR_STYLE


class DismissReminderDialog(QDialog):
    """Emits ``dismissed(reminder_id)`` and accepts once the service has recorded the dismissal."""

    dismissed = Signal(int)

    def __init__(self, services: Services, row: ReminderRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.reminder_id = row.id
        self.setWindowTitle(tr("DismissReminderDialog", "忽略提醒"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        summary = QLabel(row.title, self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        prompt = QLabel(tr("DismissReminderDialog", "忽略的原因（会记入操作记录）(&R)："), self)
        layout.addWidget(prompt)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(DISMISS_REASON_MAX)
        self.reason_edit.setPlaceholderText(tr("DismissReminderDialog", "例如：客户已来电续约"))
        prompt.setBuddy(self.reason_edit)
        layout.addWidget(self.reason_edit)
        self.reason_error = QLabel(self)
        self.reason_error.setWordWrap(True)
        self.reason_error.setStyleSheet(_ERROR_STYLE)
        layout.addWidget(self.reason_error)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("DismissReminderDialog", "忽略"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("DismissReminderDialog", "取消")
        )
        self.button_box.accepted.connect(self._on_accepted)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.errors = FieldErrors({"reason": (self.reason_error, self.reason_edit)})
        self.reason_edit.setFocus()

    def _on_accepted(self) -> None:
        reason = self.reason_edit.text()
        if self.errors.attempt(self, lambda: self._services.reminders.dismiss(self.reminder_id, reason)):
            self.dismissed.emit(self.reminder_id)
            self.accept()
