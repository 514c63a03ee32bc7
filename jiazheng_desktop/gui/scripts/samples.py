"""Sample values for the script editor's preview."""

from __future__ import annotations

from datetime import timedelta

from ...domain.dates import chinese_date
from ...domain.errors import DomainError
from ...domain.privacy import Purpose
from ...services import Services

SAMPLE_VALUES: dict[str, str] = {
    "称呼": "王先生",
    "客户姓名": "王建国",
    "服务人员": "刘阿姨",
    "服务类型": "日常保洁",
    "金额": "¥200.00",
    "券码": "7KQ9-M3XP",
    "事件编号": "SJ-2026-0042",
    "问题": "厨房油烟机没有擦干净",
    "家庭备注": "家里有老人，养了一只猫",
    "家庭备注句": "家里有老人，养了一只猫",
    "经理": "陈志强",
    "节日": "中秋节",
    "套餐": "日常保洁季卡（每周两次）",
}
"""Made-up values for the preview; dates, the agency and the staff member come from the program."""


def sample_values(services: Services) -> dict[str, str]:
    """What the preview fills in: fixed samples, dates from the injected clock, the agency's own details.

    The agency's name and phone stay empty until set in 设置, so the preview shows them as gaps;
    {同意用途} and {同意内容} are those of 家庭备注.
    """
    now = services.context.now()
    agency = services.settings.agency()
    values = dict(SAMPLE_VALUES)
    values.update(
        {
            "日期": chinese_date(now),
            "回访日期": chinese_date(now + timedelta(days=3)),
            "服务日期": chinese_date(now - timedelta(days=2)),
            "有效期": chinese_date(now + timedelta(days=90)),
            "合同到期日": chinese_date(now + timedelta(days=14)),
            "公司名称": agency.name,
            "公司电话": agency.phone,
            "客服": services.context.on_duty_name,
        }
    )
    # The consent placeholders show a real wording (the one staff would read for 家庭备注 now).
    try:
        wording = services.consents.current_wording(Purpose.HOUSEHOLD_NOTES)
    except DomainError:
        pass
    else:
        values.update(services.scripts.consent_values({Purpose.HOUSEHOLD_NOTES: wording}))
    return values
