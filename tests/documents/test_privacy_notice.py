"""个人信息处理告知书: one A4 page, read back — what is kept and how long (from the settings), the purposes
with their wording in force, the customer's rights, how to reach the agency, and a line to sign."""

from __future__ import annotations

import json

from jiazheng_desktop.domain.backup_rotation import RotationPolicy
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.services.settings import AgencyInfo
from jiazheng_desktop.storage.models import AuditLog
from tests.pdf_helpers import read_pdf

NEW_WORDING = "我们想在节日给您打电话问候并送上红包，您同意吗？您可以随时告诉我们不再接收。"


def test_the_notice_says_what_is_kept_why_how_long_and_the_rights(services, owner_auth, data_paths) -> None:
    services.settings.save_agency(AgencyInfo("好帮手家政", "幸福路 8 号", "13812345678"), owner_auth)
    path = services.documents.privacy_notice()
    assert path.parent == data_paths.documents
    assert path.name == "个人信息处理告知书-2026-11-23.pdf"
    pdf = read_pdf(path)
    assert len(pdf.pages) == 1
    assert pdf.fonts and all(pdf.fonts.values())
    text = pdf.compact
    for expected in (
        "好帮手家政", "个人信息处理告知书", "2026年11月23日", "个人信息保护法",
        "客户资料", "家庭备注", "回访记录", "3年后删除内容，保留回访的日期", "满5年后删除", "作为账目保存",
        "备份", "最长保存约12个月",
        "回访记录保存", "营销与节日问候", "条款第1版", "为了改进服务",  # a purpose and its wording's gist
        "查阅、复制", "更正", "删除", "撤回同意",
        "打电话13812345678", "到幸福路8号找我们", "客户签字", "日期",
    ):  # fmt: skip
        assert expected in text, expected
    assert "documents" not in text  # the owner's own files are not the customer's business
    (row,) = AuditLog.select().where(AuditLog.action == "生成文件")
    assert json.loads(row.detail)["文件"] == "个人信息处理告知书"


def test_the_notice_follows_the_owners_settings_and_the_wording_in_force(services, owner_auth) -> None:
    services.retention.save_policy(4, None, owner_auth)
    services.backups.set_policy(RotationPolicy(daily=7, weekly=6, monthly=0), owner_auth)
    services.consents.save_wording(Purpose.MARKETING, NEW_WORDING, owner_auth)
    text = read_pdf(services.documents.privacy_notice()).compact
    assert "4年后删除内容" in text and "3年后删除内容" not in text
    assert "一直保存，直到客户要求删除" in text and "满5年" not in text
    assert "最长保存约6周" in text
    assert "我们想在节日给您打电话问候并送上红包，您同意吗？" in text and "条款第2版" in text


def test_long_agency_texts_still_fit_on_one_page(services, owner_auth) -> None:
    name = "好帮手家政服务有限公司城南分公司" * 2 + "第一营业部"  # 37 characters, the limit is 40
    address = "江苏省南京市秦淮区中华门外雨花路幸福里小区东门对面商业街二楼二零八室（近地铁站三号口）" * 2
    services.settings.save_agency(AgencyInfo(name, address[:120], "025-88886666"), owner_auth)
    pdf = read_pdf(services.documents.privacy_notice())
    assert len(pdf.pages) == 1
    assert address[:60] in pdf.compact and "025-88886666" in pdf.compact and "客户签字" in pdf.compact
