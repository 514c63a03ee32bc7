"""The global search (Ctrl+F): type a name, part of a phone number or pinyin initials."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ...services import Services
from ..common.background import LatestCall
from ..common.i18n import tr
from ..common.icons import icon

if TYPE_CHECKING:
    from ...services.customers import CustomerHit

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_DELAY_MS = 150
"""The pause in typing before the search runs."""


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
        # The query runs on a worker after a short pause: typing never waits for it, and only the
        # newest text's results are shown (``LatestCall``).
        self.search = LatestCall(self, SEARCH_DELAY_MS)
        self.search.succeeded.connect(self._show_found)
        self.search.refused.connect(self._show_problem)
        self.search.busy.connect(self._show_busy)
        self._choose_when_found = False
        self.textEdited.connect(lambda _t: self._search_later())
        self.returnPressed.connect(self._on_return_pressed)

    def focus_for_search(self) -> None:
        """Ctrl+F: put the cursor here with what was typed before selected, to type over it."""
        self.setFocus()
        self.selectAll()

    def _search_later(self, *, now: bool = False) -> None:
        self._choose_when_found = False
        self.search.request(partial(self._services.customers.search, self.text(), limit=20), now=now)

    def run_search(self) -> int:
        """Search now, on this thread, for what is typed; returns the number of results."""
        self.search.cancel()
        return self._show_hits(self._services.customers.search(self.text(), limit=20))

    def _show_found(self, hits: list[CustomerHit]) -> None:
        self._show_hits(hits)
        if self._choose_when_found:
            self._choose_when_found = False
            chosen = self.first_result()
            if chosen is not None:
                self._choose(chosen)

    def _show_busy(self, busy: bool) -> None:
        if busy and self.text().strip():
            self._set_note(tr("GlobalSearchBox", "正在查找…"))
        elif not busy:
            self._set_note(None)

    def _show_problem(self, message: str) -> None:
        self.results.clear()
        self._set_note(message)
        self._completer.complete()

    def _set_note(self, note: str | None) -> None:
        """A greyed line under the results (正在查找…, or what went wrong); None removes it."""
        last = self.results.rowCount() - 1
        if last >= 0 and self.results.item(last).data(NOTE_ROLE):
            self.results.removeRow(last)
        if note is not None:
            item = QStandardItem(note)
            item.setEnabled(False)
            item.setData(True, NOTE_ROLE)
            self.results.appendRow(item)

    def _show_hits(self, hits: list[CustomerHit]) -> int:
        from ..common.customer_picker import hit_text  # with the customer service, on the first search

        self.results.clear()
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
        if self.search.is_busy or self.results.rowCount() == 0:
            if not self.search.is_busy:
                self._search_later(now=True)
            self._choose_when_found = True  # once the newest results are in
            return
        chosen = self.first_result()
        if chosen is not None:
            self._choose(chosen)

    def _choose(self, customer_id: int) -> None:
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()
        QTimer.singleShot(0, self.clear)  # the completer writes the chosen text back first
        self.customer_chosen.emit(customer_id)
