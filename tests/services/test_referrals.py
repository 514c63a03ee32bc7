"""Referral rewards: the first paid visit of a referred customer rewards the referrer, once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.referrals import REWARD_FEN_KEY, USAGE_NOTE, VALID_DAYS_KEY
from jiazheng_desktop.storage.models import AuditLog, ReferralReward, Voucher
from tests.conftest import make_draft


@pytest.fixture
def referrer(services) -> int:
    return services.customers.create(make_draft())


@pytest.fixture
def referred(services, referrer) -> int:
    return services.customers.create(
        make_draft(name="李娜", honorific="女士", phone="13900001111", referrer_id=referrer)
    )


def _visit(services, customer: int, amount: str, clock) -> int:
    served: datetime = clock.now() - timedelta(hours=1)
    return services.service_records.add(ServiceRecordDraft(customer, served, amount_text=amount))


def _rewards(customer: int) -> list[Voucher]:
    return list(
        Voucher.select().where(Voucher.customer == customer, Voucher.kind == VoucherKind.REFERRAL.value)
    )


def test_first_paid_visit_rewards_the_referrer_once(services, referrer, referred, clock) -> None:
    record = _visit(services, referred, "120", clock)
    (voucher,) = _rewards(referrer)
    assert (voucher.value_fen, voucher.uses_total, voucher.usage_note) == (5000, 1, USAGE_NOTE)
    assert voucher.valid_until == date(2026, 11, 23) + timedelta(days=90)
    reward = ReferralReward.get(ReferralReward.customer == referred)
    assert (reward.referrer_id, reward.voucher_id, reward.service_record_id) == (referrer, voucher.id, record)
    audit = AuditLog.get(AuditLog.action == "发放推荐奖励")
    assert audit.entity_id == voucher.id and "李女士" in audit.detail
    _visit(services, referred, "200", clock)
    assert len(_rewards(referrer)) == 1
    assert ReferralReward.select().count() == 1
    assert _rewards(referred) == []


def test_a_free_visit_does_not_count(services, referrer, referred, clock) -> None:
    _visit(services, referred, "0", clock)
    assert _rewards(referrer) == []
    _visit(services, referred, "88.50", clock)  # the first *paid* visit still earns it
    assert len(_rewards(referrer)) == 1


def test_no_referrer_no_reward(services, referrer, clock) -> None:
    _visit(services, referrer, "300", clock)
    assert Voucher.select().count() == 0
    assert ReferralReward.select().count() == 0


def test_only_the_first_paid_visit_counts(services, referrer, clock) -> None:
    """A customer who paid before being marked as referred does not earn a reward later."""
    other = services.customers.create(make_draft(name="李娜", honorific="女士", phone="13900001111"))
    _visit(services, other, "100", clock)
    draft = services.customers.draft_for(other)
    draft.referrer_id = referrer
    services.customers.update(other, draft)
    _visit(services, other, "100", clock)
    assert _rewards(referrer) == []


def test_the_reward_follows_the_settings(services, referrer, referred, clock, owner_auth) -> None:
    services.referrals.save_rule("188.8", 30, owner_auth)
    assert services.settings.get_value(REWARD_FEN_KEY) == 18880
    assert services.settings.get_value(VALID_DAYS_KEY) == 30
    _visit(services, referred, "120", clock)
    (voucher,) = _rewards(referrer)
    assert voucher.value_fen == 18880
    assert voucher.valid_until == date(2026, 11, 23) + timedelta(days=30)


def test_a_reward_above_the_clerks_limit_needs_no_approval(services, referrer, referred, clock, owner_auth):
    """The reward is the agency's rule: a clerk recording the visit is never asked for a password."""
    services.referrals.save_rule("300", 90, owner_auth)
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    _visit(services, referred, "120", clock)
    assert [v.value_fen for v in _rewards(referrer)] == [30000]


def test_zero_turns_rewards_off(services, referrer, referred, clock, owner_auth) -> None:
    services.referrals.save_rule("0", 90, owner_auth)
    _visit(services, referred, "120", clock)
    assert _rewards(referrer) == []


def test_changing_the_rule_needs_the_owner_and_good_values(services, owner_auth) -> None:
    with pytest.raises(PermissionDenied):
        services.referrals.save_rule("60", 90, None)
    with pytest.raises(ValidationError) as info:
        services.referrals.save_rule("abc", 0, owner_auth)
    assert set(info.value.fields) == {"reward", "valid_days"}
    assert services.referrals.rule().reward_fen == 5000


def test_a_bad_stored_setting_falls_back_to_the_default(services, referrer, referred, clock) -> None:
    with services.context.change("测试", "setting"):
        services.settings.put(REWARD_FEN_KEY, "lots")
        services.settings.put(VALID_DAYS_KEY, -1)
    rule = services.referrals.rule()
    assert (rule.reward_fen, rule.valid_days) == (5000, 90)
