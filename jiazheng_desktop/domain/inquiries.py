"""A first inquiry: someone calls to ask (a service, a price, a time) and becomes a 潜在 customer.

The desk records it in seconds: who (a name, or only a surname with a form of address: 李 + 女士 → 李女士),
the phone, what they asked, what they were told (the first-inquiry script, filled in), and the day to
call back. The customer's stage is derived (``domain.lifecycle``): no service yet, 潜在; the first
service makes them 新客.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .errors import ValidationError

ASKED_MAX = 500
ANSWERED_MAX = 2000
FOLLOW_UP_MAX_DAYS = 180
"""A follow-up further away than this is a typing mistake (a year instead of a month)."""


@dataclass(frozen=True)
class InquiryDraft:
    """What the inquiry dialog hands to the service, as typed (the customer's fields are checked by the
    customer rules: name, phone)."""

    name: str
    """A full name, or only the surname when that is all the caller said."""
    honorific: str
    phone: str
    service: str = ""
    """The service asked about (one of ``SERVICE_TYPES``), or empty."""
    asked: str = ""
    answered: str = ""
    follow_up_on: date | None = None


@dataclass(frozen=True)
class CleanInquiry:
    service: str
    asked: str
    answered: str
    follow_up_on: date | None


def validate_inquiry(draft: InquiryDraft, today: date, service_types: tuple[str, ...]) -> CleanInquiry:
    """The inquiry's own fields checked (``ValidationError`` by field); the customer's are checked apart."""
    errors: dict[str, str] = {}
    asked = draft.asked.strip()
    answered = draft.answered.strip()
    if not asked and not draft.service:
        errors["asked"] = "请写下客户问了什么（服务、价格、时间……），或选择咨询的服务"
    elif len(asked) > ASKED_MAX:
        errors["asked"] = f"咨询内容最多 {ASKED_MAX} 个字，现在是 {len(asked)} 个"
    if len(answered) > ANSWERED_MAX:
        errors["answered"] = f"回答最多 {ANSWERED_MAX} 个字，现在是 {len(answered)} 个"
    if draft.service and draft.service not in service_types:
        errors["service"] = "请从列表中选择服务"
    follow = draft.follow_up_on
    if follow is not None:
        if follow < today:
            errors["follow_up_on"] = f"跟进日期 {follow:%Y-%m-%d} 已经过去了，请选今天或以后的日子"
        elif follow > today + timedelta(days=FOLLOW_UP_MAX_DAYS):
            errors["follow_up_on"] = f"跟进日期最多在 {FOLLOW_UP_MAX_DAYS} 天以内，请检查年份和月份"
    if errors:
        raise ValidationError(errors)
    return CleanInquiry(draft.service, asked, answered, follow)


def inquiry_summary(service: str, asked: str) -> str:
    """One line for the timeline and the reminder: "咨询 深度保洁：三居室多少钱，周六能来吗"."""
    what = "：".join(part for part in (service, asked) if part)
    return f"咨询 {what}" if what else "咨询"
