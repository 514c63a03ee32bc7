"""Retention (PIPL Art. 19): how long callback notes, contact notes and inactive customers are kept.

The owner sets the periods (``save_policy``); a contact period under two years is refused.
"""

from __future__ import annotations

from ..domain.errors import ValidationError
from ..domain.privacy import (
    CONTACT_YEARS_DEFAULT,
    INACTIVE_YEARS_DEFAULT,
    RetentionPolicy,
    validate_retention,
)
from ..domain.staff import Role
from .context import Authorization, ServiceContext
from .settings import SettingsService

CONTACT_YEARS_KEY = "privacy.contact_years"
INACTIVE_YEARS_KEY = "privacy.inactive_customer_years"
"""Stored as a number of years, or null for "never"."""


def _years(value: object, default: int | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def period_text(years: int | None) -> str:
    """``3 年`` or ``永久保存`` (for settings and the privacy notice)."""
    return "永久保存" if years is None else f"{years} 年"


class RetentionService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._ctx = context
        self._settings = settings

    def policy(self) -> RetentionPolicy:
        """The periods in force (the defaults until the owner changes them)."""
        contact = _years(self._settings.get_value(CONTACT_YEARS_KEY), CONTACT_YEARS_DEFAULT)
        inactive_value = self._settings.get_value(INACTIVE_YEARS_KEY, INACTIVE_YEARS_DEFAULT)
        inactive = None if inactive_value is None else _years(inactive_value, INACTIVE_YEARS_DEFAULT)
        try:  # a value stored out of range by hand falls back to the defaults, never below two years
            return validate_retention(contact or CONTACT_YEARS_DEFAULT, inactive)
        except ValidationError:
            return RetentionPolicy()

    def save_policy(
        self, contact_years: int, inactive_customer_years: int | None, auth: Authorization | None
    ) -> RetentionPolicy:
        """Change the periods (the owner only); a contact period under two years is refused with why."""
        policy = validate_retention(contact_years, inactive_customer_years)
        with self._ctx.change("修改保存期限", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改个人信息保存期限")
            assert auth is not None
            before = self.policy()
            self._settings.put(CONTACT_YEARS_KEY, policy.contact_years)
            self._settings.put(INACTIVE_YEARS_KEY, policy.inactive_customer_years)
            entry.detail = {
                "回访和联系记录": f"{period_text(before.contact_years)} → {period_text(policy.contact_years)}",
                "不活跃客户": f"{period_text(before.inactive_customer_years)}"
                f" → {period_text(policy.inactive_customer_years)}",
            }
            entry.authorized_by(auth)
        return policy
