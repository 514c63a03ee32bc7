"""设置 → 数据安全: is the data encrypted, where the key is kept, and the recovery sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.staff import Role
from ...services import Services
from ..common import theme
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from ..common.recovery_sheet import offer_recovery_sheet
from .lock_settings_box import LockSettingsBox


class SecurityTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        layout = QVBoxLayout(self)
        state = QGroupBox(tr("SecurityTab", "加密"), self)
        state_layout = QVBoxLayout(state)
        self.encryption_label = QLabel(state)
        self.encryption_label.setWordWrap(True)
        self.key_label = QLabel(state)
        self.key_label.setWordWrap(True)
        state_layout.addWidget(self.encryption_label)
        state_layout.addWidget(self.key_label)
        layout.addWidget(state)

        sheet = QGroupBox(tr("SecurityTab", "数据恢复单"), self)
        sheet_layout = QVBoxLayout(sheet)
        explain = QLabel(
            tr(
                "SecurityTab",
                "恢复单上印着恢复码：在新电脑上、重装系统后或这台电脑的钥匙丢失时，凭它打开数据和所有备份。"
                "没有它，谁也打不开这些文件（包括我们）。请打印出来锁好，不要拍照发到微信，不要和备份 U 盘放在一起；"
                "打印后删除电子文件。",
            ),
            sheet,
        )
        explain.setWordWrap(True)
        self.sheet_label = QLabel(sheet)
        self.sheet_label.setWordWrap(True)
        self.print_button = QPushButton(tr("SecurityTab", "打印数据恢复单…"), sheet)
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self.print_sheet)
        sheet_layout.addWidget(explain)
        sheet_layout.addWidget(self.sheet_label)
        sheet_layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(sheet)
        self.lock_box = LockSettingsBox(services, self)
        layout.addWidget(self.lock_box)
        layout.addStretch(1)

    def refresh(self) -> None:
        security = self._services.security
        encrypted = security.encrypted()
        self.encryption_label.setText(
            tr(
                "SecurityTab",
                "数据文件和所有备份都已加密（SQLCipher，256 位钥匙）。没有钥匙，任何程序都读不出其中的内容。",
            )
            if encrypted
            else tr("SecurityTab", "数据文件还没有加密：下次启动时程序会再试一次加密。")
        )
        self.key_label.setText(security.key_protection())
        made = security.sheet_made_at()
        self.sheet_label.setText(
            tr("SecurityTab", "上次生成恢复单：{when}").format(when=made.strftime("%Y-%m-%d %H:%M"))
            if made
            else tr("SecurityTab", "还没有打印过恢复单。请现在打印。")
        )
        self.sheet_label.setStyleSheet("" if made else theme.text_style(theme.OVERDUE, bold=True))
        self.print_button.setEnabled(encrypted)

    def print_sheet(self) -> None:
        auth = ask_authorization(self, self._services, Role.OWNER, tr("SecurityTab", "打印恢复单"))
        if auth is None:
            return
        if offer_recovery_sheet(self, self._services, auth) is not None:
            self.refresh()
