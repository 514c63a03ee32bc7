"""Demo consents: what the customers of the demo agency agreed to, as staff would have recorded it.

Most agreed to keep callback records and household notes when they joined (everyone with household
notes did: the notes could not be kept otherwise); about two thirds agreed to marketing, some of
whom withdrew later; the rest were never asked. Bulk-inserted, with a random generator of its own
so that adding consents did not change any other demo data.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from ..domain.privacy import STAFF_CHANNELS, Purpose
from ..storage.fields import to_db_time
from ..storage.models import ConsentWording, Staff, db

_SQL = (
    "INSERT INTO consent (customer_id, purpose, granted, wording_id, channel, at, staff_id, staff_name, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')"
)
_CHANNEL_WEIGHTS = (55, 25, 15, 5)  # 电话, 微信, 当面, 纸质


_Row = tuple[int, str, int, int, str, str, int, str]


def _line(
    customer_id: int,
    purpose: Purpose,
    granted: bool,
    wordings: dict[Purpose, int],
    at: str,
    who: tuple[str, int, str],
) -> _Row:
    channel, staff_id, staff_name = who
    return (customer_id, purpose.value, int(granted), wordings[purpose], channel, at, staff_id, staff_name)


def generate_demo_consents(now: datetime, seed: int) -> int:
    """Consent ledger lines for every demo customer already in the database; returns how many."""
    rng = random.Random(seed * 7 + 13)
    wordings = {
        Purpose(row.purpose): row.id for row in ConsentWording.select().where(ConsentWording.version == 1)
    }
    staff = [(row.id, row.name) for row in Staff.select(Staff.id, Staff.name).order_by(Staff.id)]
    now_ts = int(now.timestamp())
    rows: list[_Row] = []
    customers = db.execute_sql(
        "SELECT id, created_at, household_notes != '' FROM customer ORDER BY id"
    ).fetchall()
    for customer_id, created_text, has_notes in customers:
        joined = int(datetime.fromisoformat(created_text).timestamp())
        staff_id, staff_name = rng.choice(staff)
        channel = rng.choices(STAFF_CHANNELS, weights=_CHANNEL_WEIGHTS)[0].value
        at = to_db_time(datetime.fromtimestamp(joined, UTC))

        who = (channel, staff_id, staff_name)
        if has_notes:
            rows.append(_line(customer_id, Purpose.HOUSEHOLD_NOTES, True, wordings, at, who))
        if rng.random() < 0.8:
            rows.append(_line(customer_id, Purpose.CALLBACK_RECORDS, rng.random() < 0.92, wordings, at, who))
        if rng.random() < 0.75:
            rows.append(_line(customer_id, Purpose.MARKETING, rng.random() < 0.9, wordings, at, who))
            if rng.random() < 0.08 and now_ts > joined:
                later = to_db_time(datetime.fromtimestamp(rng.randint(joined, now_ts), UTC))
                rows.append(_line(customer_id, Purpose.MARKETING, False, wordings, later, who))
    rows.sort(key=lambda row: (row[5], row[0]))  # ledger ids in time order
    with db.atomic():
        db.connection().executemany(_SQL, rows)
    return len(rows)
