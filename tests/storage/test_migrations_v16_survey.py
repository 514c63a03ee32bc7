"""Migration 16 (surveys): the survey table, and the reminder table rebuilt to take survey reminders."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import apply_migrations

NOW = "2026-11-23T02:00:00.000000Z"


def _indexes(database, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    return {name for (name,) in rows}


def _reminder(database, kind: str, subject: str, subject_id: int, state: str = "pending") -> None:  # type: ignore[no-untyped-def]
    database.execute_sql(
        "INSERT INTO reminder (kind, subject, subject_id, slot, customer_id, title, due_at, wake_at, state,"
        " created_at) VALUES (?, ?, ?, 'first', 1, '回访', ?, ?, ?, ?)",
        (kind, subject, subject_id, NOW, NOW, state, NOW),
    )


def test_reminders_survive_the_rebuild_and_surveys_hang_on_visits(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=15)
        database.execute_sql(
            "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
            " contact_channel, contact_start, contact_end, created_at, updated_at)"
            " VALUES ('李', '女士', '李女士', '13812345678', '13812345678', 'other', 'phone', '09:00', '20:00', ?, ?)",
            (NOW, NOW),
        )
        database.execute_sql(
            "INSERT INTO service_record (customer_id, served_at, service_type, amount_fen, created_at)"
            " VALUES (1, ?, '日常保洁', 15000, ?)",
            (NOW, NOW),
        )
        _reminder(database, "inquiry", "inquiry", 7, "raised")
        with pytest.raises(IntegrityError, match="CHECK constraint failed"):
            _reminder(database, "survey", "service_record", 1)  # not before the migration
        before = _indexes(database, "reminder")
        assert apply_migrations(database).to_version >= 16
        assert _indexes(database, "reminder") == before
        rows = database.execute_sql("SELECT kind, subject_id, state FROM reminder").fetchall()
        assert rows == [("inquiry", 7, "raised")]
        _reminder(database, "survey", "service_record", 1)
        database.execute_sql(
            "INSERT INTO survey (customer_id, service_record_id, outcome, score, note, consent, asked_at)"
            " VALUES (1, 1, 'answered', 4, '阿姨很细心', 1, ?)",
            (NOW,),
        )
        with pytest.raises(IntegrityError, match="CHECK constraint failed"):
            database.execute_sql(
                "INSERT INTO survey (customer_id, outcome, score, asked_at) VALUES (1, 'answered', 6, ?)",
                (NOW,),
            )
        with pytest.raises(IntegrityError, match="CHECK constraint failed"):
            database.execute_sql(
                "INSERT INTO survey (customer_id, outcome, asked_at) VALUES (1, 'maybe', ?)", (NOW,)
            )
        with pytest.raises(IntegrityError, match="CHECK constraint failed: state"):  # the other CHECKs stay
            _reminder(database, "survey", "service_record", 2, "forgotten")
        assert {"survey_customer", "survey_asked", "survey_service_record"} <= _indexes(database, "survey")
        database.execute_sql("DELETE FROM service_record WHERE id = 1")  # the survey stays, without its visit
        assert database.execute_sql("SELECT service_record_id, score FROM survey").fetchall() == [(None, 4)]
        database.execute_sql("DELETE FROM customer WHERE id = 1")  # erased for good: the surveys go too
        assert database.execute_sql("SELECT count(*) FROM survey").fetchone()[0] == 0
    finally:
        database.close()
