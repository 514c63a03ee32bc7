"""One running program per data folder: a second start brings the first window forward."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_MESSAGE = b"activate"


def server_name(database: Path) -> str:
    digest = hashlib.sha1(str(database.resolve()).lower().encode()).hexdigest()[:16]
    return f"jiazheng-desktop-{digest}"


class SingleInstance(QObject):
    """Hold the lock file of a data folder and listen for later starts."""

    activation_requested = Signal()

    def __init__(self, lock_path: Path, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = QLockFile(str(lock_path))
        self._lock.setStaleLockTime(0)  # a lock of a crashed process is detected by its pid instead
        self._name = server_name(database)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this process is now the only one on the data folder."""
        if not self._lock.tryLock(100):
            return False
        QLocalServer.removeServer(self._name)  # left over by a crash
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_new_connection)
        self._server.listen(self._name)
        return True

    def notify_running(self) -> bool:
        """Ask the running program to come forward; False if it could not be reached."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._on_ready_read(c))

    def _on_ready_read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(_MESSAGE):
            self.activation_requested.emit()
        connection.disconnectFromServer()
