"""Finding the host on the office network: the other PCs ask by UDP broadcast, the host answers.

The host (while the program runs on it) answers ``QUESTION`` on ``DISCOVERY_PORT`` with its name and the
database's port; never the office code, which staff type from the host's screen. A PC asking sends the
question to the broadcast address (and to any addresses given, e.g. loopback in tests) and collects the
answers for a moment. Only this program's question is answered, and only on the office network.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)

DISCOVERY_PORT = 5545
QUESTION = b"JIAZHENG-DESKTOP HOST?"
ANSWER_PREFIX = b"JIAZHENG-DESKTOP HOST "


@dataclass(frozen=True)
class FoundHost:
    address: str
    """The IPv4 address the answer came from (what the PC connects to)."""
    name: str
    port: int
    agency: str = ""


class HostResponder:
    """On the host: answers the question until stopped (a thread of its own)."""

    def __init__(self, name: str, port: int, agency: str = "", *, listen_port: int = DISCOVERY_PORT) -> None:
        self._answer = ANSWER_PREFIX + json.dumps(
            {"name": name, "port": port, "agency": agency}, ensure_ascii=False
        ).encode("utf-8")
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("", listen_port))
        self._socket.settimeout(0.5)
        self.port = int(self._socket.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="office-discovery", daemon=True)

    def start(self) -> HostResponder:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)
        self._socket.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data, sender = self._socket.recvfrom(256)
            except TimeoutError:
                continue
            except OSError:
                break
            if data == QUESTION:
                try:
                    self._socket.sendto(self._answer, sender)
                except OSError:
                    log.info("could not answer %s", sender)


def find_hosts(
    seconds: float = 1.0, *, port: int = DISCOVERY_PORT, also: Iterable[str] = (), broadcast: bool = True
) -> list[FoundHost]:
    """The hosts that answered within ``seconds`` (asked by broadcast on this network, and at ``also``)."""
    found: dict[tuple[str, int], FoundHost] = {}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        for target in (*(["255.255.255.255"] if broadcast else []), *also):
            try:
                probe.sendto(QUESTION, (target, port))
            except OSError:  # no network at all: only ``also`` may answer
                continue
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            probe.settimeout(left)
            try:
                data, (address, _port) = probe.recvfrom(1024)
            except (TimeoutError, OSError):
                break
            if not data.startswith(ANSWER_PREFIX):
                continue
            try:
                values = json.loads(data[len(ANSWER_PREFIX) :].decode("utf-8"))
                host = FoundHost(
                    address, str(values["name"]), int(values["port"]), str(values.get("agency", ""))
                )
            except (ValueError, KeyError, TypeError):
                continue
            found[(host.address, host.port)] = host
    return sorted(found.values(), key=lambda h: (h.name, h.address))


def this_pc_addresses() -> list[str]:
    """This PC's IPv4 addresses on its networks (not loopback), for the host's screen and its listening."""
    addresses: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            addresses.add(str(info[4][0]))
    except OSError:
        pass
    return sorted(a for a in addresses if not a.startswith("127."))
