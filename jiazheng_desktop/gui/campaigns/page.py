"""营销活动: the campaigns, each with its audience, message, voucher, progress and results.

A draft is changed in the campaign dialog; 开始活动 freezes its audience and, with a voucher, asks once
for the password of someone whose limit covers the whole budget; 逐个发送 opens the work-through;
导出名单 writes the recipients with their messages to an xlsx (the owner's password, as every export).
The festival reminder opens the campaign of its festival here (``show_topic``), made as a draft if none
exists yet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaigns import RESULT_DAYS_DEFAULT, progress_text
from ...domain.errors import DomainError
from ...domain.money import format_fen
from ...domain.staff import Role
from ...services import Services
from ...services.campaigns import CampaignState, CampaignView
from ...services.changes import ChangeKind
from ...services.context import Authorization
from ..common import messages
from ..common.background import BackgroundCall
from ..common.i18n import tr
from ..common.section import SectionPage
from .campaign_dialog import CampaignDialog
from .work_through import WorkThroughDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CampaignsPage(SectionPage):
    watches = frozenset({ChangeKind.CAMPAIGN, ChangeKind.VOUCHER, ChangeKind.SERVICE_RECORD})

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self.work_dialog: WorkThroughDialog | None = None
        self.starting: BackgroundCall | None = None
        """The start running off the GUI thread (None when none runs)."""
        self.campaign_list = QListWidget(self)
        self.campaign_list.setObjectName("campaign_list")
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("campaign_detail")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("title_label")
        self.title_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.new_button = QPushButton(tr("CampaignsPage", "新建活动(&N)"), self)
        self.new_button.setObjectName("new_button")
        self.edit_button = QPushButton(tr("CampaignsPage", "修改(&E)"), self)
        self.edit_button.setObjectName("edit_button")
        self.start_button = QPushButton(tr("CampaignsPage", "开始活动(&S)…"), self)
        self.start_button.setObjectName("start_button")
        self.work_button = QPushButton(tr("CampaignsPage", "逐个发送(&W)"), self)
        self.work_button.setObjectName("work_button")
        self.export_button = QPushButton(tr("CampaignsPage", "导出名单(&X)…"), self)
        self.export_button.setObjectName("export_button")
        self.close_button = QPushButton(tr("CampaignsPage", "结束活动"), self)
        self.close_button.setObjectName("close_campaign_button")
        self.delete_button = QPushButton(tr("CampaignsPage", "删除草稿"), self)
        self.delete_button.setObjectName("delete_button")
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.start_button, self.work_button, self.export_button,
                       self.close_button, self.delete_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title_label)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.detail, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.campaign_list, 1)
        splitter = QSplitter(self)
        splitter.setObjectName("campaign_splitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.new_button.clicked.connect(self.create_new)
        self.edit_button.clicked.connect(self.edit_current)
        self.start_button.clicked.connect(self.start_current)
        self.work_button.clicked.connect(self.work_through)
        self.export_button.clicked.connect(self.export_current)
        self.close_button.clicked.connect(self.close_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.campaign_list.currentItemChanged.connect(lambda *_a: self.show_current())
        self.campaign_list.itemActivated.connect(lambda _i: self._on_activated())
        self.refresh()

    # -- the page contract --------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_id()
        self.campaign_list.blockSignals(True)
        self.campaign_list.clear()
        for view in self._services.campaigns.all():
            item = QListWidgetItem(
                tr("CampaignsPage", "{name}\n{state}　{progress}").format(
                    name=view.name,
                    state=view.state_label,
                    progress=progress_text(view.counts) if view.started_at else view.purpose.label,
                )
            )
            item.setData(ID_ROLE, view.id)
            self.campaign_list.addItem(item)
            if view.id == keep:
                self.campaign_list.setCurrentItem(item)
        if self.campaign_list.currentItem() is None and self.campaign_list.count():
            self.campaign_list.setCurrentRow(0)
        self.campaign_list.blockSignals(False)
        self.show_current()

    def create_new(self, festival_key: str | None = None) -> bool:
        dialog = CampaignDialog(self._services, None, self, festival_key=festival_key or None)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.refresh()
            self.show_item(dialog.saved_id)
        return True

    def show_item(self, item_id: int, intent: str = "") -> bool:
        for row in range(self.campaign_list.count()):
            item = self.campaign_list.item(row)
            if item is not None and item.data(ID_ROLE) == item_id:
                self.campaign_list.setCurrentItem(item)
                self.show_current()
                return True
        self.refresh()
        for row in range(self.campaign_list.count()):
            item = self.campaign_list.item(row)
            if item is not None and item.data(ID_ROLE) == item_id:
                self.campaign_list.setCurrentItem(item)
                return True
        return False

    def show_topic(self, topic: str) -> bool:
        """``festival:<key>``: the campaign for that festival (a draft is made when there is none)."""
        if not topic.startswith("festival:"):
            return False
        try:
            campaign_id = self._services.campaigns.for_festival(topic.removeprefix("festival:"))
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return False
        self.refresh()
        return self.show_item(campaign_id)

    def save_state(self, settings: QSettings) -> None:
        splitter = self.findChild(QSplitter, "campaign_splitter")
        if splitter is not None:
            settings.setValue("campaigns/splitter", splitter.saveState())

    def restore_state(self, settings: QSettings) -> bool:
        state = settings.value("campaigns/splitter")
        splitter = self.findChild(QSplitter, "campaign_splitter")
        if state is None or splitter is None:
            return False
        return bool(splitter.restoreState(state))

    # -- the campaign shown -------------------------------------------------------------------

    def current_id(self) -> int | None:
        item = self.campaign_list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def current(self) -> CampaignView | None:
        campaign_id = self.current_id()
        if campaign_id is None:
            return None
        try:
            return self._services.campaigns.get(campaign_id)
        except DomainError:
            return None

    def show_current(self) -> None:
        view = self.current()
        state = view.state if view is not None else None
        self.edit_button.setEnabled(state == CampaignState.DRAFT)
        self.delete_button.setEnabled(state == CampaignState.DRAFT)
        self.start_button.setEnabled(state == CampaignState.DRAFT)
        self.work_button.setEnabled(state == CampaignState.RUNNING and view is not None and view.pending > 0)
        self.export_button.setEnabled(state in (CampaignState.RUNNING, CampaignState.CLOSED))
        self.close_button.setEnabled(state == CampaignState.RUNNING)
        if view is None:
            self.title_label.setText(tr("CampaignsPage", "还没有营销活动"))
            self.detail.setPlainText(
                tr("CampaignsPage", "点“新建活动”：选目的和对象，写好消息，需要时给每位客户发一张券。")
            )
            return
        self.title_label.setText(f"{view.name}（{view.state_label}）")
        self.detail.setPlainText(self._describe(view))

    def _describe(self, view: CampaignView) -> str:
        lines = [tr("CampaignsPage", "目的：{purpose}").format(purpose=view.purpose.label)]
        if view.festival_name:
            lines.append(
                tr("CampaignsPage", "节日：{name}（{day}）").format(
                    name=view.festival_name, day=f"{view.festival_on:%Y-%m-%d}" if view.festival_on else ""
                )
            )
        lines.append(
            tr("CampaignsPage", "对象：{who}（只含同意营销的客户）").format(who=view.audience.describe())
        )
        if view.voucher_kind is not None:
            lines.append(
                tr("CampaignsPage", "券：{kind}，每位 {uses} 次 × {value}，有效期至 {until}").format(
                    kind=view.voucher_kind.label,
                    uses=view.voucher_uses,
                    value=format_fen(view.voucher_value_fen),
                    until=f"{view.voucher_valid_until:%Y-%m-%d}" if view.voucher_valid_until else "",
                )
            )
            if view.approved_by_name:
                lines.append(tr("CampaignsPage", "批准人：{name}").format(name=view.approved_by_name))
        else:
            lines.append(tr("CampaignsPage", "券：不发券"))
        lines += ["", tr("CampaignsPage", "消息模板："), view.template, ""]
        if view.started_at is None:
            lines.append(tr("CampaignsPage", "还没开始：点“开始活动”确定名单（发券时一次批准全部预算）。"))
            return "\n".join(lines)
        results = self._services.campaigns.results(view.id, RESULT_DAYS_DEFAULT)
        lines.append(tr("CampaignsPage", "进度：{progress}").format(progress=progress_text(view.counts)))
        lines.append(
            tr(
                "CampaignsPage",
                "效果：已发送 {sent} 条；券已使用 {redeemed} / {issued} 张；发送后 {days} 天内预约服务 {booked} 位",
            ).format(
                sent=results.sent,
                redeemed=results.vouchers_redeemed,
                issued=results.vouchers_issued,
                days=results.days,
                booked=results.booked,
            )
        )
        return "\n".join(lines)

    # -- actions ------------------------------------------------------------------------------

    def _on_activated(self) -> None:
        view = self.current()
        if view is None:
            return
        if view.state == CampaignState.DRAFT:
            self.edit_current()
        elif view.state == CampaignState.RUNNING and view.pending:
            self.work_through()

    def edit_current(self) -> None:
        campaign_id = self.current_id()
        if campaign_id is None:
            return
        dialog = CampaignDialog(self._services, campaign_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def start_current(self) -> bool:
        """开始活动: the count and the budget first, then one password for the whole budget if needed."""
        campaign_id = self.current_id()
        if campaign_id is None:
            return False
        campaigns = self._services.campaigns
        busy = QProgressDialog(tr("CampaignsPage", "正在确定名单…"), "", 0, 0, self)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(300)
        try:
            preview, needs_password = campaigns.approver_for(campaign_id)
        except DomainError as exc:
            busy.close()
            messages.show_error(self, str(exc))
            return False
        busy.close()
        if not preview.count:
            messages.show_error(
                self,
                tr("CampaignsPage", "没有符合条件、并且同意接收营销信息的客户。请点“修改”放宽筛选条件。"),
            )
            return False
        question = tr("CampaignsPage", "开始后名单就确定了：共 {n} 位客户。").format(n=preview.count)
        if preview.budget_line:
            question += "\n" + tr("CampaignsPage", "每位客户发一张券，预算：{line}").format(
                line=preview.budget_line
            )
            if needs_password and preview.approver is not None:
                question += "\n" + tr("CampaignsPage", "需要{role}输入一次密码批准全部预算。").format(
                    role=preview.approver.label
                )
        if not messages.confirm(self, question, tr("CampaignsPage", "开始活动"), tr("CampaignsPage", "开始")):
            return False
        auth = None
        if needs_password and preview.approver is not None:
            from ..common.password_dialog import ask_authorization

            auth = ask_authorization(
                self,
                self._services,
                preview.approver,
                tr("CampaignsPage", "营销活动发券共 {total}").format(total=format_fen(preview.budget_fen)),
            )
            if auth is None:
                return False
        self._start_job(campaign_id, auth)
        return True

    def _start_job(self, campaign_id: int, auth: Authorization | None) -> None:
        """Start off the GUI thread: issuing a voucher for each of hundreds of customers takes seconds."""
        campaigns = self._services.campaigns
        progress = QProgressDialog(tr("CampaignsPage", "正在开始活动…"), "", 0, 100, self)
        progress.setWindowTitle(tr("CampaignsPage", "开始活动"))
        progress.setCancelButton(None)  # one transaction: all of it or nothing
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        self.start_progress = progress

        def started(_result: object) -> None:
            progress.close()
            self.starting = None
            self.refresh()

        def refused(error: DomainError) -> None:
            progress.close()
            self.starting = None
            messages.show_error(self, str(error))
            self.refresh()

        def moved(percent: int, step: str) -> None:
            progress.setLabelText(step)
            progress.setValue(max(0, min(99, percent)))

        self.starting = call = BackgroundCall(self, lambda report: campaigns.start(campaign_id, auth, report))
        call.progressed.connect(moved)
        call.succeeded.connect(started)
        call.refused.connect(refused)

    def work_through(self) -> WorkThroughDialog | None:
        campaign_id = self.current_id()
        if campaign_id is None:
            return None
        dialog = WorkThroughDialog(self._services, campaign_id, self)
        self.work_dialog = dialog
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def export_current(self) -> None:
        view = self.current()
        if view is None:
            return
        start = str(
            Path(str(self._settings.value("list_export/folder", "") or Path.home()))
            / f"{view.name}-名单.xlsx"
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("CampaignsPage", "导出活动名单"), start, tr("CampaignsPage", "Excel 文件 (*.xlsx)")
        )
        if not path:
            return
        target = Path(path if path.endswith(".xlsx") else path + ".xlsx")
        from ..common.list_export import ListExportJob, ask_authorization

        auth = ask_authorization(self, self._services, Role.OWNER, tr("CampaignsPage", "导出活动名单"))
        if auth is None:
            return
        self._settings.setValue("list_export/folder", str(target.parent))
        campaigns = self._services.campaigns
        self.export_job = ListExportJob(
            self, tr("CampaignsPage", "正在导出活动名单…"), lambda _p: campaigns.export(view.id, target, auth)
        )

    def close_current(self) -> None:
        view = self.current()
        if view is None:
            return
        if not messages.confirm(
            self,
            tr("CampaignsPage", "结束“{name}”？还有 {n} 位没有处理，结束后不能再逐个发送。").format(
                name=view.name, n=view.pending
            ),
            tr("CampaignsPage", "结束活动"),
            tr("CampaignsPage", "结束"),
        ):
            return
        try:
            self._services.campaigns.close(view.id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
        self.refresh()

    def delete_current(self) -> None:
        view = self.current()
        if view is None:
            return
        if not messages.confirm(self, tr("CampaignsPage", "删除草稿“{name}”？").format(name=view.name)):
            return
        try:
            self._services.campaigns.delete_draft(view.id)
        except DomainError as exc:
            messages.show_error(self, str(exc))
        self.refresh()
