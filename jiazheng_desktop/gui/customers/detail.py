"""One customer: the profile and the timeline."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from ...domain.errors import NotFoundError
from ...domain.money import format_fen
from ...services import Services
from ...services.customers import CustomerView
from ..forms.ui_customer_detail import Ui_CustomerDetail

_TIMELINE_TAGS = {"service": "【服务】", "customer": "【建档】"}


def _full_address(district: str, address: str) -> str:
    if address.startswith(district):
        return address or "—"
    return f"{district} {address}".strip()


def profile_html(view: CustomerView) -> str:
    """The profile as a small table (rich text)."""
    rows = [
        ("姓名", view.name),
        ("电话", "，".join(view.phones)),
        ("地址", _full_address(view.district, view.address)),
        ("客户类型", view.customer_type),
        ("联系方式", f"{view.contact_channel}，{view.contact_start:%H:%M}–{view.contact_end:%H:%M}"),
        ("推荐人", view.referrer_label or "—"),
        ("积分", str(view.points)),
        ("服务次数", f"{view.service_count} 次，共 {format_fen(view.total_spent_fen)}"),
        ("最近服务", view.last_service_at.strftime("%Y-%m-%d") if view.last_service_at else "还没有"),
        ("建档日期", view.created_at.strftime("%Y-%m-%d")),
    ]
    body = "".join(
        f"<tr><td style='color:#666;padding-right:12px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    notes = ""
    if view.household_notes:
        notes = (
            "<p style='background:#fff6e0;padding:6px'><b>家庭备注：</b>"
            f"{escape(view.household_notes).replace(chr(10), '<br>')}</p>"
        )
    return f"<table>{body}</table>{notes}"


class CustomerDetail(QWidget):
    edit_requested = Signal(int)
    add_service_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CustomerDetail()
        self.ui.setupUi(self)
        self._services = services
        self.customer_id: int | None = None
        self.ui.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.ui.add_service_button.clicked.connect(lambda: self._emit(self.add_service_requested))
        self.ui.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self.show_customer(None)

    def _emit(self, signal: Signal) -> None:
        if self.customer_id is not None:
            signal.emit(self.customer_id)  # type: ignore[attr-defined]

    def show_customer(self, customer_id: int | None) -> None:
        """Show ``customer_id`` (None, or a customer deleted meanwhile, shows the empty state)."""
        view = None
        if customer_id is not None:
            try:
                view = self._services.customers.get(customer_id)
            except NotFoundError:
                view = None
        self.customer_id = view.id if view else None
        for button in (self.ui.edit_button, self.ui.add_service_button, self.ui.delete_button):
            button.setEnabled(view is not None)
        self.ui.timeline_list.clear()
        if view is None:
            self.ui.title_label.setText("未选择客户")
            self.ui.vip_label.clear()
            self.ui.profile_label.setText("在左边的列表中选择一位客户，或按 Ctrl+F 搜索。")
            return
        self.ui.title_label.setText(view.address_as)
        self.ui.vip_label.setText(view.vip_label if view.vip_tier else "")
        self.ui.profile_label.setText(profile_html(view))
        for entry in self._services.customers.timeline(view.id):
            tag = _TIMELINE_TAGS.get(entry.kind, "")
            item = QListWidgetItem(f"{entry.at:%Y-%m-%d %H:%M}  {tag}{entry.title}\n      {entry.detail}")
            self.ui.timeline_list.addItem(item)

    def refresh(self) -> None:
        self.show_customer(self.customer_id)
