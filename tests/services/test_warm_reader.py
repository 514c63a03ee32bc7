"""WarmReader: searches one after another on a thread that keeps its connection, each one stoppable."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from peewee import DatabaseError, OperationalError

from jiazheng_desktop.services import warm_reader
from jiazheng_desktop.services.warm_reader import ReadStopped, WarmReader
from jiazheng_desktop.storage.models import db

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


class Inbox:
    """What the reader delivered, in order, and a way to wait for the n-th."""

    def __init__(self) -> None:
        self.results: list[object] = []
        self._arrived = threading.Condition()

    def __call__(self, result: object) -> None:
        with self._arrived:
            self.results.append(result)
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[object]:
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.results) >= count, timeout), self.results
            return list(self.results)


@pytest.fixture
def reader(services) -> WarmReader:
    reader = WarmReader("test-reader")
    yield reader
    assert reader.close(10)


def _connection_id() -> int:
    return id(db.obj.connection())


def test_reads_share_one_connection_that_keeps_what_it_has_read(reader: WarmReader) -> None:
    inbox = Inbox()
    reader.read(lambda: db.execute_sql("CREATE TEMP TABLE seen (x INTEGER)").rowcount, inbox)
    reader.read(_connection_id, inbox)
    reader.read(lambda: db.execute_sql("SELECT count(*) FROM seen").fetchone()[0], inbox)
    reader.read(_connection_id, inbox)
    results = inbox.wait_for(4)
    assert results[2] == 0  # the second read saw the first one's temp table: the same connection
    assert results[1] == results[3]
    assert results[1] != _connection_id()  # and not the GUI thread's


def test_stopping_interrupts_the_running_query_and_the_connection_stays_usable(reader: WarmReader) -> None:
    started = threading.Event()
    inbox = Inbox()

    def endless() -> object:
        started.set()
        return db.execute_sql(ENDLESS).fetchone()

    reader.read(lambda: db.execute_sql("CREATE TEMP TABLE marked (x INTEGER)").rowcount, lambda _r: None)
    stop = reader.read(endless, inbox)
    reader.read(lambda: db.execute_sql("SELECT count(*) FROM marked").fetchone()[0], inbox)
    assert started.wait(5)
    time.sleep(0.2)
    assert inbox.results == []  # it really runs, and the next read waits for it
    stop()
    results = inbox.wait_for(2)
    assert isinstance(results[0], OperationalError), results
    assert "interrupt" in str(results[0]) or "canceling statement" in str(results[0])  # SQLite, server
    assert results[1] == 0  # the next read ran, on the same connection (its temp table is there)


def test_a_stop_after_the_read_ended_never_interrupts_the_next(reader: WarmReader) -> None:
    inbox = Inbox()
    stop = reader.read(lambda: db.execute_sql("SELECT 41 + 1").fetchone()[0], inbox)
    assert inbox.wait_for(1) == [42]
    release = threading.Event()
    started = threading.Event()

    def slow() -> int:
        started.set()
        release.wait(10)
        return int(db.execute_sql("SELECT count(*) FROM (SELECT 1 UNION SELECT 2) AS two").fetchone()[0])

    reader.read(slow, inbox)
    assert started.wait(5)
    stop()  # the first one's stop, late
    release.set()
    assert inbox.wait_for(2) == [42, 2]


def test_a_read_stopped_before_it_began_never_runs(reader: WarmReader) -> None:
    release, started = threading.Event(), threading.Event()
    inbox = Inbox()
    ran: list[str] = []
    reader.read(lambda: (started.set(), release.wait(10), "first")[2], inbox)
    stop = reader.read(lambda: ran.append("second") or "second", inbox)
    assert started.wait(5)
    stop()
    release.set()
    results = inbox.wait_for(2)
    assert results[0] == "first" and isinstance(results[1], ReadStopped) and ran == []


def test_a_failed_read_gives_the_next_a_new_connection(reader: WarmReader) -> None:
    inbox = Inbox()
    reader.read(_connection_id, inbox)
    reader.read(lambda: db.execute_sql("SELECT * FROM no_such_table").fetchall(), inbox)
    reader.read(lambda: db.execute_sql("CREATE TEMP TABLE again (x INTEGER)").rowcount, inbox)
    results = inbox.wait_for(3)
    assert isinstance(results[1], DatabaseError)  # SQLite's OperationalError, the server's ProgrammingError
    assert not isinstance(results[2], Exception)  # the temp table is new: a fresh connection


def test_close_waits_for_the_running_read_drops_the_rest_and_a_later_read_starts_again(
    reader: WarmReader,
) -> None:
    release, started = threading.Event(), threading.Event()
    inbox = Inbox()
    reader.read(lambda: (started.set(), release.wait(10), "running")[2], inbox)
    reader.read(lambda: "queued", inbox)
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()
    assert reader.close(10)  # returned once the running read was done and the thread had ended
    results = inbox.wait_for(2)
    assert results[0] == "running" and isinstance(results[1], ReadStopped)
    assert not reader.is_open
    reader.read(lambda: db.execute_sql("SELECT 7").fetchone()[0], inbox)
    assert inbox.wait_for(3)[2] == 7 and reader.is_open


def test_an_idle_reader_closes_its_connection(services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm_reader, "IDLE_CLOSE_S", 0.05)
    reader = WarmReader("idle-reader")
    inbox = Inbox()
    connections: list[object] = []
    reader.read(lambda: connections.append(db.obj.connection()) or "done", inbox)
    assert inbox.wait_for(1) == ["done"]
    wait_until(lambda: not reader.is_open)
    with pytest.raises(Exception, match="closed"):
        connections[0].execute("SELECT 1")  # type: ignore[attr-defined]


def test_a_receiver_that_fails_does_not_end_the_reader(reader: WarmReader) -> None:
    def broken(_result: object) -> None:
        raise ValueError("the receiver's own fault")

    reader.read(lambda: 1, broken)
    inbox = Inbox()
    reader.read(lambda: 2, inbox)
    assert inbox.wait_for(1) == [2]


def wait_until(done: Callable[[], bool], timeout: float = 5.0) -> None:
    finished = threading.Event()
    deadline = threading.Timer(timeout, finished.set)
    deadline.start()
    try:
        while not done():
            assert not finished.wait(0.01), "timed out"
    finally:
        deadline.cancel()
