"""What one PC of the office changes reaches the others within a moment: PostgreSQL ``LISTEN/NOTIFY``.

Every change notice a PC's services announce (``ServiceContext.announce``) is also sent on the server's
channel ``CHANNEL`` with the PC's own id; each PC listens on a connection of its own (``OfficeFeed``,
a thread) and hands what other PCs changed to the same listeners as its own changes
(``ServiceContext.hear``), so every screen refreshes as it does for its own saves, without 刷新.

A notice is sent after its transaction has committed. One too big for a notice (over ``MAX_PAYLOAD``)
goes without its ids ("some of these kinds changed"). While the connection is lost the feed retries;
once back it tells the listeners that anything may have changed, since notices sent meanwhile are gone.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable

from ..storage.models import db
from ..storage.office_server import ServerAddress
from ..storage.postgres import is_server
from .changes import ChangeKind, Changes
from .context import ServiceContext

log = logging.getLogger(__name__)

CHANNEL = "jiazheng_changes"
MAX_PAYLOAD = 7000
"""PostgreSQL's limit for a notice is 8,000 bytes."""
RETRY_SECONDS = 2.0
EVERYTHING = Changes({kind: frozenset() for kind in ChangeKind})
"""After a gap in the feed: anything of any kind may have changed."""


def encode(changes: Changes, sender: str) -> str:
    ids = {kind.value: sorted(values) for kind, values in changes.ids.items()}
    payload = json.dumps({"from": sender, "ids": ids}, separators=(",", ":"))
    if len(payload.encode()) > MAX_PAYLOAD:
        payload = json.dumps({"from": sender, "ids": {k: [] for k in ids}}, separators=(",", ":"))
    return payload


def decode(payload: str) -> tuple[str, Changes]:
    """(sender, changes) of a notice; kinds this program does not know are left out."""
    values = json.loads(payload)
    known = {kind.value: kind for kind in ChangeKind}
    ids = {known[k]: frozenset(int(i) for i in v) for k, v in values.get("ids", {}).items() if k in known}
    return str(values.get("from", "")), Changes(ids)


def publish(changes: Changes, sender: str) -> None:
    """Send a committed change to the other PCs (nothing on a single-PC file; never fails the change)."""
    if not changes or not is_server(db.obj):
        return
    try:
        db.execute_sql("SELECT pg_notify(?, ?)", (CHANNEL, encode(changes, sender)))
    except Exception:  # the change is saved; only the other PCs hear of it later (their feed catches up)
        log.warning("the change notice could not be sent to the other PCs", exc_info=True)


class OfficeFeed:
    """Listens on the server for the other PCs' changes, on a thread with its own connection."""

    def __init__(
        self,
        address: ServerAddress,
        on_changes: Callable[[Changes], None],
        *,
        sender: str,
        on_connected: Callable[[bool], None] | None = None,
    ) -> None:
        self._address = address
        self._on_changes = on_changes
        self._on_connected = on_connected
        self.sender = sender
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="office-feed", daemon=True)
        self.connected = False

    def start(self) -> OfficeFeed:
        self._thread.start()
        return self

    def wait_listening(self, timeout: float = 10) -> bool:
        """For tests and start-up: True once the feed listens."""
        return self._listening.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _set_connected(self, connected: bool) -> None:
        if connected == self.connected:
            return
        self.connected = connected
        if self._on_connected is not None:
            self._on_connected(connected)

    def _run(self) -> None:
        import psycopg

        missed = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    **self._address.connect_kwargs(),  # type: ignore[arg-type]
                    autocommit=True,
                    connect_timeout=5,
                    application_name="jiazheng-desktop feed",
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._set_connected(True)
                    self._listening.set()
                    if missed:
                        self._on_changes(EVERYTHING)
                        missed = False
                    while not self._stop.is_set():
                        for notice in conn.notifies(timeout=0.5):
                            self._hear(notice.payload)
            except psycopg.Error:
                log.info("the office feed lost the server; retrying", exc_info=True)
            self._listening.clear()
            if self._stop.is_set():
                break
            missed = True
            self._set_connected(False)
            self._stop.wait(RETRY_SECONDS)

    def _hear(self, payload: str) -> None:
        try:
            sender, changes = decode(payload)
        except (ValueError, TypeError, AttributeError):
            log.warning("an unreadable change notice: %r", payload[:200])
            return
        if sender != self.sender and changes:
            self._on_changes(changes)


def join_office(
    context: ServiceContext, address: ServerAddress, on_connected: Callable[[bool], None] | None = None
) -> OfficeFeed:
    """Send this PC's change notices to the others and hear theirs; returns the running feed."""
    sender = uuid.uuid4().hex
    context.publisher = lambda changes: publish(changes, sender)
    return OfficeFeed(address, context.hear, sender=sender, on_connected=on_connected).start()
