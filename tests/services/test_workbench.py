"""The 工作台 service: one of each thing due today, and the near misses it leaves out."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.deadlines import allowed_call_ranges
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.services.workbench import WorkbenchService, call_windows_text
from tests.services.workbench_data import TODAY, seed


def _workbench(services) -> WorkbenchService:
    return WorkbenchService(services.context, services.incident_rules, services.contracts)


def test_allowed_call_ranges_leave_out_meals() -> None:
    assert allowed_call_ranges(time(9), time(20)) == [
        (time(9), time(11, 30)),
        (time(13, 30), time(17, 30)),
        (time(19, 30), time(20)),
    ]
    assert allowed_call_ranges(time(12), time(13)) == []
    assert allowed_call_ranges(time(0), time(23, 59))[-1] == (time(19, 30), time(23, 59))
    assert call_windows_text(time(10), time(18)) == "10:00–11:30、13:30–17:30"


def test_each_list_holds_what_is_due_and_nothing_else(services, clock) -> None:
    data = seed(services, clock)
    bench = _workbench(services).today()
    assert bench.today == TODAY

    assert [c.incident_id for c in bench.callbacks] == [data.callback_today]
    callback = bench.callbacks[0]
    assert callback.customer_label == "王先生（王建国）" and callback.customer_id == data.customer
    assert callback.number == services.incidents.get(data.callback_today).number
    assert callback.due_at == datetime(2026, 11, 23, 9, 0, tzinfo=clock.now().tzinfo)
    assert callback.overdue
    assert callback.call_windows == "09:00–11:30、13:30–17:30、19:30–20:00"

    assert [d.incident_id for d in bench.deadlines] == [data.deadline_overdue]
    deadline = bench.deadlines[0]
    assert (deadline.deadline_label, deadline.state) == ("解决", "overdue")
    assert deadline.countdown == "已超时 2 小时" and deadline.level_label == "客服"
    assert deadline.customer_label == "张女士（张丽）"

    assert [r.contract_id for r in bench.renewals] == [data.contract_soon]
    assert [v.id for v in bench.vouchers] == [data.voucher_soon]
    assert [n.incident_id for n in bench.new_incidents] == [data.reported_today]
    assert not bench.new_incidents[0].responded and bench.new_incidents[0].category == Category.LATE


def test_lists_follow_the_clock(services, clock) -> None:
    data = seed(services, clock)
    clock.set(datetime(2026, 11, 23, 8, 30, tzinfo=clock.now().tzinfo))
    bench = _workbench(services).today()
    assert [c.incident_id for c in bench.callbacks] == [data.callback_today]
    assert not bench.callbacks[0].overdue  # due at 09:00: later today
    assert [n.incident_id for n in bench.new_incidents] == []  # reported at 09:30, not yet
    clock.set(datetime(2026, 11, 23, 21, 30, tzinfo=clock.now().tzinfo))
    bench = _workbench(services).today()
    # Its resolution is due tomorrow at 09:00: the warning started at 21:00.
    assert [d.incident_id for d in bench.deadlines] == [data.deadline_overdue, data.deadlines_met]
    assert bench.deadlines[1].state == "warning" and bench.deadlines[1].countdown == "还剩 11 小时 30 分"
    clock.set(datetime(2026, 11, 24, 9, 15, tzinfo=clock.now().tzinfo))
    bench = _workbench(services).today()
    assert {c.incident_id for c in bench.callbacks} == {data.callback_today, data.callback_tomorrow}
    # Reported yesterday and still unanswered: still new.
    assert [n.incident_id for n in bench.new_incidents] == [data.reported_today]


def test_a_callback_recorded_takes_it_off(services, clock) -> None:
    from jiazheng_desktop.services.callbacks import CallbackDraft

    data = seed(services, clock)
    services.callbacks.record_callback(
        CallbackDraft(data.callback_today, clock.now(), clock.now() + timedelta(minutes=2), True, 5)
    )
    assert _workbench(services).today().callbacks == []


def test_an_empty_database_gives_empty_lists(services) -> None:
    bench = _workbench(services).today()
    assert (bench.callbacks, bench.deadlines, bench.renewals, bench.vouchers, bench.new_incidents) == (
        [],
        [],
        [],
        [],
        [],
    )


def test_renewals_are_read_up_to_the_limit(services, clock) -> None:
    data = seed(services, clock)
    more = services.contracts.create(
        ContractDraft(
            data.customer, "钟点工包月", TODAY - timedelta(days=360), TODAY + timedelta(days=1), "1200"
        )
    )
    assert [r.contract_id for r in services.contracts.renewals_due(7)] == [more, data.contract_soon]
    assert [r.contract_id for r in services.contracts.renewals_due(7, limit=1)] == [more]
