"""Erasure on request: the person is gone from every screen and search, the books still balance."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.privacy import ConsentChannel, ConsentState, Purpose
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.consents import ConsentDecision
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import (
    AuditLog,
    Callback,
    Customer,
    IncidentStep,
    RemedyRecord,
    Reminder,
    ServiceRecord,
    Voucher,
    VoucherEntry,
)
from tests.conftest import make_draft

NAME, PHONE = "欧阳明华", "13912345678"


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=CHINA_TZ)


def _history(services, clock) -> dict[str, int]:
    """A customer with a closed complaint (compensation voucher, callback with a note), visits, a
    redeemed voucher and an unused one, an ended contract, consents and household notes."""
    clock.set(at(9, 1))
    customer = services.customers.create(
        make_draft(name=NAME, honorific="女士", phone=PHONE, address="幸福路 8 号 3 楼")
    )
    other = services.customers.create(make_draft(name="李四", phone="13900000002", referrer_id=customer))
    for purpose in (Purpose.CALLBACK_RECORDS, Purpose.MARKETING):
        wording = services.consents.current_wording(purpose).id
        services.consents.record(customer, ConsentDecision(purpose, True, ConsentChannel.PHONE, wording))
    visit = services.service_records.add(
        ServiceRecordDraft(customer, at(9, 2), amount_text="300", notes="欧阳女士家猫怕生")
    )
    contract = services.contracts.create(
        ContractDraft(
            customer, "保洁套餐", date(2026, 1, 1), date(2026, 9, 30), "3600", notes="欧阳女士要求周三"
        )
    )
    clock.set(at(9, 20))
    services.contracts.mark_lost(contract, "价格原因", "欧阳女士嫌贵")
    clock.set(at(10, 8, 9))
    incident = services.incidents.open_incident(
        IncidentDraft(customer, Category.DAMAGE.value, 2, customer_said="欧阳女士说花瓶碎了")
    )
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "打碎花瓶", "root_cause": "用品使用不当"}
    )
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": "花瓶是外婆留下的", "customer_needs": "赔偿"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉"})
    clock.set(at(10, 9, 9))
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "赔偿"}, [RemedyDraft(RemedyKind.VOUCHER.value, "50", "花瓶")]
    )
    clock.set(at(10, 12, 10))
    services.callbacks.record_callback(
        CallbackDraft(
            incident,
            at(10, 12, 10),
            at(10, 12, 10) + timedelta(minutes=4),
            True,
            5,
            "外婆的花瓶的事不提了",
        )
    )
    services.incidents.complete_step(
        incident, Step.DEEPEN, {"improvement": "培训", "improvement_kind": "服务人员培训"}
    )
    clock.set(at(10, 20))
    visit2 = services.service_records.add(ServiceRecordDraft(customer, at(10, 20), amount_text="200"))
    code = Voucher.get_by_id(RemedyRecord.get(RemedyRecord.incident == incident).voucher_id).code
    services.vouchers.redeem(code, visit2)
    unused = services.vouchers.issue(
        VoucherDraft(
            customer_id=customer,
            kind=VoucherKind.PROMOTION.value,
            total_text="100",
            uses=2,
            valid_until=date(2027, 1, 31),
            usage_note="减免服务费",
        )
    )
    clock.set(at(11, 23))
    return {"customer": customer, "other": other, "incident": incident, "visit": visit, "unused": unused}


def _books(services) -> tuple:
    """Everything that must not move: each month's figures, the voucher ledger, the counts."""
    figures = [services.monthly_report.figures(2026, month) for month in (9, 10)]
    issued = [
        (e.voucher_id, e.kind, e.amount_fen) for e in VoucherEntry.select().where(VoucherEntry.kind != "void")
    ]
    counts = (ServiceRecord.select().count(), Callback.select().count(), Customer.select().count())
    return figures, issued, counts


def test_an_erased_customer_cannot_be_found_and_the_books_are_unchanged(services, clock, owner_auth) -> None:
    ids = _history(services, clock)
    customer = ids["customer"]
    before = _books(services)
    listed = services.customers.count()
    marketing = services.consents.counts()[Purpose.MARKETING]
    for query in (NAME, "欧阳", PHONE, "5678", "oymh", "ouyang"):
        assert customer in [hit.id for hit in services.customers.search(query)], query

    counts = services.erasure.erase(customer, owner_auth)

    for query in (NAME, "欧阳", PHONE, "5678", "oymh", "ouyang", "幸福路"):
        assert customer not in [hit.id for hit in services.customers.search(query)], query
    assert services.customers.count() == listed - 1  # the list leaves them out; their books stay
    after = services.consents.counts()[Purpose.MARKETING]  # 设置 → 隐私 counts only those still known
    assert after[ConsentState.GRANTED] == marketing[ConsentState.GRANTED] - 1
    assert sum(after.values()) == sum(marketing.values()) - 1
    assert customer not in [row.id for row in services.customers.page(CustomerFilter(), 0, 100)]
    view = services.customers.get(customer)
    assert (view.name, view.address_as, view.phones, view.address) == (f"已删除客户 #{customer}",) * 2 + (
        [],
        "",
    )
    assert _books(services) == before  # figures of each month, ledger entries other than the new void, counts
    assert counts.vouchers_voided == 1
    unused = services.vouchers.get(ids["unused"])
    assert unused.status.value == "void" and unused.balance_fen == 0
    void = VoucherEntry.get((VoucherEntry.voucher == ids["unused"]) & (VoucherEntry.kind == "void"))
    assert (void.amount_fen, void.reason) == (-10000, "客户要求删除个人信息")
    statuses = services.consents.status(customer)
    assert {p: s.state for p, s in statuses.items()} == {p: ConsentState.WITHDRAWN for p in Purpose} | {
        Purpose.HOUSEHOLD_NOTES: ConsentState.NOT_ASKED
    }
    # The free text about them is gone, the facts stay.
    callback = Callback.get(Callback.customer == customer)
    assert (callback.note, callback.satisfaction) == ("", 5)
    steps = {s.step: s.data for s in IncidentStep.select().where(IncidentStep.incident == ids["incident"])}
    assert "外婆" not in "".join(steps.values()) and "用品使用不当" in steps[Step.IDENTIFY]
    assert ServiceRecord.get_by_id(ids["visit"]).notes == ""
    assert services.incidents.get(ids["incident"]).customer_said == ""
    # Nothing anywhere still holds the name or the phone.
    for model, column in ((AuditLog, AuditLog.detail), (Reminder, Reminder.title)):
        assert not model.select().where(column.contains("欧阳") | column.contains(PHONE)).exists()
    row = AuditLog.select().where(AuditLog.action == "删除客户个人信息").get()
    assert row.entity_id == customer and "李店主" in row.detail  # who confirmed: the owner
    # The referred customer keeps the link, not the name.
    assert services.customers.get(ids["other"]).referrer_label.startswith(f"已删除客户 #{customer}")


def test_erasure_needs_the_owner_and_waits_for_open_complaints_and_active_contracts(
    services, clock, owner_auth
) -> None:
    customer = services.customers.create(make_draft(name=NAME, phone=PHONE))
    with pytest.raises(PermissionDenied):
        services.erasure.erase(customer, None)
    incident = services.incidents.open_incident(
        IncidentDraft(customer, Category.LATE.value, 1, customer_said="迟到")
    )
    services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 11, 1), date(2027, 10, 31), "3600")
    )
    with pytest.raises(DomainError) as error:
        services.erasure.erase(customer, owner_auth)
    number = services.incidents.get(incident).number
    assert number in str(error.value) and "合同" in str(error.value)
    assert services.customers.get(customer).name == NAME  # nothing changed


def test_documents_saved_for_the_customer_are_deleted_with_them(services, clock, owner_auth) -> None:
    ids = _history(services, clock)
    notice = services.documents.compensation_notice(ids["incident"])
    from jiazheng_desktop.domain.safety_checklists import Season

    checklist = services.documents.safety_checklist(Season.WINTER, ids["customer"])
    blank = services.documents.safety_checklist(Season.WINTER)
    copy = services.customer_export.export(ids["customer"], owner_auth)
    other_copy = services.customer_export.export(ids["other"], owner_auth)
    counts = services.erasure.erase(ids["customer"], owner_auth)
    assert not notice.exists() and not checklist.exists() and blank.exists()
    assert not copy.pdf.exists() and not copy.xlsx.exists()
    assert other_copy.pdf.exists() and other_copy.xlsx.exists()
    assert counts.files_removed == 4


def test_a_customer_is_erased_only_once(services, owner_auth) -> None:
    customer = services.customers.create(make_draft())
    services.erasure.erase(customer, owner_auth)
    with pytest.raises(DomainError, match="已经删除过"):
        services.erasure.erase(customer, owner_auth)
    with pytest.raises(ValidationError):
        services.consents.record(
            customer,
            ConsentDecision(
                Purpose.MARKETING,
                True,
                ConsentChannel.PHONE,
                services.consents.current_wording(Purpose.MARKETING).id,
            ),
        )
