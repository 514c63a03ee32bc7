"""A tab only the owner reads (the audit log): a password first, asked again after leaving the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ...domain.staff import Role
from ...services import Services
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization


class OwnerGate(QStackedWidget):
    """Shows ``content`` once someone confirmed with an owner's password; ``close_gate()`` hides it again."""

    def __init__(
        self, services: Services, content: QWidget, what: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._what = what
        self.content = content
        cover = QWidget(self)
        layout = QVBoxLayout(cover)
        layout.addStretch(1)
        label = QLabel(tr("OwnerGate", "{what}只有店主可以查看。").format(what=what), cover)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton(tr("OwnerGate", "输入店主密码查看…"), cover)
        self.open_button.clicked.connect(self.open_gate)
        layout.addWidget(label)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.addWidget(cover)
        self.addWidget(content)

    @property
    def is_open(self) -> bool:
        return self.currentWidget() is self.content

    def open_gate(self) -> bool:
        if self.is_open:
            return True
        if ask_authorization(self, self._services, Role.OWNER, self._what) is None:
            return False
        self.setCurrentWidget(self.content)  # the content reads when it is shown
        return True

    def close_gate(self) -> None:
        self.setCurrentIndex(0)

    def refresh(self) -> None:
        refresh = getattr(self.content, "refresh", None)
        if self.is_open and callable(refresh):
            refresh()
