"""stoppable_read: a background read whose running query can be interrupted (a search typed past)."""

from __future__ import annotations

import threading

from jiazheng_desktop.services import stoppable_read
from jiazheng_desktop.storage.models import db

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def test_stopping_interrupts_the_running_query(services) -> None:
    started, done = threading.Event(), threading.Event()
    delivered: list[object] = []

    def read() -> object:
        started.set()
        return db.execute_sql(ENDLESS).fetchone()  # never ends by itself

    def deliver(result: object) -> None:
        delivered.append(result)
        done.set()

    stop = stoppable_read(read, deliver)
    assert started.wait(5)
    assert not done.wait(0.2)  # it really runs
    stop()
    assert done.wait(10)
    assert isinstance(delivered[0], Exception) and "interrupt" in str(delivered[0])


def test_a_read_that_ends_is_delivered_and_stopping_it_later_is_harmless(services) -> None:
    done = threading.Event()
    delivered: list[object] = []
    stop = stoppable_read(lambda: db.execute_sql("SELECT 41 + 1").fetchone()[0],
                          lambda result: (delivered.append(result), done.set()))  # fmt: skip
    assert done.wait(10)
    stop()
    assert delivered == [42]
