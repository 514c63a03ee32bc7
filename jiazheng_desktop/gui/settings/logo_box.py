"""The agency's logo on the settings page: shown at the top of every printed document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import DomainError, ValidationError
from ...domain.staff import Role
from ...services import Services
from ..common import messages, theme
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization


class LogoBox(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("LogoBox", "公司标志"), parent)
        self._services = services
        self.preview = QLabel(self)
        self.preview.setObjectName("logo_preview")
        self.preview.setFixedSize(160, 64)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(
            f"QLabel {{ border: 1px solid {theme.BORDER}; background: {theme.SURFACE}; }}"
        )
        hint = QLabel(
            tr("LogoBox", "印在补偿通知书、安全自查清单和月度报告的抬头（PNG 或 JPG 图片）。"), self
        )
        hint.setWordWrap(True)
        self.choose_button = QPushButton(tr("LogoBox", "选择图片(&L)…"), self)
        self.choose_button.setObjectName("choose_button")
        self.clear_button = QPushButton(tr("LogoBox", "清除"), self)
        self.choose_button.clicked.connect(self._on_choose)
        self.clear_button.clicked.connect(lambda: self.save(None))
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.preview)
        row.addWidget(hint, 1)
        row.addLayout(buttons)
        self.load()

    def load(self) -> None:
        path = self._services.documents.logo_path
        pixmap = QPixmap(str(path)) if path is not None and path.exists() else QPixmap()
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("LogoBox", "（未设置）"))
        else:
            self.preview.setPixmap(
                pixmap.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.clear_button.setEnabled(not pixmap.isNull())

    def _on_choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("LogoBox", "选择公司标志"), "", tr("LogoBox", "图片 (*.png *.jpg *.jpeg *.bmp)")
        )
        if chosen:
            self.save(Path(chosen))

    def save(self, source: Path | None) -> bool:
        """Store ``source`` as the logo (None clears it) after the owner's password."""
        auth = ask_authorization(self, self._services, Role.OWNER, tr("LogoBox", "修改公司标志"))
        if auth is None:
            return False
        try:
            self._services.documents.set_logo(source, auth)
        except ValidationError as exc:
            messages.show_error(self, "\n".join(exc.fields.values()))
            return False
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return False
        self.load()
        return True
