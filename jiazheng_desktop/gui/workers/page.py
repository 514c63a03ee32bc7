"""The workers section: every 阿姨/师傅 in a sortable, filterable table."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from ...domain.errors import DomainError
from ...domain.imports import ImportKind
from ...domain.phones import phone_digits
from ...domain.search_keys import classify_query, name_sort_key, pinyin_keys
from ...services import Services
from ...services.changes import ChangeKind
from ...services.workers import WorkerRow
from ..common import messages, theme
from ..common.i18n import tr
from ..common.import_dialog import import_button
from ..common.list_export import ListExportAction
from ..common.section import SectionPage
from ..forms.ui_workers_page import Ui_WorkersPage
from .worker_dialog import WorkerDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

# Source texts, translated where shown, not at import (QT_TRANSLATE_NOOP marks them for
# pyside6-lupdate; str() because PySide6 types its result as object).
COLUMNS = (
    str(QT_TRANSLATE_NOOP("WorkersPage", "姓名")),
    str(QT_TRANSLATE_NOOP("WorkersPage", "电话")),
    str(QT_TRANSLATE_NOOP("WorkersPage", "技能")),
    str(QT_TRANSLATE_NOOP("WorkersPage", "背景调查日期")),
    str(QT_TRANSLATE_NOOP("WorkersPage", "状态")),
)
HEADER_KEY = "workers_page/header"
_INACTIVE_COLOR = QColor(theme.INACTIVE)


def _row_items(worker: WorkerRow) -> list[QStandardItem]:
    checked = worker.background_check_on
    status = tr("WorkersPage", "在职") if worker.active else tr("WorkersPage", "停用")
    name_key = name_sort_key(worker.name)
    cells = [
        (worker.name, name_key),
        (worker.phone, phone_digits(worker.phone)),
        (worker.skills, worker.skills),
        # Missing checks sort before the oldest one: both are the ones to chase.
        (
            checked.isoformat() if checked else tr("WorkersPage", "未做"),
            checked.isoformat() if checked else "",
        ),
        # Active first, then by name, whichever way the column is sorted.
        (status, f"{0 if worker.active else 1}\t{name_key}"),
    ]
    items = []
    for text, sort_key in cells:
        item = QStandardItem(text)
        item.setData(sort_key, SORT_ROLE)
        item.setData(worker.id, ID_ROLE)
        if not worker.active:
            item.setForeground(QBrush(_INACTIVE_COLOR))
        items.append(item)
    if checked is None:
        items[3].setToolTip(tr("WorkersPage", "还没有做背景调查"))
    items[0].setData(
        " ".join(
            (
                worker.name,
                worker.phone,
                phone_digits(worker.phone),
                worker.skills,
                status,
                pinyin_keys(worker.name),
            )
        ).lower(),
        FILTER_ROLE,
    )
    return items


class WorkersPage(SectionPage):
    """A short list (an agency has tens of workers), so the proxy model sorts and filters in memory."""

    watches = frozenset({ChangeKind.WORKER})

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WorkersPage()
        self.ui.setupUi(self)
        self._services = services
        ui = self.ui
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([tr("WorkersPage", title) for title in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        ui.worker_table.setModel(self.proxy)
        header = ui.worker_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        ui.worker_table.verticalHeader().setVisible(False)
        for column, width in enumerate((100, 130, 320, 110, 60)):
            ui.worker_table.setColumnWidth(column, width)

        ui.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        ui.active_only_check.toggled.connect(lambda _checked: self.refresh())
        ui.new_button.clicked.connect(self._on_new_button_clicked)
        self.import_button = import_button(self, services, ImportKind.WORKERS)
        ui.filter_layout.insertWidget(ui.filter_layout.indexOf(ui.new_button), self.import_button)
        theme.set_role(ui.new_button, theme.PRIMARY)
        ui.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.list_export = ListExportAction(
            self, services, settings, "workers", beside=ui.edit_button,
            request=lambda: partial(
                services.list_export.export_workers, ui.filter_edit.text(),
                active_only=ui.active_only_check.isChecked(),
            ),
        )  # fmt: skip
        # activated covers Enter and, on Windows, the double-click.
        ui.worker_table.activated.connect(self._on_worker_table_activated)
        ui.worker_table.selectionModel().selectionChanged.connect(self._update_buttons)

        if not self.restore_state(settings):
            header.setSortIndicator(COLUMNS.index("状态"), Qt.SortOrder.AscendingOrder)
        ui.worker_table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._loaded = False  # filled when first shown: start-up need not wait for this page

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    # -- state -----------------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        state = settings.value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.ui.worker_table.horizontalHeader().restoreState(state)
        return False

    def save_state(self, settings: QSettings) -> None:
        """Remember column widths, order and sorting."""
        settings.setValue(HEADER_KEY, self.ui.worker_table.horizontalHeader().saveState())

    # -- list -----------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Reload from the database, keeping the filter, the sorting and the selected worker."""
        self._loaded = True
        keep = select_id if select_id is not None else self.current_worker_id()
        include_inactive = not self.ui.active_only_check.isChecked()
        workers = self._services.workers.list(include_inactive=include_inactive)
        self.model.removeRows(0, self.model.rowCount())
        for worker in workers:
            self.model.appendRow(_row_items(worker))
        active = sum(1 for w in workers if w.active)
        if include_inactive and active != len(workers):
            self.ui.count_label.setText(
                tr("WorkersPage", "共 {count} 人，在职 {active} 人").format(count=len(workers), active=active)
            )
        else:
            self.ui.count_label.setText(tr("WorkersPage", "共 {count} 人").format(count=len(workers)))
        if keep is not None:
            self.select_worker(keep)
        self._update_buttons()

    def current_worker_id(self) -> int | None:
        """The selected worker, or None."""
        rows = self.ui.worker_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def select_worker(self, worker_id: int) -> bool:
        """Select and show ``worker_id`` if it is in the (filtered) list."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == worker_id:
                self.ui.worker_table.selectRow(row)
                self.ui.worker_table.scrollTo(index)
                return True
        return False

    def _on_filter_edit_text_changed(self, text: str) -> None:
        kind, needle = classify_query(text)
        # classify_query drops spaces and dashes from a typed phone; the filter key holds the bare digits.
        self.proxy.setFilterFixedString(needle.lower() if kind != "empty" else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.ui.edit_button.setEnabled(self.current_worker_id() is not None)

    # -- editing ----------------------------------------------------------------------------------

    def show_item(self, item_id: int, intent: str = "") -> bool:
        self.refresh(select_id=item_id)
        return self.current_worker_id() == item_id

    def create_new(self) -> bool:
        """Ctrl+N on this page."""
        self.edit_worker(None)
        return True

    def _on_new_button_clicked(self) -> None:
        self.edit_worker(None)

    def _on_edit_button_clicked(self) -> None:
        worker_id = self.current_worker_id()
        if worker_id is not None:
            self.edit_worker(worker_id)

    def _on_worker_table_activated(self, index: QModelIndex) -> None:
        worker_id = index.data(ID_ROLE)
        if worker_id is not None:
            self.edit_worker(int(worker_id))

    def edit_worker(self, worker_id: int | None) -> None:
        """Open the worker dialog (None: a new worker); reload and select the worker after Save."""
        try:
            dialog = WorkerDialog(self._services, worker_id, self)
        except DomainError as exc:  # removed meanwhile
            messages.show_error(self, str(exc))
            self.refresh()
            return
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.worker_id is None:
            return
        self.refresh(select_id=dialog.worker_id)
        if self.current_worker_id() != dialog.worker_id and self.ui.filter_edit.text():
            self.ui.filter_edit.clear()  # the saved worker no longer matches: show it, do not hide it
            self.select_worker(dialog.worker_id)
