"""Migration 12: partial indexes of the customers not erased for the customer list's main orders, which
the list's count and its jump into the middle read instead of every row (the plan says so)."""

from __future__ import annotations

import pytest

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations
from jiazheng_desktop.storage.queries import ListQuery, list_count_sql, list_page_sql

NEW = {
    "customer_kept_by_last_service": "last_service_at",
    "customer_kept_by_name": "name_sort",
    "customer_kept_by_created": "created_at",
}


def _indexes(database) -> set[str]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in rows}


def test_migration_12_adds_partial_indexes_of_the_customers_kept(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=11)
        assert not NEW.keys() & _indexes(database)
        assert apply_migrations(database).to_version == LATEST_VERSION >= 12
        for name, column in NEW.items():
            info = database.execute_sql(f"PRAGMA index_info({name})").fetchall()
            assert [row[2] for row in info] == [column, "id"], name
            sql = database.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
            assert sql.endswith("WHERE erased_at IS NULL"), name
    finally:
        database.close()


def _plan(database, sql: str, params: list[object]) -> str:  # type: ignore[no-untyped-def]
    return " | ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())


@pytest.mark.parametrize("sort", ["last_service_at", "name", "created_at"])
def test_the_list_count_and_its_jump_read_a_partial_index(data_paths, sort: str) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database)
        count_plan = _plan(database, *list_count_sql(ListQuery(sort=sort)))
        assert "customer_kept_by_" in count_plan and "SCAN customer USING" in count_plan, count_plan
        column = {"last_service_at": "last_service_at", "name": "name_sort", "created_at": "created_at"}[sort]
        jump_plan = _plan(database, *list_page_sql(ListQuery(sort=sort), 5000, 1, f"{column}, id"))
        assert "customer_kept_by_" in jump_plan or "COVERING INDEX" in jump_plan, jump_plan
    finally:
        database.close()
