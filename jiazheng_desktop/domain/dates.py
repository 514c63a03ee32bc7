"""Dates as they are written in Chinese scripts and letters."""

from __future__ import annotations

from datetime import date


def chinese_date(day: date) -> str:
    """``2026年11月9日`` (no zero padding).

    Built by hand: strftime's "%-m" is refused by the Windows C library.
    """
    return f"{day.year}年{day.month}月{day.day}日"
