"""The customer list's 阶段 and 流失风险 kept current: derived again a little after start, then every hour.

Time alone moves customers (days without a visit), so the columns on the customer rows are derived
again (``LifecycleService.refresh_all``) on a thread of its own with its own connection (closed
afterwards), in short transactions. A visit already moves its customer at once (the service does it);
this catches the rest, and the owner's new thresholds (设置 → 客户关怀) at once.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from ...services import Services
from ...services.changes import ChangeKind, Changes
from ...storage.database import close_database

log = logging.getLogger(__name__)

FIRST_RUN_MS = 12 * 1000
"""After the window's first page, the reminders and the retention job (8 s) have had their turn."""
EVERY_MS = 60 * 60 * 1000


class LifecycleRefresher(QObject):
    """``refreshed(count)`` on the GUI thread after each run (how many customers changed)."""

    refreshed = Signal(int)
    _finished = Signal(object)
    _heard = Signal()

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._thread: threading.Thread | None = None
        self._again = False
        self._stopped = False
        self.timer = QTimer(self, interval=EVERY_MS)
        self.timer.timeout.connect(self.run)
        self._finished.connect(self._on_finished)
        self._heard.connect(self.run)
        services.context.change_listeners.append(self._listen)

    def start(self, first_in_ms: int = FIRST_RUN_MS) -> None:
        QTimer.singleShot(first_in_ms, self, self.run)
        self.timer.start()

    def stop(self) -> None:
        """The window is closing: no new run, and the one under way finishes its batch."""
        self._stopped = True
        self.timer.stop()
        if self._listen in self._services.context.change_listeners:
            self._services.context.change_listeners.remove(self._listen)
        if self._thread is not None:
            self._thread.join(timeout=120)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self) -> None:
        if self._stopped:
            return
        if self.busy:
            self._again = True
            return
        self._thread = threading.Thread(target=self._work, name="lifecycle-refresh", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            result: object = self._services.lifecycle.refresh_all()
        except Exception as exc:  # logged; the columns stay as they were until the next run
            result = exc
        finally:
            close_database()
        try:
            self._finished.emit(result)
        except RuntimeError:
            pass  # the window closed meanwhile

    def _on_finished(self, result: object) -> None:
        if isinstance(result, Exception):
            log.error("the lifecycle refresh failed", exc_info=result)
        elif isinstance(result, int):
            self.refreshed.emit(result)
        if self._again:
            self._again = False
            self.run()

    def _listen(self, changes: Changes) -> None:
        """The owner's thresholds changed (a settings change): derive again now. Any thread."""
        if changes.touches({ChangeKind.SETTINGS}):
            try:
                self._heard.emit()
            except RuntimeError:
                pass
