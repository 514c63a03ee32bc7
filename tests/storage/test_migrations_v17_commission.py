"""Migration 17 (referral commission): the commission ledger, one entry per visit, kept with its customers."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations

NOW = "2026-11-23T02:00:00.000000Z"


def _tables(database) -> set[str]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def _customer(database, name: str) -> int:  # type: ignore[no-untyped-def]
    cursor = database.execute_sql(
        "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
        " contact_channel, contact_start, contact_end, created_at, updated_at)"
        " VALUES (?, '女士', ?, '13812345678', '13812345678', 'other', 'phone', '09:00', '20:00', ?, ?)",
        (name, name + "女士", NOW, NOW),
    )
    return int(cursor.lastrowid)


def _entry(database, referrer: int, customer: int, visit: int, **extra: object) -> None:  # type: ignore[no-untyped-def]
    columns = {"status": "pending", **extra}
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    database.execute_sql(
        f"INSERT INTO referral_commission (referrer_id, customer_id, service_record_id, amount_fen, earned_at,"
        f" {names}) VALUES (?, ?, ?, 2000, ?, {marks})",
        (referrer, customer, visit, NOW, *columns.values()),
    )


def test_migration_17_adds_the_commission_ledger(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=16)
        assert "referral_commission" not in _tables(database)
        referrer = _customer(database, "王")
        assert apply_migrations(database).to_version == LATEST_VERSION >= 17
        referred = _customer(database, "李")
        visit = database.execute_sql(
            "INSERT INTO service_record (customer_id, served_at, service_type, amount_fen, created_at)"
            " VALUES (?, ?, '日常保洁', 20000, ?)",
            (referred, NOW, NOW),
        ).lastrowid
        _entry(database, referrer, referred, visit)
        with pytest.raises(IntegrityError, match="UNIQUE"):  # never twice for the same visit
            _entry(database, referrer, referred, visit)
        with pytest.raises(IntegrityError, match="CHECK"):  # settled needs its time, pending has none
            database.execute_sql("UPDATE referral_commission SET status = 'settled'")
        database.execute_sql(
            "UPDATE referral_commission SET status = 'settled', settled_at = ?, settle_method = 'wechat'",
            (NOW,),
        )
        with pytest.raises(IntegrityError, match="CHECK"):
            database.execute_sql("UPDATE referral_commission SET settle_method = '红包'")
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):  # the ledger keeps its customers
            database.execute_sql("DELETE FROM customer WHERE id = ?", (referrer,))
    finally:
        database.close()


def test_the_model_matches_the_table(data_paths) -> None:
    from jiazheng_desktop.storage.models import ReferralCommission

    database = connect(data_paths.database)
    try:
        apply_migrations(database)
        columns = {row[1] for row in database.execute_sql("PRAGMA table_info(referral_commission)")}
        assert columns == {f.column_name for f in ReferralCommission._meta.sorted_fields}
    finally:
        database.close()
