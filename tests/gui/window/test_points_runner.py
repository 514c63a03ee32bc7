"""The points job in the window: off the GUI thread at start and each new day; what it did in the status bar."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jiazheng_desktop.domain.points import PointsRule, TierRule
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.window.points_runner import install_points
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.storage.models import Customer
from tests.conftest import make_draft


@pytest.fixture
def window(qtbot, services, qsettings, no_message_boxes):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.show()
    runner = install_points(win, services)
    win.points_runner = runner
    yield win
    runner.stop()
    win.reminders.stop()


def test_the_daily_run_expires_points_and_says_so_then_finds_nothing(
    qtbot, window, services, clock, owner_auth
) -> None:
    services.points.save_rules(PointsRule(expiry_months=1), TierRule(), owner_auth)
    customer = services.customers.create(make_draft())
    services.service_records.add(ServiceRecordDraft(customer, clock.now(), amount_text="2500"))
    clock.advance(timedelta(days=400))
    runner = window.points_runner
    with qtbot.waitSignal(runner.finished, timeout=10000) as blocker:
        runner.run()
    assert blocker.args == ["积分到期 2500 分（1 位客户）；会员等级变化 1 位"]
    assert window.statusBar().currentMessage() == blocker.args[0]
    assert Customer.get_by_id(customer).points == 0 and Customer.get_by_id(customer).vip_tier == 0
    with qtbot.waitSignal(runner.finished, timeout=10000) as again:
        runner.run()
    assert again.args == [""]  # idempotent: nothing left to do
