"""Agency settings (name, address, phone …), stored as key/value rows."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from ..domain.errors import ValidationError
from ..domain.phones import PhoneError, normalize_phone
from ..domain.staff import Role
from ..storage.models import Setting
from .context import Authorization, ServiceContext

SCRIPTS_SEEDED_KEY = "scripts.seeded"
"""Set once the default script templates went in (deleting them later does not bring them back)."""

CONSENT_SCRIPTS_SEEDED_KEY = "scripts.consent_seeded"
"""Set once the 征求同意 scripts went in (with the others, or later into a library seeded before them)."""

RETENTION_SCRIPTS_SEEDED_KEY = "scripts.vip_retention_seeded"
"""Set once the VIP retention script went in (with the others, or later into a library seeded before it)."""

SURVEY_SCRIPTS_SEEDED_KEY = "scripts.survey_seeded"
"""Set once the 满意度回访 script went in (with the others, or later into a library seeded before it)."""

SCRIPT_SEED_KEYS = (
    SCRIPTS_SEEDED_KEY,
    CONSENT_SCRIPTS_SEEDED_KEY,
    RETENTION_SCRIPTS_SEEDED_KEY,
    SURVEY_SCRIPTS_SEEDED_KEY,
)
"""Every mark of scripts seeded: while one is unset, ``ScriptService.ensure_seeded`` has something to add."""

REMINDERS_BACKFILLED_KEY = "reminders.backfilled"
"""Set once the reminders of what was there before reminders existed were made (or on a new agency)."""

LOCK_IDLE_MINUTES_KEY = "desk.lock_idle_minutes"
"""After this many minutes without a key or mouse touched, the window locks (the owner sets it)."""
LOCK_IDLE_MINUTES_DEFAULT = 10
LOCK_IDLE_MINUTES_RANGE = (1, 120)


@dataclass
class AgencyInfo:
    """The agency's own details; they head every printed document."""

    name: str = ""
    address: str = ""
    phone: str = ""


class SettingsService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def get_value(self, key: str, default: Any = None) -> Any:
        """A stored setting, decoded from JSON, or ``default``."""
        row = Setting.get_or_none(Setting.key == key)
        return default if row is None else json.loads(row.value)

    def put(self, key: str, value: Any) -> None:
        """Store a setting (inside the caller's transaction; services only)."""
        stored = json.dumps(value, ensure_ascii=False)
        Setting.insert(key=key, value=stored).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: stored}
        ).execute()

    def agency(self) -> AgencyInfo:
        """The agency's details (empty strings until set)."""
        return AgencyInfo(**{k: self.get_value(f"agency.{k}", "") for k in ("name", "address", "phone")})

    def save_agency(self, info: AgencyInfo, auth: Authorization | None) -> AgencyInfo:
        """Save the agency's details (the owner only); returns them as stored."""
        clean = validate_agency(info)
        with self._ctx.change("修改公司信息", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改公司信息")
            assert auth is not None
            before = self.agency()
            for key, value in asdict(clean).items():
                self.put(f"agency.{key}", value)
            entry.detail = {
                k: f"{getattr(before, k)} → {v}" for k, v in asdict(clean).items() if getattr(before, k) != v
            }
            entry.authorized_by(auth)
        return clean

    def lock_idle_minutes(self) -> int:
        """Minutes of no input before the window locks itself."""
        value = self.get_value(LOCK_IDLE_MINUTES_KEY, LOCK_IDLE_MINUTES_DEFAULT)
        low, high = LOCK_IDLE_MINUTES_RANGE
        return value if isinstance(value, int) and low <= value <= high else LOCK_IDLE_MINUTES_DEFAULT

    def save_lock_idle_minutes(self, minutes: int, auth: Authorization | None) -> int:
        """Change the idle time before the window locks (the owner only)."""
        low, high = LOCK_IDLE_MINUTES_RANGE
        if not low <= minutes <= high:
            raise ValidationError({"lock_idle_minutes": f"自动锁定时间请填 {low} 到 {high} 分钟"})
        with self._ctx.change("修改自动锁定时间", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改自动锁定时间")
            assert auth is not None
            before = self.lock_idle_minutes()
            self.put(LOCK_IDLE_MINUTES_KEY, minutes)
            entry.detail = {"空闲自动锁定": f"{before} 分钟 → {minutes} 分钟"}
            entry.authorized_by(auth)
        return minutes


def validate_agency(info: AgencyInfo) -> AgencyInfo:
    """Check the agency's details; raise ``ValidationError`` naming the fields to fix."""
    errors: dict[str, str] = {}
    name = info.name.strip()
    if not name:
        errors["name"] = "请填写公司名称，它会印在通知书抬头"
    elif len(name) > 40:
        errors["name"] = "公司名称最多 40 个字"
    phone = info.phone.strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except PhoneError as exc:
            errors["phone"] = str(exc)
    if len(info.address) > 120:
        errors["address"] = "地址最多 120 个字"
    if errors:
        raise ValidationError(errors)
    return AgencyInfo(name=name, address=info.address.strip(), phone=phone)
