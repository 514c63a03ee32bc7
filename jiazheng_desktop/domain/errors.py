"""Errors that carry a message meant for the user (in Chinese)."""

from __future__ import annotations

from datetime import datetime


class DomainError(Exception):
    """A rule was broken; ``str(error)`` is a Chinese message that says what to fix."""


class ValidationError(DomainError):
    """Input is wrong. ``fields`` maps a field name to the message to show next to it."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("；".join(self.fields.values()))


class NotFoundError(DomainError):
    """The thing asked for does not exist (any more)."""


class PermissionDenied(DomainError):
    """The person at the desk may not do this without a higher role."""


class ConflictError(DomainError):
    """Someone else saved the same record after it was read here; this save was refused.

    ``by`` is who saved it (empty when the log does not say) and ``at`` when (None when unknown);
    the message says so and that what was typed is still in the window.
    """

    def __init__(self, what: str, by: str, at: datetime | None) -> None:
        self.what = what
        self.by = by
        self.at = at
        who = by or "另一位同事"
        when = f"在 {at.month}月{at.day}日 {at:%H:%M} " if at is not None else "刚刚"
        super().__init__(
            f"{what}{when}被{who}修改过，您这次的保存没有生效，以免覆盖对方的修改。"
            "您填写的内容还在窗口里：请先记下或复制您的修改，关闭后重新打开查看对方的修改，"
            "再把您的修改填上保存。"
        )
