"""Demo contracts: packages for the customers who come back, some ending in the weeks ahead."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from ..domain.contracts import ContractStatus
from ..storage.fields import to_db_time
from ..storage.models import db

# package → (months, monthly price in fen, low, high)
_PACKAGES = {
    "保洁套餐": (3, 60_000, 120_000),
    "钟点工包月": (1, 180_000, 320_000),
    "育儿嫂": (6, 600_000, 900_000),
    "月嫂": (1, 1_200_000, 2_200_000),
    "老人陪护": (3, 450_000, 650_000),
    "家电清洗套餐": (12, 30_000, 60_000),
}


_SQL = (
    "INSERT INTO contract (customer_id, package, start_on, end_on, price_fen, status, previous_id, notes,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, '', ?, ?)"
)
BATCH = 5000


def generate_demo_contracts(now: datetime, count: int, seed: int, regulars: Sequence[int]) -> int:
    """Give ``count`` of the ``regulars`` (customers with three visits or more, in id order) a contract.

    About a third end within the next 45 days. Inserted in batches, never all held at once.
    """
    rng = random.Random(seed)
    chosen = rng.sample(regulars, min(count, len(regulars)))
    today = now.date()
    updated = to_db_time(now)
    active = ContractStatus.ACTIVE.value
    packages = list(_PACKAGES)
    connection = db.connection()
    rows: list[tuple[object, ...]] = []
    for customer_id in chosen:
        package = rng.choice(packages)
        months, low, high = _PACKAGES[package]
        days = months * 30
        # End dates spread from two weeks ago to four months ahead.
        end = today + timedelta(days=rng.randint(-14, 120))
        start = end - timedelta(days=days)
        price = rng.randrange(low, high, 1000) * months
        created = now - timedelta(days=(today - start).days if start < today else 0)
        rows.append(
            (
                customer_id,
                package,
                start.isoformat(),
                end.isoformat(),
                price,
                active,
                to_db_time(created),
                updated,
            )
        )
        if len(rows) == BATCH:
            connection.executemany(_SQL, rows)
            rows = []
    connection.executemany(_SQL, rows)
    return len(chosen)
