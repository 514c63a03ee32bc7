"""Issue a voucher (发券): a promotion, a festival red packet, a compensation or a referral reward."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from ...domain.errors import DomainError, PermissionDenied
from ...domain.money import format_fen, parse_yuan
from ...domain.staff import Role
from ...domain.vouchers import VoucherDraft, VoucherKind
from ...services import Services
from ...services.context import Authorization
from ...services.vouchers import COMPENSATION_NOTE
from .. import messages
from ..field_errors import FieldErrors
from ..forms.ui_voucher_dialog import Ui_VoucherDialog
from ..i18n import tr
from .customer_picker import hit_text
from .password_dialog import ask_authorization

DEFAULT_VALID_DAYS = 90
_MOVE_KEYS: dict[int, int] = {Qt.Key.Key_Up.value: -1, Qt.Key.Key_Down.value: 1}
_ENTER_KEYS = {Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value}


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
        self.customer_id: int | None = None
        self.voucher_id: int | None = None
        self.code = ""
        ui = self.ui
        self.setWindowTitle(tr("VoucherDialog", "发券"))

        for voucher_kind in VoucherKind:
            ui.kind_combo.addItem(voucher_kind.value, voucher_kind.value)
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
            },
            fallback=ui.form_error,
        )

        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.run_search)
        ui.customer_search_edit.textEdited.connect(lambda _text: self._search_timer.start())
        ui.customer_search_edit.installEventFilter(self)
        ui.customer_result_list.installEventFilter(self)
        ui.customer_result_list.itemDoubleClicked.connect(lambda _item: self._pick_current())
        ui.customer_change_button.clicked.connect(self._on_customer_change_button_clicked)
        ui.total_edit.textChanged.connect(self._update_per_use)
        ui.uses_spin.valueChanged.connect(self._update_per_use)
        ui.button_box.accepted.connect(self._on_save_button_clicked)
        ui.button_box.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_save_button_clicked)

        ui.customer_result_list.setVisible(False)
        self._update_per_use()
        if customer_id is not None and self.set_customer(customer_id):
            ui.total_edit.setFocus()
        else:
            self._unlock_customer()

    # -- the customer ------------------------------------------------------------------------------

    def run_search(self) -> int:
        """Search now for what is typed in the customer field; returns the number of results."""
        self._search_timer.stop()
        ui = self.ui
        ui.customer_result_list.clear()
        text = ui.customer_search_edit.text()
        hits = self._services.customers.search(text, 12)
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            ui.customer_result_list.addItem(item)
        if hits:
            ui.customer_result_list.setCurrentRow(0)
        ui.customer_result_list.setVisible(bool(hits))
        if text.strip() and not hits:
            ui.customer_hint_label.setText(tr("VoucherDialog", "没有找到匹配的客户"))
        elif hits:
            ui.customer_hint_label.setText(tr("VoucherDialog", "用 ↑ ↓ 选择，按回车确定"))
        else:
            ui.customer_hint_label.clear()
        return len(hits)

    def set_customer(self, customer_id: int) -> bool:
        """Choose the customer and lock the field (更换 unlocks it); False if the customer is gone."""
        ui = self.ui
        try:
            customer = self._services.customers.get(customer_id)
        except DomainError:
            self._unlock_customer()
            ui.customer_hint_label.setText(tr("VoucherDialog", "这位客户已不存在，请重新搜索"))
            return False
        self.customer_id = customer_id
        ui.customer_search_edit.setText(
            tr("VoucherDialog", "{address_as}（{name}）  {phones}")
            .format(address_as=customer.address_as, name=customer.name, phones=" / ".join(customer.phones))
            .rstrip()
        )
        ui.customer_search_edit.setReadOnly(True)
        ui.customer_search_edit.setClearButtonEnabled(False)
        ui.customer_search_edit.setCursorPosition(0)
        ui.customer_result_list.clear()
        ui.customer_result_list.setVisible(False)
        ui.customer_hint_label.clear()
        ui.customer_change_button.setVisible(True)
        return True

    def _unlock_customer(self) -> None:
        ui = self.ui
        self.customer_id = None
        ui.customer_search_edit.setReadOnly(False)
        ui.customer_search_edit.setClearButtonEnabled(True)
        ui.customer_search_edit.clear()
        ui.customer_change_button.setVisible(False)
        ui.customer_result_list.clear()
        ui.customer_result_list.setVisible(False)
        ui.customer_hint_label.clear()
        ui.customer_search_edit.setFocus()

    def _on_customer_change_button_clicked(self) -> None:
        self._unlock_customer()

    def _pick_current(self) -> bool:
        item = self.ui.customer_result_list.currentItem()
        if item is None:
            self.ui.customer_hint_label.setText(tr("VoucherDialog", "请先在列表里选中一位客户"))
            return False
        if self.set_customer(int(item.data(Qt.ItemDataRole.UserRole))):
            self.ui.kind_combo.setFocus()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows in the search field move through the results; Enter picks instead of saving."""
        ui = self.ui
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if ui.customer_search_edit.isReadOnly():
            return super().eventFilter(watched, event)
        key = event.key()
        results = ui.customer_result_list
        if watched is ui.customer_search_edit and key in _MOVE_KEYS and results.count():
            results.setCurrentRow(max(0, min(results.count() - 1, results.currentRow() + _MOVE_KEYS[key])))
            return True
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched in (ui.customer_search_edit, results) and key in _ENTER_KEYS and not ctrl:
            if self._search_timer.isActive() or (watched is ui.customer_search_edit and not results.count()):
                self.run_search()
            if results.count():
                self._pick_current()
            return True  # never the dialog's default button: the customer is not chosen yet
        return super().eventFilter(watched, event)

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
