"""Keyset pages of the complaint, voucher and reminder lists, walked either way, are exactly one full ordered read.

For every sort column and direction, over a few hundred rows with many ties (and empty owners and
workers, which sort as NULL): forward and backward pages, jumps and ``locate`` all agree with the
list read in one query, and that order is the one the column means.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from jiazheng_desktop.domain.incidents import Category, Status
from jiazheng_desktop.domain.reminders import ACTIVE_STATES, Kind
from jiazheng_desktop.domain.reminders import State as ReminderState
from jiazheng_desktop.domain.vouchers import EntryKind, VoucherKind, VoucherStatus
from jiazheng_desktop.services.incident_lists import _SORT as INCIDENT_SORTS
from jiazheng_desktop.services.incident_lists import IncidentFilter
from jiazheng_desktop.services.paging import KeysetList
from jiazheng_desktop.services.reminder_views import CENTRE_SORTS
from jiazheng_desktop.services.voucher_views import SORTABLE as VOUCHER_SORTS
from jiazheng_desktop.services.vouchers import VoucherFilter
from jiazheng_desktop.storage.models import (
    Customer,
    Incident,
    Reminder,
    Staff,
    Voucher,
    VoucherEntry,
    Worker,
    db,
)

ROWS = 420
PAGE = 37
START = datetime(2026, 10, 1, tzinfo=UTC)


def _customers(rnd: random.Random, count: int = 12) -> list[int]:
    ids = []
    for i in range(count):
        name = rnd.choice(["王芳", "李娜", "张伟"])
        ids.append(
            Customer.create(
                name=name, address_as=name[0] + "女士", phones=f"1390000{i:04d}", phone_digits="",
                customer_type="office_worker", contact_channel="phone", contact_start="09:00",
                contact_end="20:00", created_at=START, updated_at=START, name_sort=name,
            ).id
        )  # fmt: skip
    return ids


def fill_incidents(count: int = ROWS, seed: int = 3) -> None:
    rnd = random.Random(seed)
    customers = _customers(rnd)
    workers = [Worker.create(name=n, phone="13700000000", created_at=START).id for n in ("李阿姨", "赵师傅")]
    owners = [
        Staff.create(name=n, role=2, password_hash="x", created_at=START).id for n in ("陈志强", "周敏")
    ]
    rows = [
        {
            "number": f"SJ-2026-{i:04d}", "customer": rnd.choice(customers),
            "worker": rnd.choice([*workers, None]), "owner": rnd.choice([*owners, None]),
            "category": rnd.choice([Category.LATE, Category.PRICE, Category.DAMAGE]).value,
            "severity": rnd.randrange(1, 4), "channel": "phone", "customer_said": "",
            "reported_at": START + timedelta(hours=rnd.randrange(20)),  # many at the same hour
            "status": rnd.choice(list(Status)).value, "current_step": rnd.randrange(1, 7),
            "escalation_level": rnd.randrange(1, 4), "created_at": START, "updated_at": START,
        }
        for i in range(count)
    ]  # fmt: skip
    with db.atomic():
        for chunk in range(0, len(rows), 200):
            Incident.insert_many(rows[chunk : chunk + 200]).execute()


def fill_vouchers(count: int = ROWS, seed: int = 5) -> None:
    rnd = random.Random(seed)
    fill_incidents(4)
    incidents = [i.id for i in Incident.select(Incident.id)]
    customers = _customers(rnd)
    with db.atomic():
        for i in range(count):
            per_use = rnd.choice([50_00, 100_00])
            uses = rnd.randrange(1, 4)
            voucher = Voucher.create(
                code=f"C{i:05d}", kind=rnd.choice(list(VoucherKind)).value, customer=rnd.choice(customers),
                incident=rnd.choice([*incidents, None, None]),
                uses_total=uses, value_per_use_fen=per_use, value_fen=per_use * uses,
                valid_until=date(2026, 12, 1) + timedelta(days=rnd.randrange(5)),
                status=rnd.choice(list(VoucherStatus)).value, created_at=START + timedelta(hours=rnd.randrange(9)),
            )  # fmt: skip
            VoucherEntry.create(
                voucher=voucher, kind=EntryKind.ISSUE.value, amount_fen=per_use * uses, at=START
            )
            if rnd.random() < 0.5:
                VoucherEntry.create(
                    voucher=voucher, kind=EntryKind.REDEEM.value, amount_fen=-per_use, at=START
                )


def check_walks(listing: KeysetList[Any], expected: list[int]) -> None:
    """Forward, backward, jumps and ``locate`` each give exactly ``expected``."""
    assert listing.count() == len(expected) == len(set(expected))
    forward: list[int] = []
    key = None
    while (page := listing.after(key, PAGE)).rows:
        forward.extend(row.id for row in page.rows)
        key = page.last
    assert forward == expected
    backward: list[int] = []
    key = None
    while (back := listing.before(key, PAGE)).rows:
        backward[:0] = [row.id for row in back.rows]
        key = back.first
    assert backward == expected
    assert [row.id for row in listing.walk(PAGE)] == expected
    for number in {0, 1, PAGE, len(expected) // 2, len(expected) - 1}:
        assert listing.at(number, 1).rows[0].id == expected[number]
        found = listing.locate(expected[number])
        assert found is not None and found[0] == number


def check_meaning(rows: list[Any], value: Callable[[Any], Any], descending: bool, nulls_first: bool) -> None:
    """The order is the column's: by its value (empty ones together at one end), then by id."""
    empty = [r for r in rows if value(r) is None]
    full = [r for r in rows if value(r) is not None]
    ordered = sorted(full, key=lambda r: (value(r), r.id), reverse=descending)
    empty.sort(key=lambda r: r.id, reverse=descending)
    assert [r.id for r in rows] == [r.id for r in (empty + ordered if nulls_first else ordered + empty)]


_INCIDENT_VALUES: dict[str, Callable[[Any], Any]] = {
    "number": lambda r: r.number,
    "reported_at": lambda r: r.reported_at,
    "category": lambda r: list(Category).index(r.category),
    "severity": lambda r: int(r.severity),
    "status": lambda r: list(Status).index(r.status),
    "level": lambda r: int(r.level),
    "owner": lambda r: r.owner_name or None,
    "worker": lambda r: r.worker_name or None,
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(INCIDENT_SORTS))
def test_incident_keyset_pages_equal_one_ordered_read(services, sort: str, descending: bool) -> None:
    fill_incidents()
    lists = services.incident_lists
    flt = IncidentFilter(view="all", sort=sort, descending=descending)
    listing = lists.listing(flt)
    whole = listing.at(0, ROWS * 2).rows  # one ORDER BY over the whole list
    assert len(whole) == ROWS
    check_walks(listing, [row.id for row in whole])
    if sort in _INCIDENT_VALUES:
        check_meaning(whole, _INCIDENT_VALUES[sort], descending, nulls_first=not descending)
    # A filter narrows every read alike.
    open_late = IncidentFilter(view="open", category=Category.LATE.value, sort=sort, descending=descending)
    narrowed = lists.listing(open_late)
    expected = [r.id for r in whole if r.status == Status.OPEN and r.category == Category.LATE]
    check_walks(narrowed, expected)


_VOUCHER_VALUES: dict[str, Callable[[Any], Any]] = {
    "code": lambda r: r.code,
    "customer": lambda r: r.customer_label,
    "kind": lambda r: list(VoucherKind).index(r.kind),
    "value": lambda r: r.value_fen,
    "per_use": lambda r: r.value_per_use_fen,
    "uses_left": lambda r: r.uses_left,
    "balance": lambda r: r.balance_fen,
    "valid_until": lambda r: r.valid_until,
    "status": lambda r: list(VoucherStatus).index(r.status),
    "incident": lambda r: r.incident_number,
    "created_at": lambda r: r.created_at,
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(VOUCHER_SORTS))
def test_voucher_keyset_pages_equal_one_ordered_read(services, sort: str, descending: bool) -> None:
    fill_vouchers()
    flt = VoucherFilter(view="all", sort=sort, descending=descending)
    listing = services.vouchers.listing(flt)
    whole = listing.at(0, ROWS * 2).rows
    assert len(whole) == ROWS
    check_walks(listing, [row.id for row in whole])
    check_meaning(whole, _VOUCHER_VALUES[sort], descending, nulls_first=False)
    active = services.vouchers.listing(VoucherFilter(view="active", sort=sort, descending=descending))
    check_walks(active, [r.id for r in whole if r.status == VoucherStatus.ACTIVE])


def fill_reminders(now: datetime, count: int = ROWS, seed: int = 11) -> None:
    """``count`` reminders from 20 days ago to 10 days ahead, on few distinct times; some closed."""
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        due = now + timedelta(hours=12 * rnd.randrange(-40, 20))
        state = rnd.choice([*ACTIVE_STATES, *ACTIVE_STATES, ReminderState.DONE, ReminderState.DISMISSED])
        wake = due + timedelta(hours=1) if state == ReminderState.SNOOZED else due
        rows.append(
            {
                "kind": rnd.choice([Kind.CALLBACK, Kind.RENEWAL, Kind.VOUCHER_EXPIRING]).value,
                "subject": "contract", "subject_id": i, "slot": "1", "title": rnd.choice(["回访王女士", "续约李先生"]),
                "due_at": due, "wake_at": wake, "state": state.value, "created_at": now,
            }
        )  # fmt: skip
    with db.atomic():
        for chunk in range(0, len(rows), 200):
            Reminder.insert_many(rows[chunk : chunk + 200]).execute()


_REMINDER_VALUES: dict[str, Callable[[Any], Any]] = {
    "group": lambda r: r.wake_at,
    "kind": lambda r: (list(Kind).index(r.kind), r.wake_at),
    "title": lambda r: r.title,
    "time": lambda r: r.wake_at,
    "state": lambda r: (list(ReminderState).index(r.state), r.wake_at),
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(CENTRE_SORTS))
def test_reminder_keyset_pages_equal_one_ordered_read(services, sort: str, descending: bool) -> None:
    now = services.context.now()
    fill_reminders(now)
    listing = services.reminders.listing(None, sort, descending)
    whole = listing.at(0, ROWS * 2).rows
    horizon = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=8)
    waiting = Reminder.select().where(Reminder.state.in_([s.value for s in ACTIVE_STATES]))
    assert {r.id for r in whole} == {r.id for r in waiting if r.wake_at < horizon}
    check_walks(listing, [row.id for row in whole])
    check_meaning(whole, _REMINDER_VALUES[sort], descending, nulls_first=False)
    if sort == "group":  # 逾期, then 今天, then 即将到来 (reversed going down)
        groups = [r.group for r in whole]
        order = ["overdue", "today", "upcoming"][:: -1 if descending else 1]
        assert groups == sorted(groups, key=order.index) and set(groups) == set(order)
    renewals = services.reminders.listing(Kind.RENEWAL.value, sort, descending)
    check_walks(renewals, [r.id for r in whole if r.kind == Kind.RENEWAL])
    counts = services.reminders.counts()
    assert (counts.overdue, counts.today, counts.upcoming) == tuple(
        sum(r.group == g for r in whole) for g in ("overdue", "today", "upcoming")
    )


def test_every_sort_key_is_covered() -> None:
    """A new sortable column needs its meaning checked above (step is checked by the walks only)."""
    assert set(INCIDENT_SORTS) - set(_INCIDENT_VALUES) == {"customer", "step"}
    assert set(VOUCHER_SORTS) == set(_VOUCHER_VALUES)
    assert set(CENTRE_SORTS) == set(_REMINDER_VALUES)
