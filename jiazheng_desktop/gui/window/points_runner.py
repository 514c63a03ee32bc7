"""The points job in the window: a few seconds after start (catching up missed days), then each new day.

``PointsService.run_daily`` expires the points whose day has come and brings every tier up to date (the
12 months move on even when nothing is recorded). It runs off the GUI thread, on the thread's own
connection (closed afterwards); it is idempotent, so a second start on the same day changes nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ...domain.errors import DomainError
from ...services import Services
from ..common.i18n import tr
from .background_job import BackgroundJob
from .main_window import MainWindow

log = logging.getLogger(__name__)

FIRST_RUN_MS = 10 * 1000
"""After the retention job's first run, not while the first page is loading."""


class PointsRunner(BackgroundJob):
    """Runs ``run_daily`` on a thread of its own; ``finished(text)`` on the GUI thread ("" when nothing changed)."""

    name = "points"
    finished = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services

    def start(self, first_in_ms: int = FIRST_RUN_MS) -> None:
        super().start(first_in_ms)

    def work(self) -> object:
        return self._services.points.run_daily()

    def done(self, result: object) -> None:
        from ...services.points import DailyResult

        if isinstance(result, DomainError):
            self.finished.emit(
                tr("PointsRunner", "积分到期和会员等级没有更新（{error}）").format(error=result)
            )
        elif isinstance(result, Exception):
            log.error("the points job failed", exc_info=result)
            self.finished.emit(
                tr("PointsRunner", "积分到期和会员等级没有更新（{error}）").format(error=result)
            )
        elif isinstance(result, DailyResult) and (result.expired_points or result.tiers_changed):
            self.finished.emit(
                tr(
                    "PointsRunner", "积分到期 {points} 分（{customers} 位客户）；会员等级变化 {tiers} 位"
                ).format(
                    points=result.expired_points,
                    customers=result.expired_customers,
                    tiers=result.tiers_changed,
                )
            )
        else:
            self.finished.emit("")


def install_points(window: MainWindow, services: Services) -> PointsRunner:
    """The runner and its status-bar message; ``start()`` is the caller's. Each new day it runs again."""
    runner = PointsRunner(services, window)
    status = window.statusBar()
    runner.finished.connect(lambda text: status.showMessage(text, 15000) if text else None)
    if window.reminders is not None:
        window.reminders.new_day.connect(runner.run)
    return runner
