"""The renewals section (续约跟进): contracts ending soon, what was done about each, and what to do next."""

from __future__ import annotations

from functools import partial
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...domain.imports import ImportKind
from ...domain.money import format_fen
from ...domain.templates import Scenario
from ...services import Services
from ...services.changes import ChangeKind
from ...services.contracts import ContractRow
from ..common import messages
from ..common.i18n import tr
from ..common.import_dialog import import_button
from ..common.list_export import ListExportAction
from ..common.list_layout import ColumnFitter, ListDetailSplit
from ..common.script_panel import ScriptPanel
from ..common.section import SectionPage
from ..forms.ui_renewals_page import Ui_RenewalsPage
from .contract_dialog import ContractDialog
from .step_dialogs import ContactDialog, LostDialog, OfferDialog
from .table_model import ID_ROLE, RenewalTableModel

_StepDialogT = TypeVar("_StepDialogT", ContactDialog, OfferDialog, LostDialog)

OPTIONAL_COLUMNS = (4, 1)
"""金额, then 套餐: shown while the list is wide enough (客户, 到期日, 剩余 and 最近跟进 always)."""
WORKING_SIZES = [560, 560]
"""List and contract once one is chosen (before the user sets their own)."""
DAY_CHOICES = (7, 14, 30, 60)
DEFAULT_DAYS = 30
HEADER_KEY = "renewals_page/header"
DAYS_KEY = "renewals_page/days"
SPLITTER_KEY = "renewals_page/splitter"


class RenewalsPage(SectionPage):
    """Active contracts ending within the chosen days (and run-out ones with no outcome), soonest first.

    Every contract due is a row (``RenewalTableModel`` reads them a keyset page at a time, in the
    service's order: no proxy). After any step
    (contact, offer, renewal, lost) the other sections hear of it by the change notice.
    """

    watches = frozenset({ChangeKind.CONTRACT, ChangeKind.CUSTOMER})

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RenewalsPage()
        self.ui.setupUi(self)
        self._services = services
        self.dialog: QDialog | None = None  # the open step dialog (tests fill it in)
        ui = self.ui
        for days in DAY_CHOICES:
            ui.days_combo.addItem(tr("RenewalsPage", "未来 {days} 天").format(days=days), days)
        self.model = RenewalTableModel(services, self)
        ui.renewal_table.setModel(self.model)
        ui.renewal_table.verticalHeader().setVisible(False)
        header = ui.renewal_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 100, 90, 90, 90, 200)):
            ui.renewal_table.setColumnWidth(column, width)
        self.script_panel = ScriptPanel(services, ui.script_group)
        layout = ui.script_group.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.script_panel)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes(WORKING_SIZES)
        self.split = ListDetailSplit(ui.splitter, WORKING_SIZES)
        self.column_fitter = ColumnFitter(ui.renewal_table, OPTIONAL_COLUMNS)

        self.restore_state(settings)
        ui.days_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        ui.refresh_button.clicked.connect(lambda: self.refresh())
        self.list_export = ListExportAction(
            self, services, settings, "contracts", beside=ui.refresh_button,
            request=lambda: partial(services.list_export.export_contracts, self.days()),
        )  # fmt: skip
        self.import_button = import_button(self, services, ImportKind.CONTRACTS)
        ui.toolbar_layout.insertWidget(ui.toolbar_layout.indexOf(ui.refresh_button), self.import_button)
        ui.renewal_table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        ui.contact_button.clicked.connect(self.open_contact_dialog)
        ui.offer_button.clicked.connect(self.open_offer_dialog)
        ui.renew_button.clicked.connect(self.open_renew_dialog)
        ui.lost_button.clicked.connect(self.open_lost_dialog)
        self._loaded = False  # filled when first shown: start-up need not wait for this page
        self._show_selected()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    # -- state -----------------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        restored = False
        days = str(settings.value(DAYS_KEY, DEFAULT_DAYS))
        index = self.ui.days_combo.findData(int(days) if days.isdigit() else DEFAULT_DAYS)
        self.ui.days_combo.setCurrentIndex(index if index >= 0 else DAY_CHOICES.index(DEFAULT_DAYS))
        header = settings.value(HEADER_KEY)
        if isinstance(header, QByteArray) and not header.isEmpty():
            restored = self.ui.renewal_table.horizontalHeader().restoreState(header)
        splitter = settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            restored = self.split.restore_state(splitter) or restored
        return restored

    def save_state(self, settings: QSettings) -> None:
        """Remember the chosen window, column widths and the split."""
        settings.setValue(DAYS_KEY, self.days())
        settings.setValue(HEADER_KEY, self.ui.renewal_table.horizontalHeader().saveState())
        settings.setValue(SPLITTER_KEY, self.split.save_state())

    # -- list -----------------------------------------------------------------------------------

    def days(self) -> int:
        """How many days ahead the list looks."""
        return int(self.ui.days_combo.currentData())

    def refresh(self, select_id: int | None = None) -> None:
        """Reload from the database, keeping the selected contract when it is still listed."""
        self._loaded = True
        keep = select_id if select_id is not None else self.current_contract_id()
        days = self.days()
        if days != self.model.days:
            self.model.set_days(days)
        else:
            self.model.reload()  # the same window: keep the position
        text = tr("RenewalsPage", "共 {count} 份，7 天内 {urgent} 份").format(
            count=self.model.total, urgent=self.model.urgent_count()
        )
        self.ui.count_label.setText(text)
        if keep is None or not self.select_contract(keep):
            self.ui.renewal_table.clearSelection()  # its row now holds another contract, or none
            self._show_selected()

    def contract_ids(self) -> list[int]:
        """The listed contracts, in order (every row is read: for short lists and tests)."""
        return [self.model.row_id(row) or 0 for row in range(self.model.rowCount())]

    def current_contract_id(self) -> int | None:
        rows = self.ui.renewal_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def show_item(self, item_id: int, intent: str = "") -> bool:
        """Select the contract; widen the days shown if it is not listed."""
        self.refresh(select_id=item_id)
        if self.current_contract_id() != item_id:
            combo = self.ui.days_combo
            widest = max(range(combo.count()), key=lambda i: int(combo.itemData(i)))
            if combo.currentIndex() != widest:
                combo.setCurrentIndex(widest)  # reloads the list
                self.select_contract(item_id)
        return self.current_contract_id() == item_id

    def select_contract(self, contract_id: int) -> bool:
        """Select and show ``contract_id`` if it is listed (found anywhere in the list by its key)."""
        row = self.model.row_of(contract_id)
        if row is None:
            return False
        self.ui.renewal_table.selectRow(row)
        self.ui.renewal_table.scrollTo(self.model.index(row, 0))
        self._show_selected()
        return True

    # -- the selected contract ------------------------------------------------------------------

    def _show_selected(self) -> None:
        ui = self.ui
        selected = ui.renewal_table.selectionModel().selectedRows()
        row = self.model.row_at(selected[0].row()) if selected else None
        for button in (ui.contact_button, ui.offer_button, ui.renew_button, ui.lost_button):
            button.setEnabled(row is not None)
        ui.history_list.clear()
        if row is None:
            ui.contract_label.setText(tr("RenewalsPage", "请在左边选择一份合同"))
            ui.contract_detail_label.clear()
            self.script_panel.clear()
            self.split.browse()
            return
        self.split.open()
        try:
            contract = self._services.contracts.get(row.contract_id)
            history = self._services.contracts.for_customer(row.customer_id)
        except DomainError as exc:  # removed meanwhile
            messages.show_error(self, str(exc))
            return
        ui.contract_label.setText(f"{row.customer_label} · {row.package}")
        detail = tr("RenewalsPage", "期限：{start} 至 {end}（{left}）\n金额：{price}　状态：{status}").format(
            start=f"{contract.start_on:%Y-%m-%d}",
            end=f"{contract.end_on:%Y-%m-%d}",
            left=row.days_left_text,
            price=format_fen(contract.price_fen),
            status=contract.status.label,
        )
        if contract.notes:
            detail += tr("RenewalsPage", "\n备注：{notes}").format(notes=contract.notes)
        ui.contract_detail_label.setText(detail)
        actions = self._services.contracts.actions(row.contract_id)
        if not actions:
            ui.history_list.addItem(tr("RenewalsPage", "尚未跟进"))
        for action in actions:
            ui.history_list.addItem(f"{action.at:%m-%d %H:%M}  {action.text}")
        for earlier in history:
            if earlier.id != contract.id:
                ui.history_list.addItem(f"{earlier.label} · {earlier.status.label}")
        self.script_panel.show_for_customer(row.customer_id, Scenario.RENEWAL)

    def _selected_contract(self) -> ContractRow | None:
        contract_id = self.current_contract_id()
        if contract_id is None:
            return None
        try:
            return self._services.contracts.get(contract_id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self.refresh()
            return None

    # -- actions: each opens a window-modal dialog without blocking (tests reach it as .dialog) ---

    def open_contact_dialog(self) -> ContactDialog | None:
        """已联系: ask for a note, then record the contact."""
        contract = self._selected_contract()
        return self._open(ContactDialog(self._services, contract, self)) if contract else None

    def open_offer_dialog(self) -> OfferDialog | None:
        """报优惠: what is offered, optionally with a promotion voucher."""
        contract = self._selected_contract()
        return self._open(OfferDialog(self._services, contract, self)) if contract else None

    def open_lost_dialog(self) -> LostDialog | None:
        """流失: the reason from the list and a note; asks for confirmation on Save."""
        contract = self._selected_contract()
        return self._open(LostDialog(self._services, contract, self)) if contract else None

    def open_renew_dialog(self) -> ContractDialog | None:
        """续约: the contract dialog filled in from the old contract."""
        contract = self._selected_contract()
        if contract is None:
            return None
        try:
            dialog = ContractDialog(self._services, contract.customer_id, renew_from=contract.id, parent=self)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return None
        dialog.contract_saved.connect(lambda _new_id: self._on_step_recorded(contract.id))
        self._show_dialog(dialog)
        return dialog

    def _open(self, dialog: _StepDialogT) -> _StepDialogT:
        dialog.step_recorded.connect(self._on_step_recorded)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:  # the previous one is finished with: do not keep one per click
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _on_step_recorded(self, contract_id: int) -> None:
        self.refresh(select_id=contract_id)
