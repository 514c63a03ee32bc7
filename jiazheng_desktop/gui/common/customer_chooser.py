"""Choosing the customer inside a form: a search field with its result list right below it.

Shared by the complaint and voucher dialogs. Arrows move through the results and Enter
picks one (never the dialog's default button); once chosen the field is locked, and the
"更换" button unlocks it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton

from ...domain.errors import DomainError
from ...services import Services
from .customer_picker import hit_text
from .i18n import tr

_MOVE_KEYS: dict[int, int] = {
    Qt.Key.Key_Down.value: 1,
    Qt.Key.Key_Up.value: -1,
    Qt.Key.Key_PageDown.value: 5,
    Qt.Key.Key_PageUp.value: -5,
}
_ENTER_KEYS = {Qt.Key.Key_Return.value, Qt.Key.Key_Enter.value}


class CustomerChooser(QObject):
    """Drives the given widgets; ``customer_id`` is the chosen customer (None while searching)."""

    customer_changed = Signal(object)  # the new customer id, or None
    customer_picked = Signal(int)  # chosen from the results by the user (move the focus on)

    def __init__(
        self,
        services: Services,
        search_edit: QLineEdit,
        result_list: QListWidget,
        hint_label: QLabel,
        change_button: QPushButton,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.search_edit, self.result_list = search_edit, result_list
        self.hint_label, self.change_button = hint_label, change_button
        self.customer_id: int | None = None
        self.timer = QTimer(self, singleShot=True, interval=150)
        self.timer.timeout.connect(self.run_search)
        search_edit.textEdited.connect(lambda _text: self.timer.start())
        search_edit.installEventFilter(self)
        result_list.installEventFilter(self)
        result_list.itemDoubleClicked.connect(lambda _item: self.pick_current())
        change_button.clicked.connect(self.unlock)
        result_list.setVisible(False)

    def run_search(self) -> int:
        """Search now for what is typed; returns the number of results."""
        self.timer.stop()
        self.result_list.clear()
        text = self.search_edit.text()
        hits = self._services.customers.search(text, 12)
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.result_list.addItem(item)
        if hits:
            self.result_list.setCurrentRow(0)
        self.result_list.setVisible(bool(hits))
        if text.strip() and not hits:
            self.hint_label.setText(tr("CustomerChooser", "没有找到匹配的客户"))
        elif hits:
            self.hint_label.setText(tr("CustomerChooser", "用 ↑ ↓ 选择，按回车确定"))
        else:
            self.hint_label.clear()
        return len(hits)

    def set_customer(self, customer_id: int) -> bool:
        """Choose the customer and lock the field; False if the customer is gone."""
        try:
            customer = self._services.customers.get(customer_id)
        except DomainError:
            self.unlock()
            self.hint_label.setText(tr("CustomerChooser", "这位客户已不存在，请重新搜索"))
            return False
        self.customer_id = customer_id
        self.search_edit.setText(
            tr("CustomerChooser", "{address_as}（{name}）  {phones}")
            .format(address_as=customer.address_as, name=customer.name, phones=" / ".join(customer.phones))
            .rstrip()
        )
        self.search_edit.setReadOnly(True)
        self.search_edit.setClearButtonEnabled(False)
        self.search_edit.setCursorPosition(0)
        self.result_list.clear()
        self.result_list.setVisible(False)
        self.hint_label.clear()
        self.change_button.setVisible(True)
        self.customer_changed.emit(customer_id)
        return True

    def unlock(self) -> None:
        """Back to searching (the 更换 button)."""
        self.customer_id = None
        self.search_edit.setReadOnly(False)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.clear()
        self.change_button.setVisible(False)
        self.result_list.clear()
        self.result_list.setVisible(False)
        self.hint_label.clear()
        self.customer_changed.emit(None)
        self.search_edit.setFocus()

    def pick_current(self) -> bool:
        item = self.result_list.currentItem()
        if item is None:
            self.hint_label.setText(tr("CustomerChooser", "请先在列表里选中一位客户"))
            return False
        customer_id = int(item.data(Qt.ItemDataRole.UserRole))
        if self.set_customer(customer_id):
            self.customer_picked.emit(customer_id)
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows in the search field move through the results; Enter picks instead of saving."""
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if self.search_edit.isReadOnly():
            return super().eventFilter(watched, event)
        key = event.key()
        results = self.result_list
        if watched is self.search_edit and key in _MOVE_KEYS and results.count():
            results.setCurrentRow(max(0, min(results.count() - 1, results.currentRow() + _MOVE_KEYS[key])))
            return True
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched in (self.search_edit, results) and key in _ENTER_KEYS and not ctrl:
            if self.timer.isActive() or (watched is self.search_edit and not results.count()):
                self.run_search()
            if results.count():
                self.pick_current()
            return True  # never the dialog's default button: the customer is not chosen yet
        return super().eventFilter(watched, event)
