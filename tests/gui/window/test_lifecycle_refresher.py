"""The hourly refresh of the list's 阶段 and 流失风险, on its own thread, and again after new thresholds."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject

from jiazheng_desktop.domain.lifecycle import LifecycleRules
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.window.lifecycle_refresher import EVERY_MS, LifecycleRefresher
from jiazheng_desktop.storage.models import Customer
from tests.conftest import make_draft


def test_it_derives_again_soon_after_start_every_hour_and_after_new_thresholds(
    qtbot, services, clock, owner_auth
) -> None:
    customer = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    now = clock.now()
    for ago in (20, 34, 48, 62):
        served = datetime.combine((now - timedelta(days=ago)).date(), time(10), tzinfo=now.tzinfo)
        services.service_records.add(
            ServiceRecordDraft(customer_id=customer, served_at=served, amount_text="150")
        )
    assert Customer.get_by_id(customer).lifecycle_stage == "developing"  # 20 days: not yet twice 14
    clock.set(now + timedelta(days=10))  # 30 days without a visit
    owner = QObject()
    refresher = LifecycleRefresher(services, owner)
    assert refresher.timer.interval() == EVERY_MS
    with qtbot.waitSignal(refresher.refreshed, timeout=10_000) as first:
        refresher.start(first_in_ms=0)
    assert first.args == [1] and Customer.get_by_id(customer).lifecycle_stage == "at_risk"
    with qtbot.waitSignal(refresher.refreshed, timeout=10_000) as again:
        services.lifecycle.save_rules(LifecycleRules(at_risk_ratio=3.0), owner_auth)  # 30 < 3 × 14
    assert again.args == [1] and Customer.get_by_id(customer).lifecycle_stage == "developing"
    refresher.stop()
    assert not refresher.timer.isActive()
