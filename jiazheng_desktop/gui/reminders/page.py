"""The 提醒中心: every reminder still waiting for someone, grouped 逾期 / 今天 / 即将到来.

One sortable table of every active reminder up to a week ahead, read a keyset page at a time
(``ReminderTableModel``: 逾期 has no bound); the group column sorts by the wake-up time, which keeps
逾期 before 今天 before 即将到来 and, inside a group, the soonest first. The page only calls
``services.reminders``; after each action it reloads and keeps the selection near where it was (the
badge follows by the change notice).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.reminders import UPCOMING_DAYS, Kind, Snooze
from ...services import Services
from ...services.changes import ChangeKind
from ...services.reminder_views import CentreCounts
from ..common import messages, theme
from ..common.i18n import tr
from ..common.list_export import ListExportAction
from ..common.section import SectionPage
from .dismiss_dialog import DismissReminderDialog
from .table_model import COLUMNS, GROUP_TITLES, ID_ROLE, OVERDUE_COLOR, ReminderTableModel

__all__ = ["COLUMNS", "GROUP_TITLES", "ID_ROLE", "OVERDUE_COLOR", "ReminderCentrePage"]

HEADER_KEY = "reminders_page/header"
KIND_KEY = "reminders_page/kind"


class ReminderCentrePage(SectionPage):
    """``open_requested(reminder_id)``: take the user to what the reminder is about."""

    watches = frozenset({ChangeKind.REMINDER})

    open_requested = Signal(int)

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._counts = CentreCounts()
        self.dismiss_dialog: DismissReminderDialog | None = None

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary_label.setFont(font)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(tr("ReminderCentrePage", "全部"), None)
        for kind in Kind:
            self.kind_combo.addItem(kind.label, kind.value)
        kind_label = QLabel(tr("ReminderCentrePage", "类型(&K)："), self)
        kind_label.setBuddy(self.kind_combo)

        self.open_button = QPushButton(tr("ReminderCentrePage", "打开(&O)"), self)
        self.open_button.setToolTip(
            tr("ReminderCentrePage", "打开提醒所指的事件、合同或优惠券（回车或双击）")
        )
        self.snooze_button = QPushButton(tr("ReminderCentrePage", "稍后提醒(&L)"), self)
        self.snooze_button.setObjectName("snooze_button")
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_actions: dict[Snooze, QAction] = {}
        for option in Snooze:
            action = self.snooze_menu.addAction(option.label)
            action.triggered.connect(lambda _checked=False, o=option: self.snooze_selected(o))
            self.snooze_actions[option] = action
        self.snooze_button.setMenu(self.snooze_menu)
        self.done_button = QPushButton(tr("ReminderCentrePage", "完成(&D)"), self)
        self.done_button.setObjectName("done_button")
        self.done_button.setToolTip(tr("ReminderCentrePage", "已经处理好了（Ctrl+Enter）"))
        self.dismiss_button = QPushButton(tr("ReminderCentrePage", "忽略(&I)…"), self)
        self.dismiss_button.setObjectName("dismiss_button")
        self.dismiss_button.setToolTip(tr("ReminderCentrePage", "不处理这条提醒，并写下原因（Delete）"))

        self.model = ReminderTableModel(services.reminders, services.context.now().tzinfo, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((80, 100, 460, 190)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.empty_label = QLabel(tr("ReminderCentrePage", "没有待处理的提醒"), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(f"color: {theme.TEXT_MUTED}; padding: 24px;")

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(kind_label)
        top.addWidget(self.kind_combo)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.snooze_button, self.done_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

        self.open_button.clicked.connect(self.open_selected)
        self.done_button.clicked.connect(self.done_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.list_export = ListExportAction(
            self, services, settings, "reminders", beside=self.dismiss_button,
            request=lambda: partial(services.list_export.export_reminders, self.kind_combo.currentData()),
        )  # fmt: skip
        # activated covers Enter and the double-click.
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        for keys, owner, slot in (
            ("Ctrl+Return", self, self.done_selected),
            ("Ctrl+Enter", self, self.done_selected),
            ("Delete", self.table, self.dismiss_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), owner)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self._settings = settings
        self.restore_state(settings)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    # -- state -----------------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> bool:
        header = self.table.horizontalHeader()
        state = settings.value(HEADER_KEY)
        restored = isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state)
        if not restored:
            header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        kind = settings.value(KIND_KEY, "")
        index = self.kind_combo.findData(kind) if kind else 0
        self.kind_combo.setCurrentIndex(max(index, 0))
        return restored

    def save_state(self, settings: QSettings) -> None:
        """Remember column widths, order and sorting, and the kind shown."""
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        settings.setValue(KIND_KEY, self.kind_combo.currentData() or "")

    # -- list ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the reminders, keeping the selection (or the row where it was)."""
        self._fill()

    def _on_kind_changed(self, _index: int) -> None:
        if self.model.loaded:  # (restoring the saved kind at start-up reads nothing: showing the page does)
            self._fill(new_kind=True)

    def _fill(self, new_kind: bool = False) -> None:
        """Read the list again (the same kind: keeping the position; another kind: from the top)."""
        keep = self.current_reminder_id()
        keep_row = self._current_row()
        kind = self.kind_combo.currentData()
        try:
            self._counts = self._services.reminders.counts()
            if new_kind or not self.model.loaded or kind != self.model.kind:
                self.model.set_kind(kind)
            else:
                self.model.reload()
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        counts = self._counts
        self.summary_label.setText(
            tr(
                "ReminderCentrePage", "{overdue} 条逾期 · 今天 {today} 条 · 之后 {days} 天 {upcoming} 条"
            ).format(
                overdue=f"{counts.overdue:,}",
                today=f"{counts.today:,}",
                days=UPCOMING_DAYS,
                upcoming=f"{counts.upcoming:,}",
            )
        )
        total = counts.overdue + counts.today + counts.upcoming
        if total == 0:
            self.empty_label.setText(tr("ReminderCentrePage", "没有待处理的提醒"))
        else:
            self.empty_label.setText(tr("ReminderCentrePage", "这一类没有待处理的提醒"))
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)
        if not (keep is not None and self.select_reminder(keep)) and not empty:
            # The row where the selection was, or the first (so the keyboard can act at once).
            self.table.selectRow(min(keep_row or 0, self.model.rowCount() - 1))
        self._update_buttons()

    def rows_shown(self) -> list[tuple[str, int]]:
        """``(group label, reminder id)`` for each line, top to bottom (for tests and screen readers)."""
        return [
            (str(self.model.index(r, 0).data()), int(self.model.index(r, 0).data(ID_ROLE)))
            for r in range(self.model.rowCount())
        ]

    def _current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def current_reminder_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def show_item(self, item_id: int, intent: str = "") -> bool:
        return self.select_reminder(item_id)

    def select_reminder(self, reminder_id: int) -> bool:
        """Select and show ``reminder_id`` if it is in the list."""
        row = self.model.row_of(reminder_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self, *_args: object) -> None:
        selected = self.current_reminder_id() is not None
        for button in (self.open_button, self.snooze_button, self.done_button, self.dismiss_button):
            button.setEnabled(selected)

    # -- actions ---------------------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        reminder_id = index.data(ID_ROLE)
        if reminder_id is not None:
            self.open_requested.emit(int(reminder_id))

    def open_selected(self) -> None:
        reminder_id = self.current_reminder_id()
        if reminder_id is not None:
            self.open_requested.emit(reminder_id)

    def snooze_selected(self, option: Snooze) -> datetime | None:
        """Push the selected reminder back; returns when it comes back (None if nothing happened)."""
        reminder_id = self.current_reminder_id()
        if reminder_id is None:
            return None
        try:
            until = self._services.reminders.snooze(reminder_id, option)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self._after_action()
            return None
        self._after_action()
        return until

    def done_selected(self) -> bool:
        """Mark the selected reminder done; True when it was."""
        reminder_id = self.current_reminder_id()
        if reminder_id is None:
            return False
        try:
            self._services.reminders.done(reminder_id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self._after_action()
            return False
        self._after_action()
        return True

    def dismiss_selected(self) -> DismissReminderDialog | None:
        """Ask the reason in a small dialog (not blocking); the reminder goes when it is given."""
        reminder_id = self.current_reminder_id()
        if reminder_id is None:
            return None
        try:
            row = self._services.reminders.get(reminder_id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self._after_action()
            return None
        if self.dismiss_dialog is not None:
            self.dismiss_dialog.deleteLater()
        dialog = DismissReminderDialog(self._services, row, self)
        dialog.dismissed.connect(lambda _id: self._after_action())
        self.dismiss_dialog = dialog
        dialog.open()
        return dialog

    def _after_action(self) -> None:
        self.refresh()
        self.table.setFocus()
