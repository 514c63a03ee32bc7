"""Demo contracts: packages for the customers who come back, some ending in the weeks ahead."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from peewee import fn

from ..domain.contracts import ContractStatus
from ..storage.models import Contract, ServiceRecord, db

# package → (months, monthly price in fen, low, high)
_PACKAGES = {
    "保洁套餐": (3, 60_000, 120_000),
    "钟点工包月": (1, 180_000, 320_000),
    "育儿嫂": (6, 600_000, 900_000),
    "月嫂": (1, 1_200_000, 2_200_000),
    "老人陪护": (3, 450_000, 650_000),
    "家电清洗套餐": (12, 30_000, 60_000),
}


def generate_demo_contracts(now: datetime, count: int, seed: int) -> int:
    """Give ``count`` regular customers a contract; about a third end within the next 45 days."""
    rng = random.Random(seed)
    query = (
        ServiceRecord.select(ServiceRecord.customer)
        .group_by(ServiceRecord.customer)
        .having(fn.COUNT(ServiceRecord.id) >= 3)
        .order_by(ServiceRecord.customer)
    )
    regulars: list[int] = [int(row[0]) for row in query.tuples()]  # type: ignore[index]
    chosen = rng.sample(regulars, min(count, len(regulars)))
    today = now.date()
    rows = []
    for customer_id in chosen:
        package = rng.choice(list(_PACKAGES))
        months, low, high = _PACKAGES[package]
        days = months * 30
        # End dates spread from two weeks ago to four months ahead.
        end = today + timedelta(days=rng.randint(-14, 120))
        start = end - timedelta(days=days)
        price = rng.randrange(low, high, 1000) * months
        rows.append(
            {
                "customer": customer_id,
                "package": package,
                "start_on": start,
                "end_on": end,
                "price_fen": price,
                "status": ContractStatus.ACTIVE.value,
                "notes": "",
                "created_at": now - timedelta(days=(today - start).days if start < today else 0),
                "updated_at": now,
            }
        )
    with db.atomic():
        for first in range(0, len(rows), 2000):
            Contract.insert_many(rows[first : first + 2000]).execute()
    return len(rows)
