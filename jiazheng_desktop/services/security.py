"""数据安全: the recovery code and its sheet, and what protects the key on this PC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.recovery_code import encode_key
from ..domain.staff import Role
from .backups import BackupPlace
from .context import Authorization, ServiceContext
from .settings import SettingsService

SHEET_MADE_KEY = "security.recovery_sheet_made_at"


class SecurityService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        place: Callable[[], BackupPlace | None],
        letterhead: Callable[[], object],
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._place = place
        self._letterhead = letterhead

    def encrypted(self) -> bool:
        place = self._place()
        return place is not None and place.key is not None

    def key_protection(self) -> str:
        place = self._place()
        if place is None or place.key is None:
            return "数据文件没有加密。"
        return place.key_protection

    def sheet_made_at(self) -> datetime | None:
        value = self._settings.get_value(SHEET_MADE_KEY, None)
        return datetime.fromisoformat(value) if isinstance(value, str) else None

    def _code(self) -> str:
        place = self._place()
        if place is None or place.key is None:
            raise DomainError("数据文件没有加密，没有恢复码")
        return encode_key(place.key)

    def recovery_code(self, auth: Authorization | None) -> str:
        """The code itself (the owner only; audited, the code never is)."""
        self._ctx.require(auth, Role.OWNER, "查看恢复码")
        assert auth is not None
        code = self._code()
        with self._ctx.change("查看恢复码", "security") as entry:
            entry.authorized_by(auth)
        return code

    def write_recovery_sheet(self, path: Path, auth: Authorization | None) -> Path:
        """The A4 recovery sheet at ``path`` (the owner only; audited)."""
        from ..documents.recovery_sheet import render_recovery_sheet
        from ..documents.styles import Letterhead

        self._ctx.require(auth, Role.OWNER, "打印恢复单")
        assert auth is not None
        code = self._code()
        letterhead = self._letterhead()
        assert isinstance(letterhead, Letterhead)
        try:
            render_recovery_sheet(letterhead, code, self._ctx.now(), path)
        except OSError as exc:
            raise DomainError(f"无法写入 {path}（{exc.strerror}）。请换一个位置。") from exc
        with self._ctx.change("生成恢复单", "security") as entry:
            self._settings.put(SHEET_MADE_KEY, self._ctx.now().isoformat())
            entry.detail = {"文件": path.name}
            entry.authorized_by(auth)
        return path

    def reset_owner_password(self, staff_id: int, code: str, new_password: str, again: str) -> None:
        """An owner who forgot the password sets a new one with the recovery code (audited).

        The code proves the right to the data itself (it opens the file on any PC), so it may also
        reset the password of an owner; never of other staff (the owner resets theirs). Raises
        ``ValidationError`` for the new password, ``DomainError`` for a wrong code or person.
        """
        import hmac

        from ..domain.errors import ValidationError
        from ..domain.recovery_code import decode_key
        from ..domain.staff import check_password_strength, hash_password
        from ..storage.models import Staff

        errors = {}
        problem = check_password_strength(new_password)
        if problem:
            errors["password"] = problem
        elif new_password != again:
            errors["password_again"] = "两次输入的密码不一样"
        if errors:
            raise ValidationError(errors)
        place = self._place()
        if place is None or place.key is None:
            raise DomainError("数据文件没有加密，无法用恢复码重设密码；请联系安装人员")
        key = decode_key(code)  # a typing mistake is said here, with the group
        staff = Staff.get_or_none(Staff.id == staff_id)
        if staff is None or not staff.active or Role(staff.role) != Role.OWNER:
            raise DomainError("恢复码只能重设店主的密码；其他员工的密码请店主在 设置 → 员工 里重设")
        if not hmac.compare_digest(key, place.key):
            with self._ctx.change("恢复码不对", "staff") as entry:
                entry.entity_id = staff.id
                entry.detail = {"员工": staff.name}
            raise DomainError("这个恢复码不是这份数据的恢复码。请拿这家公司的“数据恢复单”逐组核对。")
        with self._ctx.change("用恢复码重设店主密码", "staff", immediate=True) as entry:
            Staff.update(
                password_hash=hash_password(new_password), failed_sign_ins=0, locked_until=None
            ).where(Staff.id == staff.id).execute()
            entry.entity_id = staff.id
            entry.detail = {"员工": staff.name}
