"""The voucher list: rows come a keyset page at a time from SQL, already filtered and sorted.

No proxy model: sorting by a header is a new ORDER BY (``services.voucher_views.SORTABLE``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.money import format_fen
from ...domain.vouchers import VoucherStatus
from ...services.vouchers import VoucherFilter, VoucherRow, VoucherService
from ..common import theme
from ..common.paged_model import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

# (sort key, header source text), translated in headerData().
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", str(QT_TRANSLATE_NOOP("VouchersPage", "券码"))),
    ("customer", str(QT_TRANSLATE_NOOP("VouchersPage", "客户"))),
    ("kind", str(QT_TRANSLATE_NOOP("VouchersPage", "类型"))),
    ("value", str(QT_TRANSLATE_NOOP("VouchersPage", "面值"))),
    ("per_use", str(QT_TRANSLATE_NOOP("VouchersPage", "每次"))),
    ("uses_left", str(QT_TRANSLATE_NOOP("VouchersPage", "剩余次数"))),
    ("balance", str(QT_TRANSLATE_NOOP("VouchersPage", "余额"))),
    ("valid_until", str(QT_TRANSLATE_NOOP("VouchersPage", "有效期至"))),
    ("status", str(QT_TRANSLATE_NOOP("VouchersPage", "状态"))),
    ("incident", str(QT_TRANSLATE_NOOP("VouchersPage", "来源"))),
)
DEFAULT_SORT_COLUMN = 7
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_MONEY_COLUMNS = frozenset({"value", "per_use", "uses_left", "balance"})
_CLOSED_COLOR = QColor(theme.INACTIVE)


def column_of(key: str) -> int:
    """The column sorted by ``key`` (the default column for an unknown key)."""
    return next((i for i, (k, _h) in enumerate(COLUMNS) if k == key), DEFAULT_SORT_COLUMN)


class VoucherTableModel(PagedTableModel[VoucherRow]):
    """Every voucher of the filter as a row; a few pages of them in memory (``PagedTableModel``)."""

    HEADERS = tuple(title for _key, title in COLUMNS)
    TR_CONTEXT = "VouchersPage"

    def __init__(self, vouchers: VoucherService, parent: Any = None) -> None:
        super().__init__(parent)
        self._vouchers = vouchers
        self._filter = VoucherFilter(sort="valid_until", descending=False)

    @property
    def current_filter(self) -> VoucherFilter:
        return self._filter

    def set_filter(self, flt: VoucherFilter) -> None:
        """Show the vouchers matching ``flt`` from the first row on."""
        self._filter = flt
        self._show_list(self._vouchers.listing(flt))

    def reload(self) -> None:
        """Read again after a change, keeping the filter and the view's position."""
        if self._list is None:
            self.set_filter(self._filter)
            return
        self._list = self._vouchers.listing(self._filter)  # 即将到期 counts from today
        self._reread()

    def voucher_id(self, row: int) -> int | None:
        return self.row_id(row)

    # -- Qt model interface -----------------------------------------------------------------------

    @staticmethod
    def _text(row: VoucherRow, key: str) -> str:
        if key == "code":
            return row.code
        if key == "customer":
            return row.customer_label
        if key == "kind":
            return row.kind.label
        if key == "value":
            return format_fen(row.value_fen)
        if key == "per_use":
            return format_fen(row.value_per_use_fen)
        if key == "uses_left":
            return str(row.uses_left)
        if key == "balance":
            return format_fen(row.balance_fen)
        if key == "valid_until":
            return f"{row.valid_until:%Y-%m-%d}"
        if key == "status":
            return row.status.label
        return row.incident_number

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.status != VoucherStatus.ACTIVE:
            return QBrush(_CLOSED_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "code":
            return row.usage_note
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new ORDER BY, not a re-arrangement in Python."""
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else COLUMNS[DEFAULT_SORT_COLUMN][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if self._list is None:  # not shown yet: the first reading will use this order
            self._filter = replace(self._filter, sort=key, descending=descending)
            return
        if key == self._filter.sort and descending == self._filter.descending:
            return
        self.set_filter(replace(self._filter, sort=key, descending=descending))
