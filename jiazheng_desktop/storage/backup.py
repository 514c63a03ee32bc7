"""Backups with SQLite's online backup API (a plain file copy can miss the WAL file)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

BACKUP_SUFFIX = ".sqlite3"


def backup_to(source: Path, target: Path) -> Path:
    """Copy the database at ``source`` consistently into ``target`` (even while it is open elsewhere)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    return target


def backup_name(moment: datetime, reason: str) -> str:
    """``jiazheng-20261123-094512-before-migration-v2.sqlite3``: sortable by time."""
    return f"jiazheng-{moment.strftime('%Y%m%d-%H%M%S')}-{reason}{BACKUP_SUFFIX}"


def make_backup(source: Path, backup_dir: Path, moment: datetime, reason: str) -> Path:
    """Back ``source`` up into ``backup_dir`` under a time-stamped name; never overwrites one."""
    target = backup_dir / backup_name(moment, reason)
    counter = 1
    while target.exists():
        counter += 1
        target = backup_dir / backup_name(moment, f"{reason}-{counter}")
    return backup_to(source, target)


def list_backups(backup_dir: Path) -> list[Path]:
    """Backups in ``backup_dir``, newest first."""
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob(f"jiazheng-*{BACKUP_SUFFIX}"), reverse=True)


def restore_backup(backup: Path, database: Path, moment: datetime) -> Path | None:
    """Put ``backup`` in place of ``database``; the old file (and its WAL) is kept beside it.

    Returns where the old file was moved (None if there was none). The database
    must not be open.
    """
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError(f"backup {backup} is damaged")
    finally:
        check.close()
    kept = None
    if database.exists():
        kept = database.with_name(f"{database.name}.replaced-{moment.strftime('%Y%m%d-%H%M%S')}")
        database.replace(kept)
        for suffix in ("-wal", "-shm"):
            side = Path(str(database) + suffix)
            if side.exists():
                side.replace(Path(str(kept) + suffix))
    backup_to(backup, database)
    return kept
