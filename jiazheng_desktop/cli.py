"""The command line: the window by default, and the same services without one.

python -m jiazheng_desktop [--data-dir DIR] [run] [--demo-if-new]
python -m jiazheng_desktop [--data-dir DIR] demo --customers N
python -m jiazheng_desktop [--data-dir DIR] check
python -m jiazheng_desktop [--data-dir DIR] migrate
python -m jiazheng_desktop [--data-dir DIR] backup
python -m jiazheng_desktop [--data-dir DIR] backups
python -m jiazheng_desktop [--data-dir DIR] restore FILE
python -m jiazheng_desktop [--data-dir DIR] import FILE [--kind customers|workers|contracts]
python -m jiazheng_desktop --self-test
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import APP_NAME, __version__
from .domain.clock import SystemClock
from .domain.errors import DomainError
from .paths import DataPaths, resolve_data_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jiazheng_desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据文件夹（默认为本机用户的应用数据文件夹）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="不打开窗口，在临时文件夹里检查这份程序能否正常工作（数据库、中文 PDF、翻译、提醒）",
    )
    parser.add_argument(
        "--self-test-report",
        metavar="FILE",
        help="自检结果同时写入这个文件（Windows 窗口程序没有控制台输出时用）",
    )
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="打开程序窗口（默认）")
    run.add_argument("--demo-if-new", action="store_true", help="数据库还不存在时先生成演示数据")
    run.add_argument("--demo-customers", type=int, default=2000, metavar="N", help="演示客户数量")
    run.add_argument("--quit-when-idle", action="store_true", help=argparse.SUPPRESS)
    demo = commands.add_parser("demo", help="生成演示数据（只用于新数据库）")
    demo.add_argument("--customers", type=int, default=2000, metavar="N", help="客户数量")
    demo.add_argument("--workers", type=int, default=0, metavar="N", help="服务人员数量（默认按客户数估算）")
    demo.add_argument("--seed", type=int, default=2026, help="随机种子（同一种子生成同样的数据）")
    commands.add_parser("check", help="检查数据文件是否完好（只读）")
    commands.add_parser("migrate", help="升级数据文件到本版本：先备份，再加密、迁移（程序启动时也会自动做）")
    commands.add_parser("backup", help="立即备份数据文件（加密的）")
    commands.add_parser("backups", help="列出备份，并逐一检查")
    restore = commands.add_parser("restore", help="用一份备份替换数据文件（现在的数据先另存一份备份）")
    restore.add_argument("file", metavar="FILE", help="备份文件（backups 列出的文件名，或任意路径）")
    imports = commands.add_parser(
        "import",
        help="从表格导入客户、服务人员或合同（.xlsx .xls .csv）：用上次的列对应或自动识别，跳过重复和有错的行",
    )
    imports.add_argument("file", metavar="FILE", help="要导入的表格文件")
    imports.add_argument(
        "--kind",
        choices=("customers", "workers", "contracts"),
        default="customers",
        help="导入什么：customers 客户（默认）、workers 服务人员、contracts 合同",
    )
    return parser


def _reconfigure_stdio() -> None:
    # Frozen Windows programs default to cp1252; a windowed build has no stdout at all.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def leave_now(code: int) -> NoReturn:
    """End the window's process at once, without the C library's exit handlers.

    OpenSSL, linked into sqlcipher3, frees its global state in an exit handler; a worker thread
    (a background read, APScheduler's pool) that finishes at that moment frees its own OpenSSL
    state at the same time, and the process dies of a double free (1 to 4 times in 100 starts
    and quits, measured with ``--quit-when-idle``). By now the window is closed, every change is
    committed and the database is closed, so nothing is lost by leaving without those handlers;
    Python's own output and logs are flushed first.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    _reconfigure_stdio()
    args = _parser().parse_args(argv)
    if args.self_test or args.self_test_report:
        from .self_test import run_self_test

        return run_self_test(report=Path(args.self_test_report) if args.self_test_report else None)
    paths = DataPaths(resolve_data_dir(args.data_dir))
    command = args.command or "run"
    if command == "run":
        # The layers below the GUI are imported before PySide6: shiboken reads the source of
        # every module imported after it (about 0.1 ms each), which adds up at start-up.
        from . import services  # noqa: F401
        from .app import run_app

        code = run_app(
            paths,
            demo_if_new=getattr(args, "demo_if_new", False),
            demo_customers=getattr(args, "demo_customers", 2000),
            quit_when_idle=getattr(args, "quit_when_idle", False),
        )
        leave_now(code)
    try:
        if command == "demo":
            return _demo(paths, args.customers, args.workers, args.seed)
        if command == "check":
            return _check(paths)
        if command == "migrate":
            return _migrate(paths)
        if command == "backup":
            return _backup(paths)
        if command == "backups":
            return _backups(paths)
        if command == "restore":
            return _restore(paths, args.file)
        if command == "import":
            return _import(paths, Path(args.file), args.kind)
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # a disk or permission fault: said plainly, never as a traceback
        from .storage.database import translate_error

        known = translate_error(exc, paths.database, saving=False)
        where = f"（{exc.filename}）" if exc.filename else ""
        print(str(known) if known else f"无法完成：{exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    return 2


def _demo(paths: DataPaths, customers: int, workers: int, seed: int) -> int:
    from .demo.generator import generate_demo
    from .startup import key_for_new_database
    from .storage.database import close_database, open_database
    from .storage.encryption import file_kind

    if customers < 1:
        print("客户数量至少为 1", file=sys.stderr)
        return 2
    if file_kind(paths.database) not in ("missing", "empty") or _has_backups(paths):
        print(
            f"{paths.database} 已存在（或已有备份）。演示数据只写入新的数据文件夹，请换一个 --data-dir。",
            file=sys.stderr,
        )
        return 1
    paths.ensure()
    clock = SystemClock()
    started = time.perf_counter()
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=key_for_new_database(paths))
    try:
        summary = generate_demo(clock, customers=customers, workers=workers or None, seed=seed)
    finally:
        close_database()
    print(f"已在 {paths.database} 生成演示数据：{summary}（用时 {time.perf_counter() - started:.1f} 秒）")
    return 0


def _has_backups(paths: DataPaths) -> bool:
    from .storage.backup import list_backups

    return bool(list_backups(paths.backups))


def _key(paths: DataPaths) -> bytes | None:
    """This PC's key of the data folder (None for a plain file of an older release)."""
    from .storage.encryption import file_kind
    from .storage.keys import KeyStoreError, key_store_for

    try:
        key = key_store_for(paths.root).load()
    except KeyStoreError as exc:
        raise DomainError(f"读不出这台电脑保存的数据钥匙（{exc}）。请打开程序窗口，输入恢复码。") from exc
    if key is None and file_kind(paths.database) == "encrypted":
        raise DomainError(
            f"{paths.database} 打不开：这台电脑上没有它的钥匙。它要么是加密的数据（请打开程序窗口，"
            "输入数据恢复单上的恢复码），要么已损坏（可以用 restore 命令从备份恢复）。" + _backups_hint(paths)
        )
    return key


def _inspect(paths: DataPaths) -> int:
    """Check the existing database read-only; its schema version. Raises ``DomainError``."""
    from .storage.database import inspect_file
    from .storage.encryption import file_kind

    kind = file_kind(paths.database)
    if kind == "missing":
        raise DomainError(f"{paths.database} 还不存在。" + _backups_hint(paths))
    if kind == "empty":
        raise DomainError(f"{paths.database} 是空的（0 字节），里面没有数据。" + _backups_hint(paths))
    return inspect_file(paths.database, _key(paths))


def _backups_hint(paths: DataPaths) -> str:
    from .storage.backup import list_backups

    backups = list_backups(paths.backups)
    if not backups:
        return ""
    return f"\n在 {paths.backups} 有 {len(backups)} 份备份，最新的是 {backups[0].name}：可以用 restore 命令恢复。"


def _check(paths: DataPaths) -> int:
    from .storage.encryption import file_kind
    from .storage.migrations import LATEST_VERSION

    version = _inspect(paths)
    state = "已加密" if file_kind(paths.database) == "encrypted" else "未加密（下次打开时会加密）"
    print(f"{paths.database}：完好，{state}，数据版本 {version}（本程序版本 {LATEST_VERSION}）")
    print("各表记录数：" + "，".join(f"{table} {count}" for table, count in _row_counts(paths).items()))
    return 0


def _row_counts(paths: DataPaths) -> dict[str, int]:
    """Rows per table, read-only (installers compare them before and after an upgrade)."""
    from .storage.encryption import file_kind, raw_connect

    key = _key(paths) if file_kind(paths.database) == "encrypted" else None
    conn = raw_connect(paths.database, key, read_only=True)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for table in tables}
    finally:
        conn.close()


def _migrate(paths: DataPaths) -> int:
    """What the window does at start, without one: encrypt a plain file, back up, migrate."""
    from .startup import key_for_new_database
    from .storage.database import close_database, encrypt_plain_files, open_database
    from .storage.encryption import file_kind

    _inspect(paths)
    clock = SystemClock()
    key = _key(paths) if file_kind(paths.database) == "encrypted" else key_for_new_database(paths)
    assert key is not None
    conversion = encrypt_plain_files(paths.database, key, backup_dir=paths.backups, now=clock.now())
    if conversion is not None:
        print(
            f"已加密数据文件（加密前的备份：{conversion.backup.name}；另加密了 {len(conversion.others)} 份旧备份）"
        )
    result = open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=key)
    close_database()
    migration = result.migration
    if migration.from_version != migration.to_version:
        backup = result.backup.name if result.backup else "无"
        print(f"已升级数据：版本 {migration.from_version} → {migration.to_version}（升级前的备份：{backup}）")
    return _check(paths)


def _backup(paths: DataPaths) -> int:
    from .storage.backup import make_backup

    _inspect(paths)  # a damaged file is not worth a backup that looks good
    target = make_backup(paths.database, paths.backups, SystemClock().now(), "manual", _key(paths))
    print(f"已备份到 {target}")
    return 0


def _backups(paths: DataPaths) -> int:
    from .services.backups import reason_label
    from .storage.backup import check_file, list_backups, parse_backup_name
    from .storage.encryption import file_kind

    key = _key(paths) if paths.database.exists() else None
    backups = list_backups(paths.backups)
    if not backups:
        print(f"{paths.backups} 里还没有备份。")
        return 0
    for path in backups:
        info = parse_backup_name(path)
        when = info.made_at.strftime("%Y-%m-%d %H:%M:%S") if info.made_at else "?"
        result = check_file(path, key if file_kind(path) == "encrypted" else None)
        state = "完好" if result == "ok" else f"无法使用（{result}）"
        kind = "已加密" if file_kind(path) == "encrypted" else "未加密"
        print(
            f"{when}  {reason_label(info.reason):<6} {info.size / 1024:>10.0f} KB  {kind}  {state}  {path.name}"
        )
    return 0


def _restore(paths: DataPaths, file: str) -> int:
    from PySide6.QtCore import QLockFile

    from .storage.backup import check_file, make_backup, restore_backup
    from .storage.encryption import file_kind

    backup = Path(file)
    if not backup.is_absolute() and not backup.exists():
        backup = paths.backups / file
    if not backup.exists():
        raise DomainError(f"找不到备份文件 {file}。用 backups 命令看看有哪些备份。")
    lock = QLockFile(str(paths.lock_file))
    if not lock.tryLock(100):
        raise DomainError("程序正在使用这个数据文件夹。请先关闭程序窗口，再恢复。")
    try:
        key = _key(paths) if file_kind(paths.database) != "missing" else None
        if key is None:
            from .storage.keys import key_store_for

            key = key_store_for(paths.root).load()
        problem = check_file(backup, key if file_kind(backup) == "encrypted" else None)
        if problem != "ok":
            raise DomainError(f"{backup.name} 不能用来恢复：{problem}（可能已损坏，或是用别的钥匙加密的）。")
        clock = SystemClock()
        if file_kind(paths.database) in ("plain", "encrypted"):
            safety = make_backup(paths.database, paths.backups, clock.now(), "before-restore", key)
            print(f"现在的数据已另存为 {safety.name}")
        restore_backup(backup, paths.database, clock.now(), key)
    finally:
        lock.unlock()
    print(f"已从 {backup.name} 恢复。")
    return _check(paths)


def _import(paths: DataPaths, file: Path, kind_name: str) -> int:
    """Import a sheet with the remembered (or guessed) columns; duplicates and bad rows are left out.

    Exit code 0 when at least one row went in (or was filled in), 1 when nothing could be imported.
    """
    from .domain.imports import ImportKind
    from .services import build_services
    from .services.imports import COMMAND_LINE, describe_mapping
    from .storage.database import close_database, open_database
    from .storage.encryption import file_kind

    kind = ImportKind(kind_name)
    _inspect(paths)
    clock = SystemClock()
    key = _key(paths) if file_kind(paths.database) == "encrypted" else None
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=key)
    try:
        services = build_services(clock, paths.documents)
        if services.onboarding.needs_setup():
            raise DomainError("这个数据文件夹还没有设置公司和店主。请先打开程序窗口完成设置，再导入。")
        table = services.imports.read(file, kind)
        mapping = services.imports.mapping_for(kind, table)
        print(
            f"{table.file_name}（工作表“{table.sheet_name}”，表头在第 {table.header_row_number} 行，"
            f"{len(table.rows)} 行数据）"
        )
        print("列的对应：" + "；".join(describe_mapping(kind, table, mapping)))
        check = services.imports.check(kind, table, mapping)
        result = services.imports.save(check, by_name=COMMAND_LINE)
    finally:
        close_database()
    print(result.summary())
    for warning in result.warnings:
        print(f"注意：{warning}")
    for number, why in result.skipped:
        print(f"跳过 第 {number} 行：{why}")
    for number, why in result.rejected:
        print(f"未导入 第 {number} 行：{why}")
    if result.imported == 0 and result.filled == 0:
        print(f"没有导入任何{kind.label}。", file=sys.stderr)
        return 1
    return 0
