"""Campaigns: an audience of consenting customers, one approval for the whole voucher budget, the
work-through (sent / skipped / stopped) resumed from the file, the export and the results."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from jiazheng_desktop.documents.monthly_report import render_monthly_report
from jiazheng_desktop.documents.styles import Letterhead
from jiazheng_desktop.domain.campaigns import (
    AudienceFilter,
    CampaignDraft,
    CampaignPurpose,
    ContractState,
    RecipientState,
    progress_text,
)
from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.privacy import ConsentState, Purpose
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherKind, VoucherStatus
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.storage.models import (
    AuditLog,
    Campaign,
    CampaignRecipient,
    Consent,
    Voucher,
    VoucherEntry,
)
from tests.conftest import consent_to, grants, make_draft
from tests.pdf_helpers import read_pdf

GREETING = "{称呼}您好！{节日}快乐！送您{金额}红包，券码 {券码}。"


def _customer(services, name: str, phone: str, *, marketing: bool = True, district: str = "") -> int:
    consents = grants(services, Purpose.MARKETING) if marketing else []
    return services.customers.create(make_draft(name=name, phone=phone, district=district), consents)


def _visit(services, customer_id: int, when, service_type: str = "日常保洁", amount: str = "150") -> int:
    return services.service_records.add(
        ServiceRecordDraft(
            customer_id=customer_id, served_at=when, service_type=service_type, amount_text=amount
        )
    )


def _draft(clock, **overrides: object) -> CampaignDraft:
    values: dict[str, object] = {
        "name": "2027 春节问候",
        "purpose": CampaignPurpose.FESTIVAL.value,
        "festival_key": "spring",
        "template": GREETING,
    }
    values.update(overrides)
    return CampaignDraft(**values)  # type: ignore[arg-type]


def _with_voucher(clock, value: str = "20", uses: int = 1, **overrides: object) -> CampaignDraft:
    return _draft(
        clock,
        voucher_kind=VoucherKind.FESTIVAL.value,
        voucher_value_text=value,
        voucher_uses=uses,
        voucher_valid_until=clock.now().date() + timedelta(days=60),
        **overrides,
    )


@pytest.fixture
def people(services) -> dict[str, int]:
    return {
        "li": _customer(services, "李秀英", "13800000001", district="浦东"),
        "wang": _customer(services, "王建国", "13800000002", district="徐汇"),
        "zhao": _customer(services, "赵敏", "13800000003", marketing=False, district="浦东"),
        "qian": _customer(services, "钱多多", "13800000004", district="浦东"),
    }


def test_the_audience_is_only_customers_who_agreed_to_marketing(services, clock, people) -> None:
    consent_to(services, people["qian"], Purpose.MARKETING, granted=False)  # withdrew later
    everyone = services.campaigns.audience(AudienceFilter())
    assert set(everyone) == {people["li"], people["wang"]}
    assert services.campaigns.audience(AudienceFilter(district="浦东")) == [people["li"]]
    assert services.campaigns.preview(_draft(clock)).count == 2


def test_filters_on_last_visit_service_type_and_contract(services, clock, people) -> None:
    now = clock.now()
    _visit(services, people["li"], now - timedelta(days=5), "深度保洁")
    _visit(services, people["wang"], now - timedelta(days=80))
    campaigns = services.campaigns
    assert campaigns.audience(AudienceFilter(visited_within_days=30)) == [people["li"]]
    # never served counts as "not served for 60 days" (a win-back list wants them too)
    assert set(campaigns.audience(AudienceFilter(not_visited_days=60))) == {people["wang"], people["qian"]}
    assert campaigns.audience(AudienceFilter(service_type="深度保洁")) == [people["li"]]
    assert campaigns.audience(AudienceFilter(contract=ContractState.ACTIVE.value)) == []
    assert len(campaigns.audience(AudienceFilter(contract=ContractState.NONE.value))) == 3


def test_stage_and_value_filters_read_the_values_the_rows_keep(services, clock, people) -> None:
    now = clock.now()
    for weeks in range(1, 9):  # a regular fortnightly customer, last seen 100 days ago
        _visit(services, people["wang"], now - timedelta(days=100 + 14 * weeks))
    _visit(services, people["wang"], now - timedelta(days=100))
    stage = services.lifecycle.assess(people["wang"]).stage.value
    assert stage != services.lifecycle.assess(people["li"]).stage.value
    seen: list[tuple[int, int]] = []
    assert services.campaigns.audience(AudienceFilter(stages=(stage,)), lambda d, t: seen.append((d, t))) == [
        people["wang"]
    ]
    assert seen[-1] == (1, 1)  # one query (the rows keep each customer's stage: migration 15)
    tier = services.lifecycle.assess(people["li"]).value.tier
    assert people["li"] in services.campaigns.audience(AudienceFilter(value_tiers=(tier,)))
    # Time alone moves wang on (never served again): the audience follows at the next refresh.
    clock.set(now + timedelta(days=200))
    later = services.lifecycle.assess(people["wang"]).stage.value
    assert later != stage and services.campaigns.audience(AudienceFilter(stages=(later,))) == []
    services.lifecycle.refresh_all()
    assert people["wang"] in services.campaigns.audience(AudienceFilter(stages=(later,)))


def test_bad_input_names_the_field_and_a_draft_can_be_fixed(services, clock, people) -> None:
    with pytest.raises(ValidationError) as caught:
        services.campaigns.create(
            _draft(
                clock,
                name="",
                festival_key=None,
                voucher_kind="festival",
                voucher_value_text="0",
                voucher_valid_until=clock.now().date() - timedelta(days=1),
            )
        )
    fields = caught.value.fields
    assert set(fields) >= {"name", "festival", "voucher_value", "voucher_valid_until"}
    assert "大于 0" in fields["voucher_value"] and "不能早于今天" in fields["voucher_valid_until"]
    with pytest.raises(ValidationError, match="不认识"):
        services.campaigns.create(_draft(clock, template="{称呼}您好 {不存在}"))
    with pytest.raises(ValidationError, match="家庭备注只给上门服务的员工看"):
        services.campaigns.create(_draft(clock, template="{称呼}您好，{家庭备注句}春节快乐"))
    campaign_id = services.campaigns.create(_draft(clock))
    services.campaigns.update(campaign_id, _draft(clock, name="春节问候（改）"))
    assert services.campaigns.get(campaign_id).name == "春节问候（改）"


def test_no_recipients_is_refused_and_nothing_is_written(services, clock) -> None:
    _customer(services, "赵敏", "13800000003", marketing=False)
    campaign_id = services.campaigns.create(_with_voucher(clock))
    with pytest.raises(ValidationError, match="没有符合条件"):
        services.campaigns.start(campaign_id)
    assert services.campaigns.get(campaign_id).started_at is None
    assert Voucher.select().count() == 0


def test_one_approval_covers_the_whole_budget_and_every_voucher_is_issued_once(
    services, clock, people, owner_auth
) -> None:
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    manager = next(s for s in services.staff.list() if s.name == "陈志强")
    services.staff.set_on_duty(clerk)
    campaign_id = services.campaigns.create(_with_voucher(clock, value="100", uses=2))  # 4 × 2 × ¥100 = ¥800
    _customer(services, "孙丽", "13800000005")
    preview, needs = services.campaigns.approver_for(campaign_id)
    assert (preview.count, preview.budget_fen, preview.approver, needs) == (4, 800_00, Role.OWNER, True)
    assert preview.budget_line == "4 位 × 2 次 × ¥100.00 = ¥800.00"
    with pytest.raises(PermissionDenied, match="店主"):
        services.campaigns.start(campaign_id)
    manager_auth = services.staff.authorize(manager.id, "manager-pw", Role.REGIONAL_MANAGER, "测试")
    with pytest.raises(PermissionDenied, match="店主"):  # the manager's limit (¥500) does not cover ¥800
        services.campaigns.start(campaign_id, manager_auth)
    assert Voucher.select().count() == 0 and CampaignRecipient.select().count() == 0
    services.campaigns.start(campaign_id, owner_auth)
    vouchers = list(Voucher.select())
    assert len(vouchers) == 4
    assert {(v.kind, v.value_fen, v.uses_total, v.usage_note) for v in vouchers} == {
        ("festival", 200_00, 2, "营销活动：2027 春节问候")
    }
    assert VoucherEntry.select().where(VoucherEntry.kind == "issue").count() == 4
    view = services.campaigns.get(campaign_id)
    assert view.approved_by_name == "李店主" and view.total == 4
    audits = list(AuditLog.select().where(AuditLog.action == "开始营销活动"))
    assert len(audits) == 1 and "确认人" in audits[0].detail
    with pytest.raises(DomainError, match="已经开始"):
        services.campaigns.start(campaign_id, owner_auth)
    assert Voucher.select().count() == 4


def test_a_budget_within_the_desk_limit_needs_no_password(services, clock, people, owner_auth) -> None:
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    campaign_id = services.campaigns.create(_with_voucher(clock, value="10"))  # 3 × ¥10
    assert services.campaigns.approver_for(campaign_id)[1] is False
    services.campaigns.start(campaign_id)
    assert services.campaigns.get(campaign_id).approved_by_name == "周晓燕"


def test_work_through_sends_skips_and_resumes(services, clock, people, owner_auth) -> None:
    _customer(services, "孙丽", "13800000005")
    campaign_id = services.campaigns.create(_with_voucher(clock))
    services.campaigns.start(campaign_id, owner_auth)
    campaigns = services.campaigns
    first = campaigns.next_recipient(campaign_id)
    assert first is not None and first.position == 1
    assert first.message.startswith("李先生您好！春节快乐！送您¥20.00红包，券码 ")
    assert first.voucher_code in first.message and "【待补" not in first.message
    campaigns.mark_sent(first.id, first.message)
    second = campaigns.next_recipient(campaign_id)
    assert second is not None and second.position == 2
    campaigns.skip(second.id)
    with pytest.raises(DomainError, match="已经处理过"):
        campaigns.mark_sent(second.id)
    counts = campaigns.progress(campaign_id)
    assert progress_text(counts) == "已发送 1 / 跳过 1 / 共 4"
    # A fresh service (the program closed and opened again) resumes at the next one.
    services.__dict__.pop("campaigns")
    again = services.campaigns.next_recipient(campaign_id)
    assert again is not None and again.position == 3
    sent = CampaignRecipient.get_by_id(first.id)
    assert (sent.state, sent.message, sent.staff_name) == ("sent", first.message, "李店主")


def test_stop_withdraws_marketing_consent_and_voids_the_voucher(services, clock, people, owner_auth) -> None:
    campaign_id = services.campaigns.create(_with_voucher(clock))
    services.campaigns.start(campaign_id, owner_auth)
    recipient = services.campaigns.next_recipient(campaign_id)
    assert recipient is not None
    services.campaigns.stop(recipient.id)
    assert services.consents.state(recipient.customer_id, Purpose.MARKETING) == ConsentState.WITHDRAWN
    latest = (
        Consent.select().where(Consent.customer == recipient.customer_id).order_by(Consent.id.desc()).get()
    )
    assert "2027 春节问候" in latest.note and not latest.granted
    voucher = Voucher.get_by_id(CampaignRecipient.get_by_id(recipient.id).voucher_id)
    assert voucher.status == VoucherStatus.VOID.value
    assert services.campaigns.progress(campaign_id)[RecipientState.STOPPED] == 1
    assert recipient.customer_id not in services.campaigns.audience(AudienceFilter())


def test_a_customer_who_withdrew_meanwhile_cannot_be_marked_sent(services, clock, people, owner_auth) -> None:
    campaign_id = services.campaigns.create(_draft(clock))
    services.campaigns.start(campaign_id)
    recipient = services.campaigns.next_recipient(campaign_id)
    assert recipient is not None
    consent_to(services, recipient.customer_id, Purpose.MARKETING, granted=False)
    assert services.campaigns.recipient(recipient.id).consent_granted is False
    with pytest.raises(ValidationError, match="跳过"):
        services.campaigns.mark_sent(recipient.id)
    services.campaigns.skip(recipient.id)


def test_export_needs_the_owner_and_holds_every_message(
    services, clock, people, owner_auth, tmp_path
) -> None:
    campaign_id = services.campaigns.create(_with_voucher(clock))
    services.campaigns.start(campaign_id, owner_auth)
    first = services.campaigns.next_recipient(campaign_id)
    assert first is not None
    services.campaigns.mark_sent(first.id, first.message)
    target = tmp_path / "名单.xlsx"
    with pytest.raises(PermissionDenied):
        services.campaigns.export(campaign_id, target, None)
    assert not target.exists()
    exported = services.campaigns.export(campaign_id, target, owner_auth)
    assert exported.rows == 3
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0] if rows[0][0] == "序号" else rows[1]
    data = rows[rows.index(header) + 1 :]
    assert header[:3] == ("序号", "客户编号", "称呼")
    assert [r[6] for r in data] == ["已发送", "待发送", "待发送"]
    assert data[0][7] == first.message and data[1][8] and data[1][8] in data[1][7]
    assert AuditLog.select().where(AuditLog.action == "导出活动名单").count() == 1


def test_results_count_sent_redeemed_and_booked_within_days(
    services, clock, people, owner_auth, tmp_path
) -> None:
    campaign_id = services.campaigns.create(_with_voucher(clock))
    services.campaigns.start(campaign_id, owner_auth)
    first = services.campaigns.next_recipient(campaign_id)
    assert first is not None
    services.campaigns.mark_sent(first.id)
    second = services.campaigns.next_recipient(campaign_id)
    assert second is not None
    services.campaigns.mark_sent(second.id)
    clock.advance(timedelta(days=3))
    visit = _visit(services, first.customer_id, clock.now() - timedelta(hours=1))
    services.vouchers.redeem(first.voucher_code, visit)
    clock.advance(timedelta(days=20))
    _visit(services, second.customer_id, clock.now() - timedelta(hours=1))  # 23 days later: too late
    results = services.campaigns.results(campaign_id, days=14)
    assert (results.sent, results.vouchers_issued, results.vouchers_redeemed, results.booked) == (2, 3, 1, 1)
    assert services.campaigns.results(campaign_id, days=30).booked == 2
    start = clock.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0) - timedelta(days=40)
    month = services.campaigns.month(start, clock.now())
    assert [(m.name, m.sent, m.redeemed) for m in month] == [("2027 春节问候", 2, 1)]
    november = services.monthly_report.figures(2026, 11)  # sent on 23 November
    assert [(c.sent, c.redeemed, c.booked) for c in november.campaigns] == [(2, 1, 1)]
    assert november.campaigns_text == "发送 2 条，用券 1 张，之后预约 1 位"
    assert services.monthly_report.figures(2026, 12).campaigns == ()
    pdf = read_pdf(render_monthly_report(november, Letterhead("好帮手家政"), tmp_path / "report.pdf"))
    assert "营销活动：发送2条，用券1张，之后预约1位" in pdf.compact
    assert "2027春节问候：发送2条" in pdf.compact


def test_the_festival_reminder_finds_or_makes_the_festival_campaign(services, clock) -> None:
    campaign_id = services.campaigns.for_festival("spring")
    view = services.campaigns.get(campaign_id)
    assert view.festival_name == "春节" and view.started_at is None
    assert view.festival_on == date(2027, 2, 6)
    assert "{节日}" in view.template
    assert services.campaigns.for_festival("spring") == campaign_id
    assert Campaign.select().count() == 1


def test_erasing_a_customer_clears_their_message_as_sent(services, clock, people, owner_auth) -> None:
    campaign_id = services.campaigns.create(_draft(clock))
    services.campaigns.start(campaign_id)
    recipient = services.campaigns.next_recipient(campaign_id)
    assert recipient is not None
    services.campaigns.mark_sent(recipient.id)
    services.erasure.erase(recipient.customer_id, owner_auth)
    row = CampaignRecipient.get_by_id(recipient.id)
    assert (row.state, row.message) == ("sent", "")


def test_sent_and_stopped_show_on_the_customers_timeline(services, clock, people) -> None:
    from jiazheng_desktop.services.timeline import customer_timeline

    campaign_id = services.campaigns.create(_draft(clock))
    services.campaigns.start(campaign_id)
    first = services.campaigns.next_recipient(campaign_id)
    assert first is not None
    services.campaigns.mark_sent(first.id)
    second = services.campaigns.next_recipient(campaign_id)
    assert second is not None
    services.campaigns.stop(second.id)
    third = services.campaigns.next_recipient(campaign_id)
    assert third is not None
    services.campaigns.skip(third.id)
    sent = [e for e in customer_timeline(first.customer_id) if e.kind == "campaign"]
    assert [(e.title, e.detail) for e in sent] == [("营销活动“2027 春节问候”：已发送", first.message)]
    stopped = [e for e in customer_timeline(second.customer_id) if e.kind == "campaign"]
    assert [e.title for e in stopped] == ["营销活动“2027 春节问候”：客户表示不要再发"]
    assert [e for e in customer_timeline(third.customer_id) if e.kind == "campaign"] == []
