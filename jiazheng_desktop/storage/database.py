"""Opening the office's SQLite file safely.

Order matters: the file is first looked at read-only (is it a database? intact? a
schema this program knows?) and only then opened for writing, switched to WAL,
backed up and migrated. A damaged or newer file is never written to.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import SqliteDatabase

from ..domain.errors import DomainError
from .backup import make_backup
from .migrations import LATEST_VERSION, MigrationResult, apply_migrations
from .models import db

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # FULL: a committed change survives a power cut (NORMAL may lose the last one under WAL).
    "synchronous": "full",
    "cache_size": -16000,
    "temp_store": "memory",
}


class StorageError(DomainError):
    """The database cannot be used; the message tells the user what to do."""


class DamagedDatabaseError(StorageError):
    """The file is not a healthy SQLite database."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer version of the program."""


@dataclass(frozen=True)
class OpenResult:
    database: SqliteDatabase
    migration: MigrationResult
    backup: Path | None
    created: bool


def inspect_file(path: Path) -> int:
    """Look at an existing file read-only; return its schema version or raise a ``StorageError``."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
        if problems != ["ok"]:
            raise DamagedDatabaseError(_damaged_message(path, "；".join(problems)))
        if version > LATEST_VERSION:
            raise NewerDatabaseError(
                f"数据文件 {path} 是由更新版本的家政服务台创建的（数据版本 {version}，本程序只认识到 "
                f"{LATEST_VERSION}）。为保护数据，本程序不会打开或改动它。请安装最新版本后再打开。"
            )
        return version
    finally:
        conn.close()


def _damaged_message(path: Path, detail: str) -> str:
    return (
        f"数据文件已损坏，无法安全打开：{path}\n"
        f"（检查结果：{detail}）\n"
        "程序没有向这个文件写入任何内容。请从备份恢复，或联系安装人员。"
    )


def connect(path: Path) -> SqliteDatabase:
    """A peewee database on ``path`` with the office's pragmas (one connection per thread)."""
    return SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)


def open_database(path: Path, *, backup_dir: Path, now: datetime) -> OpenResult:
    """Check, open, back up if a migration is due, migrate, and bind the models to the file."""
    created = not path.exists() or path.stat().st_size == 0
    version = 0 if created else inspect_file(path)
    backup = None
    if 0 < version < LATEST_VERSION:
        backup = make_backup(path, backup_dir, now, f"before-migration-v{LATEST_VERSION}")
    path.parent.mkdir(parents=True, exist_ok=True)
    database = connect(path)
    try:
        database.connect(reuse_if_open=True)
        migration = apply_migrations(database)
    except Exception:
        database.close()
        raise
    db.initialize(database)
    return OpenResult(database=database, migration=migration, backup=backup, created=created)


def close_database() -> None:
    """Close this thread's connection, leaving the file tidy (WAL checkpointed)."""
    database = db.obj
    if database is not None and not database.is_closed():
        database.close()
