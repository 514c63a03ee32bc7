"""The monthly report: figures of a month seeded through the services, and its PDF read back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from jiazheng_desktop.documents.monthly_report import render_monthly_report
from jiazheng_desktop.documents.styles import Letterhead
from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.monthly_figures import NO_DATA, AtRiskCustomer, Count, MonthCount, Rate
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.report_charts import (
    NO_COMPENSATION,
    NO_COMPLAINTS,
    NO_TREND,
    Tick,
    compensation_and_revenue_kept,
    complaint_trend,
    complaints_by_category,
)
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.monthly_report import MonthlyReportService
from jiazheng_desktop.storage.models import RemedyRecord, Voucher
from tests.conftest import consent_to, make_draft
from tests.pdf_helpers import read_pdf

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱郑"
HEAD = Letterhead("好帮手家政", "幸福路 8 号", "0571-88886666")


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA_TZ)


@pytest.fixture
def report(services) -> MonthlyReportService:
    return MonthlyReportService(services.context, services.incident_rules.policy)


# -- seeding through the services, the clock moved by hand -------------------------------------------


def _customer(services, clock, when: datetime, name: str, honorific: str, phone: str) -> int:
    clock.set(when)
    return services.customers.create(make_draft(name=name, honorific=honorific, phone=phone))


def _visit(services, clock, customer: int, when: datetime, yuan: str) -> int:
    clock.set(when)
    return services.service_records.add(ServiceRecordDraft(customer, when, amount_text=yuan))


def _open(services, clock, customer: int, when: datetime, category: str, severity: int, worker=None) -> int:
    clock.set(when)
    draft = IncidentDraft(customer, category, severity, customer_said="客户来电投诉", worker_id=worker)
    return services.incidents.open_incident(draft)


def _identify(services, clock, incident: int, when: datetime, cause: str) -> None:
    clock.set(when)
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "经过", "root_cause": cause})


def _act(services, clock, incident: int, when: datetime, remedy: RemedyDraft) -> None:
    clock.set(when)
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": "讲述", "customer_needs": "需要"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉"})
    services.incidents.complete_step(incident, Step.ACT, {"action_plan": "处理"}, [remedy])


def _callback(services, clock, incident: int, when: datetime, score: int, consent: bool = True) -> None:
    clock.set(when)
    customer = services.incidents.get(incident).customer_id
    consent_to(services, customer, Purpose.CALLBACK_RECORDS, granted=consent)  # asked during the call
    services.callbacks.record_callback(
        CallbackDraft(incident, when, when + timedelta(minutes=4), True, score, "")
    )


def _contract(services, clock, customer: int, end_on: date) -> int:
    clock.set(at(9, 1))
    return services.contracts.create(ContractDraft(customer, "保洁套餐", date(2026, 1, 1), end_on, "3600"))


def seed_october(services, clock) -> dict[str, int]:
    """October 2026, as the docstrings of the figures describe; the clock ends at 2026-11-23 10:00."""
    wang = _customer(services, clock, at(9, 10), "王建国", "先生", "13800000001")
    li = _customer(services, clock, at(10, 2), "李秀英", "女士", "13800000002")
    zhang = _customer(services, clock, at(10, 3), "张伟", "先生", "13800000003")
    zhao = _customer(services, clock, at(10, 4), "赵敏", "女士", "13800000004")
    liu = services.workers.create(WorkerDraft(name="刘秀兰", phone="13700001111"))
    chen = services.workers.create(WorkerDraft(name="陈师傅", phone="13700002222"))
    renew_me = _contract(services, clock, wang, date(2026, 10, 15))
    lose_me = _contract(services, clock, li, date(2026, 10, 20))
    talk_me = _contract(services, clock, zhang, date(2026, 10, 31))
    _contract(services, clock, zhao, date(2026, 11, 15))  # ends soon after the month, nobody called
    _contract(services, clock, li, date(2026, 12, 20))  # too far ahead
    _visit(services, clock, wang, at(9, 15), "100")  # not in October
    _open(services, clock, zhang, at(9, 20), Category.LATE.value, 1)  # SJ-2026-0001, September
    _visit(services, clock, wang, at(10, 5), "300")
    _visit(services, clock, li, at(10, 6), "150")
    _visit(services, clock, zhang, at(10, 7), "0")

    # SJ-0002: answered in 6 h, resolved in 24 h with a ¥50 voucher, called back on its due day: 5 points.
    damage = _open(services, clock, wang, at(10, 8, 9), Category.DAMAGE.value, 2, liu)
    _identify(services, clock, damage, at(10, 8, 15), "用品使用不当")
    _act(services, clock, damage, at(10, 9, 9), RemedyDraft(RemedyKind.VOUCHER.value, "50"))
    _callback(services, clock, damage, at(10, 12, 10), 5)
    # SJ-0003: answered after 50 h; the callback scores 1 and reopens it (no longer resolved or due).
    late = _open(services, clock, li, at(10, 10, 10), Category.LATE.value, 1, chen)
    _identify(services, clock, late, at(10, 12, 12), "交通")
    _act(services, clock, late, at(10, 12, 14), RemedyDraft(RemedyKind.REDO.value))
    _callback(services, clock, late, at(10, 15, 10), 1)
    # SJ-0004: no worker; resolved in 36 h with a ¥30 fee waiver; called back too late, without consent.
    dirty = _open(services, clock, zhang, at(10, 20, 8), Category.NOT_CLEAN.value, 1)
    _identify(services, clock, dirty, at(10, 20, 9), "技能不足")
    _act(services, clock, dirty, at(10, 21, 20), RemedyDraft(RemedyKind.FEE_WAIVER.value, "30"))
    _callback(services, clock, dirty, at(10, 26, 10), 4, consent=False)
    visit = _visit(services, clock, wang, at(10, 20), "200")
    code = Voucher.get_by_id(RemedyRecord.get(RemedyRecord.incident == damage).voucher_id).code
    services.vouchers.redeem(code, visit)
    # SJ-0005: never answered; escalated to 运营总监.
    urgent = _open(services, clock, wang, at(10, 25, 10), Category.LATE.value, 3, liu)
    clock.set(at(10, 28, 12))
    assert services.incidents.refresh_escalations(only=urgent) == [urgent]
    # SJ-0006 and SJ-0007: answered in time, still open.
    price = _open(services, clock, zhao, at(10, 30, 20), Category.PRICE.value, 2, chen)
    _identify(services, clock, price, at(10, 31, 8), "沟通不到位")
    rude = _open(services, clock, li, at(10, 31, 18), Category.ATTITUDE.value, 1, liu)
    _identify(services, clock, rude, at(10, 31, 18, 30), "沟通不到位")

    clock.set(at(10, 10, 16))
    services.contracts.renew(
        renew_me, ContractDraft(None, "保洁套餐", date(2026, 10, 16), date(2027, 10, 15), "3800")
    )
    clock.set(at(10, 18))
    services.contracts.mark_lost(lose_me, "价格原因")
    services.contracts.record_contact(talk_me, "客户说再考虑")
    _open(services, clock, wang, at(11, 5), Category.LATE.value, 1)  # November
    _visit(services, clock, li, at(11, 2), "150")
    clock.set(at(11, 23))
    return {"wang": wang, "li": li, "zhang": zhang, "zhao": zhao}


# -- the figures ---------------------------------------------------------------------------------


def test_every_figure_of_a_seeded_month(services, clock, report) -> None:
    people = seed_october(services, clock)
    f = report.figures(2026, 10)
    assert (f.year, f.month, f.title) == (2026, 10, "2026 年 10 月经营报告")
    assert (f.new_customers, f.active_customers, f.revenue_fen) == (3, 3, 650_00)
    assert f.incidents_total == 6
    assert f.by_category == (Count("迟到", 2), Count("价格争议", 1), Count("服务态度", 1),
                             Count("清洁不彻底", 1), Count("物品损坏", 1))  # fmt: skip
    assert f.by_root_cause == (Count("沟通不到位", 2), Count("交通", 1), Count("技能不足", 1),
                               Count("未填写", 1), Count("用品使用不当", 1))  # fmt: skip
    assert f.by_severity == (Count("一般", 3), Count("较重", 2), Count("紧急", 1))
    assert f.by_worker == (Count("刘秀兰", 3), Count("陈师傅", 2), Count("未指定", 1))
    assert f.incident_trend == tuple(
        MonthCount(2026, m, n) for m, n in ((5, 0), (6, 0), (7, 0), (8, 0), (9, 1), (10, 6))
    )  # SJ-0001 in September; November's is after the month
    assert f.first_response == Rate(4, 6) and f.first_response.text == "66.7%"
    assert f.first_response_pending == 0
    assert (f.resolved_count, f.median_resolve_hours) == (2, 30.0)  # 24 h and 36 h; SJ-0003 was reopened
    assert f.callbacks == Rate(1, 2) and f.callbacks.text == "50.0%"
    assert (f.average_satisfaction, f.scored_callbacks) == (3.0, 2)  # 5 and 1; the 4 was kept without consent
    assert (f.compensation_issued_fen, f.compensation_redeemed_fen) == (80_00, 50_00)
    assert (f.compensated_customers, f.kept_customers, f.revenue_kept_fen) == (2, 1, 500_00)
    assert (f.renewals_due, f.renewals_won, f.renewals_lost, f.renewals_open) == (3, 1, 1, 1)
    assert f.lost_reasons == (Count("价格原因", 1),)
    assert f.at_risk == (
        AtRiskCustomer(people["li"], "李女士（李秀英）", ("回访满意度只有 1 分", "近 90 天投诉 2 次")),
        AtRiskCustomer(
            people["wang"], "王先生（王建国）", ("投诉 SJ-2026-0005 升级到运营总监", "近 90 天投诉 2 次")
        ),
        AtRiskCustomer(people["zhang"], "张先生（张伟）", ("近 90 天投诉 2 次",)),
        AtRiskCustomer(people["zhao"], "赵女士（赵敏）", ("合同 11 月 15 日到期，还没有联系续约",)),
    )
    assert f.at_risk_total == 4
    assert not f.is_empty


def test_the_month_so_far_leaves_unanswered_incidents_not_yet_due_unjudged(services, clock, report) -> None:
    customer = _customer(services, clock, at(11, 1), "王建国", "先生", "13800000001")
    _open(services, clock, customer, at(11, 20), Category.LATE.value, 1)  # deadline passed
    _open(services, clock, customer, at(11, 23, 9), Category.LATE.value, 1)  # deadline tomorrow
    clock.set(at(11, 23, 10))
    f = report.figures(2026, 11)
    assert (f.incidents_total, f.first_response, f.first_response_pending) == (2, Rate(0, 1), 1)
    assert f.median_resolve_hours is None and f.average_satisfaction is None
    assert f.callbacks.text == "—"


def test_an_empty_month(services, report) -> None:
    f = report.figures(2026, 6)
    assert f.is_empty
    assert (f.incidents_total, f.by_category, f.at_risk, f.at_risk_total) == (0, (), (), 0)
    assert f.first_response.percent is None and f.median_resolve_hours is None


def test_the_charts_of_a_seeded_month(services, clock, report) -> None:
    seed_october(services, clock)
    f = report.figures(2026, 10)
    categories = complaints_by_category(f)
    assert [(b.label, b.value, b.value_text) for b in categories.bars] == [
        ("迟到", 2, "2"), ("价格争议", 1, "1"), ("服务态度", 1, "1"), ("清洁不彻底", 1, "1"), ("物品损坏", 1, "1"),
    ]  # fmt: skip
    assert categories.ticks == (Tick(0, "0"), Tick(1, "1"), Tick(2, "2"))
    money = compensation_and_revenue_kept(f)
    assert [(b.label, b.value, b.value_text) for b in money.bars] == [
        ("补偿发放", 80_00, "¥80.00"), ("补偿券使用", 50_00, "¥50.00"), ("挽回营收", 500_00, "¥500.00"),
    ]  # fmt: skip
    assert [t.text for t in money.ticks] == ["0", "100", "200", "300", "400", "500"]
    trend = complaint_trend(f)
    assert [(b.label, b.value) for b in trend.bars] == [
        ("5月", 0), ("6月", 0), ("7月", 0), ("8月", 0), ("9月", 1), ("10月", 6),
    ]  # fmt: skip
    assert trend.bars[-1].value == f.incidents_total == sum(c.count for c in f.by_category)
    assert trend.axis_max == 6 and not any(c.is_empty for c in (categories, money, trend))


def test_a_month_after_a_year_change_trends_back_into_the_old_year(services, clock, report) -> None:
    customer = _customer(services, clock, at(1, 2), "王建国", "先生", "13800000001")
    _open(services, clock, customer, at(1, 5), Category.LATE.value, 1)
    # The last minute of October and the first of November, local time (UTC+8): each in its own month.
    _open(services, clock, customer, at(10, 31, 23, 59), Category.LATE.value, 1)
    _open(services, clock, customer, at(11, 1, 0, 0), Category.DAMAGE.value, 1)
    clock.set(at(11, 23))
    trend = report.figures(2026, 3).incident_trend
    assert [(m.year, m.month, m.count) for m in trend] == [
        (2025, 10, 0), (2025, 11, 0), (2025, 12, 0), (2026, 1, 1), (2026, 2, 0), (2026, 3, 0),
    ]  # fmt: skip
    counts = {(m.month, m.count) for m in report.figures(2026, 11).incident_trend}
    assert {(10, 1), (11, 1)} <= counts


def test_an_empty_month_has_charts_that_say_so(report) -> None:
    f = report.figures(2026, 6)
    for chart, text in (
        (complaints_by_category(f), NO_COMPLAINTS),
        (compensation_and_revenue_kept(f), NO_COMPENSATION),
        (complaint_trend(f), NO_TREND),
    ):
        assert chart.is_empty and chart.empty_text == text
    assert NO_COMPLAINTS == "本月没有投诉"


@pytest.mark.parametrize(
    ("year", "month", "message"),
    [
        (2026, 0, "1 到 12"),
        (2026, 13, "1 到 12"),
        (1999, 12, "2000"),
        (2026, 12, "还没到这个月，不能出报告"),
        (2027, 1, "还没到这个月，不能出报告"),
    ],
)
def test_months_that_cannot_have_a_report_are_refused(report, year, month, message) -> None:
    with pytest.raises(ValidationError) as info:
        report.figures(year, month)
    assert message in info.value.fields["month"]


# -- the PDF ---------------------------------------------------------------------------------------


def test_the_pdf_shows_the_figures_the_service_gives(services, clock, report, tmp_path: Path) -> None:
    seed_october(services, clock)
    f = report.figures(2026, 10)
    steps: list[tuple[int, str]] = []
    path = render_monthly_report(f, HEAD, tmp_path / "report.pdf", lambda n, s: steps.append((n, s)))
    pdf = read_pdf(path)
    text = pdf.compact
    for expected in (
        "好帮手家政", "2026年10月经营报告", "66.7%", "50.0%", "30.0小时", "3.0分",
        "¥650.00", "¥80.00", "¥50.00", "¥500.00", "价格原因", "李女士（李秀英）", "回访满意度只有1分",
        "合同11月15日到期", "用品使用不当", "沟通不到位", "刘秀兰", "陈师傅", "未指定", "第1页",
    ):  # fmt: skip
        assert expected in text, expected
    for count in f.by_category:
        assert count.label in text
    assert NO_DATA not in text
    assert pdf.fonts and all(pdf.fonts.values()), pdf.fonts
    assert steps[0][0] < steps[-1][0] == 100 and steps[-1][1] == "完成"
    assert [n for n, _ in steps] == sorted(n for n, _ in steps)


def test_long_tables_run_onto_more_pages_with_numbers(services, clock, report, tmp_path: Path) -> None:
    clock.set(at(10, 1))
    for i in range(45):
        name = SURNAMES[i % 15] + "秀英桂兰春梅"[2 * (i // 15) : 2 * (i // 15) + 2]
        worker = services.workers.create(WorkerDraft(name=f"{name}阿姨", phone=f"137{i:08d}"))
        customer = _customer(services, clock, at(10, 1), name, "女士", f"139{i:08d}")
        _contract(services, clock, customer, date(2026, 11, 10))
        _open(services, clock, customer, at(10, 2 + i % 20), Category.LATE.value, 1 + i % 3, worker)
    clock.set(at(11, 23))
    f = report.figures(2026, 10)
    assert len(f.by_worker) == 45 and len(f.at_risk) == 30 and f.at_risk_total == 45
    pdf = read_pdf(render_monthly_report(f, HEAD, tmp_path / "long.pdf"))
    assert len(pdf.pages) > 1
    assert all(f"第{n}页" in "".join(page.split()) for n, page in enumerate(pdf.pages, start=1))
    assert "郑春梅阿姨" in pdf.compact and "共45位" in pdf.compact
    assert all(pdf.fonts.values())


def test_an_empty_month_gives_one_page_that_says_so(report, tmp_path: Path) -> None:
    f = report.figures(2026, 6)
    pdf = read_pdf(render_monthly_report(f, HEAD, tmp_path / "empty.pdf"))
    assert len(pdf.pages) == 1
    assert "本月没有业务数据" in pdf.compact and "2026年6月经营报告" in pdf.compact
    assert all(pdf.fonts.values())


def test_the_report_counts_customers_by_stage_and_their_moves(services, clock, tmp_path: Path) -> None:
    seed_october(services, clock)
    assert services.monthly_report.figures(2026, 10).stages == ()  # the 报表 page does not wait for them
    f = services.monthly_report.figures(2026, 10, stages=True)
    by_stage = {c.label: c.count for c in f.stages}
    assert list(by_stage) == ["潜在", "新客", "发展期", "成熟期", "流失风险", "已流失"]
    assert sum(by_stage.values()) == services.customers.count()  # every customer registered by then
    moves = services.lifecycle.stage_moves(
        datetime(2026, 10, 1, tzinfo=clock.now().tzinfo), datetime(2026, 11, 1, tzinfo=clock.now().tzinfo)
    )
    assert by_stage == {stage.label: n for stage, n in moves.at_end.items()}
    assert f.stage_moved == moves.moved == sum(c.count for c in f.stage_moves) > 0
    text = read_pdf(render_monthly_report(f, HEAD, tmp_path / "stages.pdf")).compact
    assert "五、客户阶段" in text and f"本月有{f.stage_moved}位换了阶段" in text
    for count in f.stage_moves[:8]:
        assert count.label.replace(" ", "") in text
    printed = read_pdf(services.documents.monthly_report(2026, 10)).compact  # the owner's document has them
    assert "五、客户阶段" in printed
