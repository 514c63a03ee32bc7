"""导出 Excel of each list: read back with openpyxl and compared with what the list's service returns for
the same filters; the owner only; one audit row each."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.customers import CustomerType, VipTier
from jiazheng_desktop.domain.errors import PermissionDenied
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.services.context import Authorization
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.services.incident_lists import IncidentFilter
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.list_export import REPORT_SHEETS, default_file_name, worker_matches
from jiazheng_desktop.services.voucher_views import VoucherFilter
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import consent_to, make_draft

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱郑"


def _rows(path, sheet: str | None = None) -> list[tuple]:
    book = load_workbook(path)
    ws = book[sheet] if sheet else book.worksheets[0]
    return list(ws.iter_rows(values_only=True))


def _last_audit() -> dict:
    row = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert row.action == "导出列表"
    return {"entity": row.entity, **json.loads(row.detail)}


def _local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(CHINA_TZ).replace(tzinfo=None) if moment is not None else None


@pytest.fixture
def customers(services, clock) -> list[int]:
    ids = []
    types = list(CustomerType)
    for n, surname in enumerate(SURNAMES):
        clock.advance(timedelta(hours=1))
        draft = make_draft(
            name=f"{surname}建国", phone=f"1391234{n:04d}", customer_type=types[n % len(types)].value,
            address=f"幸福路 {n} 号",
        )  # fmt: skip
        ids.append(services.customers.create(draft))
    services.service_records.add(ServiceRecordDraft(ids[0], clock.now(), amount_text="120"))
    return ids


def test_the_customer_list_as_filtered(services, owner_auth, customers, tmp_path) -> None:
    office = CustomerType.OFFICE_WORKER.value
    flt = CustomerFilter(customer_type=office, sort="created_at", descending=True)
    shown = services.customers.page(flt, 0, 1000)
    assert 2 <= len(shown) < len(customers)
    target = tmp_path / "客户.xlsx"
    exported = services.list_export.export_customers(flt, target, owner_auth)
    assert exported.rows == len(shown) and exported.path == target
    rows = _rows(target)
    assert rows[0][:4] == ("客户编号", "称呼", "姓名", "电话") and "地址" in rows[0] and "建档日期" in rows[0]
    assert [r[0] for r in rows[1:]] == [c.id for c in shown]  # the same rows, in the list's order
    first, row = shown[0], rows[1]
    assert row[1:5] == (first.address_as, first.name, first.phones, first.district or None)
    assert row[6] == CustomerType.OFFICE_WORKER.label and row[7] == VipTier(first.vip_tier).label
    assert row[-1] == _local(first.created_at)
    sheet = load_workbook(target).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet["L2"].is_date and sheet["A2"].data_type == "n"
    assert sheet["D2"].data_type == "s"  # phones are text, never numbers
    assert _last_audit() == {
        "entity": "customer", "列表": "客户", "筛选": {"类型": CustomerType.OFFICE_WORKER.label, "排序": "建档日期（倒序）"},
        "行数": len(shown), "文件": "客户.xlsx", "确认人": "李店主",
    }  # fmt: skip


def test_the_search_text_and_erased_customers(services, owner_auth, customers, tmp_path) -> None:
    services.erasure.erase(customers[1], owner_auth)
    everyone = CustomerFilter()
    target = tmp_path / "all.xlsx"
    assert services.list_export.export_customers(everyone, target, owner_auth).rows == len(customers) - 1
    ids = [r[0] for r in _rows(target)[1:]]
    assert customers[1] not in ids and ids == [c.id for c in services.customers.page(everyone, 0, 1000)]
    wang = CustomerFilter(text="王建")
    assert services.list_export.export_customers(wang, target, owner_auth).rows == 1
    assert _rows(target)[1][2] == "王建国" and _last_audit()["筛选"]["搜索"] == "王建"
    served = _rows(target)[1][10]
    assert isinstance(served, datetime)  # 最近服务 is a date, not text


def test_pages_of_the_customer_list_are_the_list(services, customers) -> None:
    flt = CustomerFilter(sort="name")
    pages = list(services.customers.export_pages(flt, batch=4))
    assert [len(p) for p in pages] == [4, 4, 4, 3]
    assert [item.row for page in pages for item in page] == services.customers.page(flt, 0, 1000)
    assert pages[0][0].address.startswith("幸福路")


def test_every_list_needs_the_owner(services, owner_auth, customers, tmp_path) -> None:
    manager = services.staff.create("周经理", Role.REGIONAL_MANAGER, "manager-pw1", owner_auth)
    manager_auth = services.staff.authorize(manager, "manager-pw1", Role.REGIONAL_MANAGER, "导出")
    forged = Authorization(manager, "周经理", Role.OWNER)
    target = tmp_path / "x.xlsx"
    exports = services.list_export
    calls = [
        lambda auth: exports.export_customers(CustomerFilter(), target, auth),
        lambda auth: exports.export_incidents(IncidentFilter(view="all"), target, auth),
        lambda auth: exports.export_vouchers(VoucherFilter(), target, auth),
        lambda auth: exports.export_contracts(30, target, auth),
        lambda auth: exports.export_reminders(None, target, auth),
        lambda auth: exports.export_workers("", target, auth),
        lambda auth: exports.export_report(2026, 11, target, auth),
    ]
    before = AuditLog.select().count()
    for call in calls:
        for auth in (None, manager_auth, forged):
            with pytest.raises(PermissionDenied, match="店主"):
                call(auth)
    assert not target.exists() and AuditLog.select().count() == before
    for call in calls:
        assert call(owner_auth).path == target
    assert AuditLog.select().count() == before + len(calls)


def test_incidents_with_the_pages_filters(services, owner_auth, customers, clock, tmp_path) -> None:
    worker = services.workers.create(WorkerDraft(name="刘阿姨", phone="13900001111"))
    for n, category in enumerate((Category.LATE, Category.NOT_CLEAN, Category.LATE)):
        clock.advance(timedelta(hours=2))
        draft = IncidentDraft(customers[n], category.value, 2, customer_said="=不满意", worker_id=worker)
        services.incidents.open_incident(draft)
    flt = IncidentFilter(view="open", category=Category.LATE.value, sort="reported_at", descending=True)
    shown = services.incident_lists.rows(flt)
    assert len(shown) == 2
    target = tmp_path / "投诉.xlsx"
    assert services.list_export.export_incidents(flt, target, owner_auth).rows == 2
    rows = _rows(target)
    assert rows[0][0] == "编号" and [r[0] for r in rows[1:]] == [i.number for i in shown]
    assert rows[1][1] == shown[0].customer_label and rows[1][2] == Category.LATE.label
    assert rows[1][8] == "刘阿姨" and rows[1][9] == _local(shown[0].reported_at)
    assert rows[1][10] == _local(shown[0].next_due) and rows[1][11] == shown[0].next_due_label
    assert _last_audit()["筛选"] == {"视图": "处理中", "类别": Category.LATE.label}


def test_vouchers_with_money_as_numbers(services, owner_auth, customers, tmp_path) -> None:
    for n in range(3):
        consent_to(services, customers[n], Purpose.MARKETING)
        services.vouchers.issue(
            VoucherDraft(customers[n], VoucherKind.PROMOTION.value, f"{50 + n}.5", 1, date(2026, 12, 31))
        )
    flt = VoucherFilter(view="active")
    shown = services.vouchers.list(flt)
    target = tmp_path / "券.xlsx"
    assert services.list_export.export_vouchers(flt, target, owner_auth).rows == len(shown) == 3
    sheet = load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [v.code for v in shown]
    assert rows[1][3] == pytest.approx(shown[0].value_fen / 100) and sheet["D2"].number_format == "0.00"
    assert rows[1][7] == datetime(2026, 12, 31) and sheet["H2"].is_date
    assert rows[1][2] == shown[0].customer_label and rows[1][6] == 1


def test_contracts_and_reminders(services, owner_auth, customers, clock, tmp_path) -> None:
    today = clock.now().date()
    for n, days in enumerate((5, 20, 90)):
        services.contracts.create(
            ContractDraft(
                customers[n], "保洁套餐", today - timedelta(days=300), today + timedelta(days=days), "3600"
            )
        )
    shown = services.contracts.renewals_due(30)
    target = tmp_path / "续约.xlsx"
    assert services.list_export.export_contracts(30, target, owner_auth).rows == len(shown) == 2
    rows = _rows(target)
    assert [r[0] for r in rows[1:]] == [c.contract_id for c in shown]
    assert rows[1][3] == datetime.combine(shown[0].end_on, datetime.min.time()) and rows[1][4] == 5
    assert rows[1][6] == pytest.approx(3600.0)
    assert _last_audit()["筛选"] == {"到期范围": "未来 30 天"}

    services.reminders.sync_calendar()
    wanted = list(services.list_export.reminder_rows(None))
    counts = services.reminders.counts()
    assert len(wanted) == counts.overdue + counts.today + counts.upcoming > 0
    target = tmp_path / "提醒.xlsx"
    assert services.list_export.export_reminders(None, target, owner_auth).rows == len(wanted)
    rows = _rows(target)
    assert [r[2] for r in rows[1:]] == [r.title for r in wanted]
    kind = wanted[0].kind.value
    only = list(services.list_export.reminder_rows(kind))
    assert services.list_export.export_reminders(kind, target, owner_auth).rows == len(only)
    assert {r[1] for r in _rows(target)[1:]} == {wanted[0].kind_label}


def test_workers_with_the_filter_text(services, owner_auth, tmp_path) -> None:
    services.workers.create(WorkerDraft("刘阿姨", "139-0000-1111", ("日常保洁",), date(2026, 3, 1)))
    services.workers.create(WorkerDraft("陈师傅", "13900002222", ("家居维修", "做饭")))
    services.workers.create(WorkerDraft("张阿姨", "13900003333", ("育儿嫂",), active=False))
    target = tmp_path / "人员.xlsx"
    assert services.list_export.export_workers("", target, owner_auth).rows == 3
    assert services.list_export.export_workers("", target, owner_auth, active_only=True).rows == 2
    assert services.list_export.export_workers("ayi", target, owner_auth).rows == 2  # pinyin, as the page
    rows = _rows(target)
    assert rows[0] == ("姓名", "电话", "技能", "背景调查日期", "状态")
    liu = services.workers.list()[0]
    assert rows[1] == ("刘阿姨", liu.phone, liu.skills, datetime(2026, 3, 1), "在职")
    assert rows[2][4] == "停用"
    assert services.list_export.export_workers("00001111", target, owner_auth).rows == 1
    assert worker_matches(services.workers.list()[0], "")


def test_the_months_figures_one_sheet_per_table(services, owner_auth, customers, clock, tmp_path) -> None:
    services.incidents.open_incident(
        IncidentDraft(customers[0], Category.LATE.value, 2, customer_said="迟到")
    )
    services.incidents.open_incident(
        IncidentDraft(customers[1], Category.LATE.value, 1, customer_said="迟到")
    )
    figures = services.monthly_report.figures(2026, 11)
    target = tmp_path / "报表.xlsx"
    exported = services.list_export.export_report(2026, 11, target, owner_auth)
    book = load_workbook(target)
    assert tuple(book.sheetnames) == REPORT_SHEETS
    for sheet in book.worksheets:
        assert sheet["A1"].value.startswith("2026 年 11 月经营报告") and sheet.freeze_panes == "A3"
    key = {r[0]: r[1] for r in book["本月要点"].iter_rows(min_row=3, values_only=True)}
    assert key["投诉"] == figures.incidents_total == 2 and key["新客户"] == figures.new_customers
    assert key["服务收入（元）"] == pytest.approx(figures.revenue_fen / 100)
    categories = list(book["投诉类别"].iter_rows(min_row=3, values_only=True))
    assert categories == [(c.label, c.count, 1.0) for c in figures.by_category]
    assert book["投诉类别"]["C3"].number_format == "0.0%"
    risk = list(book["风险客户"].iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in risk] == [c.customer_id for c in figures.at_risk]
    assert exported.rows == sum(sheet.max_row - 2 for sheet in book.worksheets)
    assert _last_audit()["筛选"] == {"月份": "2026 年 11 月"} and _last_audit()["entity"] == "report"


def test_default_file_names() -> None:
    assert default_file_name("customers", date(2026, 12, 2)) == "客户-2026-12-02.xlsx"
    assert default_file_name("report", date(2026, 12, 2), (2026, 11)) == "月度报表-2026-11.xlsx"
