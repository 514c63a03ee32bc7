"""A list beside its detail pane on a small screen: columns that fit, and room for the list while browsing.

Two helpers the list sections share (客户, 投诉事件, 续约):

- ``ColumnFitter`` keeps a table from scrolling sideways: its important columns always show, the
  others only while the table is wide enough for them, dropped least important first and back as
  soon as there is room again (a 1366×768 laptop shows fewer columns than a 1920 screen, neither
  scrolls). The user can still widen a column; what they set is the width the column comes back at.
- ``ListDetailSplit`` gives the list most of the width until an item is opened, then the
  proportions the user last chose (or the page's default) for working on the item. What is saved
  with the page is always the working proportions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QSplitter, QTableView, QWidget

BROWSING_SHARE = 0.7
"""While nothing is open, the list's share of the splitter."""


class ColumnFitter(QObject):
    """Shows ``optional`` columns (least important first) only while the table has room for them."""

    def __init__(self, view: QTableView, optional: Sequence[int]) -> None:
        super().__init__(view)
        self._view = view
        self._optional = list(optional)
        header = view.horizontalHeader()
        self._widths = {column: header.sectionSize(column) for column in range(header.count())}
        self._fitting = False
        header.sectionResized.connect(self._on_section_resized)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def hidden_columns(self) -> list[int]:
        header = self._view.horizontalHeader()
        return [column for column in range(header.count()) if header.isSectionHidden(column)]

    def fit(self) -> None:
        """Hide what does not fit the table's width, show again what does."""
        header = self._view.horizontalHeader()
        room = self._view.viewport().width()
        if room <= 0 or header.count() == 0:
            return
        shown = [column for column in range(header.count()) if column not in self._optional]
        needed = sum(self._width(column) for column in shown)
        keep: list[int] = []
        for column in reversed(self._optional):  # the most important optional column first
            width = self._width(column)
            if needed + width <= room:
                keep.append(column)
                needed += width
        self._fitting = True
        try:
            for column in self._optional:
                hide = column not in keep
                if header.isSectionHidden(column) != hide:
                    header.setSectionHidden(column, hide)
                    if not hide:
                        header.resizeSection(column, self._width(column))
        finally:
            self._fitting = False

    def _width(self, column: int) -> int:
        return max(self._widths.get(column, 0), self._view.horizontalHeader().minimumSectionSize())

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        header = self._view.horizontalHeader()
        last = max(
            (c for c in range(header.count()) if not header.isSectionHidden(c)),
            default=-1,
            key=header.visualIndex,
        )
        if self._fitting or new <= 0 or (header.stretchLastSection() and column == last):
            return  # hidden, or stretched to the table's edge: not a width anyone chose
        self._widths[column] = new


class ListDetailSplit(QObject):
    """Splitter proportions for browsing the list (``browse``) and for working on an item (``open``).

    The proportions are applied once the splitter has its real width (a page is built hidden, at
    a size that is not the window's), and again whenever the mode changes.
    """

    def __init__(self, splitter: QSplitter, working_sizes: Sequence[int]) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        self._working_share = _share(working_sizes)
        self._browsing = False
        self._pending = True
        splitter.splitterMoved.connect(self._on_moved)
        splitter.installEventFilter(self)

    def is_browsing(self) -> bool:
        return self._browsing

    def working_share(self) -> float:
        """The list's share of the width while an item is open."""
        return self._working_share

    def browse(self) -> None:
        """Nothing is open: the list takes most of the width."""
        if not self._browsing:
            self._browsing = True
            self._apply()

    def open(self) -> None:
        """An item is open: back to the working proportions."""
        if self._browsing:
            self._browsing = False
            self._apply()

    def save_state(self) -> QByteArray:
        """The splitter's state with the working proportions (what the page saves)."""
        current = self._splitter.sizes()
        total = sum(current) or 1000
        first = round(total * self._working_share)
        self._splitter.blockSignals(True)
        self._splitter.setSizes([first, total - first])
        state = self._splitter.saveState()
        self._splitter.setSizes(current)
        self._splitter.blockSignals(False)
        return state

    def restore_state(self, state: QByteArray) -> bool:
        """Take the working proportions from a saved state."""
        probe = QSplitter(self._splitter.orientation())
        for _ in range(self._splitter.count()):
            probe.addWidget(QWidget())
        if not probe.restoreState(state):
            return False
        self._working_share = _share(probe.sizes())
        self._apply()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._pending and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._apply()
        return False

    def _apply(self) -> None:
        total = self._splitter.width() - self._splitter.handleWidth()
        if not self._splitter.isVisible() or total <= 0:
            self._pending = True  # applied when it is shown at its real width
            return
        self._pending = False
        share = BROWSING_SHARE if self._browsing else self._working_share
        first = round(total * share)
        self._splitter.setSizes([first, total - first])

    def _on_moved(self, _position: int, _index: int) -> None:
        if not self._browsing:
            self._working_share = _share(self._splitter.sizes())


def _share(sizes: Sequence[int]) -> float:
    total = sum(sizes)
    return min(max(sizes[0] / total, 0.2), 0.8) if total > 0 else 0.5
