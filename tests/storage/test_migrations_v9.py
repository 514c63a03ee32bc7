"""Migration 9: the consent ledger; each earlier callback's yes/no becomes a ledger line."""

from __future__ import annotations

from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS
from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations


def test_migration_9_turns_each_callback_consent_into_a_ledger_line_with_wording_version_1(
    data_paths,
) -> None:
    old = connect(data_paths.database)
    apply_migrations(old, target=8)
    for statement in (
        "INSERT INTO staff (id, name, role, password_hash, created_at)"
        " VALUES (1, '小陈', 1, 'scrypt$x', '2025-01-01T00:00:00.000000Z')",
        "INSERT INTO customer (id, name, address_as, phones, phone_digits, customer_type, contact_channel,"
        " contact_start, contact_end, created_at, updated_at) VALUES (7, '王建国', '王先生', '13812345678',"
        " '13812345678', 'other', 'phone', '09:00', '20:00', '2025-01-01T00:00:00.000000Z',"
        " '2025-01-01T00:00:00.000000Z')",
        "INSERT INTO incident (id, number, customer_id, category, severity, channel, customer_said, reported_at,"
        " status, created_at, updated_at) VALUES (1, 'SJ-2025-0001', 7, 'late', 2, 'phone', '', "
        " '2025-01-01T00:00:00.000000Z', 'closed', '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z')",
        "INSERT INTO callback (incident_id, customer_id, staff_id, started_at, consent, note)"
        " VALUES (1, 7, 1, '2025-01-04T02:00:00.000000Z', 1, '很满意')",
        "INSERT INTO callback (incident_id, customer_id, staff_id, started_at, consent, note)"
        " VALUES (1, 7, NULL, '2025-03-04T02:00:00.000000Z', 0, '')",
    ):
        old.execute_sql(statement)
    old.close()

    database = connect(data_paths.database)
    try:
        assert apply_migrations(database).to_version == LATEST_VERSION >= 9
        rows = database.execute_sql(
            "SELECT c.customer_id, c.purpose, c.granted, w.version, w.text, c.channel, c.at, c.staff_name"
            " FROM consent c JOIN consent_wording w ON w.id = c.wording_id ORDER BY c.id"
        ).fetchall()
        wording = DEFAULT_WORDINGS[next(iter(DEFAULT_WORDINGS))]
        assert rows == [
            (7, "callback_records", 1, 1, wording, "phone", "2025-01-04T02:00:00.000000Z", "小陈"),
            (7, "callback_records", 0, 1, wording, "phone", "2025-03-04T02:00:00.000000Z", ""),
        ]
        versions = database.execute_sql("SELECT purpose, version FROM consent_wording ORDER BY id").fetchall()
        assert versions == [("callback_records", 1), ("marketing", 1), ("household_notes", 1)]
        assert database.execute_sql("SELECT erased_at FROM customer").fetchall() == [(None,)]
    finally:
        database.close()
