"""Errors that carry a message meant for the user (in Chinese)."""

from __future__ import annotations


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
