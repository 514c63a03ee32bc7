"""Times as the desk reads them, in the zone of the injected clock (stored times come back in the PC's)."""

from __future__ import annotations

from datetime import datetime, tzinfo


def short_time(moment: datetime, zone: tzinfo | None) -> str:
    """``11-26 10:00``."""
    return f"{moment.astimezone(zone):%m-%d %H:%M}"


def full_time(moment: datetime, zone: tzinfo | None) -> str:
    """``2026-11-26 10:00``."""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"
