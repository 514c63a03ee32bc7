"""The 工作台 (first section): what the front desk has to do today, one table per kind of work.

Each row opens its place through the Navigator (double-click or Enter). The page reads the
workbench when shown (after the window has painted) and every minute while it stays visible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QHideEvent, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import chinese_date
from ..domain.errors import DomainError
from ..domain.money import format_fen
from ..services import Services, read_in_background
from . import messages
from .i18n import tr

if TYPE_CHECKING:  # only: building the page must not load the complaint services
    from ..services.workbench import Workbench, WorkbenchService

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
REFRESH_INTERVAL_MS = 60_000
OVERDUE_COLOR = QColor("#c0392b")
WARNING_COLOR = QColor("#b9770e")
_WEEKDAYS = (
    QT_TRANSLATE_NOOP("HomePage", "星期一"),
    QT_TRANSLATE_NOOP("HomePage", "星期二"),
    QT_TRANSLATE_NOOP("HomePage", "星期三"),
    QT_TRANSLATE_NOOP("HomePage", "星期四"),
    QT_TRANSLATE_NOOP("HomePage", "星期五"),
    QT_TRANSLATE_NOOP("HomePage", "星期六"),
    QT_TRANSLATE_NOOP("HomePage", "星期日"),
)


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


class Section(QGroupBox):
    """A titled, sortable, read-only table with a count, or a friendly line when there is nothing."""

    def __init__(self, spec: SectionSpec, on_activate: Callable[[int], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"{spec.key}_section")
        self._on_activate = on_activate
        self.model = QStandardItemModel(0, len(spec.columns), self)
        self.model.setHorizontalHeaderLabels([tr("HomePage", title) for title in spec.columns])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName(f"{spec.key}_table")
        self.table.setModel(self.proxy)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a click
        self.table.setSortingEnabled(True)
        # activated covers Enter and the double-click (or the single click where the style says so).
        self.table.activated.connect(self._activated)
        self.empty_label = QLabel(tr("HomePage", spec.empty), self)
        self.empty_label.setObjectName(f"{spec.key}_empty")
        self.empty_label.setStyleSheet("color: #7f8c8d; padding: 6px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        self.set_rows([])

    def set_rows(self, rows: list[list[QStandardItem]], limit: int | None = None) -> None:
        """Show ``rows``; when there are ``limit`` of them the count reads "50+" (more not shown).

        The selected row stays selected (the minute refresh must not lose a keyboard user's place).
        """
        current = self.table.currentIndex()
        keep = current.siblingAtColumn(0).data(ID_ROLE) if current.isValid() else None
        self.model.removeRows(0, self.model.rowCount())
        for items in rows:
            self.model.appendRow(items)
        count = f"{len(rows)}+" if limit is not None and len(rows) >= limit else str(len(rows))
        self.setTitle(tr("HomePage", self.spec.title).format(count=count))
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


def _items(item_id: int, cells: list[tuple[str, Any]], color: QColor | None = None) -> list[QStandardItem]:
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


def _due_text(due: datetime, overdue: bool) -> str:
    moment = f"{due:%m-%d %H:%M}"
    return tr("HomePage", "已过时：{time}").format(time=moment) if overdue else moment


class HomePage(QWidget):
    """``workbench`` makes the service on first use (so building the page loads no complaint code)."""

    _first_read = Signal(object)  # the first Workbench (or the error), from the reading thread

    def __init__(
        self,
        services: Services,
        workbench: Callable[[], WorkbenchService],
        navigator: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._make_workbench = workbench
        self._workbench: WorkbenchService | None = None
        self._navigator = navigator
        self._loaded = False
        self.last: Workbench | None = None

        self.header_label = QLabel(self)
        self.header_label.setObjectName("home_header_label")
        self.header_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.refresh_button = QPushButton(tr("HomePage", "刷新"), self)
        self.refresh_button.setObjectName("home_refresh_button")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.header_label, 1)
        top.addWidget(self.refresh_button)

        open_for = {
            "callbacks": lambda i: navigator.open_callback(i),
            "deadlines": lambda i: navigator.open_incident(i),
            "renewals": lambda i: navigator.open_contract(i),
            "vouchers": lambda i: navigator.open_voucher(i),
            "new_incidents": lambda i: navigator.open_incident(i),
        }
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        self.sections: dict[str, Section] = {}
        for spec in SECTIONS:
            section = Section(spec, open_for[spec.key], body)
            self.sections[spec.key] = section
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.refresh_timer = QTimer(self, interval=REFRESH_INTERVAL_MS)
        self.refresh_timer.setObjectName("home_refresh_timer")
        self.refresh_timer.timeout.connect(self.refresh)
        self._first_read.connect(self._on_first_read)
        self.update_header()

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_timer.start()
        if not self._loaded:
            self._loaded = True
            self._load_in_background()

    def _load_in_background(self) -> None:
        """The first read (which also loads the complaint code) runs off the GUI thread."""
        make = self._make_workbench

        def read() -> Workbench:
            if self._workbench is None:
                self._workbench = make()
            return self._workbench.today()

        read_in_background(read, self._first_read.emit)

    def _on_first_read(self, result: object) -> None:
        if isinstance(result, DomainError):
            messages.show_error(self, str(result))
        elif isinstance(result, Exception):
            raise result  # a programming error: the excepthook reports it
        elif self.last is None:  # a refresh on the GUI thread may have come first
            bench = cast("Workbench", result)
            self.last = bench
            self.update_header(bench.today)
            self._fill(bench)

    def hideEvent(self, event: QHideEvent) -> None:
        self.refresh_timer.stop()
        super().hideEvent(event)

    def update_header(self, today: date | None = None) -> None:
        """Today's date in Chinese and who is on duty."""
        day = today or self._services.context.now().date()
        member_id = self._services.context.on_duty_id
        name = ""
        if member_id is not None:
            try:
                name = self._services.staff.get(member_id).name
            except DomainError:
                name = ""
        self.header_label.setText(
            tr("HomePage", "今天是 {date} {weekday}　值班：{name}").format(
                date=chinese_date(day),
                weekday=tr("HomePage", _WEEKDAYS[day.weekday()]),
                name=name or tr("HomePage", "无人"),
            )
        )

    def refresh(self) -> None:
        """Read the workbench again (others may call this after a change)."""
        self._loaded = True
        try:
            if self._workbench is None:
                self._workbench = self._make_workbench()
            bench = self._workbench.today()
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        self.last = bench
        self.update_header(bench.today)
        self._fill(bench)

    def _fill(self, bench: Workbench) -> None:
        s = self.sections
        s["callbacks"].set_rows(
            [
                _items(
                    c.incident_id,
                    [
                        (c.number, c.number),
                        (c.customer_label, c.customer_label),
                        (_due_text(c.due_at, c.overdue), c.due_at.isoformat()),
                        (c.call_windows, c.call_windows),
                    ],
                    OVERDUE_COLOR if c.overdue else None,
                )
                for c in bench.callbacks
            ],
            bench.limit,
        )
        s["deadlines"].set_rows(
            [
                _items(
                    d.incident_id,
                    [
                        (d.number, d.number),
                        (d.customer_label, d.customer_label),
                        (f"{d.deadline_label} {d.due:%m-%d %H:%M}", d.due.isoformat()),
                        (d.countdown, d.due.isoformat()),
                        (d.level_label, d.level_label),
                    ],
                    OVERDUE_COLOR if d.state == "overdue" else WARNING_COLOR,
                )
                for d in bench.deadlines
            ],
            bench.limit,
        )
        s["renewals"].set_rows(
            [
                _items(
                    r.contract_id,
                    [
                        (r.customer_label, r.customer_label),
                        (r.package, r.package),
                        (f"{r.end_on:%Y-%m-%d}", r.end_on.isoformat()),
                        (r.days_left_text, r.days_left),
                        (r.last_text, r.last_text),
                    ],
                    OVERDUE_COLOR if r.days_left < 0 else None,
                )
                for r in bench.renewals
            ],
            bench.limit,
        )
        s["vouchers"].set_rows(
            [
                _items(
                    v.id,
                    [
                        (v.code, v.code),
                        (v.customer_label, v.customer_label),
                        (format_fen(v.balance_fen), v.balance_fen),
                        (f"{v.valid_until:%Y-%m-%d}", v.valid_until.isoformat()),
                    ],
                )
                for v in bench.vouchers
            ],
            bench.limit,
        )
        s["new_incidents"].set_rows(
            [
                _items(
                    n.incident_id,
                    [
                        (n.number, n.number),
                        (n.customer_label, n.customer_label),
                        (n.category, n.category),
                        (n.severity_label, n.severity_label),
                        (f"{n.reported_at:%m-%d %H:%M}", n.reported_at.isoformat()),
                        (
                            tr("HomePage", "已响应") if n.responded else tr("HomePage", "未响应"),
                            int(n.responded),
                        ),
                    ],
                    None if n.responded else OVERDUE_COLOR,
                )
                for n in bench.new_incidents
            ],
            bench.limit,
        )
