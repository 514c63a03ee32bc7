"""A job the window runs now and then off the GUI thread (retention, points, the lifecycle columns).

Each run is one call on a thread of its own (its own database connection, closed afterwards); the result,
or the exception, arrives on the GUI thread in ``done``. A run asked while one is under way happens once
more when that one is done; after ``stop`` (the window is closing) none starts, and the one under way
finishes first — never cut off mid-write.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...storage.database import close_database


class BackgroundJob(QObject):
    """Subclasses give ``work()`` (on the worker thread) and ``done(result)`` (on the GUI thread)."""

    name = "background-job"
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._again = False
        self._stopped = False
        self._finished.connect(self._on_finished)

    def work(self) -> Any:
        raise NotImplementedError

    def done(self, result: object) -> None:
        """The run's result, or the exception it raised (on the GUI thread)."""

    def start(self, first_in_ms: int) -> None:
        QTimer.singleShot(first_in_ms, self, self.run)

    def stop(self, timeout: float = 120.0) -> None:
        """No new run; the one under way finishes (waited for up to ``timeout`` seconds)."""
        self._stopped = True
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self) -> None:
        """Run now, unless a run is under way (then once more when it is done)."""
        if self._stopped:
            return
        if self.busy:
            self._again = True
            return
        self._thread = threading.Thread(target=self._work, name=self.name, daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """For tests: until the run under way is done."""
        if self._thread is not None:
            self._thread.join()

    def _work(self) -> None:
        try:
            result: object = self.work()
        except Exception as exc:  # handed to done(): a job that silently stops is the worst case
            result = exc
        finally:
            close_database()
        try:
            self._finished.emit(result)
        except RuntimeError:
            pass  # the window closed meanwhile

    def _on_finished(self, result: object) -> None:
        self.done(result)
        if self._again:
            self._again = False
            self.run()
