"""Sheets to import, written as Excel, WPS and old systems write them (real files under tmp_path)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

CUSTOMER_HEADERS = ["客户姓名", "手机", "住址", "区域", "客户类型", "VIP", "备注"]

CUSTOMER_ROWS: list[list[Any]] = [
    ["王建国", 13912345678, "幸福小区 3 号楼 201", "浦东新区", "上班族", "金卡", ""],  # row 3: int phone
    [
        "李秀英",
        13912345679.0,
        "阳光花园 5 栋",
        "徐汇区",
        "老人",
        "",
        "家里有老人，怕吵",
    ],  # row 4: float phone
    ["", 13912345670, "无名路 1 号", "", "", "", ""],  # row 5: no name
    ["赵六", "1391234567", "", "", "", "", ""],  # row 6: a digit missing
    [
        "孙女士",
        "139 1234 5601 / 138-1234-5602",
        "",
        "静安区",
        "",
        "银卡",
        "",
    ],  # row 7: two phones, spaces, dashes
    ["周先生", "13812345603，13812345604", "", "", "", "", ""],  # row 8: two phones with a Chinese comma
    ["张三", 13800000001, "新地址 8 号", "黄浦区", "", "", ""],  # row 9: the phone of the existing 张三
    ["王建国", 13912345678, "", "", "", "", ""],  # row 10: repeats row 3
]
"""Rows 3 … 10 of ``customer_sheet`` (row 1 a title, row 2 the header)."""


def write_xlsx(
    path: Path, headers: Sequence[Any], rows: Sequence[Sequence[Any]], title: str | None = None
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "客户"
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def customer_sheet(folder: Path, name: str = "客户名单.xlsx") -> Path:
    """An xlsx as WPS saves it: a title row, Chinese headers, phones as numbers (int and float)."""
    return write_xlsx(folder / name, CUSTOMER_HEADERS, CUSTOMER_ROWS, title="好帮手家政客户名单")


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str) -> Path:
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xls(path: Path, headers: Sequence[Any], rows: Sequence[Sequence[Any]]) -> Path:
    """An old-style .xls (BIFF8), as Excel 2003 and WPS's 兼容 format write it."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("客户")
    for column, header in enumerate(headers):
        sheet.write(0, column, header)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            sheet.write(number, column, value)
    workbook.save(str(path))
    return path


def read_xlsx(path: Path) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def wps_customers(folder: Path, count: int = 2000) -> tuple[Path, dict[str, int]]:
    """``count`` customers as WPS exports them, with a few bad rows and a few duplicates; the expected counts.

    Every 97th row has no name, every 89th a phone with a digit missing (the bad rows); every 101st
    repeats the phone of the row before it (a duplicate within the file), and the first five rows use
    the phones of existing customers (13800000001 … 5, made by the test).
    """
    rows: list[list[Any]] = []
    good_row: list[bool] = []
    bad = duplicates = 0
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    for n in range(count):
        phone: Any = float(13600000000 + n * 7)
        name = (
            f"{surnames[n % len(surnames)]}{'建国秀英志强桂兰'[n % 4]}{'一二三四五六七八九十'[n // 200 % 10]}"
        )
        good = False
        if n < 5:
            phone = float(13800000001 + n)
            duplicates += 1
        elif n % 97 == 0:
            name = ""
            bad += 1
        elif n % 89 == 0:
            phone = str(int(phone))[:-1]
            bad += 1
        elif n % 101 == 0 and good_row[-1]:
            phone = rows[-1][1]
            duplicates += 1
        else:
            good = True
        good_row.append(good)
        rows.append([name, phone, f"幸福路 {n} 号", "浦东新区", "上班族" if n % 3 else "", ""])
    path = write_xlsx(
        folder / "WPS客户导出.xlsx", ["客户姓名", "手机号码", "地址", "区", "客户类型", "会员等级"], rows
    )
    return path, {"rows": count, "bad": bad, "duplicates": duplicates, "good": count - bad - duplicates}
