"""Workers (服务人员) and the visits they make (服务记录)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .errors import ValidationError
from .money import parse_yuan
from .phones import PhoneError, normalize_phone

SKILLS = ("日常保洁", "深度保洁", "钟点工", "育儿嫂", "月嫂", "老人陪护", "家电清洗", "家居维修", "做饭")
SERVICE_TYPES = ("日常保洁", "深度保洁", "钟点工", "育儿嫂", "月嫂", "老人陪护", "家电清洗", "家居维修")


@dataclass
class WorkerDraft:
    """What the worker dialog hands to the service, as typed."""

    name: str = ""
    phone: str = ""
    skills: tuple[str, ...] = ()
    background_check_on: date | None = None
    training_notes: str = ""
    active: bool = True


@dataclass
class CleanWorker:
    name: str
    phone: str
    skills: str
    background_check_on: date | None
    training_notes: str
    active: bool


def validate_worker(draft: WorkerDraft, *, today: date) -> CleanWorker:
    """Check a worker draft; raise ``ValidationError`` with every field to fix."""
    errors: dict[str, str] = {}
    name = " ".join(draft.name.split())
    if not name:
        errors["name"] = "请填写服务人员姓名"
    elif len(name) > 20:
        errors["name"] = "姓名最多 20 个字"
    phone = ""
    try:
        phone = normalize_phone(draft.phone)
    except PhoneError as exc:
        errors["phone"] = str(exc)
    unknown = [s for s in draft.skills if s not in SKILLS]
    if unknown:
        errors["skills"] = f"未知技能：{'、'.join(unknown)}"
    if draft.background_check_on is not None and draft.background_check_on > today:
        errors["background_check_on"] = "背景调查日期不能晚于今天"
    if len(draft.training_notes) > 500:
        errors["training_notes"] = "培训记录最多 500 字"
    if errors:
        raise ValidationError(errors)
    return CleanWorker(
        name=name,
        phone=phone,
        skills="、".join(s for s in SKILLS if s in draft.skills),
        background_check_on=draft.background_check_on,
        training_notes=draft.training_notes.strip(),
        active=draft.active,
    )


@dataclass
class ServiceRecordDraft:
    """One visit, as typed: the amount is still the text from the field."""

    customer_id: int
    served_at: datetime
    service_type: str = SERVICE_TYPES[0]
    worker_id: int | None = None
    amount_text: str = "0"
    notes: str = ""


@dataclass
class CleanServiceRecord:
    customer_id: int
    served_at: datetime
    service_type: str
    worker_id: int | None
    amount_fen: int
    notes: str


def validate_service_record(draft: ServiceRecordDraft, *, now: datetime) -> CleanServiceRecord:
    """Check a service record; a visit may be booked ahead, but not more than a year out."""
    errors: dict[str, str] = {}
    if draft.service_type not in SERVICE_TYPES:
        errors["service_type"] = "请从列表中选择服务类型"
    amount = 0
    try:
        amount = parse_yuan(draft.amount_text)
    except ValueError as exc:
        errors["amount"] = str(exc)
    if draft.served_at.tzinfo is None:
        raise ValueError("served_at must be timezone-aware")
    if (draft.served_at - now).days > 365:
        errors["served_at"] = "服务日期不能晚于一年以后，请检查年份"
    if (now - draft.served_at).days > 365 * 20:
        errors["served_at"] = "服务日期太早了，请检查年份"
    if len(draft.notes) > 500:
        errors["notes"] = "备注最多 500 字"
    if errors:
        raise ValidationError(errors)
    return CleanServiceRecord(
        customer_id=draft.customer_id,
        served_at=draft.served_at,
        service_type=draft.service_type,
        worker_id=draft.worker_id,
        amount_fen=amount,
        notes=draft.notes.strip(),
    )
