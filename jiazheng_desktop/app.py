"""The composition root: paths → database → migrate → services → window."""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog

from . import APP_NAME, __version__
from .domain.clock import Clock, SystemClock
from .domain.errors import DomainError
from .paths import DataPaths, resolve_data_dir
from .services import Services, build_services
from .services.backups import BackupPlace
from .services.settings import SCRIPT_SEED_KEYS
from .startup import Opened, Opening, key_for_new_database
from .storage.backup import BackupCheckError, list_backups, restore_backup
from .storage.database import (
    OpenResult,
    StorageError,
    check_folder_writable,
    close_database,
    open_database,
)
from .storage.office_config import OfficeConfig

if TYPE_CHECKING:
    from .gui.window.automatic_backups import AutomaticBackups
    from .gui.window.lifecycle_refresher import LifecycleRefresher
    from .gui.window.main_window import MainWindow
    from .gui.window.office_link import OfficeLink
    from .gui.window.points_runner import PointsRunner
    from .gui.window.retention_runner import RetentionRunner

CHECK_FIRST_MARKER = "check-before-opening"
RESTART = 75
"""``app.exec()`` returns this when the window asked to start again on a restored backup."""


@dataclass(frozen=True)
class RestoreRequest:
    backup: Path | None
    """None: no backup, just start again (the office setting changed in 设置 → 多台电脑)."""
    by_name: str
    key: bytes | None
    """The key of the data now open (the backup was checked with it)."""


def ui_settings(paths: DataPaths) -> QSettings:
    """Window sizes and such live with the data folder, so a second office keeps its own."""
    return QSettings(str(paths.root / "ui-state.ini"), QSettings.Format.IniFormat)


def _install_excepthook(paths: DataPaths) -> None:
    """An unexpected error is written to a log file; the user sees a Chinese message, not a traceback."""
    log_dir = paths.root / "logs"
    showing: set[str] = set()

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log_file = log_dir / "errors.log"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with log_file.open("a", encoding="utf-8") as out:
                out.write(f"--- {datetime.now().isoformat()} {APP_NAME} {__version__}\n")
                out.write("".join(traceback.format_exception(kind, error, tb)))
        except OSError:
            pass
        if QApplication.instance() is not None:
            from .gui.common import messages
            from .gui.common.i18n import tr
            from .storage.database import translate_error

            # A disk, lock or permission fault met outside a save (a read, a background job) still gets
            # its own message, not the generic one.
            known = translate_error(error, paths.database, saving=False)
            if known is not None:
                # While the box is open the window's timers keep reading: a lost host or a locked file says
                # so once, not in a stack of the same boxes.
                if str(known) in showing:
                    return
                showing.add(str(known))
                try:
                    messages.show_error(None, str(known), tr("app", "无法完成"))
                finally:
                    showing.discard(str(known))
                return
            messages.show_error(
                None,
                tr(
                    "app",
                    "程序遇到了一个意外问题，刚才的操作可能没有完成（已保存的数据不受影响）。\n"
                    "详细情况已记录在：{log_file}\n如果反复出现，请把这个文件发给安装人员。",
                ).format(log_file=log_file),
                tr("app", "意外错误"),
            )

    sys.excepthook = hook


def _generate_demo(paths: DataPaths, clock: Clock, customers: int) -> None:
    """Fill a new data folder with demo data, showing progress."""
    from .demo.generator import generate_demo
    from .gui.common.i18n import tr

    progress = QProgressDialog(tr("app", "正在生成演示数据…"), "", 0, customers)
    progress.setWindowTitle(APP_NAME)
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)

    def report(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()

    key = key_for_new_database(paths)
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=key)
    try:
        generate_demo(clock, customers=customers, progress=report)
    finally:
        close_database()
        progress.close()


def _open_database(paths: DataPaths, clock: Clock) -> Opened | None:
    """Open (and migrate) the database with this PC's key; on a problem, say so and offer a way out.

    None means quit. The full integrity check of a healthy-looking file runs in the background
    while the window comes up, unless the last one failed (then it runs first, here).
    """
    from .gui.window.database_problem import StartupQuestions

    marker = paths.root / CHECK_FIRST_MARKER
    opened = Opening(paths, clock, StartupQuestions(paths.root), check_later=not marker.exists()).run()
    if opened is not None and opened.result.integrity is None:
        marker.unlink(missing_ok=True)
    return opened


class _IntegrityReport(QObject):
    """Carries the background check's verdict to the GUI thread."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.healthy = False
        self._waiting: list[Callable[[], None]] = []
        self.finished.connect(self._on_finished)

    def when_healthy(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the GUI thread once the file passed (at once if it already has)."""
        if self.healthy:
            QTimer.singleShot(0, callback)
        else:
            self._waiting.append(callback)

    def _on_finished(self, error: object) -> None:
        if error is None:
            self.healthy = True
            for callback in self._waiting:
                callback()
        self._waiting.clear()


def _watch_integrity(result: OpenResult, services: Services, paths: DataPaths) -> _IntegrityReport | None:
    """Start the background check; writes wait for it, and a failure closes the program safely."""
    from .gui.common import messages
    from .gui.common.i18n import tr

    if result.integrity is None:
        return None
    report = _IntegrityReport()

    def on_finished(error: object) -> None:
        if error is None:
            return
        (paths.root / CHECK_FIRST_MARKER).write_text("quick_check failed\n", encoding="utf-8")
        messages.show_error(
            QApplication.activeWindow(),
            tr("app", "{error}\n\n程序现在关闭。下次打开时会先检查数据文件，并提供从备份恢复。").format(
                error=error
            ),
            tr("app", "数据文件已损坏"),
        )
        QApplication.quit()

    report.finished.connect(on_finished)
    services.context.write_gate = result.integrity.wait

    def deliver(error: object) -> None:
        try:
            report.finished.emit(error)
        except RuntimeError:
            pass  # the program closed before the check finished: nothing left to tell

    result.integrity.start(deliver)
    return report


def _start_reminders(window: QObject, integrity_report: _IntegrityReport | None) -> None:
    """Reminders start once the file is known to be healthy (they write as they are raised)."""
    controller = getattr(window, "reminders", None)
    if controller is None:
        return
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.stop)
    if integrity_report is None:
        QTimer.singleShot(0, controller.start)
    else:
        integrity_report.when_healthy(controller.start)


def _start_automatic_backups(
    window: QObject, services: Services, integrity_report: _IntegrityReport | None
) -> AutomaticBackups:
    """The daily backup, once the file is known to be healthy; failures stay in the status bar."""
    from .gui.common.i18n import tr
    from .gui.window.automatic_backups import AutomaticBackups

    backups = AutomaticBackups(services, window)
    status = window.statusBar()  # type: ignore[attr-defined]
    backups.made.connect(
        lambda name: status.showMessage(tr("app", "已自动备份：{name}").format(name=name), 10000)
    )
    backups.failed.connect(
        lambda text: status.showMessage(tr("app", "{text}　请到 设置 → 数据 查看。").format(text=text))
    )
    _once_healthy(integrity_report, backups.start)
    return backups


def _once_healthy(integrity_report: _IntegrityReport | None, start: Callable[[], None]) -> None:
    """Start a job that writes now, or, while the file's integrity is still being checked, once it is
    known to be healthy."""
    if integrity_report is None:
        start()
    else:
        integrity_report.when_healthy(start)


def _start_retention(
    window: MainWindow, services: Services, integrity_report: _IntegrityReport | None
) -> RetentionRunner:
    """The retention job: a few seconds after start (a missed day is caught up), then each new day;
    like every write, only once the file is known to be healthy."""
    from .gui.window.retention_runner import install_retention

    runner = install_retention(window, services)
    _once_healthy(integrity_report, runner.start)
    return runner


def _start_lifecycle(
    window: MainWindow, services: Services, integrity_report: _IntegrityReport | None
) -> LifecycleRefresher:
    """The list's 阶段 and 流失风险 derived again a little after start, then hourly (a write: healthy files only)."""
    from .gui.window.lifecycle_refresher import LifecycleRefresher

    refresher = LifecycleRefresher(services, window)
    _once_healthy(integrity_report, refresher.start)
    return refresher


def _start_points(
    window: MainWindow, services: Services, integrity_report: _IntegrityReport | None
) -> PointsRunner:
    """The points job (expiry and tiers): a few seconds after start, then each new day; only once the
    file is known to be healthy."""
    from .gui.window.points_runner import install_points

    runner = install_points(window, services)
    _once_healthy(integrity_report, runner.start)
    return runner


REPORT_MEMORY_ENV = "JIAZHENG_REPORT_MEMORY"
"""Set (to anything) for ``--quit-when-idle`` to add the process's own peak memory to its "idle" line."""


def idle_line() -> str:
    """What ``--quit-when-idle`` prints once the window is up: "idle", and with ``REPORT_MEMORY_ENV``
    set, this process's peak resident memory (VmHWM, kB), its own and not its parent's (ru_maxrss of a
    child started from a large process reports the parent's); nothing more where /proc is missing."""
    if not os.environ.get(REPORT_MEMORY_ENV):
        return "idle"
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return "idle"
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return f"idle VmHWM={line.split()[1]} kB"
    return "idle"


def _choose_staff(services: Services, settings: QSettings, *, automatic: bool) -> bool:
    """Someone takes the desk with their own password (the remembered person is preselected).

    False if nobody signed in (the program then quits). ``automatic`` is the hidden start-up check
    (``--quit-when-idle``): the window closes as soon as it is up, so nobody can work at it and the
    remembered person is put on duty without asking.
    """
    from .gui.window.sign_in_dialog import SignInPurpose, sign_in

    remembered = settings.value("on_duty/staff_id")
    active = {m.id: m for m in services.staff.list()}
    chosen: int | None = int(remembered) if remembered is not None and str(remembered).isdigit() else None
    if chosen not in active:
        chosen = None
    if automatic:
        chosen = chosen if chosen is not None else next(iter(active), None)
        if chosen is None:
            return False
        services.staff.set_on_duty(chosen)
        return True
    member = sign_in(None, services, SignInPurpose.START, chosen)
    if member is None:
        return False
    settings.setValue("on_duty/staff_id", member.id)
    return True


def _warm_up_in_background() -> None:
    """Load the pinyin and phone-number tables now, so the first save does not pause for them."""

    def warm_up() -> None:
        from .domain.phones import normalize_phone
        from .domain.search_keys import pinyin_keys

        pinyin_keys("王建国")
        normalize_phone("13800000000")

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()


def run_app(
    paths: DataPaths, *, demo_if_new: bool = False, demo_customers: int = 2000, quit_when_idle: bool = False
) -> int:
    """Start the window on ``paths``; returns the process exit code."""
    from .gui.common import messages
    from .gui.common.i18n import install_chinese, tr
    from .gui.window.single_instance import SingleInstance

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from .gui.common.app_style import apply_theme
    from .gui.common.icons import app_icon

    app.setWindowIcon(app_icon())
    apply_theme(app)  # before the first dialog (a damaged file, the sign-in): everything in one look
    install_chinese(app)
    try:
        paths.ensure()
        check_folder_writable(paths.root)
    except StorageError as exc:  # a read-only folder or a full disk: said before anything else
        messages.show_error(None, str(exc), tr("app", "无法打开数据文件夹"))
        return 1
    except OSError as exc:
        messages.show_error(
            None,
            tr("app", "无法创建数据文件夹 {folder}：{reason}。请换一个有写入权限的位置。").format(
                folder=paths.root, reason=exc.strerror
            ),
        )
        return 1
    _install_excepthook(paths)
    instance = SingleInstance(paths.lock_file, paths.database)
    if not instance.acquire():
        if instance.notify_running():
            print(tr("app", "{app_name}已经在运行，已切换到它的窗口。").format(app_name=APP_NAME))
            return 0
        messages.show_error(
            None,
            tr("app", "这个数据文件夹已经被另一个{app_name}打开：\n{folder}\n请先关闭它。").format(
                app_name=APP_NAME, folder=paths.root
            ),
        )
        return 1
    clock = SystemClock()
    settings = ui_settings(paths)
    try:
        if (
            demo_if_new
            and not paths.database.exists()
            and not paths.office_file.exists()
            and not list_backups(paths.backups)
        ):
            _generate_demo(paths, clock, demo_customers)
        request: RestoreRequest | None = None
        while True:
            code, request = _session(app, paths, clock, settings, instance, request, quit_when_idle)
            if request is None:
                return code
    finally:
        close_database()
        settings.sync()  # the window's layout on disk now: the process may leave without destructors
        instance.release()


def _session(
    app: QApplication,
    paths: DataPaths,
    clock: Clock,
    settings: QSettings,
    instance: QObject,
    request: RestoreRequest | None,
    quit_when_idle: bool,
) -> tuple[int, RestoreRequest | None]:
    """One window on the data: open, sign in, run; a restore from 设置 → 数据 asks for another."""
    from .gui.common import messages
    from .gui.common.i18n import tr
    from .gui.window.shell import build_main_window
    from .storage import office_config

    try:
        office = office_config.load(paths)
    except StorageError as exc:
        messages.show_error(None, str(exc), tr("app", "无法打开数据"))
        return 1, None
    restored = _restore_requested(paths, clock, request, office)
    opened = _open_database(paths, clock) if office is None else _open_office(paths, office)
    if opened is None:
        return 1, None
    services = build_services(clock, paths.documents)
    services.backup_place = _backup_place(paths, opened, office)
    integrity_report = _watch_integrity(opened.result, services, paths)
    if restored is not None:
        services.backups.record_restored(request.backup.name if request and request.backup else "", restored)
    elif opened.restored_from is not None:
        services.backups.record_restored(opened.restored_from, "启动时选择")
    owner_password = ""
    if services.onboarding.needs_setup():
        from .gui.window.setup_dialog import SetupDialog

        setup = SetupDialog(services)
        if setup.exec() != SetupDialog.DialogCode.Accepted or setup.owner_id is None:
            return 0, None
        services.staff.begin_after_setup(setup.owner_id)  # the owner just set it up: no second password
        settings.setValue("on_duty/staff_id", setup.owner_id)
        owner_password = setup.ui.password_edit.text()
    if not all(services.settings.get_value(key, False) for key in SCRIPT_SEED_KEYS):
        services.scripts.ensure_seeded()  # the default scripts once (and the ones added later, once)
    if services.context.on_duty_id is None and not _choose_staff(
        services, settings, automatic=quit_when_idle
    ):
        return 0, None
    window = build_main_window(services, settings)
    pending: list[RestoreRequest] = []

    def restart_on(backup: object, by_name: object) -> None:
        pending.append(RestoreRequest(Path(str(backup)), str(by_name), opened.key))
        window.close()
        app.exit(RESTART)

    window.restore_requested.connect(restart_on)

    def restart() -> None:
        pending.append(RestoreRequest(None, "", opened.key))
        window.close()
        app.exit(RESTART)

    window.restart_requested.connect(restart)
    instance.activation_requested.connect(window.bring_to_front)  # type: ignore[attr-defined]
    window.restore_state()
    window.show()
    _start_reminders(window, integrity_report)
    link = _join_office(window, services, opened, office)
    backups = _start_automatic_backups(window, services, integrity_report)
    retention = _start_retention(window, services, integrity_report)
    lifecycle = _start_lifecycle(window, services, integrity_report)
    points = _start_points(window, services, integrity_report)
    if quit_when_idle:
        QTimer.singleShot(0, lambda: (print(idle_line(), flush=True), window.close(), app.quit()))
    else:
        QTimer.singleShot(1500, _warm_up_in_background)
        if opened.conversion is not None:
            messages.show_info(
                window,
                tr(
                    "app",
                    "数据文件和原来的备份已经加密保存（加密前另做了一份加密的备份：{backup}）。\n"
                    "请店主到 设置 → 数据安全 打印“数据恢复单”并妥善保管：换电脑或重装系统时要用它打开数据。",
                ).format(backup=opened.conversion.backup.name),
                tr("app", "数据已加密"),
            )
        elif opened.new_key and owner_password:
            _offer_recovery_sheet(window, services, owner_password)
    code = app.exec()
    if link is not None:
        link.stop()
    backups.stop()
    retention.stop()
    lifecycle.stop()
    points.stop()
    instance.activation_requested.disconnect(window.bring_to_front)  # type: ignore[attr-defined]
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    close_database()
    if pending and code == RESTART:
        return code, pending[0]
    return code, None


def _join_office(
    window: MainWindow, services: Services, opened: Opened, office: OfficeConfig | None
) -> OfficeLink | None:
    """On a server: hear the other PCs' changes (and, on the host, answer their search for it)."""
    from .gui.window.office_link import OfficeLink
    from .storage.office_config import HOST
    from .storage.postgres import OfficeDatabase

    database = opened.result.database
    if office is None or not isinstance(database, OfficeDatabase):
        return None
    return OfficeLink(
        window, services, database.address, host=office.role == HOST, agency=services.settings.agency().name
    )


def _open_office(paths: DataPaths, office: OfficeConfig) -> Opened | None:
    """The office's server (the host starts its own first); 重试 / 退出 while it cannot be reached."""
    from .gui.common.i18n import tr
    from .gui.window.database_problem import StartupQuestions
    from .startup import open_office
    from .storage.office_config import HOST

    # Starting the host's server or reaching the host takes a few seconds: say what is happening meanwhile.
    text = tr("app", "正在启动办公室的数据库服务器…") if office.role == HOST else tr("app", "正在连接主机…")
    busy = QProgressDialog(text, "", 0, 0)
    busy.setWindowTitle(APP_NAME)
    busy.setCancelButton(None)
    busy.setMinimumDuration(0)
    busy.show()
    QApplication.processEvents()
    try:
        return open_office(paths, StartupQuestions(paths.root, busy=busy), office)
    finally:
        busy.close()


def _backup_place(paths: DataPaths, opened: Opened, office: OfficeConfig | None) -> BackupPlace:
    """Where backups go: the file's; on the host exports of the server's data; none on a client."""
    place = BackupPlace(paths.database, paths.backups, opened.key, opened.store.describe())
    if office is None:
        return place
    from dataclasses import replace

    from .storage.office_config import HOST
    from .storage.postgres import is_server

    database = opened.result.database
    if office.role == HOST and is_server(database):
        return replace(place, server=database.address)  # type: ignore[attr-defined]
    return replace(place, client=True)


def _restore_requested(
    paths: DataPaths, clock: Clock, request: RestoreRequest | None, office: OfficeConfig | None = None
) -> str | None:
    """Put the backup chosen in 设置 → 数据 in place (the file is closed now); who asked, or None.

    On the host the backup's data replaces the server's (``office_move.restore_to_server``).
    """
    if request is None or request.backup is None:
        return None
    from .gui.common import messages
    from .gui.common.i18n import tr

    try:
        if office is None:
            restore_backup(request.backup, paths.database, clock.now(), request.key)
        else:
            from .services.office import OfficeSetup
            from .storage.office_move import restore_to_server

            address = OfficeSetup(paths).start_host()
            restore_to_server(request.backup, address, request.key, work_folder=paths.backups)
    except (BackupCheckError, OSError, DomainError) as exc:
        text = (
            tr("app", "没能从 {name} 恢复：{reason}\n原来的数据文件没有改动，程序继续使用它。")
            if office is None
            else tr("app", "没能从 {name} 恢复：{reason}\n主机数据库里的数据没有改动，程序继续使用它。")
        )
        messages.show_error(
            None, text.format(name=request.backup.name, reason=exc), tr("app", "恢复没有成功")
        )
        return None
    return request.by_name


def _offer_recovery_sheet(window: QObject, services: Services, owner_password: str) -> None:
    """First run: the owner who just set up is offered the recovery sheet without another password."""
    from .domain.staff import Role
    from .gui.common.recovery_sheet import offer_recovery_sheet

    owner_id = services.context.on_duty_id
    if owner_id is None:
        return
    auth = services.staff.authorize(owner_id, owner_password, Role.OWNER, "打印恢复单")
    offer_recovery_sheet(window, services, auth, first_run=True)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(run_app(DataPaths(resolve_data_dir())))
