"""Work off the GUI thread (a month's figures, a PDF, the first read of a page), its result back on it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ...domain.errors import DomainError
from ...services import read_in_background
from ...services.warm_reader import WarmReader

Progress = Callable[[int, str], None]
_log = logging.getLogger(__name__)


class BackgroundCall(QObject):
    """Run ``work(progress)`` on a thread of its own; the signals arrive on the GUI thread.

    ``succeeded(result)`` with what ``work`` returned; ``refused(error)`` with a ``DomainError`` (a
    message for the user); any other exception is a programming error and is raised on the GUI thread,
    where the excepthook reports it. ``work`` reads the database and may write files; the few jobs that
    also write do it through a service, on the thread's own connection (closed afterwards): a backup or
    an export writes only its one audit row; the owner's retention run (设置 → 隐私) is one use case, one
    transaction, that may take a while on a large office.
    """

    progressed = Signal(int, str)
    succeeded = Signal(object)
    refused = Signal(object)
    _finished = Signal(object)

    def __init__(self, parent: QObject, work: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self._finished.connect(self._deliver)
        read_in_background(lambda: work(self.progressed.emit), self._finished.emit)

    def _deliver(self, result: object) -> None:
        if isinstance(result, DomainError):
            self.refused.emit(result)
        elif isinstance(result, Exception):
            raise result
        else:
            self.succeeded.emit(result)


SEARCH_FAILED = "查找时出错了，请稍后再试。"
"""Shown when a search on the worker fails for a reason that is not the user's (logged in full)."""


class LatestCall(QObject):
    """Searches as the user types: each ``request`` replaces the one before, and only the newest is shown.

    A request waits ``delay_ms`` (more typing restarts the wait; 0: it starts at once), then ``work()``
    runs on the call's own ``WarmReader``: one thread that keeps its database connection (with the key
    and pragmas) from one search to the next, so each starts with the pages the last one read. One runs
    at a time: a request made while one runs stops it (its query is interrupted) and starts when it has
    stopped, and a result that is no longer the newest is dropped. The GUI thread never waits for a
    query, except in ``wait`` (at shutdown, so no read is cut off mid-way and the connection is closed
    before the database is).

    ``busy(bool)`` while a request is pending or running; ``succeeded(result)`` for the newest;
    ``refused(message)`` with a Chinese message (a ``DomainError``'s text, or ``SEARCH_FAILED`` for
    anything else, whose traceback goes to the log, never to the user).
    """

    busy = Signal(bool)
    succeeded = Signal(object)
    refused = Signal(str)
    _finished = Signal(int, object)

    def __init__(self, parent: QObject, delay_ms: int = 150) -> None:
        super().__init__(parent)
        self._generation = 0
        self._pending: Callable[[], Any] | None = None
        self._running: Callable[[], None] | None = None
        """Stops the running read (its query is interrupted), None when none runs."""
        self._done = threading.Event()
        self._done.set()
        self._running_generation = -1
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._start)
        self._finished.connect(self._deliver)
        self._reader = reader = WarmReader("search")
        parent.destroyed.connect(
            lambda *_: reader.close(timeout=None)
        )  # its page went: so does its connection
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.wait)

    @property
    def is_busy(self) -> bool:
        return self._pending is not None or self._running is not None

    def request(self, work: Callable[[], Any], *, now: bool = False) -> None:
        """Run ``work`` after the delay (at once with ``now``), instead of anything asked before."""
        self._generation += 1
        self._pending = work
        if self._running is not None:
            self._running()  # typed past it: its query is interrupted, the newest starts when it stops
        self.busy.emit(True)
        if now:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        """Forget what was asked: a result still on its way is dropped."""
        self._generation += 1
        self._pending = None
        self._timer.stop()
        if self._running is None:
            self.busy.emit(False)

    def wait(self, timeout: float = 10.0) -> None:
        """Block until the running read (if any) is done and the connection closed; pending ones are
        dropped (for shutdown, and before the database file is closed or replaced)."""
        self.cancel()
        if self._running is not None:
            self._running()
        self._done.wait(timeout)
        self._reader.close(timeout)

    def _start(self) -> None:
        if self._running is not None or self._pending is None:
            return  # the one running starts the newest when it is done
        work, self._pending = self._pending, None
        generation = self._generation
        self._running_generation = generation
        self._done.clear()

        def deliver(result: object) -> None:
            self._done.set()
            self._finished.emit(generation, result)

        self._running = self._reader.read(work, deliver)

    def _deliver(self, generation: int, result: object) -> None:
        self._running = None
        if self._pending is not None:
            if not self._timer.isActive():
                self._start()  # its delay is over: it waited only for this one
        else:
            self.busy.emit(False)
        if generation != self._generation:
            return  # an older request: the user has typed on since
        if isinstance(result, DomainError):
            self.refused.emit(str(result))
        elif isinstance(result, Exception):
            _log.error("后台查找失败", exc_info=result)
            self.refused.emit(SEARCH_FAILED)
        else:
            self.succeeded.emit(result)
