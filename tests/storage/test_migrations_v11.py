"""Migration 11: an index ``(column, id)`` for each complaint and voucher sort that had none,
so a keyset page of those lists is one index seek (the plan says so)."""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.paging import Run
from jiazheng_desktop.services.incident_lists import _SORT as INCIDENT_SORTS
from jiazheng_desktop.services.voucher_views import SORTABLE as VOUCHER_SORTS
from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations
from jiazheng_desktop.storage.queries import run_sql

NEW = {
    "incident_by_severity": ("incident", "severity"),
    "incident_by_level": ("incident", "escalation_level"),
    "incident_by_step": ("incident", "current_step"),
    "voucher_by_created": ("voucher", "created_at"),
    "voucher_by_valid_until": ("voucher", "valid_until"),
    "voucher_by_value": ("voucher", "value_fen"),
    "voucher_by_per_use": ("voucher", "value_per_use_fen"),
    "reminder_active_wake": ("reminder", "wake_at"),
}


def _indexes(database) -> set[str]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in rows}


def test_migration_11_adds_the_list_indexes(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=10)
        assert not NEW.keys() & _indexes(database)
        assert apply_migrations(database).to_version == LATEST_VERSION >= 11
        assert NEW.keys() <= _indexes(database)
        for name, (table, column) in NEW.items():
            info = database.execute_sql(f"PRAGMA index_info({name})").fetchall()
            assert [row[2] for row in info] == [column, "id"], name
            assert database.execute_sql(f"PRAGMA index_list({table})").fetchall()
    finally:
        database.close()


_PLANS = [
    ("incident i", INCIDENT_SORTS["severity"], "i.id", "incident_by_severity"),
    ("incident i", INCIDENT_SORTS["level"], "i.id", "incident_by_level"),
    ("incident i", INCIDENT_SORTS["step"], "i.id", "incident_by_step"),
    ("incident i", INCIDENT_SORTS["reported_at"], "i.id", "incident_reported"),
    ("voucher v", VOUCHER_SORTS["created_at"], "v.id", "voucher_by_created"),
    ("voucher v", VOUCHER_SORTS["valid_until"], "v.id", "voucher_by_valid_until"),
    ("voucher v", VOUCHER_SORTS["value"], "v.id", "voucher_by_value"),
    ("voucher v", VOUCHER_SORTS["per_use"], "v.id", "voucher_by_per_use"),
]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(("table", "sort", "id_column", "index"), _PLANS)
def test_a_keyset_page_seeks_the_index(data_paths, table, sort, id_column, index, descending) -> None:
    """The page after a key, as the lists read it: the index is searched, nothing is sorted."""
    database = connect(data_paths.database)
    try:
        apply_migrations(database)
        condition, order_by, params = run_sql(Run(descending, None, (1, 1)), sort, id_column)
        plan = database.execute_sql(
            f"EXPLAIN QUERY PLAN SELECT {id_column} FROM {table} WHERE {condition} ORDER BY {order_by} LIMIT 200",
            params,
        ).fetchall()
        details = " | ".join(str(row[-1]) for row in plan)
        assert f"SEARCH {table.split()[1]} USING" in details and index in details, details
        assert "TEMP B-TREE" not in details, details
    finally:
        database.close()
