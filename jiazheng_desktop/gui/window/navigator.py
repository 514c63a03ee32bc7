"""Going to a thing from anywhere: a customer, a complaint, a callback, a contract, a voucher, a script.

Each ``open_*`` shows the section that holds the thing and selects it there, widening that section's
filter when the thing is filtered out. Pages are built on first use, as the navigation builds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ..customers.page import CustomersPage
    from .main_window import MainWindow


class Navigator(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def open_customer(self, customer_id: int) -> None:
        """The 客户 section with this customer's page open."""
        page: CustomersPage = self._window.show_page("customers")  # type: ignore[assignment]
        page.open_customer(customer_id)

    def open_incident(self, incident_id: int) -> Any:
        """The 投诉事件 section showing this incident; returns the page."""
        page: Any = self._window.show_page("incidents")
        page.open_incident(incident_id)
        return page

    def open_callback(self, incident_id: int) -> None:
        """Show the incident and start its day-3 callback (the callback dialog)."""
        page = self.open_incident(incident_id)
        if page.detail.incident_id == incident_id:
            page.detail.start_callback()

    def open_contract(self, contract_id: int) -> bool:
        """The 续约 section with the contract selected; widens the days shown if it is not listed."""
        page: Any = self._window.show_page("renewals")
        page.refresh(select_id=contract_id)
        if page.current_contract_id() != contract_id:
            combo = page.ui.days_combo
            widest = max(range(combo.count()), key=lambda i: int(combo.itemData(i)))
            if combo.currentIndex() != widest:
                combo.setCurrentIndex(widest)  # reloads the list
                page.select_contract(contract_id)
        return bool(page.current_contract_id() == contract_id)

    def open_voucher(self, voucher_id: int) -> bool:
        """The 优惠券 section with the voucher selected; shows every voucher if the filter hides it."""
        page: Any = self._window.show_page("vouchers")
        page.refresh(select_id=voucher_id)
        if page.current_voucher_id() != voucher_id:
            ui = page.ui
            ui.filter_edit.blockSignals(True)
            ui.filter_edit.clear()
            ui.filter_edit.blockSignals(False)
            for combo, index in ((ui.view_combo, ui.view_combo.findData("all")), (ui.kind_combo, 0)):
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
            page.refresh(select_id=voucher_id)
        return bool(page.current_voucher_id() == voucher_id)

    def open_scripts(self, scenario: str) -> bool:
        """The 话术模板 section listing the templates of ``scenario`` (False: no such scenario)."""
        page: Any = self._window.show_page("scripts")
        combo = page.ui.scenario_filter_combo
        index = combo.findData(scenario)
        if index < 0:
            return False
        if combo.currentIndex() != index:
            combo.setCurrentIndex(index)  # reloads the list; the editor keeps what is typed in it
        return True

    def open_reports(self) -> None:
        """The 报表 section (last month's figures and the monthly report)."""
        self._window.show_page("reports")
