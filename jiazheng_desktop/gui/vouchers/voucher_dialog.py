"""Issue a voucher (发券): a promotion, a festival red packet, a compensation or a referral reward."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.errors import DomainError, PermissionDenied
from ...domain.money import format_fen, parse_yuan
from ...domain.staff import Role
from ...domain.vouchers import VoucherDraft, VoucherKind
from ...services import Services
from ...services.context import Authorization
from ...services.vouchers import COMPENSATION_NOTE
from ..common import messages
from ..common.customer_chooser import CustomerChooser
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from ..forms.ui_voucher_dialog import Ui_VoucherDialog

DEFAULT_VALID_DAYS = 90


def spoken_code(code: str) -> str:
    """``7KQ9-M3XP`` → ``7 K Q 9，M 3 X P``: one symbol at a time, a pause in the middle."""
    first, _dash, second = code.partition("-")
    return tr("VoucherDialog", "{first}，{second}").format(first=" ".join(first), second=" ".join(second))


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class VoucherDialog(QDialog):
    """A new voucher for ``customer_id`` (None: search for the customer in the dialog).

    After 保存, ``voucher_id`` holds the new voucher and ``voucher_issued`` has been emitted.
    """

    voucher_issued = Signal(int)

    def __init__(
        self,
        services: Services,
        customer_id: int | None = None,
        kind: str = VoucherKind.PROMOTION.value,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_VoucherDialog()
        self.ui.setupUi(self)
        self._services = services
        self.voucher_id: int | None = None
        self.code = ""
        ui = self.ui
        self.chooser = CustomerChooser(
            services,
            ui.customer_search_edit,
            ui.customer_result_list,
            ui.customer_hint_label,
            ui.customer_change_button,
            self,
        )
        self.chooser.customer_picked.connect(lambda _id: self.ui.kind_combo.setFocus())
        self.setWindowTitle(tr("VoucherDialog", "发券"))

        for voucher_kind in VoucherKind:
            if voucher_kind is VoucherKind.POINTS:
                continue  # bought with points on the customer's profile, never issued by hand
            ui.kind_combo.addItem(voucher_kind.label, voucher_kind.value)
        ui.kind_combo.setCurrentIndex(max(0, ui.kind_combo.findData(kind)))
        today = services.context.now().date()
        ui.valid_until_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        until = today + timedelta(days=DEFAULT_VALID_DAYS)
        ui.valid_until_edit.setDate(QDate(until.year, until.month, until.day))
        ui.usage_note_edit.setText(COMPENSATION_NOTE)

        ui.button_box.button(QDialogButtonBox.StandardButton.Save).setText(tr("VoucherDialog", "发券(&S)"))
        ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("VoucherDialog", "取消"))
        self.errors = FieldErrors(
            {
                "customer": (ui.customer_error, ui.customer_search_edit),
                "kind": (ui.kind_error, ui.kind_combo),
                "total": (ui.total_error, ui.total_edit),
                "uses": (ui.uses_error, ui.uses_spin),
                "valid_until": (ui.valid_until_error, ui.valid_until_edit),
                "usage_note": (ui.usage_note_error, ui.usage_note_edit),
                "incident": (ui.incident_error, ui.incident_edit),
            },
            fallback=ui.form_error,
        )

        ui.total_edit.textChanged.connect(self._update_per_use)
        ui.uses_spin.valueChanged.connect(self._update_per_use)
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_save_button_clicked)

        self._update_per_use()
        if customer_id is not None and self.set_customer(customer_id):
            ui.total_edit.setFocus()
        else:
            self.chooser.unlock()

    # -- the customer (see CustomerChooser) --------------------------------------------------------

    @property
    def customer_id(self) -> int | None:
        return self.chooser.customer_id

    def run_search(self) -> int:
        """Search now for what is typed in the customer field; returns the number of results."""
        return self.chooser.run_search()

    def set_customer(self, customer_id: int) -> bool:
        """Choose the customer and lock the field (更换 unlocks it); False if the customer is gone."""
        return self.chooser.set_customer(customer_id)

    # -- the amount ----------------------------------------------------------------------------------

    def _update_per_use(self, *_args: object) -> None:
        """每次 ¥100.00 as the amount or the number of uses changes (blank while the amount is not one)."""
        label = self.ui.per_use_label
        try:
            total = parse_yuan(self.ui.total_edit.text())
        except ValueError:
            label.clear()
            return
        uses = self.ui.uses_spin.value()
        if total <= 0:
            label.clear()
        elif total % uses:
            label.setText(tr("VoucherDialog", "不能平均分成 {uses} 次").format(uses=uses))
        else:
            label.setText(tr("VoucherDialog", "每次 {amount}").format(amount=format_fen(total // uses)))

    # -- saving ------------------------------------------------------------------------------------

    def draft(self) -> VoucherDraft:
        """What is in the form now, exactly as typed."""
        ui = self.ui
        return VoucherDraft(
            customer_id=self.customer_id,
            kind=ui.kind_combo.currentData() or "",
            total_text=ui.total_edit.text(),
            uses=ui.uses_spin.value(),
            valid_until=to_date(ui.valid_until_edit.date()),
            usage_note=ui.usage_note_edit.text(),
            incident_number=ui.incident_edit.text(),
        )

    def _issue(self, draft: VoucherDraft) -> None:
        """Issue; above the on-duty role's limit ask for the password the refusal names, then retry."""
        auth: Authorization | None = None
        while True:
            try:
                self.voucher_id = self._services.vouchers.issue(draft, auth)
                return
            except PermissionDenied as exc:
                needed = Role.OWNER if Role.OWNER.label in str(exc) else Role.REGIONAL_MANAGER
                if auth is not None and auth.role >= needed:
                    raise  # the person who confirmed can no longer approve it (deactivated meanwhile)
                auth = ask_authorization(self, self._services, needed, tr("VoucherDialog", "发放这张券"))
                if auth is None:
                    raise DomainError(tr("VoucherDialog", "没有确认密码，券没有发出")) from None

    def _on_save_button_clicked(self) -> None:
        if self.voucher_id is not None:
            return
        draft = self.draft()
        if not self.errors.attempt(self, lambda: self._issue(draft)) or self.voucher_id is None:
            return
        self.code = self._services.vouchers.get(self.voucher_id).code
        messages.show_info(
            self,
            tr("VoucherDialog", "券码 {code}，请念给客户：{spoken}").format(
                code=self.code, spoken=spoken_code(self.code)
            ),
            tr("VoucherDialog", "已发券"),
        )
        self.voucher_issued.emit(self.voucher_id)
        self.accept()
