"""导出个人信息: a customer's whole record as a PDF and an xlsx, read back; the owner only; audited without personal data."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from peewee import ForeignKeyField

from jiazheng_desktop.domain.campaigns import CampaignDraft, CampaignPurpose
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.errors import DomainError, NotFoundError, PermissionDenied
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.inquiries import InquiryDraft
from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS, ConsentChannel, Purpose
from jiazheng_desktop.domain.referrals import CommissionDraft
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.services import read_in_background
from jiazheng_desktop.services.audit_log import about_customer
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.consents import ConsentDecision
from jiazheng_desktop.services.customer_export import EXPORT_ACTION, SHEETS
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.surveys import SurveyDraft
from jiazheng_desktop.storage.models import ALL_MODELS, AuditLog, Customer, Voucher
from tests.conftest import make_draft
from tests.pdf_helpers import read_pdf

NEW_MARKETING_WORDING = "逢年过节我们想给您发问候和优惠信息（第二版条款），您可以随时告诉我们不再接收。"


def customer_tables() -> dict[type, list[ForeignKeyField]]:
    """Every model that holds a customer's data: those pointing at Customer, and (transitively) at those.

    With the foreign keys that lead there. Customer's own ``referrer`` is left out: the customers
    someone referred are other people, not this customer's data.
    """
    found: dict[type, list[ForeignKeyField]] = {Customer: []}
    grew = True
    while grew:
        grew = False
        for model in ALL_MODELS:
            if model is Customer:
                continue
            keys = [
                f
                for f in model._meta.fields.values()
                if isinstance(f, ForeignKeyField) and f.rel_model in found
            ]
            if keys and model not in found:
                found[model] = keys
                grew = True
            elif keys:
                found[model] = keys
    return found


def rows_of(customer_id: int) -> dict[type, set[object]]:
    """The primary keys of each table's rows that belong to the customer, following the foreign keys."""
    tables = customer_tables()
    ids: dict[type, set[object]] = {model: set() for model in tables}
    ids[Customer] = {customer_id}
    grew = True
    while grew:
        grew = False
        for model, keys in tables.items():
            if model is Customer:
                continue
            condition = None
            for key in keys:
                parents = ids[key.rel_model]
                if parents:
                    part = key.in_(list(parents))
                    condition = part if condition is None else condition | part
            if condition is None:
                continue
            pk = model._meta.primary_key
            found = {row[0] for row in model.select(pk).where(condition).tuples()}
            if found - ids[model]:
                ids[model] |= found
                grew = True
    return ids


@pytest.fixture
def rich_customer(services, clock, owner_auth) -> int:
    """A customer with something in every table: consents, visits, complaints through every step,
    an escalation, a callback, vouchers used, a contract renewed, referrals both ways, reminders."""
    services.referrals.save_rule("50", 90, owner_auth, CommissionDraft("fixed", "30"))  # commission both ways
    worker = services.workers.create(WorkerDraft(name="刘秀兰", phone="13700001111"))
    referrer = services.customers.create(make_draft(name="赵大海", honorific="先生", phone="13900002222"))
    customer = services.customers.create(
        make_draft(
            phone2="13812340000",
            address="幸福路 8 号 3 单元 502",
            household_notes="家里有珍藏青花瓷，钥匙放在门卫处",
            referrer_id=referrer,
        ),
        [_decide(services, Purpose.HOUSEHOLD_NOTES, True, ConsentChannel.PAPER)],  # the notes need it
    )
    consents = services.consents
    consents.record(customer, _decide(services, Purpose.MARKETING, True))
    # A first inquiry by the same phone lands on them; a greeting is sent while they still agree to it.
    services.inquiries.record(
        InquiryDraft(
            name="李", honorific="女士", phone="13812345678", service="深度保洁", asked="三居室多少钱"
        )
    )
    campaign = services.campaigns.create(
        CampaignDraft(name="春节问候", purpose=CampaignPurpose.FESTIVAL.value, festival_key="spring",
                      template="{称呼}，{节日}快乐！")
    )  # fmt: skip
    services.campaigns.start(campaign, owner_auth)
    while (recipient := services.campaigns.next_recipient(campaign)) is not None:
        services.campaigns.mark_sent(recipient.id)
    consents.save_wording(Purpose.MARKETING, NEW_MARKETING_WORDING, owner_auth)
    clock.advance(timedelta(hours=1))
    consents.record(customer, _decide(services, Purpose.MARKETING, False, ConsentChannel.IN_PERSON))

    served = clock.now() - timedelta(days=2)
    first = services.service_records.add(
        ServiceRecordDraft(customer, served, service_type="深度保洁", worker_id=worker, amount_text="320")
    )  # the first paid visit rewards the referrer
    services.surveys.record(SurveyDraft(customer, "answered", 4, "", first))  # a survey of that visit
    number = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.DAMAGE.value, severity=2, customer_said="阿姨打碎了花瓶",
            service_record_id=first, worker_id=worker,
        )
    )  # fmt: skip
    for step, data in (
        (Step.IDENTIFY, {"what_happened": "保洁时碰倒客厅的青花瓷花瓶", "root_cause": "技能不足"}),
        (Step.LISTEN, {"customer_account": "花瓶是母亲留下的", "customer_needs": "希望公司重视并赔偿"}),
        (Step.EMPATHIZE, {"apology": "非常抱歉打碎了您珍视的花瓶"}),
    ):
        services.incidents.complete_step(number, step, data)
    services.incidents.complete_step(
        number,
        Step.ACT,
        {"action_plan": "赔偿并安排阿姨接受物品保护培训"},
        [
            RemedyDraft(RemedyKind.VOUCHER.value, "100", "下次服务抵扣"),
            RemedyDraft(RemedyKind.REDO.value, "", "重新打扫"),
        ],
    )
    start = clock.now()
    consents.record(customer, _decide(services, Purpose.CALLBACK_RECORDS, True))  # asked at the callback
    services.callbacks.record_callback(
        CallbackDraft(number, start, start + timedelta(minutes=3), True, 5, "客户说这次阿姨很仔细")
    )
    services.incidents.complete_step(
        number, Step.DEEPEN, {"improvement": "物品保护培训", "improvement_kind": "服务人员培训"}
    )

    late = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到一小时"
        )
    )
    clock.advance(timedelta(hours=25))
    assert services.incidents.refresh_escalations() == [late]

    compensation = Voucher.get(Voucher.incident == number)
    second = services.service_records.add(ServiceRecordDraft(customer, clock.now(), amount_text="200"))
    services.vouchers.redeem(compensation.code, second)

    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 10), "3600", "每周二上午")
    )
    services.contracts.record_contact(contract, "客户说考虑一下")
    services.contracts.make_offer(
        contract,
        "续约送一次深度保洁",
        VoucherDraft(None, VoucherKind.PROMOTION.value, "50", valid_until=date(2027, 3, 1)),
        owner_auth,
    )
    services.contracts.renew(
        contract, ContractDraft(customer, "保洁套餐", date(2026, 12, 11), date(2027, 12, 10), "3800")
    )

    referred = services.customers.create(
        make_draft(name="李娜", honorific="女士", phone="13900001111", referrer_id=customer)
    )
    services.service_records.add(
        ServiceRecordDraft(referred, clock.now() - timedelta(hours=1), amount_text="150")
    )
    return customer


def _decide(services, purpose: Purpose, granted: bool, channel=ConsentChannel.PHONE) -> ConsentDecision:
    return ConsentDecision(purpose, granted, channel, services.consents.current_wording(purpose).id)


def test_every_table_that_holds_the_customer_is_exported_with_all_its_rows(
    services, rich_customer, owner_auth
) -> None:
    expected = rows_of(rich_customer)
    audit_rows = AuditLog.select().where(about_customer(rich_customer)).count()
    files = services.customer_export.export(rich_customer, owner_auth)
    book = load_workbook(files.xlsx)
    for model, ids in expected.items():
        table = model._meta.table_name
        assert table in SHEETS, f"table {table} holds customer data but is not exported"
        assert ids, f"the test customer has nothing in {table}: add some so the export of it is checked"
        sheet = book[SHEETS[table]]
        if model is Customer:
            continue  # one customer, many lines of label and value
        assert sheet.max_row - 1 == len(ids), table
    assert book[SHEETS["audit_log"]].max_row - 1 == audit_rows > 10
    assert book.sheetnames == list(SHEETS.values())


def test_the_pdf_holds_the_profile_the_exact_consent_wording_amounts_and_the_complaint(
    services, rich_customer, owner_auth, data_paths
) -> None:
    files = services.customer_export.export(rich_customer, owner_auth)
    assert files.pdf.parent == data_paths.documents == files.xlsx.parent
    assert files.pdf.name == f"个人信息副本-#{rich_customer}-王先生-2026-11-24.pdf"
    assert files.xlsx.name == f"个人信息副本-#{rich_customer}-王先生-2026-11-24.xlsx"
    pdf = read_pdf(files.pdf)
    assert pdf.fonts and all(pdf.fonts.values())
    first_page = "".join(pdf.pages[0].split())
    for expected in ("好帮手家政", "个人信息副本", "2026年11月24日", "王建国", "13812345678", "13812340000", "客户资料",
                     "幸福路8号3单元502", "家里有珍藏青花瓷", "赵先生", "您的同意"):  # fmt: skip
        assert expected in first_page, expected
    for wording in (DEFAULT_WORDINGS[Purpose.MARKETING], DEFAULT_WORDINGS[Purpose.HOUSEHOLD_NOTES]):
        assert "".join(wording.split()) in pdf.compact  # the exact words agreed to, version 1
    assert "".join(NEW_MARKETING_WORDING.split()) in pdf.compact  # and those of the withdrawal
    assert "撤回同意" in pdf.compact and "条款第2版" in pdf.compact
    text = pdf.compact
    for expected in (
        "SJ-2026-0001", "SJ-2026-0002", "物品损坏", "保洁时碰倒客厅的青花瓷花瓶", "I识别", "D深化", "¥100.00",
        "¥320.00", "¥3,600.00", "¥3,800.00", "刘秀兰", "客户说这次阿姨很仔细", "区域经理", "续约送一次深度保洁",
        "您推荐的客户", "李女士", "推荐您的客户", "三日回访", "记录客户同意",
    ):  # fmt: skip
        assert expected in text, expected
    code = Voucher.get(Voucher.incident.is_null(False)).code
    assert code in text
    assert "13900001111" not in text and "李娜" not in text  # the referred customer is another person


def test_the_workbook_reads_back_with_labels_local_times_and_yuan(
    services, rich_customer, owner_auth
) -> None:
    book = load_workbook(services.customer_export.export(rich_customer, owner_auth).xlsx)
    profile = {row[0]: row[1] for row in book["客户资料"].iter_rows(min_row=2, values_only=True)}
    assert profile["姓名"] == "王建国" and profile["电话"] == "13812345678、13812340000"
    assert profile["家庭备注"] == "家里有珍藏青花瓷，钥匙放在门卫处"
    visits = list(book["服务记录"].iter_rows(values_only=True))
    assert visits[0] == ("服务时间", "服务类型", "服务人员", "金额", "备注", "登记时间", "登记人")
    first = visits[1]
    assert first[0] == datetime(2026, 11, 21, 11, 0)  # agency time, not UTC
    assert first[1:4] == ("深度保洁", "刘秀兰", "¥320.00")
    incidents = list(book["投诉"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in incidents] == ["SJ-2026-0001", "SJ-2026-0002"]
    assert incidents[0][2] == "物品损坏" and incidents[1][10] == "区域经理"
    ledger = list(book["优惠券账目"].iter_rows(min_row=2, values_only=True))
    assert {row[2] for row in ledger} == {"发放", "使用"}
    assert "-¥100.00" in {row[3] for row in ledger}
    points = list(book["积分账目"].iter_rows(min_row=2, values_only=True))
    assert "+320" in {row[2] for row in points} and {row[1] for row in points} == {"获得"}
    consents = list(book["同意记录"].iter_rows(min_row=2, values_only=True))
    assert consents[0][:2] == ("回访记录保存", "同意")  # asked at the callback, the newest line
    assert consents[1][:2] == ("营销与节日问候", "撤回同意") and consents[1][6] == NEW_MARKETING_WORDING
    assert consents[-2][6] == DEFAULT_WORDINGS[Purpose.MARKETING] and consents[-2][5] == "第 1 版"
    assert consents[-1][:2] == ("家庭备注", "同意")  # given with the notes, when the customer was added
    status = {row[0]: row[1] for row in book["同意状态"].iter_rows(min_row=2, values_only=True)}
    assert status == {"回访记录保存": "已同意", "营销与节日问候": "不同意/已撤回", "家庭备注": "已同意"}


def test_refused_without_the_owner_nothing_written(services, rich_customer, owner_auth, data_paths) -> None:
    clerk = services.staff.create("周小红", Role.CUSTOMER_SERVICE, "clerk-pass", owner_auth)
    clerk_auth = services.staff.authorize(clerk, "clerk-pass", Role.CUSTOMER_SERVICE, "测试")
    before = AuditLog.select().count()
    for auth in (None, clerk_auth):
        with pytest.raises(PermissionDenied):
            services.customer_export.export(rich_customer, auth)
        with pytest.raises(PermissionDenied):
            services.customer_export.gather(rich_customer, auth)
    assert AuditLog.select().count() == before
    assert not list(data_paths.documents.glob("个人信息副本*"))
    with pytest.raises(NotFoundError):
        services.customer_export.export(rich_customer + 999, owner_auth)


def test_the_export_is_audited_without_the_customers_name_or_phone(
    services, rich_customer, owner_auth
) -> None:
    services.customer_export.export(rich_customer, owner_auth)
    (row,) = AuditLog.select().where(AuditLog.action == EXPORT_ACTION)
    assert (row.entity, row.entity_id, row.staff_name) == ("customer", rich_customer, "李店主")
    detail = json.loads(row.detail)
    assert detail["客户"] == f"#{rich_customer}" and detail["确认人"] == "李店主"
    assert detail["记录数"]["投诉"] == 2 and detail["记录数"]["服务记录"] == 2
    customer = Customer.get_by_id(rich_customer)
    for personal in (customer.name, customer.address_as, "13812345678", "13812340000", "幸福路", "青花瓷"):
        assert personal not in row.detail


def test_the_export_runs_off_the_gui_thread(services, rich_customer, owner_auth) -> None:
    done = threading.Event()
    results: list[object] = []
    steps: list[int] = []

    def deliver(result: object) -> None:
        results.append(result)
        done.set()

    read_in_background(
        lambda: services.customer_export.export(rich_customer, owner_auth, lambda pct, _t: steps.append(pct)),
        deliver,
    )
    assert done.wait(60)
    (files,) = results
    assert not isinstance(files, Exception), files
    assert files.pdf.exists() and files.xlsx.exists()  # type: ignore[attr-defined]
    assert steps == sorted(steps) and steps[-1] == 100
    assert AuditLog.select().where(AuditLog.action == EXPORT_ACTION).count() == 1


def test_a_customer_with_nothing_but_a_profile_still_gets_a_copy(services, owner_auth) -> None:
    customer = services.customers.create(make_draft(name="孙一", phone="13600000000"))
    files = services.customer_export.export(customer, owner_auth)
    pdf = read_pdf(files.pdf)
    assert "孙一" in pdf.compact and "没有记录" in pdf.compact and "还没有记录过您的同意" in pdf.compact
    book = load_workbook(files.xlsx)
    assert book["服务记录"].max_row == 1  # the headers only


def test_long_step_text_does_not_break_the_pdf(services, owner_auth) -> None:
    customer = services.customers.create(make_draft())
    number = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.OTHER.value, severity=1, customer_said="说" * 1000
        )
    )
    long = "厨房燃气总阀没有关好，" * 90
    services.incidents.complete_step(
        number, Step.IDENTIFY, {"what_happened": long[:1000], "root_cause": "技能不足"}
    )
    services.incidents.complete_step(
        number, Step.LISTEN, {"customer_account": long[:1000], "customer_needs": long[:1000]}
    )
    pdf = read_pdf(services.customer_export.export(customer, owner_auth).pdf)
    assert pdf.compact.count("厨房燃气总阀没有关好") >= 250  # all of it, over several rows


def test_both_files_or_neither(services, owner_auth, data_paths, monkeypatch) -> None:
    from jiazheng_desktop.services import customer_export as module

    def full_disk(_copy, _target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "write_workbook", full_disk)
    customer = services.customers.create(make_draft())
    with pytest.raises(DomainError, match="磁盘空间"):
        services.customer_export.export(customer, owner_auth)
    assert list(data_paths.documents.iterdir()) == []
    assert AuditLog.select().where(AuditLog.action == EXPORT_ACTION).count() == 0
