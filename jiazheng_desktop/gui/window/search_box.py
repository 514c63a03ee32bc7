"""The global search (Ctrl+F): type a name, part of a phone number or pinyin initials."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ...services import Services
from ..common.i18n import tr
from ..common.icons import icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class GlobalSearchBox(QLineEdit):
    """Results drop down as you type; Enter opens the best match."""

    customer_chosen = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setObjectName("global_search_edit")
        self.setPlaceholderText(tr("GlobalSearchBox", "搜索客户：姓名 / 电话 / 拼音首字母（Ctrl+F）"))
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(360)
        self.setMaximumWidth(520)
        self.results = QStandardItemModel(self)
        self._completer = QCompleter(self.results, self)
        # The database already filtered and ranked: show its results as they are.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.setCompleter(self._completer)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._on_return_pressed)

    def focus_for_search(self) -> None:
        """Ctrl+F: put the cursor here with what was typed before selected, to type over it."""
        self.setFocus()
        self.selectAll()

    def run_search(self) -> int:
        """Search now for what is typed; returns the number of results."""
        from ..common.customer_picker import hit_text  # with the customer service, on the first search

        self._timer.stop()
        self.results.clear()
        hits = self._services.customers.search(self.text(), limit=20)
        for hit in hits:
            item = QStandardItem(hit_text(hit))
            item.setData(hit.id, ID_ROLE)
            self.results.appendRow(item)
        if not hits and self.text().strip():
            empty = QStandardItem(tr("GlobalSearchBox", "没有找到匹配的客户"))
            empty.setEnabled(False)
            self.results.appendRow(empty)
        if self.text().strip():
            self._completer.complete()
        return len(hits)

    def first_result(self) -> int | None:
        if self.results.rowCount() == 0:
            return None
        value = self.results.item(0).data(ID_ROLE)
        return int(value) if value is not None else None

    def _on_activated(self, index: QModelIndex) -> None:
        value = index.data(ID_ROLE)
        if value is not None:
            self._choose(int(value))

    def _on_return_pressed(self) -> None:
        if self._timer.isActive() or self.results.rowCount() == 0:
            self.run_search()
        chosen = self.first_result()
        if chosen is not None:
            self._choose(chosen)

    def _choose(self, customer_id: int) -> None:
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()
        QTimer.singleShot(0, self.clear)  # the completer writes the chosen text back first
        self.customer_chosen.emit(customer_id)
