"""Reading the sheets to import: xlsx, xls, csv in UTF-8 (BOM or not) and GBK; damaged, empty, locked files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.domain.imports import ImportKind, cell_date, cell_text, guess_mapping, phones_in
from jiazheng_desktop.services.import_files import decode_csv, read_table
from tests.services.import_sheets import write_csv, write_xls, write_xlsx

CUSTOMERS = ImportKind.CUSTOMERS
ROWS = [
    ["姓名", "电话", "地址"],
    ["王建国", "13912345678", "浦东新区幸福路 1 号"],
    ["李秀英", "13812345678", "徐汇区"],
]


def test_an_xlsx_gives_its_headers_rows_and_row_numbers(tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "客户.xlsx",
        ["姓名", "电话", "签约日期"],
        [["王建国", 13912345678, date(2026, 1, 5)], [None, None, None], ["李秀英", 13912345679.0, None]],
        title="客户名单",
    )
    table = read_table(path, CUSTOMERS)
    assert (table.headers, table.header_row_number, table.row_numbers) == (
        ["姓名", "电话", "签约日期"],
        2,
        [3, 5],
    )
    assert [cell_text(v) for v in table.rows[0]] == ["王建国", "13912345678", "2026-01-05"]
    assert cell_text(table.rows[1][1]) == "13912345679"
    assert table.sheet_name == "客户"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_a_csv_in_each_encoding_wps_and_excel_write(tmp_path, encoding) -> None:
    table = read_table(write_csv(tmp_path / "客户.csv", ROWS, encoding), CUSTOMERS)
    assert table.headers == ["姓名", "电话", "地址"]  # no BOM left in the first header
    assert table.rows == [ROWS[1], ROWS[2]]


def test_gbk_is_not_mistaken_for_utf8() -> None:
    assert decode_csv("客户姓名,电话\n".encode("gbk")) == "客户姓名,电话\n"
    assert decode_csv("\ufeff姓名".encode()) == "姓名"


def test_a_csv_with_semicolons_or_tabs(tmp_path) -> None:
    path = tmp_path / "客户.csv"
    path.write_text("姓名;电话\n王建国;13912345678\n", encoding="utf-8")
    assert read_table(path, CUSTOMERS).rows == [["王建国", "13912345678"]]


def test_an_old_xls_file(tmp_path) -> None:
    path = write_xls(
        tmp_path / "客户.xls", ["姓名", "手机"], [["王建国", 13912345678], ["李秀英", "138 1234 5678"]]
    )
    table = read_table(path, CUSTOMERS)
    assert table.headers == ["姓名", "手机"]
    assert [cell_text(v) for row in table.rows for v in row] == [
        "王建国",
        "13912345678",
        "李秀英",
        "138 1234 5678",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("坏的.xlsx", b"PK\x03\x04 not really a zip archive" * 10, "可能已损坏"),
        ("坏的.xls", b"\x00\x01garbage" * 50, "可能已损坏"),
        ("空的.xlsx", b"", "空文件"),
        ("空的.csv", b"\n\n", "空文件"),
        ("简历.docx", b"PK\x03\x04", "不是可以导入的表格"),
    ],
)
def test_a_damaged_empty_or_unsupported_file_is_a_chinese_message(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DomainError, match=message):
        read_table(path, CUSTOMERS)


def test_a_missing_file_a_header_only_sheet_and_an_empty_workbook(tmp_path) -> None:
    with pytest.raises(DomainError, match="找不到文件"):
        read_table(tmp_path / "没有.xlsx", CUSTOMERS)
    with pytest.raises(DomainError, match="只有表头"):
        read_table(write_xlsx(tmp_path / "表头.xlsx", ["姓名", "电话"], []), CUSTOMERS)
    with pytest.raises(DomainError, match="没有任何内容"):
        read_table(write_xlsx(tmp_path / "空表.xlsx", [], []), CUSTOMERS)


def test_a_file_open_in_excel_says_to_close_it(tmp_path, monkeypatch) -> None:
    path = write_xlsx(tmp_path / "客户.xlsx", ["姓名", "电话"], [["王建国", 13912345678]])

    def locked(_self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")  # what Windows says while Excel holds the file

    monkeypatch.setattr(Path, "read_bytes", locked)
    with pytest.raises(DomainError, match="正被别的程序（例如 Excel 或 WPS）打开"):
        read_table(path, CUSTOMERS)


# -- the rules of the cells and headers (domain) ----------------------------------------------------------


def test_cells_become_what_would_have_been_typed() -> None:
    assert cell_text(13912345678.0) == "13912345678"
    assert cell_text(13912345678) == "13912345678"
    assert cell_text(99.5) == "99.5"
    assert cell_text("  王\u3000建国 ") == "王 建国"
    assert cell_text(None) == "" and cell_text(True) == "是"
    assert phones_in(["139 1234 5678 / 138-1234-5678", "13912345678"]) == [
        "139 1234 5678",
        "138-1234-5678",
        "13912345678",
    ]
    assert phones_in(["13912345678，13812345678"]) == ["13912345678", "13812345678"]


def test_dates_in_the_forms_people_write_them() -> None:
    for text in ("2026-01-05", "2026/1/5", "2026年1月5日", "20260105", "2026.1.5"):
        assert cell_date(text) == date(2026, 1, 5)
    assert cell_date(46027.0) == date(2026, 1, 5)  # a date cell read as its serial number
    assert cell_date("") is None
    with pytest.raises(ValueError, match="不是存在的日期"):
        cell_date("2026-02-30")


def test_headers_are_guessed_in_chinese_and_english() -> None:
    chinese = [
        "序号",
        "客户姓名",
        "手机号",
        "住址",
        "区域",
        "客户类型",
        "推荐人",
        "会员等级",
        "备注",
        "联系电话",
    ]
    assert guess_mapping(CUSTOMERS, chinese) == {
        1: "name", 2: "phone", 3: "address", 4: "district", 5: "customer_type", 6: "referrer",
        7: "vip_tier", 8: "household_notes", 9: "phone2",
    }  # fmt: skip
    assert guess_mapping(CUSTOMERS, ["Name", "Mobile", "Address", "VIP", "Note"]) == {
        0: "name", 1: "phone", 2: "address", 3: "vip_tier", 4: "household_notes",
    }  # fmt: skip
    assert guess_mapping(CUSTOMERS, ["客户手机", "称呼"]) == {0: "phone", 1: "name"}
    contracts = guess_mapping(
        ImportKind.CONTRACTS, ["客户", "客户电话", "套餐", "开始日期", "结束日期", "金额"]
    )
    assert contracts == {
        0: "customer_name",
        1: "customer_phone",
        2: "package",
        3: "start_on",
        4: "end_on",
        5: "price",
    }
    # what the user chose before wins, including a column left out
    assert guess_mapping(CUSTOMERS, ["姓名", "电话", "地址"], {"地址": "", "电话": "phone2"}) == {
        0: "name",
        1: "phone2",
    }
