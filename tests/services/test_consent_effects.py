"""Everything that uses a purpose asks the consent ledger: callbacks, marketing, household notes, scripts."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.privacy import WITHDRAWN_PLACEHOLDER, ConsentChannel, ConsentState, Purpose
from jiazheng_desktop.domain.templates import Scenario
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.consents import ConsentDecision
from jiazheng_desktop.services.customers import NOTES_NEED_CONSENT, NOTES_REFUSED, CustomerFilter
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog, Customer, db
from jiazheng_desktop.storage.queries import list_count_sql, list_page_sql
from tests.conftest import consent_to, grants, make_draft

NOTES = "家里有八十岁老人，养了一只猫"


def _answer(services, purpose: Purpose, granted: bool, channel=ConsentChannel.PHONE) -> ConsentDecision:
    return ConsentDecision(purpose, granted, channel, services.consents.current_wording(purpose).id)


def _audits() -> int:
    return AuditLog.select().count()


# -- household notes -------------------------------------------------------------------------------------


def test_new_household_notes_need_the_consent_in_the_same_save(services) -> None:
    before = (Customer.select().count(), _audits())
    with pytest.raises(ValidationError) as error:
        services.customers.create(make_draft(household_notes=NOTES, phone="12"))
    assert error.value.fields["household_notes"] == NOTES_NEED_CONSENT
    assert "phone" in error.value.fields  # every problem at once
    with pytest.raises(ValidationError) as error:
        services.customers.create(
            make_draft(household_notes=NOTES), [_answer(services, Purpose.HOUSEHOLD_NOTES, False)]
        )
    assert error.value.fields["household_notes"] == NOTES_REFUSED
    assert (Customer.select().count(), _audits()) == before

    customer = services.customers.create(
        make_draft(household_notes=NOTES), grants(services, Purpose.HOUSEHOLD_NOTES, Purpose.MARKETING)
    )
    assert (Customer.select().count(), _audits()) == (before[0] + 1, before[1] + 1)  # one change
    view = services.customers.get(customer)
    assert (view.household_notes, view.household_notes_consent) == (NOTES, ConsentState.GRANTED)
    assert services.consents.has(customer, Purpose.MARKETING)
    created = json.loads(AuditLog.select().order_by(AuditLog.id.desc()).get().detail)
    assert created["同意"] == "家庭备注：同意（电话）；营销与节日问候：同意（电话）"


def test_notes_from_before_consents_stay_until_changed(services) -> None:
    customer = services.customers.create(make_draft())
    Customer.update(household_notes=NOTES).where(Customer.id == customer).execute()  # an old record
    view = services.customers.get(customer)
    assert (view.household_notes, view.household_notes_consent) == (NOTES, ConsentState.NOT_ASKED)

    draft = services.customers.draft_for(customer)
    draft.address = "徐汇区漕溪北路 88 号"
    services.customers.update(customer, draft)  # the notes unchanged: kept
    assert services.customers.get(customer).household_notes == NOTES

    draft.household_notes = NOTES + "，钥匙放门卫"
    with pytest.raises(ValidationError) as error:
        services.customers.update(customer, draft)
    assert error.value.fields["household_notes"] == NOTES_NEED_CONSENT
    services.customers.update(customer, draft, grants(services, Purpose.HOUSEHOLD_NOTES))
    assert services.customers.get(customer).household_notes == NOTES + "，钥匙放门卫"

    draft.household_notes = ""  # clearing never needs a consent
    services.consents.record(customer, _answer(services, Purpose.HOUSEHOLD_NOTES, False))
    services.customers.update(customer, draft)
    assert Customer.get_by_id(customer).household_notes == NOTES + "，钥匙放门卫"  # hidden, not erased


def test_withdrawn_notes_are_hidden_everywhere_but_kept_and_come_back_with_a_new_grant(
    services, clock
) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(
        make_draft(household_notes=NOTES), grants(services, Purpose.HOUSEHOLD_NOTES)
    )
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.DAMAGE.value, severity=2, customer_said="花瓶碎了"
        )
    )
    assert services.scripts.values_for_incident(incident)["家庭备注"] == NOTES
    clock.advance(timedelta(days=1))
    services.consents.record(customer, _answer(services, Purpose.HOUSEHOLD_NOTES, False))

    view = services.customers.get(customer)
    assert (view.household_notes, view.household_notes_hidden) == ("", True)
    assert view.household_notes_consent == ConsentState.WITHDRAWN
    assert services.customers.draft_for(customer).household_notes == ""
    assert services.incidents.get(incident).household_notes == ""
    assert services.scripts.values_for_customer(customer)["家庭备注"] == ""
    safety = services.scripts.script_for_customer(customer, Scenario.SAFETY)
    assert safety is not None and NOTES not in safety.text and "家庭备注" in safety.missing

    draft = services.customers.draft_for(customer)
    draft.vip_tier = 2
    services.customers.update(customer, draft)  # saving the hidden (empty) field does not erase them
    assert Customer.get_by_id(customer).household_notes == NOTES
    draft.household_notes = "新写的备注"
    with pytest.raises(ValidationError) as error:
        services.customers.update(customer, draft)
    assert error.value.fields["household_notes"] == NOTES_REFUSED

    consent_to(services, customer, Purpose.HOUSEHOLD_NOTES)
    assert services.customers.get(customer).household_notes == NOTES


# -- the marketing list ----------------------------------------------------------------------------------


def _marketing_ids(services, **kw) -> list[int]:
    flt = CustomerFilter(consent=Purpose.MARKETING.value, **kw)
    return [row.id for row in services.customers.page(flt, 0, 50)]


def test_the_customer_list_filters_to_those_who_agreed_to_marketing(services) -> None:
    yes = services.customers.create(
        make_draft(name="张三", phone="13900000001"), grants(services, Purpose.MARKETING)
    )
    changed = services.customers.create(
        make_draft(name="张四", phone="13900000002"), grants(services, Purpose.MARKETING)
    )
    consent_to(services, changed, Purpose.MARKETING, granted=False)
    consent_to(services, changed, Purpose.CALLBACK_RECORDS)
    other = services.customers.create(make_draft(name="李五", phone="13900000003"))
    consent_to(services, other, Purpose.HOUSEHOLD_NOTES)
    again = services.customers.create(make_draft(name="王六", phone="13900000004"))
    consent_to(services, again, Purpose.MARKETING, granted=False)
    consent_to(services, again, Purpose.MARKETING)

    assert sorted(_marketing_ids(services)) == sorted([yes, again])
    assert services.customers.count(CustomerFilter(consent=Purpose.MARKETING.value)) == 2
    assert _marketing_ids(services, text="张") == [yes]
    assert _marketing_ids(services, text="zs", sort="created_at", descending=True) == [yes]
    assert services.customers.count(CustomerFilter()) == 4


@pytest.mark.sqlite_only  # SQLite's own query plan
def test_the_marketing_filter_seeks_the_consent_index_for_each_customer(services) -> None:
    flt = CustomerFilter(consent=Purpose.MARKETING.value)
    for sql, params in (list_page_sql(flt.to_query(), 0, 200), list_count_sql(flt.to_query())):
        steps = [row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
        ledger = [step for step in steps if step.split(" ")[:2] in (["SCAN", "c"], ["SEARCH", "c"])]
        assert len(ledger) == 1, steps
        assert ledger[0].startswith("SEARCH c USING INDEX consent_") and "customer_id=?" in ledger[0], steps


# -- callbacks -------------------------------------------------------------------------------------------


def _resolved(services, clock, customer: int) -> int:
    incident = services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category=Category.LATE.value, severity=1, customer_said="迟到")
    )
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": "迟到", "customer_needs": "准时"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "抱歉"})
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "减免"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    clock.advance(timedelta(days=3))
    return incident


def _call(services, clock, incident: int, score: int = 4):
    now = clock.now()
    return services.callbacks.record_callback(
        CallbackDraft(incident, now, now + timedelta(minutes=3), True, score, "客户说阿姨这次很准时")
    )


def test_a_callback_keeps_its_note_and_score_only_while_the_ledger_says_yes(services, clock) -> None:
    customer = services.customers.create(make_draft())
    first = _resolved(services, clock, customer)
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)
    _call(services, clock, first)
    kept = services.incidents.get(first).callbacks[0]
    assert (kept.consent, kept.satisfaction, kept.note) == (True, 4, "客户说阿姨这次很准时")

    second = _resolved(services, clock, customer)
    consent_to(services, customer, Purpose.CALLBACK_RECORDS, granted=False)  # withdrawn since
    result = _call(services, clock, second)
    dropped = services.incidents.get(second).callbacks[0]
    assert (dropped.consent, dropped.stable, dropped.satisfaction, dropped.note) == (False, None, None, "")
    assert "回答和备注没有保存" in result.message
    # What the first call kept went with the withdrawal (PIPL Art. 47); that the customer agreed then stays.
    earlier = services.incidents.get(first).callbacks[0]
    assert (earlier.consent, earlier.satisfaction, earlier.stable, earlier.note) == (
        True,
        None,
        None,
        WITHDRAWN_PLACEHOLDER,
    )


def test_a_low_score_reopens_even_without_consent(services, clock) -> None:
    customer = services.customers.create(make_draft())
    incident = _resolved(services, clock, customer)
    result = _call(services, clock, incident, score=1)
    assert result.reopened
    assert services.incidents.get(incident).callbacks[0].satisfaction is None


# -- marketing vouchers ----------------------------------------------------------------------------------


def _voucher(customer: int, kind: VoucherKind, total: str = "50") -> VoucherDraft:
    return VoucherDraft(customer, kind.value, total, 1, date(2026, 12, 31), "下次服务抵扣")


@pytest.mark.parametrize("kind", [VoucherKind.PROMOTION, VoucherKind.FESTIVAL])
def test_promotions_and_red_packets_need_marketing_consent(services, kind: VoucherKind) -> None:
    customer = services.customers.create(make_draft())
    before = _audits()
    with pytest.raises(ValidationError) as error:
        services.vouchers.issue(_voucher(customer, kind))
    assert error.value.fields["kind"].startswith(f"王先生没有同意接收营销与节日问候，不能发{kind.label}")
    assert _audits() == before
    consent_to(services, customer, Purpose.MARKETING)
    assert services.vouchers.get(services.vouchers.issue(_voucher(customer, kind))).kind == kind
    consent_to(services, customer, Purpose.MARKETING, granted=False)
    with pytest.raises(ValidationError):
        services.vouchers.issue(_voucher(customer, kind))


def test_owed_vouchers_and_renewal_offers_are_not_marketing(services) -> None:
    customer = services.customers.create(make_draft())
    for kind in (VoucherKind.COMPENSATION, VoucherKind.REFERRAL):
        assert services.vouchers.get(services.vouchers.issue(_voucher(customer, kind))).kind == kind
    from jiazheng_desktop.domain.contracts import ContractDraft

    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 10), "3600")
    )
    offered = services.contracts.make_offer(
        contract,
        "续约立减 ¥100",
        VoucherDraft(None, VoucherKind.PROMOTION.value, "100", valid_until=date(2026, 12, 31)),
    )
    assert offered is not None and services.vouchers.get(offered).kind == VoucherKind.PROMOTION
