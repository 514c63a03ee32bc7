"""Column types: aware datetimes stored as sortable UTC text."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from peewee import IntegerField, TextField


def to_db_time(value: datetime) -> str:
    """An aware datetime as fixed-width UTC text, so text order is time order."""
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored; pass an aware datetime")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db_time(text: str) -> datetime:
    """Stored UTC text back to an aware datetime in the local zone."""
    # fromisoformat is ~20x faster than strptime, which matters for a page of 200 rows.
    return datetime.fromisoformat(text).astimezone()


class AwareDateTimeField(TextField):
    """A timezone-aware moment; naive datetimes are refused."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return to_db_time(value)

    def python_value(self, value: Any) -> datetime | None:
        if value is None:
            return None
        return from_db_time(value)


class ClockTimeField(TextField):
    """A time of day (contact windows), stored as ``HH:MM``."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return value.strftime("%H:%M")

    def python_value(self, value: Any) -> time | None:
        if value is None:
            return None
        return datetime.strptime(value, "%H:%M").time()


class FlagField(IntegerField):
    """A yes/no stored as 0 or 1 on every back-end (SQLite's booleans), so hand-written SQL reads
    ``active = 1`` alike on SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> int | None:
        if value is None:
            return None
        return 1 if value else 0

    def python_value(self, value: Any) -> bool | None:
        if value is None:
            return None
        return bool(value)


class IsoDateField(TextField):
    """A calendar day stored as ``YYYY-MM-DD`` text on every back-end (as SQLite keeps dates)."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, datetime):
            value = value.date()
        return value.isoformat()

    def python_value(self, value: Any) -> date | None:
        if value is None:
            return None
        if isinstance(value, date):
            return value
        return date.fromisoformat(value[:10])
