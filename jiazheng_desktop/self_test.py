"""``--self-test``: prove an installed copy works, without a window, in a throw-away data folder.

Opens and migrates a new database, takes a complaint to 行动 and renders its 补偿通知书 with the bundled
Chinese font, loads Qt's Chinese translations, and lets the real APScheduler fire a real reminder back
through a Qt signal. Prints one line per step; exit code 0 when all pass, 1 (with the reason) otherwise.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

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
            ("生成中文补偿通知书", lambda: _notice(state)),
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
