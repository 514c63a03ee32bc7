"""设置 → 操作记录 (the owner's): who did what and when, filtered, paged as it scrolls, exported to Excel.

The rows come a keyset page at a time from ``services.audit_log`` (newest first) as the owner scrolls,
with a few pages in memory (``PagedTableModel``), so a log of hundreds of thousands of rows opens at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.staff import Role
from ...services import Services
from ...services.audit_log import AuditFilter, AuditRow
from ..common import messages
from ..common.background import BackgroundCall
from ..common.customer_picker import pick_customer
from ..common.i18n import tr
from ..common.paged_model import PagedTableModel
from ..common.password_dialog import ask_authorization

_Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("AuditLogTable", "时间")),
    str(QT_TRANSLATE_NOOP("AuditLogTable", "操作人")),
    str(QT_TRANSLATE_NOOP("AuditLogTable", "操作")),
    str(QT_TRANSLATE_NOOP("AuditLogTable", "对象")),
    str(QT_TRANSLATE_NOOP("AuditLogTable", "详情")),
)
ID_ROLE = Qt.ItemDataRole.UserRole
NO_DATE = QDate(2000, 1, 1)
"""The lowest date of the date fields, shown as 不限 (no limit)."""
EXPORT_FOLDER_KEY = "audit_log/export_folder"
HEADER_KEY = "audit_log/header"


class AuditLogModel(PagedTableModel[AuditRow]):
    """Every matching row of the log, newest first; a few keyset pages of them in memory."""

    HEADERS = COLUMNS
    TR_CONTEXT = "AuditLogTable"

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._filter = AuditFilter()

    @property
    def current_filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, flt: AuditFilter) -> None:
        self._filter = flt
        self._show_list(self._services.audit_log.listing(flt))

    def reload(self) -> None:
        self.set_filter(self._filter)

    def row(self, number: int) -> AuditRow:
        found = self.row_at(number)
        if found is None:
            raise IndexError(number)
        return found

    # -- Qt model interface -----------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return tr("AuditLogTable", "最新的在最上面")
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return f"{row.at:%Y-%m-%d %H:%M:%S}"
            if column == 1:
                return row.staff_name or tr("AuditLogTable", "（未登录）")
            if column == 2:
                return row.action
            if column == 3:
                return row.subject
            return row.detail
        if role == ID_ROLE:
            return row.id
        return None


class AuditLogTab(QWidget):
    """The owner reads and exports the audit log; it reads again each time it is shown."""

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._customer_id: int | None = None
        self.export_call: BackgroundCall | None = None

        self.staff_combo = QComboBox(self)
        self.staff_combo.setObjectName("staff_combo")
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("action_combo")
        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("customer_edit")
        self.customer_edit.setReadOnly(True)
        self.customer_edit.setPlaceholderText(tr("AuditLogTab", "全部客户"))
        self.customer_button = QPushButton(tr("AuditLogTab", "选择客户(&C)…"), self)
        self.clear_customer_button = QPushButton(tr("AuditLogTab", "不限客户"), self)
        self.date_from_edit = self._date_edit("date_from_edit")
        self.date_to_edit = self._date_edit("date_to_edit")
        self.reset_button = QPushButton(tr("AuditLogTab", "清除筛选"), self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.export_button = QPushButton(tr("AuditLogTab", "导出 Excel(&E)…"), self)
        self.export_button.setObjectName("export_button")

        self.model = AuditLogModel(services, self)
        self.table = QTableView(self)
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionsClickable(False)
        for column, width in enumerate((150, 90, 110, 200)):
            self.table.setColumnWidth(column, width)
        state = settings.value(HEADER_KEY)
        if state is not None:
            header.restoreState(state)

        first = QHBoxLayout()
        first.addWidget(QLabel(tr("AuditLogTab", "人员"), self))
        first.addWidget(self.staff_combo, 1)
        first.addWidget(QLabel(tr("AuditLogTab", "操作"), self))
        first.addWidget(self.action_combo, 1)
        first.addWidget(QLabel(tr("AuditLogTab", "日期"), self))
        first.addWidget(self.date_from_edit)
        first.addWidget(QLabel(tr("AuditLogTab", "至"), self))
        first.addWidget(self.date_to_edit)
        second = QHBoxLayout()
        second.addWidget(QLabel(tr("AuditLogTab", "客户"), self))
        second.addWidget(self.customer_edit, 1)
        second.addWidget(self.customer_button)
        second.addWidget(self.clear_customer_button)
        second.addWidget(self.reset_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._fill_choices()
        self.staff_combo.currentIndexChanged.connect(self.apply_filter)
        self.action_combo.currentIndexChanged.connect(self.apply_filter)
        self.date_from_edit.dateChanged.connect(self.apply_filter)
        self.date_to_edit.dateChanged.connect(self.apply_filter)
        self.customer_button.clicked.connect(self.choose_customer)
        self.clear_customer_button.clicked.connect(lambda: self.set_customer(None))
        self.reset_button.clicked.connect(self.reset_filters)
        self.export_button.clicked.connect(self.export)
        self._update_customer_buttons()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(tr("AuditLogTab", "不限"))
        edit.setDate(NO_DATE)
        return edit

    # -- filters ----------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The people and kinds of action to choose from, keeping what was chosen."""
        staff_id = self.staff_combo.currentData()
        action = self.action_combo.currentData()
        for combo in (self.staff_combo, self.action_combo):
            combo.blockSignals(True)
            combo.clear()
        self.staff_combo.addItem(tr("AuditLogTab", "全部人员"), None)
        for member in self._services.staff.list(include_inactive=True):
            label = (
                member.label
                if member.active
                else tr("AuditLogTab", "{label}（已停用）").format(label=member.label)
            )
            self.staff_combo.addItem(label, member.id)
        self.action_combo.addItem(tr("AuditLogTab", "全部操作"), "")
        for name in self._services.audit_log.actions():
            self.action_combo.addItem(name, name)
        self.staff_combo.setCurrentIndex(max(0, self.staff_combo.findData(staff_id)))
        self.action_combo.setCurrentIndex(max(0, self.action_combo.findData(action or "")))
        for combo in (self.staff_combo, self.action_combo):
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        def day(edit: QDateEdit) -> Any:
            chosen = edit.date()
            return None if chosen == NO_DATE else chosen.toPython()

        staff = self.staff_combo.currentData()
        return AuditFilter(
            staff_id=int(staff) if staff is not None else None,
            customer_id=self._customer_id,
            action=str(self.action_combo.currentData() or ""),
            date_from=day(self.date_from_edit),
            date_to=day(self.date_to_edit),
        )

    def apply_filter(self) -> None:
        """Read the log again with the filters as set."""
        try:
            self.model.set_filter(self.current_filter())
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(tr("AuditLogTab", "共 {count} 条操作记录").format(count=self.model.total))

    def choose_customer(self) -> None:
        chosen = pick_customer(self, self._services, title=tr("AuditLogTab", "只看这位客户的操作记录"))
        if chosen is not None:
            self.set_customer(chosen)

    def set_customer(self, customer_id: int | None) -> None:
        """Only the rows about ``customer_id`` and its complaints, vouchers… (None: every customer)."""
        self._customer_id = customer_id
        if customer_id is None:
            self.customer_edit.clear()
        else:
            try:
                label = self._services.customers.label(customer_id)
            except DomainError:
                label = tr("AuditLogTab", "客户 #{id}").format(id=customer_id)
            self.customer_edit.setText(label)
        self._update_customer_buttons()
        self.apply_filter()

    def _update_customer_buttons(self) -> None:
        self.clear_customer_button.setEnabled(self._customer_id is not None)

    def reset_filters(self) -> None:
        for widget in (self.staff_combo, self.action_combo, self.date_from_edit, self.date_to_edit):
            widget.blockSignals(True)
        self.staff_combo.setCurrentIndex(0)
        self.action_combo.setCurrentIndex(0)
        self.date_from_edit.setDate(NO_DATE)
        self.date_to_edit.setDate(NO_DATE)
        for widget in (self.staff_combo, self.action_combo, self.date_from_edit, self.date_to_edit):
            widget.blockSignals(False)
        self.set_customer(None)

    # -- reading again ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the people, the kinds of action and the rows again, keeping the filters."""
        self._fill_choices()
        self.apply_filter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: Any) -> None:
        self._settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        super().hideEvent(event)

    # -- export -----------------------------------------------------------------------------------

    def export(self) -> BackgroundCall | None:
        """Ask where, then the owner's password, then write the rows shown to an Excel file."""
        folder = str(self._settings.value(EXPORT_FOLDER_KEY, "") or "")
        today = self._services.context.now().date()
        suggested = (
            str(Path(folder) / f"操作记录-{today:%Y-%m-%d}.xlsx")
            if folder
            else f"操作记录-{today:%Y-%m-%d}.xlsx"
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("AuditLogTab", "导出操作记录"), suggested, tr("AuditLogTab", "Excel 工作簿 (*.xlsx)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        auth = ask_authorization(self, self._services, Role.OWNER, tr("AuditLogTab", "导出操作记录"))
        if auth is None:
            return None
        self._settings.setValue(EXPORT_FOLDER_KEY, str(target.parent))
        flt = self.model.current_filter
        log = self._services.audit_log
        self.export_button.setEnabled(False)
        self.export_button.setText(tr("AuditLogTab", "正在导出…"))
        call = BackgroundCall(self, lambda progress: log.export_xlsx(flt, target, auth, progress))
        call.progressed.connect(lambda _percent, step: self.count_label.setText(step))
        call.succeeded.connect(lambda count: self._exported(target, int(count)))
        call.refused.connect(self._export_refused)
        self.export_call = call
        return call

    def _export_done(self) -> None:
        self.export_button.setEnabled(True)
        self.export_button.setText(tr("AuditLogTab", "导出 Excel(&E)…"))
        self.refresh()  # the export is itself in the log

    def _exported(self, target: Path, count: int) -> None:
        self._export_done()
        messages.show_info(
            self,
            tr("AuditLogTab", "已导出 {count} 条操作记录。\n文件保存在：{path}").format(
                count=count, path=target
            ),
        )

    def _export_refused(self, error: DomainError) -> None:
        self._export_done()
        messages.show_error(self, str(error))
