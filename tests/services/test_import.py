"""Importing customers, workers and contracts from real sheets: checks, duplicates, one transaction, one audit row."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jiazheng_desktop.domain.contracts import ContractDraft, ContractStatus
from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.domain.imports import DuplicateChoice, ImportKind
from jiazheng_desktop.domain.privacy import ConsentState, Purpose
from jiazheng_desktop.domain.workers import WorkerDraft
from jiazheng_desktop.services.changes import ChangeKind
from jiazheng_desktop.services.consents import state_of
from jiazheng_desktop.services.imports import ImportCancelled
from jiazheng_desktop.storage.models import AuditLog, Consent, Contract, Customer, Reminder, Worker
from tests.conftest import expect_change, make_draft
from tests.services.import_sheets import customer_sheet, read_xlsx, wps_customers, write_xlsx

CUSTOMERS = ImportKind.CUSTOMERS


@pytest.fixture
def zhang(services) -> int:
    """An existing customer, 张三 13800000001, with no address."""
    return services.customers.create(make_draft(name="张三", honorific="先生", phone="13800000001"))


def _check(services, path, kind=CUSTOMERS):
    table = services.imports.read(path, kind)
    return services.imports.check(kind, table, services.imports.mapping_for(kind, table))


def _import_rows() -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action.startswith("导入")))


def test_a_wps_sheet_is_checked_row_by_row_with_the_dialogs_rules(services, zhang, tmp_path) -> None:
    check = _check(services, customer_sheet(tmp_path))
    assert check.table.header_row_number == 2  # under the title row
    by_number = {row.row_number: row for row in check.rows}
    assert sorted(by_number) == list(range(3, 11))
    assert by_number[3].preview[:5] == ["王建国", "王建国", "13912345678", "浦东新区", "幸福小区 3 号楼 201"]
    assert by_number[4].clean.phones == ["13912345679"]  # 13912345679.0 from Excel
    assert by_number[7].clean.phones == ["13912345601", "13812345602"]
    assert by_number[7].clean.address_as == "孙女士" and by_number[7].clean.vip_tier == 1
    assert by_number[8].clean.phones == ["13812345603", "13812345604"]
    assert by_number[3].clean.customer_type == "office_worker" and by_number[3].clean.vip_tier == 2
    assert [p.text() for p in by_number[5].problems] == ["第 5 行“客户姓名”列：请填写客户姓名"]
    (typo,) = by_number[6].problems
    assert typo.column == "手机" and "11 位" in typo.message and "1391234567" in typo.message
    assert by_number[9].duplicate is not None and by_number[9].duplicate.existing_id == zhang
    assert by_number[10].duplicate is not None and by_number[10].duplicate.row_index == 0
    assert "第 3 行" in by_number[10].duplicate.description
    assert len(check.ready) == 4 and len(check.errors) == 2 and len(check.duplicates) == 2
    # the 备注 column holds household notes: not kept without the customer's consent, and said so
    assert any("家庭备注要先征得客户同意" in w for w in check.warnings)
    assert Customer.select().count() == 1  # checking saves nothing


def test_the_good_rows_are_saved_in_one_change_with_one_audit_row(services, zhang, tmp_path) -> None:
    check = _check(services, customer_sheet(tmp_path))
    with expect_change(services, ChangeKind.CUSTOMER):
        result = services.imports.save(check)
    assert (result.imported, result.filled, len(result.skipped), len(result.rejected)) == (4, 0, 2, 2)
    assert [n for n, _why in result.rejected] == [5, 6] and [n for n, _why in result.skipped] == [9, 10]
    stored = {c.name: c for c in Customer.select()}
    assert set(stored) == {"张三", "王建国", "李秀英", "孙女士", "周先生"}
    assert stored["孙女士"].phones == "13912345601,13812345602"
    assert stored["孙女士"].phone_digits == "13912345601,13812345602"
    assert stored["王建国"].search_keys == "|wangjianguo|wjg|"
    assert stored["张三"].address == ""  # skipped: the existing customer is as it was
    # no consent invented, and the household notes of the sheet were not kept
    assert stored["李秀英"].household_notes == ""
    assert Consent.select().count() == 0
    assert state_of(stored["李秀英"].id, Purpose.HOUSEHOLD_NOTES) == ConsentState.NOT_ASKED
    (audit,) = _import_rows()
    assert audit.action == "导入客户" and audit.staff_name == "李店主"
    detail = json.loads(audit.detail)
    assert detail["文件"] == "客户名单.xlsx" and detail["导入"] == 4
    assert detail["跳过重复"] == 2 and detail["有错未导入"] == 2 and detail["表格行数"] == 8


def test_duplicates_fill_blanks_or_come_in_anyway_as_chosen(services, zhang, tmp_path) -> None:
    check = _check(services, customer_sheet(tmp_path))
    row_of = {row.row_number: i for i, row in enumerate(check.rows)}
    choices = {
        check.rows[row_of[9]].index: DuplicateChoice.FILL_BLANKS,
        check.rows[row_of[10]].index: DuplicateChoice.IMPORT_ANYWAY,
    }
    result = services.imports.save(check, choices)
    assert (result.imported, result.filled) == (5, 1)
    existing = Customer.get_by_id(zhang)
    assert (existing.name, existing.address, existing.district) == ("张三", "新地址 8 号", "黄浦区")
    assert Customer.select().where(Customer.name == "王建国").count() == 2


def test_a_duplicate_within_the_file_fills_the_blanks_of_the_earlier_row(services, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "两行同一人.xlsx",
        ["姓名", "电话", "地址", "备用电话"],
        [["刘备", 13912340001, "", ""], ["刘备", 13912340001, "桃园路 1 号", 13912340002]],
    )
    check = _check(services, path)
    result = services.imports.save(check, default=DuplicateChoice.FILL_BLANKS)
    assert (result.imported, result.filled, result.merged, result.skipped) == (1, 0, 1, [])
    assert result.summary() == "导入 1 个客户，1 行重复的并入了前面的行。"
    (liu,) = Customer.select().where(Customer.name == "刘备")
    assert liu.address == "桃园路 1 号" and liu.phones == "13912340001,13912340002"


def test_the_columns_chosen_are_remembered_for_the_next_file(services, tmp_path) -> None:
    headers = ["联络人", "Nummer", "说明"]
    first = write_xlsx(tmp_path / "一.xlsx", headers, [["关羽", 13912340011, "老客户"]])
    table = services.imports.read(first, CUSTOMERS)
    assert services.imports.mapping_for(CUSTOMERS, table) == {0: "name"}  # Nummer and 说明: no guess
    check = services.imports.check(CUSTOMERS, table, {0: "name", 1: "phone"})
    services.imports.save(check)
    assert services.settings.get_value("import.mapping.customers") == {
        "联络人": "name",
        "Nummer": "phone",
        "说明": "",
    }
    second = write_xlsx(tmp_path / "二.xlsx", ["Nummer", "联络人"], [[13912340012, "张飞"]])
    assert services.imports.mapping_for(CUSTOMERS, services.imports.read(second, CUSTOMERS)) == {
        0: "phone",
        1: "name",
    }


def test_a_required_column_without_a_field_is_refused_before_checking(services, tmp_path) -> None:
    path = write_xlsx(tmp_path / "只有姓名.xlsx", ["姓名", "地址"], [["关羽", "荆州"]])
    table = services.imports.read(path, CUSTOMERS)
    with pytest.raises(DomainError, match="电话"):
        services.imports.check(CUSTOMERS, table, services.imports.mapping_for(CUSTOMERS, table))


def test_cancelling_saves_nothing_not_even_the_audit_row(services, tmp_path) -> None:
    check = _check(services, customer_sheet(tmp_path))
    with pytest.raises(ImportCancelled):
        services.imports.save(check, cancelled=lambda: True)
    assert Customer.select().count() == 0 and _import_rows() == []
    assert services.settings.get_value("import.mapping.customers") is None


def test_the_rows_not_imported_are_saved_with_their_columns_and_reason(services, zhang, tmp_path) -> None:
    path = customer_sheet(tmp_path)
    check = _check(services, path)
    result = services.imports.save(check)
    target = services.imports.write_rejected(result, check.table, tmp_path / "未导入.xlsx")
    header, *rows = read_xlsx(target)
    assert list(header) == ["客户姓名", "手机", "住址", "区域", "客户类型", "VIP", "备注", "原因"]
    assert [r[1] for r in rows] == [13912345670, "1391234567", 13800000001, 13912345678]
    assert rows[0][-1] == "“客户姓名”列：请填写客户姓名"
    assert "11 位" in rows[1][-1] and "已有客户" in rows[2][-1] and "第 3 行" in rows[3][-1]
    # fixed and imported again: the row without a name comes in now
    fixed = write_xlsx(tmp_path / "改好的.xlsx", header[:-1], [["钱七", *rows[0][1:-1]]])
    again = services.imports.save(_check(services, fixed))
    assert again.imported == 1 and Customer.select().where(Customer.name == "钱七").exists()


def test_two_thousand_customers_from_wps_come_in_with_the_right_counts(services, tmp_path) -> None:
    for n in range(5):
        services.customers.create(make_draft(name=f"老客户{'一二三四五'[n]}", phone=f"1380000000{n + 1}"))
    path, expected = wps_customers(tmp_path)
    check = _check(services, path)
    assert (len(check.rows), len(check.errors), len(check.duplicates)) == (
        expected["rows"],
        expected["bad"],
        expected["duplicates"],
    )
    result = services.imports.save(check)
    assert result.imported == expected["good"]
    assert len(result.rejected) == expected["bad"] and len(result.skipped) == expected["duplicates"]
    assert Customer.select().count() == 5 + expected["good"]
    assert len(_import_rows()) == 1
    # a search finds an imported customer by a phone fragment, as for one typed in
    assert services.customers.search("13600000035")[0].name == "杨国一"


# -- workers -------------------------------------------------------------------------------------------


def test_workers_come_in_with_their_skills_and_dates(services, tmp_path) -> None:
    services.workers.create(WorkerDraft(name="老阿姨", phone="13700000001"))
    path = write_xlsx(
        tmp_path / "阿姨.xlsx",
        ["阿姨", "手机", "工种", "背调日期", "状态"],
        [
            ["王阿姨", 13712340001, "保洁、育儿嫂", date(2026, 3, 1), "在职"],
            ["李阿姨", 13712340002.0, "月嫂 做饭", "2026/5/6", "离职"],
            ["赵阿姨", 13712340003, "开挖掘机", "", ""],
            ["钱阿姨", 13712340004, "", "下个月", ""],
            ["孙阿姨", 13700000001, "", "", ""],
        ],
    )
    check = _check(services, path, ImportKind.WORKERS)
    assert [p.text() for r in check.errors for p in r.problems] == [
        "第 4 行“工种”列：未知技能：开挖掘机",
        "第 5 行“背调日期”列：“下个月”不是日期，请写成 2026-01-05 这样",
    ]
    with expect_change(services, ChangeKind.WORKER):
        result = services.imports.save(check)
    assert (result.imported, len(result.skipped)) == (2, 1)
    wang = Worker.get(Worker.name == "王阿姨")
    assert (wang.phone, wang.skills, wang.background_check_on) == (
        "13712340001",
        "日常保洁、育儿嫂",
        date(2026, 3, 1),
    )
    assert Worker.get(Worker.name == "李阿姨").active is False
    assert json.loads(_import_rows()[0].detail)["导入"] == 2


# -- contracts -----------------------------------------------------------------------------------------


def test_contracts_name_their_customer_by_phone_or_name_and_exactly_one(services, zhang, tmp_path) -> None:
    services.customers.create(make_draft(name="王芳", honorific="女士", phone="13900000001"))
    services.customers.create(make_draft(name="王芳", honorific="女士", phone="13900000002"))
    path = write_xlsx(
        tmp_path / "合同.xlsx",
        ["客户", "客户电话", "套餐", "开始日期", "到期日", "金额", "备注"],
        [
            ["张三", 13800000001, "保洁", date(2026, 11, 1), date(2026, 12, 1), 1200, ""],  # row 2: by phone
            ["张三", "", "月嫂", "2026-01-01", "2026-03-01", "8800.5", "去年的"],  # row 3: by name, ended
            ["王芳", "", "育儿嫂", "2026-11-01", "2027-11-01", 36000, ""],  # row 4: two 王芳
            ["", 13600000000, "育儿嫂", "2026-11-01", "2027-11-01", 36000, ""],  # row 5: no such phone
            [
                "张三",
                13800000001,
                "保洁套餐",
                "2026-11-01",
                "2026-10-01",
                100,
                "",
            ],  # row 6: ends before it starts
            [
                "张三",
                13800000001,
                "保洁套餐",
                date(2026, 11, 1),
                "2027-01-01",
                1300,
                "",
            ],  # row 7: same as row 2
        ],
    )
    check = _check(services, path, ImportKind.CONTRACTS)
    problems = {r.row_number: r.reason for r in check.errors}
    assert "有 2 位客户都是“王芳”" in problems[4] and "请改填客户的电话" in problems[4]
    assert "不是已有客户的电话" in problems[5]
    assert "结束日期必须晚于开始日期" in problems[6]
    assert [r.row_number for r in check.duplicates] == [7]
    assert any("已经到期" in w for w in check.warnings)
    with expect_change(services, ChangeKind.CONTRACT):
        result = services.imports.save(check)
    assert result.imported == 2
    contracts = {c.package: c for c in Contract.select()}
    assert set(contracts) == {"保洁套餐", "月嫂"}
    assert contracts["保洁套餐"].customer_id == zhang and contracts["保洁套餐"].price_fen == 120000
    assert contracts["保洁套餐"].status == ContractStatus.ACTIVE.value
    assert contracts["月嫂"].status == ContractStatus.ENDED.value and contracts["月嫂"].price_fen == 880050
    # the active contract has its renewal reminders, as one signed in the dialog has
    assert (
        Reminder.select()
        .where(Reminder.subject == "contract", Reminder.subject_id == contracts["保洁套餐"].id)
        .exists()
    )
    assert (
        not Reminder.select()
        .where(Reminder.subject == "contract", Reminder.subject_id == contracts["月嫂"].id)
        .exists()
    )
    assert len(_import_rows()) == 1


def test_an_existing_contract_is_a_duplicate(services, zhang, tmp_path) -> None:
    services.contracts.create(ContractDraft(zhang, "保洁套餐", date(2026, 11, 1), date(2026, 12, 1), "1200"))
    path = write_xlsx(
        tmp_path / "合同.xlsx",
        ["电话", "套餐", "开始", "结束", "价格", "备注"],
        [[13800000001, "保洁套餐", "2026-11-01", "2026-12-01", 1200, "每周二上午"]],
    )
    check = _check(services, path, ImportKind.CONTRACTS)
    assert check.rows[0].duplicate is not None and check.rows[0].duplicate.existing_id is not None
    result = services.imports.save(check, default=DuplicateChoice.FILL_BLANKS)
    assert (result.imported, result.filled) == (0, 1)
    assert Contract.get().notes == "每周二上午"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_a_csv_from_wps_or_excel_comes_in(services, tmp_path, encoding) -> None:
    from tests.services.import_sheets import write_csv

    rows = [
        ["姓名", "电话", "地址"],
        ["王建国", "139-1234-5678", "浦东新区幸福路 1 号"],
        [
            "李秀英",
            "1.39123E+10",
            "徐汇区",
        ],  # as Excel writes a phone column it showed in scientific notation
    ]
    path = write_csv(tmp_path / "客户.csv", rows, encoding)
    check = _check(services, path)
    assert (
        check.rows[0].clean.phones == ["13912345678"] and check.rows[0].clean.address == "浦东新区幸福路 1 号"
    )
    (problem,) = check.rows[1].problems
    assert problem.column == "电话" and "科学计数法" in problem.message
    assert services.imports.save(check).imported == 1
