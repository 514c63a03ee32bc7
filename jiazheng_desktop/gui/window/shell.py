"""Assemble the main window from its sections and connect what crosses between them.

Sections never import each other: what one asks of another (a voucher for the customer on screen,
a complaint opened from a timeline) is connected here, and what one changes reaches the others as a
change notice. Each section is built the first time it is shown (start-up pays for the one shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QToolBar

from ...domain.errors import DomainError
from ...services import Services
from ...services.changes import ChangeKind, Changes
from ...services.staff import StaffMember
from ..common import messages
from ..common.i18n import tr
from ..common.section import SectionPage
from .desk_lock import DeskLock
from .main_window import MainWindow
from .navigator import Navigator
from .reminders import install_reminders
from .search_box import GlobalSearchBox

if TYPE_CHECKING:
    from ..home.page import HomePage
    from ..incidents.page import IncidentsPage
    from .sign_in_dialog import SignInDialog

ESCALATION_INTERVAL_MS = 60_000
INQUIRY_SHORTCUT = "Ctrl+Shift+N"
"""记录咨询 from anywhere (Ctrl+N is each page's own 新建)."""
"""How often missed deadlines are looked for, whichever section is showing."""


class ChangeNotices(QObject):
    """The services' change notices as one Qt signal, delivered on the GUI thread.

    A change committed on another thread arrives queued; one made on the GUI thread arrives at once,
    after its transaction has committed.
    """

    changed = Signal(object)  # Changes

    def __init__(self, services: Services, parent: QObject) -> None:
        super().__init__(parent)
        self._listeners = services.context.change_listeners
        self._listeners.append(self._on_change)

    def _on_change(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        """The window is going: stop listening (its pages can no longer be told)."""
        if self._on_change in self._listeners:
            self._listeners.remove(self._on_change)


class Shell(QObject):
    """The main window with its sections, its search box, its timers and who is on duty.

    A child of the window: it lives exactly as long as the window does.
    """

    def __init__(self, services: Services, settings: QSettings) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.window = window = MainWindow(services, settings)
        self.setParent(window)
        self.navigator = Navigator(window)
        window.navigator = self.navigator
        self._home: HomePage | None = None
        self._incidents: IncidentsPage | None = None
        self._today = services.context.now().date()

        self.notices = ChangeNotices(services, window)
        self.notices.changed.connect(window.notice_changes)
        window.destroyed.connect(self.notices.detach)

        window.add_page("home", tr("shell", "工作台"), self._make_home)
        window.add_page("customers", tr("shell", "客户"), self._make_customers)
        controller = install_reminders(window, services, settings, self.navigator)
        self.notices.changed.connect(controller.notice_changes)
        window.add_page("incidents", tr("shell", "投诉事件"), self._make_incidents)
        window.add_page("vouchers", tr("shell", "优惠券"), self._make_vouchers)
        window.add_page("renewals", tr("shell", "续约"), self._make_renewals)
        window.add_page("workers", tr("shell", "服务人员"), self._make_workers)
        window.add_page("scripts", tr("shell", "话术模板"), self._make_scripts)
        window.add_page("reports", tr("shell", "报表"), self._make_reports)
        # The eleventh: no Ctrl+number of its own (Ctrl+0 stays 设置, as people know it).
        window.add_page("campaigns", tr("shell", "营销活动"), self._make_campaigns)
        window.add_page("settings", tr("shell", "设置"), self._make_settings, shortcut="Ctrl+0")

        self._add_search()
        report_shortcut = QShortcut(QKeySequence("Ctrl+I"), window)
        report_shortcut.setObjectName("report_incident_shortcut")
        report_shortcut.activated.connect(lambda: self.report_incident())
        inquiry_shortcut = QShortcut(QKeySequence(INQUIRY_SHORTCUT), window)
        inquiry_shortcut.setObjectName("record_inquiry_shortcut")
        inquiry_shortcut.activated.connect(lambda: self.record_inquiry())
        self.navigator.inquiry_requested.connect(lambda: self.record_inquiry())
        self.navigator.survey_requested.connect(self.record_survey)
        escalation_timer = QTimer(window, interval=ESCALATION_INTERVAL_MS)
        escalation_timer.setObjectName("escalation_timer")
        escalation_timer.timeout.connect(self.check_escalations)
        escalation_timer.start()
        self.switch_dialog: SignInDialog | None = None
        self.desk_lock = DeskLock(window, services)
        window.desk_lock = self.desk_lock
        self.notices.changed.connect(self.desk_lock.notice_changes)
        self.notices.changed.connect(self._on_changes)
        self.desk_lock.signed_in.connect(self.took_the_desk)
        window.lock_requested.connect(self.desk_lock.lock)
        window.staff_switch_requested.connect(self.switch_duty)
        self.update_duty()

    # -- the sections ------------------------------------------------------------------------------

    def _make_home(self) -> SectionPage:
        from ..home.page import HomePage

        services = self.services
        self._home = HomePage(services, lambda: services.workbench, self.navigator, self.window)
        return self._home

    def _make_customers(self) -> SectionPage:
        from ..customers.page import CustomersPage

        page = CustomersPage(self.services, self.settings, self.window)
        page.detail.issue_voucher_requested.connect(self.issue_voucher)
        page.detail.sign_contract_requested.connect(self.sign_contract)
        page.detail.report_incident_requested.connect(self.report_incident)
        page.detail.incident_open_requested.connect(self.navigator.open_incident)
        page.detail.checklist_requested.connect(self.print_checklist)
        page.detail.notice_requested.connect(self.print_notice)
        page.detail.survey_requested.connect(self.record_survey)
        return page

    def _make_incidents(self) -> SectionPage:
        from ..incidents.page import IncidentsPage

        self._incidents = IncidentsPage(self.services, self.settings, self.window)
        self._incidents.new_incident_requested.connect(lambda: self.report_incident())
        return self._incidents

    def _make_vouchers(self) -> SectionPage:
        from ..vouchers.page import VouchersPage

        return VouchersPage(self.services, self.settings, self.window)

    def _make_renewals(self) -> SectionPage:
        from ..renewals.page import RenewalsPage

        return RenewalsPage(self.services, self.settings, self.window)

    def _make_workers(self) -> SectionPage:
        from ..workers.page import WorkersPage

        return WorkersPage(self.services, self.settings, self.window)

    def _make_scripts(self) -> SectionPage:
        from ..scripts.page import ScriptsPage

        return ScriptsPage(self.services, self.settings, self.window)

    def _make_reports(self) -> SectionPage:
        from ..reports.page import ReportsPage

        return ReportsPage(self.services, self.navigator, self.window)

    def _make_campaigns(self) -> SectionPage:
        from ..campaigns.page import CampaignsPage

        return CampaignsPage(self.services, self.settings, self.window)

    def _make_settings(self) -> SectionPage:
        from ..settings.page import SettingsPage

        page = SettingsPage(self.services, self.settings, self.window)
        page.staff_changed.connect(self.on_staff_changed)
        page.agency_changed.connect(self.window.update_title)
        page.restore_requested.connect(self.window.restore_requested)
        page.restart_requested.connect(self.window.restart_requested)
        return page

    def _add_search(self) -> None:
        window = self.window
        toolbar = QToolBar(tr("shell", "搜索"), window)
        toolbar.setObjectName("search_toolbar")
        toolbar.setMovable(False)
        search = GlobalSearchBox(self.services, toolbar)
        toolbar.addWidget(search)
        window.addToolBar(toolbar)
        window.search_box = search
        search.customer_chosen.connect(self.navigator.open_customer)
        QShortcut(QKeySequence.StandardKey.Find, window).activated.connect(search.focus_for_search)

    # -- what one section asks of another ----------------------------------------------------------

    def record_inquiry(self) -> None:
        """记录咨询 (Ctrl+Shift+N from anywhere): the caller becomes a 潜在 customer, shown once saved."""
        from ..customers.inquiry_dialog import InquiryDialog

        dialog = InquiryDialog(self.services, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.recorded is not None:
            self.navigator.open_customer(dialog.recorded.customer_id)

    def record_survey(self, customer_id: int, service_record_id: int | None = None) -> None:
        """满意度回访 (from its reminder or the profile); a low score the customer wants taken further
        goes on to 登记投诉 with what they said and the visit filled in."""
        from ..customers.survey_dialog import SurveyDialog

        try:
            dialog = SurveyDialog(self.services, customer_id, service_record_id, self.window)
        except DomainError as exc:
            messages.show_error(self.window, str(exc))
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.complaint_wanted:
            self.report_incident(customer_id, dialog.complaint_text, dialog.service_record_id)

    def report_incident(
        self, customer_id: int | None = None, customer_said: str = "", service_record_id: int | None = None
    ) -> None:
        """Take a complaint (Ctrl+I from anywhere): for the customer on screen, if there is one
        (``customer_said`` and the visit are filled in when the complaint comes from a survey)."""
        from ..incidents.incident_dialog import IncidentDialog

        if customer_id is None:
            page = self.window.current_page()
            customer_id = page.current_customer_id() if page is not None else None
        dialog = IncidentDialog(
            self.services,
            customer_id,
            self.window,
            customer_said=customer_said,
            service_record_id=service_record_id,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.incident_id is not None:
            self.navigator.open_incident(dialog.incident_id)

    def print_checklist(self, customer_id: int) -> None:
        from ..common.checklist_dialog import ChecklistDialog

        ChecklistDialog(self.services, customer_id, None, self.window).open()

    def print_notice(self, incident_id: int) -> None:
        from ..common.documents import make_document

        documents = self.services.documents
        make_document(
            self.window,
            tr("shell", "正在生成补偿通知书…"),
            lambda _p: documents.compensation_notice(incident_id),
            printed=documents.printed,
        )

    def issue_voucher(self, customer_id: int) -> None:
        """发券 for the customer on screen (the customer's timeline follows by its change notice)."""
        from ..vouchers.voucher_dialog import VoucherDialog

        VoucherDialog(self.services, customer_id, parent=self.window).exec()

    def sign_contract(self, customer_id: int) -> None:
        from ..renewals.contract_dialog import ContractDialog

        ContractDialog(self.services, customer_id, parent=self.window).exec()

    # -- timers and notices --------------------------------------------------------------------------

    def check_escalations(self) -> None:
        """Every minute, whichever section is showing: escalate missed deadlines, expire vouchers.

        At the first check of a new day every page is told that everything may have changed: what
        they show counts days ("还剩 3 天") even when nobody changed anything.
        """
        today = self.services.context.now().date()
        if today != self._today:
            self._today = today
            self.window.notice_changes(Changes({kind: frozenset() for kind in ChangeKind}))
        try:
            self.services.vouchers.expire_due()
        except DomainError:
            pass  # the file cannot be written just now (still being checked): next minute
        if self._incidents is not None:
            self._incidents.check_escalations()  # also moves its countdowns on
            return
        try:
            self.services.incidents.refresh_escalations()
        except DomainError:
            pass

    # -- who is on duty --------------------------------------------------------------------------------

    def update_duty(self) -> None:
        services = self.services
        member_id = services.context.on_duty_id
        self.window.set_on_duty_label(
            services.staff.get(member_id).label if member_id else tr("shell", "无人")
        )
        if self._home is not None:
            self._home.update_header()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches({ChangeKind.STAFF}):  # a sign-in, or the person on duty renamed
            self.update_duty()

    def switch_duty(self) -> SignInDialog:
        """值班 in the status bar: the next person signs in with their own password.

        Cancelled, the person on duty stays. The dialog is window-modal and does not block the caller.
        """
        if self.switch_dialog is not None:
            self.switch_dialog.raise_()
            return self.switch_dialog
        from .sign_in_dialog import SignInDialog, SignInPurpose  # loaded when first needed, not at start

        dialog = SignInDialog(self.services, SignInPurpose.SWITCH, None, self.window)
        self.switch_dialog = dialog

        def finished(_result: int) -> None:
            self.switch_dialog = None
            if dialog.signed_in is not None:
                self.took_the_desk(dialog.signed_in)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def took_the_desk(self, member: StaffMember) -> None:
        """Someone signed in (switching, or unlocking): remembered for the next start, named below."""
        self.settings.setValue("on_duty/staff_id", member.id)
        self.update_duty()

    def on_staff_changed(self) -> None:
        """The person on duty may have been renamed or deactivated.

        Deactivated, they cannot stay at the desk, and nobody takes it without a password: it locks.
        """
        member_id = self.services.context.on_duty_id
        if member_id is not None and member_id not in {m.id for m in self.services.staff.list()}:
            self.desk_lock.lock("staff_changed")
        self.update_duty()


def build_main_window(services: Services, settings: QSettings) -> MainWindow:
    """The main window with every section."""
    return Shell(services, settings).window
