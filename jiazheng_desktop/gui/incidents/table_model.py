"""The incident list: filtered, sorted and paged by the database, coloured by how close the next deadline is.

No proxy model: sorting is a new ORDER BY; rows come a keyset page at a time (``PagedTableModel``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.deadlines import DeadlinePolicy, deadline_state, deadlines_for
from ...domain.incidents import Status
from ...services import Services
from ...services.incident_lists import IncidentFilter
from ...services.incident_views import IncidentRow
from ..common import theme
from ..common.i18n import tr
from ..common.paged_model import PagedTableModel
from .times import full_time

_Index = QModelIndex | QPersistentModelIndex

# (key, header source text); the key is also the sort key unless listed in UNSORTABLE.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", str(QT_TRANSLATE_NOOP("IncidentTable", "编号"))),
    ("customer", str(QT_TRANSLATE_NOOP("IncidentTable", "客户"))),
    ("category", str(QT_TRANSLATE_NOOP("IncidentTable", "类别"))),
    ("severity", str(QT_TRANSLATE_NOOP("IncidentTable", "严重程度"))),
    ("status", str(QT_TRANSLATE_NOOP("IncidentTable", "状态"))),
    ("step", str(QT_TRANSLATE_NOOP("IncidentTable", "当前步骤"))),
    ("level", str(QT_TRANSLATE_NOOP("IncidentTable", "级别"))),
    ("owner", str(QT_TRANSLATE_NOOP("IncidentTable", "负责人"))),
    ("worker", str(QT_TRANSLATE_NOOP("IncidentTable", "服务人员"))),
    ("reported_at", str(QT_TRANSLATE_NOOP("IncidentTable", "登记时间"))),
    ("next_due", str(QT_TRANSLATE_NOOP("IncidentTable", "下一期限"))),
)
UNSORTABLE = frozenset({"next_due"})
"""Columns the database cannot order by (the next deadline is computed in Python)."""
DEFAULT_SORT_COLUMN = 9
ID_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLORS = {"overdue": QColor(theme.OVERDUE), "warning": QColor(theme.NEAR)}


def sort_column(key: str) -> int:
    """The column sorted by ``key`` (the default column for an unknown key)."""
    return next((i for i, (k, _h) in enumerate(COLUMNS) if k == key), DEFAULT_SORT_COLUMN)


def row_state(row: IncidentRow, now: datetime, policy: DeadlinePolicy) -> str:
    """``overdue`` / ``warning`` / ``ok`` for the row's next deadline; a callback due counts as a warning."""
    if row.next_due is None:
        return "ok"
    if row.status == Status.OPEN:
        for deadline in deadlines_for(row.reported_at, policy):
            if deadline.due == row.next_due:
                return deadline_state(deadline, now)
        return "overdue" if now > row.next_due else "ok"
    if row.status == Status.RESOLVED and now >= row.next_due:
        return "warning"
    return "ok"


class IncidentTableModel(PagedTableModel[IncidentRow]):
    """Every incident of the filter as a row; a few pages of them in memory (``PagedTableModel``)."""

    HEADERS = tuple(title for _key, title in COLUMNS)
    TR_CONTEXT = "IncidentTable"

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._filter = IncidentFilter()
        self._zone: tzinfo | None = None
        self._now: datetime | None = None
        self._policy: DeadlinePolicy | None = None

    # -- what is shown ----------------------------------------------------------------------------

    @property
    def current_filter(self) -> IncidentFilter:
        return self._filter

    def set_filter(self, flt: IncidentFilter) -> None:
        """Show the incidents matching ``flt``, sorted as it says, from the first row on."""
        self._filter = flt
        self._show_list(self._services.incident_lists.listing(flt))

    def reload(self) -> None:
        """Read again (after a change, or for fresh countdowns), keeping the filter and the position."""
        if self._list is None:
            self.set_filter(self._filter)
            return
        # A new listing: the countdowns and the 已超期 view are relative to now.
        self._list = self._services.incident_lists.listing(self._filter)
        self._reread()

    def _pages_loaded(self) -> None:
        now = self._services.context.now()
        self._now, self._zone = now, now.tzinfo
        self._policy = self._services.incident_rules.policy()

    def incident_id(self, row: int) -> int | None:
        return self.row_id(row)

    def state(self, row: int) -> str:
        """``overdue`` / ``warning`` / ``ok`` for the incident shown at ``row``."""
        incident = self.row_at(row)
        if incident is None or self._now is None or self._policy is None:
            return "ok"
        return row_state(incident, self._now, self._policy)

    # -- Qt model interface -----------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        tooltip = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
        if tooltip and COLUMNS[section][0] in UNSORTABLE:
            return tr("IncidentTable", "这一列不能排序")
        return super().headerData(section, orientation, role)

    def _text(self, row: IncidentRow, column: int) -> str:
        key = COLUMNS[column][0]
        if key == "number":
            return row.number
        if key == "customer":
            return row.customer_label
        if key == "category":
            return row.category.label
        if key == "severity":
            return row.severity.label
        if key == "status":
            return row.status.label
        if key == "step":
            return row.current_step.label if row.current_step is not None else "—"
        if key == "level":
            return row.level.label
        if key == "worker":
            return row.worker_name or "—"
        if key == "reported_at":
            return full_time(row.reported_at, self._zone)
        if key == "owner":
            return row.owner_name or "—"
        return row.next_due_label

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            color = STATE_COLORS.get(self.state(index.row()))
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()][0] == "next_due" and row.next_due:
            return tr("IncidentTable", "期限：{due}").format(due=full_time(row.next_due, self._zone))
        if role == ID_ROLE:
            return row.id
        if role == STATE_ROLE:
            return self.state(index.row())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new ORDER BY; columns the database cannot sort by are left alone."""
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "next_due"
        if key in UNSORTABLE:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._filter.sort and descending == self._filter.descending and self._list is not None:
            return
        self.set_filter(replace(self._filter, sort=key, descending=descending))
