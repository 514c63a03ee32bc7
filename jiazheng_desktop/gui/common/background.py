"""Work off the GUI thread (a month's figures, a PDF, the first read of a page), its result back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...domain.errors import DomainError
from ...services import read_in_background

Progress = Callable[[int, str], None]


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
