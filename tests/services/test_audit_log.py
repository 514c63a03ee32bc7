"""The audit log, readable: filters, keyset pages, the owner's xlsx export, audited documents, erasure."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.errors import PermissionDenied
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.safety_checklists import Season
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.services.audit_log import AuditFilter, render_detail
from jiazheng_desktop.services.context import Authorization
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import grants, make_draft
from tests.documents.test_compensation_notice import incident  # noqa: F401 (fixture)


def _voucher(customer_id: int, total: str = "50") -> VoucherDraft:
    return VoucherDraft(
        customer_id=customer_id,
        kind=VoucherKind.PROMOTION.value,
        total_text=total,
        valid_until=date(2026, 12, 31),
    )


def _all_details() -> str:
    return "\n".join(row.detail for row in AuditLog.select())


# -- filters ------------------------------------------------------------------------------------------


def test_the_person_filter_keeps_only_what_they_did(services, owner_auth) -> None:
    clerk = services.staff.create("小周", Role.CUSTOMER_SERVICE, "clerk-pw1", owner_auth)
    services.customers.create(make_draft(name="赵六", phone="13600000000"))
    services.staff.set_on_duty(clerk)
    services.customers.create(make_draft(name="钱七", phone="13700000000"))
    log = services.audit_log
    rows = log.page(AuditFilter(staff_id=clerk))
    assert [(r.action, r.staff_name) for r in rows] == [("新建客户", "小周")]
    assert rows[0].subject.startswith("客户 #") and rows[0].subject.endswith("钱七")
    owner_rows = log.page(AuditFilter(staff_id=owner_auth.staff_id))
    assert {r.action for r in owner_rows} >= {"初始设置", "新建员工", "新建客户"}
    assert all(r.staff_id == owner_auth.staff_id for r in owner_rows)
    assert log.count(AuditFilter(staff_id=clerk)) == 1


def test_the_customer_filter_includes_its_complaints_and_vouchers(services) -> None:
    marketing = grants(services, Purpose.MARKETING)  # promotion vouchers need it
    wang = services.customers.create(make_draft(), marketing)
    zhao = services.customers.create(make_draft(name="赵六", phone="13600000000"), marketing)
    complaint = services.incidents.open_incident(
        IncidentDraft(customer_id=wang, category=Category.LATE.value, customer_said="迟到了半小时")
    )
    services.vouchers.issue(_voucher(wang))
    services.vouchers.issue(_voucher(zhao))
    rows = services.audit_log.page(AuditFilter(customer_id=wang))
    assert [r.action for r in rows] == ["发放优惠券", "登记投诉", "新建客户"]
    voucher, opened, created = rows
    assert created.subject == f"客户 #{wang} 王建国"
    assert opened.subject == "投诉 SJ-2026-0001" and opened.entity_id == complaint
    assert voucher.subject.startswith("优惠券 ") and "券码：" in voucher.detail
    assert services.audit_log.count(AuditFilter(customer_id=wang)) == 3
    zhao_rows = services.audit_log.page(AuditFilter(customer_id=zhao))
    assert [r.action for r in zhao_rows] == ["发放优惠券", "新建客户"]


def test_the_action_filter_and_the_list_of_actions(services) -> None:
    cid = services.customers.create(make_draft())
    services.customers.update(cid, make_draft(address="浦东新区张杨路 1 号"))
    actions = services.audit_log.actions()
    assert {"初始设置", "新建客户", "修改客户"} <= set(actions)
    assert len(actions) == len(set(actions))
    rows = services.audit_log.page(AuditFilter(action="修改客户"))
    assert [r.action for r in rows] == ["修改客户"]
    assert "address：" in rows[0].detail and "浦东新区张杨路 1 号" in rows[0].detail


def test_dates_are_days_of_the_agency_time_zone(services, clock) -> None:
    clock.set(datetime(2026, 11, 23, 23, 59, 59, tzinfo=CHINA_TZ))
    late = services.customers.create(make_draft(name="晚上", phone="13600000001"))
    clock.set(datetime(2026, 11, 24, 0, 0, tzinfo=CHINA_TZ))
    midnight = services.customers.create(make_draft(name="零点", phone="13600000002"))
    clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=CHINA_TZ))  # still 11-23 in UTC
    morning = services.customers.create(make_draft(name="早上", phone="13600000003"))
    log = services.audit_log

    def ids(flt: AuditFilter) -> list[int | None]:
        return [r.entity_id for r in log.page(flt) if r.action == "新建客户"]

    assert ids(AuditFilter(date_from=date(2026, 11, 23), date_to=date(2026, 11, 23))) == [late]
    assert ids(AuditFilter(date_from=date(2026, 11, 24))) == [morning, midnight]
    assert ids(AuditFilter(date_to=date(2026, 11, 23))) == [late]
    assert ids(AuditFilter(date_from=date(2026, 11, 25))) == []
    [row] = log.page(AuditFilter(date_from=date(2026, 11, 24), action="新建客户"), limit=1)
    assert row.at == datetime(2026, 11, 24, 7, 30, tzinfo=CHINA_TZ)
    assert row.at.utcoffset() == timedelta(hours=8)


def test_keyset_pages_return_every_row_once_newest_first(services) -> None:
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩"
    for n in range(45):
        name = surnames[n % 15] + "一二三"[n // 15]
        services.customers.create(make_draft(name=name, phone=f"136{n:08d}"))
    log = services.audit_log
    flt = AuditFilter(action="新建客户")
    seen: list[int] = []
    before = None
    while True:
        page = log.page(flt, before, 10)
        seen += [r.id for r in page]
        if len(page) < 10:
            break
        before = page[-1].id
    assert len(seen) == len(set(seen)) == 45 == log.count(flt)
    assert seen == sorted(seen, reverse=True)
    assert [r.id for r in log.rows(flt, batch=7)] == seen


def test_details_read_as_key_and_value() -> None:
    text = json.dumps({"券码": "ABCD-EFGH", "金额": "¥50.00", "更正": {"原": 1, "新": 2}, "有": True})
    assert render_detail(text) == "券码：ABCD-EFGH；金额：¥50.00；更正：（原：1，新：2）；有：是"
    assert render_detail("") == ""
    assert render_detail("not json") == "not json"


# -- export ---------------------------------------------------------------------------------------------


def test_the_owner_exports_the_filtered_rows_to_excel(services, owner_auth, tmp_path) -> None:
    wang = services.customers.create(make_draft())
    services.customers.create(make_draft(name="赵六", phone="13600000000"))
    target = tmp_path / "操作记录.xlsx"
    count = services.audit_log.export_xlsx(AuditFilter(customer_id=wang), target, owner_auth)
    assert count == 1 and target.exists()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("编号", "时间", "操作人", "操作", "对象", "详情")
    _number, when, who, action, subject, detail = rows[1]
    assert (who, action, subject) == ("李店主", "新建客户", f"客户 #{wang} 王建国")
    assert "客户：王先生" in detail and "13812345678" in detail
    assert when == datetime(2026, 11, 23, 10, 0)  # a real datetime, naive local time
    assert isinstance(sheet.cell(2, 2).value, datetime) and sheet.cell(2, 2).is_date
    assert len(rows) == 2
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["A"].width
    export = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert export.action == "导出操作记录" and export.staff_name == "李店主"
    assert json.loads(export.detail) == {"行数": 1, "文件": "操作记录.xlsx", "确认人": "李店主"}
    assert "王建国" not in export.detail  # the count and the name of the file, not the rows


def test_exporting_needs_the_owner(services, owner_auth, tmp_path) -> None:
    manager = services.staff.create("周经理", Role.REGIONAL_MANAGER, "manager-pw1", owner_auth)
    before = AuditLog.select().count()
    target = tmp_path / "x.xlsx"
    with pytest.raises(PermissionDenied, match="店主"):
        services.audit_log.export_xlsx(AuditFilter(), target, None)
    manager_auth = services.staff.authorize(manager, "manager-pw1", Role.REGIONAL_MANAGER, "导出")
    with pytest.raises(PermissionDenied):
        services.audit_log.export_xlsx(AuditFilter(), target, manager_auth)
    forged = Authorization(manager, "周经理", Role.OWNER)  # claims a role the person does not have
    with pytest.raises(PermissionDenied):
        services.audit_log.export_xlsx(AuditFilter(), target, forged)
    assert not target.exists() and AuditLog.select().count() == before
    assert services.audit_log.export_xlsx(AuditFilter(), target, owner_auth) == before


def test_text_that_looks_like_a_formula_stays_text(services, owner_auth, tmp_path) -> None:
    services.context.record("测试", "setting", None, {"x": 1})
    services.context.record("=HYPERLINK(1)", "setting", None, {})
    target = tmp_path / "f.xlsx"
    services.audit_log.export_xlsx(AuditFilter(action="=HYPERLINK(1)"), target, owner_auth)
    cell = load_workbook(target).active.cell(2, 4)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


# -- documents --------------------------------------------------------------------------------------


def test_making_and_printing_a_notice_is_audited(services, incident) -> None:  # noqa: F811
    path = services.documents.compensation_notice(incident)
    made = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (made.action, made.entity, made.entity_id, made.staff_name) == (
        "生成文件",
        "incident",
        incident,
        "李店主",
    )
    detail = json.loads(made.detail)
    assert detail["文件"] == "补偿通知书" and detail["编号"] == "SJ-2026-0001"
    assert detail["文件名"] == path.name
    services.documents.printed(path, True)
    printed = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (printed.action, printed.entity, printed.entity_id) == ("打印文件", "incident", incident)
    assert json.loads(printed.detail)["打印"] == "已交给打印机"
    customer = services.incidents.get(incident).customer_id
    actions = [r.action for r in services.audit_log.page(AuditFilter(customer_id=customer))]
    assert actions[:2] == ["打印文件", "生成文件"]


def test_checklists_and_the_monthly_report_are_audited(services) -> None:
    cid = services.customers.create(make_draft())
    services.documents.safety_checklist(Season.WINTER, cid)
    services.documents.safety_checklist(Season.HOLIDAY)
    services.documents.monthly_report(2026, 10)
    made = services.audit_log.page(AuditFilter(action="生成文件"))
    assert [(r.entity, r.entity_id) for r in made] == [
        ("report", None),
        ("document", None),
        ("customer", cid),
    ]
    report, blank, checklist = made
    assert "月度经营报告" in report.detail and "月份：2026-10" in report.detail
    assert report.subject == "月度报告"
    assert "空白" in blank.detail and "节假日出行" in blank.detail
    assert checklist.subject == f"客户 #{cid} 王建国" and "冬季" in checklist.detail
    path = services.documents.folder / "somewhere-else.pdf"
    services.documents.printed(path, False)  # a file this run did not make: named by its file only
    last = services.audit_log.page(AuditFilter(action="打印文件"))[0]
    assert last.subject == "文件" and "somewhere-else.pdf" in last.detail and "阅读器" in last.detail


def test_record_writes_one_audit_row_and_no_change_notice(services) -> None:
    heard: list[object] = []
    services.context.change_listeners.append(heard.append)
    before = AuditLog.select().count()
    services.context.record("测试记录", "setting", None, {"键": "值"})
    assert AuditLog.select().count() == before + 1 and heard == []
    row = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert (row.action, row.staff_name, json.loads(row.detail)) == ("测试记录", "李店主", {"键": "值"})


# -- erasure -----------------------------------------------------------------------------------------


def test_a_deleted_customer_leaves_no_name_or_phone_in_the_log(services, owner_auth) -> None:
    wang = services.customers.create(make_draft(address="浦东新区张杨路 1 号"))
    services.customers.update(wang, make_draft(address="浦东新区张杨路 2 号", phone2="13912345678"))
    services.documents.safety_checklist(Season.WINTER, wang)
    zhao = services.customers.create(make_draft(name="赵六", phone="13600000000"))
    # another row that mentions the customer (as a referrer label would)
    services.context.record("备注", "customer", zhao, {"推荐人": "王先生（王建国）", "电话": "13812345678"})
    about_wang = services.audit_log.count(AuditFilter(customer_id=wang))
    assert about_wang == 3
    services.customers.delete(wang, owner_auth)
    details = _all_details()
    for personal in ("王建国", "13812345678", "13912345678", "张杨路", "王先生"):
        assert personal not in details, personal
    rows = services.audit_log.page(AuditFilter(customer_id=wang))
    assert [r.action for r in rows] == ["删除客户", "生成文件", "修改客户", "新建客户"]
    assert all(r.subject == f"客户 #{wang}（已删除）" for r in rows)
    assert rows[1].detail == f"客户：#{wang}（已删除）"
    assert "确认人：李店主" in rows[0].detail
    note = services.audit_log.page(AuditFilter(action="备注"))[0]
    assert note.detail == f"推荐人：客户 #{wang}（已删除）；电话：客户 #{wang}（已删除）"
    zhao_created = services.audit_log.page(AuditFilter(customer_id=zhao, action="新建客户"))[0]
    assert "赵先生" in zhao_created.detail and "13600000000" in zhao_created.detail  # others untouched


def test_a_namesake_keeps_their_name_in_the_log(services, owner_auth) -> None:
    first = services.customers.create(make_draft())
    second = services.customers.create(make_draft(honorific="女士", phone="13700000000"))
    services.customers.delete(first, owner_auth)
    details = _all_details()
    assert "13812345678" not in details
    kept = services.audit_log.page(AuditFilter(customer_id=second))[0]
    assert "13700000000" in kept.detail and kept.subject == f"客户 #{second} 王建国"


def test_a_refused_deletion_erases_nothing(services, clock, owner_auth) -> None:
    from jiazheng_desktop.domain.errors import DomainError
    from jiazheng_desktop.services.service_records import ServiceRecordDraft

    wang = services.customers.create(make_draft())
    services.service_records.add(ServiceRecordDraft(wang, clock.now(), "日常保洁", None, "80"))
    with pytest.raises(DomainError):
        services.customers.delete(wang, owner_auth)
    assert "王先生" in _all_details() and "13812345678" in _all_details()
