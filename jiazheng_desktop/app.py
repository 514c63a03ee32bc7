"""The composition root: paths → database → migrate → services → window."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog

from . import APP_NAME, __version__
from .domain.clock import Clock, SystemClock
from .paths import DataPaths, resolve_data_dir
from .services import Services, build_services
from .services.settings import SCRIPTS_SEEDED_KEY
from .storage.backup import list_backups, restore_backup
from .storage.database import (
    NewerDatabaseError,
    OpenResult,
    StorageError,
    UnconvertibleDataError,
    close_database,
    open_database,
)

CHECK_FIRST_MARKER = "check-before-opening"


def ui_settings(paths: DataPaths) -> QSettings:
    """Window sizes and such live with the data folder, so a second office keeps its own."""
    return QSettings(str(paths.root / "ui-state.ini"), QSettings.Format.IniFormat)


def _install_excepthook(paths: DataPaths) -> None:
    """An unexpected error is written to a log file; the user sees a Chinese message, not a traceback."""
    log_dir = paths.root / "logs"

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

    open_database(paths.database, backup_dir=paths.backups, now=clock.now())
    try:
        generate_demo(clock, customers=customers, progress=report)
    finally:
        close_database()
        progress.close()


def _open_database(paths: DataPaths, clock: Clock) -> OpenResult | None:
    """Open (and migrate) the database; on a problem, offer a backup. None means quit.

    The full integrity check of a healthy-looking file runs in the background while
    the window comes up, unless the last one failed (then it runs first, here).
    """
    from .gui.window.database_problem import ask_what_to_do

    marker = paths.root / CHECK_FIRST_MARKER
    while True:
        try:
            result = open_database(
                paths.database, backup_dir=paths.backups, now=clock.now(), check_later=not marker.exists()
            )
            if result.integrity is None:
                marker.unlink(missing_ok=True)
            return result
        except StorageError as exc:
            backups = list_backups(paths.backups)
            # A file from a newer program, or one a migration refused, is healthy: an older backup in its
            # place would lose data.
            healthy = isinstance(exc, (NewerDatabaseError, UnconvertibleDataError))
            newest = backups[0] if backups and not healthy else None
            if ask_what_to_do(None, str(exc), paths.root, newest) != "restore" or newest is None:
                return None
            restore_backup(newest, paths.database, clock.now())


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
    from .gui.window.shell import build_main_window
    from .gui.window.single_instance import SingleInstance

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from .gui.common.icons import app_icon

    app.setWindowIcon(app_icon())
    install_chinese(app)
    try:
        paths.ensure()
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
        if demo_if_new and not paths.database.exists():
            _generate_demo(paths, clock, demo_customers)
        opened = _open_database(paths, clock)
        if opened is None:
            return 1
        services = build_services(clock, paths.documents)
        integrity_report = _watch_integrity(opened, services, paths)
        if services.onboarding.needs_setup():
            from .gui.window.setup_dialog import SetupDialog

            setup = SetupDialog(services)
            if setup.exec() != SetupDialog.DialogCode.Accepted or setup.owner_id is None:
                return 0
            services.staff.begin_after_setup(setup.owner_id)  # the owner just set it up: no second password
            settings.setValue("on_duty/staff_id", setup.owner_id)
        if not services.settings.get_value(SCRIPTS_SEEDED_KEY, False):
            services.scripts.ensure_seeded()  # the default scripts, once, on a new database
        if services.context.on_duty_id is None and not _choose_staff(
            services, settings, automatic=quit_when_idle
        ):
            return 0
        window = build_main_window(services, settings)
        instance.activation_requested.connect(window.bring_to_front)
        window.restore_state()
        window.show()
        _start_reminders(window, integrity_report)
        if quit_when_idle:
            QTimer.singleShot(0, lambda: (print("idle", flush=True), window.close(), app.quit()))
        else:
            QTimer.singleShot(1500, _warm_up_in_background)
        return app.exec()
    finally:
        close_database()
        instance.release()


if __name__ == "__main__":
    sys.exit(run_app(DataPaths(resolve_data_dir())))
