"""One filtered, sorted list read a page at a time by keyset (``domain.paging``), the same for every long list.

A service builds a ``KeysetList`` for a filter from a few readers of its own SQL; the GUI's paged
table model only calls the methods here, so it never builds a query and never knows which list it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic

from ..domain.paging import Key, Order, Page, R, Run, runs_after

KeyedRows = list[tuple[R, Key]]


class KeysetList(Generic[R]):
    """The rows of one filter in one order.

    ``read_run(run, limit)``: up to ``limit`` rows of a run, with their keys, in the run's direction.
    ``read_at(offset, limit)``: one page by OFFSET (only for a jump into the middle of the list).
    ``key_of(id)``: the key of a row if it is in the list (None: filtered out or gone).
    ``count_run(run)``: how many rows a run holds.
    """

    def __init__(
        self,
        order: Order,
        *,
        count: Callable[[], int],
        read_run: Callable[[Run, int], KeyedRows[R]],
        read_at: Callable[[int, int], KeyedRows[R]],
        key_of: Callable[[int], Key | None],
        count_run: Callable[[Run], int],
    ) -> None:
        self.order = order
        self._count = count
        self._read_run = read_run
        self._read_at = read_at
        self._key_of = key_of
        self._count_run = count_run

    def count(self) -> int:
        """How many rows the list holds."""
        return self._count()

    def _read(self, order: Order, key: Key | None, limit: int) -> KeyedRows[R]:
        rows: KeyedRows[R] = []
        for run in runs_after(order, key):
            if len(rows) >= limit:
                break
            rows.extend(self._read_run(run, limit - len(rows)))
        return rows

    def after(self, key: Key | None, limit: int) -> Page[R]:
        """Up to ``limit`` rows after ``key`` (None: the first rows)."""
        return Page.of(self._read(self.order, key, limit) if limit > 0 else [])

    def before(self, key: Key | None, limit: int) -> Page[R]:
        """Up to ``limit`` rows just before ``key`` (None: the last rows), in list order."""
        rows = self._read(self.order.reversed(), key, limit) if limit > 0 else []
        rows.reverse()
        return Page.of(rows)

    def at(self, offset: int, limit: int) -> Page[R]:
        """The page starting at row ``offset``: a jump, the one read whose cost grows with the offset."""
        return Page.of(self._read_at(offset, limit))

    def locate(self, row_id: int) -> tuple[int, Key] | None:
        """The row number and key of ``row_id`` in the list (None: not in it)."""
        key = self._key_of(row_id)
        if key is None:
            return None
        before = sum(self._count_run(run) for run in runs_after(self.order.reversed(), key))
        return before, key
