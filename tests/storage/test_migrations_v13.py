"""Migration 13: first inquiries, and the reminder table rebuilt to take their follow-up reminders."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations

NOW = "2026-11-23T02:00:00.000000Z"


def _indexes(database, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    return {name for (name,) in rows}


def test_reminders_survive_the_rebuild_and_take_the_new_kind(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=12)
        database.execute_sql(
            "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
            " contact_channel, contact_start, contact_end, created_at, updated_at)"
            " VALUES ('李', '女士', '李女士', '13812345678', '13812345678', 'other', 'phone', '09:00', '20:00', ?, ?)",
            (NOW, NOW),
        )
        database.execute_sql(
            "INSERT INTO reminder (kind, subject, subject_id, slot, customer_id, title, due_at, wake_at, state,"
            " created_at) VALUES ('callback', 'incident', 7, '1', 1, '回访', ?, ?, 'raised', ?)",
            (NOW, NOW, NOW),
        )
        before = _indexes(database, "reminder")
        assert apply_migrations(database).to_version == LATEST_VERSION >= 13
        assert _indexes(database, "reminder") == before
        row = database.execute_sql("SELECT kind, subject_id, state, title FROM reminder").fetchall()
        assert row == [("callback", 7, "raised", "回访")]
        database.execute_sql(
            "INSERT INTO inquiry (customer_id, service, asked, follow_up_on, created_at)"
            " VALUES (1, '深度保洁', '多少钱', '2026-11-25', ?)",
            (NOW,),
        )
        database.execute_sql(
            "INSERT INTO reminder (kind, subject, subject_id, slot, customer_id, title, due_at, wake_at, state,"
            " created_at) VALUES ('inquiry', 'inquiry', 1, 'follow_up', 1, '跟进', ?, ?, 'pending', ?)",
            (NOW, NOW, NOW),
        )
        with pytest.raises(
            IntegrityError, match="CHECK constraint failed: state"
        ):  # the other CHECKs are still there
            database.execute_sql(
                "INSERT INTO reminder (kind, subject, subject_id, slot, title, due_at, wake_at, state, created_at)"
                " VALUES ('inquiry', 'inquiry', 2, 'x', 't', ?, ?, 'forgotten', ?)",
                (NOW, NOW, NOW),
            )
        database.execute_sql("DELETE FROM customer WHERE id = 1")  # erased for good: its inquiries go too
        assert database.execute_sql("SELECT count(*) FROM inquiry").fetchone()[0] == 0
    finally:
        database.close()
