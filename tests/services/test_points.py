"""Points: earned on paid visits, turned into a voucher with an exact ledger, adjusted, expired; tiers."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from jiazheng_desktop.domain.customers import VipTier
from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.points import PointsKind, PointsRule, TierBasis, TierRule
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.changes import ChangeKind
from jiazheng_desktop.storage.models import AuditLog, Customer, PointsEntry, Voucher, VoucherEntry
from tests.conftest import expect_change, make_draft


@pytest.fixture
def customer(services) -> int:
    return services.customers.create(make_draft())


def _visit(services, customer: int, amount: str, clock) -> int:  # type: ignore[no-untyped-def]
    return services.service_records.add(
        ServiceRecordDraft(customer, clock.now() - timedelta(hours=1), amount_text=amount)
    )


def _ledger(customer: int) -> list[tuple[str, int, int]]:
    rows = PointsEntry.select().where(PointsEntry.customer == customer).order_by(PointsEntry.id)
    return [(r.kind, r.points, r.balance_after) for r in rows]


@pytest.fixture
def manager_auth(services, owner_auth):  # type: ignore[no-untyped-def]
    manager = services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    return services.staff.authorize(manager, "manager-pw", Role.REGIONAL_MANAGER, "测试")


def test_a_paid_visit_earns_points_in_its_own_transaction(services, customer, clock) -> None:
    record = _visit(services, customer, "199.50", clock)
    _visit(services, customer, "0", clock)  # a free visit earns nothing
    (entry,) = PointsEntry.select()
    assert (entry.kind, entry.points, entry.balance_after, entry.service_record_id) == (
        "earn",
        199,
        199,
        record,
    )
    assert entry.expires_on == date(2028, 11, 23)  # 24 months by default
    assert Customer.get_by_id(customer).points == 199
    audit = AuditLog.get(AuditLog.action == "获得积分")
    assert audit.entity_id == customer and json.loads(audit.detail)["积分"] == "+199"


def test_points_turn_into_a_voucher_with_an_exact_ledger(services, customer, clock) -> None:
    _visit(services, customer, "350", clock)
    with expect_change(services, ChangeKind.CUSTOMER, customer):
        voucher_id = services.points.redeem(customer, 300)
    voucher = Voucher.get_by_id(voucher_id)
    assert (voucher.kind, voucher.value_fen, voucher.uses_total, voucher.customer_id) == (
        VoucherKind.POINTS.value,
        3000,
        1,
        customer,
    )
    assert voucher.valid_until == date(2026, 11, 23) + timedelta(days=90)
    assert [(e.kind, e.amount_fen) for e in VoucherEntry.select()] == [("issue", 3000)]
    assert _ledger(customer) == [("earn", 350, 350), ("spend", -300, 50)]
    spend = PointsEntry.get(PointsEntry.kind == "spend")
    assert spend.voucher_id == voucher_id
    assert Customer.get_by_id(customer).points == 50
    audit = AuditLog.get(AuditLog.action == "积分兑换优惠券")
    assert json.loads(audit.detail)["券码"] == voucher.code
    view = services.points.entries(customer)
    assert [e.kind for e in view] == [PointsKind.SPEND, PointsKind.EARN]  # newest first
    assert voucher.code in view[0].cause


def test_cannot_spend_more_than_the_balance(services, customer, clock) -> None:
    _visit(services, customer, "150", clock)
    with pytest.raises(ValidationError, match="积分不够：现有 150 分，不能兑换 200 分"):
        services.points.redeem(customer, 200)
    with pytest.raises(ValidationError, match="每次至少兑换 100 分"):
        services.points.redeem(customer, 50)
    assert Voucher.select().count() == 0
    assert _ledger(customer) == [("earn", 150, 150)]
    assert not AuditLog.select().where(AuditLog.action == "积分兑换优惠券").exists()


def test_a_points_voucher_is_not_issued_by_hand(services, customer, owner_auth) -> None:
    draft = VoucherDraft(customer, VoucherKind.POINTS.value, "10", valid_until=date(2026, 12, 31))
    with pytest.raises(ValidationError, match="积分兑换券只能"):
        services.vouchers.issue(draft, owner_auth)


def test_adjusting_needs_a_manager_and_a_reason(services, customer, clock, manager_auth) -> None:
    _visit(services, customer, "100", clock)
    with pytest.raises(PermissionDenied, match="调整积分需要区域经理"):
        services.points.adjust(customer, 50, "活动补录", None)
    with pytest.raises(ValidationError) as caught:
        services.points.adjust(customer, -150, "", manager_auth)
    assert set(caught.value.fields) == {"points", "reason"}
    services.points.adjust(customer, -30, "重复记录的服务", manager_auth)
    entry = PointsEntry.get(PointsEntry.kind == "adjust")
    assert (entry.points, entry.balance_after, entry.reason) == (-30, 70, "重复记录的服务")
    audit = AuditLog.get(AuditLog.action == "调整积分")
    assert json.loads(audit.detail)["确认人"] == "陈志强"
    assert Customer.get_by_id(customer).points == 70


def test_points_expire_once_their_day_comes(services, customer, clock, owner_auth) -> None:
    services.points.save_rules(PointsRule(expiry_months=1), TierRule(), owner_auth)
    _visit(services, customer, "100", clock)  # expires 2026-12-23
    clock.advance(timedelta(days=20))
    _visit(services, customer, "50", clock)  # 2026-12-13: expires 2027-01-13
    services.points.redeem(customer, 100)  # uses the points that expire first
    clock.advance(timedelta(days=10))  # 2026-12-23
    assert services.points.summary(customer).balance == 50
    result = services.points.run_daily()
    assert (result.expired_customers, result.expired_points) == (0, 0)  # the first 100 were spent
    clock.advance(timedelta(days=20))  # 2027-01-12: the last day they count
    assert services.points.run_daily().expired_points == 0
    assert services.points.summary(customer).expiring_points == 50
    clock.advance(timedelta(days=1))
    result = services.points.run_daily()
    assert (result.expired_customers, result.expired_points) == (1, 50)
    assert services.points.run_daily().expired_points == 0  # idempotent
    assert _ledger(customer)[-1] == ("expire", -50, 0)
    audit = AuditLog.get(AuditLog.action == "积分到期")
    assert audit.staff_name == "系统"
    assert AuditLog.select().where(AuditLog.action == "积分到期").count() == 1


def test_expiring_soon_on_the_summary(services, customer, clock, owner_auth) -> None:
    services.points.save_rules(PointsRule(expiry_months=1), TierRule(), owner_auth)
    _visit(services, customer, "120", clock)
    clock.advance(timedelta(days=10))
    summary = services.points.summary(customer)
    assert (summary.balance, summary.expiring_points, summary.expiring_on) == (120, 120, date(2026, 12, 23))


def test_the_tier_follows_the_last_twelve_months(services, customer, clock) -> None:
    _visit(services, customer, "1500", clock)
    view = services.points.tier_view(customer)
    assert (view.tier, view.name, view.next_text) == (VipTier.REGULAR, "普通", "再消费 ¥500 升为银卡")
    _visit(services, customer, "2880", clock)
    view = services.points.tier_view(customer)
    assert (view.tier, view.next_text) == (VipTier.SILVER, "再消费 ¥620 升为金卡")
    assert view.reason == "近 12 个月消费 ¥4,380（满 ¥2,000 为银卡）"
    assert Customer.get_by_id(customer).vip_tier == VipTier.SILVER  # kept for the list
    assert (
        "普通 → 银卡"
        in AuditLog.select().where(AuditLog.action == "获得积分").order_by(AuditLog.id.desc()).get().detail
    )
    clock.advance(timedelta(days=366))  # the visits fall out of the 12 months
    assert services.points.run_daily().tiers_changed == 1
    assert Customer.get_by_id(customer).vip_tier == VipTier.REGULAR
    assert services.points.run_daily().tiers_changed == 0


def test_the_owner_overrides_the_tier_with_a_reason(
    services, customer, clock, owner_auth, manager_auth
) -> None:
    _visit(services, customer, "100", clock)
    with pytest.raises(PermissionDenied, match="店主"):
        services.points.set_tier_override(customer, VipTier.GOLD, "老客户介绍多", manager_auth)
    with pytest.raises(ValidationError, match="原因"):
        services.points.set_tier_override(customer, VipTier.GOLD, " ", owner_auth)
    services.points.set_tier_override(customer, VipTier.GOLD, "老客户介绍多", owner_auth)
    view = services.points.tier_view(customer)
    assert (view.tier, view.derived, view.override_reason) == (VipTier.GOLD, VipTier.REGULAR, "老客户介绍多")
    assert view.next_text == "再消费 ¥9,900 升为VIP卡"
    assert services.points.run_daily().tiers_changed == 0  # the override stays
    assert Customer.get_by_id(customer).vip_tier == VipTier.GOLD
    audit = AuditLog.get(AuditLog.action == "设定会员等级")
    assert json.loads(audit.detail)["会员等级"] == "普通 → 金卡"
    services.points.set_tier_override(customer, None, "按规则", owner_auth)
    assert Customer.get_by_id(customer).vip_tier == VipTier.REGULAR


def test_editing_the_customer_does_not_type_the_tier(services, customer, clock, owner_auth) -> None:
    services.points.set_tier_override(customer, VipTier.GOLD, "老客户", owner_auth)
    draft = services.customers.draft_for(customer)
    draft.vip_tier = VipTier.REGULAR
    draft.address = "浦东新区 1 号"
    services.customers.update(customer, draft)
    assert Customer.get_by_id(customer).vip_tier == VipTier.GOLD


def test_rules_are_the_owners_and_move_every_tier(
    services, customer, clock, owner_auth, manager_auth
) -> None:
    _visit(services, customer, "600", clock)
    rule = PointsRule(per_yuan=2, redeem_points=50, redeem_fen=500, min_points=50)
    tiers = TierRule(TierBasis.SPEND, (500_00, 1000_00, 2000_00), ("普通", "银", "金", "钻"))
    with pytest.raises(PermissionDenied):
        services.points.save_rules(rule, tiers, manager_auth)
    with pytest.raises(ValidationError) as caught:
        services.points.save_rules(PointsRule(per_yuan=-1), TierRule(thresholds=(3, 2, 1)), owner_auth)
    assert set(caught.value.fields) == {"per_yuan", "thresholds"}
    services.points.save_rules(rule, tiers, owner_auth)
    assert services.points.rule() == rule and services.points.tier_rule() == tiers
    assert Customer.get_by_id(customer).vip_tier == VipTier.SILVER
    assert services.points.tier_view(customer).name == "银"
    _visit(services, customer, "10", clock)
    assert Customer.get_by_id(customer).points == 600 + 20


def test_referral_points_when_the_rule_gives_some(services, customer, clock, owner_auth) -> None:
    services.points.save_rules(PointsRule(referral_points=200), TierRule(), owner_auth)
    referred = services.customers.create(
        make_draft(name="李娜", honorific="女士", phone="13900001111", referrer_id=customer)
    )
    _visit(services, referred, "100", clock)
    _visit(services, referred, "100", clock)  # only the first paid visit
    entry = PointsEntry.get(PointsEntry.customer == customer)
    assert (entry.kind, entry.points, entry.referred_customer_id) == ("earn", 200, referred)
    assert Customer.get_by_id(customer).points == 200
    assert Customer.get_by_id(referred).points == 200
    assert services.points.entries(customer)[0].cause == "推荐新客户 李女士"
