"""The command line: the window by default, and the same services without one.

python -m jiazheng_desktop [--data-dir DIR] [run] [--demo-if-new]
python -m jiazheng_desktop [--data-dir DIR] demo --customers N [--seed S] [--now ISO-TIME]
python -m jiazheng_desktop [--data-dir DIR] check
python -m jiazheng_desktop [--data-dir DIR] migrate
python -m jiazheng_desktop [--data-dir DIR] backup
python -m jiazheng_desktop [--data-dir DIR] backups
python -m jiazheng_desktop [--data-dir DIR] restore FILE
python -m jiazheng_desktop [--data-dir DIR] export LIST FILE.xlsx [--search TEXT] [--type T] [--month YYYY-MM] …
python -m jiazheng_desktop [--data-dir DIR] import FILE [--kind customers|workers|contracts]
python -m jiazheng_desktop --self-test
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import APP_NAME, __version__
from .domain.clock import Clock, SystemClock
from .domain.errors import DomainError
from .paths import DataPaths, resolve_data_dir

if TYPE_CHECKING:
    from datetime import datetime

    from .services import Services
    from .services.context import Authorization
    from .services.list_export import Exported

EXPORT_LISTS = ("customers", "incidents", "vouchers", "contracts", "reminders", "workers", "report")
_EXPORT_OPTIONS = {
    "search": ("customers", "vouchers", "workers"),
    "type": ("customers",),
    "view": ("incidents", "vouchers"),
    "kind": ("reminders", "vouchers"),
    "days": ("contracts",),
    "month": ("report",),
}


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
    demo.add_argument(
        "--now",
        metavar="TIME",
        help="把“现在”定在这个时刻（带时区的 ISO 时间，例如 2026-06-01T10:00:00+08:00；默认为此刻）：同一种子和时刻生成完全一样的数据",
    )
    commands.add_parser("check", help="检查数据文件是否完好（只读）")
    commands.add_parser("migrate", help="升级数据文件到本版本：先备份，再加密、迁移（程序启动时也会自动做）")
    commands.add_parser("backup", help="立即备份数据文件（加密的）")
    commands.add_parser("backups", help="列出备份，并逐一检查")
    restore = commands.add_parser("restore", help="用一份备份替换数据文件（现在的数据先另存一份备份）")
    restore.add_argument("file", metavar="FILE", help="备份文件（backups 列出的文件名，或任意路径）")
    export = commands.add_parser(
        "export",
        help="把一个列表导出为 Excel 表格（需要店主密码）",
        description="把一个列表导出为 Excel 表格：和窗口里同样的行、同样的筛选。列表含有个人信息，需要店主输入密码。",
    )
    export.add_argument(
        "list",
        metavar="LIST",
        choices=EXPORT_LISTS,
        help="customers 客户、incidents 投诉事件、vouchers 优惠券、contracts 续约、reminders 提醒、"
        "workers 服务人员、report 月度报表",
    )
    export.add_argument("file", metavar="FILE.xlsx", help="保存到这个文件（已有的同名文件会被替换）")
    export.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="搜索：姓名、电话、拼音首字母或券码（customers、vouchers、workers）",
    )
    export.add_argument(
        "--type", metavar="TYPE", help="客户类型（customers），例如 上班族、老人 或 office_worker"
    )
    export.add_argument(
        "--view",
        metavar="VIEW",
        help="incidents：open/overdue/resolved/closed/all；vouchers：active/used/expiring/expired/void/all",
    )
    export.add_argument(
        "--kind", metavar="KIND", help="提醒类型（reminders）或优惠券种类（vouchers），例如 callback"
    )
    export.add_argument(
        "--days", type=int, metavar="N", help="续约：未来 N 天内到期的合同（contracts，默认 30）"
    )
    export.add_argument("--month", metavar="YYYY-MM", help="月份（report，默认上个月）")
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


FILE_COMMANDS = ("demo", "check", "migrate", "backup", "restore", "export", "import")
OFFICE_REFUSAL = (
    "这台电脑的数据在办公室的主机数据库里（设置 → 多台电脑），不在本机的数据文件里："
    "这个命令只用于单机的数据文件，没有执行。请在程序窗口里操作（主机的 设置 → 数据与备份 可以备份和恢复）。"
)
"""The commands that open the single-PC file: on an office PC that file is not the data in use."""


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
    if command in FILE_COMMANDS and paths.office_file.exists():
        print(OFFICE_REFUSAL, file=sys.stderr)
        return 1
    try:
        if command == "demo":
            return _demo(paths, args.customers, args.workers, args.seed, args.now)
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
        if command == "export":
            return _export(paths, args)
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


def _demo_clock(now: str | None) -> Clock:
    """The demo's clock: fixed at ``--now`` when given, else the real one. Raises ``DomainError``."""
    from datetime import datetime

    from .domain.clock import FixedClock

    if now is None:
        return SystemClock()
    try:
        moment = datetime.fromisoformat(now.strip())
    except ValueError:
        raise DomainError(
            f"--now 的时间“{now}”看不懂：请写带时区的 ISO 时间，例如 2026-06-01T10:00:00+08:00"
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DomainError(f"--now 的时间“{now}”缺少时区：请在末尾加上时区，例如 2026-06-01T10:00:00+08:00")
    return FixedClock(moment)


def _demo(paths: DataPaths, customers: int, workers: int, seed: int, now: str | None = None) -> int:
    from .demo.generator import generate_demo
    from .startup import key_for_new_database
    from .storage.database import close_database, open_database
    from .storage.encryption import file_kind

    if customers < 1:
        print("客户数量至少为 1", file=sys.stderr)
        return 2
    try:
        clock = _demo_clock(now)
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if file_kind(paths.database) not in ("missing", "empty") or _has_backups(paths):
        print(
            f"{paths.database} 已存在（或已有备份）。演示数据只写入新的数据文件夹，请换一个 --data-dir。",
            file=sys.stderr,
        )
        return 1
    paths.ensure()
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


# -- export ---------------------------------------------------------------------------------------------


def _export(paths: DataPaths, args: argparse.Namespace) -> int:
    """One list to an xlsx, as the window exports it, after the owner's password (asked, never read
    from the environment or the command line)."""
    from .services import build_services
    from .storage.database import close_database, open_database

    list_key = str(args.list)
    for option, lists in _EXPORT_OPTIONS.items():
        if getattr(args, option) not in (None, "") and list_key not in lists:
            raise DomainError(f"--{option} 只用于 {'、'.join(lists)}，不能用于 {list_key}。")
    target = Path(args.file).expanduser()
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    target = target.absolute()
    if not target.parent.is_dir():  # said before the password is asked, not after
        from .services.xlsx import save_error

        raise save_error(target, FileNotFoundError(target.parent))
    _inspect(paths)
    clock = SystemClock()
    key = _key(paths)
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=key)
    try:
        services = build_services(clock, paths.documents)
        run = _export_call(services, list_key, args, clock.now())
        auth = _ask_owner(services)
        services.context.set_on_duty(auth.staff_id, auth.name)
        started = time.perf_counter()
        exported = run(target, auth)
    finally:
        close_database()
    print(
        f"已导出{exported.list_name}：{exported.rows:,} 行，保存到 {exported.path}"
        f"（用时 {time.perf_counter() - started:.1f} 秒）"
    )
    return 0


def _export_call(
    services: Services, list_key: str, args: argparse.Namespace, now: datetime
) -> Callable[[Path, Authorization], Exported]:
    """The export asked for, with its filters checked before the password is asked."""
    from .domain.customers import CustomerType
    from .domain.monthly_figures import add_months, validate_month
    from .domain.reminders import Kind
    from .domain.vouchers import VoucherKind
    from .services.customers import CustomerFilter
    from .services.incident_lists import VIEWS as INCIDENT_VIEWS
    from .services.incident_lists import IncidentFilter
    from .services.voucher_views import VIEWS as VOUCHER_VIEWS
    from .services.voucher_views import VoucherFilter

    exports = services.list_export
    if list_key == "customers":
        customer_type = _choice(args.type, CustomerType, "--type") if args.type else None
        flt = CustomerFilter(text=args.search, customer_type=customer_type)
        return lambda target, auth: exports.export_customers(flt, target, auth)
    if list_key == "incidents":
        view = args.view or "open"
        if view not in INCIDENT_VIEWS:
            raise DomainError(f"--view 只能是 {'、'.join(INCIDENT_VIEWS)} 之一")
        incidents = IncidentFilter(view=view)
        return lambda target, auth: exports.export_incidents(incidents, target, auth)
    if list_key == "vouchers":
        voucher_view = args.view or "all"
        if voucher_view not in VOUCHER_VIEWS:
            raise DomainError(f"--view 只能是 {'、'.join(VOUCHER_VIEWS)} 之一")
        kind = _choice(args.kind, VoucherKind, "--kind") if args.kind else None
        vouchers = VoucherFilter(text=args.search, view=voucher_view, kind=kind)

        def export_vouchers(target: Path, auth: Authorization) -> Exported:
            services.vouchers.expire_due()  # as the 优惠券 page does before it lists them
            return exports.export_vouchers(vouchers, target, auth)

        return export_vouchers
    if list_key == "contracts":
        days = 30 if args.days is None else int(args.days)
        if not 0 <= days <= 3660:
            raise DomainError("--days 要在 0 到 3660 之间")
        return lambda target, auth: exports.export_contracts(days, target, auth)
    if list_key == "reminders":
        reminder_kind = _choice(args.kind, Kind, "--kind") if args.kind else None
        return lambda target, auth: exports.export_reminders(reminder_kind, target, auth)
    if list_key == "workers":
        return lambda target, auth: exports.export_workers(args.search, target, auth)
    year, month = add_months(now.year, now.month, -1)
    if args.month:
        year, month = _month(args.month)
    validate_month(year, month, now)
    return lambda target, auth: exports.export_report(year, month, target, auth)


def _choice(value: str, kind: Any, option: str) -> str:
    """A stored id from its id or its Chinese label (``office_worker`` or ``上班族``)."""
    for member in kind:
        if value in (member.value, member.label):
            return str(member.value)
    choices = "、".join(f"{member.value}（{member.label}）" for member in kind)
    raise DomainError(f"{option} 不认识“{value}”，可以是：{choices}")


def _month(text: str) -> tuple[int, int]:
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        raise DomainError(f"--month 要写成 YYYY-MM，例如 2026-11（不是“{text}”）")
    return int(parts[0]), int(parts[1])


def _ask_owner(services: Services) -> Authorization:
    """The owner's name and password, typed at the terminal (getpass: the password is not shown)."""
    import getpass

    from .domain.staff import Role

    owners = [member for member in services.staff.list() if member.role >= Role.OWNER]
    if not owners:
        raise DomainError(
            "还没有店主账号：导出含有个人信息的列表需要店主确认密码。请先在程序窗口里设置店主。"
        )
    print("这个列表含有个人信息，导出需要店主输入自己的密码确认。", file=sys.stderr)
    try:
        if len(owners) == 1:
            typed = input(f"店主姓名（直接回车即 {owners[0].name}）：").strip() or owners[0].name
        else:
            typed = input(f"店主姓名（{'、'.join(m.name for m in owners)}）：").strip()
        chosen = next((m for m in owners if m.name == typed), None)
        if chosen is None:
            raise DomainError(f"“{typed}”不是店主（{'、'.join(m.name for m in owners)}），没有导出。")
        password = getpass.getpass(f"{chosen.name} 的密码：")
    except (EOFError, KeyboardInterrupt):
        raise DomainError("没有输入店主密码，没有导出。请在终端里运行这个命令，按提示输入。") from None
    return services.staff.authorize(chosen.id, password, Role.OWNER, "导出列表")


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
