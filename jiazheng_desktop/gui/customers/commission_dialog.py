"""结算推荐佣金: pay a referrer what they earned; a regional manager or the owner confirms with a password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from ...domain.money import format_fen
from ...domain.referrals import NOTE_MAX, SettleMethod
from ...domain.staff import Role
from ...services import Services
from ...services.referrals import CommissionRow
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization


def _method_label(method: SettleMethod) -> str:
    labels = {
        SettleMethod.CASH: tr("CommissionSettleDialog", "现金"),
        SettleMethod.WECHAT: tr("CommissionSettleDialog", "微信转账"),
        SettleMethod.ALIPAY: tr("CommissionSettleDialog", "支付宝转账"),
        SettleMethod.BANK: tr("CommissionSettleDialog", "银行转账"),
    }
    return labels[method]


class CommissionSettleDialog(QDialog):
    """The referrer's pending entries (all ticked), the total of those ticked, the method and a note."""

    settled = Signal(int)  # the referrer's id

    def __init__(self, services: Services, referrer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.referrer_id = referrer_id
        self.rows: list[CommissionRow] = services.referrals.pending(referrer_id)
        if not self.rows:
            raise DomainError("这位推荐人没有待结算的佣金")
        self.setWindowTitle(
            tr("CommissionSettleDialog", "结算推荐佣金 — {name}").format(name=self.rows[0].referrer_name)
        )
        self.entry_list = QListWidget(self)
        self.entry_list.setObjectName("entry_list")
        for row in self.rows:
            item = QListWidgetItem(
                tr("CommissionSettleDialog", "{day}　{customer}　{service}　{basis}　{amount}").format(
                    day=f"{row.served_at:%Y-%m-%d}",
                    customer=row.customer_name,
                    service=row.service_type,
                    basis=row.basis,
                    amount=format_fen(row.amount_fen),
                )
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.entry_list.addItem(item)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("total_label")
        self.method_combo = QComboBox(self)
        self.method_combo.setObjectName("method_combo")
        self.method_combo.addItem(tr("CommissionSettleDialog", "请选择"), "")
        for method in SettleMethod:
            self.method_combo.addItem(_method_label(method), method.value)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setMaxLength(NOTE_MAX + 50)  # longer is refused with a message, not cut silently
        self.note_edit.setPlaceholderText(tr("CommissionSettleDialog", "选填，例如 转账单号"))
        self.entries_error = QLabel(self)
        self.method_error = QLabel(self)
        self.note_error = QLabel(self)
        self.other_error = QLabel(self)
        for label in (self.entries_error, self.method_error, self.note_error, self.other_error):
            label.setStyleSheet(theme.ERROR_STYLE)
            label.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.settle_button = self.buttons.addButton(
            tr("CommissionSettleDialog", "结算"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.settle_button.setObjectName("settle_button")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_settle_button_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("CommissionSettleDialog", "待结算的佣金（勾选这次付的）"), self))
        layout.addWidget(self.entry_list)
        layout.addWidget(self.entries_error)
        layout.addWidget(self.total_label)
        form = QFormLayout()
        form.addRow(tr("CommissionSettleDialog", "付款方式"), self.method_combo)
        form.addRow("", self.method_error)
        form.addRow(tr("CommissionSettleDialog", "备注"), self.note_edit)
        form.addRow("", self.note_error)
        layout.addLayout(form)
        layout.addWidget(self.other_error)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            {
                "entries": (self.entries_error, self.entry_list),
                "method": (self.method_error, self.method_combo),
                "note": (self.note_error, self.note_edit),
            },
            fallback=self.other_error,
        )
        self.entry_list.itemChanged.connect(lambda _item: self._show_total())
        self._show_total()

    def chosen_ids(self) -> list[int]:
        ids = []
        for index in range(self.entry_list.count()):
            item = self.entry_list.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def _show_total(self) -> None:
        chosen = set(self.chosen_ids())
        total = sum(r.amount_fen for r in self.rows if r.id in chosen)
        self.total_label.setText(
            tr("CommissionSettleDialog", "合计 {amount}（{count} 笔）").format(
                amount=format_fen(total), count=len(chosen)
            )
        )
        self.settle_button.setEnabled(bool(chosen))

    def _on_settle_button_clicked(self) -> None:
        ids = self.chosen_ids()
        method = str(self.method_combo.currentData())
        note = self.note_edit.text()
        found: dict[str, str] = {}
        if not ids:
            found["entries"] = tr("CommissionSettleDialog", "请至少勾选一笔佣金")
        if not method:
            found["method"] = tr("CommissionSettleDialog", "请选择付款方式")
        if len(note.strip()) > NOTE_MAX:
            found["note"] = tr("CommissionSettleDialog", "备注最多 {n} 个字").format(n=NOTE_MAX)
        if found:  # shown before anyone is asked for a password
            self.errors.show(ValidationError(found))
            return
        auth = ask_authorization(
            self, self._services, Role.REGIONAL_MANAGER, tr("CommissionSettleDialog", "结算推荐佣金")
        )
        if auth is None:
            return
        if self.errors.attempt(self, lambda: self._services.referrals.settle(ids, method, note, auth)):
            self.settled.emit(self.referrer_id)
            self.accept()
