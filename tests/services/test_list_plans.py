"""The complaint and voucher lists' own keyset reads use an index for their order (migration 11):
the page after a row is a seek, not a sort of every matching row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jiazheng_desktop.services.incident_lists import IncidentFilter
from jiazheng_desktop.services.paging import KeysetList
from jiazheng_desktop.services.vouchers import VoucherFilter
from jiazheng_desktop.storage.models import db
from tests.services.test_list_paging import fill_incidents, fill_vouchers

pytestmark = pytest.mark.sqlite_only  # SQLite's own query plans (EXPLAIN QUERY PLAN, its index names)


def _page_plans(monkeypatch: pytest.MonkeyPatch, make_listing: Callable[[], KeysetList[Any]]) -> list[str]:
    """The query plans of the reads of the second page (after the first one's last key)."""
    seen: list[tuple[str, list[Any]]] = []
    database = db.obj
    real = database.execute_sql

    def spy(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if sql.startswith("SELECT") and sql.endswith("LIMIT ?"):
            seen.append((sql, list(params or [])))
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", spy)
    listing = make_listing()
    key = listing.after(None, 50).last
    seen.clear()
    assert listing.after(key, 50).rows
    assert seen
    return [
        " | ".join(str(r[-1]) for r in real(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())
        for sql, params in seen
    ]


@pytest.mark.parametrize(
    ("flt", "index"),
    [
        (IncidentFilter(view="all", sort="reported_at"), "incident_reported"),
        (IncidentFilter(view="open", sort="reported_at"), "incident_status"),
        (IncidentFilter(view="all", sort="severity", descending=False), "incident_by_severity"),
        (IncidentFilter(view="all", sort="level"), "incident_by_level"),
        (IncidentFilter(view="all", sort="step"), "incident_by_step"),
    ],
)
def test_incident_pages_seek_their_index(services, monkeypatch, flt: IncidentFilter, index: str) -> None:
    fill_incidents(300)
    for plan in _page_plans(monkeypatch, lambda: services.incident_lists.listing(flt)):
        assert index in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    ("flt", "index"),
    [
        (VoucherFilter(view="all", sort="created_at"), "voucher_by_created"),
        (VoucherFilter(view="all", sort="valid_until", descending=False), "voucher_by_valid_until"),
        (VoucherFilter(view="active", sort="valid_until", descending=False), "voucher_status"),
        (VoucherFilter(view="all", sort="value"), "voucher_by_value"),
        (VoucherFilter(view="all", sort="per_use"), "voucher_by_per_use"),
        (VoucherFilter(view="all", sort="code"), "sqlite_autoindex_voucher"),
    ],
)
def test_voucher_pages_seek_their_index(services, monkeypatch, flt: VoucherFilter, index: str) -> None:
    fill_vouchers(300)
    for plan in _page_plans(monkeypatch, lambda: services.vouchers.listing(flt)):
        assert index in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("kind", [None, "renewal"])
def test_reminder_centre_pages_seek_the_active_reminders_index(
    services, monkeypatch, kind: str | None
) -> None:
    from tests.services.test_list_paging import fill_reminders

    fill_reminders(services.context.now(), 400)
    for plan in _page_plans(monkeypatch, lambda: services.reminders.listing(kind)):
        assert "reminder_active_wake" in plan and "TEMP B-TREE" not in plan, plan
