"""Migration 14: ``remedy.visit_id``, the re-inspection visit (复查) a 行动 remedy booked; remedies recorded
before it keep their rows and have no visit."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations

NOW = "2026-11-23T02:00:00.000000Z"


def _columns(database, table: str) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    return {row[1]: row for row in database.execute_sql(f"PRAGMA table_info({table})").fetchall()}


def _seed(database) -> None:  # type: ignore[no-untyped-def]
    """A staff member, a customer and a resolved complaint (the same rows before and after)."""
    database.execute_sql(
        "INSERT INTO staff (name, role, password_hash, created_at) VALUES ('李店主', 3, 'x', ?)", (NOW,)
    )
    database.execute_sql(
        "INSERT INTO customer (name, address_as, phones, phone_digits, customer_type, contact_channel,"
        " contact_start, contact_end, created_at, updated_at, name_sort)"
        " VALUES ('王强', '王先生', '13800000000', '13800000000', 'office_worker', 'sms', '09:00', '20:00', ?, ?, 'wq')",
        (NOW, NOW),
    )
    database.execute_sql(
        "INSERT INTO incident (number, customer_id, category, severity, channel, customer_said, reported_at,"
        " status, current_step, escalation_level, created_at, updated_at)"
        " VALUES ('SJ-2026-0001', 1, 'not_clean', 1, 'phone', '有异味', ?, 'resolved', 5, 1, ?, ?)",
        (NOW, NOW, NOW),
    )


def test_migration_14_adds_the_visit_of_a_remedy(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=13)
        assert "visit_id" not in _columns(database, "remedy")
        _seed(database)
        database.execute_sql(
            "INSERT INTO remedy (incident_id, kind, amount_fen, note, created_at) VALUES (1, 'redo', 0, '返工', ?)",
            (NOW,),
        )
        assert apply_migrations(database).to_version == LATEST_VERSION >= 14
        column = _columns(database, "remedy")["visit_id"]
        assert column[2] == "INTEGER" and column[4] is None  # type, no default: NULL
        assert database.execute_sql("SELECT kind, note, visit_id FROM remedy").fetchall() == [
            ("redo", "返工", None)
        ]
        keys = database.execute_sql("PRAGMA foreign_key_list(remedy)").fetchall()
        assert any(k[2] == "service_record" and k[3] == "visit_id" and k[6] == "SET NULL" for k in keys)
    finally:
        database.close()


def test_the_visit_must_exist_and_its_removal_leaves_the_remedy(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database)
        database.execute_sql("PRAGMA foreign_keys = ON")
        _seed(database)
        insert = (
            "INSERT INTO remedy (incident_id, kind, amount_fen, note, created_at, visit_id)"
            " VALUES (1, 'reinspect', 0, '复查异味', ?, ?)"
        )
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            database.execute_sql(insert, (NOW, 99))
        database.execute_sql(
            "INSERT INTO service_record (customer_id, served_at, service_type, amount_fen, created_at)"
            " VALUES (1, ?, '深度保洁', 0, ?)",
            (NOW, NOW),
        )
        database.execute_sql(insert, (NOW, 1))
        database.execute_sql("DELETE FROM service_record WHERE id = 1")
        assert database.execute_sql("SELECT note, visit_id FROM remedy").fetchall() == [("复查异味", None)]
    finally:
        database.close()


def _reminder_schema(database) -> dict[str, str]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'reminder' AND type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    return dict(rows)


def test_migration_14_lets_reminders_be_of_the_reinspection_kind_and_keeps_every_reminder(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=13)
        _seed(database)
        insert = (
            "INSERT INTO reminder (kind, subject, subject_id, slot, customer_id, title, due_at, wake_at, state,"
            " closed_by, created_at) VALUES (?, 'incident', 1, ?, 1, '提醒', ?, ?, 'pending', '', ?)"
        )
        with pytest.raises(IntegrityError, match="CHECK"):
            database.execute_sql(insert, ("reinspection", "9", NOW, NOW, NOW))
        database.execute_sql(insert, ("callback", "1", NOW, NOW, NOW))
        indexes = _reminder_schema(database)
        before = database.execute_sql("SELECT * FROM reminder").fetchall()
        apply_migrations(database)
        assert database.execute_sql("SELECT * FROM reminder").fetchall() == before
        assert _reminder_schema(database) == indexes  # every index back, as it was
        database.execute_sql(insert, ("reinspection", "9", NOW, NOW, NOW))
        with pytest.raises(IntegrityError, match="CHECK"):
            database.execute_sql(insert, ("visit", "9", NOW, NOW, NOW))
        with pytest.raises(IntegrityError, match="UNIQUE"):
            database.execute_sql(insert, ("reinspection", "9", NOW, NOW, NOW))
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        database.close()
