"""Assemble the main window from its pages and connect what crosses between them."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QToolBar

from ..services import Services
from .customers.page import CustomersPage
from .dialogs.staff_picker_dialog import pick_staff
from .main_window import MainWindow
from .search_box import GlobalSearchBox


def build_main_window(services: Services, settings: QSettings) -> MainWindow:
    window = MainWindow(services, settings)
    customers = CustomersPage(services, settings, window)
    window.add_page("customers", "客户", customers)

    toolbar = QToolBar("搜索", window)
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
        window.set_on_duty_label(services.staff.get(member_id).label if member_id else "无人")

    def switch_duty() -> None:
        chosen = pick_staff(window, services, services.context.on_duty_id)
        if chosen is not None:
            services.staff.set_on_duty(chosen)
            settings.setValue("on_duty/staff_id", chosen)
            update_duty()

    window.staff_switch_requested.connect(switch_duty)
    update_duty()
    return window
