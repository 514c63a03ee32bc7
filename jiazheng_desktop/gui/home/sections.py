"""The 工作台's building blocks: what each of its six tables shows, and the table itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..common import theme
from ..common.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str  # with {count}
    empty: str
    columns: tuple[str, ...]


SECTIONS = (
    SectionSpec(
        "callbacks",
        str(QT_TRANSLATE_NOOP("HomePage", "今日回访（{count}）")),
        str(QT_TRANSLATE_NOOP("HomePage", "今天没有要回访的客户。")),
        tuple(str(QT_TRANSLATE_NOOP("HomePage", t)) for t in ("编号", "客户", "应回访", "可以打电话的时段")),
    ),
    SectionSpec(
        "deadlines",
        str(QT_TRANSLATE_NOOP("HomePage", "临近或超过期限的事件（{count}）")),
        str(QT_TRANSLATE_NOOP("HomePage", "今天没有临近或超过期限的事件。")),
        tuple(str(QT_TRANSLATE_NOOP("HomePage", t)) for t in ("编号", "客户", "期限", "剩余", "负责")),
    ),
    SectionSpec(
        "care",
        str(QT_TRANSLATE_NOOP("HomePage", "需要关心的客户（{count}）")),
        str(QT_TRANSLATE_NOOP("HomePage", "今天没有流失风险高的客户。")),
        tuple(str(QT_TRANSLATE_NOOP("HomePage", t)) for t in ("客户", "电话", "流失风险", "原因", "下一步")),
    ),
    SectionSpec(
        "renewals",
        str(QT_TRANSLATE_NOOP("HomePage", "本周到期的合同（{count}）")),
        str(QT_TRANSLATE_NOOP("HomePage", "今天没有 7 天内到期的合同。")),
        tuple(str(QT_TRANSLATE_NOOP("HomePage", t)) for t in ("客户", "套餐", "到期日", "剩余", "最近跟进")),
    ),
    SectionSpec(
        "vouchers",
        str(QT_TRANSLATE_NOOP("HomePage", "即将过期的优惠券（{count}）")),
        str(QT_TRANSLATE_NOOP("HomePage", "今天没有即将过期的优惠券。")),
        tuple(str(QT_TRANSLATE_NOOP("HomePage", t)) for t in ("券码", "客户", "余额", "有效期至")),
    ),
    SectionSpec(
        "new_incidents",
        str(QT_TRANSLATE_NOOP("HomePage", "新投诉（{count}）")),
        str(QT_TRANSLATE_NOOP("HomePage", "今天没有新投诉。")),
        tuple(
            str(QT_TRANSLATE_NOOP("HomePage", t))
            for t in ("编号", "客户", "类别", "严重程度", "登记时间", "响应")
        ),
    ),
)
CARE_LIMIT = 10
"""The 工作台 lists this many of the customers most at risk (the 客户 section has them all)."""


class Section(QGroupBox):
    """A titled, sortable, read-only table with a count, or a friendly line when there is nothing."""

    def __init__(self, spec: SectionSpec, on_activate: Callable[[int], object], parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"{spec.key}_section")
        self._on_activate = on_activate
        self.model = QStandardItemModel(0, len(spec.columns), self)
        self.model.setHorizontalHeaderLabels([tr("HomePage", title) for title in spec.columns])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._table: QTableView | None = None  # made with the first rows: start-up shows the empty line
        self.empty_label = QLabel(tr("HomePage", spec.empty), self)
        self.empty_label.setObjectName(f"{spec.key}_empty")
        self.empty_label.setStyleSheet(f"color: {theme.TEXT_MUTED}; padding: 6px;")
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.empty_label)
        self.set_rows([])

    @property
    def table(self) -> QTableView:
        """The rows' table, made the first time it is needed."""
        if self._table is None:
            table = self._table = QTableView(self)
            table.setObjectName(f"{self.spec.key}_table")
            table.setModel(self.proxy)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.verticalHeader().setVisible(False)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a click
            table.setSortingEnabled(True)
            # activated covers Enter and the double-click (or the single click where the style says so).
            table.activated.connect(self._activated)
            table.setVisible(self.model.rowCount() > 0)
            self._layout.insertWidget(0, table)
        return self._table

    def set_rows(self, rows: list[list[QStandardItem]], limit: int | None = None) -> None:
        """Show ``rows``; when there are ``limit`` of them the count reads "50+" (more not shown).

        The selected row stays selected (the minute refresh must not lose a keyboard user's place).
        """
        current = self._table.currentIndex() if self._table is not None else None
        keep = current.siblingAtColumn(0).data(ID_ROLE) if current is not None and current.isValid() else None
        self.model.removeRows(0, self.model.rowCount())
        for items in rows:
            self.model.appendRow(items)
        count = f"{len(rows)}+" if limit is not None and len(rows) >= limit else str(len(rows))
        self.setTitle(tr("HomePage", self.spec.title).format(count=count))
        if rows or self._table is not None:
            self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        if keep is not None:
            matches = self.proxy.match(self.proxy.index(0, 0), ID_ROLE, keep, 1, Qt.MatchFlag.MatchExactly)
            if matches:
                self.table.setCurrentIndex(matches[0])
        if rows:
            height = self.table.horizontalHeader().height() + 4
            height += sum(self.table.rowHeight(r) for r in range(min(len(rows), 6))) or 30 * min(len(rows), 6)
            self.table.setMinimumHeight(min(height, 220))

    def count(self) -> int:
        return self.model.rowCount()

    def ids(self) -> list[int]:
        """The ids of the rows, in the order shown."""
        return [int(self.proxy.index(row, 0).data(ID_ROLE)) for row in range(self.proxy.rowCount())]

    def activate_row(self, row: int) -> None:
        self._activated(self.proxy.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        value = index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None
        if value is not None:
            self._on_activate(int(value))


def row_items(item_id: int, cells: list[tuple[str, Any]], color: QColor | None = None) -> list[QStandardItem]:
    items = []
    for text, sort_value in cells:
        item = QStandardItem(text)
        item.setData(item_id, ID_ROLE)
        item.setData(sort_value, SORT_ROLE)
        item.setToolTip(text)
        if color is not None:
            item.setForeground(QBrush(color))
        items.append(item)
    return items
