"""Going to a thing from anywhere: a customer, a complaint, a callback, a contract, a voucher, a script,
the list of customers who agreed to festival greetings.

Each ``open_*`` shows the section that holds the thing and asks it, through the page contract, to
show the item (the section widens its own filter when the thing is filtered out). Pages are built
on first use, as the navigation builds them. Sections reach this object only as a ``Navigation``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from .main_window import MainWindow


class Navigator(QObject):
    inquiry_requested = Signal()
    """记录咨询 asked from a page (the shell opens the dialog)."""
    survey_requested = Signal(int, object)
    """满意度回访 of (customer id, service record id or None), from a reminder (the shell opens the dialog)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def open_customer(self, customer_id: int) -> None:
        """The 客户 section with this customer's page open."""
        self._window.show_page("customers").show_item(customer_id)

    def open_incident(self, incident_id: int) -> bool:
        """The 投诉事件 section showing this incident."""
        return self._window.show_page("incidents").show_item(incident_id)

    def open_callback(self, incident_id: int) -> bool:
        """Show the incident and start its day-3 callback (the callback dialog)."""
        return self._window.show_page("incidents").show_item(incident_id, intent="callback")

    def open_contract(self, contract_id: int) -> bool:
        """The 续约 section with the contract selected; widens the days shown if it is not listed."""
        return self._window.show_page("renewals").show_item(contract_id)

    def open_voucher(self, voucher_id: int) -> bool:
        """The 优惠券 section with the voucher selected; shows every voucher if the filter hides it."""
        return self._window.show_page("vouchers").show_item(voucher_id)

    def open_marketing_list(self) -> bool:
        """The 客户 section listing every customer who agreed to 营销与节日问候 (a greeting list)."""
        from ...domain.privacy import Purpose

        return self._window.show_page("customers").show_topic(Purpose.MARKETING.value)

    def open_festival_campaign(self, festival_key: str) -> bool:
        """The 营销活动 section with the campaign for this festival (made as a draft when there is none)."""
        return self._window.show_page("campaigns").show_topic(f"festival:{festival_key}")

    def open_scripts(self, scenario: str) -> bool:
        """The 话术模板 section listing the templates of ``scenario`` (False: no such scenario)."""
        return self._window.show_page("scripts").show_topic(scenario)

    def open_reminder(self, reminder_id: int) -> bool:
        """The 提醒 section with the reminder selected."""
        return self._window.show_page("reminders").show_item(reminder_id)

    def open_reports(self) -> None:
        """The 报表 section (last month's figures and the monthly report)."""
        self._window.show_page("reports")

    def record_inquiry(self) -> None:
        """The 记录咨询 dialog (the same as Ctrl+Shift+N)."""
        self.inquiry_requested.emit()

    def record_survey(self, customer_id: int, service_record_id: int | None = None) -> None:
        """The 满意度回访 dialog for the customer (about that visit); a low score may go on to a complaint."""
        self.survey_requested.emit(customer_id, service_record_id)
