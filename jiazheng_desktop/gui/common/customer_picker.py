"""Pick one customer by typing a name, phone or pinyin (used for the referrer)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services import Services
from ...services.customers import CustomerHit
from .i18n import tr


def hit_text(hit: CustomerHit) -> str:
    """One line for a search result: 王先生（王建国） 138…  浦东新区."""
    phones = hit.phones.replace(",", " / ")
    return (
        tr("customer_picker", "{address_as}（{name}）  {phones}  {district}")
        .format(address_as=hit.address_as, name=hit.name, phones=phones, district=hit.district)
        .rstrip()
    )


class CustomerPickerDialog(QDialog):
    """A search box over a result list; Enter or double-click chooses."""

    def __init__(self, services: Services, exclude: int | None = None, title: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title if title is not None else tr("CustomerPickerDialog", "选择客户"))
        self.resize(460, 420)
        self._services = services
        self._exclude = exclude
        self.chosen_id: int | None = None
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText(
            tr("CustomerPickerDialog", "输入姓名、电话或拼音首字母，例如 wxs")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.result_list = QListWidget(self)
        self.result_list.setObjectName("result_list")
        self.hint_label = QLabel("", self)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        for widget in (self.search_edit, self.result_list, self.hint_label, self.button_box):
            layout.addWidget(widget)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self._on_accept)
        self.result_list.itemDoubleClicked.connect(lambda _item: self._on_accept())
        self.button_box.accepted.connect(self._on_accept)
        self.button_box.rejected.connect(self.reject)

    def refresh(self) -> None:
        self.result_list.clear()
        hits = [
            h for h in self._services.customers.search(self.search_edit.text(), 30) if h.id != self._exclude
        ]
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.result_list.addItem(item)
        if hits:
            self.result_list.setCurrentRow(0)
        typed = bool(self.search_edit.text().strip())
        self.hint_label.setText(
            tr("CustomerPickerDialog", "没有找到匹配的客户") if typed and not hits else ""
        )

    def _on_accept(self) -> None:
        item = self.result_list.currentItem()
        if item is None:
            self.hint_label.setText(tr("CustomerPickerDialog", "请先在列表里选中一位客户"))
            return
        self.chosen_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.accept()


def pick_customer(parent: QWidget | None, services: Services, exclude: int | None = None,
                  title: str | None = None) -> int | None:  # fmt: skip
    dialog = CustomerPickerDialog(services, exclude, title, parent)
    return dialog.chosen_id if dialog.exec() == QDialog.DialogCode.Accepted else None
