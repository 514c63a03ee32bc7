"""Keyset paging: which rows come after a row's sort key, whatever the sort column and its NULLs.

A long list (customers, complaints, vouchers, the audit log) is ordered by one column and then by the
id in the same direction, so every row has a unique key ``(value, id)``. The next page is "the rows
after the last key", which the database finds with one index seek; OFFSET would walk past every row
before it (24 ms a page at row 99,800 of 100,000, 166 ms at a million).

NULLs would break a plain ``(value, id) > (?, ?)``: SQL compares nothing with NULL. So a list over a
nullable column is read as two *runs*, the rows with a value and the rows without, each by its own
seek, in the order the list puts them. The storage layer turns a ``Run`` into SQL; nothing here knows
SQL or a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

Key = tuple[Any, int]
"""A row's place in its list: the sort column's stored value (None for NULL) and the row's id."""

R = TypeVar("R")


@dataclass(frozen=True)
class Order:
    """A list's order: one column, then the id in the same direction."""

    descending: bool = False
    nullable: bool = False
    nulls_last: bool = False
    """Where the rows without a value go in this order (only when ``nullable``)."""

    def reversed(self) -> Order:
        """The same list read from its end."""
        return replace(self, descending=not self.descending, nulls_last=not self.nulls_last)


@dataclass(frozen=True)
class Run:
    """A stretch of the list one index seek can read, in the list's direction.

    ``nulls``: True for the rows whose value is NULL (ordered by id alone), False for those with a
    value, None when the column has no NULLs. ``after``: only rows strictly after this key (None: from
    the run's start).
    """

    descending: bool
    nulls: bool | None = None
    after: Key | None = None


def runs_after(order: Order, key: Key | None) -> list[Run]:
    """The runs to read, in order, for the rows after ``key`` (None: the whole list from its start)."""
    d = order.descending
    if not order.nullable:
        return [Run(d, None, key)]
    values, nulls = Run(d, False), Run(d, True)
    if key is None:
        return [values, nulls] if order.nulls_last else [nulls, values]
    if key[0] is None:
        rest = Run(d, True, key)
        return [rest] if order.nulls_last else [rest, values]
    rest = Run(d, False, key)
    return [rest, nulls] if order.nulls_last else [rest]


@dataclass(frozen=True)
class Page(Generic[R]):
    """Consecutive rows of a list and the keys of the first and last (to read on from either end)."""

    rows: list[R] = field(default_factory=list)
    first: Key | None = None
    last: Key | None = None

    @classmethod
    def of(cls, keyed: list[tuple[R, Key]]) -> Page[R]:
        """A page from ``(row, key)`` pairs in list order."""
        if not keyed:
            return cls()
        return cls([row for row, _key in keyed], keyed[0][1], keyed[-1][1])
