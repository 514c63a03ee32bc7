"""The command line: the window by default, and the same services without one.

python -m jiazheng_desktop [--data-dir DIR] [run] [--demo-if-new]
python -m jiazheng_desktop [--data-dir DIR] demo --customers N
python -m jiazheng_desktop [--data-dir DIR] check
python -m jiazheng_desktop [--data-dir DIR] backup
python -m jiazheng_desktop --self-test
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

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
    commands.add_parser("check", help="检查数据文件是否完好")
    commands.add_parser("backup", help="立即备份数据文件")
    return parser


def _reconfigure_stdio() -> None:
    # Frozen Windows programs default to cp1252; a windowed build has no stdout at all.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


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

        return run_app(
            paths,
            demo_if_new=getattr(args, "demo_if_new", False),
            demo_customers=getattr(args, "demo_customers", 2000),
            quit_when_idle=getattr(args, "quit_when_idle", False),
        )
    try:
        if command == "demo":
            return _demo(paths, args.customers, args.workers, args.seed)
        if command == "check":
            return _check(paths)
        if command == "backup":
            return _backup(paths)
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 2


def _demo(paths: DataPaths, customers: int, workers: int, seed: int) -> int:
    from .demo.generator import generate_demo
    from .storage.database import close_database, open_database

    if customers < 1:
        print("客户数量至少为 1", file=sys.stderr)
        return 2
    if paths.database.exists() and paths.database.stat().st_size > 0:
        print(
            f"{paths.database} 已存在。演示数据只写入新的数据文件夹，请换一个 --data-dir。", file=sys.stderr
        )
        return 1
    paths.ensure()
    clock = SystemClock()
    started = time.perf_counter()
    open_database(paths.database, backup_dir=paths.backups, now=clock.now())
    try:
        summary = generate_demo(clock, customers=customers, workers=workers or None, seed=seed)
    finally:
        close_database()
    print(f"已在 {paths.database} 生成演示数据：{summary}（用时 {time.perf_counter() - started:.1f} 秒）")
    return 0


def _inspect(paths: DataPaths) -> int:
    """Check the existing database read-only; its schema version. Raises ``DomainError``."""
    from .storage.database import inspect_file

    if not paths.database.exists():
        raise DomainError(f"{paths.database} 还不存在。")
    return inspect_file(paths.database)


def _check(paths: DataPaths) -> int:
    from .storage.migrations import LATEST_VERSION

    version = _inspect(paths)
    print(f"{paths.database}：完好，数据版本 {version}（本程序版本 {LATEST_VERSION}）")
    return 0


def _backup(paths: DataPaths) -> int:
    from .storage.backup import make_backup

    _inspect(paths)  # a damaged file is not worth a backup that looks good
    target = make_backup(paths.database, paths.backups, SystemClock().now(), "manual")
    print(f"已备份到 {target}")
    return 0
