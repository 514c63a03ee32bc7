"""The base of the long lists' table models: every row counted, a few pages of them in memory.

The model reports the whole list (``rowCount`` is the total), so the scroll bar, the End key and a
drag to the bottom work as on a short list. Rows are read when the view paints them: the page after
or before a cached neighbour by keyset (``services.paging.KeysetList``), a page from the end for the
last rows, and only for a jump into the middle one OFFSET read. At most ``MAX_PAGES`` pages are kept
(least recently used go first), so memory does not grow with scrolling.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.paging import Page, R
from ...services.paging import KeysetList
from .i18n import tr

_Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel, Generic[R]):
    """Rows of a ``KeysetList``; subclasses give the columns and how a row is shown (rows have an ``id``)."""

    PAGE_SIZE = 200
    MAX_PAGES = 5
    HEADERS: tuple[str, ...] = ()
    """The columns' titles, untranslated (marked with ``QT_TRANSLATE_NOOP`` in ``TR_CONTEXT``)."""
    TR_CONTEXT = ""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._list: KeysetList[R] | None = None
        self._total = 0
        self._pages: OrderedDict[int, Page[R]] = OrderedDict()

    @property
    def total(self) -> int:
        """How many rows match the filter (all of them are rows of the model, read when shown)."""
        return self._total

    @property
    def cached_rows(self) -> int:
        """How many rows are held in memory now (at most ``PAGE_SIZE × MAX_PAGES``)."""
        return sum(len(page.rows) for page in self._pages.values())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.TR_CONTEXT, self.HEADERS[section])
        return None

    def _show_list(self, listing: KeysetList[R]) -> None:
        """Show another list (a new filter or order) from its first row."""
        self._show_read(listing, listing.count(), None)

    @classmethod
    def first_page(cls, listing: KeysetList[R]) -> tuple[int, Page[R] | None]:
        """The count and the first page of ``listing``: safe on a worker thread (touches no Qt)."""
        total = listing.count()
        return total, (listing.after(None, min(cls.PAGE_SIZE, total)) if total else None)

    def _show_read(self, listing: KeysetList[R], total: int, first: Page[R] | None) -> None:
        """``_show_list`` with the count and first page already read (by ``first_page``, elsewhere)."""
        self.beginResetModel()
        self._list = listing
        self._pages.clear()
        self._total = total
        if first is not None:
            self._pages[0] = first
        self._pages_loaded()
        self.endResetModel()

    def _reread(self) -> None:
        """Read the same list again after a change, keeping the view where it was (no model reset)."""
        if self._list is None:
            return
        old, new = self._total, self._list.count()
        self._pages.clear()
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._total = new
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._total = new
            self.endRemoveRows()
        self._pages_loaded()
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, self.columnCount() - 1))

    def _pages_loaded(self) -> None:
        """Called when the cache was emptied (subclasses drop what they derived from rows)."""

    # -- rows ---------------------------------------------------------------------------------------

    def row_at(self, number: int) -> R | None:
        """The row shown at ``number`` (read if not in memory); None outside the list."""
        if not 0 <= number < self._total or self._list is None:
            return None
        start = number - number % self.PAGE_SIZE
        page = self._page(start)
        offset = number - start
        return page.rows[offset] if offset < len(page.rows) else None

    def row_id(self, number: int) -> int | None:
        row = self.row_at(number)
        return None if row is None else int(getattr(row, "id"))  # noqa: B009 (R is any row type)

    def row_of(self, row_id: int) -> int | None:
        """The row number of ``row_id`` in the whole list (read around it if needed), or None."""
        for start, page in self._pages.items():
            for offset, row in enumerate(page.rows):
                if getattr(row, "id") == row_id:  # noqa: B009
                    return start + offset
        if self._list is None:
            return None
        found = self._list.locate(row_id)
        if found is None or found[0] >= self._total:
            return None
        number, key = found
        start = number - number % self.PAGE_SIZE
        # The page around it by keyset: the rows before it on its page, then it and those after.
        head = self._list.before(key, number - start)
        anchor = head.last if head.rows else self._list.before(key, 1).last if number else None
        tail = self._list.after(anchor, self.PAGE_SIZE - len(head.rows))
        self._keep(start, Page(head.rows + tail.rows, head.first or tail.first, tail.last or head.last))
        return number

    def _page(self, start: int) -> Page[R]:
        page = self._pages.get(start)
        if page is not None:
            self._pages.move_to_end(start)
            return page
        assert self._list is not None
        size = min(self.PAGE_SIZE, self._total - start)
        before, after = self._pages.get(start - self.PAGE_SIZE), self._pages.get(start + self.PAGE_SIZE)
        if start == 0:
            page = self._list.after(None, size)
        elif before is not None and before.last is not None:
            page = self._list.after(before.last, size)
        elif after is not None and after.first is not None:
            page = self._list.before(after.first, size)
        elif start + size >= self._total:
            page = self._list.before(None, size)  # the end of the list: one seek from the other side
        else:
            page = self._list.at(start, size)
        return self._keep(start, page)

    def _keep(self, start: int, page: Page[R]) -> Page[R]:
        self._pages[start] = page
        self._pages.move_to_end(start)
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt model interface -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total
