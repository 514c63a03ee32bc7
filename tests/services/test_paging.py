"""Keyset pages of the customer list are exactly the OFFSET pages, for every sort column and direction."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest

from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.storage.models import Customer, db
from jiazheng_desktop.storage.queries import SORTABLE

ROWS = 2500


def fill(count: int, seed: int = 7) -> None:
    """``count`` customers with many ties (few names, types, districts) and about a third never served."""
    rnd = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    names = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊"]
    rows = []
    for _i in range(count):
        name = rnd.choice(names)
        served = None if rnd.random() < 0.35 else start + timedelta(days=rnd.randrange(30))
        rows.append(
            {
                "name": name, "address_as": name[0] + "女士", "phones": f"139{rnd.randrange(10**8):08d}",
                "phone_digits": "", "district": rnd.choice(["浦东新区", "徐汇区", ""]),
                "customer_type": rnd.choice(["office_worker", "elderly", "new_parents"]),
                "contact_channel": "phone", "contact_start": time(9), "contact_end": time(20),
                "vip_tier": rnd.randrange(3), "created_at": start + timedelta(days=rnd.randrange(5)),
                "updated_at": start, "last_service_at": served, "name_sort": name,
            }
        )  # fmt: skip
    with db.atomic():
        for chunk in range(0, len(rows), 500):
            Customer.insert_many(rows[chunk : chunk + 500]).execute()


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(SORTABLE))
def test_keyset_pages_equal_offset_pages(services, sort: str, descending: bool) -> None:
    fill(ROWS)
    customers = services.customers
    flt = CustomerFilter(sort=sort, descending=descending)
    expected = [row.id for row in customers.page(flt, 0, ROWS)]
    listing = customers.listing(flt)
    assert listing.count() == ROWS == len(expected) == len(set(expected))

    forward, key = [], None
    while page := listing.after(key, 300).rows:
        forward.extend(row.id for row in page)
        key = listing.after(key, 300).last
    assert forward == expected

    backward: list[int] = []
    key = None
    while (page_back := listing.before(key, 300)).rows:
        backward[:0] = [row.id for row in page_back.rows]
        key = page_back.first
    assert backward == expected

    for number in (0, 1, 299, 1234, ROWS - 1):
        assert listing.at(number, 1).rows[0].id == expected[number]
        assert [row.id for row in listing.at(number, 7).rows] == expected[number : number + 7]
        found = listing.locate(expected[number])
        assert found is not None and found[0] == number
    assert listing.at(ROWS, 5).rows == []


def test_locate_ignores_rows_the_filter_hides(services) -> None:
    fill(300)
    elderly = CustomerFilter(customer_type="elderly", sort="last_service_at", descending=True)
    shown = {row.id for row in services.customers.page(elderly, 0, 300)}
    hidden = next(c.id for c in Customer.select() if c.id not in shown)
    assert services.customers.listing(elderly).locate(hidden) is None
