"""The small forms behind the renewals page's buttons: 已联系, 报优惠 and 流失.

Built in code (a few fields each). Each records its step through the contract service on Save,
then emits ``step_recorded`` with the contract id and accepts; errors stay next to their fields.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.contracts import LOST_REASONS
from ...domain.errors import PermissionDenied
from ...domain.staff import Role
from ...domain.vouchers import MAX_USES, VoucherDraft, VoucherKind
from ...services import Services
from ...services.contracts import ContractRow
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from .contract_dialog import from_qdate, to_qdate

_ERROR_STYLE = theme.ERROR_STYLE
OFFER_VOUCHER_DAYS = 90
"""A renewal voucher is valid this long unless changed."""


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(_ERROR_STYLE)
    return label


def _note_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(90)
    edit.setPlaceholderText(placeholder)
    return edit


class _StepDialog(QDialog):
    """A renewal step on ``contract`` as read when the dialog opened: if someone acts on the contract
    meanwhile, the save is refused (``ConflictError``) and the dialog stays open with what was typed."""

    step_recorded = Signal(int)

    def __init__(self, services: Services, contract: ContractRow, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._services = services
        self.contract = contract
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        summary = QLabel(contract.label)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.form_error = _error_label()
        layout.addWidget(self.form_error)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("RenewalStepDialog", "保存(&S)")
        )
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("RenewalStepDialog", "取消")
        )
        layout.addWidget(self.button_box)
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)

    def _row(self, label: str, widget: QWidget) -> QLabel:
        """Add a field with its error label underneath; returns the error label."""
        self.form.addRow(label, widget)
        error = _error_label()
        self.form.addRow("", error)
        return error

    def _finish(self, errors: FieldErrors, action: Callable[[], object]) -> bool:
        if errors.attempt(self, action):
            self.step_recorded.emit(self.contract.id)
            self.accept()
            return True
        return False

    def save(self) -> bool:
        """Record the step; True when it went through (the dialog is then accepted)."""
        raise NotImplementedError


class ContactDialog(_StepDialog):
    """已联系: a note on what the customer said."""

    def __init__(self, services: Services, contract: ContractRow, parent: QWidget | None = None) -> None:
        super().__init__(services, contract, tr("RenewalStepDialog", "已联系客户"), parent)
        self.note_edit = _note_edit(tr("RenewalStepDialog", "客户怎么说，例如：考虑一下，下周再联系"))
        self.errors = FieldErrors(
            {"note": (self._row(tr("RenewalStepDialog", "备注(&B)"), self.note_edit), self.note_edit)},
            fallback=self.form_error,
        )
        self.note_edit.setFocus()

    def save(self) -> bool:
        note = self.note_edit.toPlainText()
        return self._finish(
            self.errors,
            lambda: self._services.contracts.record_contact(
                self.contract.id, note, expected_version=self.contract.row_version
            ),
        )


class OfferDialog(_StepDialog):
    """报优惠: what was offered, optionally as a promotion voucher for the contract's customer."""

    def __init__(self, services: Services, contract: ContractRow, parent: QWidget | None = None) -> None:
        super().__init__(services, contract, tr("RenewalStepDialog", "报续约优惠"), parent)
        self.voucher_id: int | None = None
        self.note_edit = _note_edit(tr("RenewalStepDialog", "给客户的优惠，例如：续约送一次深度保洁"))
        note_error = self._row(tr("RenewalStepDialog", "优惠内容(&B)"), self.note_edit)
        self.voucher_check = QCheckBox(tr("RenewalStepDialog", "同时发一张优惠券(&V)"))
        self.form.addRow("", self.voucher_check)
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(tr("RenewalStepDialog", "总金额（元），例如 200"))
        amount_error = self._row(tr("RenewalStepDialog", "金额(&J)"), self.amount_edit)
        self.uses_spin = QSpinBox()
        self.uses_spin.setRange(1, MAX_USES)
        uses_error = self._row(tr("RenewalStepDialog", "使用次数(&U)"), self.uses_spin)
        self.valid_until_edit = QDateEdit()
        self.valid_until_edit.setCalendarPopup(True)
        self.valid_until_edit.setDisplayFormat("yyyy-MM-dd")
        self.valid_until_edit.setDate(to_qdate(services.context.now().date()).addDays(OFFER_VOUCHER_DAYS))
        until_error = self._row(tr("RenewalStepDialog", "有效期至(&D)"), self.valid_until_edit)
        self.errors = FieldErrors(
            {
                "note": (note_error, self.note_edit),
                "total": (amount_error, self.amount_edit),
                "uses": (uses_error, self.uses_spin),
                "valid_until": (until_error, self.valid_until_edit),
            },
            fallback=self.form_error,
        )
        self.voucher_check.toggled.connect(self._update_voucher_fields)
        self._update_voucher_fields(False)
        self.note_edit.setFocus()

    def _update_voucher_fields(self, checked: bool) -> None:
        for widget in (self.amount_edit, self.uses_spin, self.valid_until_edit):
            widget.setEnabled(checked)

    def voucher_draft(self) -> VoucherDraft | None:
        """The voucher as typed (for the contract's customer), or None when no voucher is wanted."""
        if not self.voucher_check.isChecked():
            return None
        return VoucherDraft(
            customer_id=self.contract.customer_id,
            kind=VoucherKind.PROMOTION.value,
            total_text=self.amount_edit.text(),
            uses=self.uses_spin.value(),
            valid_until=from_qdate(self.valid_until_edit.date()),
            usage_note=self.note_edit.toPlainText().strip(),
        )

    def save(self) -> bool:
        note = self.note_edit.toPlainText()
        voucher = self.voucher_draft()
        contracts = self._services.contracts

        def offer() -> None:
            try:
                self.voucher_id = contracts.make_offer(
                    self.contract.id, note, voucher, expected_version=self.contract.row_version
                )
            except PermissionDenied:
                # Above the on-duty role's limit: someone senior confirms with their password.
                auth = ask_authorization(
                    self, self._services, Role.REGIONAL_MANAGER, tr("RenewalStepDialog", "报优惠")
                )
                if auth is None:
                    raise
                self.voucher_id = contracts.make_offer(
                    self.contract.id, note, voucher, auth, expected_version=self.contract.row_version
                )

        return self._finish(self.errors, offer)


class LostDialog(_StepDialog):
    """流失: why the customer will not renew (a reason from the list) and a note."""

    def __init__(self, services: Services, contract: ContractRow, parent: QWidget | None = None) -> None:
        super().__init__(services, contract, tr("RenewalStepDialog", "标记流失"), parent)
        self.reason_combo = QComboBox()
        self.reason_combo.addItem(tr("RenewalStepDialog", "（请选择）"), "")
        for reason in LOST_REASONS:
            self.reason_combo.addItem(reason, reason)
        reason_error = self._row(tr("RenewalStepDialog", "流失原因(&R)"), self.reason_combo)
        self.note_edit = _note_edit(tr("RenewalStepDialog", "选择「其他」时请写明具体原因"))
        note_error = self._row(tr("RenewalStepDialog", "备注(&B)"), self.note_edit)
        self.errors = FieldErrors(
            {"reason": (reason_error, self.reason_combo), "note": (note_error, self.note_edit)},
            fallback=self.form_error,
        )
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            tr("RenewalStepDialog", "标记流失(&S)")
        )
        self.reason_combo.setFocus()

    def save(self) -> bool:
        reason = self.reason_combo.currentData() or ""
        note = self.note_edit.toPlainText()
        if reason and not messages.confirm(
            self,
            tr(
                "RenewalStepDialog", "确定这位客户不再续约（{reason}）吗？合同将标为已流失，不能再续约。"
            ).format(reason=reason),
            yes=tr("RenewalStepDialog", "标记流失"),
        ):
            return False
        return self._finish(
            self.errors,
            lambda: self._services.contracts.mark_lost(
                self.contract.id, reason, note, expected_version=self.contract.row_version
            ),
        )
