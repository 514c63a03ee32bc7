"""记录咨询 (Ctrl+Shift+N from anywhere): a caller's first inquiry in seconds, with the script beside it.

Saving makes the caller a 潜在 customer (or finds them by the phone) and sets the follow-up reminder.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.customers import form_of_address
from ...domain.inquiries import InquiryDraft
from ...domain.workers import SERVICE_TYPES
from ...services import Services
from ...services.inquiries import Recorded
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.honorific_combo import chosen_honorific, fill_honorifics, show_honorific
from ..common.i18n import tr

FOLLOW_UP_DAYS = 2
"""The follow-up day offered: the day after tomorrow (the caller has time to think it over)."""


class InquiryDialog(QDialog):
    """The form, built in code; ``recorded`` holds what was saved once accepted."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("InquiryDialog", "记录咨询"))
        self.setObjectName("inquiry_dialog")
        self._services = services
        self.recorded: Recorded | None = None
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(tr("InquiryDialog", "姓名，或只写姓：李"))
        self.honorific_combo = QComboBox(self)
        fill_honorifics(self.honorific_combo)
        show_honorific(self.honorific_combo, "女士")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(tr("InquiryDialog", "手机或座机，例如 138 1234 5678"))
        self.service_combo = QComboBox(self)
        self.service_combo.addItem(tr("InquiryDialog", "（未定）"), "")
        for service in SERVICE_TYPES:
            self.service_combo.addItem(service, service)
        self.asked_edit = QPlainTextEdit(self)
        self.asked_edit.setPlaceholderText(tr("InquiryDialog", "问了什么：价格、时间、人员……"))
        self.asked_edit.setTabChangesFocus(True)
        self.asked_edit.setFixedHeight(64)
        self.answered_edit = QPlainTextEdit(self)
        self.answered_edit.setPlaceholderText(
            tr("InquiryDialog", "怎么回答的，例如：三居室 ¥480，周六上午可以上门")
        )
        self.answered_edit.setTabChangesFocus(True)
        self.answered_edit.setFixedHeight(64)
        self.follow_check = QCheckBox(tr("InquiryDialog", "到时提醒我回电"), self)
        self.follow_check.setChecked(True)
        self.follow_edit = QDateEdit(self)
        self.follow_edit.setCalendarPopup(True)
        self.follow_edit.setDisplayFormat("yyyy-MM-dd")
        today = services.context.now().date()
        self.follow_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        offered = today + timedelta(days=FOLLOW_UP_DAYS)
        self.follow_edit.setDate(QDate(offered.year, offered.month, offered.day))
        self.follow_check.toggled.connect(self.follow_edit.setEnabled)
        self.script_view = QTextBrowser(self)
        self.script_view.setObjectName("inquiry_script")
        self.script_view.setMinimumWidth(300)
        self.use_script_button = QPushButton(tr("InquiryDialog", "话术填入回答"), self)
        self.use_script_button.clicked.connect(self._use_script)

        labels: dict[str, QLabel] = {}
        for key in ("name", "phone", "asked", "answered", "follow_up_on", "service"):
            label = QLabel(self)
            label.setStyleSheet(theme.ERROR_STYLE)
            label.setWordWrap(True)
            label.setVisible(False)
            labels[key] = label
        who = QHBoxLayout()
        who.addWidget(self.name_edit, 2)
        who.addWidget(self.honorific_combo, 1)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_check)
        follow.addWidget(self.follow_edit)
        follow.addStretch()
        form = QFormLayout()
        form.addRow(tr("InquiryDialog", "怎么称呼(&N)"), who)
        form.addRow("", labels["name"])
        form.addRow(tr("InquiryDialog", "电话(&P)"), self.phone_edit)
        form.addRow("", labels["phone"])
        form.addRow(tr("InquiryDialog", "咨询的服务"), self.service_combo)
        form.addRow("", labels["service"])
        form.addRow(tr("InquiryDialog", "问了什么(&Q)"), self.asked_edit)
        form.addRow("", labels["asked"])
        form.addRow(tr("InquiryDialog", "回答(&A)"), self.answered_edit)
        form.addRow("", labels["answered"])
        form.addRow(tr("InquiryDialog", "跟进"), follow)
        form.addRow("", labels["follow_up_on"])
        script = QVBoxLayout()
        script.addWidget(QLabel(tr("InquiryDialog", "首次咨询话术"), self))
        script.addWidget(self.script_view, 1)
        script.addWidget(self.use_script_button, 0, Qt.AlignmentFlag.AlignRight)
        body = QHBoxLayout()
        body.addLayout(form, 3)
        body.addLayout(script, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("InquiryDialog", "保存(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("InquiryDialog", "取消"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            {
                "name": (labels["name"], self.name_edit),
                "phone": (labels["phone"], self.phone_edit),
                "honorific": (labels["name"], self.honorific_combo),
                "service": (labels["service"], self.service_combo),
                "asked": (labels["asked"], self.asked_edit),
                "answered": (labels["answered"], self.answered_edit),
                "follow_up_on": (labels["follow_up_on"], self.follow_edit),
            }
        )
        self.name_edit.textChanged.connect(self._show_script)
        self.honorific_combo.currentTextChanged.connect(self._show_script)
        self.service_combo.currentIndexChanged.connect(self._show_script)
        self._show_script()
        self.resize(820, 460)

    def draft(self) -> InquiryDraft:
        follow = self.follow_edit.date().toPython() if self.follow_check.isChecked() else None
        return InquiryDraft(
            name=self.name_edit.text(),
            honorific=chosen_honorific(self.honorific_combo),
            phone=self.phone_edit.text(),
            service=str(self.service_combo.currentData() or ""),
            asked=self.asked_edit.toPlainText(),
            answered=self.answered_edit.toPlainText(),
            follow_up_on=follow,  # type: ignore[arg-type]
        )

    def _address(self) -> str:
        return form_of_address(self.name_edit.text(), chosen_honorific(self.honorific_combo))

    def _show_script(self) -> None:
        script = self._services.scripts.script_for_caller(
            self._address(), str(self.service_combo.currentData() or "")
        )
        self.script_view.setPlainText(
            script.text if script is not None else tr("InquiryDialog", "（话术模板里还没有首次咨询的话术）")
        )

    def _use_script(self) -> None:
        if not self.answered_edit.toPlainText().strip():
            self.answered_edit.setPlainText(self.script_view.toPlainText())

    def _save(self) -> None:
        draft = self.draft()
        result: list[Recorded] = []
        if self.errors.attempt(self, lambda: result.append(self._services.inquiries.record(draft))):
            self.recorded = result[0]
            self.accept()
