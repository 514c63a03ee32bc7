"""The reminder centre's list: every active reminder a keyset page at a time, sorted by the database.

逾期 has no bound (reminders nobody acted on stay) and a busy day's renewals can be thousands, so
the list is read as the customer list is (``PagedTableModel``), not held whole in a proxy model.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.reminders import State
from ...services.reminder_views import ReminderRow
from ...services.reminders import ReminderService
from ..common import theme
from ..common.i18n import tr
from ..common.paged_model import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    str(QT_TRANSLATE_NOOP("ReminderCentrePage", "分组")),
    str(QT_TRANSLATE_NOOP("ReminderCentrePage", "类型")),
    str(QT_TRANSLATE_NOOP("ReminderCentrePage", "内容")),
    str(QT_TRANSLATE_NOOP("ReminderCentrePage", "时间")),
    str(QT_TRANSLATE_NOOP("ReminderCentrePage", "状态")),
)
SORT_KEYS = ("group", "kind", "title", "time", "state")
"""What each column sorts by (``services.reminder_views.CENTRE_SORTS``)."""
GROUP_TITLES = {
    "overdue": str(QT_TRANSLATE_NOOP("ReminderCentrePage", "逾期")),
    "today": str(QT_TRANSLATE_NOOP("ReminderCentrePage", "今天")),
    "upcoming": str(QT_TRANSLATE_NOOP("ReminderCentrePage", "即将到来")),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOR = QColor(theme.OVERDUE)


def time_text(row: ReminderRow, zone: tzinfo | None) -> str:
    """``11-26 09:00`` in the desk's zone, with ``（推迟到 …）`` when snoozed."""
    text = f"{row.due_at.astimezone(zone):%m-%d %H:%M}"
    if row.state == State.SNOOZED:
        text += tr("ReminderCentrePage", "（推迟到 {time}）").format(
            time=f"{row.wake_at.astimezone(zone):%m-%d %H:%M}"
        )
    return text


class ReminderTableModel(PagedTableModel[ReminderRow]):
    """The centre's reminders of one kind (or all) in one order; a few pages of them in memory."""

    HEADERS = COLUMNS
    TR_CONTEXT = "ReminderCentrePage"

    def __init__(self, reminders: ReminderService, zone: tzinfo | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._reminders = reminders
        self._zone = zone
        self._kind: str | None = None
        self._sort = "group"
        self._descending = False
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def loaded(self) -> bool:
        return self._list is not None

    def set_kind(self, kind: str | None) -> None:
        """Show the reminders of ``kind`` (None: every kind) from the first row on."""
        self._kind = kind
        self._show_list(self._reminders.listing(kind, self._sort, self._descending))

    def reload(self) -> None:
        """Read again after a change (and for the groups, which move with the clock), keeping the position."""
        if self._list is None:
            self.set_kind(self._kind)
            return
        self._list = self._reminders.listing(self._kind, self._sort, self._descending)
        self._reread()

    def reminder_id(self, row: int) -> int | None:
        return self.row_id(row)

    # -- Qt model interface -----------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return tr("ReminderCentrePage", GROUP_TITLES[row.group])
            if column == 1:
                return row.kind_label
            if column == 2:
                return row.title
            if column == 3:
                return time_text(row, self._zone)
            return row.state.label
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.group == "overdue":
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and row.state == State.RAISED:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return row.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new ORDER BY; before the page is first shown it only remembers the order."""
        key = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) else "group"
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending) and self._list is not None:
            return
        self._sort, self._descending = key, descending
        if self._list is not None:
            self.set_kind(self._kind)
