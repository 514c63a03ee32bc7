"""``--self-test``: prove an installed copy works, without a window, in a throw-away data folder.

Opens and migrates a new database, takes a complaint to 行动 and renders its 补偿通知书 with the bundled
Chinese font, loads Qt's Chinese translations, and lets the real APScheduler fire a real reminder back
through a Qt signal. It also checks what the encryption at rest stands on: SQLCipher (``sqlcipher3``) writes
and reads back a database under a raw 256-bit key that plain ``sqlite3`` refuses, and ``keyring`` finds a
backend for the key (on Windows the Credential Manager, with a test credential set, read and deleted; under
Wine, a Credential Manager that does not work is reported, not failed; on Linux without a secret service the
line says the key file will be used), and says whether the office-server component (PostgreSQL, only on a
host PC) is there and runs. Prints one line per step; exit code 0 when all pass, 1 (with the
reason) otherwise.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import APP_NAME, __version__

if TYPE_CHECKING:
    from .services import Services

FIRE_TIMEOUT_S = 10.0
_keep: list[object] = []  # the Qt application object outlives the step that made it


def run_self_test(out: TextIO | None = None, report: Path | None = None) -> int:
    """Run every step; lines go to ``out`` (stdout by default, absent in a windowed Windows program)
    and, when given, to the UTF-8 file ``report``."""
    out = out or sys.stdout
    started = time.perf_counter()
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("", encoding="utf-8")

    def say(text: str) -> None:
        if out is not None:
            print(text, file=out, flush=True)
        if report is not None:
            with report.open("a", encoding="utf-8") as file:
                file.write(text + "\n")

    say(f"{APP_NAME} {__version__} 自检（Python {sys.version.split()[0]}，{sys.platform}）")
    with tempfile.TemporaryDirectory(prefix="jiazheng-selftest-") as tmp:
        state: dict[str, object] = {}
        steps: list[tuple[str, Callable[[], str]]] = [
            ("打开并升级数据库", lambda: _database(Path(tmp), state)),
            ("加密数据库（SQLCipher）", lambda: _encryption(Path(tmp))),
            ("密钥保管（keyring）", _keyring),
            ("生成中文补偿通知书", lambda: _notice(state)),
            ("读取要导入的 Excel 表格（python-calamine）", lambda: _sheet(Path(tmp))),
            ("券码校验位", _voucher_check),
            ("连接办公室服务器的驱动（psycopg）", _office_driver),
            ("主机组件（PostgreSQL 服务器）", _office_server_component),
            ("加载 Qt 中文翻译", _translations),
            ("载入全部界面模块", _gui_modules),
            ("提醒按时触发", lambda: _reminder(state)),
        ]
        try:
            for name, step in steps:
                t0 = time.perf_counter()
                try:
                    detail = step()
                except Exception as exc:  # the point is to report whatever broke, in words
                    say(f"✗ {name}：{type(exc).__name__}: {exc}")
                    say("自检失败")
                    return 1
                say(f"✓ {name}（{(time.perf_counter() - t0) * 1000:.0f} ms）{detail}")
        finally:
            from .storage.database import close_database

            close_database()
    say(f"自检通过，用时 {time.perf_counter() - started:.1f} 秒")
    return 0


def _database(root: Path, state: dict[str, object]) -> str:
    from .domain.clock import SystemClock
    from .paths import DataPaths
    from .services import build_services
    from .services.settings import AgencyInfo
    from .storage.database import open_database
    from .storage.migrations import LATEST_VERSION, schema_version
    from .storage.models import db

    paths = DataPaths(root / "office")
    paths.ensure()
    clock = SystemClock()
    result = open_database(paths.database, backup_dir=paths.backups, now=clock.now())
    version = schema_version(db.obj)
    if version != LATEST_VERSION:
        raise RuntimeError(f"数据版本是 {version}，应为 {LATEST_VERSION}")
    services = build_services(clock, paths.documents)
    if result.integrity is not None:
        services.context.write_gate = result.integrity.start().wait
    owner = services.onboarding.set_up(AgencyInfo("自检家政服务社"), "自检店主", "self-test-1", "self-test-1")
    services.staff.set_on_duty(owner)
    state["services"] = services
    return f"版本 {version}"


def _encryption(root: Path) -> str:
    """A database under a raw key (no key derivation): written, read back, and refused by plain sqlite3."""
    import secrets
    import sqlite3

    import sqlcipher3
    from playhouse.sqlcipher_ext import SqlCipherDatabase  # noqa: F401 (what the storage layer opens it with)

    path = root / "encrypted.sqlite3"
    key = f"PRAGMA key = \"x'{secrets.token_hex(32)}'\""
    connection = sqlcipher3.connect(str(path))
    try:
        connection.execute(key)
        connection.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        connection.execute("INSERT INTO probe (name) VALUES (?)", ("王建国",))
        connection.commit()
    finally:
        connection.close()
    connection = sqlcipher3.connect(str(path))
    try:
        connection.execute(key)
        rows = connection.execute("SELECT name FROM probe").fetchall()
        cipher = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    if rows != [("王建国",)]:
        raise RuntimeError(f"加密数据库读回的内容不对：{rows}")
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise RuntimeError("文件头是明文的 SQLite 文件头：没有加密")
    plain = sqlite3.connect(path)
    try:
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "file is not a database" not in str(exc):
            raise
    else:
        raise RuntimeError("普通 sqlite3 能读出加密的文件")
    finally:
        plain.close()
    return f"SQLCipher {cipher[0] if cipher else '?'}，原始密钥写入并读回，普通 sqlite3 拒绝（file is not a database）"


KEYRING_TEST_SERVICE = "jiazheng-desktop-self-test"
WINDOWS_BACKEND = "keyring.backends.Windows.WinVaultKeyring"


def _backend_names(backend: object) -> list[str]:
    """The usable backends behind ``backend`` (a chainer's members), as module.Class names."""
    from keyring.backends import chainer, fail

    members = list(backend.backends) if isinstance(backend, chainer.ChainerBackend) else [backend]
    return [
        f"{type(member).__module__}.{type(member).__qualname__}"
        for member in members
        if not isinstance(member, fail.Keyring | chainer.ChainerBackend)
    ]


def under_wine() -> bool:
    """Whether this Windows program runs under Wine (its ntdll exports wine_get_version)."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except OSError:
        return False


def _keyring() -> str:
    """Which backend keeps the database key; on Windows a test credential set, read and deleted."""
    import keyring
    from keyring.compat.py312 import metadata

    # keyring finds its backends through its package's entry points: a frozen build without keyring's
    # metadata finds none, and would look like a machine without a secret service.
    plugins = sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))
    if not plugins:
        raise RuntimeError(
            "keyring 的后端入口（entry points）不在这份程序里：打包时没有带上 keyring 的元数据"
        )
    names = _backend_names(keyring.get_keyring())
    if sys.platform != "win32":
        if not names:
            return (
                "没有可用的系统密钥库（no keyring backend），"
                "数据库密钥将改存在只有本用户可读的文件里（the file fallback will be used）"
            )
        # No test write here: a locked desktop keyring would open an unlock prompt.
        return "后端 " + "、".join(names)
    from keyring.backends.Windows import WinVaultKeyring

    return _windows_credentials(names, under_wine(), WinVaultKeyring)


def _windows_credentials(names: list[str], wine: bool, vault_class: Callable[[], Any]) -> str:
    """On Windows the key must go to the Credential Manager: a test credential set, read back and deleted.
    Under Wine a Credential Manager that is missing or does not work is a finding about Wine, reported."""
    import secrets

    if WINDOWS_BACKEND not in names:
        found = "、".join(names) or "无"
        if wine:
            return (
                f"Wine 下没有找到 Windows 凭据管理器后端（找到：{found}）：Wine 的问题，在 Windows 上必须有"
            )
        raise RuntimeError(f"没有找到 Windows 凭据管理器（{WINDOWS_BACKEND}），找到：{found}")
    user, secret = f"self-test-{secrets.token_hex(4)}", secrets.token_hex(32)
    try:
        vault = vault_class()
        vault.set_password(KEYRING_TEST_SERVICE, user, secret)
        read = vault.get_password(KEYRING_TEST_SERVICE, user)
        vault.delete_password(KEYRING_TEST_SERVICE, user)
        gone = vault.get_password(KEYRING_TEST_SERVICE, user)
        if read != secret or gone is not None:
            raise RuntimeError(
                f"读回{'一致' if read == secret else '不一致'}，删除后{'已无' if gone is None else '仍在'}"
            )
    except Exception as exc:
        if wine:  # a finding about Wine, not about the program
            return (
                f"后端 {WINDOWS_BACKEND}；Wine 的凭据管理器不能存取测试凭据"
                f"（{type(exc).__name__}: {exc}），在 Windows 上必须能"
            )
        raise RuntimeError(f"Windows 凭据管理器不能存取测试凭据：{type(exc).__name__}: {exc}") from exc
    return (
        f"后端 {WINDOWS_BACKEND}（Windows 凭据管理器{'，Wine 下' if wine else ''}），测试凭据写入、读回、删除"
    )


def sample_complaint(services: Services) -> tuple[int, int]:
    """A customer and a complaint of theirs taken through 行动 (a voucher and a free redo): ``(customer, incident)``."""
    from .domain.customers import CustomerDraft
    from .domain.incidents import Category, RemedyDraft, RemedyKind, Step
    from .services.incidents import IncidentDraft

    customer = services.customers.create(CustomerDraft(name="王建国", honorific="先生", phone="13812345678"))
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.DAMAGE.value, severity=2, customer_said="阿姨打碎了花瓶"
        )
    )
    steps = {
        Step.IDENTIFY: {"what_happened": "保洁时碰倒客厅的花瓶，花瓶摔碎", "root_cause": "技能不足"},
        Step.LISTEN: {"customer_account": "花瓶是母亲留下的", "customer_needs": "希望公司重视并赔偿"},
        Step.EMPATHIZE: {"apology": "非常抱歉打碎了您珍视的花瓶"},
    }
    for step, data in steps.items():
        services.incidents.complete_step(incident, step, data)
    services.incidents.complete_step(
        incident,
        Step.ACT,
        {"action_plan": "按原价赔偿，并安排阿姨接受物品保护培训"},
        [
            RemedyDraft(RemedyKind.VOUCHER.value, "100", "下次服务抵扣"),
            RemedyDraft(RemedyKind.REDO.value, "", "重新打扫客厅"),
        ],
    )
    return customer, incident


def _notice(state: dict[str, object]) -> str:
    from .services import Services

    services = state["services"]
    assert isinstance(services, Services)
    customer, incident = sample_complaint(services)
    state["customer"] = customer
    path = services.documents.compensation_notice(incident)
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data or b"WenQuanYiMicroHei" not in data:
        raise RuntimeError(f"{path.name} 不是嵌入了中文字体的 PDF")
    return f"{path.name}，{len(data) // 1024} KB，字体已嵌入"


def _office_driver() -> str:
    """The PostgreSQL driver every PC needs to join an office server, with its compiled libpq (no server here)."""
    import psycopg

    from .storage.postgres import pg_sql

    implementation = psycopg.pq.__impl__
    if implementation not in ("binary", "c"):
        raise RuntimeError(f"psycopg 只有 {implementation} 实现，缺少 psycopg-binary（libpq）")
    if pg_sql("SELECT ? WHERE x LIKE '%a'") != "SELECT %s WHERE x LIKE '%%a'":
        raise RuntimeError("SQL 转换不对")
    return f"psycopg {psycopg.__version__}（{implementation}，libpq {psycopg.pq.version()}）"


def _office_server_component() -> str:
    """Whether this PC could be an office's host: the PostgreSQL the program would start, and its version.
    Not installed is no failure (only the host needs it); installed but not runnable is."""
    from .storage.office_server import find_binaries, postgres_version

    binaries = find_binaries()
    if binaries is None:
        return "未安装（只有当主机的电脑需要它）"
    return f"PostgreSQL {postgres_version(binaries)}，在 {binaries}"


def _voucher_check() -> str:
    """The voucher codes' Luhn mod 32 check symbol, worked out as the frozen build does."""
    from .domain.vouchers import check_symbol, normalize_code

    symbol = check_symbol("7KQ9M3X")
    if symbol != "G":
        raise RuntimeError(f"7KQ9M3X 的校验位算成了 {symbol!r}（应为 'G'）")
    return f"：{normalize_code('7KQ9M3X' + symbol)}"


def _sheet(root: Path) -> str:
    """An xlsx with a phone kept as a number, read as the import reads it (the frozen build has calamine)."""
    from openpyxl import Workbook

    from .domain.imports import ImportKind, cell_text
    from .services.import_files import read_table

    path = root / "导入自检.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    sheet.append(["王建国", 13912345678])
    workbook.save(path)
    table = read_table(path, ImportKind.CUSTOMERS)
    phone = cell_text(table.rows[0][1])
    if phone != "13912345678":
        raise RuntimeError(f"电话读成了 {phone!r}")
    return f"：{table.headers}，{phone}"


def _translations() -> str:
    from PySide6.QtCore import QCoreApplication

    from .gui.common.i18n import install_chinese

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    _keep.append(app)
    loaded = install_chinese(app)
    if "qtbase_zh_CN" not in loaded:
        raise RuntimeError("找不到 qtbase_zh_CN 翻译文件")
    return "、".join(loaded)


GUI_MODULES = (
    "PySide6.QtWidgets", "PySide6.QtNetwork",
    "jiazheng_desktop.gui.window.shell", "jiazheng_desktop.gui.home.page", "jiazheng_desktop.gui.customers.page",
    "jiazheng_desktop.gui.reminders.page", "jiazheng_desktop.gui.incidents.page", "jiazheng_desktop.gui.vouchers.page",
    "jiazheng_desktop.gui.renewals.page", "jiazheng_desktop.gui.workers.page", "jiazheng_desktop.gui.scripts.page",
    "jiazheng_desktop.gui.reports.page", "jiazheng_desktop.gui.settings.page",
    "jiazheng_desktop.gui.incidents.callback_dialog", "jiazheng_desktop.gui.common.checklist_dialog",
)  # fmt: skip
"""Every section is imported when first shown: a missing Qt library or module would only show then."""


def _gui_modules() -> str:
    import importlib

    for name in GUI_MODULES:
        importlib.import_module(name)
    return f"{len(GUI_MODULES)} 个"


def _reminder(state: dict[str, object]) -> str:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from .domain.contracts import ContractDraft
    from .gui.reminders.scheduler_signals import SignalScheduler
    from .services import Services

    services = state["services"]
    assert isinstance(services, Services)
    today = services.context.now().date()
    customer = state["customer"]
    assert isinstance(customer, int)
    services.contracts.create(
        ContractDraft(customer, "保洁套餐", today - timedelta(days=300), today + timedelta(days=30), "3600")
    )
    upcoming = services.reminders.next_wake()
    if not upcoming:
        raise RuntimeError("签订合同后没有生成续约提醒")
    reminder_id = upcoming[0][0]
    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    state["app"] = app  # kept alive until the test ends
    scheduler = SignalScheduler(wake_seconds=3600)
    fired: list[int] = []
    loop = QEventLoop()

    def on_due(reminder_id: int) -> None:
        fired.append(reminder_id)
        loop.quit()

    scheduler.due.connect(on_due)
    QTimer.singleShot(int(FIRE_TIMEOUT_S * 1000), loop.quit)
    scheduler.start()
    try:
        scheduler.schedule_in(reminder_id, timedelta(milliseconds=200))
        loop.exec()
    finally:
        scheduler.shutdown()
    if fired != [reminder_id]:
        raise RuntimeError(f"{FIRE_TIMEOUT_S:.0f} 秒内没有收到提醒（收到 {fired}）")
    return f"续约提醒 #{reminder_id}（{upcoming[0][1]:%Y-%m-%d %H:%M}）经 APScheduler 送回"
