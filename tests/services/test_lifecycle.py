"""The lifecycle read from the books: one customer's history, the owner's thresholds, the 工作台's list."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.lifecycle import LifecycleRules, Stage
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import make_draft


def _visits(services, clock, customer: int, days_ago: list[int], amount: str = "150") -> None:
    now = clock.now()
    for ago in days_ago:
        served = datetime.combine((now - timedelta(days=ago)).date(), time(10), tzinfo=now.tzinfo)
        services.service_records.add(
            ServiceRecordDraft(customer_id=customer, served_at=served, amount_text=amount)
        )


def test_a_new_customer_without_visits_is_a_prospect(services, clock) -> None:
    customer = services.customers.create(make_draft(name="李秀英", honorific="女士", phone="13800000001"))
    found = services.lifecycle.assess(customer)
    assert found.stage is Stage.PROSPECT
    assert found.stage_reasons == (f"还没有服务记录（{clock.now():%Y-%m-%d} 登记）",)


def test_the_history_holds_visits_money_contract_complaints_and_scores(services, clock) -> None:
    customer = services.customers.create(make_draft(name="王建国", phone="13800000002"))
    _visits(services, clock, customer, [400, 45, 31, 17, 3])
    today = clock.now().date()
    services.contracts.create(
        ContractDraft(
            customer_id=customer,
            package="保洁套餐",
            start_on=today - timedelta(days=200),
            end_on=today + timedelta(days=6),
            price_text="1200",
        )
    )
    services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category=Category.LATE.value, severity=1, customer_said="又迟到")
    )
    history = services.lifecycle.history(customer)
    assert len(history.visits) == 5 and history.visits[-1] == today - timedelta(days=3)
    assert history.paid_fen_12m == 4 * 15_000  # the visit 400 days ago is older than a year
    assert history.contract_end == today + timedelta(days=6) and not history.contract_renewed
    assert history.open_complaints == 1 and history.complaints_90d == 1
    found = services.lifecycle.assess(customer)
    assert "有 1 件投诉还没解决 +20" in found.risk_text
    assert "合同 6 天后到期，还没有续约 +15" in found.risk_text


def test_rules_are_the_owners_and_saved_with_an_audit_row(services, owner_auth) -> None:
    assert services.lifecycle.rules() == LifecycleRules()
    saved = services.lifecycle.save_rules(LifecycleRules(at_risk_ratio=3.0, lost_days=200), owner_auth)
    assert services.lifecycle.rules() == saved
    row = AuditLog.select().where(AuditLog.action == "修改客户关怀规则").get()
    assert "3.0" in row.detail and "200" in row.detail
    with pytest.raises(ValidationError, match="已流失的天数"):
        services.lifecycle.save_rules(LifecycleRules(lost_days=30), owner_auth)
    with pytest.raises(PermissionDenied):
        services.lifecycle.save_rules(LifecycleRules(), None)


def test_the_workbench_list_shows_who_is_past_their_rhythm_with_reasons(services, clock) -> None:
    regular = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13800000003"))
    _visits(services, clock, regular, [3 + 14 * k for k in range(16)])  # every 14 days for 7 months
    lapsed = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    _visits(services, clock, lapsed, [45, 59, 73, 87, 101, 115])  # every 14 days, none for 45
    gone = services.customers.create(make_draft(name="钱进", phone="13800000005"))
    _visits(services, clock, gone, [300, 314])  # 已流失: not on the list
    care = services.lifecycle.needing_care()
    assert [i.customer_id for i in care] == [lapsed]
    item = care[0]
    assert item.label == "赵女士（赵敏）" and item.phone == "13800000004"
    assert item.assessment.risk_text == "45 天未服务（平时每 14 天一次）+30"
    assert item.assessment.next_action.startswith("尽快致电关怀")
    assert services.lifecycle.assess(regular).stage is Stage.MATURE
    assert services.lifecycle.assess(gone).stage is Stage.LOST


def test_the_list_takes_the_highest_risk_first_and_stops_at_its_limit(services, clock) -> None:
    ids = []
    for n, (name, last) in enumerate([("周一", 30), ("吴二", 60), ("郑三", 40)]):
        customer = services.customers.create(make_draft(name=name, phone=f"1390000000{n}"))
        _visits(services, clock, customer, [last + 14 * k for k in range(5)])
        ids.append(customer)
    care = services.lifecycle.needing_care(limit=2)
    assert [i.customer_id for i in care] == [ids[1], ids[2]]  # 60 and 40 days past a 14-day rhythm


def test_stage_moves_counts_each_customer_at_both_ends_of_the_month(services, clock) -> None:
    now = clock.now()
    month_start = now - timedelta(days=30)
    clock.set(now - timedelta(days=400))  # all three registered long before the month
    steady = services.customers.create(make_draft(name="孙丽", honorific="女士", phone="13800000011"))
    drifting = services.customers.create(make_draft(name="周强", phone="13800000012"))
    newcomer = services.customers.create(make_draft(name="吴佳", honorific="女士", phone="13800000013"))
    clock.set(now)
    _visits(services, clock, steady, [3 + 14 * k for k in range(20)])  # 成熟期 at both ends
    _visits(services, clock, drifting, [40 + 14 * k for k in range(20)])  # last visit before the month
    _visits(services, clock, newcomer, [5])  # 潜在 at the start (registered, no visit), 新客 at the end
    moves = services.lifecycle.stage_moves(month_start, now)
    assert (
        moves.at_end[Stage.MATURE] == 1 and moves.at_end[Stage.AT_RISK] == 1 and moves.at_end[Stage.NEW] == 1
    )
    assert moves.at_start[Stage.MATURE] == 2 and moves.at_start[Stage.PROSPECT] == 1
    assert moves.moves == {(Stage.MATURE, Stage.AT_RISK): 1, (Stage.PROSPECT, Stage.NEW): 1}
    assert moves.moved == 2
    for customer in (steady, drifting, newcomer):  # the bulk pass agrees with the one-customer card today
        assert services.lifecycle.assess(customer).stage in moves.at_end


def test_refresh_all_keeps_each_customers_stage_and_risk_on_the_row_for_the_list(services, clock) -> None:
    from jiazheng_desktop.services.changes import ChangeKind
    from jiazheng_desktop.services.customers import CustomerFilter
    from jiazheng_desktop.storage.models import Customer

    regular = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13800000003"))
    _visits(services, clock, regular, [3 + 14 * k for k in range(16)])
    lapsed = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    _visits(services, clock, lapsed, [45, 59, 73, 87, 101, 115])
    services.incidents.open_incident(
        IncidentDraft(customer_id=lapsed, category=Category.LATE.value, severity=1, customer_said="没人来")
    )
    prospect = services.customers.create(make_draft(name="钱进", phone="13800000005"))
    assert Customer.get_by_id(prospect).lifecycle_stage == "prospect"  # a new row starts as 潜在
    # A visit moves its customer at once; time passing moves them at the next refresh.
    assert Customer.get_by_id(regular).lifecycle_stage == Stage.MATURE.value
    clock.set(clock.now() + timedelta(days=40))
    heard: list[object] = []
    services.context.change_listeners.append(heard.append)
    changed = services.lifecycle.refresh_all()
    assert changed == 2  # both served customers moved on; the prospect did not
    assert heard and heard[0].touches({ChangeKind.CUSTOMER})
    rows = {c.id: (c.lifecycle_stage, c.churn_risk) for c in Customer.select()}
    assert rows[regular] == (Stage.AT_RISK.value, 30) and rows[prospect] == ("prospect", 0)
    assert services.lifecycle.refresh_all() == 0  # nothing changed: nothing written

    at_risk = services.customers.listing(CustomerFilter(stage=Stage.AT_RISK.value)).after(None, 10).rows
    assert {r.id for r in at_risk} == {regular, lapsed}
    high = services.customers.listing(CustomerFilter(risk_band="high")).after(None, 10).rows
    assert [r.id for r in high] == [lapsed]  # 85 days past a 14-day rhythm (+40) and a complaint (+20)
    by_risk = services.customers.listing(CustomerFilter(sort="churn_risk", descending=True)).after(None, 10)
    assert [r.id for r in by_risk.rows] == [lapsed, regular, prospect]
    assert by_risk.rows[0].risk == rows[lapsed][1]
