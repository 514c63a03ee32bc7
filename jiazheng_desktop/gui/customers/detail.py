"""One customer: the profile, their consents and the timeline."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QListWidgetItem, QMenu, QSizePolicy, QVBoxLayout, QWidget

from ...domain.customers import ContactChannel, CustomerType
from ...domain.errors import DomainError, NotFoundError
from ...domain.money import format_fen
from ...domain.privacy import ConsentState
from ...services import Services
from ...services.customers import CustomerView
from ..common import messages, theme
from ..common.i18n import tr
from ..forms.ui_customer_detail import Ui_CustomerDetail
from .consents_box import ConsentsBox
from .lifecycle_card import LifecycleCard
from .points_box import PointsBox
from .referral_box import ReferralBox

if TYPE_CHECKING:
    from ..common.consent_dialog import ConsentDialog
    from ..common.script_panel import ScriptPanel


def _timeline_tag(kind: str) -> str:
    """The tag in front of a timeline entry (translated when shown, not at import)."""
    if kind == "service":
        return tr("CustomerDetail", "【服务】")
    if kind == "customer":
        return tr("CustomerDetail", "【建档】")
    if kind == "incident":
        return tr("CustomerDetail", "【投诉】")
    if kind == "callback":
        return tr("CustomerDetail", "【回访】")
    if kind in ("voucher_issued", "voucher_redeemed"):
        return tr("CustomerDetail", "【优惠券】")
    if kind == "contract":
        return tr("CustomerDetail", "【合同】")
    if kind == "inquiry":
        return tr("CustomerDetail", "【咨询】")
    if kind == "survey":
        return tr("CustomerDetail", "【满意度回访】")
    if kind == "commission":
        return tr("CustomerDetail", "【佣金】")
    if kind == "campaign":
        return tr("CustomerDetail", "【营销】")
    return ""


def _full_address(district: str, address: str) -> str:
    if address.startswith(district):
        return address or "—"
    return f"{district} {address}".strip()


def profile_html(view: CustomerView) -> str:
    """The profile as a small table (rich text)."""
    rows = [
        (tr("CustomerDetail", "姓名"), view.name),
        (tr("CustomerDetail", "电话"), tr("CustomerDetail", "，").join(view.phones)),
        (tr("CustomerDetail", "地址"), _full_address(view.district, view.address)),
        (tr("CustomerDetail", "客户类型"), CustomerType(view.customer_type).label),
        (
            tr("CustomerDetail", "联系方式"),
            tr("CustomerDetail", "{channel}，{start:%H:%M}–{end:%H:%M}").format(
                channel=ContactChannel(view.contact_channel).label,
                start=view.contact_start,
                end=view.contact_end,
            ),
        ),
        (tr("CustomerDetail", "推荐人"), view.referrer_label or "—"),
        (
            tr("CustomerDetail", "服务次数"),
            tr("CustomerDetail", "{count} 次，共 {amount}").format(
                count=view.service_count, amount=format_fen(view.total_spent_fen)
            ),
        ),
        (
            tr("CustomerDetail", "最近服务"),
            view.last_service_at.strftime("%Y-%m-%d")
            if view.last_service_at
            else tr("CustomerDetail", "还没有"),
        ),
        (tr("CustomerDetail", "建档日期"), view.created_at.strftime("%Y-%m-%d")),
    ]
    body = "".join(
        f"<tr><td style='color:{theme.TEXT_MUTED};padding-right:12px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    notes = ""
    label = escape(tr("CustomerDetail", "家庭备注："))
    if view.household_notes:
        hint = ""
        if view.household_notes_consent == ConsentState.NOT_ASKED:
            hint = "<br><span style='color:{}'>{}</span>".format(
                theme.NEAR,
                escape(tr("CustomerDetail", "（尚未记录客户同意，请找机会征求客户同意保存家庭备注）")),
            )
        notes = (
            f"<p style='background:{theme.CAUTION_SOFT};padding:6px'><b>{label}</b>"
            f"{escape(view.household_notes).replace(chr(10), '<br>')}{hint}</p>"
        )
    elif view.household_notes_hidden:
        hidden = escape(tr("CustomerDetail", "客户已撤回家庭备注的同意，备注不显示"))
        notes = f"<p style='background:{theme.HEADER};padding:6px;color:{theme.TEXT_MUTED}'><b>{label}</b>{hidden}</p>"
    return f"<table>{body}</table>{notes}"


class CustomerDetail(QWidget):
    edit_requested = Signal(int)
    add_service_requested = Signal(int)
    delete_requested = Signal(int)
    report_incident_requested = Signal(int)
    issue_voucher_requested = Signal(int)
    sign_contract_requested = Signal(int)
    incident_open_requested = Signal(int)
    checklist_requested = Signal(int)  # customer id
    notice_requested = Signal(int)  # incident id
    export_requested = Signal(int)  # 导出个人信息 (the owner's)
    erase_requested = Signal(int)  # 删除个人信息 (the owner's)
    survey_requested = Signal(int)  # 满意度回访 (customer id)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CustomerDetail()
        self.ui.setupUi(self)
        self._services = services
        self.customer_id: int | None = None
        self.ui.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.ui.add_service_button.clicked.connect(lambda: self._emit(self.add_service_requested))
        self.ui.report_incident_button.clicked.connect(lambda: self._emit(self.report_incident_requested))
        self.ui.timeline_list.itemActivated.connect(self._on_timeline_item_activated)
        more = QMenu(self.ui.more_button)
        more.addAction(tr("CustomerDetail", "发优惠券…"), lambda: self._emit(self.issue_voucher_requested))
        more.addAction(tr("CustomerDetail", "签订合同…"), lambda: self._emit(self.sign_contract_requested))
        self.survey_action = more.addAction(
            tr("CustomerDetail", "满意度回访…"), lambda: self._emit(self.survey_requested)
        )
        more.addSeparator()
        more.addAction(
            tr("CustomerDetail", "打印家居安全隐患自查清单…"), lambda: self._emit(self.checklist_requested)
        )
        self.notice_menu = more.addMenu(tr("CustomerDetail", "打印补偿通知书"))
        self.notice_menu.aboutToShow.connect(self._fill_notice_menu)
        more.addSeparator()
        more.addAction(
            tr("CustomerDetail", "导出个人信息（客户要求查阅、复制）…"),
            lambda: self._emit(self.export_requested),
        )
        self.erase_action = more.addAction(
            tr("CustomerDetail", "删除个人信息（客户要求删除）…"), lambda: self._emit(self.erase_requested)
        )
        self.delete_action = more.addAction(
            tr("CustomerDetail", "删除客户…"), lambda: self._emit(self.delete_requested)
        )
        self.ui.more_button.setMenu(more)
        self._script_panel: ScriptPanel | None = None
        # The profile (with its household notes) never shrinks below its text; the timeline gives way.
        policy = self.ui.profile_label.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        self.ui.profile_label.setSizePolicy(policy)
        self.lifecycle_card = LifecycleCard(services, self)
        self.ui.detail_layout.insertWidget(
            self.ui.detail_layout.indexOf(self.ui.profile_label) + 1, self.lifecycle_card
        )
        self.points_box = PointsBox(services, self)
        self.ui.detail_layout.insertWidget(
            self.ui.detail_layout.indexOf(self.lifecycle_card) + 1, self.points_box
        )
        self.consents_box = ConsentsBox(services, self)
        self.ui.detail_layout.insertWidget(
            self.ui.detail_layout.indexOf(self.points_box) + 1, self.consents_box
        )
        self.consents_box.record_requested.connect(self.open_consent_dialog)
        self.referral_box = ReferralBox(services, self)
        self.ui.detail_layout.insertWidget(
            self.ui.detail_layout.indexOf(self.consents_box) + 1, self.referral_box
        )
        self.referral_box.settled.connect(lambda _id: self.refresh())
        self.consent_dialog: ConsentDialog | None = None
        self.script_scenario: str | None = None
        """The scenario the script panel shows outside a complaint (None: first inquiry or renewal)."""
        self.show_customer(None)

    def _fill_notice_menu(self) -> None:
        """The customer's complaints that have a notice to print (行动 done), newest first."""
        from ...domain.incidents import Status
        from ...services.incident_lists import IncidentFilter

        menu = self.notice_menu
        menu.clear()
        if self.customer_id is None:
            return
        rows = self._services.incident_lists.rows(IncidentFilter(view="all", customer_id=self.customer_id))
        done = [r for r in rows if r.status in (Status.RESOLVED, Status.CLOSED)]
        for row in done:
            text = tr("CustomerDetail", "{number}　{category}").format(
                number=row.number, category=row.category.label
            )
            menu.addAction(text, partial(self.notice_requested.emit, row.id))
        if not done:
            menu.addAction(tr("CustomerDetail", "（没有已完成“行动”的投诉）")).setEnabled(False)

    def _emit(self, signal: SignalInstance) -> None:
        if self.customer_id is not None:
            signal.emit(self.customer_id)

    def show_customer(self, customer_id: int | None) -> None:
        """Show ``customer_id`` (None, or a customer deleted meanwhile, shows the empty state)."""
        view = None
        if customer_id is not None:
            try:
                view = self._services.customers.get(customer_id)
            except NotFoundError:
                view = None
        self.customer_id = view.id if view else None
        for button in (
            self.ui.edit_button,
            self.ui.add_service_button,
            self.ui.report_incident_button,
            self.ui.more_button,
        ):
            button.setEnabled(view is not None)
        self.ui.timeline_list.clear()
        self.consents_box.setVisible(view is not None)
        self.lifecycle_card.setVisible(view is not None)
        self.referral_box.setVisible(False)  # shown by show_customer when they brought someone
        self.points_box.setVisible(view is not None)
        if view is None:
            self.ui.title_label.setText(tr("CustomerDetail", "未选择客户"))
            self.ui.vip_label.clear()
            self.ui.profile_label.setText(
                tr("CustomerDetail", "在左边的列表中选择一位客户，或按 Ctrl+F 搜索。")
            )
            if self._script_panel is not None:
                self._script_panel.clear()
            return
        self.ui.title_label.setText(view.address_as)
        self.ui.vip_label.setText(
            self._services.points.tier_rule().name(view.vip_tier) if view.vip_tier else ""
        )
        if view.erased:
            self._show_erased(view)
            return
        self.ui.profile_label.setText(profile_html(view))
        self.lifecycle_card.show_customer(view.id)
        self.points_box.show_customer(view.id)
        self.consents_box.show_customer(view.id)
        self.referral_box.show_customer(view.id)
        for entry in self._services.customers.timeline(view.id):
            tag = _timeline_tag(entry.kind)
            item = QListWidgetItem(f"{entry.at:%Y-%m-%d %H:%M}  {tag}{entry.title}\n      {entry.detail}")
            if entry.kind in ("incident", "callback"):
                item.setData(Qt.ItemDataRole.UserRole, entry.ref_id)
                item.setToolTip(tr("CustomerDetail", "双击打开这个投诉事件"))
            self.ui.timeline_list.addItem(item)
        self._show_script(view.id, view.service_count)

    def _show_erased(self, view: CustomerView) -> None:
        """An erased customer: only that it happened, and what stays in the books (the timeline)."""
        assert view.erased_at is not None
        when = view.erased_at.astimezone(self._services.context.now().tzinfo)
        text = tr(
            "CustomerDetail",
            "这位客户的个人信息已于 {day} 删除（客户要求或超过保存期限）。"
            "服务、投诉、优惠券和合同的记录作为账目保留，不再含有姓名、电话和地址。",
        ).format(day=f"{when:%Y-%m-%d}")
        self.ui.profile_label.setText(f"<p style='color:{theme.TEXT_MUTED}'>{escape(text)}</p>")
        self.consents_box.setVisible(False)
        self.lifecycle_card.setVisible(False)
        self.points_box.setVisible(False)
        for button in (self.ui.edit_button, self.ui.add_service_button, self.ui.report_incident_button):
            button.setEnabled(False)
        self.ui.more_button.setEnabled(False)
        for entry in self._services.customers.timeline(view.id):
            self.ui.timeline_list.addItem(
                QListWidgetItem(f"{entry.at:%Y-%m-%d %H:%M}  {_timeline_tag(entry.kind)}{entry.title}")
            )
        if self._script_panel is not None:
            self._script_panel.clear()

    @property
    def script_panel(self) -> ScriptPanel:
        """Made when the first customer is shown (start-up does not wait for the script modules)."""
        if self._script_panel is None:
            from ..common.script_panel import ScriptPanel

            self._script_panel = ScriptPanel(self._services, self.ui.script_holder)
            holder = QVBoxLayout(self.ui.script_holder)
            holder.setContentsMargins(0, 0, 0, 0)
            holder.addWidget(self._script_panel)
        return self._script_panel

    def _show_script(self, customer_id: int, service_count: int) -> None:
        """The script for the moment: a complaint in progress, else a first inquiry or a renewal."""
        from ...domain.incidents import Status
        from ...domain.templates import Scenario
        from ...services.incident_lists import IncidentFilter

        live = [
            row
            for row in self._services.incident_lists.rows(
                IncidentFilter(view="all", customer_id=customer_id), 20
            )
            if row.status != Status.CLOSED
        ]
        if live:
            self.script_panel.show_for_incident(live[0].id)
        elif self.script_scenario is not None:
            self.script_panel.show_for_customer(customer_id, Scenario(self.script_scenario))
        elif service_count == 0:
            self.script_panel.show_for_customer(customer_id, Scenario.FIRST_INQUIRY)
        else:
            self.script_panel.show_for_customer(customer_id, Scenario.RENEWAL)

    def open_consent_dialog(self) -> ConsentDialog | None:
        """记录同意…: ask the customer about every purpose (the dialog opens without blocking)."""
        from ..common.consent_dialog import ConsentDialog

        if self.customer_id is None:
            return None
        try:
            dialog = ConsentDialog(self._services, self.customer_id, parent=self)
        except DomainError as exc:  # deleted meanwhile
            messages.show_error(self, str(exc))
            self.refresh()
            return None
        dialog.consent_recorded.connect(lambda _id: self.refresh())
        self.consent_dialog = dialog
        dialog.open()
        return dialog

    def _on_timeline_item_activated(self, item: QListWidgetItem) -> None:
        incident_id = item.data(Qt.ItemDataRole.UserRole)
        if incident_id is not None:
            self.incident_open_requested.emit(int(incident_id))

    def refresh(self) -> None:
        self.show_customer(self.customer_id)
