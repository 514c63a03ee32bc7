"""Redeem a voucher (核销): the customer reads the code, the clerk picks the visit it pays for."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QWidget

from ...domain.errors import DomainError, ValidationError
from ...domain.money import format_fen
from ...domain.vouchers import VoucherStatus, check_redeem, normalize_code
from ...services import Services
from ...services.vouchers import VoucherView
from ..common import messages, theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..forms.ui_redeem_dialog import Ui_RedeemDialog

_REFUSED_STYLE = theme.text_style(theme.OVERDUE, bold=True)
_ENTER_KEYS = {Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value}


class RedeemDialog(QDialog):
    """Look a voucher up by its code, then use one use of it against one of the customer's visits.

    After 核销, ``redeemed_voucher_id`` holds the voucher and ``voucher_redeemed`` has been emitted.
    """

    voucher_redeemed = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RedeemDialog()
        self.ui.setupUi(self)
        self._services = services
        self.voucher: VoucherView | None = None
        self.redeemed_voucher_id: int | None = None
        ui = self.ui
        self.setWindowTitle(tr("RedeemDialog", "核销优惠券"))
        self.errors = FieldErrors(
            {
                "code": (ui.code_error, ui.code_edit),
                "service_record": (ui.service_record_error, ui.service_record_combo),
            },
            fallback=ui.form_error,
        )
        ui.code_edit.textEdited.connect(self._on_code_edit_text_edited)
        ui.code_edit.installEventFilter(self)
        ui.lookup_button.clicked.connect(self._on_lookup_button_clicked)
        ui.redeem_button.clicked.connect(self._on_redeem_button_clicked)
        theme.set_role(ui.redeem_button, theme.PRIMARY)
        ui.close_button.clicked.connect(self.reject)
        self._show_voucher(None)
        ui.code_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the code field looks the code up; it never redeems by accident."""
        if (
            watched is self.ui.code_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _ENTER_KEYS
        ):
            self.look_up()
            return True
        return super().eventFilter(watched, event)

    # -- the code ----------------------------------------------------------------------------------

    def _on_code_edit_text_edited(self, text: str) -> None:
        """Show the stored form as soon as the code is complete; a new code forgets the old voucher."""
        try:
            normalized = normalize_code(text)
        except ValueError:
            normalized = ""
        if normalized and normalized != text:
            self.ui.code_edit.setText(normalized)
        if self.voucher is not None and self.voucher.code != normalized:
            self._show_voucher(None)
        self.errors.clear()

    def _on_lookup_button_clicked(self) -> None:
        self.look_up()

    def look_up(self) -> bool:
        """Find the voucher for the typed code and show it; False (with the reason) when none."""
        text = self.ui.code_edit.text()
        try:
            normalized = normalize_code(text)
        except ValueError as exc:  # said before anything is looked up
            self._show_voucher(None)
            self.errors.show(ValidationError({"code": str(exc)}))
            return False
        self.ui.code_edit.setText(normalized)
        try:
            voucher = self._services.vouchers.find(normalized)
        except ValidationError as exc:
            self._show_voucher(None)
            self.errors.show(exc)
            return False
        except DomainError as exc:
            self._show_voucher(None)
            self.errors.show(ValidationError({"code": str(exc)}))
            return False
        self.errors.clear()
        self._show_voucher(voucher)
        return True

    # -- the voucher -------------------------------------------------------------------------------

    def _refusal(self, voucher: VoucherView) -> str:
        """Why this voucher cannot be used today ('' when it can)."""
        try:
            check_redeem(
                voucher.status, voucher.valid_until, self._services.context.now().date(), voucher.balance_fen
            )
        except DomainError as exc:
            return str(exc)
        return ""

    def _show_voucher(self, voucher: VoucherView | None) -> None:
        ui = self.ui
        self.voucher = voucher
        ui.voucher_box.setVisible(voucher is not None)
        combo = ui.service_record_combo
        combo.clear()
        refusal = ""
        if voucher is not None:
            refusal = self._refusal(voucher)
            ui.customer_value_label.setText(voucher.customer_label)
            ui.kind_value_label.setText(voucher.kind.label)
            ui.balance_value_label.setText(
                tr("RedeemDialog", "{balance}（面值 {value}，每次 {per_use}）").format(
                    balance=format_fen(voucher.balance_fen),
                    value=format_fen(voucher.value_fen),
                    per_use=format_fen(voucher.value_per_use_fen),
                )
            )
            ui.uses_value_label.setText(
                tr("RedeemDialog", "{left} / {total} 次").format(
                    left=voucher.uses_left, total=voucher.uses_total
                )
            )
            ui.valid_until_value_label.setText(f"{voucher.valid_until:%Y-%m-%d}")
            ui.status_value_label.setText(voucher.status.label)
            ui.status_value_label.setStyleSheet("" if not refusal else _REFUSED_STYLE)
            ui.note_value_label.setText(voucher.usage_note)
            if not refusal:
                for record in self._services.service_records.recent_for(voucher.customer_id):
                    combo.addItem(record.label, record.id)
                if combo.count() == 0:
                    refusal = tr("RedeemDialog", "这位客户还没有服务记录：请先登记这次服务，再来核销")
        ui.refusal_label.setText(refusal)
        ui.refusal_label.setVisible(bool(refusal))
        usable = voucher is not None and not refusal
        combo.setEnabled(usable)
        ui.redeem_button.setEnabled(usable)
        ui.redeem_button.setDefault(usable)
        ui.lookup_button.setDefault(not usable)

    # -- redeeming ---------------------------------------------------------------------------------

    def _on_redeem_button_clicked(self) -> None:
        voucher = self.voucher
        record_id = self.ui.service_record_combo.currentData()
        if voucher is None:
            return
        if record_id is None:
            self.errors.show(ValidationError({"service_record": tr("RedeemDialog", "请选择用在哪次服务上")}))
            return
        result: list[VoucherView] = []
        if not self.errors.attempt(
            self, lambda: result.append(self._services.vouchers.redeem(voucher.code, record_id))
        ):
            return
        after = result[0]
        self.redeemed_voucher_id = after.id
        if after.status == VoucherStatus.USED:
            left = tr("RedeemDialog", "这张券已用完。")
        else:
            left = tr("RedeemDialog", "还剩 {balance}，可再用 {uses} 次。").format(
                balance=format_fen(after.balance_fen), uses=after.uses_left
            )
        used = voucher.balance_fen - after.balance_fen
        messages.show_info(
            self,
            tr("RedeemDialog", "已核销 {code}，抵扣 {amount}。{left}").format(
                code=after.code, amount=format_fen(used), left=left
            ),
            tr("RedeemDialog", "核销成功"),
        )
        self.voucher_redeemed.emit(after.id)
        self.accept()
