"""Reads that follow one another (a search as the user types) on one thread that keeps its connection.

A fresh connection starts with an empty page cache, and with SQLCipher every page it reads is decrypted
again: at a million customers the first filter on a new connection took 10–60 ms where the same filter
on a connection that had read before took 2–15 ms (``benchmarks/bench_filter.py``). So a ``WarmReader``
runs its reads one at a time, in the order asked, on a thread of its own that keeps its connection (with
the key and the office's pragmas) from one read to the next. The connection is closed when the reader
is closed, after ``IDLE_CLOSE_S`` without a read (its cache is memory), after a read that failed (a
broken connection is never reused; one that was interrupted leaves it as it was), and when the program
opens another database.

Only reads go through here: nothing written on this connection.

On the office server the reader's thread likewise keeps a connection of its own to the server (peewee
keeps one per thread), and a stop cancels the running query (a cancel request, as psql's Ctrl+C does):
it fails with ``OperationalError: canceling statement due to user request``.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from peewee import Database

from ..storage.database import interrupter
from ..storage.models import db
from ..storage.postgres import is_server

T = TypeVar("T")
IDLE_CLOSE_S = 300.0
"""A reader that has had nothing to do for this long closes its connection and its thread ends."""
CANCEL_TIMEOUT_S = 2.0
"""How long a stop waits for the office server to take the cancel request (a host gone: not longer)."""
_log = logging.getLogger(__name__)


class ReadStopped(Exception):
    """A read stopped before it began (or asked of a reader already closed)."""


class _Read(Generic[T]):
    """One read asked of the reader: what to run, whom to tell, and how to stop it."""

    def __init__(self, read: Callable[[], T], deliver: Callable[[T | Exception], None], epoch: int) -> None:
        self.epoch = epoch
        """The reader's ``close`` count when it was asked: a read asked before a close is dropped."""
        self.read = read
        self.deliver = deliver
        self.lock = threading.Lock()
        self.stopped = False
        self.interrupt: Callable[[], None] | None = None
        """Stops its query while it runs (set and cleared under ``lock``: never the next read's)."""

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            if self.interrupt is not None:
                self.interrupt()


class WarmReader:
    """Runs reads one after another on its own thread and connection; see the module's text."""

    def __init__(self, name: str = "warm-reader") -> None:
        self._name = name
        self._reads: queue.SimpleQueue[_Read[Any] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._epoch = 0

    def read(self, read: Callable[[], T], deliver: Callable[[T | Exception], None]) -> Callable[[], None]:
        """Run ``read`` after those asked before; ``deliver`` its result or its error (on the reader's
        thread). Returns a call that stops it: a read not yet begun delivers ``ReadStopped``, a running
        one is interrupted (``OperationalError: interrupted``; on the server ``… canceling statement …``)."""
        with self._lock:
            job = _Read(read, deliver, self._epoch)
            self._reads.put(job)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
        return job.stop

    def close(self, timeout: float | None = 10.0) -> bool:
        """Close the connection once the read running now is done (stop it first to cut it short);
        the reads asked before are dropped (they deliver ``ReadStopped``). Waits up to ``timeout``
        seconds for the thread to end (None: does not wait); True when it has. A read asked later
        starts a new thread and connection."""
        with self._lock:
            self._epoch += 1
            thread = self._thread
            if thread is None:
                return True
            self._reads.put(None)
        if timeout is None:
            return False
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def is_open(self) -> bool:
        """Whether the reader's thread is alive (it holds a connection only while it is)."""
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        database: Database | None = None
        try:
            while True:
                try:
                    job = self._reads.get(timeout=IDLE_CLOSE_S)
                except queue.Empty:
                    job = None  # idle: as if closed
                if job is None:
                    _close(database)
                    database = None
                    with self._lock:
                        if self._reads.empty():  # nothing asked meanwhile: end (the next read starts anew)
                            self._thread = None
                            return
                    continue
                if job.epoch != self._epoch:
                    _deliver(job, ReadStopped())  # asked before a close
                    continue
                if db.obj is not database:  # the program opened another database: leave the old one
                    _close(database)
                    database = db.obj
                result = _run_one(job)
                if isinstance(result, Exception) and not job.stopped:
                    _close(database)  # a failed read: the next one gets a clean connection
                    database = None  # (an interrupted one leaves it as good as before)
                _deliver(job, result)
        finally:
            _close(database)


def _run_one(job: _Read[Any]) -> Any:
    with job.lock:
        if job.stopped:
            return ReadStopped()
        job.interrupt = _interrupter()
    try:
        return job.read()
    except Exception as exc:  # handed over whole: whoever asked shows it
        return exc
    finally:
        with job.lock:
            job.interrupt = None


def _interrupter() -> Callable[[], None]:
    """A call that stops the query running on this thread's connection, from any thread."""
    if not is_server(db.obj):
        return interrupter()
    conn = db.obj.connection()  # psycopg's

    def cancel() -> None:
        if conn.closed:
            return  # closed meanwhile: nothing runs
        try:
            conn.cancel_safe(timeout=CANCEL_TIMEOUT_S)
        except Exception:  # the server gone or slow: the read then fails or ends by itself
            _log.warning("无法取消主机上正在进行的查询", exc_info=True)

    return cancel


def _deliver(job: _Read[Any], result: object) -> None:
    try:
        job.deliver(result)
    except RuntimeError:
        pass  # whoever asked is gone (the window closed meanwhile): nobody to tell
    except Exception:  # a fault in the receiver must not end the reader for the reads after it
        _log.exception("后台读取的结果无法送达")


def _close(database: Database | None) -> None:
    """Close this thread's connection to ``database`` (peewee keeps one per thread)."""
    if database is not None and not database.is_closed():
        database.close()
