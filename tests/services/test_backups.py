"""Backups: automatic and rotated, the owner's backup and copy-out, restore, and saving on a full disk."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from jiazheng_desktop.domain.backup_rotation import RotationPolicy
from jiazheng_desktop.domain.errors import DomainError, PermissionDenied
from jiazheng_desktop.storage.backup import check_file, list_backups
from jiazheng_desktop.storage.database import DatabaseLockedError, DiskFullError
from jiazheng_desktop.storage.encryption import file_kind
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import TEST_KEY, make_draft, read_database


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_the_automatic_backup_is_made_once_a_day_encrypted_and_checked(services, clock, data_paths) -> None:
    first = services.backups.automatic()
    assert first is not None and first in list_backups(data_paths.backups)
    assert file_kind(first) == "encrypted" and check_file(first, TEST_KEY) == "ok"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(first).execute("SELECT count(*) FROM staff").fetchone()
    clock.advance(timedelta(hours=23))
    assert services.backups.automatic() is None  # not due yet
    clock.advance(timedelta(hours=1))
    assert services.backups.automatic() is not None
    row = AuditLog.select().where(AuditLog.action == "自动备份").order_by(AuditLog.id.desc()).first()
    assert row is not None and row.staff_name == "系统"
    assert [v.check_label for v in services.backups.views()] == ["已检查，完好"] * 2


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_rotation_over_simulated_days_keeps_the_policy_and_every_reasoned_backup(
    services, clock, data_paths, owner_auth
) -> None:
    manual = services.backups.backup_now(owner_auth)
    for _day in range(120):
        clock.advance(timedelta(days=1))
        services.backups.automatic()
    views = services.backups.views()
    automatic = [v for v in views if v.reason == "自动"]
    # 7 days + 4 weeks + 12 months overlap: at most 23, and here (120 days) 7 + 3 + 3 = 13 distinct.
    assert 10 <= len(automatic) <= 23
    days = sorted({v.made_at.date() for v in automatic if v.made_at}, reverse=True)
    today = clock.now().date()
    assert days[:7] == [today - timedelta(days=n) for n in range(7)]
    assert manual in [v.path for v in views]  # the hand-made one is never rotated away


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_a_smaller_policy_is_kept_after_saving_it(services, clock, owner_auth) -> None:
    services.backups.set_policy(RotationPolicy(daily=2, weekly=0, monthly=0), owner_auth)
    for _day in range(5):
        clock.advance(timedelta(days=1))
        services.backups.automatic()
    assert len([v for v in services.backups.views() if v.reason == "自动"]) == 2
    with pytest.raises(DomainError):
        services.backups.set_policy(RotationPolicy(daily=0, weekly=0, monthly=0), owner_auth)


def test_backup_now_and_restore_need_the_owner(services, data_paths) -> None:
    with pytest.raises(PermissionDenied):
        services.backups.backup_now(None)
    with pytest.raises(PermissionDenied):
        services.backups.prepare_restore(data_paths.database, None)
    assert list_backups(data_paths.backups) == []


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_copy_to_a_usb_folder_is_encrypted_and_audited(services, owner_auth, tmp_path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = services.backups.copy_to(stick, owner_auth)
    assert copy.parent == stick and check_file(copy, TEST_KEY) == "ok"
    assert check_file(copy, bytes(32)) != "ok"  # another key opens nothing
    assert AuditLog.select().where(AuditLog.action == "备份到外部位置").count() == 1


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_prepare_restore_refuses_a_damaged_or_foreign_backup_and_changes_nothing(
    services, owner_auth, data_paths, tmp_path
) -> None:
    good = services.backups.backup_now(owner_auth)
    damaged = data_paths.backups / "jiazheng-20261122-080000-auto.sqlite3"
    damaged.write_bytes(good.read_bytes()[:8192])
    before = len(list_backups(data_paths.backups))
    with pytest.raises(DomainError, match=r"打不开|已损坏"):
        services.backups.prepare_restore(damaged, owner_auth)
    assert len(list_backups(data_paths.backups)) == before
    safety = services.backups.prepare_restore(good, owner_auth)
    assert "before-restore" in safety.name and check_file(safety, TEST_KEY) == "ok"


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_newest_usable_skips_a_damaged_newest_backup(services, owner_auth, data_paths) -> None:
    good = services.backups.backup_now(owner_auth)
    newest = data_paths.backups / "jiazheng-20991231-000000-auto.sqlite3"
    newest.write_bytes(b"\0" * 4096)
    usable = services.backups.newest_usable()
    assert usable is not None and usable.path == good
    assert services.backups.views()[0].check_label.startswith("损坏")


def test_a_full_disk_while_saving_says_so_and_the_draft_stays_unsaved(services, monkeypatch) -> None:
    from jiazheng_desktop.services import context as context_module

    real = context_module.ServiceContext._record

    def full(self, entry, collector):
        raise context_module.OperationalError("database or disk is full")

    monkeypatch.setattr(context_module.ServiceContext, "_record", full)
    draft = make_draft(name="满盘客户")
    with pytest.raises(DiskFullError, match=r"(?s)磁盘空间已满.*没有保存.*还在窗口里"):
        services.customers.create(draft)
    monkeypatch.setattr(context_module.ServiceContext, "_record", real)
    assert services.customers.search("满盘客户") == []  # rolled back whole
    services.customers.create(draft)  # the same draft saves once there is room
    assert len(services.customers.search("满盘客户")) == 1


@pytest.mark.sqlite_only  # backups of the SQLite file
def test_a_database_locked_by_another_program_is_named_when_saving(services, data_paths) -> None:
    from jiazheng_desktop.storage.models import db

    db.obj.execute_sql("PRAGMA busy_timeout = 100")
    other = read_database(data_paths.database, TEST_KEY)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError) as raised:
            services.customers.create(make_draft(name="锁住"))
        assert str(data_paths.database) in str(raised.value) and "另一个程序占用" in str(raised.value)
    finally:
        other.rollback()
        other.close()
    services.customers.create(make_draft(name="锁住"))
