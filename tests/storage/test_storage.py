import hashlib
import sqlite3
from pathlib import Path

import pytest
from peewee import IntegrityError

from jiazheng_desktop.domain.customers import CustomerDraft
from jiazheng_desktop.services import build_services
from jiazheng_desktop.storage.backup import list_backups
from jiazheng_desktop.storage.database import (
    DamagedDatabaseError,
    NewerDatabaseError,
    StorageError,
    close_database,
    connect,
    open_database,
)
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations, schema_version
from jiazheng_desktop.storage.models import Customer, ServiceRecord


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_wal_with_foreign_keys(data_paths, clock) -> None:
    result = open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        db = result.database
        assert result.created and result.migration.to_version == LATEST_VERSION
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert result.backup is None  # nothing to back up in a new file
        with pytest.raises(IntegrityError):
            ServiceRecord.create(
                customer=999, served_at=clock.now(), service_type="x", created_at=clock.now()
            )
    finally:
        close_database()


def test_migration_from_version_1_backs_up_first_and_fills_search_keys(data_paths, clock) -> None:
    old = connect(data_paths.database)
    apply_migrations(old, target=1)
    old.execute_sql(
        "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
        " contact_channel, contact_start, contact_end, created_at, updated_at)"
        " VALUES ('王建国', '先生', '王先生', '13812345678', '13812345678', '其他', '电话', '09:00', '20:00',"
        " '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z')"
    )
    old.close()

    result = open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        assert (result.migration.from_version, result.migration.to_version) == (1, LATEST_VERSION)
        assert result.backup is not None and result.backup in list_backups(data_paths.backups)
        backup = sqlite3.connect(result.backup)
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT name FROM customer").fetchall() == [("王建国",)]
        backup.close()
        services = build_services(clock)
        assert [h.name for h in services.customers.search("wxs")] == ["王建国"]
        assert Customer.get().name_sort.startswith("wang2")
    finally:
        close_database()


def test_failed_migration_changes_nothing(data_paths, clock, monkeypatch) -> None:
    from jiazheng_desktop.storage import migrations

    old = connect(data_paths.database)
    apply_migrations(old, target=1)
    old.close()

    def broken(database) -> None:
        database.execute_sql("ALTER TABLE customer ADD COLUMN name_sort TEXT")
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(migrations.STEPS, 2, broken)
    with pytest.raises(RuntimeError):
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    check = sqlite3.connect(data_paths.database)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in check.execute("PRAGMA table_info(customer)")]
    assert "name_sort" not in columns
    check.close()


def test_newer_database_is_refused_untouched(data_paths, clock) -> None:
    conn = sqlite3.connect(data_paths.database)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    before = _digest(data_paths.database)
    with pytest.raises(NewerDatabaseError, match="更新版本"):
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    assert _digest(data_paths.database) == before
    assert not Path(str(data_paths.database) + "-wal").exists()


def test_damaged_file_is_refused_untouched(data_paths, clock) -> None:
    data_paths.database.write_bytes(b"this is not a database at all" * 200)
    before = _digest(data_paths.database)
    with pytest.raises(StorageError, match="已损坏"):  # no key given: it may be encrypted, or damaged
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    with pytest.raises(StorageError, match="已损坏"):
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=bytes(32))
    assert _digest(data_paths.database) == before


def test_corrupted_pages_are_detected(data_paths, clock) -> None:
    _corrupt_middle_pages(data_paths, clock)
    with pytest.raises(DamagedDatabaseError):
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())


def test_schema_version_is_stored(data_paths, clock) -> None:
    result = open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    assert schema_version(result.database) == LATEST_VERSION
    close_database()


def _corrupt_middle_pages(data_paths, clock) -> None:
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    services = build_services(clock)
    for i in range(300):
        services.customers.create(CustomerDraft(name=f"客户{chr(0x4E00 + i)}", phone=f"138{i:08d}"))
    close_database()
    conn = sqlite3.connect(data_paths.database)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(data_paths.database.read_bytes())
    for offset in range(4096 * 3, min(len(raw), 4096 * 6)):
        raw[offset] = 0xFF
    data_paths.database.write_bytes(bytes(raw))


def test_background_check_holds_writes_back_and_refuses_a_damaged_file(data_paths, clock) -> None:
    _corrupt_middle_pages(data_paths, clock)
    before = _digest(data_paths.database)
    result = open_database(
        data_paths.database, backup_dir=data_paths.backups, now=clock.now(), check_later=True
    )
    try:
        assert result.integrity is not None
        services = build_services(clock)
        services.context.write_gate = result.integrity.wait
        verdicts: list[object] = []
        result.integrity.start(verdicts.append)
        with pytest.raises(DamagedDatabaseError):
            services.customers.create(CustomerDraft(name="新客户", phone="13912345678"))
        assert len(verdicts) == 1 and isinstance(verdicts[0], DamagedDatabaseError)
    finally:
        close_database()
    assert _digest(data_paths.database) == before


def test_background_check_lets_writes_through_on_a_healthy_file(data_paths, clock) -> None:
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    close_database()
    result = open_database(
        data_paths.database, backup_dir=data_paths.backups, now=clock.now(), check_later=True
    )
    try:
        services = build_services(clock)
        services.context.write_gate = result.integrity.wait
        result.integrity.start()
        services.customers.create(CustomerDraft(name="新客户", phone="13912345678"))
        assert result.integrity.error is None
    finally:
        close_database()


def test_a_due_migration_never_waits_for_the_background_check(data_paths, clock) -> None:
    old = connect(data_paths.database)
    apply_migrations(old, target=1)
    old.close()
    result = open_database(
        data_paths.database, backup_dir=data_paths.backups, now=clock.now(), check_later=True
    )
    close_database()
    assert result.integrity is None and result.migration.from_version == 1


def test_every_model_matches_its_table(data_paths, clock) -> None:
    from jiazheng_desktop.storage.models import ALL_MODELS

    result = open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        for model in ALL_MODELS:
            table = model._meta.table_name
            columns = {row[1] for row in result.database.execute_sql(f"PRAGMA table_info({table})")}
            fields = {field.column_name for field in model._meta.sorted_fields}
            assert fields == columns, (table, fields ^ columns)
    finally:
        close_database()


def test_machine_faults_get_their_own_message_and_programming_errors_none(data_paths) -> None:
    import errno

    from jiazheng_desktop.storage.database import (
        DatabaseLockedError,
        DiskFullError,
        ReadOnlyFolderError,
        translate_error,
    )
    from jiazheng_desktop.storage.encryption import OperationalError

    path = data_paths.database
    assert isinstance(
        translate_error(OperationalError("database or disk is full"), path, saving=True), DiskFullError
    )
    assert isinstance(translate_error(OSError(errno.ENOSPC, "No space"), path, saving=False), DiskFullError)
    locked = translate_error(OperationalError("database is locked"), path, saving=True)
    assert (
        isinstance(locked, DatabaseLockedError) and str(path) in str(locked) and "还在窗口里" in str(locked)
    )
    assert isinstance(
        translate_error(OperationalError("attempt to write a readonly database"), path, saving=True),
        ReadOnlyFolderError,
    )
    assert translate_error(AttributeError("property 'x' is read-only"), path, saving=True) is None
    assert translate_error(OperationalError("no such table: customer"), path, saving=True) is None
