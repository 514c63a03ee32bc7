"""Assemble the main window from its sections and connect what crosses between them."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QToolBar, QWidget

from ...domain.errors import DomainError
from ...services import Services
from ..common.i18n import tr
from .main_window import MainWindow
from .navigator import Navigator
from .reminders import install_reminders
from .search_box import GlobalSearchBox

ESCALATION_INTERVAL_MS = 60_000
"""How often missed deadlines are looked for, whichever section is showing."""


def build_main_window(services: Services, settings: QSettings) -> MainWindow:
    window = MainWindow(services, settings)
    navigator = Navigator(window)
    window.navigator = navigator

    # The other sections are built the first time they are shown (start-up pays for the one shown).
    def make_customers() -> QWidget:
        from ..customers.page import CustomersPage

        page = CustomersPage(services, settings, window)
        page.detail.issue_voucher_requested.connect(issue_voucher)
        page.detail.sign_contract_requested.connect(sign_contract)
        page.detail.report_incident_requested.connect(report_incident)
        page.detail.incident_open_requested.connect(navigator.open_incident)
        page.detail.checklist_requested.connect(print_checklist)
        page.detail.notice_requested.connect(print_notice)
        return page

    def make_home() -> QWidget:
        from ..home.page import HomePage

        return HomePage(services, lambda: services.workbench, navigator, window)

    def make_incidents() -> QWidget:
        from ..incidents.page import IncidentsPage

        page = IncidentsPage(services, settings, window)
        page.new_incident_requested.connect(lambda: report_incident(None))
        return page

    def make_vouchers() -> QWidget:
        from ..vouchers.page import VouchersPage

        return VouchersPage(services, settings, window)

    def make_renewals() -> QWidget:
        from ..renewals.page import RenewalsPage

        return RenewalsPage(services, settings, window)

    def make_workers() -> QWidget:
        from ..workers.page import WorkersPage

        return WorkersPage(services, settings, window)

    def make_scripts() -> QWidget:
        from ..scripts.page import ScriptsPage

        return ScriptsPage(services, settings, window)

    def make_reports() -> QWidget:
        from ..reports.page import ReportsPage

        return ReportsPage(services, navigator, window)

    def make_settings() -> QWidget:
        from ..settings.page import SettingsPage

        page = SettingsPage(services, settings, window)
        page.staff_changed.connect(on_staff_changed)
        page.agency_changed.connect(window.update_title)
        return page

    window.add_page("home", tr("shell", "工作台"), make_home)
    window.add_page("customers", tr("shell", "客户"), make_customers)
    install_reminders(window, services, settings, navigator)
    window.add_page("incidents", tr("shell", "投诉事件"), make_incidents)
    window.add_page("vouchers", tr("shell", "优惠券"), make_vouchers)
    window.add_page("renewals", tr("shell", "续约"), make_renewals)
    window.add_page("workers", tr("shell", "服务人员"), make_workers)
    window.add_page("scripts", tr("shell", "话术模板"), make_scripts)
    window.add_page("reports", tr("shell", "报表"), make_reports)
    window.add_page("settings", tr("shell", "设置"), make_settings, shortcut="Ctrl+0")  # the tenth section

    toolbar = QToolBar(tr("shell", "搜索"), window)
    toolbar.setObjectName("search_toolbar")
    toolbar.setMovable(False)
    search = GlobalSearchBox(services, toolbar)
    toolbar.addWidget(search)
    window.addToolBar(toolbar)
    window.search_box = search

    search.customer_chosen.connect(navigator.open_customer)
    QShortcut(
        QKeySequence.StandardKey.Find, window, activated=lambda: (search.setFocus(), search.selectAll())
    )

    def report_incident(customer_id: int | None = None) -> None:
        """Take a complaint (Ctrl+I from anywhere): for the customer on screen, if there is one."""
        from ..incidents.incident_dialog import IncidentDialog

        customers = window.built_page("customers")
        if customer_id is None and customers is not None and window.current_page_key() == "customers":
            customer_id = customers.detail.customer_id  # type: ignore[attr-defined]
        dialog = IncidentDialog(services, customer_id, window)
        if dialog.exec() == IncidentDialog.DialogCode.Accepted and dialog.incident_id is not None:
            navigator.open_incident(dialog.incident_id)

    def print_checklist(customer_id: int) -> None:
        from ..common.checklist_dialog import ChecklistDialog

        ChecklistDialog(services, customer_id, None, window).open()

    def print_notice(incident_id: int) -> None:
        from ..common.documents import make_document

        documents = services.documents
        make_document(
            window, tr("shell", "正在生成补偿通知书…"), lambda _p: documents.compensation_notice(incident_id)
        )

    def issue_voucher(customer_id: int) -> None:
        from ..vouchers.voucher_dialog import VoucherDialog

        if VoucherDialog(services, customer_id, parent=window).exec() == VoucherDialog.DialogCode.Accepted:
            window.page("customers").refresh()  # type: ignore[attr-defined]

    def sign_contract(customer_id: int) -> None:
        from ..renewals.contract_dialog import ContractDialog

        if ContractDialog(services, customer_id, parent=window).exec() == ContractDialog.DialogCode.Accepted:
            window.page("customers").refresh()  # type: ignore[attr-defined]

    report_shortcut = QShortcut(QKeySequence("Ctrl+I"), window, activated=lambda: report_incident(None))
    report_shortcut.setObjectName("report_incident_shortcut")

    def check_escalations() -> None:
        """Every minute, whichever section is showing: escalate missed deadlines, expire vouchers."""
        try:
            services.vouchers.expire_due()
        except DomainError:
            pass  # the file cannot be written just now (still being checked): next minute
        page = window.built_page("incidents")
        if page is not None:
            page.check_escalations()  # type: ignore[attr-defined]
            return
        try:
            services.incidents.refresh_escalations()
        except DomainError:
            pass

    escalation_timer = QTimer(window, interval=ESCALATION_INTERVAL_MS)
    escalation_timer.setObjectName("escalation_timer")
    escalation_timer.timeout.connect(check_escalations)
    escalation_timer.start()

    def update_duty() -> None:
        member_id = services.context.on_duty_id
        window.set_on_duty_label(services.staff.get(member_id).label if member_id else tr("shell", "无人"))
        home = window.built_page("home")
        if home is not None:
            home.update_header()  # type: ignore[attr-defined]

    def switch_duty() -> None:
        from .staff_picker_dialog import pick_staff

        chosen = pick_staff(window, services, services.context.on_duty_id)
        if chosen is not None:
            services.staff.set_on_duty(chosen)
            settings.setValue("on_duty/staff_id", chosen)
            update_duty()

    def on_staff_changed() -> None:
        # The person on duty may have been renamed or deactivated.
        member_id = services.context.on_duty_id
        active = {m.id for m in services.staff.list()}
        if member_id not in active:
            switch_duty()
            member_id = services.context.on_duty_id
        if member_id not in active and active:
            member_id = services.staff.list()[0].id  # nobody picked: the most senior active person
        if member_id in active:
            services.staff.set_on_duty(member_id)
            settings.setValue("on_duty/staff_id", member_id)
        update_duty()

    window.staff_switch_requested.connect(switch_duty)
    update_duty()
    return window
