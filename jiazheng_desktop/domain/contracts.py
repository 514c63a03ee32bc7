"""Contracts and packages (合同/套餐) and the renewal work around their end date.

Pure rules: which packages exist, what a valid contract is, the statuses a contract
passes through and the steps staff record while trying to renew it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .errors import ValidationError
from .money import parse_yuan

PACKAGES = ("保洁套餐", "钟点工包月", "育儿嫂", "月嫂", "老人陪护", "家电清洗套餐")

LOST_REASONS = ("价格原因", "搬家", "不再需要", "对服务不满意", "选择了别家", "其他")

RENEWAL_WINDOW_DAYS = 30
"""The renewals view looks this many days ahead by default."""

MAX_CONTRACT_YEARS = 10
"""A contract longer than this is almost surely a typo in the year."""


class ContractStatus(StrEnum):
    ACTIVE = "active"
    RENEWED = "renewed"
    LOST = "lost"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ContractStatus.ACTIVE: "进行中",
    ContractStatus.RENEWED: "已续约",
    ContractStatus.LOST: "已流失",
    ContractStatus.ENDED: "已结束",
}


class RenewalStep(StrEnum):
    """What staff did about a contract that is ending (``renewal_action.kind``)."""

    CONTACTED = "contacted"
    OFFER = "offer"
    RENEWED = "renewed"
    LOST = "lost"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS = {
    RenewalStep.CONTACTED: "已联系",
    RenewalStep.OFFER: "已报优惠",
    RenewalStep.RENEWED: "已续约",
    RenewalStep.LOST: "已流失",
}


@dataclass
class ContractDraft:
    """What the contract dialog hands to the service, as typed: the price is still text in yuan."""

    customer_id: int | None
    package: str
    start_on: date | None
    end_on: date | None
    price_text: str
    notes: str = ""


@dataclass(frozen=True)
class CleanContract:
    customer_id: int
    package: str
    start_on: date
    end_on: date
    price_fen: int
    notes: str


def validate_contract(draft: ContractDraft) -> CleanContract:
    """Check a contract draft; raise ``ValidationError`` naming every field to fix."""
    errors: dict[str, str] = {}
    if draft.customer_id is None:
        errors["customer"] = "请选择客户"
    if draft.package not in PACKAGES:
        errors["package"] = "请从列表中选择套餐"
    if draft.start_on is None:
        errors["start_on"] = "请填写开始日期"
    if draft.end_on is None:
        errors["end_on"] = "请填写结束日期"
    if draft.start_on is not None and draft.end_on is not None:
        if draft.end_on <= draft.start_on:
            errors["end_on"] = "结束日期必须晚于开始日期"
        elif draft.end_on > _years_later(draft.start_on, MAX_CONTRACT_YEARS):
            errors["end_on"] = f"合同期限不能超过 {MAX_CONTRACT_YEARS} 年，请检查年份"
    price = 0
    try:
        price = parse_yuan(draft.price_text)
    except ValueError as exc:
        errors["price"] = str(exc)
    notes = draft.notes.strip()
    if len(notes) > 500:
        errors["notes"] = "备注最多 500 字"
    if errors:
        raise ValidationError(errors)
    assert draft.customer_id is not None and draft.start_on is not None and draft.end_on is not None
    return CleanContract(
        customer_id=draft.customer_id,
        package=draft.package,
        start_on=draft.start_on,
        end_on=draft.end_on,
        price_fen=price,
        notes=notes,
    )


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def renewal_window(end_on: date, today: date, days: int = RENEWAL_WINDOW_DAYS) -> bool:
    """Whether a contract ending on ``end_on`` is due for renewal work ``today``.

    True from ``days`` days before the end onwards, including after the end date:
    a contract that has run out with no outcome recorded still needs one.
    """
    return end_on <= today + timedelta(days=days)


def days_left(end_on: date, today: date) -> int:
    """Days until the contract ends (0 on the last day, negative once it has run out)."""
    return (end_on - today).days


def days_left_text(end_on: date, today: date) -> str:
    """``还剩 5 天`` / ``今天到期`` / ``已过期 3 天`` for the renewals list."""
    left = days_left(end_on, today)
    if left > 0:
        return f"还剩 {left} 天"
    if left == 0:
        return "今天到期"
    return f"已过期 {-left} 天"
