"""Backups with SQLite's online backup API (a plain file copy can miss the WAL file).

Every backup is encrypted with the database's own key, written under a temporary name, checked
(``quick_check``) and only then given its final name, so a file called ``jiazheng-….sqlite3`` in the
backup folder was whole when it was made.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3

from ..domain.clock import CHINA_TZ
from .encryption import raw_connect

BACKUP_SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".part"


class BackupCheckError(sqlcipher3.DatabaseError):
    """The copy just written, or a backup about to be restored, failed its check."""


def check_file(path: Path, key: bytes | None) -> str:
    """``quick_check`` of a (backup) file read-only: "ok", or what is wrong with it (never raises)."""
    try:
        conn = raw_connect(path, key, read_only=True)
    except sqlcipher3.Error as exc:
        return str(exc)
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(3)").fetchall()]
        conn.execute("SELECT count(*) FROM staff").fetchone()
    except sqlcipher3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return "ok" if rows == ["ok"] else "；".join(rows)


def backup_to(source: Path, target: Path, key: bytes | None, *, source_key: bytes | None = None) -> Path:
    """Copy the database at ``source`` consistently into ``target`` (even while it is open elsewhere).

    ``source_key`` defaults to ``key``: a backup is encrypted like the database it copies.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)
    src = raw_connect(source, key if source_key is None else source_key, read_only=True)
    try:
        dst = raw_connect(partial, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = delete")
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    problem = check_file(partial, key)
    if problem != "ok":
        partial.unlink(missing_ok=True)
        raise BackupCheckError(f"备份文件没有通过检查：{problem}")
    with partial.open("r+b") as written:  # Windows flushes only a file opened for writing
        os.fsync(written.fileno())
    partial.replace(target)
    return target


def backup_name(moment: datetime, reason: str) -> str:
    """``jiazheng-20261123-094512-before-migration-v2.sqlite3``: sortable by time, in the agency's time."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA_TZ)
    return f"jiazheng-{moment.strftime('%Y%m%d-%H%M%S')}-{reason}{BACKUP_SUFFIX}"


def make_backup(
    source: Path, backup_dir: Path, moment: datetime, reason: str, key: bytes | None = None
) -> Path:
    """Back ``source`` up into ``backup_dir`` under a time-stamped name; never overwrites one."""
    target = backup_dir / backup_name(moment, reason)
    counter = 1
    while target.exists():
        counter += 1
        target = backup_dir / backup_name(moment, f"{reason}-{counter}")
    return backup_to(source, target, key)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime | None
    """From the name (the agency's time, naive); None for a name this program did not write."""
    reason: str

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def parse_backup_name(path: Path) -> BackupFile:
    stem = path.name.removesuffix(BACKUP_SUFFIX)
    parts = stem.split("-", 3)
    made_at = None
    reason = ""
    if len(parts) >= 3 and parts[0] == "jiazheng":
        try:
            made_at = datetime.strptime(f"{parts[1]}-{parts[2]}", "%Y%m%d-%H%M%S")
        except ValueError:
            made_at = None
        reason = parts[3] if len(parts) > 3 else ""
    return BackupFile(path, made_at, reason)


def list_backups(backup_dir: Path) -> list[Path]:
    """Backups in ``backup_dir``, newest first."""
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob(f"jiazheng-*{BACKUP_SUFFIX}"), reverse=True)


def restore_backup(backup: Path, database: Path, moment: datetime, key: bytes | None = None) -> Path | None:
    """Put ``backup`` in place of ``database``; the old file (and its WAL) is kept beside it.

    Returns where the old file was moved (None if there was none). The database
    must not be open. Raises ``BackupCheckError`` (nothing moved) when the backup is damaged
    or was made with another key.
    """
    problem = check_file(backup, key)
    if problem != "ok":
        raise BackupCheckError(f"备份 {backup.name} 无法使用：{problem}")
    kept = None
    if database.exists():
        kept = database.with_name(f"{database.name}.replaced-{moment.strftime('%Y%m%d-%H%M%S')}")
        database.replace(kept)
        for suffix in ("-wal", "-shm"):
            side = Path(str(database) + suffix)
            if side.exists():
                side.replace(Path(str(kept) + suffix))
    backup_to(backup, database, key)
    return kept
