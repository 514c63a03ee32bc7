"""The customers section: a filterable list of every customer beside the selected one's page."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QFrame, QHeaderView, QScrollArea, QVBoxLayout, QWidget

from ...domain.customers import CustomerType, VipTier
from ...domain.errors import DomainError
from ...domain.imports import ImportKind
from ...domain.lifecycle import RiskBand, Stage
from ...domain.privacy import Purpose
from ...domain.staff import Role
from ...domain.templates import Scenario
from ...services import Services
from ...services.changes import ChangeKind
from ...services.context import Authorization
from ...services.customers import CustomerFilter
from ..common import messages, theme
from ..common.background import LatestCall
from ..common.i18n import tr
from ..common.import_dialog import import_button
from ..common.list_export import ListExportAction
from ..common.list_layout import ColumnFitter, ListDetailSplit
from ..common.section import SectionPage
from ..forms.ui_customers_page import Ui_CustomersPage
from .detail import CustomerDetail
from .table_model import COLUMNS, CustomerTableModel, FilterRead

WORKING_SIZES = [640, 560]
"""List and profile once a customer is open (before the user sets their own)."""
OPTIONAL_COLUMNS = (7, 3, 4, 5, 9, 6, 8)
"""Columns shown only while the list is wide enough, least important first (see ``COLUMNS``)."""
FILTER_DELAY_MS = 0
"""The pause in typing before the filter is read: none (each key starts a read at once on the worker,
stopping the one before; the Qt event loop only merges keys that arrive together)."""
BUSY_TEXT_DELAY_MS = 300
"""正在查找… is shown only for a filter that takes longer than this (a quick one would only flicker)."""


def ask_authorization(parent: QWidget, services: Services, minimum: Role, what: str) -> Authorization | None:
    """The password dialog, loaded when first needed (it is not needed to start the window)."""
    from ..common.password_dialog import ask_authorization as ask

    return ask(parent, services, minimum, what)


class CustomersPage(SectionPage):
    watches = frozenset(
        {
            ChangeKind.CUSTOMER,
            ChangeKind.SERVICE_RECORD,
            ChangeKind.INCIDENT,
            ChangeKind.VOUCHER,
            ChangeKind.CONTRACT,
        }
    )

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CustomersPage()
        self.ui.setupUi(self)
        self._services = services
        ui = self.ui
        self.model = CustomerTableModel(services.customers, self)
        ui.customer_table.setModel(self.model)
        header = ui.customer_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        ui.customer_table.verticalHeader().setVisible(False)
        for column, width in enumerate((80, 80, 180, 80, 90, 50, 95, 95)):
            ui.customer_table.setColumnWidth(column, width)
        self.detail = CustomerDetail(services, ui.detail_holder)
        holder_layout = QVBoxLayout(ui.detail_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        # On a 1366×768 screen the whole profile (details, consents, timeline, script) is taller than
        # the page: it scrolls as one, instead of squeezing the script or pushing the window off the screen.
        self.detail_scroll = QScrollArea(ui.detail_holder)
        self.detail_scroll.setObjectName("detail_scroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self.detail)
        bar = self.detail_scroll.verticalScrollBar().sizeHint().width()
        self.detail_scroll.setMinimumWidth(self.detail.minimumSizeHint().width() + bar)  # never cut sideways
        holder_layout.addWidget(self.detail_scroll)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        self.split = ListDetailSplit(ui.splitter, WORKING_SIZES)
        # 称呼, 姓名 and 电话 always; then 最近服务, 类型, 会员, 区, 建档日期 while they fit.
        self.column_fitter = ColumnFitter(ui.customer_table, OPTIONAL_COLUMNS)

        ui.type_filter_combo.addItem(tr("CustomersPage", "全部类型"), None)
        for kind in CustomerType:
            ui.type_filter_combo.addItem(kind.label, kind.value)
        ui.vip_filter_combo.addItem(tr("CustomersPage", "全部会员等级"), None)
        for tier in VipTier:
            ui.vip_filter_combo.addItem(tier.label, tier.value)
        # Its choices are long ("同意营销与节日问候"): the combo is sized for a few characters and the
        # list that opens shows them whole, so the filter row still fits a 1366 screen with the profile open.
        ui.consent_filter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        ui.consent_filter_combo.setMinimumContentsLength(8)
        ui.consent_filter_combo.view().setMinimumWidth(
            ui.consent_filter_combo.fontMetrics().horizontalAdvance("同意营销与节日问候") + 40
        )
        ui.consent_filter_combo.addItem(tr("CustomersPage", "不限同意"), None)
        for purpose in Purpose:
            ui.consent_filter_combo.addItem(
                tr("CustomersPage", "同意{purpose}").format(purpose=purpose.label), purpose.value
            )

        # 客户关怀: a stage, or the customers most at risk (derived, kept on the rows: migration 15).
        self.care_filter_combo = QComboBox(self)
        self.care_filter_combo.setObjectName("care_filter_combo")
        self.care_filter_combo.setToolTip(tr("CustomersPage", "按客户阶段或流失风险筛选（每小时自动更新）"))
        self.care_filter_combo.addItem(tr("CustomersPage", "不限阶段"), None)
        for stage in Stage:
            self.care_filter_combo.addItem(stage.label, ("stage", stage.value))
        self.care_filter_combo.addItem(
            tr("CustomersPage", "流失风险高（60 分以上）"), ("band", RiskBand.HIGH.value)
        )
        self.care_filter_combo.addItem(
            tr("CustomersPage", "流失风险中（30–59 分）"), ("band", RiskBand.MEDIUM.value)
        )
        ui.filter_layout.insertWidget(
            ui.filter_layout.indexOf(ui.consent_filter_combo) + 1, self.care_filter_combo
        )
        # The filter's count and first page are read on a worker (at a million customers that takes
        # up to a few seconds); typing goes on meanwhile and only the newest filter is shown.
        self.filter_search = LatestCall(self, FILTER_DELAY_MS)
        self.filter_search.succeeded.connect(self._show_filtered)
        self.filter_search.refused.connect(self._filter_failed)
        self.filter_search.busy.connect(self._filter_busy)
        self._busy_text = QTimer(self, singleShot=True, interval=BUSY_TEXT_DELAY_MS)
        self._busy_text.timeout.connect(lambda: self.ui.count_label.setText(tr("CustomersPage", "正在查找…")))
        ui.filter_edit.textChanged.connect(lambda _t: self.apply_filter())
        ui.type_filter_combo.currentIndexChanged.connect(lambda _i: self.apply_filter(now=True))
        ui.vip_filter_combo.currentIndexChanged.connect(lambda _i: self.apply_filter(now=True))
        ui.consent_filter_combo.currentIndexChanged.connect(lambda _i: self.apply_filter(now=True))
        self.care_filter_combo.currentIndexChanged.connect(lambda _i: self.apply_filter(now=True))
        ui.new_button.clicked.connect(self.new_customer)
        self.list_export = ListExportAction(
            self, services, settings, "customers", beside=ui.new_button,
            request=lambda: partial(services.list_export.export_customers, self.model.current_filter),
        )  # fmt: skip
        self.import_button = import_button(self, services, ImportKind.CUSTOMERS)
        ui.filter_layout.insertWidget(ui.filter_layout.indexOf(ui.new_button), self.import_button)
        theme.set_role(ui.new_button, theme.PRIMARY)
        ui.customer_table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        ui.customer_table.doubleClicked.connect(lambda _i: self._edit(self.detail.customer_id))
        ui.customer_table.activated.connect(lambda _i: self._edit(self.detail.customer_id))
        self.detail.edit_requested.connect(self._edit)
        self.detail.add_service_requested.connect(self._add_service)
        self.detail.delete_requested.connect(self._delete)
        self.detail.export_requested.connect(self.export_personal_data)
        self.detail.erase_requested.connect(self.erase_personal_data)

        if not self.restore_state(settings):
            header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
            ui.splitter.setSizes(WORKING_SIZES)
        self.split.browse()
        sort_key = COLUMNS[header.sortIndicatorSection()][0] if header.sortIndicatorSection() >= 0 else "name"
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        if self.model.current_filter.sort != sort_key or self.model.rowCount() == 0:
            # (Restoring the header's sort indicator usually loaded the first page already.)
            self.model.set_filter(CustomerFilter(sort=sort_key, descending=descending))
        self._update_count()

    # -- list -----------------------------------------------------------------------------------

    def current_filter(self) -> CustomerFilter:
        old = self.model.current_filter
        care = self.care_filter_combo.currentData()
        return CustomerFilter(
            text=self.ui.filter_edit.text(),
            customer_type=self.ui.type_filter_combo.currentData(),
            vip_tier=self.ui.vip_filter_combo.currentData(),
            consent=self.ui.consent_filter_combo.currentData(),
            sort=old.sort,
            descending=old.descending,
            stage=care[1] if care and care[0] == "stage" else None,
            risk_band=care[1] if care and care[0] == "band" else None,
        )

    def apply_filter(self, *, now: bool = False) -> None:
        """Show the list for the filter row: read on a worker (``FILTER_DELAY_MS``; at once with ``now``)."""
        flt = self.current_filter()
        self.filter_search.request(partial(self.model.read_filter, flt), now=now)

    def apply_filter_here(self) -> None:
        """``apply_filter`` read on the GUI thread, done on return (for callers that use the list next)."""
        self.filter_search.cancel()
        flt = self.current_filter()
        self._filter_scenario(flt)
        self.model.set_filter(flt)
        self._update_count()
        self._select(self.detail.customer_id)

    def _show_filtered(self, read: FilterRead) -> None:
        self._filter_scenario(read.filter)
        self.model.show_read(read)
        self._update_count()
        self._select(self.detail.customer_id)

    def _filter_busy(self, busy: bool) -> None:
        if busy:
            if not self._busy_text.isActive():
                self._busy_text.start()
        else:
            self._busy_text.stop()
            self._update_count()

    def _filter_failed(self, message: str) -> None:
        self.ui.count_label.setText(message)
        self.ui.count_label.setToolTip(message)

    def _filter_scenario(self, flt: CustomerFilter) -> None:
        # A greeting list: the profile beside it offers the festival script.
        marketing = flt.consent == Purpose.MARKETING.value
        scenario = Scenario.FESTIVAL.value if marketing else None
        if self.detail.script_scenario != scenario:
            self.detail.script_scenario = scenario
            self.detail.refresh()

    def _update_count(self) -> None:
        self.ui.count_label.setText(tr("CustomersPage", "共 {count:,} 位客户").format(count=self.model.total))
        self.ui.count_label.setToolTip("")

    def refresh(self) -> None:
        """Re-read after changes elsewhere, keeping filter, position and selection."""
        self.model.reload()
        self._update_count()
        self._select(self.detail.customer_id)
        self.detail.refresh()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        customer_id = self.model.customer_id(current.row()) if current.isValid() else None
        if customer_id is not None:
            self._show_customer(customer_id)

    def _select(self, customer_id: int | None) -> None:
        if customer_id is None:
            return
        row = self.model.row_of(customer_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.ui.customer_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.ui.customer_table.scrollTo(index)

    def _show_customer(self, customer_id: int | None) -> None:
        """The profile beside the list (None: nothing open, the list takes the width)."""
        self.detail.show_customer(customer_id)
        if customer_id is None:
            self.split.browse()
        else:
            self.split.open()

    def open_customer(self, customer_id: int) -> None:
        """Show one customer (from the global search), selecting them if they are in the list."""
        self._show_customer(customer_id)
        self._select(customer_id)

    def current_customer_id(self) -> int | None:
        return self.detail.customer_id

    def show_topic(self, topic: str) -> bool:
        """``marketing`` (any ``Purpose`` id): every customer who agreed to it, e.g. a festival greeting list."""
        index = self.ui.consent_filter_combo.findData(topic)
        if index < 0:
            return False
        ui = self.ui
        for widget in (ui.filter_edit, ui.type_filter_combo, ui.vip_filter_combo, ui.consent_filter_combo):
            widget.blockSignals(True)
        ui.filter_edit.clear()
        ui.type_filter_combo.setCurrentIndex(0)
        ui.vip_filter_combo.setCurrentIndex(0)
        ui.consent_filter_combo.setCurrentIndex(index)
        for widget in (ui.filter_edit, ui.type_filter_combo, ui.vip_filter_combo, ui.consent_filter_combo):
            widget.blockSignals(False)
        self.apply_filter_here()
        if self.detail.customer_id is None or self.model.row_of(self.detail.customer_id) is None:
            first = self.model.customer_id(0)
            if first is not None:
                self.open_customer(first)
        return True

    def show_item(self, item_id: int, intent: str = "") -> bool:
        self.open_customer(item_id)
        return self.detail.customer_id == item_id

    # -- actions ----------------------------------------------------------------------------------

    def create_new(self) -> bool:
        """Ctrl+N on this page."""
        self.new_customer()
        return True

    def new_customer(self) -> int | None:
        from .customer_dialog import CustomerDialog  # not needed to start the window

        dialog = CustomerDialog(self._services, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.customer_id is None:
            return None
        self.model.reload()
        self._update_count()
        self.open_customer(dialog.customer_id)
        return dialog.customer_id

    def _edit(self, customer_id: int | None) -> None:
        from .customer_dialog import CustomerDialog

        if customer_id is None:
            return
        dialog = CustomerDialog(self._services, customer_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def _add_service(self, customer_id: int) -> None:
        from .service_record_dialog import ServiceRecordDialog

        try:
            dialog = ServiceRecordDialog(self._services, customer_id, self)
        except DomainError as exc:  # deleted meanwhile
            messages.show_error(self, str(exc))
            self.refresh()
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def _delete(self, customer_id: int) -> None:
        view = self._services.customers.get(customer_id)
        question = tr("CustomersPage", "确定要删除客户“{address_as}（{name}）”吗？删除后无法恢复。").format(
            address_as=view.address_as, name=view.name
        )
        if not messages.confirm(self, question, yes=tr("CustomersPage", "删除")):
            return
        auth = ask_authorization(self, self._services, Role.REGIONAL_MANAGER, tr("CustomersPage", "删除客户"))
        if auth is None:
            return
        try:
            self._services.customers.delete(customer_id, auth)
        except DomainError as exc:
            hint = tr(
                "CustomersPage",
                "如果是客户要求删除自己的个人信息，请用 更多 → 删除个人信息（客户要求删除）：账目保留，个人信息清除。",
            )
            messages.show_error(self, f"{exc}\n\n{hint}" if "不能删除" in str(exc) else str(exc))
            return
        self._show_customer(None)
        self.model.reload()
        self._update_count()

    def export_personal_data(self, customer_id: int) -> None:
        from .privacy_actions import export_personal_data

        export_personal_data(self, self._services, customer_id)

    def erase_personal_data(self, customer_id: int) -> bool:
        from .privacy_actions import erase_personal_data

        if not erase_personal_data(self, self._services, customer_id):
            return False
        self.model.reload()
        self._update_count()
        self._show_customer(customer_id)  # what stays: that it happened, and the books
        return True

    # -- remembered layout --------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        """Restore splitter and column layout; False when nothing was saved yet."""
        restored = False
        splitter = settings.value("customers_page/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            restored = self.split.restore_state(splitter)
        header = settings.value("customers_page/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            restored = self.ui.customer_table.horizontalHeader().restoreState(header) or restored
        return restored

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("customers_page/splitter", self.split.save_state())
        settings.setValue("customers_page/header", self.ui.customer_table.horizontalHeader().saveState())
