"""The renewals list: every contract due in the window, soonest first, a keyset page at a time.

The order is the service's (end_on, then id); the page has no other sort. ``PagedTableModel`` reads the
pages the view paints and keeps a few of them, so a long list scrolls to its last contract.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.money import format_fen
from ...services import Services
from ...services.contracts import RenewalRow
from ..common import theme
from ..common.paged_model import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    str(QT_TRANSLATE_NOOP("RenewalsPage", "客户")),
    str(QT_TRANSLATE_NOOP("RenewalsPage", "套餐")),
    str(QT_TRANSLATE_NOOP("RenewalsPage", "到期日")),
    str(QT_TRANSLATE_NOOP("RenewalsPage", "剩余")),
    str(QT_TRANSLATE_NOOP("RenewalsPage", "金额")),
    str(QT_TRANSLATE_NOOP("RenewalsPage", "最近跟进")),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENT_DAYS = 7
OVERDUE_COLOR = QColor(theme.OVERDUE)
URGENT_BACKGROUND = QColor(theme.NEAR_SOFT)


def _text(row: RenewalRow, column: int) -> str:
    if column == 0:
        return row.customer_label
    if column == 1:
        return row.package
    if column == 2:
        return f"{row.end_on:%Y-%m-%d}"
    if column == 3:
        return row.days_left_text
    if column == 4:
        return format_fen(row.price_fen)
    return row.last_text


class RenewalTableModel(PagedTableModel[RenewalRow]):
    """The contracts due within ``days`` as rows; a few pages of them in memory."""

    HEADERS = COLUMNS
    TR_CONTEXT = "RenewalsPage"

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._days: int | None = None

    @property
    def days(self) -> int | None:
        """The window shown (None before the first read)."""
        return self._days

    def set_days(self, days: int) -> None:
        """Show the contracts due within ``days`` from the first row on."""
        self._days = days
        self._show_list(self._services.contracts.renewals_listing(days))

    def reload(self) -> None:
        """Read again after a change (or a new day), keeping the window and the position."""
        if self._list is None or self._days is None:
            return
        self._list = self._services.contracts.renewals_listing(self._days)  # "today" may have moved on
        self._reread()

    def urgent_count(self) -> int:
        """How many of the rows end within ``URGENT_DAYS`` (run-out ones included)."""
        if self._days is None:
            return 0
        if self._days <= URGENT_DAYS:
            return self.total
        return self._services.contracts.renewals_listing(URGENT_DAYS).count()

    def contract_id(self, row: int) -> int | None:
        return self.row_id(row)

    # -- Qt model interface -----------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and row.days_left <= URGENT_DAYS:
            return QBrush(URGENT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.days_left < 0:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return row.last_text
        if role == ID_ROLE:
            return row.id
        return None
