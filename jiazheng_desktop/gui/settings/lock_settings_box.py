"""锁屏 on the settings page: how many idle minutes before the window locks itself (the owner sets it).

The window hears the change through its change notice and counts the new time from then on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...domain.staff import Role
from ...services import Services
from ...services.settings import LOCK_IDLE_MINUTES_RANGE
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

ERROR_STYLE = theme.ERROR_STYLE


class LockSettingsBox(QGroupBox):
    """One spin box and a save button; saving asks for the owner's password."""

    lock_settings_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("LockSettingsBox", "锁屏"), parent)
        self._services = services
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setObjectName("lock_idle_minutes_spin")
        self.minutes_spin.setRange(*LOCK_IDLE_MINUTES_RANGE)
        self.minutes_spin.setSuffix(tr("LockSettingsBox", " 分钟"))
        self.minutes_spin.setToolTip(
            tr("LockSettingsBox", "这么久没有人动键盘和鼠标，窗口就自动锁定，要输入密码才能继续")
        )
        self.minutes_error = QLabel(self)
        self.minutes_error.setStyleSheet(ERROR_STYLE)
        self.minutes_error.setWordWrap(True)
        self.status_label = QLabel(self)
        self.save_button = QPushButton(tr("LockSettingsBox", "保存锁屏设置(&K)"), self)
        self.save_button.setObjectName("save_button")
        hint = QLabel(
            tr(
                "LockSettingsBox",
                "离开座位时也可以按 Ctrl+L 或点状态栏的“锁定”立即锁定。锁定后打开的窗口和已输入的内容"
                "都会保留，由本人或接班的人用自己的密码登录后继续。",
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.MUTED_STYLE)
        form = QFormLayout(self)
        minutes_label = QLabel(tr("LockSettingsBox", "空闲自动锁定(&I)"), self)
        minutes_label.setBuddy(self.minutes_spin)
        form.addRow(minutes_label, self.minutes_spin)
        form.addRow("", self.minutes_error)
        form.addRow(hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.errors = FieldErrors({"lock_idle_minutes": (self.minutes_error, self.minutes_spin)})
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.minutes_spin.valueChanged.connect(lambda _value: self.status_label.clear())
        self.load()

    def load(self) -> None:
        """Show the time as stored."""
        self.minutes_spin.setValue(self._services.settings.lock_idle_minutes())
        self.errors.clear()

    def _on_save_button_clicked(self) -> None:
        self.status_label.clear()
        minutes = self.minutes_spin.value()
        auth = ask_authorization(self, self._services, Role.OWNER, tr("LockSettingsBox", "修改自动锁定时间"))
        if auth is None:
            return
        if self.errors.attempt(self, lambda: self._services.settings.save_lock_idle_minutes(minutes, auth)):
            self.load()
            self.status_label.setText(tr("LockSettingsBox", "已保存"))
            self.lock_settings_changed.emit()
