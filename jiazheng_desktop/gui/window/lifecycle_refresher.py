"""The customer list's 阶段 and 流失风险 kept current: derived again a little after start, then every hour.

Time alone moves customers (days without a visit), so the columns on the customer rows are derived
again (``LifecycleService.refresh_all``) on a thread of its own with its own connection (closed
afterwards), in short transactions. A visit already moves its customer at once (the service does it);
this catches the rest, and the owner's new thresholds (设置 → 客户关怀) at once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from ...services import Services
from ...services.changes import ChangeKind, Changes
from .background_job import BackgroundJob

log = logging.getLogger(__name__)

FIRST_RUN_MS = 12 * 1000
"""After the window's first page, the reminders and the retention job (8 s) have had their turn."""
EVERY_MS = 60 * 60 * 1000


class LifecycleRefresher(BackgroundJob):
    """``refreshed(count)`` on the GUI thread after each run (how many customers changed)."""

    name = "lifecycle-refresh"
    refreshed = Signal(int)
    _heard = Signal()

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.timer = QTimer(self, interval=EVERY_MS)
        self.timer.timeout.connect(self.run)
        self._heard.connect(self.run)
        services.context.change_listeners.append(self._listen)

    def start(self, first_in_ms: int = FIRST_RUN_MS) -> None:
        super().start(first_in_ms)
        self.timer.start()

    def stop(self, timeout: float = 120.0) -> None:
        """The window is closing: no new run, and the one under way finishes its batch."""
        self.timer.stop()
        if self._listen in self._services.context.change_listeners:
            self._services.context.change_listeners.remove(self._listen)
        super().stop(timeout)

    def work(self) -> int:
        return self._services.lifecycle.refresh_all()

    def done(self, result: object) -> None:
        if isinstance(result, Exception):
            log.error("the lifecycle refresh failed", exc_info=result)  # the columns stay until the next run
        elif isinstance(result, int):
            self.refreshed.emit(result)

    def _listen(self, changes: Changes) -> None:
        """The owner's thresholds changed (a settings change): derive again now. Any thread."""
        if changes.touches({ChangeKind.SETTINGS}):
            try:
                self._heard.emit()
            except RuntimeError:
                pass
