"""The vouchers section: every 补偿券/优惠券 with its balance, filtered by state and kind."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.money import format_fen
from ...domain.staff import Role
from ...domain.vouchers import VoucherKind, VoucherStatus
from ...services import Services
from ...services.changes import ChangeKind
from ...services.vouchers import VoucherFilter, VoucherView
from ..common import messages, theme
from ..common.i18n import tr
from ..common.list_export import ListExportAction
from ..common.password_dialog import ask_authorization
from ..common.section import SectionPage
from ..forms.ui_vouchers_page import Ui_VouchersPage
from .redeem_dialog import RedeemDialog
from .table_model import DEFAULT_SORT_COLUMN, ID_ROLE, VoucherTableModel, column_of
from .voucher_dialog import VoucherDialog

VIEWS = (
    ("active", str(QT_TRANSLATE_NOOP("VouchersPage", "可用"))),
    ("used", str(QT_TRANSLATE_NOOP("VouchersPage", "已用完"))),
    ("expiring", str(QT_TRANSLATE_NOOP("VouchersPage", "即将到期"))),
    ("expired", str(QT_TRANSLATE_NOOP("VouchersPage", "已过期"))),
    ("void", str(QT_TRANSLATE_NOOP("VouchersPage", "已作废"))),
    ("all", str(QT_TRANSLATE_NOOP("VouchersPage", "全部"))),
)
HEADER_KEY = "vouchers_page/header"


def ask_void_reason(parent: QWidget) -> str | None:
    """The reason for voiding, typed in a small box; None if cancelled (tests replace this)."""
    text, ok = QInputDialog.getText(
        parent,
        tr("VouchersPage", "作废优惠券"),
        tr("VouchersPage", "作废的原因（会记入流水）："),
        QLineEdit.EchoMode.Normal,
    )
    return text if ok else None


class VoucherLedgerDialog(QDialog):
    """A voucher's ledger (发放/使用/作废/过期), read only."""

    def __init__(self, view: VoucherView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("VouchersPage", "券 {code} 的流水").format(code=view.code))
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(
            tr("VouchersPage", "{customer} · {kind} · 余额 {balance} · {status}").format(
                customer=view.customer_label,
                kind=view.kind.label,
                balance=format_fen(view.balance_fen),
                status=view.status.label,
            ),
            self,
        )
        layout.addWidget(self.summary_label)
        headers = [
            tr("VouchersPage", "时间"),
            tr("VouchersPage", "事项"),
            tr("VouchersPage", "金额"),
            tr("VouchersPage", "服务记录"),
            tr("VouchersPage", "原因"),
        ]
        self.entry_table = QTableWidget(len(view.entries), len(headers), self)
        self.entry_table.setHorizontalHeaderLabels(headers)
        self.entry_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.entry_table.verticalHeader().setVisible(False)
        self.entry_table.horizontalHeader().setStretchLastSection(True)
        for row, entry in enumerate(view.entries):
            cells = (
                f"{entry.at:%Y-%m-%d %H:%M}",
                entry.label,
                format_fen(entry.amount_fen),
                str(entry.service_record_id) if entry.service_record_id is not None else "",
                entry.reason,
            )
            for column, text in enumerate(cells):
                self.entry_table.setItem(row, column, QTableWidgetItem(text))
        self.entry_table.resizeColumnsToContents()
        layout.addWidget(self.entry_table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("VouchersPage", "关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 300)


class VouchersPage(SectionPage):
    """Every matching voucher is a row of the list, filtered, sorted and paged in SQL (``VoucherTableModel``)."""

    watches = frozenset({ChangeKind.VOUCHER, ChangeKind.CUSTOMER})

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_VouchersPage()
        self.ui.setupUi(self)
        self._services = services
        self.issue_dialog: VoucherDialog | None = None
        self.redeem_dialog: RedeemDialog | None = None
        self.ledger_dialog: VoucherLedgerDialog | None = None
        ui = self.ui
        for value, label in VIEWS:
            ui.view_combo.addItem(tr("VouchersPage", label), value)
        ui.kind_combo.addItem(tr("VouchersPage", "全部种类"), None)
        for kind in VoucherKind:
            ui.kind_combo.addItem(kind.label, kind.value)

        self.model = VoucherTableModel(services.vouchers, self)
        ui.voucher_table.setModel(self.model)
        header = ui.voucher_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        ui.voucher_table.verticalHeader().setVisible(False)
        for column, width in enumerate((95, 120, 80, 85, 85, 70, 85, 95, 65, 110)):
            ui.voucher_table.setColumnWidth(column, width)

        # Each keystroke would be a new query: wait for a pause in the typing.
        self.filter_timer = QTimer(self, singleShot=True, interval=250)
        self.filter_timer.timeout.connect(self.refresh)
        ui.filter_edit.textChanged.connect(lambda _text: self.filter_timer.start())
        ui.view_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        ui.kind_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        ui.new_button.clicked.connect(self._on_new_button_clicked)
        ui.redeem_button.clicked.connect(self._on_redeem_button_clicked)
        ui.void_button.clicked.connect(self._on_void_button_clicked)
        self.list_export = ListExportAction(
            self, services, settings, "vouchers", beside=ui.void_button,
            request=lambda: partial(services.list_export.export_vouchers, self.current_filter()),
        )  # fmt: skip
        theme.set_role(ui.new_button, theme.PRIMARY)
        theme.set_role(ui.void_button, theme.DANGER)
        # activated covers Enter and, on Windows, the double-click.
        ui.voucher_table.activated.connect(self._on_voucher_table_activated)
        ui.voucher_table.selectionModel().selectionChanged.connect(self._update_buttons)

        if not self.restore_state(settings):
            header.setSortIndicator(DEFAULT_SORT_COLUMN, Qt.SortOrder.AscendingOrder)
        # Only remembers the order: the model reads nothing before the page is first shown.
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._update_buttons()
        self._loaded = False  # filled when first shown: start-up need not wait for this page

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    # -- state -----------------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        state = settings.value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.ui.voucher_table.horizontalHeader().restoreState(state)
        return False

    def save_state(self, settings: QSettings) -> None:
        """Remember column widths, order and sorting."""
        settings.setValue(HEADER_KEY, self.ui.voucher_table.horizontalHeader().saveState())

    # -- list -----------------------------------------------------------------------------------

    def current_filter(self) -> VoucherFilter:
        ui = self.ui
        old = self.model.current_filter
        return VoucherFilter(
            text=ui.filter_edit.text(),
            view=ui.view_combo.currentData() or "all",
            kind=ui.kind_combo.currentData(),
            sort=old.sort,
            descending=old.descending,
        )

    def refresh(self, select_id: int | None = None) -> None:
        """Expire what is due, then reload, keeping the filter, the sorting and the selected voucher."""
        first = not self._loaded
        self._loaded = True
        self.filter_timer.stop()
        keep = select_id if select_id is not None else self.current_voucher_id()
        flt = self.current_filter()
        try:
            self._services.vouchers.expire_due()
            if first or flt != self.model.current_filter:
                self.model.set_filter(flt)
            else:
                self.model.reload()  # the same list: keep the position
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        self.ui.count_label.setText(tr("VouchersPage", "共 {count:,} 张").format(count=self.model.total))
        if keep is not None:
            self.select_voucher(keep)
        self._update_buttons()

    def current_voucher_id(self) -> int | None:
        """The selected voucher, or None."""
        rows = self.ui.voucher_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def select_voucher(self, voucher_id: int) -> bool:
        """Select and show ``voucher_id`` if it is in the list."""
        row = self.model.row_of(voucher_id)
        if row is None:
            return False
        self.ui.voucher_table.selectRow(row)
        self.ui.voucher_table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self, *_args: object) -> None:
        voucher_id = self.current_voucher_id()
        active = False
        if voucher_id is not None:
            row = self.ui.voucher_table.selectionModel().selectedRows(column_of("status"))
            active = bool(row) and row[0].data() == VoucherStatus.ACTIVE.label
        self.ui.void_button.setEnabled(active)

    # -- actions --------------------------------------------------------------------------------

    def create_new(self) -> bool:
        """Ctrl+N on this page: 发券."""
        self.issue_voucher()
        return True

    def _on_new_button_clicked(self) -> None:
        self.issue_voucher()

    def issue_voucher(self, customer_id: int | None = None) -> VoucherDialog:
        """Open the issue dialog (not modal to the program: the list refreshes when a voucher is issued)."""
        if self.issue_dialog is not None:
            self.issue_dialog.deleteLater()
        dialog = VoucherDialog(self._services, customer_id, parent=self)
        dialog.voucher_issued.connect(self.show_item)
        self.issue_dialog = dialog
        dialog.open()
        return dialog

    def _on_redeem_button_clicked(self) -> None:
        self.redeem_voucher()

    def redeem_voucher(self) -> RedeemDialog:
        """Open the redeem dialog; the list refreshes after a redemption."""
        if self.redeem_dialog is not None:
            self.redeem_dialog.deleteLater()
        dialog = RedeemDialog(self._services, parent=self)
        dialog.voucher_redeemed.connect(self.show_item)
        self.redeem_dialog = dialog
        dialog.open()
        return dialog

    def show_item(self, item_id: int, intent: str = "") -> bool:
        """Select the voucher; if the filter hides it, show every voucher rather than hide it."""
        self.refresh(select_id=item_id)
        if self.current_voucher_id() != item_id:
            ui = self.ui
            for widget in (ui.filter_edit, ui.view_combo, ui.kind_combo):
                widget.blockSignals(True)
            ui.filter_edit.clear()
            ui.view_combo.setCurrentIndex(ui.view_combo.findData("all"))
            ui.kind_combo.setCurrentIndex(0)
            for widget in (ui.filter_edit, ui.view_combo, ui.kind_combo):
                widget.blockSignals(False)
            self.refresh(select_id=item_id)
        return self.current_voucher_id() == item_id

    def _on_void_button_clicked(self) -> None:
        voucher_id = self.current_voucher_id()
        if voucher_id is not None:
            self.void_voucher(voucher_id)

    def void_voucher(self, voucher_id: int) -> bool:
        """Confirm, ask the reason and a 区域经理's password, then void; True when voided."""
        try:
            view = self._services.vouchers.get(voucher_id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self.refresh()
            return False
        if not messages.confirm(
            self,
            tr("VouchersPage", "作废券 {code}（{customer}，余额 {balance}）吗？作废后不能恢复。").format(
                code=view.code, customer=view.customer_label, balance=format_fen(view.balance_fen)
            ),
            yes=tr("VouchersPage", "作废"),
        ):
            return False
        reason = ask_void_reason(self)
        if reason is None:
            return False
        if not reason.strip():
            messages.show_error(self, tr("VouchersPage", "请写明作废的原因"))
            return False
        auth = ask_authorization(
            self, self._services, Role.REGIONAL_MANAGER, tr("VouchersPage", "作废优惠券")
        )
        if auth is None:
            return False
        try:
            self._services.vouchers.void(voucher_id, reason, auth)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self.refresh()
            return False
        self.refresh(select_id=voucher_id)
        return True

    def _on_voucher_table_activated(self, index: QModelIndex) -> None:
        voucher_id = index.data(ID_ROLE)
        if voucher_id is not None:
            self.show_ledger(int(voucher_id))

    def show_ledger(self, voucher_id: int) -> VoucherLedgerDialog | None:
        """Show the voucher's ledger in a small read-only window."""
        try:
            view = self._services.vouchers.get(voucher_id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return None
        if self.ledger_dialog is not None:
            self.ledger_dialog.deleteLater()
        dialog = VoucherLedgerDialog(view, self)
        self.ledger_dialog = dialog
        dialog.show()
        return dialog
