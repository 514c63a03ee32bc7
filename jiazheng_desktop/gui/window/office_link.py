"""The window's link to the other PCs of the office: their changes, the host's answer, the line's state.

On a server database the window joins the office feed (``services.office_feed``): what another PC saves
arrives as a change notice like this PC's own, and every page refreshes what it shows. The status bar
says when the line to the host is lost and when it is back. On the host, the window also answers the
other PCs' search for it (``services.office_discovery``).
"""

from __future__ import annotations

import logging
import socket

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from ...services import Services
from ...services.office_discovery import HostResponder
from ...services.office_feed import OfficeFeed, join_office
from ...storage.office_server import ServerAddress
from ..common.i18n import tr

log = logging.getLogger(__name__)


class OfficeLink(QObject):
    """Owned by the window; ``stop()`` when it closes."""

    connection_changed = Signal(bool)

    def __init__(
        self, window: QMainWindow, services: Services, address: ServerAddress, *, host: bool, agency: str = ""
    ) -> None:
        super().__init__(window)
        self._window = window
        self.connection_changed.connect(self._show)
        self.feed: OfficeFeed = join_office(
            services.context, address, on_connected=self.connection_changed.emit
        )
        self.responder: HostResponder | None = None
        if host:
            try:
                self.responder = HostResponder(socket.gethostname(), address.port, agency).start()
            except OSError:  # the port is taken (another copy of the program): the address can still be typed
                log.warning("the host cannot answer searches for it", exc_info=True)

    def _show(self, connected: bool) -> None:
        status = self._window.statusBar()
        if connected:
            status.showMessage(tr("office", "已重新连上主机，显示的是最新的数据。"), 8000)
        else:
            status.showMessage(tr("office", "和主机的连接断了，正在重试…（其他电脑的修改暂时看不到）"))

    def stop(self) -> None:
        self.feed.stop()
        if self.responder is not None:
            self.responder.stop()
