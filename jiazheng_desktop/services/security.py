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
