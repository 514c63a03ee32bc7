"""Migration 18 (points): the points ledger, the owner's tier override, and what was there before."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations

NOW = "2026-11-23T02:00:00.000000Z"


def _customer(database, name: str, vip_tier: int, points: int) -> None:  # type: ignore[no-untyped-def]
    database.execute_sql(
        "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
        " contact_channel, contact_start, contact_end, created_at, updated_at, vip_tier, points)"
        " VALUES (?, '女士', ?, '13812345678', '13812345678', 'other', 'phone', '09:00', '20:00', ?, ?, ?, ?)",
        (name, name + "女士", NOW, NOW, vip_tier, points),
    )


def test_hand_typed_tiers_become_overrides_and_old_points_an_opening_entry(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=17)
        _customer(database, "李", 2, 350)
        _customer(database, "王", 0, 0)
        assert apply_migrations(database).to_version == LATEST_VERSION >= 18
        rows = database.execute_sql(
            "SELECT name, vip_tier, vip_override, vip_override_reason, points FROM customer ORDER BY id"
        ).fetchall()
        assert rows == [("李", 2, 2, "升级前手工设定", 350), ("王", 0, None, "", 0)]
        entries = database.execute_sql(
            "SELECT customer_id, kind, points, balance_after, reason FROM points_entry"
        ).fetchall()
        assert entries == [(1, "adjust", 350, 350, "升级前的积分")]
    finally:
        database.close()


def test_the_ledger_refuses_what_the_rules_forbid(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database)
        _customer(database, "李", 0, 0)
        insert = (
            "INSERT INTO points_entry (customer_id, kind, points, balance_after, service_record_id, at)"
            " VALUES (1, ?, ?, ?, NULL, ?)"
        )
        with pytest.raises(IntegrityError, match="CHECK constraint failed"):
            database.execute_sql(insert, ("spend", -10, -10, NOW))  # never below zero
        with pytest.raises(IntegrityError, match="CHECK constraint failed"):
            database.execute_sql(insert, ("gift", 10, 10, NOW))
        with pytest.raises(IntegrityError, match="CHECK constraint failed"):
            database.execute_sql("UPDATE customer SET vip_override = 4")
        database.execute_sql(
            "INSERT INTO service_record (customer_id, served_at, service_type, amount_fen, created_at)"
            " VALUES (1, ?, '日常保洁', 20000, ?)",
            (NOW, NOW),
        )
        earn = (
            "INSERT INTO points_entry (customer_id, kind, points, balance_after, service_record_id, at)"
            " VALUES (1, 'earn', 200, 200, 1, ?)"
        )
        database.execute_sql(earn, (NOW,))
        with pytest.raises(IntegrityError, match="UNIQUE"):
            database.execute_sql(earn, (NOW,))  # one visit earns once
        database.execute_sql("DELETE FROM service_record WHERE id = 1")  # the entry keeps its points
        assert database.execute_sql("SELECT points, service_record_id FROM points_entry").fetchall() == [
            (200, None)
        ]
    finally:
        database.close()
