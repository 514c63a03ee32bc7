"""Demo points and tiers that fit the demo visits: what the points rule and the tier rule would have made.

Each paid visit earned its points when it was made (the default rule: 1 point per ¥1, expiring after
24 months); points whose day has come were expired on that day; the balance is what is left, and the
tier is what the last 12 months' spend reaches. Nothing is spent: a demo redemption is one click away.
Written with ``executemany`` beside the customers, so a demo of 100,000 customers stays fast.
"""

from __future__ import annotations

from datetime import datetime, time, tzinfo
from typing import Any

from ..domain.points import PointsRule, TierRule, add_months, derive_tier, points_for_payment
from ..storage.fields import to_db_time

POINTS_SQL = (
    "INSERT INTO points_entry (customer_id, kind, points, balance_after, expires_on, service_record_id,"
    " reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
RULE = PointsRule()
TIERS = TierRule()


def points_and_tier(
    cid: int, records: list[tuple[Any, ...]], first_record_id: int, now: datetime, zone: tzinfo
) -> tuple[list[tuple[Any, ...]], int, int]:
    """The ledger rows of one customer's visits (``records`` as inserted, ids from ``first_record_id``),
    their balance and the tier. A record is ``(customer, worker, served, service, amount, …)``."""
    events: list[tuple[str, int, tuple[Any, ...]]] = []
    window = to_db_time(datetime.combine(add_months(now.date(), -12), time(0), tzinfo=zone))
    spent = 0
    for offset, record in enumerate(records):
        served, service, amount = record[2], record[3], record[4]
        if served >= window:
            spent += amount
        points = points_for_payment(amount, RULE)
        if points <= 0:
            continue
        day = datetime.fromisoformat(served).astimezone(zone).date()
        expires = add_months(day, RULE.expiry_months)
        events.append((served, 0, ("earn", points, expires.isoformat(), first_record_id + offset, service)))
        expired_at = datetime.combine(expires, time(0), tzinfo=zone)
        if expired_at <= now:
            events.append((to_db_time(expired_at), 1, ("expire", -points, None, None, "积分到期")))
    events.sort(key=lambda e: (e[0], e[1]))
    rows: list[tuple[Any, ...]] = []
    balance = 0
    for at, _order, (kind, points, expires_on, record_id, reason) in events:
        balance += points
        rows.append((cid, kind, points, balance, expires_on, record_id, reason, at))
    return rows, balance, int(derive_tier(spent, TIERS))
