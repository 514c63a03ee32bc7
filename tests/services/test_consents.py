"""The consent ledger: grants and withdrawals per purpose, each with the wording it was given on."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.privacy import (
    DEFAULT_WORDINGS,
    ConsentChannel,
    ConsentState,
    Purpose,
    RetentionPolicy,
)
from jiazheng_desktop.services.consents import ConsentDecision, granted_condition
from jiazheng_desktop.storage.models import AuditLog, Customer
from tests.conftest import make_draft


def _decide(services, purpose: Purpose, granted: bool, channel=ConsentChannel.PHONE) -> ConsentDecision:
    return ConsentDecision(purpose, granted, channel, services.consents.current_wording(purpose).id)


def test_every_purpose_starts_not_asked_with_version_1_of_its_wording(services) -> None:
    customer = services.customers.create(make_draft())
    status = services.consents.status(customer)
    assert {p: s.state for p, s in status.items()} == {p: ConsentState.NOT_ASKED for p in Purpose}
    for purpose in Purpose:
        wording = services.consents.current_wording(purpose)
        assert (wording.version, wording.text) == (1, DEFAULT_WORDINGS[purpose])


def test_a_grant_then_a_withdrawal_keep_both_with_their_words_time_channel_and_person(
    services, clock
) -> None:
    customer = services.customers.create(make_draft())
    services.consents.record(customer, _decide(services, Purpose.MARKETING, True, ConsentChannel.WECHAT))
    clock.advance(timedelta(days=30))
    services.consents.record(customer, _decide(services, Purpose.MARKETING, False, ConsentChannel.IN_PERSON))

    assert services.consents.state(customer, Purpose.MARKETING) == ConsentState.WITHDRAWN
    assert not services.consents.has(customer, Purpose.MARKETING)
    withdrawal, grant = services.consents.history(customer)
    assert (grant.granted, grant.channel, grant.staff_name) == (True, ConsentChannel.WECHAT, "李店主")
    assert grant.wording.text == DEFAULT_WORDINGS[Purpose.MARKETING]
    assert withdrawal.at - grant.at == timedelta(days=30)
    assert withdrawal.channel == ConsentChannel.IN_PERSON


def test_an_edited_wording_is_a_new_version_and_old_entries_keep_the_words_they_were_given(
    services, owner_auth
) -> None:
    customer = services.customers.create(make_draft())
    services.consents.record(customer, _decide(services, Purpose.HOUSEHOLD_NOTES, True))
    new = services.consents.save_wording(
        Purpose.HOUSEHOLD_NOTES, "新的条款：我们记下您家里要留意的情况，只给上门员工看。", owner_auth
    )
    assert new.version == 2
    assert services.consents.save_wording(Purpose.HOUSEHOLD_NOTES, new.text, owner_auth).version == 2
    services.consents.record(customer, _decide(services, Purpose.HOUSEHOLD_NOTES, True))

    latest, first = services.consents.history(customer)
    assert (latest.wording.version, first.wording.version) == (2, 1)
    assert first.wording.text == DEFAULT_WORDINGS[Purpose.HOUSEHOLD_NOTES]
    assert [w.version for w in services.consents.wordings(Purpose.HOUSEHOLD_NOTES)] == [2, 1]


def test_only_the_owner_changes_the_wording_and_it_cannot_be_emptied(services, owner_auth) -> None:
    with pytest.raises(PermissionDenied):
        services.consents.save_wording(Purpose.MARKETING, "一段足够长的新条款文字，说明用途。", None)
    with pytest.raises(ValidationError) as error:
        services.consents.save_wording(Purpose.MARKETING, "  短  ", owner_auth)
    assert "至少" in error.value.fields["wording"]


def test_staff_must_say_how_the_customer_answered_and_the_wording_must_be_of_that_purpose(services) -> None:
    customer = services.customers.create(make_draft())
    with pytest.raises(ValidationError) as error:
        services.consents.record(customer, _decide(services, Purpose.MARKETING, True, ConsentChannel.SYSTEM))
    assert "channel" in error.value.fields
    other = services.consents.current_wording(Purpose.CALLBACK_RECORDS).id
    with pytest.raises(ValidationError):
        services.consents.record(
            customer, ConsentDecision(Purpose.MARKETING, True, ConsentChannel.PHONE, other)
        )
    assert services.consents.history(customer) == []


def test_the_audit_row_of_a_consent_holds_no_name_or_phone(services) -> None:
    customer = services.customers.create(make_draft())
    services.consents.record(customer, _decide(services, Purpose.MARKETING, True))
    row = AuditLog.select().where(AuditLog.action == "记录客户同意").get()
    assert "王建国" not in row.detail and "13812345678" not in row.detail
    assert "营销与节日问候" in row.detail


def test_granted_condition_selects_customers_whose_latest_answer_is_yes(services) -> None:
    yes = services.customers.create(make_draft(name="张三", phone="13900000001"))
    changed = services.customers.create(make_draft(name="李四", phone="13900000002"))
    services.customers.create(make_draft(name="王五", phone="13900000003"))
    services.consents.record(yes, _decide(services, Purpose.MARKETING, True))
    services.consents.record(changed, _decide(services, Purpose.MARKETING, True))
    services.consents.record(changed, _decide(services, Purpose.MARKETING, False))
    services.consents.record(changed, _decide(services, Purpose.CALLBACK_RECORDS, True))

    ids = [c.id for c in Customer.select(Customer.id).where(granted_condition(Purpose.MARKETING))]
    assert ids == [yes]
    counts = services.consents.counts()[Purpose.MARKETING]
    assert counts == {ConsentState.GRANTED: 1, ConsentState.WITHDRAWN: 1, ConsentState.NOT_ASKED: 1}


def test_the_retention_periods_default_to_3_and_5_years_and_never_go_below_two(services, owner_auth) -> None:
    assert services.retention.policy() == RetentionPolicy(3, 5)
    with pytest.raises(ValidationError) as error:
        services.retention.save_policy(1, 5, owner_auth)
    assert "至少要保存 2 年" in error.value.fields["contact_years"]
    with pytest.raises(PermissionDenied):
        services.retention.save_policy(2, None, None)
    assert services.retention.save_policy(2, None, owner_auth) == RetentionPolicy(2, None)
    assert services.retention.policy() == RetentionPolicy(2, None)


# -- recording several answers at once ------------------------------------------------------------------


def _audits() -> int:
    return AuditLog.select().count()


def test_several_answers_are_one_change_with_one_audit_row_and_a_line_each(services) -> None:
    customer = services.customers.create(make_draft())
    before = _audits()
    ids = services.consents.record_answers(
        customer,
        [_decide(services, Purpose.MARKETING, True), _decide(services, Purpose.CALLBACK_RECORDS, False)],
    )
    assert len(ids) == 2 and _audits() == before + 1
    status = services.consents.status(customer)
    assert status[Purpose.MARKETING].state == ConsentState.GRANTED
    assert status[Purpose.CALLBACK_RECORDS].state == ConsentState.WITHDRAWN
    assert status[Purpose.HOUSEHOLD_NOTES].state == ConsentState.NOT_ASKED
    detail = json.loads(AuditLog.select().order_by(AuditLog.id.desc()).get().detail)
    assert detail["营销与节日问候"] == "同意（电话，条款第 1 版）"
    assert detail["回访记录保存"] == "不同意/撤回（电话，条款第 1 版）"
    assert "王建国" not in json.dumps(detail, ensure_ascii=False)


def test_no_answer_or_two_answers_for_one_purpose_are_refused_and_nothing_is_written(services) -> None:
    customer = services.customers.create(make_draft())
    before = _audits()
    with pytest.raises(ValidationError) as error:
        services.consents.record_answers(customer, [])
    assert "请选择客户的回答" in error.value.fields["answer"]
    with pytest.raises(ValidationError):
        services.consents.record_answers(
            customer,
            [_decide(services, Purpose.MARKETING, True), _decide(services, Purpose.MARKETING, False)],
        )
    assert services.consents.history(customer) == [] and _audits() == before
