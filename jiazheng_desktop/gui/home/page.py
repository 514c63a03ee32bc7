"""The 工作台 (first section): what the front desk has to do today, one table per kind of work.

Each row opens its place through the Navigator (double-click or Enter). The page reads the
workbench when shown (after the window has painted) and every minute while it stays visible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import chinese_date
from ...domain.errors import DomainError
from ...domain.money import format_fen
from ...services import Services
from ...services.changes import ChangeKind
from ..common import messages, theme
from ..common.background import BackgroundCall
from ..common.i18n import tr
from ..common.section import Navigation, SectionPage
from .sections import CARE_LIMIT, SECTIONS, Section, row_items

if TYPE_CHECKING:  # only: building the page must not load the complaint services
    from ...services.lifecycle import CareItem
    from ...services.workbench import Workbench, WorkbenchService

REFRESH_INTERVAL_MS = 60_000
CARE_REFRESH_MS = 10 * 60_000
"""需要关心的客户 is read again at most this often (it assesses many customers, on a worker), or at 刷新."""
FIRST_READ_LATEST_MS = 250
"""The first read waits for the first paint, but no longer than this."""
OVERDUE_COLOR = QColor(theme.OVERDUE)
WARNING_COLOR = QColor(theme.NEAR)
_WEEKDAYS = (
    QT_TRANSLATE_NOOP("HomePage", "星期一"),
    QT_TRANSLATE_NOOP("HomePage", "星期二"),
    QT_TRANSLATE_NOOP("HomePage", "星期三"),
    QT_TRANSLATE_NOOP("HomePage", "星期四"),
    QT_TRANSLATE_NOOP("HomePage", "星期五"),
    QT_TRANSLATE_NOOP("HomePage", "星期六"),
    QT_TRANSLATE_NOOP("HomePage", "星期日"),
)


def _due_text(due: datetime, overdue: bool) -> str:
    moment = f"{due:%m-%d %H:%M}"
    return tr("HomePage", "已过时：{time}").format(time=moment) if overdue else moment


class HomePage(SectionPage):
    """``workbench`` makes the service on first use (so building the page loads no complaint code)."""

    watches = frozenset(
        {
            ChangeKind.INCIDENT,
            ChangeKind.CONTRACT,
            ChangeKind.VOUCHER,
            ChangeKind.REMINDER,
            ChangeKind.CUSTOMER,
        }
    )

    def __init__(
        self,
        services: Services,
        workbench: Callable[[], WorkbenchService],
        navigator: Navigation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._make_workbench = workbench
        self._workbench: WorkbenchService | None = None
        self._navigator = navigator
        self._loaded = False
        self._first_read_pending = False
        self.last: Workbench | None = None
        self.care: list[CareItem] | None = None
        self._care_reading = False
        self._care_again = False
        self._care_timer = QTimer(self, singleShot=True, interval=CARE_REFRESH_MS)

        self.header_label = QLabel(self)
        self.header_label.setObjectName("home_header_label")
        self.header_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.refresh_button = QPushButton(tr("HomePage", "刷新"), self)
        self.refresh_button.setObjectName("home_refresh_button")
        self.refresh_button.clicked.connect(lambda: self.refresh(care=True))
        self.inquiry_button = QPushButton(tr("HomePage", "记录咨询（Ctrl+Shift+N）"), self)
        self.inquiry_button.setObjectName("home_inquiry_button")
        self.inquiry_button.clicked.connect(navigator.record_inquiry)
        top = QHBoxLayout()
        top.addWidget(self.header_label, 1)
        top.addWidget(self.inquiry_button)
        top.addWidget(self.refresh_button)

        open_for = {
            "callbacks": navigator.open_callback,
            "deadlines": navigator.open_incident,
            "renewals": navigator.open_contract,
            "vouchers": navigator.open_voucher,
            "new_incidents": navigator.open_incident,
            "care": navigator.open_customer,
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
        self.update_header()

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_timer.start()
        if not self._loaded and not self._first_read_pending:
            # The first read starts once the page has been painted (the window comes up first, then
            # its lists), or after FIRST_READ_LATEST_MS if it is not painted (started in the tray).
            self._first_read_pending = True
            QTimer.singleShot(FIRST_READ_LATEST_MS, self, self._start_first_read)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._first_read_pending:
            QTimer.singleShot(0, self, self._start_first_read)

    def _start_first_read(self) -> None:
        if self._first_read_pending and not self._loaded:
            self._first_read_pending = False
            self._loaded = True
            self._load_in_background()

    def _read_care(self) -> None:
        """需要关心的客户, assessed on a worker (a few hundred ms on 100,000 customers)."""
        if self._care_reading:
            self._care_again = True  # asked again meanwhile: read once more when this one is back
            return
        self._care_reading = True
        self._care_again = False
        self._care_timer.start()
        services = self._services
        call = BackgroundCall(self, lambda _progress: services.lifecycle.needing_care(CARE_LIMIT))
        call.succeeded.connect(self._show_care)
        call.refused.connect(self._care_failed)

    def _show_care(self, result: object) -> None:
        self._care_reading = False
        if self._care_again:
            self._read_care()
        self.care = cast("list[CareItem]", result)
        self.sections["care"].set_rows(
            [
                row_items(
                    item.customer_id,
                    [
                        (item.label, item.label),
                        (item.phone, item.phone),
                        (f"{item.assessment.risk} 分（{item.assessment.band.label}）", item.assessment.risk),
                        (item.assessment.risk_text, item.assessment.risk_text),
                        (item.assessment.next_action, item.assessment.next_action),
                    ],
                    OVERDUE_COLOR if item.assessment.risk >= 60 else None,
                )
                for item in self.care
            ]
        )

    def _care_failed(self, error: object) -> None:
        self._care_reading = False
        self.sections["care"].set_rows([])
        messages.show_error(self, str(error))

    def _load_in_background(self) -> None:
        """The first read (which also loads the complaint code) runs off the GUI thread."""
        make = self._make_workbench

        def read() -> Workbench:
            if self._workbench is None:
                self._workbench = make()
            return self._workbench.today()

        call = BackgroundCall(self, lambda _progress: read())
        call.succeeded.connect(self._on_first_read)
        call.refused.connect(lambda error: messages.show_error(self, str(error)))
        self._read_care()

    def _on_first_read(self, result: object) -> None:
        if self.last is None:  # a refresh on the GUI thread may have come first
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
                weekday=tr("HomePage", str(_WEEKDAYS[day.weekday()])),
                name=name or tr("HomePage", "无人"),
            )
        )

    def refresh(self, *, care: bool = False) -> None:
        """Read the workbench again (others may call this after a change); 需要关心的客户 too when
        ``care`` (the 刷新 button) or when it was last read ``CARE_REFRESH_MS`` ago."""
        self._loaded = True
        if care or not self._care_timer.isActive():
            self._read_care()
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
                row_items(
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
                row_items(
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
                row_items(
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
                row_items(
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
                row_items(
                    n.incident_id,
                    [
                        (n.number, n.number),
                        (n.customer_label, n.customer_label),
                        (n.category.label, n.category.label),
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
