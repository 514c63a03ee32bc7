"""Referral commission: earned on the referred customer's paid visits as the rule says, settled by a manager."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.referrals import CommissionDraft, CommissionMode, CommissionStatus
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.changes import ChangeKind
from jiazheng_desktop.services.referrals import COMMISSION_MODE_KEY, COMMISSION_PERCENT_KEY
from jiazheng_desktop.storage.models import AuditLog, ReferralCommission, ReferralReward, ServiceRecord
from tests.conftest import expect_change, make_draft


@pytest.fixture
def referrer(services) -> int:
    return services.customers.create(make_draft())


@pytest.fixture
def referred(services, referrer) -> int:
    return services.customers.create(
        make_draft(name="李娜", honorific="女士", phone="13900001111", referrer_id=referrer)
    )


@pytest.fixture
def manager_auth(services, owner_auth):
    manager = services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    return services.staff.authorize(manager, "manager-pw", Role.REGIONAL_MANAGER, "测试")


def _visit(services, customer: int, amount: str, clock) -> int:
    served: datetime = clock.now() - timedelta(hours=1)
    return services.service_records.add(ServiceRecordDraft(customer, served, amount_text=amount))


def _set(services, owner_auth, mode: str, fixed: str = "", percent: str = "", visits: int = 1) -> None:
    services.referrals.save_rule("50", 90, owner_auth, CommissionDraft(mode, fixed, percent, visits))


def _entries(referrer: int) -> list[tuple[int, int, str]]:
    return [
        (e.service_record_id, e.amount_fen, e.status)
        for e in ReferralCommission.select()
        .where(ReferralCommission.referrer == referrer)
        .order_by(ReferralCommission.id)
    ]


def test_off_by_default_only_the_voucher(services, referrer, referred, clock) -> None:
    assert services.referrals.commission_rule().mode is CommissionMode.OFF
    _visit(services, referred, "200", clock)
    assert ReferralReward.select().count() == 1  # the reward voucher is unchanged
    assert ReferralCommission.select().count() == 0


def test_fixed_once_per_referred_customer_on_the_first_paid_visit(
    services, referrer, referred, clock, owner_auth
) -> None:
    _set(services, owner_auth, "fixed", fixed="30")
    _visit(services, referred, "0", clock)  # a free visit is not the first paid one
    first = _visit(services, referred, "200", clock)
    _visit(services, referred, "300", clock)
    assert _entries(referrer) == [(first, 3000, "pending")]
    audit = AuditLog.get(AuditLog.action == "记录推荐佣金")
    assert audit.entity_id == referrer and "李女士" in audit.detail and "¥30.00" in audit.detail
    assert ReferralReward.select().count() == 1  # besides the voucher, not instead of it


def test_percentage_on_each_of_the_first_n_paid_visits_exact_to_the_fen(
    services, referrer, referred, clock, owner_auth
) -> None:
    _set(services, owner_auth, "percent", percent="7.5", visits=2)
    one = _visit(services, referred, "123.45", clock)  # 925.875 分 → 926
    _visit(services, referred, "0", clock)
    two = _visit(services, referred, "100", clock)
    _visit(services, referred, "100", clock)  # the third paid visit: past N
    assert _entries(referrer) == [(one, 926, "pending"), (two, 750, "pending")]
    assert ReferralCommission.get(ReferralCommission.service_record == one).basis == "7.5% × ¥123.45"


def test_no_referrer_no_commission_and_no_double_entry_for_a_visit(
    services, referrer, referred, clock, owner_auth
) -> None:
    _set(services, owner_auth, "percent", percent="10", visits=3)
    _visit(services, referrer, "500", clock)  # the referrer's own visit
    visit = _visit(services, referred, "200", clock)
    assert ReferralCommission.select().count() == 1
    with services.context.change("测试", "service_record"):  # the same visit handed in again: nothing more
        services.referrals.on_visit_added(ServiceRecord.get_by_id(visit))
    assert _entries(referrer) == [(visit, 2000, "pending")]


def test_changing_the_rule_counts_only_for_later_visits(
    services, referrer, referred, clock, owner_auth
) -> None:
    _visit(services, referred, "200", clock)  # rule off: nothing, and later rules do not reach back
    _set(services, owner_auth, "percent", percent="10", visits=3)
    second = _visit(services, referred, "200", clock)  # the 2nd paid visit, within the first 3
    _set(services, owner_auth, "percent", percent="20", visits=3)
    third = _visit(services, referred, "200", clock)
    _set(services, owner_auth, "off")
    _visit(services, referred, "200", clock)
    assert _entries(referrer) == [(second, 2000, "pending"), (third, 4000, "pending")]
    change = (
        AuditLog.select().where(AuditLog.action == "修改推荐奖励规则").order_by(AuditLog.id.desc()).first()
    )
    assert "被推荐客户前 3 次付费服务金额的 20% → 不发佣金" in json.loads(change.detail)["推荐佣金"]


def test_the_rule_needs_the_owner_and_good_values_kept_apart_per_field(
    services, manager_auth, owner_auth
) -> None:
    with pytest.raises(PermissionDenied):
        services.referrals.save_rule("50", 90, manager_auth, CommissionDraft("fixed", "30"))
    with pytest.raises(ValidationError) as info:
        services.referrals.save_rule("abc", 90, owner_auth, CommissionDraft("percent", "", "80", 0))
    assert set(info.value.fields) == {"reward", "commission_percent", "commission_visits"}
    assert services.referrals.commission_rule().mode is CommissionMode.OFF
    assert services.referrals.rule().reward_fen == 5000


def test_a_bad_stored_rule_pays_nothing(services, referrer, referred, clock) -> None:
    with services.context.change("测试", "setting"):
        services.settings.put(COMMISSION_MODE_KEY, "percent")
        services.settings.put(COMMISSION_PERCENT_KEY, 9000)  # 90 %: beyond what the form allows
    assert services.referrals.commission_rule().mode is CommissionMode.OFF
    _visit(services, referred, "200", clock)
    assert ReferralCommission.select().count() == 0


def test_settle_needs_a_manager_and_writes_one_audit_row(
    services, referrer, referred, clock, owner_auth, manager_auth
) -> None:
    _set(services, owner_auth, "percent", percent="10", visits=3)
    for amount in ("200", "150.50", "100"):
        _visit(services, referred, amount, clock)
    pending = services.referrals.pending(referrer)
    assert [(p.customer_name, p.amount_fen, p.visit_fen) for p in pending] == [
        ("李女士", 2000, 20000), ("李女士", 1505, 15050), ("李女士", 1000, 10000),
    ]  # fmt: skip
    assert pending[0].referrer_name == "王先生" and pending[0].service_type
    ids = [p.id for p in pending[:2]]
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    clerk_auth = services.staff.authorize(clerk, "clerk-pw", Role.CUSTOMER_SERVICE, "测试")
    with pytest.raises(PermissionDenied, match="区域经理"):
        services.referrals.settle(ids, "wechat", "", clerk_auth)
    with pytest.raises(ValidationError) as info:
        services.referrals.settle([], "红包", "", manager_auth)
    assert set(info.value.fields) == {"entries", "method"}
    assert ReferralCommission.select().where(ReferralCommission.status == "settled").count() == 0

    clock.advance(timedelta(hours=2))
    with expect_change(services, ChangeKind.CUSTOMER, referrer):
        payout = services.referrals.settle(ids, "wechat", " 已转到推荐人微信 ", manager_auth)
    assert (payout.total_fen, payout.paid_by, payout.at) == (3505, "陈志强", clock.now())
    settled = ReferralCommission.get_by_id(ids[0])
    assert (settled.status, settled.settle_method, settled.settled_by_name, settled.settle_note) == (
        CommissionStatus.SETTLED.value, "wechat", "陈志强", "已转到推荐人微信",
    )  # fmt: skip
    assert settled.settled_by_id == manager_auth.staff_id and settled.settled_at == clock.now()
    (audit,) = AuditLog.select().where(AuditLog.action == "结算推荐佣金")
    detail = json.loads(audit.detail)
    assert audit.entity_id == referrer
    assert (detail["笔数"], detail["金额"], detail["付款方式"], detail["付款人"], detail["确认人"]) == (
        2, "¥35.05", "微信转账", "陈志强", "陈志强",
    )  # fmt: skip
    with pytest.raises(DomainError, match="已经结算过了"):  # nobody is paid twice
        services.referrals.settle([ids[1], pending[2].id], "cash", "", manager_auth)
    assert [p.id for p in services.referrals.pending()] == [pending[2].id]


def test_one_payout_is_for_one_referrer(
    services, referrer, referred, clock, owner_auth, manager_auth
) -> None:
    other = services.customers.create(make_draft(name="赵大海", phone="13900002222"))
    brought = services.customers.create(
        make_draft(name="孙丽", honorific="女士", phone="13900003333", referrer_id=other)
    )
    _set(services, owner_auth, "fixed", fixed="30")
    _visit(services, referred, "200", clock)
    _visit(services, brought, "200", clock)
    office = services.referrals.pending()
    assert {p.referrer_id for p in office} == {referrer, other}
    with pytest.raises(DomainError, match="同一位推荐人"):
        services.referrals.settle([p.id for p in office], "cash", "", manager_auth)


def test_the_summary_says_whom_they_brought_and_what_they_earned(
    services, referrer, referred, clock, owner_auth, manager_auth
) -> None:
    second = services.customers.create(
        make_draft(name="张敏", honorific="女士", phone="13900004444", referrer_id=referrer)
    )
    _set(services, owner_auth, "percent", percent="10", visits=2)
    _visit(services, referred, "200", clock)
    _visit(services, referred, "300", clock)
    _visit(services, referred, "400", clock)  # paid, but past N
    _visit(services, second, "0", clock)  # free: not a paid visit
    services.referrals.settle([services.referrals.pending(referrer)[0].id], "cash", "", manager_auth)
    summary = services.referrals.summary(referrer)
    assert [(p.name, p.paid_visits, p.earned_fen) for p in summary.referred] == [
        ("李女士", 3, 5000), ("张女士", 0, 0),
    ]  # fmt: skip
    assert summary.referred[0].since == services.customers.get(referred).created_at
    assert (summary.earned_fen, summary.pending_fen, summary.settled_fen) == (5000, 3000, 2000)
    nobody = services.referrals.summary(referred)
    assert (nobody.referred, nobody.earned_fen) == ((), 0)


def test_the_timeline_shows_the_commission_and_the_payout(
    services, referrer, referred, clock, owner_auth, manager_auth
) -> None:
    _set(services, owner_auth, "fixed", fixed="30")
    _visit(services, referred, "200", clock)
    services.referrals.settle([services.referrals.pending(referrer)[0].id], "cash", "", manager_auth)
    titles = [e.title for e in services.customers.timeline(referrer) if e.kind == "commission"]
    assert sorted(titles) == ["推荐佣金已结算 ¥30.00", "获得推荐佣金 ¥30.00"]
    assert not [e for e in services.customers.timeline(referred) if e.kind == "commission"]


def test_a_referrer_with_commission_is_not_deleted(services, referrer, referred, clock, owner_auth) -> None:
    _set(services, owner_auth, "fixed", fixed="30")
    _visit(services, referred, "200", clock)
    with pytest.raises(DomainError, match="1 笔推荐佣金"):
        services.customers.delete(referrer, owner_auth)


def test_the_commission_audit_rows_are_the_referrers_and_go_with_their_erasure(
    services, referrer, referred, clock, owner_auth, manager_auth
) -> None:
    _set(services, owner_auth, "fixed", fixed="30")
    _visit(services, referred, "200", clock)
    services.referrals.settle([services.referrals.pending(referrer)[0].id], "cash", "", manager_auth)

    def details() -> list[str]:
        return [row.detail for row in AuditLog.select().where(AuditLog.entity == "referral_commission")]

    assert len(details()) == 2 and not any("李娜" in detail for detail in details())  # the other: 李女士
    services.erasure.erase(referred, owner_auth)
    assert any("王先生" in detail for detail in details())
    services.erasure.erase(referrer, owner_auth)
    assert not any("王先生" in detail or "王建国" in detail for detail in details())
    assert ReferralCommission.select().count() == 1  # the ledger itself stays, as the books do


def test_the_monthly_report_counts_commission_earned_and_settled_in_the_month(
    services, referrer, referred, clock, owner_auth, manager_auth, tmp_path
) -> None:
    from jiazheng_desktop.documents.monthly_report import render_monthly_report
    from jiazheng_desktop.documents.styles import Letterhead
    from tests.pdf_helpers import read_pdf

    _set(services, owner_auth, "percent", percent="10", visits=3)
    _visit(services, referred, "200", clock)  # 23 November
    _visit(services, referred, "100", clock)
    clock.advance(timedelta(days=10))  # 3 December
    first = services.referrals.pending(referrer)[0].id
    services.referrals.settle([first], "cash", "", manager_auth)
    november = services.monthly_report.figures(2026, 11)
    december = services.monthly_report.figures(2026, 12)
    assert (november.commission_earned_fen, november.commission_settled_fen) == (3000, 0)
    assert (december.commission_earned_fen, december.commission_settled_fen) == (0, 2000)
    path = render_monthly_report(november, Letterhead("好帮手家政", "", ""), tmp_path / "report.pdf", None)
    assert "推荐佣金（本月产生）¥30.00" in read_pdf(path).compact
