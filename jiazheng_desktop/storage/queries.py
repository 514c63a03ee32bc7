"""Named queries that need hand-written SQL: customer search and the paged customer list (keyset runs).

Both read the customer search index (``search_index``) wherever it can answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.paging import Order, Run
from .models import db
from .postgres import is_server
from .search_index import RESULT_ORDER, Execute, contains_expression, matching_ids, ranked_search

CUSTOMER_LIST_COLUMNS = (
    "id, address_as, name, phones, district, customer_type, vip_tier, last_service_at, created_at,"
    " lifecycle_stage, churn_risk"
)
CUSTOMER_EXPORT_COLUMNS = CUSTOMER_LIST_COLUMNS + ", address, points, contact_channel"
"""The list's columns and, after them, what an export adds (the same rows, the same order)."""

SORTABLE = {
    "name": "name_sort",
    "address_as": "name_sort",
    "phones": "phones",
    "district": "district",
    "customer_type": "customer_type",
    "vip_tier": "vip_tier",
    "last_service_at": "last_service_at",
    "created_at": "created_at",
    "lifecycle_stage": "lifecycle_stage",
    "churn_risk": "churn_risk",
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def match_clause(kind: str, needle: str) -> tuple[str, str, list[Any]]:
    """For a classified query: (WHERE condition, rank expression, parameters).

    Rank 0 is a whole match (the full name, a whole phone number, a whole pinyin key),
    1 a prefix, 2 anywhere inside.
    """
    n = _escape_like(needle)
    if kind == "phone":
        return (
            "phone_digits LIKE ? ESCAPE '\\'",
            "CASE WHEN ',' || phone_digits || ',' LIKE ? ESCAPE '\\' THEN 0"
            " WHEN ',' || phone_digits LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END",
            [f"%{n}%", f"%,{n},%", f"%,{n}%"],
        )
    if kind == "pinyin":
        return (
            "search_keys LIKE ? ESCAPE '\\'",
            "CASE WHEN search_keys LIKE ? ESCAPE '\\' THEN 0"
            " WHEN search_keys LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END",
            [f"%{n}%", f"%|{n}|%", f"%|{n}%"],
        )
    # SQLite's LIKE ignores the case of Latin letters ("amy王" finds "Amy王"); the server's ILIKE does too.
    like = "ILIKE" if is_server(db.obj) else "LIKE"
    return (
        f"(name {like} ? ESCAPE '\\' OR address_as {like} ? ESCAPE '\\')",
        "CASE WHEN name = ? OR address_as = ? THEN 0"
        f" WHEN name {like} ? ESCAPE '\\' OR address_as {like} ? ESCAPE '\\' THEN 1 ELSE 2 END",
        [f"%{n}%", f"%{n}%", needle, needle, f"{n}%", f"{n}%"],
    )


def _server_short(kind: str, needle: str) -> tuple[str, list[Any]] | None:
    """On the server, for a one- or two-character name or pinyin fragment: the candidates from the
    short-pieces index (migration 21), which a trigram index cannot give."""
    if len(needle) > 2 or kind not in ("name", "pinyin"):
        return None
    if kind == "name":
        return "short_grams(lower(name || '|' || address_as)) @> ARRAY[?]", [needle.lower()]
    return "short_grams(search_keys) @> ARRAY[?]", [needle.lower()]


def text_condition(kind: str, needle: str) -> tuple[str, list[Any]]:
    """A condition on ``customer`` for "matches what was typed": through the search index where it
    can answer, always with ``match_clause``'s own condition (the index proposes, the row decides).
    """
    where, _rank, params = match_clause(kind, needle)
    where_params = params[: where.count("?")]
    if is_server(db.obj):  # the server's trigram indexes serve these LIKE conditions themselves
        short = _server_short(kind, needle)
        if short is None:
            return where, where_params
        return f"{short[0]} AND {where}", [*short[1], *where_params]
    expression = contains_expression(kind, needle)
    if expression is None:  # one digit or letter: nearly every customer has it, a scan is as quick
        return where, where_params
    ids, id_params = matching_ids(expression)
    return f"{ids} AND {where}", [*id_params, *where_params]


SEARCH_COLUMNS = "id, address_as, name, phones, district, vip_tier"


def search(execute: Execute, kind: str, needle: str, limit: int) -> list[tuple[Any, ...]]:
    """The global search: best matches first (``match_clause``'s rank), then the customers served
    most recently, then by id; ``SEARCH_COLUMNS`` of at most ``limit`` customers not erased.

    Reads the search index rank by rank and stops once the page is full (``search_index.ranked_search``).
    """
    match = match_clause(kind, needle)
    if is_server(db.obj):  # trigram indexes on the same columns: one statement, the same order
        where, rank, params = match
        short = _server_short(kind, needle)
        candidates, candidate_params = short if short is not None else ("1 = 1", [])
        sql = (
            f"SELECT {SEARCH_COLUMNS} FROM customer WHERE {candidates} AND {where} AND erased_at IS NULL"
            f" ORDER BY {rank}, {RESULT_ORDER} LIMIT ?"
        )
        return execute(sql, [*candidate_params, *params, limit])
    return ranked_search(execute, kind, needle, limit, SEARCH_COLUMNS, match)


@dataclass(frozen=True)
class ListQuery:
    """What the customer list shows: a text filter, choice filters and the sort order."""

    kind: str = "empty"
    needle: str = ""
    customer_type: str | None = None
    vip_tier: int | None = None
    sort: str = "name"
    descending: bool = False
    consent_purpose: str | None = None
    """Only customers whose latest answer for this purpose (a ``Purpose`` id) is a grant."""
    stage: str | None = None
    """Only customers at this lifecycle stage (a ``Stage`` id, as kept on the row by migration 15)."""
    risk_from: int | None = None
    risk_below: int | None = None
    """Only customers whose churn risk is at least ``risk_from`` and below ``risk_below``."""


CONSENT_GRANTED = (
    "(SELECT c.granted FROM consent c WHERE c.customer_id = customer.id AND c.purpose = ?"
    " ORDER BY c.id DESC LIMIT 1) = 1"
)
"""The customer's latest ledger line for a purpose is a grant: one seek on the index
``consent (customer_id, purpose, id)`` per customer looked at (or its twin ``(purpose, customer_id, id)``).
On 100,000 customers a page of the list sorted by name takes about 2 ms; counting them all, about 130 ms."""


def _list_where(query: ListQuery) -> tuple[str, list[Any]]:
    conditions: list[str] = ["erased_at IS NULL"]  # erased customers stay only as ids in the books
    params: list[Any] = []
    if query.kind != "empty":
        where, match_params = text_condition(query.kind, query.needle)
        conditions.append(where)
        params.extend(match_params)
    if query.customer_type is not None:
        conditions.append("customer_type = ?")
        params.append(query.customer_type)
    if query.vip_tier is not None:
        conditions.append("vip_tier = ?")
        params.append(query.vip_tier)
    if query.consent_purpose is not None:
        conditions.append(CONSENT_GRANTED)
        params.append(query.consent_purpose)
    if query.stage is not None:
        conditions.append("lifecycle_stage = ?")
        params.append(query.stage)
    if query.risk_from is not None:
        conditions.append("churn_risk >= ?")
        params.append(query.risk_from)
    if query.risk_below is not None:
        conditions.append("churn_risk < ?")
        params.append(query.risk_below)
    return " WHERE " + " AND ".join(conditions), params


def list_count_sql(query: ListQuery) -> tuple[str, list[Any]]:
    where, params = _list_where(query)
    return f"SELECT COUNT(*) FROM customer{where}", params


EVERY_ROW = 2**63 - 1
"""A LIMIT that holds every row, on both back-ends (SQLite's -1 is an error on PostgreSQL)."""


def list_page_sql(
    query: ListQuery, offset: int, limit: int, columns: str = CUSTOMER_LIST_COLUMNS
) -> tuple[str, list[Any]]:
    """One page of the customer list, filtered and sorted in SQL (``limit`` -1: every row after ``offset``).

    ``columns``: the list's own, or ``CUSTOMER_EXPORT_COLUMNS`` for an export of the same rows.
    """
    where, params = _list_where(query)
    column = SORTABLE.get(query.sort, "name_sort")
    direction = "DESC" if query.descending else "ASC"
    nulls = " NULLS LAST" if column == "last_service_at" else ""
    # With a text filter, walking the sort index visits most of the table in index order
    # (70-90 ms on 100,000 customers); one straight scan and a sort of the matches is ~20 ms.
    source = "customer NOT INDEXED" if query.kind != "empty" else "customer"
    sql = f"SELECT {columns} FROM {source}{where} ORDER BY {column} {direction}{nulls}, id {direction}"
    if limit < 0 and offset == 0:  # every row: no LIMIT (PostgreSQL refuses SQLite's LIMIT -1)
        return sql, params
    return f"{sql} LIMIT ? OFFSET ?", [*params, limit if limit >= 0 else EVERY_ROW, offset]


def run_sql(run: Run, column: str, id_column: str = "id") -> tuple[str, str, list[Any]]:
    """A keyset run (``domain.paging``) as SQL: (condition, ORDER BY, parameters).

    ``(column, id) > (?, ?)`` is a row-value comparison: SQLite seeks the ``(column, id)`` index to it,
    where the equivalent ``column > ? OR (column = ? AND id > ?)`` scans.
    """
    direction = "DESC" if run.descending else "ASC"
    cmp = "<" if run.descending else ">"
    if run.nulls:
        condition = f"{column} IS NULL" + (f" AND {id_column} {cmp} ?" if run.after else "")
        return condition, f"{id_column} {direction}", [run.after[1]] if run.after else []
    conditions = [f"{column} IS NOT NULL"] if run.nulls is False else []
    params: list[Any] = []
    if run.after is not None:
        conditions.append(f"({column}, {id_column}) {cmp} (?, ?)")
        params.extend(run.after)
    return " AND ".join(conditions) or "1 = 1", f"{column} {direction}, {id_column} {direction}", params


def list_order(query: ListQuery) -> tuple[str, Order]:
    """The column the customer list is sorted by and its keyset order (NULL 最近服务 last either way)."""
    column = SORTABLE.get(query.sort, "name_sort")
    nullable = column == "last_service_at"
    return column, Order(query.descending, nullable, nulls_last=nullable)


def list_run_sql(
    query: ListQuery, run: Run, limit: int, columns: str = CUSTOMER_LIST_COLUMNS
) -> tuple[str, list[Any]]:
    """Up to ``limit`` rows of one keyset run of the customer list, each with its sort value last."""
    where, params = _list_where(query)
    column, _order = list_order(query)
    condition, order_by, run_params = run_sql(run, column)
    source = "customer NOT INDEXED" if query.kind != "empty" else "customer"  # see list_page_sql
    sql = f"SELECT {columns}, {column} FROM {source}{where} AND {condition} ORDER BY {order_by} LIMIT ?"
    return sql, [*params, *run_params, limit]


def list_run_count_sql(query: ListQuery, run: Run) -> tuple[str, list[Any]]:
    """How many customers of the list one keyset run holds (to find a row's number)."""
    where, params = _list_where(query)
    column, _order = list_order(query)
    condition, _order_by, run_params = run_sql(run, column)
    return f"SELECT COUNT(*) FROM customer{where} AND {condition}", [*params, *run_params]


def list_key_sql(query: ListQuery, customer_id: int) -> tuple[str, list[Any]]:
    """A customer's sort value, when the list with this filter shows them (no row: it does not)."""
    where, params = _list_where(query)
    column, _order = list_order(query)
    return f"SELECT {column}, id FROM customer{where} AND id = ?", [*params, customer_id]
