"""The customer search index (migration 10) and the search that reads it instead of every row.

``customer_search`` is a contentless FTS5 table with the trigram tokenizer, one row per customer who
is not erased (rowid = customer id), kept in step by triggers on ``customer`` — so every write path
(the dialog, the import, erasure, retention, a raw ``UPDATE``) keeps it right without knowing it exists:

- ``names``: ``|name|address_as|``; ``phones``: ``,digits,digits,``; ``keys``: the pinyin keys, already
  ``|key|key|``. The delimiters turn "whole" and "starts with" into substrings: a whole phone number is
  ``,13812345678,``, a name starting with 王建 holds ``|王建``.
- ``short``: for the one- and two-character name queries that a trigram cannot hold, each character of
  ``|name|address_as|`` padded to three (``王##``) and each pair of neighbours padded to three (``|王#``,
  ``王建#``). Two-character pinyin and phone fragments need no such column: every place they occur has
  a character before it from a small alphabet, so "contains ``wj``" is "contains ``awj`` or ``bwj`` …
  or ``|wj``", an OR of trigrams.

The index only proposes candidates; every row is checked again with the very conditions of the
full scan (``queries.match_clause``), so the results are the full scan's, row for row. What the index
cannot answer (a one-digit or one-letter fragment, which nearly every customer contains) is read in
the order of the results, where the first 20 matches come after a few hundred rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

SEARCH_TABLE = "customer_search"
"""Created, filled and kept in step by migration 10 (``migrations._v10``: the table and its triggers)."""

KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789|"
"""Every character ``pinyin_keys`` writes (``tests/domain`` checks it)."""
PHONE_CHARS = "0123456789,"


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _any_of(column: str, texts: Sequence[str]) -> str:
    return f"{column} : (" + " OR ".join(_phrase(t) for t in texts) + ")"


def _delimited(kind: str) -> tuple[str, str, str]:
    """(column, delimiter, every character that can stand before a fragment) for a kind of query."""
    if kind == "phone":
        return "phones", ",", PHONE_CHARS
    if kind == "pinyin":
        return "keys", "|", KEY_CHARS
    return "names", "|", ""


def contains_expression(kind: str, needle: str) -> str | None:
    """An FTS5 query for the customers whose text (as ``match_clause`` reads it) contains ``needle``.

    It finds every such customer and maybe a few more; None when only reading the rows will do
    (a single digit or letter).
    """
    column, _delimiter, before = _delimited(kind)
    if len(needle) >= 3:
        return f"{column} : {_phrase(needle)}"
    if kind == "name":
        return f"short : {_phrase(needle + '#' * (3 - len(needle)))}"
    if len(needle) == 2:
        return _any_of(column, [c + needle for c in before])
    return None


def tier_expressions(kind: str, needle: str) -> tuple[str | None, str | None, str | None]:
    """The FTS5 queries for rank 0 (whole), 1 (starts with) and 2 (anywhere) of ``match_clause``."""
    column, delimiter, before = _delimited(kind)
    whole = f"{column} : {_phrase(delimiter + needle + delimiter)}"
    if len(needle) >= 2:
        prefix = f"{column} : {_phrase(delimiter + needle)}"
    elif kind == "name":
        prefix = f"short : {_phrase(delimiter + needle + '#')}"
    else:
        prefix = _any_of(column, [delimiter + needle + c for c in before])
    return whole, prefix, contains_expression(kind, needle)


def matching_ids(expression: str) -> tuple[str, list[Any]]:
    """A condition on ``customer.id``: among the candidates of an FTS5 query."""
    return f"customer.id IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?)", [expression]


Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
RESULT_ORDER = "last_service_at DESC NULLS LAST, id"


def index_cutoff(execute: Execute, limit: int) -> int:
    """Up to how many candidates the index is read: beyond it, reading in result order is cheaper.

    Candidates cost one row each; reading in order costs about ``limit × customers ÷ matches`` rows.
    The two meet near the square root of ``limit × customers`` (1,400 for 100,000, 4,500 for 1,000,000).
    """
    highest = execute("SELECT max(id) FROM customer", ())[0][0] or 0
    return max(200, math.isqrt(max(limit, 1) * int(highest)))


def _is_union(expression: str) -> bool:
    """Whether an FTS5 query is an OR of phrases (``_any_of``): wide by nature, rarely few candidates."""
    return " : (" in expression


def from_candidates(
    execute: Execute,
    expression: str,
    cutoff: int,
    page: tuple[str, list[Any], str, int],
    columns: str,
) -> list[tuple[Any, ...]] | None:
    """A page read from the FTS5 query's candidates in one statement, or None when it has more than
    ``cutoff`` of them (then nothing but ``cutoff`` + 1 index entries was read: the count is checked first).

    ``page`` is (condition on ``customer``, its parameters, ORDER BY, how many rows).
    """
    condition, params, order, wanted = page
    sql = (
        f"WITH candidate(id) AS MATERIALIZED (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? LIMIT ?),"
        " total(n) AS (SELECT count(*) FROM candidate)"
        f" SELECT page.*, total.n FROM total LEFT JOIN (SELECT {columns} FROM customer"
        f" WHERE id IN (SELECT id FROM candidate WHERE (SELECT n FROM total) <= ?) AND {condition}"
        f" ORDER BY {order} LIMIT ?) AS page"
    )
    rows = execute(sql, [expression, cutoff + 1, cutoff, *params, wanted])
    if rows[0][-1] > cutoff:
        return None
    if rows[0][0] is None:  # the left join's one row with no customer in it: nothing matched
        return []
    return [row[:-1] for row in rows]


def ranked_search(
    execute: Execute,
    kind: str,
    needle: str,
    limit: int,
    columns: str,
    match: tuple[str, str, list[Any]],
) -> list[tuple[Any, ...]]:
    """The best ``limit`` customers for a classified query, in the full scan's order.

    ``match`` is ``match_clause(kind, needle)``: its condition and rank are applied to every row.
    When the widest rank has few candidates, one statement sorts them all by rank. Otherwise, rank by
    rank, the index answers when it has few candidates (the page fills from them, sorted); otherwise
    the customers are read most recent first and the reading stops once the page is full.
    A rank is read only while the page still has room.
    """
    where, rank, params = match
    split = where.count("?")
    where_params, rank_params = params[:split], params[split:]
    cutoff = index_cutoff(execute, limit)
    whole, prefix, anywhere = tier_expressions(kind, needle)
    if anywhere is not None and len(needle) >= 2 and not _is_union(anywhere):
        # The widest rank's candidates hold every match of every rank: when they are few, one
        # statement sorted by rank answers (each phrase lookup costs about as much as the rest).
        everything = (f"{where} AND erased_at IS NULL", params, f"{rank}, {RESULT_ORDER}", limit)
        found = from_candidates(execute, anywhere, cutoff, everything, columns)
        if found is not None:
            return found
        expressions: tuple[str | None, ...] = (whole, prefix, None)  # "anywhere" has too many candidates
    else:  # one character, or an OR of trigrams (two letters or digits): wide, the ranks first
        expressions = (whole, prefix, anywhere)
    rows: list[tuple[Any, ...]] = []
    for tier, expression in enumerate(expressions):
        wanted = limit - len(rows)
        if wanted <= 0:
            break
        condition = f"{where} AND erased_at IS NULL AND ({rank}) = {tier}"
        condition_params = [*where_params, *rank_params]
        if expression is not None:
            page = (condition, condition_params, RESULT_ORDER, wanted)
            found = from_candidates(execute, expression, cutoff, page, columns)
            if found is not None:
                rows += found
                continue
        sql = f"SELECT {columns} FROM customer INDEXED BY customer_last_service WHERE {condition}"
        rows += execute(f"{sql} ORDER BY {RESULT_ORDER} LIMIT ?", [*condition_params, wanted])
    return rows
