"""LatestCall: searches on a worker as the user types, only the newest shown, the GUI never waiting."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer

from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.gui.common.background import SEARCH_FAILED, LatestCall


def _call(qtbot) -> tuple[LatestCall, list[object], list[str], list[bool]]:
    owner = QObject()
    call = LatestCall(owner, delay_ms=10)
    shown: list[object] = []
    refused: list[str] = []
    busy: list[bool] = []
    call.succeeded.connect(shown.append)
    call.refused.connect(refused.append)
    call.busy.connect(busy.append)
    qtbot.owner = owner  # kept alive for the test
    return call, shown, refused, busy


def test_an_older_search_that_ends_later_is_dropped(qtbot) -> None:
    call, shown, _refused, busy = _call(qtbot)
    release, started = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        return "旧"

    call.request(slow, now=True)
    assert started.wait(5)
    call.request(lambda: "新")  # typed on while the old one runs
    qtbot.wait(50)
    assert shown == [] and call.is_busy  # the new one waits for the old, the old is not shown
    release.set()
    qtbot.waitUntil(lambda: not call.is_busy)
    qtbot.wait(20)
    assert shown == ["新"]
    assert busy[0] is True and busy[-1] is False


def test_the_event_loop_runs_while_a_search_runs(qtbot) -> None:
    call, shown, _refused, _busy = _call(qtbot)
    release = threading.Event()
    ticks: list[int] = []
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    call.request(lambda: release.wait(10) and "完", now=True)
    qtbot.wait(100)
    assert len(ticks) > 5 and shown == []  # the GUI thread went on while the query was blocked
    release.set()
    qtbot.waitUntil(lambda: shown == ["完"])
    timer.stop()


def test_errors_become_a_chinese_message(qtbot) -> None:
    call, shown, refused, _busy = _call(qtbot)

    def broken() -> None:
        raise RuntimeError("no such table: customer")

    call.request(broken, now=True)
    qtbot.waitUntil(lambda: refused == [SEARCH_FAILED])

    def refusing() -> None:
        raise DomainError("电话号码格式不对")

    call.request(refusing, now=True)
    qtbot.waitUntil(lambda: refused == [SEARCH_FAILED, "电话号码格式不对"])
    assert shown == [] and "查找" in SEARCH_FAILED


def test_typing_restarts_the_pause_and_only_the_last_text_is_read(qtbot) -> None:
    call, shown, _refused, _busy = _call(qtbot)
    read: list[str] = []

    def search(text: str) -> str:
        read.append(text)
        return text

    for text in ("王", "王建", "王建国"):
        call.request(lambda text=text: search(text))
    qtbot.waitUntil(lambda: shown == ["王建国"])
    assert read == ["王建国"]


def test_wait_at_shutdown_lets_the_running_read_finish_and_drops_its_result(qtbot) -> None:
    call, shown, _refused, _busy = _call(qtbot)
    started, release, done = threading.Event(), threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        done.set()
        return "x"

    call.request(slow, now=True)
    assert started.wait(5)  # running (a read stopped before it began would never run at all)
    threading.Timer(0.05, release.set).start()
    call.wait()
    assert done.is_set()  # wait() returned only once the read was done
    qtbot.wait(20)
    assert shown == []
