"""Two people editing the same record: the first save wins, the second is refused and says who and when.

Two "PCs" are two ``Services`` over the same database, each with its own person at the desk, both
reading the record before either saves (as two windows open on two office computers would).
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest

from jiazheng_desktop.domain.clock import CHINA_TZ, FixedClock
from jiazheng_desktop.domain.contracts import ContractDraft, ContractStatus
from jiazheng_desktop.domain.errors import ConflictError, DomainError
from jiazheng_desktop.domain.imports import DuplicateChoice, ImportKind
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.services import Services, build_services
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog, Contract, Customer, Incident, db
from tests.conftest import make_draft
from tests.services.import_sheets import customer_sheet

REFUSED_HINT = "您填写的内容还在窗口里"


@pytest.fixture
def pc_b(services: Services, owner_auth, clock: FixedClock) -> Services:
    """The second office PC: its own services and context over the same database, 周晓燕 at its desk."""
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    other = build_services(clock)
    other.staff.set_on_duty(clerk)
    return other


@pytest.fixture
def customer(services: Services) -> int:
    return services.customers.create(make_draft())


def _said_by_and_at(error: ConflictError, name: str, at: datetime) -> None:
    text = str(error)
    assert error.by == name and name in text
    assert error.at == at
    assert f"{at.month}月{at.day}日 {at:%H:%M}" in text
    assert REFUSED_HINT in text


# -- customers ---------------------------------------------------------------------------------


def test_the_second_customer_save_is_refused_with_who_and_when(
    services: Services, pc_b: Services, customer: int, clock: FixedClock
) -> None:
    seen_a = services.customers.get(customer)
    seen_b = pc_b.customers.get(customer)
    assert seen_a.row_version == seen_b.row_version == 1

    clock.advance(timedelta(minutes=7))
    first_at = clock.now()
    pc_b.customers.update(
        customer, make_draft(address="浦东新区世纪大道 100 号"), expected_version=seen_b.row_version
    )
    clock.advance(timedelta(minutes=3))
    audits = AuditLog.select().count()
    with pytest.raises(ConflictError) as refused:
        services.customers.update(
            customer, make_draft(address="徐汇区漕溪北路 8 号"), expected_version=seen_a.row_version
        )
    _said_by_and_at(refused.value, "周晓燕", first_at)
    assert "这位客户的资料" in str(refused.value)
    assert isinstance(refused.value, DomainError)

    stored = services.customers.get(customer)
    assert stored.address == "浦东新区世纪大道 100 号"  # the first one's
    assert stored.row_version == 2
    assert AuditLog.select().count() == audits  # nothing of the refused save, not even its audit row


def test_a_save_from_a_fresh_read_goes_through_and_each_save_raises_the_version_by_one(
    services: Services, pc_b: Services, customer: int
) -> None:
    pc_b.customers.update(customer, make_draft(address="一号"), expected_version=1)
    fresh = services.customers.get(customer)
    assert fresh.row_version == 2
    services.customers.update(customer, make_draft(address="二号"), expected_version=fresh.row_version)
    stored = services.customers.get(customer)
    assert (stored.address, stored.row_version) == ("二号", 3)


def test_without_an_expected_version_the_save_goes_through_as_before(
    services: Services, pc_b: Services, customer: int
) -> None:
    pc_b.customers.update(customer, make_draft(address="一号"), expected_version=1)
    services.customers.update(customer, make_draft(address="二号"))  # a caller that reads and writes at once
    stored = services.customers.get(customer)
    assert (stored.address, stored.row_version) == ("二号", 3)


def test_the_edit_writes_only_its_own_columns(services: Services, customer: int) -> None:
    """Counts kept by other use cases are not written back from the edit's read."""
    view = services.customers.get(customer)
    Customer.update(points=120).where(Customer.id == customer).execute()  # e.g. points earned meanwhile
    services.customers.update(customer, make_draft(address="三号"), expected_version=view.row_version)
    stored = services.customers.get(customer)
    assert (stored.points, stored.address) == (120, "三号")


def test_erasing_a_customer_makes_an_open_edit_stale(
    services: Services, pc_b: Services, customer: int, owner_auth, clock: FixedClock
) -> None:
    """A window still showing the customer must not write their personal data back after erasure."""
    seen = pc_b.customers.get(customer)
    clock.advance(timedelta(minutes=1))
    services.erasure.erase(customer, owner_auth)
    with pytest.raises(ConflictError) as refused:
        pc_b.customers.update(customer, make_draft(), expected_version=seen.row_version)
    assert refused.value.by == "李店主"
    assert services.customers.get(customer).name != "王建国"


# -- incidents ---------------------------------------------------------------------------------


def _open(services: Services, customer: int) -> int:
    return services.incidents.open_incident(
        IncidentDraft(customer, Category.LATE.value, 2, customer_said="阿姨迟到了一个小时")
    )


IDENTIFY = {"what_happened": "阿姨迟到一小时", "root_cause": "交通"}


def test_the_second_step_save_is_refused_and_the_first_ones_data_stays(
    services: Services, pc_b: Services, customer: int, clock: FixedClock
) -> None:
    incident = _open(services, customer)
    seen_a = services.incidents.get(incident)
    seen_b = pc_b.incidents.get(incident)
    clock.advance(timedelta(minutes=5))
    first_at = clock.now()
    pc_b.incidents.complete_step(incident, Step.IDENTIFY, IDENTIFY, expected_version=seen_b.row_version)
    clock.advance(timedelta(minutes=1))
    with pytest.raises(ConflictError) as refused:
        services.incidents.complete_step(
            incident,
            Step.IDENTIFY,
            {"what_happened": "迟到", "root_cause": "预约失误"},
            expected_version=seen_a.row_version,
        )
    _said_by_and_at(refused.value, "周晓燕", first_at)
    assert "这个投诉事件" in str(refused.value)
    stored = services.incidents.get(incident)
    assert stored.steps[Step.IDENTIFY].data["root_cause"] == "交通"
    assert stored.steps[Step.IDENTIFY].corrected_at is None  # the refused correction left no trace
    assert stored.row_version == seen_a.row_version + 1


def test_a_correction_raises_the_version_too(services: Services, pc_b: Services, customer: int) -> None:
    incident = _open(services, customer)
    services.incidents.complete_step(incident, Step.IDENTIFY, IDENTIFY)
    seen = pc_b.incidents.get(incident)
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {**IDENTIFY, "root_cause": "预约失误"}, expected_version=seen.row_version
    )
    with pytest.raises(ConflictError):
        pc_b.incidents.complete_step(incident, Step.IDENTIFY, IDENTIFY, expected_version=seen.row_version)
    assert services.incidents.get(incident).steps[Step.IDENTIFY].data["root_cause"] == "预约失误"


def test_an_escalation_by_the_program_makes_an_open_form_stale(
    services: Services, customer: int, clock: FixedClock
) -> None:
    incident = _open(services, customer)
    seen = services.incidents.get(incident)
    clock.advance(timedelta(hours=25))  # the first response deadline passed
    assert services.incidents.refresh_escalations() == [incident]
    with pytest.raises(ConflictError) as refused:
        services.incidents.complete_step(incident, Step.IDENTIFY, IDENTIFY, expected_version=seen.row_version)
    assert "被系统自动修改过" in str(refused.value)
    assert Incident.get_by_id(incident).current_step == Step.IDENTIFY


# -- contracts ---------------------------------------------------------------------------------


def _contract(services: Services, customer: int) -> int:
    return services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 10), "3600")
    )


def test_the_second_renewal_step_is_refused_with_who_and_when(
    services: Services, pc_b: Services, customer: int, clock: FixedClock
) -> None:
    contract = _contract(services, customer)
    seen_a = services.contracts.get(contract)
    seen_b = pc_b.contracts.get(contract)
    clock.advance(timedelta(minutes=2))
    first_at = clock.now()
    pc_b.contracts.record_contact(contract, "客户说考虑一下", expected_version=seen_b.row_version)
    with pytest.raises(ConflictError) as refused:
        services.contracts.make_offer(contract, "续约送一次深度保洁", expected_version=seen_a.row_version)
    _said_by_and_at(refused.value, "周晓燕", first_at)
    assert "这份合同" in str(refused.value)
    assert [a.note for a in services.contracts.actions(contract)] == ["客户说考虑一下"]
    assert Contract.get_by_id(contract).row_version == 2


def test_marking_lost_over_someone_elses_offer_is_refused(
    services: Services, pc_b: Services, customer: int
) -> None:
    contract = _contract(services, customer)
    seen = services.contracts.get(contract)
    pc_b.contracts.make_offer(contract, "续约九折", expected_version=seen.row_version)
    with pytest.raises(ConflictError):
        services.contracts.mark_lost(contract, "价格原因", expected_version=seen.row_version)
    assert services.contracts.get(contract).status == ContractStatus.ACTIVE
    fresh = services.contracts.get(contract)
    services.contracts.mark_lost(contract, "价格原因", expected_version=fresh.row_version)
    assert services.contracts.get(contract).status == ContractStatus.LOST


def test_a_renewal_from_a_stale_read_is_refused_and_nothing_is_created(
    services: Services, pc_b: Services, customer: int
) -> None:
    contract = _contract(services, customer)
    seen = services.contracts.get(contract)
    pc_b.contracts.record_contact(contract, "已联系", expected_version=seen.row_version)
    draft = ContractDraft(customer, "保洁套餐", date(2026, 12, 11), date(2027, 12, 10), "3800")
    with pytest.raises(ConflictError):
        services.contracts.renew(contract, draft, expected_version=seen.row_version)
    assert [c.id for c in services.contracts.for_customer(customer)] == [contract]
    assert services.contracts.get(contract).status == ContractStatus.ACTIVE


# -- two saves at the same moment ----------------------------------------------------------------


def test_two_saves_at_the_same_moment_one_wins_one_is_refused(
    services: Services, pc_b: Services, customer: int
) -> None:
    """Two threads (two connections, as two PCs have) save from the same read at once."""
    version = services.customers.get(customer).row_version
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(name: str, pc: Services, address: str) -> None:
        start.wait()
        try:
            pc.customers.update(customer, make_draft(address=address), expected_version=version)
            outcomes[name] = "saved"
        except ConflictError:
            outcomes[name] = "refused"
        finally:
            db.close()  # this thread's own connection

    threads = [
        threading.Thread(target=save, args=("a", services, "甲地址")),
        threading.Thread(target=save, args=("b", pc_b, "乙地址")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    stored = services.customers.get(customer)
    assert stored.address == {"a": "甲地址", "b": "乙地址"}[winner]
    assert stored.row_version == version + 1


def test_a_step_on_a_contract_renewed_meanwhile_says_it_was_renewed(
    services: Services, pc_b: Services, customer: int
) -> None:
    contract = _contract(services, customer)
    seen = services.contracts.get(contract)
    draft = ContractDraft(customer, "保洁套餐", date(2026, 12, 11), date(2027, 12, 10), "3800")
    pc_b.contracts.renew(contract, draft, expected_version=seen.row_version)
    with pytest.raises(DomainError, match="这份合同已续约，不能再记录联系") as refused:
        services.contracts.record_contact(contract, "已联系", expected_version=seen.row_version)
    assert not isinstance(refused.value, ConflictError)


def _resolved(services: Services, customer: int) -> int:
    incident = _open(services, customer)
    steps = services.incidents
    steps.complete_step(incident, Step.IDENTIFY, IDENTIFY)
    steps.complete_step(incident, Step.LISTEN, {"customer_account": "迟到", "customer_needs": "下次准时"})
    steps.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉"})
    steps.complete_step(incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value)])
    return incident


def test_a_callback_moved_on_another_pc_refuses_the_stale_move(
    services: Services, pc_b: Services, clock: FixedClock
) -> None:
    customer = services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))
    incident = _resolved(services, customer)
    seen = pc_b.incidents.get(incident)
    moved = services.callbacks.reschedule(
        incident, datetime(2026, 11, 27, 15, 0, tzinfo=CHINA_TZ), expected_version=seen.row_version
    )
    with pytest.raises(ConflictError) as refused:
        pc_b.callbacks.reschedule(
            incident, datetime(2026, 11, 28, 10, 0, tzinfo=CHINA_TZ), expected_version=seen.row_version
        )
    assert refused.value.by == "李店主"
    assert services.incidents.get(incident).callback_due_at == moved


def test_a_callback_that_reopens_the_incident_raises_the_version_once(
    services: Services, clock: FixedClock
) -> None:
    customer = services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))
    incident = _resolved(services, customer)
    before = services.incidents.get(incident).row_version
    clock.advance(timedelta(days=3))
    result = services.callbacks.record_callback(
        CallbackDraft(incident, clock.now(), clock.now() + timedelta(minutes=3), stable=False, satisfaction=1)
    )
    assert result.reopened
    assert services.incidents.get(incident).row_version == before + 1


def test_an_import_filling_blanks_makes_an_open_edit_stale(
    services: Services, pc_b: Services, clock: FixedClock, tmp_path
) -> None:
    """The import's one audit row names no customer: the time comes from the customer's own record."""
    zhang = services.customers.create(make_draft(name="张三", honorific="先生", phone="13800000001"))
    seen = pc_b.customers.get(zhang)
    clock.advance(timedelta(minutes=20))
    table = services.imports.read(customer_sheet(tmp_path), ImportKind.CUSTOMERS)
    check = services.imports.check(
        ImportKind.CUSTOMERS, table, services.imports.mapping_for(ImportKind.CUSTOMERS, table)
    )
    row = next(r for r in check.rows if r.row_number == 9)  # 张三 again, with an address
    assert services.imports.save(check, {row.index: DuplicateChoice.FILL_BLANKS}).filled == 1
    with pytest.raises(ConflictError) as refused:
        pc_b.customers.update(
            zhang, make_draft(name="张三", phone="13800000001"), expected_version=seen.row_version
        )
    assert refused.value.at == clock.now() and refused.value.by == ""
    assert services.customers.get(zhang).address == "新地址 8 号"
