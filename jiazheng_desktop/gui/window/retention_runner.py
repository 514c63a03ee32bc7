"""The retention job in the window: a few seconds after start (catching up a missed day), then each new day.

``RetentionService.run_due`` does the work off the GUI thread (it writes, on the thread's own connection,
closed afterwards). What it did goes to the status bar; when records are due but wait for the owner, a
panel at the top of the window says so plainly (not a modal box) until the owner has confirmed in
设置 → 隐私 or someone closes it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ...domain.errors import DomainError
from ...services import Services
from ...services.changes import ChangeKind, Changes
from ..common import theme
from ..common.i18n import tr
from .background_job import BackgroundJob
from .main_window import MainWindow

if TYPE_CHECKING:
    from ...services.retention import RunResult  # loaded with the first run, not at start-up

log = logging.getLogger(__name__)

FIRST_RUN_MS = 8 * 1000
"""Not while the window is still loading its first page (and after the reminders have caught up)."""

STYLE = f"""
#RetentionNotice {{ margin: 8px 10px 0 10px; background: {theme.INFO_SOFT}; border: 1px solid {theme.INFO_BORDER}; border-radius: 4px; }}
#RetentionNotice QLabel {{ color: {theme.INFO_TEXT}; }}
"""


def waiting_text(result: RunResult) -> str:
    """What the owner is told when records are due but wait for their confirmation."""
    return tr(
        "RetentionRunner",
        "个人信息保存期限：有 {callbacks} 条回访记录、{contacts} 条联系记录、{customers} 位不活跃客户已到期，"
        "需要店主在 设置 → 隐私 确认后清理",
    ).format(callbacks=result.callbacks, contacts=result.contacts, customers=result.customers)


def ran_text(result: RunResult) -> str:
    return tr(
        "RetentionRunner",
        "已按保存期限清理：回访记录 {callbacks} 条、联系记录 {contacts} 条、不活跃客户 {customers} 位",
    ).format(callbacks=result.callbacks, contacts=result.contacts, customers=result.customers)


class RetentionRunner(BackgroundJob):
    """Runs ``run_due`` on a thread of its own; the signals arrive on the GUI thread.

    ``ran(result)`` when records were anonymised, ``waiting(result)`` when they wait for the owner,
    ``settled()`` when nothing waits (any other outcome), ``failed(text)`` with a message to show.
    """

    name = "retention"
    ran = Signal(object)
    waiting = Signal(object)
    settled = Signal()
    failed = Signal(str)
    _heard = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.waiting_for_owner = False
        self.notice: RetentionNotice | None = None
        """The panel above the pages (made by ``install_retention`` when first needed)."""
        self._heard.connect(self._on_heard)
        services.context.change_listeners.append(self._listen)

    def start(self, first_in_ms: int = FIRST_RUN_MS) -> None:
        super().start(first_in_ms)

    def stop(self, timeout: float = 120.0) -> None:
        """The window is closing: no new run, and the one under way finishes (never cut off mid-write)."""
        if self._listen in self._services.context.change_listeners:
            self._services.context.change_listeners.remove(self._listen)
        super().stop(timeout)

    def work(self) -> object:
        return self._services.retention.run_due()

    def done(self, result: object) -> None:
        from ...services.retention import RunOutcome, RunResult

        if isinstance(result, DomainError):
            self.failed.emit(str(result))
        elif isinstance(result, Exception):
            log.error("the retention job failed", exc_info=result)
            self.failed.emit(tr("RetentionRunner", "按保存期限清理没有完成（{error}）").format(error=result))
        elif isinstance(result, RunResult):
            self.waiting_for_owner = result.outcome == RunOutcome.WAITING_FOR_OWNER
            if self.waiting_for_owner:
                self.waiting.emit(result)
            else:
                if result.outcome == RunOutcome.RAN and result.total:
                    self.ran.emit(result)
                self.settled.emit()

    # -- the owner confirmed (or changed the periods) somewhere: look again ----------------------------

    def _listen(self, changes: Changes) -> None:
        """A change listener: called on the thread that committed, handed to the GUI thread."""
        if changes.touches({ChangeKind.SETTINGS}):
            try:
                self._heard.emit(changes)
            except RuntimeError:
                pass

    def _on_heard(self, _changes: object) -> None:
        if self.waiting_for_owner:
            self.run()


class RetentionNotice(QFrame):
    """The panel that says records wait for the owner; ``settings_requested`` for 去设置."""

    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RetentionNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settings_button = QPushButton(tr("RetentionNotice", "去设置"), self)
        self.settings_button.setToolTip(tr("RetentionNotice", "打开设置，由店主查看并确认清理"))
        self.close_button = QPushButton(tr("RetentionNotice", "×"), self)
        self.close_button.setToolTip(tr("RetentionNotice", "关闭（下次启动或明天会再提示）"))
        self.close_button.setAccessibleName(tr("RetentionNotice", "关闭"))
        self.close_button.setFixedWidth(self.close_button.fontMetrics().horizontalAdvance("××") + 16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.settings_button)
        layout.addWidget(self.close_button)
        self.settings_button.clicked.connect(self.settings_requested)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_waiting(self, result: RunResult) -> None:
        self.text_label.setText(waiting_text(result))
        self.show()


def install_retention(window: MainWindow, services: Services) -> RetentionRunner:
    """The runner, its panel above the pages and its status-bar messages; ``start()`` is the caller's.

    The daily tick comes from the reminders' scheduler (``new_day``), when the window has reminders.
    """
    runner = RetentionRunner(services, window)
    status = window.statusBar()

    def make_notice() -> RetentionNotice:
        # Made the first time there is something to say (start-up does not build a hidden panel).
        notice = RetentionNotice(window)
        window.add_notice(notice)
        notice.settings_requested.connect(lambda: window.show_page("settings"))
        runner.notice = notice
        return notice

    def on_waiting(result: RunResult) -> None:
        (runner.notice or make_notice()).show_waiting(result)
        status.showMessage(waiting_text(result))

    def on_settled() -> None:
        if runner.notice is not None:
            runner.notice.hide()

    runner.waiting.connect(on_waiting)
    runner.settled.connect(on_settled)
    runner.ran.connect(lambda result: status.showMessage(ran_text(result), 15000))
    runner.failed.connect(
        lambda text: status.showMessage(
            tr("RetentionRunner", "{text}　请到 设置 → 隐私 查看。").format(text=text)
        )
    )
    if window.reminders is not None:
        window.reminders.new_day.connect(runner.run)
    return runner
