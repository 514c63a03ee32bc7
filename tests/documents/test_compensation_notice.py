"""The 补偿通知书: read back from the PDF — the customer, the incident, each compensation item, one page."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.services.documents import file_name
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft
from tests.pdf_helpers import read_pdf


@pytest.fixture
def incident(services) -> int:
    customer = services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))
    number = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.DAMAGE.value, severity=2, customer_said="阿姨打碎了花瓶"
        )
    )
    services.incidents.complete_step(
        number,
        Step.IDENTIFY,
        {"what_happened": "保洁时不慎碰倒客厅的青花瓷花瓶，花瓶摔碎", "root_cause": "技能不足"},
    )
    services.incidents.complete_step(
        number, Step.LISTEN, {"customer_account": "花瓶是母亲留下的", "customer_needs": "希望公司重视并赔偿"}
    )
    services.incidents.complete_step(number, Step.EMPATHIZE, {"apology": "非常抱歉打碎了您珍视的花瓶"})
    services.incidents.complete_step(
        number,
        Step.ACT,
        {"action_plan": "按原价赔偿，并安排阿姨接受物品保护培训"},
        [
            RemedyDraft(RemedyKind.VOUCHER.value, "100", "下次服务抵扣"),
            RemedyDraft(RemedyKind.REDO.value, "", "重新打扫客厅"),
        ],
    )
    return number


def test_the_notice_says_who_what_and_each_compensation_item(services, incident, data_paths) -> None:
    path = services.documents.compensation_notice(incident)
    assert path.parent == data_paths.documents
    assert path.name == "补偿通知书-SJ-2026-0001-王先生.pdf"
    pdf = read_pdf(path)
    assert len(pdf.pages) == 1
    assert pdf.fonts and all(pdf.fonts.values())
    text = pdf.compact
    for expected in (
        "好帮手家政",
        "补偿通知书",
        "尊敬的王先生",
        "SJ-2026-0001",
        "保洁时不慎碰倒客厅的青花瓷花瓶",
        "非常抱歉打碎了您珍视的花瓶",
        "按原价赔偿",
        "补偿券",
        "¥100.00",
        "免费返工",
        "重新打扫客厅",
        "2026年11月26日",  # the callback, three days on
        "客户签字",
        "（盖章）",
    ):
        assert expected in text, expected
    remedy = services.incidents.get(incident).remedies[0]
    assert remedy.voucher_code and remedy.voucher_code in text
    assert remedy.voucher_valid_until is not None
    valid = remedy.voucher_valid_until
    assert f"有效期至{valid.year}年{valid.month}月{valid.day}日" in text
    assert "使用方法" in text


def test_long_text_wraps_and_stays_on_one_page(services, incident) -> None:
    long = "客户说明：" + "阿姨在打扫厨房时没有先关掉燃气总阀，" * 60
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": long[:1000], "root_cause": "技能不足"}
    )
    pdf = read_pdf(services.documents.compensation_notice(incident))
    assert len(pdf.pages) == 1
    assert "阿姨在打扫厨房时没有先关掉燃气总阀" in pdf.compact


def test_no_notice_before_the_act_step(services) -> None:
    customer = services.customers.create(make_draft())
    number = services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category=Category.LATE.value, severity=1, customer_said="迟到了")
    )
    with pytest.raises(DomainError, match="行动"):
        services.documents.compensation_notice(number)


def test_file_names_are_safe_on_windows() -> None:
    assert file_name("补偿通知书", "SJ-2026-0042", "王/先生?") == "补偿通知书-SJ-2026-0042-王_先生_.pdf"


def test_the_notice_prints_every_voucher_linked_to_the_complaint_with_its_uses(
    services, clock, owner_auth
) -> None:
    """The burst pipe: ¥200 in 2 uses from the 行动 step, and a 2-use voucher issued on the 优惠券 page."""
    customer = services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.EMERGENCY.value, severity=3, customer_said="水管爆裂"
        )
    )
    for step, data in (
        (Step.IDENTIFY, {"what_happened": "厨房冷水管接头老化爆裂", "root_cause": "设备老化"}),
        (Step.LISTEN, {"customer_account": "水漫到客厅", "customer_needs": "马上止水"}),
        (Step.EMPATHIZE, {"apology": "非常抱歉让您受惊了"}),
    ):
        services.incidents.complete_step(incident, step, data)
    services.incidents.complete_step(
        incident,
        Step.ACT,
        {"action_plan": "师傅一小时内上门更换接头，清理积水"},
        [
            RemedyDraft(RemedyKind.EMERGENCY_REPAIR.value, "", "一小时内上门"),
            RemedyDraft(RemedyKind.VOUCHER.value, "200", "减免本次及下次基础服务费", 2),
        ],
    )
    valid = clock.now().date() + timedelta(days=45)
    page_voucher = services.vouchers.issue(
        VoucherDraft(customer, VoucherKind.COMPENSATION.value, "60", 2, valid, "抵扣保洁费", incident)
    )
    voided = services.vouchers.issue(
        VoucherDraft(customer, VoucherKind.COMPENSATION.value, "50", 1, valid, "", incident)
    )
    services.vouchers.void(voided, "发重了", owner_auth)

    text = read_pdf(services.documents.compensation_notice(incident)).compact
    act_voucher = services.vouchers.find(services.incidents.get(incident).remedies[1].voucher_code)
    other = services.vouchers.get(page_voucher)
    for voucher, uses in ((act_voucher, "共2次，每次¥100.00"), (other, "共2次，每次¥30.00")):
        until = voucher.valid_until
        assert f"券码{voucher.code}；{uses}；有效期至{until.year}年{until.month}月{until.day}日" in text
    assert "¥200.00" in text and "¥60.00" in text and "减免本次及下次基础服务费" in text
    assert "抵扣保洁费" in text
    assert services.vouchers.get(voided).code not in text  # a voided voucher is not the customer's
