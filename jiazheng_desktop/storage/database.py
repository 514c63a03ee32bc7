"""Opening the office's SQLite file safely.

Order matters: the file is first looked at read-only (is it a database? intact? a
schema this program knows?) and only then opened for writing, switched to WAL,
backed up and migrated. A damaged or newer file is never written to.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import SqliteDatabase

from ..domain.errors import DomainError
from .backup import make_backup
from .migrations import LATEST_VERSION, MigrationResult, UnknownStoredValueError, apply_migrations
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


class UnconvertibleDataError(StorageError):
    """A migration met stored values it cannot convert and left the (healthy) file as it was."""


@dataclass(frozen=True)
class OpenResult:
    database: SqliteDatabase
    migration: MigrationResult
    backup: Path | None
    created: bool
    integrity: IntegrityCheck | None = None
    """Not yet started: call ``start()`` and hand ``wait`` to the services as their write gate."""


def _read_only(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc


def read_version(path: Path) -> int:
    """Read the schema version (and parse the schema) read-only; quick, whatever the file's size.

    Raises ``DamagedDatabaseError`` for a file that is not a database and
    ``NewerDatabaseError`` for one written by a newer program.
    """
    conn = _read_only(path)
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
    finally:
        conn.close()
    if version > LATEST_VERSION:
        raise NewerDatabaseError(
            f"数据文件 {path} 是由更新版本的家政服务台创建的（数据版本 {version}，本程序只认识到 "
            f"{LATEST_VERSION}）。为保护数据，本程序不会打开或改动它。请安装最新版本后再打开。"
        )
    return version


def check_integrity(path: Path) -> None:
    """SQLite's ``quick_check`` over every page, read-only; raises ``DamagedDatabaseError``.

    About 0.1 s for 100,000 customers, so the window runs it in the background (see
    ``IntegrityCheck``) and holds every write back until it has passed.
    """
    conn = _read_only(path)
    try:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
    finally:
        conn.close()
    if problems != ["ok"]:
        raise DamagedDatabaseError(_damaged_message(path, "；".join(problems)))


def inspect_file(path: Path) -> int:
    """Version and full integrity check, read-only; returns the schema version."""
    version = read_version(path)
    check_integrity(path)
    return version


class IntegrityCheck:
    """``check_integrity`` on a thread of its own; ``wait()`` blocks writes until it is done."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._done = threading.Event()
        self.error: DamagedDatabaseError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)

    def start(self, on_done: Callable[[DamagedDatabaseError | None], None] | None = None) -> IntegrityCheck:
        self._on_done = on_done
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            check_integrity(self._path)
        except DamagedDatabaseError as exc:
            self.error = exc
        finally:
            self._done.set()
        if self._on_done is not None:
            self._on_done(self.error)

    def wait(self) -> None:
        """Return once the file proved healthy; raise its ``DamagedDatabaseError`` otherwise."""
        self._done.wait()
        if self.error is not None:
            raise self.error


def _damaged_message(path: Path, detail: str) -> str:
    return (
        f"数据文件已损坏，无法安全打开：{path}\n"
        f"（检查结果：{detail}）\n"
        "程序没有向这个文件写入任何内容。请从备份恢复，或联系安装人员。"
    )


def connect(path: Path) -> SqliteDatabase:
    """A peewee database on ``path`` with the office's pragmas (one connection per thread)."""
    return SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)


def open_database(path: Path, *, backup_dir: Path, now: datetime, check_later: bool = False) -> OpenResult:
    """Check, open, back up if a migration is due, migrate, and bind the models to the file.

    With ``check_later`` the full integrity check runs on a background thread
    (``OpenResult.integrity``) unless a migration is due, which always waits for it.
    """
    created = not path.exists() or path.stat().st_size == 0
    version = 0 if created else read_version(path)
    integrity = None
    if not created:
        if check_later and version == LATEST_VERSION:
            integrity = IntegrityCheck(path)
        else:
            check_integrity(path)
    backup = None
    if 0 < version < LATEST_VERSION:
        backup = make_backup(path, backup_dir, now, f"before-migration-v{LATEST_VERSION}")
    path.parent.mkdir(parents=True, exist_ok=True)
    database = connect(path)
    try:
        database.connect(reuse_if_open=True)
        migration = apply_migrations(database)
    except UnknownStoredValueError as exc:
        database.close()
        raise UnconvertibleDataError(f"{exc}\n（数据文件：{path}）") from exc
    except Exception:
        database.close()
        raise
    db.initialize(database)
    return OpenResult(database, migration, backup, created, integrity)


def close_database() -> None:
    """Close this thread's connection, leaving the file tidy (WAL checkpointed)."""
    database = db.obj
    if database is not None and not database.is_closed():
        database.close()
