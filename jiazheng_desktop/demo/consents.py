"""Demo consents: what the customers of the demo agency agreed to, as staff would have recorded it.

Most agreed to keep callback records and household notes when they joined (everyone with household
notes did: the notes could not be kept otherwise); about two thirds agreed to marketing, some of
whom withdrew later; the rest were never asked. Written batch by batch as the customers are made
(never all held at once), with a random generator of its own so that adding consents did not
change any other demo data.
"""

from __future__ import annotations

import heapq
import random
import sqlite3
from datetime import UTC, datetime

from ..domain.privacy import STAFF_CHANNELS, Purpose
from ..storage.fields import to_db_time
from ..storage.models import ConsentWording, Staff

_SQL = (
    "INSERT INTO consent (customer_id, purpose, granted, wording_id, channel, at, staff_id, staff_name, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')"
)
_CHANNEL_WEIGHTS = (55, 25, 15, 5)  # 电话, 微信, 当面, 纸质


_Row = tuple[int, str, int, int, str, str, int, str]


class DemoConsents:
    """The consent ledger of the demo customers, written in time order as the customers join.

    Call ``joined`` for each customer in id order (their join times never go back), ``write``
    after each batch and ``finish`` at the end. A later withdrawal waits in a heap until the
    ledger has reached its time, so ledger ids stay in time order without holding every row.
    """

    def __init__(self, connection: sqlite3.Connection, now: datetime, seed: int) -> None:
        self._conn = connection
        self._rng = random.Random(seed * 7 + 13)
        self._wordings = {
            Purpose(row.purpose): row.id for row in ConsentWording.select().where(ConsentWording.version == 1)
        }
        self._staff = [(row.id, row.name) for row in Staff.select(Staff.id, Staff.name).order_by(Staff.id)]
        self._now_ts = int(now.timestamp())
        self._rows: list[_Row] = []
        self._later: list[tuple[int, int, _Row]] = []  # (time, customer, row): withdrawals still to come
        self.count = 0

    def _line(
        self, customer_id: int, purpose: Purpose, granted: bool, at: str, who: tuple[str, int, str]
    ) -> _Row:
        channel, staff_id, staff_name = who
        return (
            customer_id,
            purpose.value,
            int(granted),
            self._wordings[purpose],
            channel,
            at,
            staff_id,
            staff_name,
        )

    def joined(self, customer_id: int, joined: int, has_notes: bool) -> None:
        """What customer ``customer_id`` (who joined at unix time ``joined``) agreed to."""
        rng = self._rng
        later = self._later
        while later and (later[0][0], later[0][1]) < (joined, customer_id):
            self._rows.append(heapq.heappop(later)[2])
        staff_id, staff_name = rng.choice(self._staff)
        channel = rng.choices(STAFF_CHANNELS, weights=_CHANNEL_WEIGHTS)[0].value
        at = to_db_time(datetime.fromtimestamp(joined, UTC))
        who = (channel, staff_id, staff_name)
        rows = self._rows
        if has_notes:
            rows.append(self._line(customer_id, Purpose.HOUSEHOLD_NOTES, True, at, who))
        if rng.random() < 0.8:
            rows.append(self._line(customer_id, Purpose.CALLBACK_RECORDS, rng.random() < 0.92, at, who))
        if rng.random() < 0.75:
            rows.append(self._line(customer_id, Purpose.MARKETING, rng.random() < 0.9, at, who))
            if rng.random() < 0.08 and self._now_ts > joined:
                when = rng.randint(joined, self._now_ts)
                row = self._line(
                    customer_id, Purpose.MARKETING, False, to_db_time(datetime.fromtimestamp(when, UTC)), who
                )
                if when == joined:
                    rows.append(row)  # at the same moment: straight after the grant
                else:
                    heapq.heappush(later, (when, customer_id, row))

    def write(self) -> None:
        """Insert the lines gathered so far (inside the caller's transaction)."""
        if self._rows:
            self._conn.executemany(_SQL, self._rows)
            self.count += len(self._rows)
            self._rows = []

    def finish(self) -> int:
        """Insert what is left, the withdrawals still to come included; returns how many lines in all."""
        while self._later:
            self._rows.append(heapq.heappop(self._later)[2])
        self.write()
        return self.count
