"""Contracts and renewals through the services, on a real database file, with the injected clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jiazheng_desktop.domain.contracts import (
    LOST_REASONS,
    PACKAGES,
    ContractDraft,
    ContractStatus,
    RenewalStep,
    days_left_text,
    renewal_window,
    validate_contract,
)
from jiazheng_desktop.domain.errors import DomainError, NotFoundError, PermissionDenied, ValidationError
from jiazheng_desktop.storage.models import AuditLog, RenewalAction
from tests.conftest import make_draft

TODAY = date(2026, 11, 23)  # the clock fixture's day


@pytest.fixture
def customer(services) -> int:
    return services.customers.create(make_draft())


def _draft(customer: int | None, **kw) -> ContractDraft:
    values: dict[str, object] = {
        "customer_id": customer,
        "package": "保洁套餐",
        "start_on": date(2026, 1, 1),
        "end_on": date(2026, 12, 10),
        "price_text": "3600",
    }
    values.update(kw)
    return ContractDraft(**values)  # type: ignore[arg-type]


def _audits(action: str) -> int:
    return AuditLog.select().where(AuditLog.action == action).count()


# -- domain ---------------------------------------------------------------------------------------


def test_a_good_draft_is_cleaned() -> None:
    clean = validate_contract(_draft(1, price_text="¥1,299.50", notes="  每周二上午  "))
    assert clean.price_fen == 129950
    assert clean.notes == "每周二上午"
    assert clean.package in PACKAGES


def test_validation_names_every_field_in_chinese() -> None:
    with pytest.raises(ValidationError) as info:
        validate_contract(
            ContractDraft(None, "随便套餐", date(2026, 5, 1), date(2026, 5, 1), "-3", notes="长" * 501)
        )
    assert info.value.fields == {
        "customer": "请选择客户",
        "package": "请从列表中选择套餐",
        "end_on": "结束日期必须晚于开始日期",
        "price": "金额不能为负数",
        "notes": "备注最多 500 字",
    }


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"price_text": "12.345"}, "price", "金额最多保留两位小数（精确到分）"),
        ({"price_text": "abc"}, "price", "金额只能填数字，例如 120 或 99.50"),
        ({"price_text": ""}, "price", "请填写金额"),
        ({"end_on": date(2025, 12, 31)}, "end_on", "结束日期必须晚于开始日期"),
        ({"end_on": date(2046, 1, 2)}, "end_on", "合同期限不能超过 10 年，请检查年份"),
        ({"start_on": None}, "start_on", "请填写开始日期"),
        ({"end_on": None}, "end_on", "请填写结束日期"),
    ],
)
def test_one_bad_field(kw, field, message) -> None:
    with pytest.raises(ValidationError) as info:
        validate_contract(_draft(1, **kw))
    assert info.value.fields == {field: message}


def test_a_free_contract_is_allowed() -> None:
    assert validate_contract(_draft(1, price_text="0")).price_fen == 0


def test_renewal_window() -> None:
    assert renewal_window(TODAY + timedelta(days=30), TODAY)
    assert not renewal_window(TODAY + timedelta(days=31), TODAY)
    assert renewal_window(TODAY + timedelta(days=7), TODAY, days=7)
    assert not renewal_window(TODAY + timedelta(days=8), TODAY, days=7)
    assert renewal_window(TODAY, TODAY)
    assert renewal_window(TODAY - timedelta(days=3), TODAY)  # ran out with no outcome: still due
    assert days_left_text(TODAY + timedelta(days=5), TODAY) == "还剩 5 天"
    assert days_left_text(TODAY, TODAY) == "今天到期"
    assert days_left_text(TODAY - timedelta(days=3), TODAY) == "已过期 3 天"


def test_steps_and_statuses_read_in_chinese() -> None:
    assert [s.label for s in ContractStatus] == ["进行中", "已续约", "已流失", "已结束"]
    assert [s.value for s in ContractStatus] == ["active", "renewed", "lost", "ended"]
    assert [s.label for s in RenewalStep] == ["已联系", "已报优惠", "已续约", "已流失"]
    assert [s.value for s in RenewalStep] == ["contacted", "offer", "renewed", "lost"]
    assert RenewalStep("offer") is RenewalStep.OFFER
    assert "价格原因" in LOST_REASONS and "其他" in LOST_REASONS


# -- service --------------------------------------------------------------------------------------


def test_create_and_read_back(services, customer) -> None:
    contract_id = services.contracts.create(_draft(customer, notes="每周二上午"))
    row = services.contracts.get(contract_id)
    assert (row.customer_id, row.package, row.price_fen, row.status) == (
        customer,
        "保洁套餐",
        360000,
        ContractStatus.ACTIVE,
    )
    assert row.previous_id is None
    assert row.label == "保洁套餐 ¥3,600.00（2026-01-01 至 2026-12-10）"
    assert _audits("新建合同") == 1
    assert [c.id for c in services.contracts.for_customer(customer)] == [contract_id]


def test_create_refuses_bad_input_and_unknown_customer(services, customer) -> None:
    with pytest.raises(ValidationError):
        services.contracts.create(_draft(customer, package="乱写"))
    with pytest.raises(NotFoundError):
        services.contracts.create(_draft(customer + 99))
    with pytest.raises(NotFoundError, match="合同"):
        services.contracts.get(12345)
    assert services.contracts.for_customer(customer) == []
    assert _audits("新建合同") == 0


def test_a_customer_may_have_several_contracts(services, customer) -> None:
    cleaning = services.contracts.create(_draft(customer, end_on=date(2026, 12, 31)))
    nanny = services.contracts.create(
        _draft(customer, package="育儿嫂", start_on=date(2026, 6, 1), end_on=date(2027, 5, 31))
    )
    assert [c.id for c in services.contracts.for_customer(customer)] == [nanny, cleaning]


def test_renewals_due_is_the_window_from_the_clock(services, customer, clock) -> None:
    other = services.customers.create(make_draft(name="李娜", honorific="女士", phone="13900001111"))
    in_7 = services.contracts.create(_draft(customer, end_on=TODAY + timedelta(days=7)))
    in_30 = services.contracts.create(_draft(other, end_on=TODAY + timedelta(days=30)))
    services.contracts.create(_draft(customer, end_on=TODAY + timedelta(days=31)))
    overdue = services.contracts.create(_draft(other, end_on=TODAY - timedelta(days=2)))
    due = services.contracts.renewals_due()
    assert [r.contract_id for r in due] == [overdue, in_7, in_30]
    first = due[1]
    assert (first.customer_id, first.customer_label) == (customer, "王先生（王建国）")
    assert (due[0].customer_id, due[0].package, due[0].price_fen) == (other, "保洁套餐", 360000)
    assert (first.days_left, first.days_left_text) == (7, "还剩 7 天")
    assert first.last_step is None and first.last_text == "尚未跟进"
    assert due[0].days_left_text == "已过期 2 天"
    assert [r.contract_id for r in services.contracts.renewals_due(days=7)] == [overdue, in_7]
    clock.advance(timedelta(days=1))
    assert len(services.contracts.renewals_due()) == 4  # the 31-day one comes into the window


def test_renewals_due_shows_the_latest_action(services, customer, clock) -> None:
    contract = services.contracts.create(_draft(customer))
    services.contracts.record_contact(contract, "电话联系，客户说考虑一下")
    clock.advance(timedelta(hours=2))
    services.contracts.make_offer(contract, "续约送一次深度保洁")
    (row,) = services.contracts.renewals_due()
    assert row.last_step is RenewalStep.OFFER
    assert row.last_note == "续约送一次深度保洁"
    assert row.last_text == "已报优惠 11-23 · 续约送一次深度保洁"
    assert row.last_voucher_id is None
    assert _audits("续约联系") == 1 and _audits("报续约优惠") == 1
    history = services.contracts.actions(contract)
    assert [a.text for a in history] == [
        "已报优惠（李店主） · 续约送一次深度保洁",
        "已联系（李店主） · 电话联系，客户说考虑一下",
    ]


def test_an_offer_needs_something_to_offer(services, customer) -> None:
    contract = services.contracts.create(_draft(customer))
    with pytest.raises(ValidationError) as info:
        services.contracts.make_offer(contract, "   ")
    assert set(info.value.fields) == {"note"}
    assert RenewalAction.select().count() == 0


def test_renew_links_the_new_contract_and_closes_the_old(services, customer, clock) -> None:
    old = services.contracts.create(_draft(customer))
    services.contracts.record_contact(old, "客户同意续一年")
    new = services.contracts.renew(
        old,
        _draft(None, start_on=date(2026, 12, 11), end_on=date(2027, 12, 10), price_text="3800"),
    )
    assert services.contracts.get(old).status is ContractStatus.RENEWED
    renewed = services.contracts.get(new)
    assert (renewed.previous_id, renewed.customer_id, renewed.status, renewed.price_fen) == (
        old,
        customer,
        ContractStatus.ACTIVE,
        380000,
    )
    action = RenewalAction.select().where(RenewalAction.kind == "renewed").get()
    assert (action.contract_id, action.new_contract_id) == (old, new)
    assert _audits("续约") == 1
    assert services.contracts.renewals_due() == []  # the new one ends next year


def test_renewing_twice_is_refused(services, customer) -> None:
    old = services.contracts.create(_draft(customer))
    services.contracts.renew(old, _draft(customer, start_on=date(2026, 12, 11), end_on=date(2027, 12, 10)))
    with pytest.raises(DomainError, match="已续约，不能再续约"):
        services.contracts.renew(
            old, _draft(customer, start_on=date(2026, 12, 11), end_on=date(2027, 12, 10))
        )
    with pytest.raises(DomainError, match="已续约"):
        services.contracts.mark_lost(old, "搬家")
    with pytest.raises(DomainError, match="已续约"):
        services.contracts.record_contact(old, "再打一次")
    assert len(services.contracts.for_customer(customer)) == 2
    assert _audits("续约") == 1


def test_renewing_with_a_bad_draft_changes_nothing(services, customer) -> None:
    old = services.contracts.create(_draft(customer))
    with pytest.raises(ValidationError):
        services.contracts.renew(old, _draft(customer, price_text="x"))
    other = services.customers.create(make_draft(name="李娜", honorific="女士", phone="13900001111"))
    with pytest.raises(DomainError, match="同一位客户"):
        services.contracts.renew(old, _draft(other))
    assert services.contracts.get(old).status is ContractStatus.ACTIVE
    assert RenewalAction.select().count() == 0


def test_lost_needs_a_reason_from_the_list(services, customer) -> None:
    contract = services.contracts.create(_draft(customer))
    with pytest.raises(ValidationError) as info:
        services.contracts.mark_lost(contract, "")
    assert info.value.fields == {"reason": "请从列表中选择流失原因"}
    with pytest.raises(ValidationError) as info:
        services.contracts.mark_lost(contract, "其他")
    assert info.value.fields == {"note": "选择「其他」时请写明具体原因"}
    assert services.contracts.get(contract).status is ContractStatus.ACTIVE
    services.contracts.mark_lost(contract, "价格原因", "觉得比别家贵")
    assert services.contracts.get(contract).status is ContractStatus.LOST
    action = RenewalAction.get(RenewalAction.kind == "lost")
    assert (action.lost_reason, action.note) == ("价格原因", "觉得比别家贵")
    assert services.contracts.renewals_due() == []
    with pytest.raises(DomainError, match="已流失"):
        services.contracts.renew(contract, _draft(customer))
    assert _audits("续约流失") == 1


def test_timeline_shows_signed_renewed_and_lost(services, customer, clock) -> None:
    first = services.contracts.create(_draft(customer))
    clock.advance(timedelta(days=1))
    second = services.contracts.renew(
        first, _draft(customer, start_on=date(2026, 12, 11), end_on=date(2027, 12, 10), price_text="3800")
    )
    clock.advance(timedelta(days=1))
    services.contracts.create(_draft(customer, package="家电清洗套餐", price_text="399"))
    nanny = services.contracts.create(_draft(customer, package="育儿嫂", price_text="8000"))
    clock.advance(timedelta(days=1))
    services.contracts.mark_lost(nanny, "搬家", "搬去外地")
    titles = [(e.title, e.ref_id) for e in services.customers.timeline(customer) if e.kind == "contract"]
    assert titles[0] == ("流失：搬家", nanny)
    assert ("续约 保洁套餐 ¥3,800.00（至 2027-12-10）", second) in titles
    assert ("签约 保洁套餐 ¥3,600.00（至 2026-12-10）", first) in titles
    assert ("签约 育儿嫂 ¥8,000.00（至 2026-12-10）", nanny) in titles
    assert len(titles) == 5


def test_an_offer_with_a_voucher_issues_it(services, customer) -> None:
    from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind

    contract = services.contracts.create(_draft(customer))
    voucher_id = services.contracts.make_offer(
        contract,
        "续约立减 ¥100",
        VoucherDraft(None, VoucherKind.PROMOTION.value, "100", valid_until=date(2026, 12, 31)),
    )
    assert voucher_id is not None
    voucher = services.vouchers.get(voucher_id)
    assert (voucher.customer_id, voucher.kind, voucher.value_fen) == (customer, VoucherKind.PROMOTION, 10000)
    (row,) = services.contracts.renewals_due()
    assert (row.last_step, row.last_voucher_id) == (RenewalStep.OFFER, voucher_id)
    assert _audits("报续约优惠") == 1


def test_a_bad_voucher_refuses_the_whole_offer(services, customer) -> None:
    from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
    from jiazheng_desktop.storage.models import Voucher

    contract = services.contracts.create(_draft(customer))
    with pytest.raises(ValidationError):
        services.contracts.make_offer(
            contract, "续约立减", VoucherDraft(customer, VoucherKind.PROMOTION.value, "0", valid_until=TODAY)
        )
    other = services.customers.create(make_draft(name="李娜", honorific="女士", phone="13900001111"))
    with pytest.raises(DomainError, match="客户本人"):
        services.contracts.make_offer(
            contract, "续约立减", VoucherDraft(other, VoucherKind.PROMOTION.value, "50", valid_until=TODAY)
        )
    assert Voucher.select().count() == 0
    assert RenewalAction.select().count() == 0
    assert _audits("报续约优惠") == 0


def test_a_large_voucher_offer_needs_approval(services, customer, owner_auth) -> None:
    from jiazheng_desktop.domain.staff import Role
    from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind

    contract = services.contracts.create(_draft(customer))
    services.staff.set_on_duty(services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth))
    big = VoucherDraft(None, VoucherKind.PROMOTION.value, "300", valid_until=date(2026, 12, 31))
    with pytest.raises(PermissionDenied):
        services.contracts.make_offer(contract, "续约立减 ¥300", big)
    assert RenewalAction.select().count() == 0
    assert services.contracts.make_offer(contract, "续约立减 ¥300", big, auth=owner_auth) is not None
