"""The retention job on the injected clock: what passed its time is anonymised, the facts stay."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.monthly_figures import Rate
from jiazheng_desktop.domain.privacy import (
    CONFIRM_ABOVE,
    RETENTION_PLACEHOLDER,
    Purpose,
    RetentionPolicy,
    erased_name,
)
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.changes import ChangeKind
from jiazheng_desktop.services.context import SYSTEM
from jiazheng_desktop.services.monthly_report import MonthlyReportService
from jiazheng_desktop.services.retention import RUN_ACTION, RunOutcome
from jiazheng_desktop.storage.models import AuditLog, Callback, Customer, RenewalAction
from tests.conftest import expect_change
from tests.services.retention_data import (
    NOTE,
    add_complaint,
    add_customer,
    agree_to,
    called_back,
    close_complaint,
)

YEAR = timedelta(days=365)


def _confirm_first_run(services, owner_auth) -> None:
    """The owner confirms the first run (nothing due yet), so later small runs go by themselves."""
    services.retention.run(None, owner_auth)


def _audit_rows():
    return list(AuditLog.select().where(AuditLog.action == RUN_ACTION).order_by(AuditLog.id))


# -- callbacks ----------------------------------------------------------------------------------------


def test_day_729_keeps_and_day_731_anonymises_at_two_years(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    incident, callback = called_back(services, clock, add_customer(services))
    called_at = Callback.get_by_id(callback).started_at
    _confirm_first_run(services, owner_auth)

    clock.set(called_at + timedelta(days=729))
    assert services.retention.plan().callback_ids == ()
    assert services.retention.run_due().outcome == RunOutcome.NOTHING
    assert Callback.get_by_id(callback).note == NOTE

    clock.set(called_at + timedelta(days=731))
    assert services.retention.plan().callback_ids == (callback,)
    with expect_change(services, ChangeKind.INCIDENT, incident):
        result = services.retention.run_due()
    assert (result.outcome, result.callbacks, result.contacts, result.customers) == (RunOutcome.RAN, 1, 0, 0)
    row = Callback.get_by_id(callback)
    assert (row.note, row.satisfaction, row.stable) == (RETENTION_PLACEHOLDER, None, None)
    # The fact and date of the call stay, for the statistics.
    assert (row.started_at, row.duration_seconds, row.consent, row.reopened) == (called_at, 240, True, False)
    assert services.retention.plan().total == 0  # anonymised once, never again


def test_the_period_cannot_be_set_below_two_years(services, owner_auth) -> None:
    with pytest.raises(ValidationError) as info:
        services.retention.save_policy(1, 5, owner_auth)
    assert "至少要保存 2 年" in info.value.fields["contact_years"]
    assert services.retention.policy() == RetentionPolicy(3, 5)


def test_an_anonymised_callback_still_counts_in_the_monthly_report(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _incident_id, callback = called_back(services, clock, add_customer(services), score=5)
    called_at = Callback.get_by_id(callback).started_at
    report = MonthlyReportService(services.context, services.incident_rules.policy)
    before = report.figures(called_at.year, called_at.month)
    assert before.callbacks == Rate(1, 1) and before.scored_callbacks == 1

    clock.set(called_at + 3 * YEAR)
    services.retention.run(None, owner_auth)
    assert Callback.get_by_id(callback).note == RETENTION_PLACEHOLDER
    after = report.figures(called_at.year, called_at.month)
    assert after.callbacks == before.callbacks  # the call on time is still counted
    assert after.scored_callbacks == 0 and after.average_satisfaction is None  # its score is gone


def test_only_callbacks_that_still_hold_something_are_planned(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _i, with_note = called_back(services, clock, add_customer(services, "13800000001"))
    clock.advance(timedelta(days=1))
    _i, empty_note = called_back(services, clock, add_customer(services, "13800000002"), note="")
    clock.advance(timedelta(days=1))
    _i, no_consent = called_back(services, clock, add_customer(services, "13800000003"))
    Callback.update(consent=False, note="", satisfaction=None, stable=None).where(
        Callback.id == no_consent
    ).execute()  # as a call without consent is stored: nothing but the fact of it
    clock.advance(3 * YEAR)
    assert services.retention.plan().callback_ids == (with_note, empty_note)  # the second kept its score


# -- renewal contacts -----------------------------------------------------------------------------------


def test_old_renewal_notes_go_and_the_lost_reason_stays(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    customer = add_customer(services)
    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 31), "3600")
    )
    contact = services.contracts.record_contact(contract, "张女士说孩子开学后再考虑，下周三晚上再打")
    services.contracts.mark_lost(contract, "价格原因", "嫌贵，去了别家")
    clock.advance(timedelta(days=10))
    other = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 12, 1), date(2027, 12, 31), "9000")
    )
    later = services.contracts.record_contact(other, "客户在外地出差")
    _confirm_first_run(services, owner_auth)
    clock.advance(2 * YEAR - timedelta(days=5))  # the first two are past two years, the last is not

    plan = services.retention.plan()
    lost = RenewalAction.get((RenewalAction.contract == contract) & (RenewalAction.id != contact))
    assert plan.contact_ids == (contact, lost.id)
    with expect_change(services, ChangeKind.CONTRACT, contract):
        result = services.retention.run_due()
    assert (result.outcome, result.contacts) == (RunOutcome.RAN, 2)
    assert RenewalAction.get_by_id(contact).note == RETENTION_PLACEHOLDER
    assert (RenewalAction.get_by_id(lost.id).note, RenewalAction.get_by_id(lost.id).lost_reason) == (
        RETENTION_PLACEHOLDER,
        "价格原因",
    )
    assert RenewalAction.get_by_id(later).note == "客户在外地出差"
    # The audit rows of those contacts no longer repeat the notes either; the newer one's still does.
    details = "".join(row.detail for row in AuditLog.select().where(AuditLog.entity == "contract"))
    assert "下周三" not in details and "去了别家" not in details and "价格原因" in details
    assert "客户在外地出差" in details


# -- inactive customers ------------------------------------------------------------------------------------


def test_inactive_customers_are_chosen_by_their_latest_activity_and_open_matters(
    services, clock, owner_auth
) -> None:
    """At a 5-year setting, five years and a day later: who is past their time, and who is not."""
    start = clock.now()
    quiet = add_customer(services, "13800000001", "安静")
    served = add_customer(services, "13800000002", "服务过")
    clock.set(start + YEAR)
    services.service_records.add(ServiceRecordDraft(served, start + YEAR, amount_text="100"))
    clock.set(start)
    old_contract = add_customer(services, "13800000003", "老合同")
    ended = services.contracts.create(
        ContractDraft(old_contract, "保洁套餐", date(2026, 1, 1), date(2026, 11, 1), "100")
    )
    services.contracts.mark_lost(ended, "价格原因")
    active_contract = add_customer(services, "13800000004", "合同未结")
    services.contracts.create(
        ContractDraft(active_contract, "保洁套餐", date(2026, 1, 1), date(2026, 11, 24), "100")
    )
    late_contract = add_customer(services, "13800000005", "合同晚结束")
    late = services.contracts.create(
        ContractDraft(late_contract, "保洁套餐", date(2026, 1, 1), date(2028, 12, 31), "100")
    )
    services.contracts.mark_lost(late, "搬家")
    open_complaint = add_customer(services, "13800000006", "投诉未结")
    add_complaint(services, open_complaint)
    closed_complaint = add_customer(services, "13800000007", "投诉已结")
    incident, _cb = called_back(services, clock, closed_complaint)
    close_complaint(services, incident)
    clock.set(start)
    money_left = add_customer(services, "13800000008", "券有余额")
    agree_to(services, money_left, Purpose.MARKETING)  # an offer needs it
    services.vouchers.issue(
        VoucherDraft(money_left, VoucherKind.PROMOTION.value, "50", valid_until=date(2027, 1, 31))
    )
    voided = add_customer(services, "13800000009", "券已作废")
    agree_to(services, voided, Purpose.MARKETING)
    voucher = services.vouchers.issue(
        VoucherDraft(voided, VoucherKind.PROMOTION.value, "50", valid_until=date(2027, 1, 31))
    )
    services.vouchers.void(voucher, "发错了", owner_auth)
    erased = add_customer(services, "13800000010", "已删除")
    Customer.update(erased_at=start).where(Customer.id == erased).execute()  # erased on request before

    clock.set(datetime(2031, 11, 26, 10, 0, tzinfo=CHINA_TZ))
    plan = services.retention.plan()
    assert plan.customer_ids == (quiet, old_contract, closed_complaint, voided)
    assert plan.customer_cutoff == datetime(2026, 11, 26, 10, 0, tzinfo=CHINA_TZ)
    clock.set(datetime(2032, 11, 27, 10, 0, tzinfo=CHINA_TZ))  # five years after the visit
    assert served in services.retention.plan().customer_ids
    assert late_contract not in services.retention.plan().customer_ids  # it ended 2028-12-31

    services.retention.save_policy(3, None, owner_auth)  # 永不
    plan = services.retention.plan()
    assert plan.customer_ids == () and plan.customer_cutoff is None


def test_a_run_anonymises_the_inactive_customers_as_an_erasure_does(services, clock, owner_auth) -> None:
    services.retention.save_policy(3, 5, owner_auth)
    _confirm_first_run(services, owner_auth)
    gone = add_customer(services, "13800000001", "钱多多")
    stays = add_customer(services, "13800000002", "孙小美")
    clock.set(datetime(2030, 6, 1, 10, 0, tzinfo=CHINA_TZ))
    services.service_records.add(ServiceRecordDraft(stays, clock.now(), amount_text="80"))
    clock.set(datetime(2031, 11, 24, 10, 0, tzinfo=CHINA_TZ))
    with expect_change(services, ChangeKind.CUSTOMER, gone):
        result = services.retention.run_due()
    assert (result.outcome, result.customers) == (RunOutcome.RAN, 1)
    row = Customer.get_by_id(gone)
    assert (row.name, row.phones, row.erased_at) == (erased_name(gone), "", clock.now())
    assert Customer.get_by_id(stays).name == "孙小美"
    detail = _audit_rows()[-1].detail
    assert json.loads(detail)["客户"] == 1 and "钱多多" not in detail and "13800000001" not in detail
    clock.advance(timedelta(days=1))
    assert services.retention.plan().customer_ids == ()  # erased once


def test_a_customer_the_erasure_refuses_does_not_hold_back_the_others(
    services, clock, owner_auth, monkeypatch
) -> None:
    services.retention.save_policy(3, 5, owner_auth)
    _confirm_first_run(services, owner_auth)
    first = add_customer(services, "13800000001", "钱多多")
    second = add_customer(services, "13800000002", "孙小美")
    erasure = services.erasure
    anonymise = erasure.anonymise_within

    def refuse_the_first(customer_id: int, reason: str):
        result = anonymise(customer_id, reason)
        if customer_id == first:
            raise DomainError("这位客户现在还不能删除个人信息")
        return result

    monkeypatch.setattr(erasure, "anonymise_within", refuse_the_first)
    clock.set(datetime(2031, 11, 24, 10, 0, tzinfo=CHINA_TZ))
    assert services.retention.run_due().customers == 1
    assert Customer.get_by_id(first).name == "钱多多"  # its half-done erasure was rolled back
    assert Customer.get_by_id(second).name == erased_name(second)
    assert json.loads(_audit_rows()[-1].detail)["未能清理的客户"] == 1


# -- confirmation --------------------------------------------------------------------------------------------


def test_the_first_run_waits_for_the_owner(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _i, callback = called_back(services, clock, add_customer(services))
    clock.advance(3 * YEAR)
    assert services.retention.needs_confirmation(services.retention.plan())
    result = services.retention.run_due()
    assert (result.outcome, result.callbacks) == (RunOutcome.WAITING_FOR_OWNER, 1)
    assert Callback.get_by_id(callback).note == NOTE and services.retention.last_run_on() is None
    assert services.retention.status().waiting_for_owner
    with pytest.raises(PermissionDenied, match="店主在 设置 → 隐私 确认"):
        services.retention.run()
    assert Callback.get_by_id(callback).note == NOTE and _audit_rows() == []

    result = services.retention.run(services.retention.plan(), owner_auth)
    assert (result.outcome, result.callbacks) == (RunOutcome.RAN, 1)
    status = services.retention.status()
    assert status.confirmed_before and not status.waiting_for_owner
    assert status.last_run_on == clock.now().date()
    assert json.loads(_audit_rows()[-1].detail)["确认人"] == "李店主"


def test_more_than_fifty_records_wait_for_the_owner_every_time(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _confirm_first_run(services, owner_auth)
    customer = add_customer(services)
    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 31), "3600")
    )
    for n in range(CONFIRM_ABOVE + 1):
        services.contracts.record_contact(contract, f"第 {n + 1} 次联系")
    clock.advance(2 * YEAR + timedelta(days=1))
    plan = services.retention.plan()
    assert plan.contacts == CONFIRM_ABOVE + 1 and services.retention.needs_confirmation(plan)
    assert services.retention.run_due().outcome == RunOutcome.WAITING_FOR_OWNER
    with pytest.raises(PermissionDenied):
        services.retention.run(plan)
    assert services.retention.run(plan, owner_auth).contacts == CONFIRM_ABOVE + 1


def test_a_confirmation_is_the_owners_only(services, clock, owner_auth) -> None:
    manager = services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    manager_auth = services.staff.authorize(manager, "manager-pw", Role.REGIONAL_MANAGER, "x")
    services.retention.save_policy(2, None, owner_auth)
    _i, callback = called_back(services, clock, add_customer(services))
    clock.advance(3 * YEAR)
    with pytest.raises(PermissionDenied, match="店主"):
        services.retention.run(services.retention.plan(), manager_auth)
    assert Callback.get_by_id(callback).note == NOTE


def test_a_run_does_no_more_than_the_owner_was_shown(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _i, first = called_back(services, clock, add_customer(services, "13800000001"))
    clock.advance(timedelta(days=2))
    _i, second = called_back(services, clock, add_customer(services, "13800000002"))
    clock.advance(2 * YEAR - timedelta(days=1))
    shown = services.retention.plan()
    assert shown.callback_ids == (first,)
    clock.advance(timedelta(days=3))  # the second passed its time while the owner was reading
    assert services.retention.run(shown, owner_auth).callbacks == 1
    assert Callback.get_by_id(second).note == NOTE  # the next daily run clears it
    assert services.retention.run_due().callbacks == 0  # already run today
    clock.advance(timedelta(days=1))
    assert services.retention.run_due().callbacks == 1
    assert Callback.get_by_id(second).note == RETENTION_PLACEHOLDER


# -- the audit row and the daily job ----------------------------------------------------------------------------


def test_every_run_is_audited_with_counts_and_no_personal_data(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    customer = add_customer(services, "13987654321", "赵丽华")
    called_back(services, clock, customer)
    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 31), "1")
    )
    services.contracts.record_contact(contract, "赵女士说再考虑")
    _confirm_first_run(services, owner_auth)
    clock.advance(2 * YEAR + timedelta(days=10))
    services.retention.run_due()

    row = _audit_rows()[-1]
    detail = json.loads(row.detail)
    assert {k: detail[k] for k in ("回访记录", "联系记录", "客户")} == {
        "回访记录": 1,
        "联系记录": 1,
        "客户": 0,
    }
    assert detail["不活跃客户截止"] == "永不清理" and detail["回访和联系记录截止"].endswith("及以前")
    assert row.entity == "setting" and row.staff_name == SYSTEM and row.staff_id is None
    for secret in ("赵", "13987654321", "考虑", "老人"):
        assert secret not in row.detail


def test_the_daily_job_runs_once_a_day_and_catches_up_at_the_next_start(services, clock, owner_auth) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _confirm_first_run(services, owner_auth)
    assert services.retention.run_due().outcome == RunOutcome.DONE_TODAY  # the owner's run counts for today
    clock.advance(timedelta(days=1))
    assert services.retention.run_due().outcome == RunOutcome.NOTHING
    assert services.retention.last_run_on() == clock.now().date()
    assert services.retention.run_due().outcome == RunOutcome.DONE_TODAY
    audited = len(_audit_rows())

    _i, callback = called_back(services, clock, add_customer(services))
    clock.advance(2 * YEAR + timedelta(days=3))  # the program was not started for days
    result = services.retention.run_due()
    assert (result.outcome, result.callbacks) == (RunOutcome.RAN, 1)
    assert Callback.get_by_id(callback).note == RETENTION_PLACEHOLDER
    assert len(_audit_rows()) == audited + 1  # days with nothing to do leave no audit row
    assert services.retention.run_due().outcome == RunOutcome.DONE_TODAY


def test_the_day_is_the_agencys_day(services, clock, owner_auth) -> None:
    _confirm_first_run(services, owner_auth)
    clock.set(datetime(2026, 11, 24, 0, 30, tzinfo=CHINA_TZ))  # still the 23rd in UTC
    assert services.retention.run_due().outcome == RunOutcome.NOTHING
    assert services.retention.last_run_on() == date(2026, 11, 24)


def test_many_inactive_customers_go_a_small_batch_to_a_transaction_each_audited(
    services, clock, owner_auth
) -> None:
    from jiazheng_desktop.services.retention import CUSTOMER_BATCH, CUSTOMERS_ACTION

    services.retention.save_policy(3, 5, owner_auth)
    _confirm_first_run(services, owner_auth)
    count = 2 * CUSTOMER_BATCH + 3
    made = [add_customer(services, f"139{n:08d}", "钱多多") for n in range(count)]
    clock.set(datetime(2031, 11, 24, 10, 0, tzinfo=CHINA_TZ))
    result = services.retention.run(services.retention.plan(), owner_auth)  # over 50: the owner's
    assert result.customers == count
    batches = list(AuditLog.select().where(AuditLog.action == CUSTOMERS_ACTION).order_by(AuditLog.id))
    assert [json.loads(row.detail)["客户"] for row in batches] == [CUSTOMER_BATCH, CUSTOMER_BATCH, 3]
    assert all("钱" not in row.detail and "139" not in row.detail for row in batches)
    assert json.loads(_audit_rows()[-1].detail)["客户"] == count
    assert all(Customer.get_by_id(i).erased_at is not None for i in made)
