"""The automatic backup: at start when the last one is older than a day, then checked every hour."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from ...domain.errors import DomainError
from ...services import Services
from ...storage.database import close_database

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000
FIRST_CHECK_MS = 20 * 1000
"""Not during the first seconds, when the window is still loading its pages."""


class AutomaticBackups(QObject):
    """Runs ``BackupService.automatic`` off the GUI thread; tells the window what happened."""

    made = Signal(str)
    failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.run)

    def start(self, first_in_ms: int = FIRST_CHECK_MS) -> None:
        QTimer.singleShot(first_in_ms, self, self.run)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def run(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._work, name="automatic-backup", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            path = self._services.backups.automatic()
        except DomainError as exc:
            self._tell(self.failed, str(exc))
        except Exception as exc:  # logged and said: a backup that silently stops is the worst case
            log.exception("the automatic backup failed")
            self._tell(self.failed, f"自动备份没有成功（{exc}）")
        else:
            if path is not None:
                self._tell(self.made, path.name)
        finally:
            close_database()

    @staticmethod
    def _tell(signal: SignalInstance, text: str) -> None:
        try:
            signal.emit(text)
        except RuntimeError:
            pass  # the window closed meanwhile
