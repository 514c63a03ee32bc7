"""Migration 7: the wrong-password count and the end of the wait, per staff member."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations, schema_version


def test_migration_7_adds_the_lock_out_columns_to_a_version_6_file(data_paths) -> None:
    old = connect(data_paths.database)
    apply_migrations(old, target=6)
    old.execute_sql(
        "INSERT INTO staff (name, role, password_hash, created_at)"
        " VALUES ('李店主', 3, 'scrypt$x', '2025-01-01T00:00:00.000000Z')"
    )
    old.close()

    database = connect(data_paths.database)
    try:
        result = apply_migrations(database)
        assert (result.from_version, result.to_version) == (6, LATEST_VERSION) and LATEST_VERSION >= 7
        assert schema_version(database) == LATEST_VERSION
        rows = database.execute_sql("SELECT name, failed_sign_ins, locked_until FROM staff").fetchall()
        assert rows == [("李店主", 0, None)]  # existing staff start with a clean count
        database.execute_sql(
            "UPDATE staff SET failed_sign_ins = 5, locked_until = '2026-11-23T02:00:30.000000Z'"
        )
        with pytest.raises(IntegrityError, match="CHECK"):
            database.execute_sql("UPDATE staff SET failed_sign_ins = -1")
    finally:
        database.close()
