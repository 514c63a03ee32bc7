"""Several PCs on one office server: each is a process of its own on the same PostgreSQL database."""

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta

import pytest

from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.changes import ChangeKind, Changes
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.office_feed import OfficeFeed, decode, encode, join_office
from jiazheng_desktop.storage.database import close_database
from jiazheng_desktop.storage.models import Reminder, Voucher, VoucherEntry
from jiazheng_desktop.storage.office_server import ServerAddress
from jiazheng_desktop.storage.postgres import open_server
from tests.conftest import grants, make_draft, ready_services
from tests.office import pcs

SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture
def office(server_address: ServerAddress, data_paths, clock) -> Services:
    """This PC: services on the test's server database, the agency set up, the owner on duty."""
    open_server(server_address)
    services = ready_services(clock, data_paths)
    yield services
    close_database()


def _run(target, *args) -> None:
    process = SPAWN.Process(target=target, args=args)
    process.start()
    return process


def _answers(queue, processes, count: int) -> list:
    answers = [queue.get(timeout=120) for _ in range(count)]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return answers


def test_a_due_reminder_is_raised_on_one_pc_only(office: Services, server_address, clock, tmp_path) -> None:
    customer = office.customers.create(make_draft())
    for n in range(6):
        office.incidents.open_incident(
            IncidentDraft(customer_id=customer, category=Category.OTHER.value, customer_said=f"第 {n} 件")
        )
    later = clock.now() + timedelta(days=10)
    due = {r.id for r in Reminder.select().where(Reminder.wake_at <= later, Reminder.state == "pending")}
    assert len(due) >= 6  # every complaint has reminders due within ten days
    barrier, answers = SPAWN.Barrier(3), SPAWN.Queue()
    processes = [
        _run(
            pcs.raise_reminders, server_address.to_json(), later.isoformat(), str(tmp_path), barrier, answers
        )
        for _ in range(3)
    ]
    raised = _answers(answers, processes, 3)
    every = [i for ids in raised for i in ids]
    assert sorted(every) == sorted(due)  # each raised exactly once, across the three PCs
    assert {r.state for r in Reminder.select().where(Reminder.id.in_(list(due)))} == {"raised"}


def test_one_voucher_redeemed_at_two_pcs_at_once_is_used_once(
    office: Services, server_address, clock, tmp_path
) -> None:
    customer = office.customers.create(make_draft(), grants(office, Purpose.MARKETING))
    voucher = office.vouchers.issue(
        VoucherDraft(
            customer_id=customer,
            kind=VoucherKind.PROMOTION.value,
            total_text="80",
            uses=1,
            valid_until=clock.now().date() + timedelta(days=30),
            usage_note="减免基础服务费",
        )
    )
    code = office.vouchers.get(voucher).code
    visits = [
        office.service_records.add(
            ServiceRecordDraft(
                customer_id=customer, served_at=clock.now() - timedelta(hours=1), amount_text="150"
            )
        )
        for _ in range(2)
    ]
    barrier, answers = SPAWN.Barrier(2), SPAWN.Queue()
    processes = [
        _run(
            pcs.redeem,
            server_address.to_json(),
            clock.now().isoformat(),
            str(tmp_path),
            code,
            visit,
            barrier,
            answers,
        )
        for visit in visits
    ]
    assert sorted(_answers(answers, processes, 2)) == ["ok", "这张券已用完，不能再使用"]
    kinds = [
        e.kind for e in VoucherEntry.select().where(VoucherEntry.voucher == voucher).order_by(VoucherEntry.id)
    ]
    assert kinds == ["issue", "redeem"]
    assert Voucher.get_by_id(voucher).status == "used"


def test_what_another_pc_changes_reaches_this_one(office: Services, server_address, clock, tmp_path) -> None:
    customer = office.customers.create(make_draft())
    heard: list[Changes] = []
    feed = join_office(office.context, server_address)
    office.context.change_listeners.append(heard.append)
    try:
        assert feed.wait_listening()
        answers = SPAWN.Queue()
        process = _run(
            pcs.rename_customer,
            server_address.to_json(),
            clock.now().isoformat(),
            str(tmp_path),
            customer,
            "王建华",
            answers,
        )
        assert _answers(answers, [process], 1) == ["saved"]
        deadline = time.monotonic() + 30
        while (
            not any(customer in c.ids_of(ChangeKind.CUSTOMER) for c in heard) and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        assert any(customer in c.ids_of(ChangeKind.CUSTOMER) for c in heard)
        assert office.customers.get(customer).name == "王建华"
    finally:
        feed.stop()


def test_a_pc_does_not_hear_its_own_notices_twice(office: Services, server_address) -> None:
    heard: list[Changes] = []
    feed = join_office(office.context, server_address)
    office.context.change_listeners.append(heard.append)
    try:
        assert feed.wait_listening()
        customer = office.customers.create(make_draft())
        time.sleep(1.5)  # long enough for a notice of its own to come back, were it not filtered
        ours = [c for c in heard if customer in c.ids_of(ChangeKind.CUSTOMER)]
        assert len(ours) == 1  # announced once, locally
    finally:
        feed.stop()


def test_a_notice_too_big_goes_without_its_ids() -> None:
    small = Changes.of(ChangeKind.CUSTOMER, [1, 2, 3])
    assert decode(encode(small, "pc1")) == ("pc1", small)
    big = Changes.of(ChangeKind.CUSTOMER, range(5000))
    sender, changes = decode(encode(big, "pc1"))
    assert (
        sender == "pc1" and changes.touches({ChangeKind.CUSTOMER}) and not changes.ids_of(ChangeKind.CUSTOMER)
    )


def test_a_lost_connection_is_retried_and_then_everything_is_re_read(server_address) -> None:
    import psycopg

    heard: list[Changes] = []
    states: list[bool] = []
    feed = OfficeFeed(server_address, heard.append, sender="x", on_connected=states.append).start()
    try:
        assert feed.wait_listening()
        with psycopg.connect(**server_address.connect_kwargs(), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'jiazheng-desktop feed'"
                " AND datname = %s",
                [server_address.database],
            )
        deadline = time.monotonic() + 30
        while not heard and time.monotonic() < deadline:
            time.sleep(0.05)
        assert states[:2] == [True, False] and feed.wait_listening()
        assert heard and heard[0].touches(set(ChangeKind))  # notices sent while away are gone: re-read all
    finally:
        feed.stop()


def test_two_pcs_saving_one_customer_at_once_the_second_is_refused(
    office: Services, server_address, clock, tmp_path
) -> None:
    customer = office.customers.create(make_draft())
    barrier, answers = SPAWN.Barrier(2), SPAWN.Queue()
    processes = [
        _run(
            pcs.edit_customer,
            server_address.to_json(),
            clock.now().isoformat(),
            str(tmp_path),
            customer,
            name,
            barrier,
            answers,
        )
        for name in ("王建华", "王建民")
    ]
    outcomes = sorted(_answers(answers, processes, 2))
    assert [o[0] for o in outcomes] == ["refused", "saved"]
    assert "李店主" in outcomes[0][1] and "还在窗口里" in outcomes[0][1]
    assert office.customers.get(customer).name == outcomes[1][1]  # the first save stands
    assert office.customers.get(customer).row_version == 2
