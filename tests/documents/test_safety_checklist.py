"""家居安全隐患自查清单: the seasonal sets, which set suits a date or an incident, and the printed form."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from jiazheng_desktop.documents.safety_checklist import render_checklist
from jiazheng_desktop.documents.styles import Letterhead
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.safety_checklists import (
    AREAS,
    Checklist,
    Season,
    checklist,
    for_incident_category,
    season_for,
)
from tests.pdf_helpers import read_pdf

LETTERHEAD = Letterhead("安心家政服务有限公司", "上海市徐汇区漕溪北路 100 号", "021-12345678")


@pytest.mark.parametrize("season", list(Season))
def test_every_season_has_every_area_with_three_to_five_items(season: Season) -> None:
    chk = checklist(season)
    assert chk.season is season
    assert [area for area, _ in chk.sections] == list(AREAS)
    assert AREAS == ("用水", "燃气", "用电", "门窗与阳台", "儿童", "老人", "宠物")
    items = [item for _, area_items in chk.sections for item in area_items]
    for area, area_items in chk.sections:
        assert 3 <= len(area_items) <= 5, area
        assert all(item.strip() == item and item for item in area_items)
    assert len(items) == len(set(items))
    assert chk.title == f"家居安全隐患自查清单（{season.label}）"
    assert chk.intro and chk.tip


def test_season_values_and_sample_items() -> None:
    assert [s.value for s in Season] == ["spring", "rainy", "summer", "winter", "holiday"]
    assert [s.label for s in Season] == ["春季", "雨季", "夏季", "冬季", "节假日出行"]
    sections = {season: dict(checklist(season).sections) for season in Season}
    assert "热水器、燃气灶使用时开窗通风，谨防一氧化碳中毒" in sections[Season.WINTER]["燃气"]
    assert "阳台地漏畅通，花盆、杂物不堵排水口" in sections[Season.RAINY]["门窗与阳台"]
    assert "出门前关闭总水阀" in sections[Season.HOLIDAY]["用水"]


@pytest.mark.parametrize(
    ("day", "season"),
    [
        (date(2026, 1, 10), Season.WINTER),
        (date(2026, 2, 28), Season.WINTER),
        (date(2026, 3, 1), Season.SPRING),
        (date(2026, 5, 31), Season.SPRING),
        (date(2026, 6, 1), Season.SUMMER),
        (date(2026, 6, 14), Season.SUMMER),
        (date(2026, 6, 15), Season.RAINY),
        (date(2026, 7, 1), Season.RAINY),
        (date(2026, 7, 15), Season.RAINY),
        (date(2026, 7, 16), Season.SUMMER),
        (date(2026, 8, 20), Season.SUMMER),
        (date(2026, 9, 10), Season.SUMMER),  # 秋老虎
        (date(2026, 10, 8), Season.SPRING),  # mild, change of season
        (date(2026, 11, 23), Season.WINTER),  # heaters come out
        (date(2026, 12, 31), Season.WINTER),
    ],
)
def test_season_for(day: date, season: Season) -> None:
    assert season_for(day) is season


def test_season_for_never_picks_holiday_travel() -> None:
    days = (date(2026, 1, 1).toordinal() + n for n in range(365))
    assert {season_for(date.fromordinal(d)) for d in days} == set(Season) - {Season.HOLIDAY}


def test_for_incident_category() -> None:
    assert for_incident_category(Category.EMERGENCY) is Season.RAINY
    assert for_incident_category(Category.EMERGENCY.value) is Season.RAINY
    for category in Category:
        if category is not Category.EMERGENCY:
            assert for_incident_category(category) is None
    assert for_incident_category("") is None
    assert for_incident_category("不存在的类别") is None


@pytest.mark.parametrize("season", list(Season))
def test_render_filled_in(season: Season, tmp_path: Path) -> None:
    chk = checklist(season)
    out = render_checklist(chk, LETTERHEAD, tmp_path / "out" / "清单.pdf", "张女士", date(2026, 1, 5))
    assert out == tmp_path / "out" / "清单.pdf"
    pdf = read_pdf(out)
    assert len(pdf.pages) <= 2
    assert pdf.fonts and all(pdf.fonts.values())
    compact = pdf.compact
    assert f"家居安全隐患自查清单（{season.label}）" in compact
    assert "安心家政服务有限公司" in compact
    for area, items in chk.sections:
        assert area in compact
        assert "".join(items[0].split()) in compact
    assert "客户：张女士" in compact
    assert "日期：2026年1月5日" in compact
    assert "检查人：" in compact
    assert "燃气泄漏" in compact
    assert "备注" in compact


@pytest.mark.parametrize("season", list(Season))
def test_render_fits_one_page_even_with_a_logo(season: Season, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (31, 95, 168)).save(logo)
    head = Letterhead(LETTERHEAD.name, LETTERHEAD.address, LETTERHEAD.phone, logo)
    pdf = read_pdf(render_checklist(checklist(season), head, tmp_path / "c.pdf", "张女士", date(2026, 1, 5)))
    assert len(pdf.pages) == 1
    assert "第1页" not in pdf.compact  # one page: no page number


def test_render_blank_for_handing_out(tmp_path: Path) -> None:
    pdf = read_pdf(render_checklist(checklist(Season.WINTER), LETTERHEAD, tmp_path / "blank.pdf"))
    compact = pdf.compact
    assert "张女士" not in compact
    assert "年" not in compact.split("日期：", 1)[1][:12]
    for label in ("客户：", "日期：", "检查人："):
        assert re.search(re.escape(label) + "[_＿]{4,}", compact), label


def test_a_set_that_runs_onto_two_pages_is_numbered(tmp_path: Path) -> None:
    items = tuple(f"第 {n} 条较长的检查事项，用来把清单撑到第二页上去看看页码" for n in range(12))
    long = Checklist(Season.SPRING, "家居安全隐患自查清单（春季）", "说明", tuple((a, items) for a in AREAS))
    pdf = read_pdf(render_checklist(long, LETTERHEAD, tmp_path / "long.pdf", "李先生"))
    assert len(pdf.pages) >= 2
    for n, page in enumerate(pdf.pages, start=1):
        assert f"第{n}页" in "".join(page.split())
    assert "客户：李先生" in pdf.compact
