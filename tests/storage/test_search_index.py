"""The indexed customer search finds exactly what the full scan found, in the same order.

The reference is the search as it was before the index (issue 15), written out below: every row read,
``LIKE '%…%'`` over the name, form of address, phone digits and pinyin keys.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from jiazheng_desktop.demo.generator import generate_demo
from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.domain.search_keys import classify_query, pinyin_keys
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import Services, build_services
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.models import db
from jiazheng_desktop.storage.search_index import KEY_CHARS, index_cutoff

CUSTOMERS = 3000


# -- the full scan, as it was --------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def old_match_clause(kind: str, needle: str) -> tuple[str, str, list[Any]]:
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
    return (
        "(name LIKE ? ESCAPE '\\' OR address_as LIKE ? ESCAPE '\\')",
        "CASE WHEN name = ? OR address_as = ? THEN 0"
        " WHEN name LIKE ? ESCAPE '\\' OR address_as LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END",
        [f"%{n}%", f"%{n}%", needle, needle, f"{n}%", f"{n}%"],
    )


def old_search(text: str, limit: int) -> list[int]:
    kind, needle = classify_query(text)
    if kind == "empty":
        return []
    where, rank, params = old_match_clause(kind, needle)
    where_params = params[: where.count("?")]
    rank_params = params[where.count("?") :]
    sql = (
        f"SELECT id, address_as, name, phones, district, vip_tier, {rank} AS rank"
        f" FROM customer WHERE {where} AND erased_at IS NULL"
        " ORDER BY rank, last_service_at DESC NULLS LAST, id LIMIT ?"
    )
    return [row[0] for row in db.execute_sql(sql, [*rank_params, *where_params, limit]).fetchall()]


def old_list(text: str) -> list[int]:
    """The customer list's rows for a text filter, sorted by name, as the full scan gave them."""
    kind, needle = classify_query(text)
    where, _rank, params = old_match_clause(kind, needle)
    sql = f"SELECT id FROM customer WHERE erased_at IS NULL AND {where} ORDER BY name_sort, id"
    return [row[0] for row in db.execute_sql(sql, params[: where.count("?")]).fetchall()]


# -- the data ----------------------------------------------------------------------------------------

ODD_CUSTOMERS = [
    # (name, address_as, phone digits): what the demo does not make
    ("Tom Lee", "Tom Lee先生", "13900001111"),
    ("王", "王女士", "13900002222"),
    ("长江", "长先生", "02155556666,13900003333"),
    ("张%_伟", "张%_伟", "13900004444"),
    ('李"明"', "李女士", "13900005555"),
    ("欧阳#修", "欧阳先生", "13900006666"),
    ("赵|四", "赵先生", "13900007777"),
    ("ÉMILE 王", "Émile", "13900008888"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """3,000 demo customers (the same every run), a few odd ones, and a few erased."""
    from datetime import datetime

    from jiazheng_desktop.domain.clock import CHINA_TZ

    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
    paths = DataPaths(tmp_path_factory.mktemp("search") / "office")
    paths.ensure()
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=bytes(range(32)))
    generate_demo(clock, customers=CUSTOMERS, seed=15)
    with db.atomic():
        for i, (name, address_as, digits) in enumerate(ODD_CUSTOMERS):
            db.execute_sql(
                "INSERT INTO customer (name, address_as, phones, phone_digits, customer_type, contact_channel,"
                " contact_start, contact_end, created_at, updated_at, last_service_at, search_keys)"
                " VALUES (?, ?, ?, ?, 'other', 'phone', '09:00', '20:00', '2026-01-01T00:00:00.000000Z',"
                " '2026-01-01T00:00:00.000000Z', ?, ?)",
                (name, address_as, digits, digits, None if i % 2 else f"2026-0{i + 1}-01T00:00:00.000000Z",
                 pinyin_keys(name, address_as)),
            )  # fmt: skip
        # Erased as erasure leaves them (a label for a name, the rest blank): never found again.
        db.execute_sql(
            "UPDATE customer SET name = '已删除客户 #' || id, address_as = '已删除客户 #' || id,"
            " phones = '', phone_digits = '', search_keys = '', erased_at = '2026-11-01T00:00:00.000000Z'"
            " WHERE id % 97 = 0"
        )
    yield build_services(clock)
    close_database()


def _queries(rng: random.Random) -> list[str]:
    """Fixed cases, then fragments of real customers: 1–4 characters of names, phones of every length,
    pinyin keys and their prefixes, and a few mixed or odd texts."""
    queries = [
        "王", "王建", "王建国", "王先生", "张", "长", "zhang", "zhangwei", "wxs", "wj", "w", "z", "zh", "v",
        "nvshi", "13", "1", "5", "5678", "1381", "138", "0", "00", "021", "WXS", "Wang Jian", "王 建",
        "张%", "%", "_", "13_8", "\\", '"', '李"', "|", "#", "欧阳#", "赵|", "tom", "Tom Lee", "émile",
        "ÉMILE", "已删除", "已删除客户", "q", "qx", "xz", "vn", "gj", "ng", "王1", "1王", "士", "女士",
    ]  # fmt: skip
    rows = db.execute_sql(
        "SELECT name, address_as, phone_digits, search_keys FROM customer WHERE erased_at IS NULL"
    ).fetchall()
    for name, address_as, digits, keys in rng.sample(rows, 160):
        text = rng.choice((name, address_as))
        length = rng.randint(1, min(4, len(text)))
        start = rng.randint(0, len(text) - length)
        queries.append(text[start : start + length])
        number = rng.choice(digits.split(","))
        length = rng.choice((1, 2, 3, 4, 5, 7, 11))
        start = rng.randint(0, max(0, len(number) - length))
        queries.append(number[start : start + length])
        key = rng.choice([k for k in keys.split("|") if k])
        queries.append(key[: rng.randint(1, len(key))])
        start = rng.randint(0, len(key) - 1)
        queries.append(key[start : start + rng.randint(1, 4)])
    return list(dict.fromkeys(queries))


QUERY_SEED = 1515


@pytest.mark.parametrize("limit", [20, 200, 10_000])
def test_search_gives_the_full_scans_results_in_its_order(demo: Services, limit: int) -> None:
    queries = _queries(random.Random(QUERY_SEED))
    assert len(queries) > 500
    found_somewhere = 0
    for query in queries:
        expected = old_search(query, limit)
        assert [hit.id for hit in demo.customers.search(query, limit=limit)] == expected, query
        found_somewhere += bool(expected)
    assert found_somewhere > 0.9 * len(queries)


@pytest.mark.parametrize("cutoff", [3, 40])
def test_with_few_candidates_allowed_the_ranks_give_the_same_results(
    demo: Services, cutoff: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small cutoff sends most queries past the one-statement page to the rank-by-rank reading."""
    from jiazheng_desktop.storage import search_index

    monkeypatch.setattr(search_index, "index_cutoff", lambda execute, limit: cutoff)
    for query in _queries(random.Random(QUERY_SEED + 2))[::2]:
        assert [hit.id for hit in demo.customers.search(query)] == old_search(query, 20), query


def test_a_whole_phone_number_is_one_look_at_the_index(
    demo: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The widest rank's few candidates answer every rank at once: one statement besides the cutoff's."""
    from jiazheng_desktop.services import customers as customer_service

    row = db.execute_sql("SELECT phone_digits FROM customer WHERE phone_digits != '' LIMIT 1").fetchone()
    phone = row[0].split(",")[0]
    statements: list[str] = []
    real = customer_service._execute

    def counted(sql: str, params: Any) -> list[tuple[Any, ...]]:
        statements.append(sql)
        return real(sql, params)

    monkeypatch.setattr(customer_service, "_execute", counted)
    hits = demo.customers.search(phone)
    assert hits and hits[0].id == old_search(phone, 20)[0]
    assert [s for s in statements if "MATCH" in s] == [statements[-1]]
    assert len(statements) == 2


def test_both_ways_of_reading_are_taken(demo: Services) -> None:
    """Some queries have few candidates (read from the index), some many (read in result order)."""
    from jiazheng_desktop.storage.search_index import from_candidates, tier_expressions

    def execute(sql: str, params: Any) -> list[tuple[Any, ...]]:
        return list(db.execute_sql(sql, params).fetchall())

    cutoff = index_cutoff(execute, 20)
    columns = "id"
    page = ("erased_at IS NULL", [], "id", 20)
    one_person = tier_expressions("name", "王建国")[0] or ""
    nearly_everyone = tier_expressions("phone", "13")[1] or ""
    assert from_candidates(execute, one_person, cutoff, page, columns) is not None
    assert from_candidates(execute, nearly_everyone, cutoff, page, columns) is None
    assert from_candidates(execute, 'names : "|没有这个人|"', cutoff, page, columns) == []


def test_the_list_filter_gives_the_full_scans_rows(demo: Services) -> None:
    queries = _queries(random.Random(QUERY_SEED + 1))[::3]
    for query in queries:
        flt = CustomerFilter(text=query)
        expected = old_list(query)
        assert demo.customers.count(flt) == len(expected), query
        assert [row.id for row in demo.customers.page(flt, 0, 50)] == expected[:50], query


def test_pinyin_keys_use_only_the_characters_the_index_expects(demo: Services) -> None:
    keys = "".join(row[0] for row in db.execute_sql("SELECT search_keys FROM customer").fetchall())
    assert set(keys) <= set(KEY_CHARS)


def test_the_index_holds_every_customer_not_erased_and_no_one_else(demo: Services) -> None:
    indexed = db.execute_sql("SELECT count(*) FROM customer_search").fetchone()[0]
    kept = db.execute_sql("SELECT count(*) FROM customer WHERE erased_at IS NULL").fetchone()[0]
    assert indexed == kept == CUSTOMERS + len(ODD_CUSTOMERS) - (CUSTOMERS + len(ODD_CUSTOMERS)) // 97
