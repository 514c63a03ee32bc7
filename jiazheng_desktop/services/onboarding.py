"""First start on a new database: the agency's details and its owner, in one step."""

from __future__ import annotations

from dataclasses import asdict

from ..domain.errors import DomainError, ValidationError
from ..domain.staff import Role, check_password_strength, hash_password
from ..storage.models import Staff
from .context import ServiceContext
from .settings import REMINDERS_BACKFILLED_KEY, AgencyInfo, SettingsService, validate_agency


class OnboardingService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._ctx = context
        self._settings = settings

    def needs_setup(self) -> bool:
        """True until the office has an owner account."""
        return not Staff.select().exists()

    def set_up(self, agency: AgencyInfo, owner_name: str, password: str, password_again: str) -> int:
        """Store the agency and create its owner in one transaction; returns the owner's id.

        Every problem is reported at once as a ``ValidationError`` (fields: name,
        address, phone, owner_name, password, password_again).
        """
        errors: dict[str, str] = {}
        try:
            clean = validate_agency(agency)
        except ValidationError as exc:
            errors.update(exc.fields)
        name = owner_name.strip()
        if not name:
            errors["owner_name"] = "请填写店主姓名"
        elif len(name) > 20:
            errors["owner_name"] = "姓名最多 20 个字"
        problem = check_password_strength(password)
        if problem:
            errors["password"] = problem
        elif password != password_again:
            errors["password_again"] = "两次输入的密码不一样"
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("初始设置", "staff") as entry:
            if Staff.select().exists():
                raise DomainError("这个数据文件已经设置过了，请用已有的员工账号登录")
            owner = Staff.create(
                name=name, role=Role.OWNER, password_hash=hash_password(password), created_at=self._ctx.now()
            )
            for key, value in asdict(clean).items():
                self._settings.put(f"agency.{key}", value)
            # A new agency has nothing from before reminders existed to catch up on.
            self._settings.put(REMINDERS_BACKFILLED_KEY, True)
            entry.entity_id = owner.id
            entry.by, entry.by_name = owner.id, owner.name
            entry.detail = {"公司": clean.name, "店主": name}
        return int(owner.id)
