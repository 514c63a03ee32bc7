"""Assemble the main window from its pages and connect what crosses between them."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QToolBar

from ..services import Services
from .customers.page import CustomersPage
from .dialogs.staff_picker_dialog import pick_staff
from .i18n import tr
from .main_window import MainWindow
from .search_box import GlobalSearchBox
from .settings_page import SettingsPage
from .workers_page import WorkersPage


def build_main_window(services: Services, settings: QSettings) -> MainWindow:
    window = MainWindow(services, settings)
    customers = CustomersPage(services, settings, window)
    window.add_page("customers", tr("shell", "客户"), customers)
    workers = WorkersPage(services, settings, window)
    window.add_page("workers", tr("shell", "服务人员"), workers)
    settings_page = SettingsPage(services, settings, window)
    window.add_page("settings", tr("shell", "设置"), settings_page)

    toolbar = QToolBar(tr("shell", "搜索"), window)
    toolbar.setObjectName("search_toolbar")
    toolbar.setMovable(False)
    search = GlobalSearchBox(services, toolbar)
    toolbar.addWidget(search)
    window.addToolBar(toolbar)
    window.search_box = search

    def open_customer(customer_id: int) -> None:
        window.show_page("customers")
        customers.open_customer(customer_id)

    search.customer_chosen.connect(open_customer)
    QShortcut(
        QKeySequence.StandardKey.Find, window, activated=lambda: (search.setFocus(), search.selectAll())
    )

    def update_duty() -> None:
        member_id = services.context.on_duty_id
        window.set_on_duty_label(services.staff.get(member_id).label if member_id else tr("shell", "无人"))

    def switch_duty() -> None:
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
    settings_page.staff_changed.connect(on_staff_changed)
    settings_page.agency_changed.connect(window.update_title)
    update_duty()
    return window
