"""The incidents section: open, overdue and closed complaints beside the one being worked on."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from ...domain.deadlines import Level
from ...domain.errors import DomainError
from ...domain.incidents import Category
from ...services import Services
from ...services.changes import ChangeKind
from ...services.incident_lists import VIEWS, IncidentFilter
from ..common import theme
from ..common.i18n import tr
from ..common.list_export import ListExportAction
from ..common.list_layout import ColumnFitter, ListDetailSplit
from ..common.section import SectionPage
from ..forms.ui_incidents_page import Ui_IncidentsPage
from .detail import IncidentDetail
from .table_model import COLUMNS, DEFAULT_SORT_COLUMN, UNSORTABLE, IncidentTableModel, sort_column

COLUMN_WIDTHS = (100, 70, 95, 65, 60, 65, 70, 60, 65, 120, 215)
OPTIONAL_COLUMNS = (8, 9, 6, 7, 3, 5, 2)
"""Shown only while the list is wide enough, least important first: 服务人员, 登记时间, 级别, 负责人,
严重程度, 当前步骤, 类别 (编号, 客户, 状态 and 下一期限 always; the open incident shows the rest)."""
WORKING_SIZES = [500, 620]
"""List and incident once one is open (before the user sets their own)."""
STATE_KEYS = {
    "splitter": "incidents_page/splitter",
    "header": "incidents_page/header",
    "detail_splitter": "incidents_page/detail_splitter",
}


class IncidentsPage(SectionPage):
    """The list filters and sorts in SQL; ``new_incident_requested`` asks for the report dialog."""

    watches = frozenset(
        {
            ChangeKind.INCIDENT,
            ChangeKind.CUSTOMER,
            ChangeKind.VOUCHER,
            ChangeKind.WORKER,
            ChangeKind.STAFF,
            ChangeKind.SETTINGS,
        }
    )

    new_incident_requested = Signal()

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IncidentsPage()
        self.ui.setupUi(self)
        self._services = services
        ui = self.ui
        self.model = IncidentTableModel(services, self)
        ui.incident_table.setModel(self.model)
        table = ui.incident_table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            table.setColumnWidth(column, width)
        self.detail = IncidentDetail(services, ui.detail_holder)
        holder_layout = QVBoxLayout(ui.detail_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.detail)
        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 3)
        self.split = ListDetailSplit(ui.splitter, WORKING_SIZES)
        self.column_fitter = ColumnFitter(table, OPTIONAL_COLUMNS)

        for key, label in VIEWS.items():
            ui.view_combo.addItem(label, key)
        ui.view_combo.setCurrentIndex(ui.view_combo.findData("open"))
        ui.level_combo.addItem(tr("IncidentsPage", "全部级别"), None)
        for level in Level:
            ui.level_combo.addItem(level.label, int(level))
        ui.category_combo.addItem(tr("IncidentsPage", "全部类别"), None)
        for category in Category:
            ui.category_combo.addItem(category.label, category.value)
        for combo in (ui.view_combo, ui.level_combo, ui.category_combo, ui.worker_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        ui.new_button.clicked.connect(lambda: self.new_incident_requested.emit())
        self.list_export = ListExportAction(
            self, services, settings, "incidents", beside=ui.new_button,
            request=lambda: partial(services.list_export.export_incidents, self.model.current_filter),
        )  # fmt: skip
        theme.set_role(ui.new_button, theme.PRIMARY)
        table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.detail.incident_changed.connect(self._on_incident_changed)

        # The header's signals are held back so that laying it out does not query the database:
        # the list is read when the page is first shown (start-up does not wait for it).
        header.blockSignals(True)
        if not self.restore_state(settings):
            ui.splitter.setSizes(WORKING_SIZES)
            self.detail.ui.work_splitter.setSizes([270, 290])
            header.setSortIndicator(DEFAULT_SORT_COLUMN, Qt.SortOrder.DescendingOrder)
        header.blockSignals(False)
        self.split.browse()
        self._loaded = False

    # -- list -----------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_loaded()
        super().showEvent(event)

    def _ensure_loaded(self) -> None:
        """Read the list the first time it is needed, in the order the header shows."""
        if self._loaded:
            return
        self._loaded = True
        self._fill_workers()
        header = self.ui.incident_table.horizontalHeader()
        section = header.sortIndicatorSection()
        key = COLUMNS[section][0] if 0 <= section < len(COLUMNS) else "reported_at"
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        if key in UNSORTABLE:
            key, descending = "reported_at", True
            self._set_sort_indicator(key, descending)
        self.model.set_filter(self._filter_from_bar(key, descending))
        self._update_count()

    def _filter_from_bar(self, sort: str, descending: bool) -> IncidentFilter:
        ui = self.ui
        return IncidentFilter(
            view=str(ui.view_combo.currentData() or "open"),
            level=ui.level_combo.currentData(),
            category=ui.category_combo.currentData(),
            worker_id=ui.worker_combo.currentData(),
            sort=sort,
            descending=descending,
        )

    def current_filter(self) -> IncidentFilter:
        old = self.model.current_filter
        return self._filter_from_bar(old.sort, old.descending)

    def apply_filter(self) -> None:
        if not self._loaded:
            return  # the first showing reads the list with whatever the bar says then
        self.model.set_filter(self.current_filter())
        self._update_count()
        self._select(self.detail.incident_id)

    def _update_count(self) -> None:
        self.ui.count_label.setText(tr("IncidentsPage", "共 {count:,} 个事件").format(count=self.model.total))

    def _fill_workers(self) -> None:
        """The worker filter, re-read on refresh (workers are added elsewhere); keeps the choice."""
        combo = self.ui.worker_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("IncidentsPage", "全部服务人员"), None)
        for worker in self._services.workers.list():
            name = (
                worker.name
                if worker.active
                else tr("IncidentsPage", "{name}（停用）").format(name=worker.name)
            )
            combo.addItem(name, worker.id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if current is not None and index < 0:
            self.apply_filter()  # the chosen worker is gone: show everyone's again

    def refresh(self) -> None:
        """Re-read the list and the open incident, keeping filters, selection and anything typed."""
        if not self._loaded:
            self._ensure_loaded()
            return
        self._fill_workers()
        self.model.reload()
        self._update_count()
        self._select(self.detail.incident_id)
        self.detail.refresh()

    def check_escalations(self) -> None:
        """Every minute: raise the level of incidents whose deadline passed, then show it."""
        try:
            self._services.incidents.refresh_escalations()
        except DomainError:
            pass  # the file cannot be written just now (e.g. still being checked): next minute
        if self.isVisible():
            self.refresh()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        incident_id = self.model.incident_id(current.row()) if current.isValid() else None
        if incident_id is not None and incident_id != self.detail.incident_id:
            self._show_incident(incident_id)

    def _show_incident(self, incident_id: int | None) -> None:
        """The incident beside the list (None: nothing open, the list takes the width)."""
        self.detail.show_incident(incident_id)
        if incident_id is None:
            self.split.browse()
        else:
            self.split.open()

    def _select(self, incident_id: int | None) -> None:
        if incident_id is None:
            return
        row = self.model.row_of(incident_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.ui.incident_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.ui.incident_table.scrollTo(index)

    def _on_sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        if COLUMNS[section][0] in UNSORTABLE:  # the model ignored it: show the sort really in use
            flt = self.model.current_filter
            self._set_sort_indicator(flt.sort, flt.descending)

    def _set_sort_indicator(self, key: str, descending: bool) -> None:
        header = self.ui.incident_table.horizontalHeader()
        header.blockSignals(True)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(sort_column(key), order)
        header.blockSignals(False)

    def _on_incident_changed(self, incident_id: int) -> None:
        self.model.reload()
        self._update_count()
        self._select(incident_id)

    def open_incident(self, incident_id: int) -> None:
        """Show one incident (just reported, or chosen elsewhere), selecting it if it is listed."""
        self._ensure_loaded()
        self.model.reload()
        self._update_count()
        self._show_incident(incident_id)
        self._select(incident_id)

    # -- actions -------------------------------------------------------------------------------------

    def show_item(self, item_id: int, intent: str = "") -> bool:
        """Show the incident; ``intent="callback"`` then starts its day-3 callback."""
        self.open_incident(item_id)
        if self.detail.incident_id != item_id:
            return False
        if intent == "callback":
            self.detail.start_callback()
        return True

    def create_new(self) -> bool:
        """Ctrl+N on this page: ask for the report dialog."""
        self.new_incident_requested.emit()
        return True

    # -- remembered layout ---------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        """Restore splitters and column layout; False when nothing was saved yet."""
        restored = False
        splitter = settings.value(STATE_KEYS["splitter"])
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            restored = self.split.restore_state(splitter)
        targets = (
            (STATE_KEYS["header"], self.ui.incident_table.horizontalHeader()),
            (STATE_KEYS["detail_splitter"], self.detail.ui.work_splitter),
        )
        for key, target in targets:
            value = settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restored = target.restoreState(value) or restored
        return restored

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(STATE_KEYS["splitter"], self.split.save_state())
        settings.setValue(STATE_KEYS["header"], self.ui.incident_table.horizontalHeader().saveState())
        settings.setValue(STATE_KEYS["detail_splitter"], self.detail.ui.work_splitter.saveState())
