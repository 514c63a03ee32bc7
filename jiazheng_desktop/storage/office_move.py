"""Moving the agency's data between the single-PC SQLite file and the office server.

Both directions run in one transaction on the receiving side and check every table's row count
against the sending side before they commit: a difference, or any error, leaves the receiver as it
was (the server unchanged; the new file never given its name).

- ``move_to_server``: this PC becomes the host (or a backup is restored on a host): the file's data
  into the server database.
- ``export_to_file``: the server's data into a new encrypted single-PC file (going back to one PC,
  and the host's scheduled backups).

No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peewee import Database, SqliteDatabase

from .backup import PARTIAL_SUFFIX, backup_to, check_file
from .database import StorageError, connect
from .migrations import LATEST_VERSION, apply_migrations, schema_version
from .office_server import ServerAddress
from .postgres import (
    connect_checked,
    copy_rows,
    count_rows,
    data_tables,
    reset_identities,
)

Progress = Callable[[str, int], None]


def _check_counts(source: Database, target: Database, tables: list[str]) -> dict[str, int]:
    """Every table's row count on both sides; raises ``StorageError`` (rolling back) at a difference."""
    sent = count_rows(source, tables)
    received = count_rows(target, tables)
    different = [t for t in tables if sent[t] != received[t]]
    if different:
        details = "、".join(f"{t}（原有 {sent[t]} 行，写入 {received[t]} 行）" for t in different[:5])
        raise StorageError(f"搬数据时行数对不上：{details}。这次什么都没有改动，原来的数据还在原处。")
    return sent


def _delete_all(database: Database, tables: list[str]) -> None:
    """Empty ``tables``, children first (the rows the migrations put in a new database)."""
    for table in reversed(tables):
        database.execute_sql(f'DELETE FROM "{table}"')


def has_agency(database: Database) -> bool:
    """True when ``database`` holds an agency already (staff accounts)."""
    return bool(database.execute_sql("SELECT count(*) FROM staff").fetchone()[0])


def move_to_server(
    source: SqliteDatabase,
    address: ServerAddress,
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Copy every table of ``source`` (an open file at the latest version) into the server database.

    Returns the row count of each table. Refuses (``StorageError``) when the server holds an agency
    already, unless ``replace`` (restoring a backup on the host: the server's data is replaced).
    One transaction: on any error the server is left as it was.
    """
    version = schema_version(source)
    if version != LATEST_VERSION:
        raise StorageError(
            f"要搬的数据文件版本是 {version}，本程序的是 {LATEST_VERSION}：请先用本程序正常打开它一次再搬。"
        )
    tables = data_tables(LATEST_VERSION)
    server = connect_checked(address)
    try:
        with server.atomic():
            if not replace and has_agency(server):
                raise StorageError(
                    f"主机 {address.shown()} 上的数据库里已经有一家公司的数据（有员工账号）。"
                    "为了不覆盖它，这台电脑的数据没有搬过去。"
                    "如果那边是要用的数据，请改为“连接到主机”；否则请先在主机上改回单机。"
                )
            _delete_all(server, tables)
            # A customer may name a later customer as referrer: foreign keys are not checked while
            # copying; the copy is whole (the counts below) and came from a checked file.
            server.execute_sql("SET LOCAL session_replication_role = replica")
            # One read transaction on the file: the copy and the counts see the same moment, even
            # while the window's jobs write.
            with source.atomic():
                copy_rows(source, server, tables, progress)
                server.execute_sql("SET LOCAL session_replication_role = origin")
                reset_identities(server, tables)
                counts = _check_counts(source, server, tables)
    finally:
        server.close()
    return counts


def export_to_file(
    address: ServerAddress, target: Path, key: bytes, *, progress: Progress | None = None
) -> dict[str, int]:
    """Copy the server's data into a new encrypted single-PC file at ``target`` (which must not exist).

    Written as ``target.part`` and renamed once every count matched and the file passed its check.
    Returns the row count of each table.
    """
    if target.exists():
        raise StorageError(f"目标文件已经存在，没有覆盖它：{target}")
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    _remove_partial(partial)
    target.parent.mkdir(parents=True, exist_ok=True)
    tables = data_tables(LATEST_VERSION)
    server = connect_checked(address)
    try:
        file = connect(partial, key)
        try:
            file.connect()
            apply_migrations(file)
            with file.atomic():
                file.execute_sql("PRAGMA defer_foreign_keys = ON")
                _delete_all(file, tables)
                # Read in one snapshot of the server, so the counts compare the same moment.
                with server.atomic():
                    server.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    copy_rows(server, file, tables, progress)
                    counts = _check_counts(server, file, tables)
            file.execute_sql("PRAGMA journal_mode = delete")
        finally:
            file.close()
    except BaseException:
        _remove_partial(partial)
        raise
    finally:
        server.close()
    problem = check_file(partial, key)
    if problem != "ok":
        _remove_partial(partial)
        raise StorageError(f"从主机导出的数据文件没有通过检查：{problem}")
    partial.replace(target)
    return counts


def _remove_partial(partial: Path) -> None:
    for path in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
        path.unlink(missing_ok=True)


def restore_to_server(
    backup: Path, address: ServerAddress, key: bytes | None, *, work_folder: Path
) -> dict[str, int]:
    """Restoring a backup on the host: the backup's data replaces the server's (one transaction).

    The backup is checked, copied into ``work_folder`` (the backup itself is never written to),
    brought to the latest schema there, then moved in with ``move_to_server(replace=True)``.
    """
    problem = check_file(backup, key)
    if problem != "ok":
        raise StorageError(f"备份 {backup.name} 无法使用：{problem}")
    work_folder.mkdir(parents=True, exist_ok=True)
    copy = work_folder / f"{backup.stem}.restoring{backup.suffix}"
    _remove_partial(copy)
    backup_to(backup, copy, key)
    try:
        file = connect(copy, key)
        try:
            file.connect()
            apply_migrations(file)
            return move_to_server(file, address, replace=True)
        finally:
            file.close()
    finally:
        _remove_partial(copy)
