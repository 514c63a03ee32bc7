"""The 数据恢复单: read back from the PDF — one A4 page, the embedded font, the code's groups, the agency."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from jiazheng_desktop.documents.recovery_sheet import render_recovery_sheet
from jiazheng_desktop.documents.styles import Letterhead
from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.recovery_code import RecoveryCodeError, code_groups, encode_key, new_key
from tests.pdf_helpers import read_pdf

PRINTED = datetime(2026, 11, 23, 10, 5, tzinfo=CHINA_TZ)
HEAD = Letterhead("好帮手家政", "上海市徐汇区漕溪北路 88 号", "021-64881234")


def test_the_sheet_is_one_a4_page_with_the_code_the_agency_and_what_to_do(tmp_path: Path) -> None:
    code = encode_key(new_key())
    path = render_recovery_sheet(HEAD, code, PRINTED, tmp_path / "数据恢复单.pdf")
    pdf = read_pdf(path)
    assert len(pdf.pages) == 1
    box = PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert pdf.fonts and all(pdf.fonts.values()), pdf.fonts
    assert any("WenQuanYi" in name for name in pdf.fonts)
    text = pdf.compact
    for number, group in enumerate(code_groups(code), start=1):
        assert f"第{number}组{group}" in text, (number, group)
    for expected in (
        "数据恢复单",
        "好帮手家政",
        "上海市徐汇区漕溪北路88号",
        "021-64881234",
        "打印于2026年11月23日10:05",
        "在新电脑上或钥匙丢失时，用这个恢复码打开数据。没有它，数据和备份都无法打开。",
        "请打印后锁在保险柜或交给店主本人保管；不要拍照发到微信；不要和备份U盘放在一起。",
        "店主签字",
    ):
        assert expected in text, expected


def test_a_typed_form_of_the_code_is_printed_in_its_normal_form(tmp_path: Path) -> None:
    code = encode_key(bytes(range(32)))
    path = render_recovery_sheet(
        Letterhead("好帮手家政"), code.lower().replace("-", " "), PRINTED, tmp_path / "s.pdf"
    )
    text = read_pdf(path).compact
    assert all(group in text for group in code_groups(code))
    assert "电话" not in text  # no phone given, no empty 电话：


def test_a_wrong_code_is_never_printed(tmp_path: Path) -> None:
    code = encode_key(bytes(range(32)))
    broken = ("3" if code[0] != "3" else "4") + code[1:]
    target = tmp_path / "s.pdf"
    with pytest.raises(RecoveryCodeError):
        render_recovery_sheet(HEAD, broken, PRINTED, target)
    assert not target.exists()


def test_a_long_letterhead_still_fits_one_page(tmp_path: Path) -> None:
    head = Letterhead("好帮手家政服务有限公司" * 4, "上海市徐汇区漕溪北路 88 号 3 楼" * 6, "021-64881234")
    path = render_recovery_sheet(head, encode_key(new_key()), PRINTED, tmp_path / "s.pdf")
    assert len(read_pdf(path).pages) == 1
