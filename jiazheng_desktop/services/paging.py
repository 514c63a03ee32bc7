"""One filtered, sorted list read a page at a time by keyset (``domain.paging``), the same for every long list.

A service builds a ``KeysetList`` for a filter from a few readers of its own SQL; the GUI's paged
table model only calls the methods here, so it never builds a query and never knows which list it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic

from ..domain.paging import Key, Order, Page, R, Run, runs_after
from ..storage.queries import run_sql

KeyedRows = list[tuple[R, Key]]


class KeysetList(Generic[R]):
    """The rows of one filter in one order.

    ``read_run(run, limit)``: up to ``limit`` rows of a run, with their keys, in the run's direction.
    ``read_at(offset, limit)``: one page by OFFSET (only for a jump into the middle of the list).
    ``key_at(offset)``, where given: the key of row ``offset`` alone, by OFFSET over the sort index
    (which holds the key, so the skip reads no table row): the jump is then that key and a keyset page.
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
        key_at: Callable[[int], Key | None] | None = None,
    ) -> None:
        self.order = order
        self._key_at = key_at
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
        if self._key_at is not None:
            if offset <= 0:
                return self.after(None, limit)
            key = self._key_at(offset - 1)
            if key is not None:
                return self.after(key, limit)
            return Page.of([])  # past the end
        return Page.of(self._read_at(offset, limit))

    def locate(self, row_id: int) -> tuple[int, Key] | None:
        """The row number and key of ``row_id`` in the list (None: not in it)."""
        key = self._key_of(row_id)
        if key is None:
            return None
        before = sum(self._count_run(run) for run in runs_after(self.order.reversed(), key))
        return before, key

    def walk(self, batch: int = 1000) -> Iterator[R]:
        """Every row of the list in order, ``batch`` at a time by keyset (an export: never all in memory)."""
        key: Key | None = None
        while True:
            page = self.after(key, batch)
            yield from page.rows
            if len(page.rows) < batch:
                return
            key = page.last


Execute = Callable[[str, list[Any]], Any]
"""``db.execute_sql``: runs SQL with parameters and returns a cursor."""


def sql_listing(
    order: Order,
    *,
    execute: Execute,
    columns: str,
    source: str,
    params: Sequence[Any],
    sort: str,
    id_column: str,
    make_row: Callable[[tuple[Any, ...]], R],
) -> KeysetList[R]:
    """A ``KeysetList`` over one hand-written query, for the lists whose SQL is a string.

    ``source``: ``FROM … WHERE …`` (always a WHERE: ``WHERE 1 = 1`` for none), with ``params``.
    ``sort``: the SQL expression the list is ordered by (a column, a ``CASE`` or a subquery), then
    ``id_column`` in the same direction. ``make_row`` turns the ``columns`` of one result into a row.
    Each run is one ``(sort, id) > (?, ?)`` seek (``storage.queries.run_sql``); where an index on
    ``(sort, id)`` exists it reads only the page.
    """
    base = list(params)

    def keyed(rows: list[tuple[Any, ...]]) -> KeyedRows[R]:
        return [(make_row(tuple(r[:-2])), (r[-2], int(r[-1]))) for r in rows]

    def read_run(run: Run, limit: int) -> KeyedRows[R]:
        condition, order_by, run_params = run_sql(run, sort, id_column)
        sql = f"SELECT {columns}, {sort}, {id_column} {source} AND {condition} ORDER BY {order_by} LIMIT ?"
        return keyed(execute(sql, [*base, *run_params, limit]).fetchall())

    def read_at(offset: int, limit: int) -> KeyedRows[R]:
        direction = "DESC" if order.descending else "ASC"
        nulls = (" NULLS LAST" if order.nulls_last else " NULLS FIRST") if order.nullable else ""
        sql = (
            f"SELECT {columns}, {sort}, {id_column} {source}"
            f" ORDER BY {sort} {direction}{nulls}, {id_column} {direction} LIMIT ? OFFSET ?"
        )
        return keyed(execute(sql, [*base, limit, offset]).fetchall())

    def key_of(row_id: int) -> Key | None:
        found = execute(
            f"SELECT {sort}, {id_column} {source} AND {id_column} = ?", [*base, row_id]
        ).fetchone()
        return (found[0], int(found[1])) if found else None

    def count_run(run: Run) -> int:
        condition, _order_by, run_params = run_sql(run, sort, id_column)
        return int(execute(f"SELECT COUNT(*) {source} AND {condition}", [*base, *run_params]).fetchone()[0])

    return KeysetList(
        order,
        count=lambda: int(execute(f"SELECT COUNT(*) {source}", base).fetchone()[0]),
        read_run=read_run,
        read_at=read_at,
        key_of=key_of,
        count_run=count_run,
    )
