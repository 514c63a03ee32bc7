"""The shared xlsx writer: typed cells read back with openpyxl, the frozen bold header, whole files or none."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.services.xlsx import Column, Money, Percent, XlsxBook, safe_sheet_title, write_xlsx

COLUMNS = (
    Column("姓名", "text", 12),
    Column("日期", "date", 12),
    Column("时间", "datetime", 17),
    Column("金额", "money", 11),
    Column("次数", "int", 8),
    Column("占比", "percent", 8),
    Column("数值", "auto", 10),
)


def _write(path: Path, rows: list[tuple], caption: str = "") -> int:
    def fill(book: XlsxBook) -> int:
        return book.sheet("测试", COLUMNS, caption).extend(rows)

    return write_xlsx(path, fill, "测试表")


def test_cells_keep_their_types(tmp_path) -> None:
    target = tmp_path / "t.xlsx"
    when = datetime(2026, 11, 23, 14, 5, tzinfo=CHINA_TZ)
    rows = [
        ('=HYPERLINK("http://x")', date(2026, 12, 31), when, 12050, 3, 0.875, Money(99)),
        ("王\x07建国", None, None, 0, 0, None, "文字"),
        ("+861391234", date(2027, 1, 1), None, -500, 1, 0.0, date(2026, 1, 2)),
    ]
    assert _write(target, rows) == 3
    book = load_workbook(target)
    sheet = book["测试"]
    assert book.properties.title == "测试表"
    assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 12 and sheet.column_dimensions["C"].width == 17
    first = sheet[2]
    assert first[0].value == '=HYPERLINK("http://x")' and first[0].data_type == "s"  # text, not a formula
    assert (
        first[1].is_date
        and first[1].value == datetime(2026, 12, 31)
        and first[1].number_format == "yyyy-mm-dd"
    )
    assert first[2].is_date and first[2].value == datetime(2026, 11, 23, 14, 5)  # local time, no zone
    assert first[2].number_format == "yyyy-mm-dd hh:mm"
    assert first[3].value == pytest.approx(120.5) and first[3].number_format == "0.00"
    assert first[3].data_type == "n"
    assert first[4].value == 3 and isinstance(first[4].value, int)
    assert first[5].value == pytest.approx(0.875) and first[5].number_format == "0.0%"
    assert (
        first[6].value == pytest.approx(0.99) and first[6].number_format == "0.00"
    )  # Money in an auto column
    second = sheet[3]
    assert second[0].value == "王建国"  # a character Excel refuses is dropped
    assert second[1].value is None and second[2].value is None and second[5].value is None
    assert second[3].value == 0 and second[6].value == "文字"
    third = sheet[4]
    assert third[0].value == "+861391234" and third[0].data_type == "s"
    assert third[3].value == pytest.approx(-5.0)
    assert third[6].is_date and third[6].number_format == "yyyy-mm-dd"
    assert not (tmp_path / "t.xlsx.part").exists()


def test_a_caption_sits_above_the_frozen_header(tmp_path) -> None:
    target = tmp_path / "c.xlsx"
    _write(target, [("a",)], caption="2026 年 11 月经营报告 · 投诉类别")
    sheet = load_workbook(target)["测试"]
    assert sheet["A1"].value == "2026 年 11 月经营报告 · 投诉类别" and sheet["A1"].font.bold
    assert sheet["A2"].value == "姓名" and sheet.freeze_panes == "A3"
    assert sheet["A3"].value == "a"


def test_wrong_values_are_refused() -> None:
    with pytest.raises(ValueError):
        Column("x", "colour")
    book = XlsxBook()
    sheet = book.sheet("s", (Column("金额", "money"),))
    with pytest.raises(TypeError):
        sheet.append((12.5,))  # money is integer fen, never a float
    with pytest.raises(ValueError):
        sheet.append((1, 2))
    book.discard()
    assert safe_sheet_title("a/b:c[d]" + "长" * 40) == "a_b_c_d_" + "长" * 23


def test_a_missing_folder_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "没有的文件夹" / "t.xlsx"
    with pytest.raises(DomainError, match="不存在"):
        _write(target, [("a",)])
    assert not target.parent.exists()


def test_a_target_that_cannot_be_replaced_is_left_as_it_was(tmp_path, monkeypatch) -> None:
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"the older file")

    def locked(self, other):  # Excel holds the file open: Windows refuses to replace it
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", locked)
    with pytest.raises(DomainError, match="正在 Excel 里打开"):
        _write(target, [("a",)])
    assert target.read_bytes() == b"the older file"
    assert list(tmp_path.iterdir()) == [target]  # no part file left


def test_a_folder_in_the_way_is_said_plainly(tmp_path) -> None:
    target = tmp_path / "t.xlsx"
    target.mkdir()
    with pytest.raises(DomainError, match=r"无法保存 t\.xlsx"):
        _write(target, [("a",)])
    assert target.is_dir() and list(tmp_path.iterdir()) == [target]


def test_an_error_while_reading_the_rows_leaves_no_file(tmp_path) -> None:
    target = tmp_path / "t.xlsx"

    def rows():
        yield ("a",)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_xlsx(target, lambda book: book.sheet("s", COLUMNS).extend(rows()))
    assert list(tmp_path.iterdir()) == []


def test_a_percent_in_an_auto_column(tmp_path) -> None:
    target = tmp_path / "p.xlsx"
    write_xlsx(target, lambda book: book.sheet("s", (Column("v", "auto"),)).extend([(Percent(0.5),), (7,)]))
    sheet = load_workbook(target)["s"]
    assert sheet["A2"].value == 0.5 and sheet["A2"].number_format == "0.0%"
    assert sheet["A3"].value == 7
