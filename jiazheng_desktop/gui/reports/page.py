"""报表: the owner's month at a glance, and the printed monthly report with the same figures.

The figures come from one service (``services.monthly_report``) that the PDF uses too, so what is on
screen and what is printed never disagree. Both are made off the GUI thread.
"""

from __future__ import annotations

from functools import partial
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import report_charts
from ...domain.errors import DomainError, ValidationError
from ...domain.monthly_figures import (
    NO_DATA,
    Count,
    MonthlyFigures,
    add_months,
    hours_text,
    money_text,
    score_text,
)
from ...services import Services
from ..common import messages, theme
from ..common.background import BackgroundCall
from ..common.documents import DocumentJob, make_document, open_path
from ..common.i18n import tr
from ..common.list_export import ListExportAction
from ..common.section import Navigation, SectionPage
from .bar_chart import BarChartWidget, Orientation

MONTHS_OFFERED = 24
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _table(headers: list[str]) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, len(headers))
    model.setHorizontalHeaderLabels(headers)
    model.setSortRole(SORT_ROLE)  # counts sort as numbers, labels as text
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setColumnWidth(0, 260)
    return view, model


def _count_item(count: int) -> QStandardItem:
    item = QStandardItem(str(count))
    item.setData(count, SORT_ROLE)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ReportsPage(SectionPage):
    def __init__(
        self, services: Services, navigator: Navigation | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._navigator = navigator
        self.figures: MonthlyFigures | None = None
        self.job: DocumentJob | None = None
        self._asked: tuple[int, int] | None = None

        self.month_combo = QComboBox(self)
        self.month_combo.setObjectName("report_month_combo")
        now = services.context.now()
        for back in range(MONTHS_OFFERED):
            year, month = add_months(now.year, now.month, -back)
            label = tr("ReportsPage", "{year} 年 {month} 月").format(year=year, month=month)
            if back == 0:
                label += tr("ReportsPage", "（本月至今）")
            self.month_combo.addItem(label, (year, month))
        self.month_combo.setCurrentIndex(1)  # last month: the one the owner prints on the 1st
        self.month_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.pdf_button = QPushButton(tr("ReportsPage", "生成月度报告 PDF(&G)…"), self)
        self.pdf_button.setObjectName("pdf_button")
        theme.set_role(self.pdf_button, theme.PRIMARY)
        self.pdf_button.clicked.connect(self.make_pdf)
        self.checklist_button = QPushButton(tr("ReportsPage", "空白安全自查清单(&K)…"), self)
        self.checklist_button.setObjectName("checklist_button")
        self.checklist_button.clicked.connect(self._blank_checklist)
        self.folder_button = QPushButton(tr("ReportsPage", "打开文档文件夹(&F)"), self)
        self.folder_button.setObjectName("folder_button")
        self.folder_button.clicked.connect(self._open_folder)
        top = QHBoxLayout()
        month_label = QLabel(tr("ReportsPage", "月份(&M)："), self)
        month_label.setBuddy(self.month_combo)
        top.addWidget(month_label)
        top.addWidget(self.month_combo)
        top.addStretch(1)
        for button in (self.pdf_button, self.checklist_button, self.folder_button):
            top.addWidget(button)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("report_status_label")
        self.status_label.setWordWrap(True)
        self.key_box = QGroupBox(tr("ReportsPage", "本月要点"), self)
        self.key_grid = QGridLayout(self.key_box)
        self.key_labels: dict[str, QLabel] = {}
        # The month in pictures: the same chart data as the PDF's (domain.report_charts).
        self.category_chart = BarChartWidget(Orientation.HORIZONTAL, self)
        self.category_chart.setObjectName("category_chart")
        self.compensation_chart = BarChartWidget(Orientation.HORIZONTAL, self)
        self.compensation_chart.setObjectName("compensation_chart")
        self.trend_chart = BarChartWidget(Orientation.VERTICAL, self)
        self.trend_chart.setObjectName("trend_chart")
        charts = QHBoxLayout()
        for chart in (self.category_chart, self.compensation_chart, self.trend_chart):
            charts.addWidget(chart, 1)
        self.tabs = QTabWidget(self)
        headers = [tr("ReportsPage", "项目"), tr("ReportsPage", "件数")]
        self.tables: dict[str, QStandardItemModel] = {}
        self.views: dict[str, QTableView] = {}
        for key, title in (
            ("by_category", tr("ReportsPage", "投诉类别")),
            ("by_root_cause", tr("ReportsPage", "根本原因")),
            ("by_severity", tr("ReportsPage", "严重程度")),
            ("by_worker", tr("ReportsPage", "服务人员")),
            ("lost_reasons", tr("ReportsPage", "流失原因")),
        ):
            view, model = _table(headers)
            view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the largest first, as in the report
            self.tables[key] = model
            self.views[key] = view
            self.tabs.addTab(view, title)
        self.risk_view, self.risk_model = _table([tr("ReportsPage", "客户"), tr("ReportsPage", "原因")])
        self.risk_view.activated.connect(self._open_customer)
        self.tabs.addTab(self.risk_view, tr("ReportsPage", "风险客户"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.key_box)
        layout.addLayout(charts, 1)
        layout.addWidget(self.tabs, 1)
        self.list_export = ListExportAction(
            self, services, None, "report", beside=self.pdf_button, month=self.chosen_month,
            request=lambda: partial(services.list_export.export_report, *self.chosen_month()),
        )  # fmt: skip
        self._loaded = False

    # -- loading -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.load()

    def refresh(self) -> None:
        self.load()

    def chosen_month(self) -> tuple[int, int]:
        year, month = self.month_combo.currentData()
        return int(year), int(month)

    def load(self) -> None:
        """Compute the chosen month's figures off the GUI thread (a busy month takes a moment)."""
        year, month = self._asked = self.chosen_month()
        self.status_label.setText(
            tr("ReportsPage", "正在计算 {year} 年 {month} 月的数据…").format(year=year, month=month)
        )
        service = self._services.monthly_report
        call = BackgroundCall(self, lambda _progress: (year, month, service.figures(year, month)))
        call.succeeded.connect(self._on_figures)
        call.refused.connect(self._on_refused)

    def _on_refused(self, error: DomainError) -> None:
        self.status_label.setText(
            "；".join(error.fields.values()) if isinstance(error, ValidationError) else str(error)
        )

    def _on_figures(self, result: object) -> None:
        year, month, figures = cast("tuple[int, int, MonthlyFigures]", result)
        if (year, month) != self._asked:
            return  # another month was chosen meanwhile
        self.show_figures(figures)

    def show_figures(self, figures: MonthlyFigures) -> None:
        self.figures = figures
        self.status_label.setText(
            NO_DATA
            if figures.is_empty
            else tr("ReportsPage", "数据截至 {time}").format(time=f"{figures.made_at:%Y-%m-%d %H:%M}")
        )
        self._fill_key(figures)
        self.category_chart.set_chart(report_charts.complaints_by_category(figures))
        self.compensation_chart.set_chart(report_charts.compensation_and_revenue_kept(figures))
        self.trend_chart.set_chart(report_charts.complaint_trend(figures))
        for key, model in self.tables.items():
            self._fill_counts(model, getattr(figures, key))
            header = self.views[key].horizontalHeader()  # keep the order the user chose
            model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.risk_model.removeRows(0, self.risk_model.rowCount())
        for risk in figures.at_risk:
            name = QStandardItem(risk.label)
            name.setData(risk.customer_id, ID_ROLE)
            name.setData(risk.label, SORT_ROLE)
            reason = QStandardItem(risk.reason_text)
            reason.setData(risk.reason_text, SORT_ROLE)
            self.risk_model.appendRow([name, reason])

    def _fill_key(self, f: MonthlyFigures) -> None:
        rows: list[tuple[str, str]] = [
            (tr("ReportsPage", "新客户 / 活跃客户"), f"{f.new_customers} / {f.active_customers}"),
            (tr("ReportsPage", "服务收入"), money_text(f.revenue_fen)),
            (tr("ReportsPage", "投诉"), str(f.incidents_total)),
            (tr("ReportsPage", "期限内首次响应"), f.first_response.text),
            (tr("ReportsPage", "解决用时（中位数）"), hours_text(f.median_resolve_hours)),
            (tr("ReportsPage", "按时回访"), f.callbacks.text),
            (tr("ReportsPage", "平均满意度"), score_text(f.average_satisfaction)),
            (
                tr("ReportsPage", "满意度回访（次数 / 平均分）"),
                f"{f.surveys_total} / {score_text(f.average_survey_score)}",
            ),
            (
                tr("ReportsPage", "补偿发放 / 已使用"),
                f"{money_text(f.compensation_issued_fen)} / {money_text(f.compensation_redeemed_fen)}",
            ),
            (tr("ReportsPage", "挽回客户的收入"), money_text(f.revenue_kept_fen)),
            (
                tr("ReportsPage", "到期合同：续约 / 流失 / 未定"),
                f"{f.renewals_due}：{f.renewals_won} / {f.renewals_lost} / {f.renewals_open}",
            ),
            (tr("ReportsPage", "风险客户"), str(f.at_risk_total)),
            (
                tr("ReportsPage", "推荐佣金：产生 / 结算"),
                f"{money_text(f.commission_earned_fen)} / {money_text(f.commission_settled_fen)}",
            ),
            (tr("ReportsPage", "营销活动"), f.campaigns_text),
        ]
        for index, (name, value) in enumerate(rows):
            label = self.key_labels.get(name)
            if label is None:
                label = QLabel(self.key_box)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.key_labels[name] = label
                self.key_grid.addWidget(QLabel(name + "：", self.key_box), index // 2, (index % 2) * 2)
                self.key_grid.addWidget(label, index // 2, (index % 2) * 2 + 1)
            label.setText(value)

    @staticmethod
    def _fill_counts(model: QStandardItemModel, counts: tuple[Count, ...]) -> None:
        model.removeRows(0, model.rowCount())
        for count in counts:
            label = QStandardItem(count.label)
            label.setData(count.label, SORT_ROLE)
            model.appendRow([label, _count_item(count.count)])

    # -- actions -------------------------------------------------------------------------------------

    def make_pdf(self) -> DocumentJob:
        """The chosen month's report, made off the GUI thread with a progress dialog."""
        year, month = self.chosen_month()
        documents = self._services.documents
        self.job = make_document(
            self,
            tr("ReportsPage", "正在生成 {year} 年 {month} 月经营报告…").format(year=year, month=month),
            lambda progress: documents.monthly_report(year, month, progress),
            printed=documents.printed,
        )
        return self.job

    def _blank_checklist(self) -> None:
        from ..common.checklist_dialog import ChecklistDialog

        ChecklistDialog(self._services, None, None, self).open()

    def _open_folder(self) -> None:
        folder = self._services.documents_folder
        if folder is None:
            messages.show_error(self, tr("ReportsPage", "没有设置文档文件夹"))
            return
        folder.mkdir(parents=True, exist_ok=True)
        open_path(folder, self)

    def _open_customer(self, index: Any) -> None:
        customer_id = self.risk_model.item(index.row(), 0).data(ID_ROLE)
        if customer_id is not None and self._navigator is not None:
            self._navigator.open_customer(int(customer_id))
