"""The customer list: rows come a keyset page at a time from SQL, already filtered and sorted.

No proxy model: with 100,000 customers a QSortFilterProxyModel takes seconds to sort,
the database takes milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from ...domain.customers import CustomerType, VipTier
from ...domain.lifecycle import RiskBand, Stage, risk_band
from ...domain.paging import Page
from ...services.customers import CustomerFilter, CustomerRow, CustomerService
from ...services.paging import KeysetList
from ..common import theme
from ..common.i18n import tr
from ..common.paged_model import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

# (sort key, header): the headers are source texts, translated in headerData() (not at import,
# which runs before a translator is installed). QT_TRANSLATE_NOOP marks them for pyside6-lupdate;
# str() because PySide6 types its result as object.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("address_as", str(QT_TRANSLATE_NOOP("CustomerTable", "称呼"))),
    ("name", str(QT_TRANSLATE_NOOP("CustomerTable", "姓名"))),
    ("phones", str(QT_TRANSLATE_NOOP("CustomerTable", "电话"))),
    ("district", str(QT_TRANSLATE_NOOP("CustomerTable", "区"))),
    ("customer_type", str(QT_TRANSLATE_NOOP("CustomerTable", "类型"))),
    ("vip_tier", str(QT_TRANSLATE_NOOP("CustomerTable", "会员"))),
    ("last_service_at", str(QT_TRANSLATE_NOOP("CustomerTable", "最近服务"))),
    ("created_at", str(QT_TRANSLATE_NOOP("CustomerTable", "建档日期"))),
    ("lifecycle_stage", str(QT_TRANSLATE_NOOP("CustomerTable", "阶段"))),
    ("churn_risk", str(QT_TRANSLATE_NOOP("CustomerTable", "流失风险"))),
)
ID_ROLE = Qt.ItemDataRole.UserRole
_RISK_COLORS = {RiskBand.HIGH: theme.qcolor(theme.OVERDUE), RiskBand.MEDIUM: theme.qcolor(theme.NEAR)}


@dataclass(frozen=True)
class FilterRead:
    """A filter's list with its count and first page, read off the GUI thread."""

    filter: CustomerFilter
    listing: KeysetList[CustomerRow]
    total: int
    first: Page[CustomerRow] | None


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


class CustomerTableModel(PagedTableModel[CustomerRow]):
    """Every customer of the filter as a row; a few pages of them in memory (``PagedTableModel``)."""

    HEADERS = tuple(title for _key, title in COLUMNS)
    TR_CONTEXT = "CustomerTable"

    def __init__(self, customers: CustomerService, parent: Any = None) -> None:
        super().__init__(parent)
        self._customers = customers
        self._filter = CustomerFilter()

    # -- what is shown ----------------------------------------------------------------------------

    @property
    def current_filter(self) -> CustomerFilter:
        return self._filter

    def set_filter(self, flt: CustomerFilter) -> None:
        """Show the customers matching ``flt`` from the first row on."""
        self._filter = flt
        self._show_list(self._customers.listing(flt))

    def read_filter(self, flt: CustomerFilter) -> FilterRead:
        """What ``show_read`` needs for ``flt``: runs on a worker (the count and first page are read here)."""
        listing = self._customers.listing(flt)
        total, first = self.first_page(listing)
        return FilterRead(flt, listing, total, first)

    def show_read(self, read: FilterRead) -> None:
        """Show what ``read_filter`` read (on the GUI thread; later pages are read here as the view scrolls)."""
        self._filter = read.filter
        self._show_read(read.listing, read.total, read.first)

    def reload(self) -> None:
        """Read again after a change, keeping the filter and the view's position."""
        self._reread()

    def customer_id(self, row: int) -> int | None:
        return self.row_id(row)

    # -- Qt model interface -----------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "vip_tier":
                return VipTier(row.vip_tier).label
            if key == "customer_type":
                return CustomerType(row.customer_type).label
            if key == "phones":
                return row.phones.replace(",", tr("CustomerTable", "，"))
            if key in ("last_service_at", "created_at"):
                return _date(getattr(row, key))
            if key == "lifecycle_stage":
                return Stage(row.stage).label
            if key == "churn_risk":
                return str(row.risk)
            return getattr(row, key)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and key == "churn_risk":
            band = risk_band(row.risk)
            return _RISK_COLORS.get(band)
        if role == Qt.ItemDataRole.ToolTipRole and key == "phones":
            return row.phones.replace(",", "\n")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new ORDER BY, not a re-arrangement in Python."""
        key = COLUMNS[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._filter.sort and descending == self._filter.descending and self._list is not None:
            return
        self.set_filter(replace(self._filter, sort=key, descending=descending))  # the filters stay
