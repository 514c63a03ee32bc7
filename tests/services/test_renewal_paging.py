"""The renewals list read by keyset: forward and backward pages, jumps and ``locate`` are one ordered read.

Many contracts share an end date (ties broken by id), some are no longer active or end beyond the
window, and some have several follow-ups at the same moment (the latest by time, then id, is shown).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from jiazheng_desktop.domain.contracts import ContractStatus, RenewalStep
from jiazheng_desktop.storage.models import Contract, RenewalAction, db
from tests.services.test_list_paging import START, _customers, check_walks

TODAY = date(2026, 11, 23)  # the clock fixture's day
ROWS = 420


def fill_contracts(count: int = ROWS, seed: int = 7, spread: int = 40) -> None:
    """``count`` contracts ending from 10 days ago to ``spread`` days ahead, a few a day, some closed."""
    rnd = random.Random(seed)
    customers = _customers(rnd)
    statuses = [ContractStatus.ACTIVE.value] * 4 + [ContractStatus.RENEWED.value, ContractStatus.LOST.value]
    rows = [
        {
            "customer": rnd.choice(customers), "package": f"套餐{i}",
            "start_on": TODAY - timedelta(days=300), "end_on": TODAY + timedelta(days=rnd.randrange(-10, spread)),
            "price_fen": 100_00 * rnd.randrange(1, 40), "status": rnd.choice(statuses),
            "created_at": START, "updated_at": START,
        }
        for i in range(count)
    ]  # fmt: skip
    with db.atomic():
        for chunk in range(0, len(rows), 200):
            Contract.insert_many(rows[chunk : chunk + 200]).execute()


def test_renewal_keyset_pages_equal_one_ordered_read(services) -> None:
    fill_contracts()
    contracts = list(Contract.select())
    for days in (7, 30, 60):
        listing = services.contracts.renewals_listing(days)
        whole = listing.at(0, ROWS * 2).rows  # one ORDER BY over the whole list
        due = [
            c
            for c in contracts
            if c.status == ContractStatus.ACTIVE.value and c.end_on <= TODAY + timedelta(days=days)
        ]
        expected = [c.id for c in sorted(due, key=lambda c: (c.end_on, c.id))]
        assert [row.id for row in whole] == expected and len(expected) > 100
        assert len({row.end_on for row in whole}) < len(whole) / 3  # many ties in end_on
        check_walks(listing, expected)
        assert [row.contract_id for row in services.contracts.renewals_due(days)] == expected
        assert [row.id for row in services.contracts.renewals_due(days, limit=50)] == expected[:50]
    ended = services.contracts.renewals_due(30, ended_within=3)
    assert ended and all(row.end_on >= TODAY - timedelta(days=3) for row in ended)
    assert services.contracts.renewals_listing(30).locate(
        next(c.id for c in contracts if c.status != ContractStatus.ACTIVE.value)
    ) is None  # fmt: skip


def test_rows_show_the_latest_follow_up_and_the_customer(services) -> None:
    fill_contracts(20, spread=5)
    first = services.contracts.renewals_listing(30).after(None, 1).rows[0]
    assert first.last_step is None and first.last_text == "尚未跟进"
    at = datetime(2026, 11, 20, 9, 0, tzinfo=START.tzinfo)
    for kind, note in ((RenewalStep.CONTACTED, "先联系"), (RenewalStep.OFFER, "送一次深度保洁")):
        RenewalAction.create(contract=first.id, kind=kind.value, at=at, note=note)  # the same moment
    row = services.contracts.renewals_listing(30).after(None, 1).rows[0]
    assert (row.last_step, row.last_at, row.last_note) == (RenewalStep.OFFER, at, "送一次深度保洁")
    contract = Contract.get_by_id(first.id)
    assert row.customer_label == f"{contract.customer.address_as}（{contract.customer.name}）"
    assert (row.package, row.price_fen, row.days_left) == (
        contract.package, contract.price_fen, (contract.end_on - TODAY).days,
    )  # fmt: skip
