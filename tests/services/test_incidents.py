"""Incidents through the services, on a real database file, with the clock moved by hand."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from jiazheng_desktop.domain.deadlines import Level
from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Status, Step
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft, WorkerDraft
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.incident_lists import IncidentFilter
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog, Escalation, Reminder, ServiceRecord
from tests.conftest import consent_to, make_draft

PIPE = "厨房水管突然爆裂，水漫到客厅，阿姨说不是她弄的，我现在很着急"


@pytest.fixture
def customer(services) -> int:
    return services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))


@pytest.fixture
def clerk(services, owner_auth) -> int:
    """A 客服 at the desk (the fixture's owner stays available to approve)."""
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    return clerk


def _open(services, customer: int, **kw) -> int:
    values = {
        "customer_id": customer,
        "category": Category.EMERGENCY.value,
        "severity": 3,
        "customer_said": PIPE,
    }
    values.update(kw)
    return services.incidents.open_incident(IncidentDraft(**values))


def _walk_to_act(services, incident: int, *, manager: str = "") -> None:
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "水管老化爆裂", "root_cause": "设备老化"}
    )
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": PIPE, "customer_needs": "马上止水并修好水管"}
    )
    services.incidents.complete_step(
        incident, Step.EMPATHIZE, {"apology": "非常抱歉让您受惊了，我们马上处理", "manager": manager}
    )


def test_numbers_are_per_year_and_never_reused(services, customer, clock) -> None:
    first = services.incidents.get(_open(services, customer)).number
    second = services.incidents.get(_open(services, customer)).number
    assert (first, second) == ("SJ-2026-0001", "SJ-2026-0002")
    clock.set(datetime(2027, 1, 2, 9, 0, tzinfo=clock.now().tzinfo))
    assert services.incidents.get(_open(services, customer)).number == "SJ-2027-0001"


def test_bad_report_names_every_field(services) -> None:
    with pytest.raises(ValidationError) as info:
        services.incidents.open_incident(IncidentDraft(customer_id=None, category="乱写", customer_said="  "))
    assert set(info.value.fields) == {"customer", "category", "customer_said"}


def test_a_step_needs_its_fields_and_its_turn(services, customer) -> None:
    incident = _open(services, customer)
    with pytest.raises(DomainError, match="识别"):
        services.incidents.complete_step(
            incident, Step.LISTEN, {"customer_account": "x", "customer_needs": "y"}
        )
    with pytest.raises(ValidationError) as info:
        services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "水管爆裂"})
    assert info.value.fields == {"root_cause": "请填写「根本原因」"}
    with pytest.raises(ValidationError, match="列表"):
        services.incidents.complete_step(
            incident, Step.IDENTIFY, {"what_happened": "x", "root_cause": "瞎编的"}
        )
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "水管爆裂", "root_cause": "设备老化"}
    )
    view = services.incidents.get(incident)
    assert view.current_step == Step.LISTEN and view.first_response_at is not None
    assert view.steps[Step.IDENTIFY].done


def test_a_completed_step_can_be_corrected_and_the_correction_is_audited(services, customer, clock) -> None:
    incident = _open(services, customer)
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "水管爆裂", "root_cause": "交通"}
    )
    clock.advance(timedelta(minutes=5))
    outcome = services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "水管爆裂", "root_cause": "设备老化"}
    )
    assert outcome.corrected
    view = services.incidents.get(incident)
    assert view.steps[Step.IDENTIFY].data["root_cause"] == "设备老化"
    assert view.steps[Step.IDENTIFY].corrected_at == clock.now()
    assert view.current_step == Step.LISTEN  # a correction does not move the incident on
    log = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert log.action == "更正步骤" and "交通 → 设备老化" in log.detail


def test_compensation_above_the_clerks_limit_needs_a_manager(services, customer, clerk) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    remedies = [
        RemedyDraft(RemedyKind.EMERGENCY_REPAIR.value, "", "师傅 1 小时内上门"),
        RemedyDraft(RemedyKind.FEE_WAIVER.value, "200", "免本次上门费"),
    ]
    with pytest.raises(PermissionDenied, match="区域经理"):
        services.incidents.complete_step(incident, Step.ACT, {"action_plan": "先关总阀再维修"}, remedies)
    assert services.incidents.get(incident).status == Status.OPEN
    manager = next(m for m in services.staff.list() if m.role == Role.REGIONAL_MANAGER)
    auth = services.staff.authorize(manager.id, "manager-pw", Role.REGIONAL_MANAGER, "补偿")
    outcome = services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "先关总阀再维修"}, remedies, auth
    )
    assert outcome.resolved
    view = services.incidents.get(incident)
    assert view.status == Status.RESOLVED and view.compensation_fen == 20000
    assert [r.approved_by for r in view.remedies] == ["陈志强", "陈志强"]
    too_much = [RemedyDraft(RemedyKind.REFUND.value, "800")]
    other = _open(services, customer)
    _walk_to_act(services, other)
    with pytest.raises(PermissionDenied, match="运营总监/店主"):
        services.incidents.complete_step(other, Step.ACT, {"action_plan": "退款"}, too_much, auth)


def test_remedies_are_checked(services, customer) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    with pytest.raises(ValidationError, match="至少"):
        services.incidents.complete_step(incident, Step.ACT, {"action_plan": "x"}, [])
    with pytest.raises(ValidationError, match="第 1 项（退款）：请填写金额"):
        services.incidents.complete_step(
            incident, Step.ACT, {"action_plan": "x"}, [RemedyDraft(RemedyKind.REFUND.value)]
        )
    with pytest.raises(ValidationError, match="负数"):
        services.incidents.complete_step(
            incident, Step.ACT, {"action_plan": "x"}, [RemedyDraft(RemedyKind.FEE_WAIVER.value, "-5")]
        )


def test_callback_is_on_day_three_in_the_contact_window_outside_meals(services, clock) -> None:
    customer = services.customers.create(make_draft(contact_start=time(12), contact_end=time(14)))
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "维修"}, [RemedyDraft(RemedyKind.EMERGENCY_REPAIR.value)]
    )
    due = services.incidents.get(incident).callback_due_at
    assert due is not None
    assert due.date() == (clock.now() + timedelta(days=3)).date()
    assert due.astimezone(clock.now().tzinfo).time() == time(13, 30)


def test_missed_deadlines_escalate_one_level_each_and_record_the_owner(
    services, customer, clerk, clock
) -> None:
    incident = _open(services, customer)
    clock.advance(timedelta(hours=23))
    assert services.incidents.refresh_escalations() == []
    clock.advance(timedelta(hours=2))  # 25 h: no first response
    assert services.incidents.refresh_escalations() == [incident]
    view = services.incidents.get(incident)
    assert view.level == Level.REGIONAL_MANAGER and view.owner_name == "陈志强"
    clock.advance(timedelta(hours=24))  # 49 h: not resolved either
    services.incidents.refresh_escalations()
    view = services.incidents.get(incident)
    assert view.level == Level.DIRECTOR and view.owner_name == "李店主"
    assert [e.level for e in view.escalations] == [1, 2, 3]
    assert "首次响应" in view.escalations[1].reason and "解决" in view.escalations[2].reason
    assert services.incidents.refresh_escalations() == []  # never twice
    log = AuditLog.select().where(AuditLog.action == "事件升级").order_by(AuditLog.id.desc()).get()
    assert log.staff_name == "系统" and log.staff_id is None
    # An escalated incident needs the manager who took ownership before 共情 is done.
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "x", "root_cause": "交通"})
    services.incidents.complete_step(incident, Step.LISTEN, {"customer_account": "x", "customer_needs": "y"})
    with pytest.raises(ValidationError, match="经理"):
        services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "对不起"})
    with pytest.raises(ValidationError, match="区域经理或店主"):
        services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "对不起", "manager": "周晓燕"})
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "对不起", "manager": "陈志强"})
    assert Escalation.select().where(Escalation.incident == incident).count() == 3


def test_an_answered_complaint_left_unsolved_rises_again_each_period(
    services, customer, clerk, clock
) -> None:
    """逐层推进: answered in time, then 24 h after the resolution deadline it goes on to the top."""
    incident = _open(services, customer)
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "漏水", "root_cause": "设备老化"}
    )
    reported = services.incidents.get(incident).reported_at
    clock.set(reported + timedelta(hours=48, minutes=1))
    assert services.incidents.refresh_escalations() == [incident]
    assert services.incidents.get(incident).level == Level.REGIONAL_MANAGER
    clock.set(reported + timedelta(hours=72))  # exactly at the end of the next period: still in time
    assert services.incidents.refresh_escalations() == []
    clock.set(reported + timedelta(hours=72, minutes=1))
    assert services.incidents.refresh_escalations() == [incident]
    view = services.incidents.get(incident)
    assert view.level == Level.DIRECTOR and view.owner_name == "李店主"
    assert [e.level for e in view.escalations] == [1, 2, 3]
    assert view.escalations[1].reason.startswith("未在期限内解决")
    assert view.escalations[2].reason.startswith("第 2 个解决周期结束仍未解决")
    for days in (9, 17):  # the demo's complaints that many days late: at the top, nothing more added
        clock.set(reported + timedelta(hours=48, days=days))
        assert services.incidents.refresh_escalations() == []
    assert Escalation.select().where(Escalation.incident == incident).count() == 3
    audit = AuditLog.select().where(AuditLog.action == "事件升级", AuditLog.entity_id == incident)
    assert [row.staff_name for row in audit] == ["系统", "系统"]


def test_two_levels_missed_while_closed_give_two_audit_rows(services, customer, clerk, clock) -> None:
    incident = _open(services, customer)
    clock.advance(timedelta(days=5))  # the program was not running: both deadlines passed unseen
    assert services.incidents.refresh_escalations() == [incident]
    assert services.incidents.refresh_escalations() == []
    audit = list(AuditLog.select().where(AuditLog.action == "事件升级", AuditLog.entity_id == incident))
    assert len(audit) == 2
    assert ["升级到" in row.detail for row in audit] == [True, True]
    assert [e.level for e in services.incidents.get(incident).escalations] == [1, 2, 3]


def test_the_period_is_the_owners_setting(services, customer, clerk, owner_auth, clock) -> None:
    from dataclasses import replace

    rules = services.incident_rules.rules()
    services.incident_rules.save_rules(
        replace(rules, policy=replace(rules.policy, escalation_period_hours=6)), owner_auth
    )
    incident = _open(services, customer)
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "漏水", "root_cause": "设备老化"}
    )
    clock.advance(timedelta(hours=54, minutes=1))
    services.incidents.refresh_escalations()
    assert services.incidents.get(incident).level == Level.DIRECTOR


def test_low_satisfaction_reopens_at_act(services, customer, clock) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    clock.advance(timedelta(days=3))
    consent_to(services, customer, Purpose.CALLBACK_RECORDS)  # asked during the call
    result = services.callbacks.record_callback(
        CallbackDraft(
            incident,
            clock.now(),
            clock.now() + timedelta(minutes=4),
            stable=False,
            satisfaction=2,
            note="还是漏水",
        )
    )
    assert result.reopened and "重新打开" in result.message
    view = services.incidents.get(incident)
    assert view.status == Status.OPEN and view.current_step == Step.ACT and view.resolved_at is None
    assert view.callbacks[0].satisfaction == 2 and view.callbacks[0].note == "还是漏水"


def test_without_consent_only_the_fact_of_the_call_is_kept(services, customer, clock) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    with pytest.raises(DomainError, match="还没有解决"):
        services.callbacks.record_callback(CallbackDraft(incident, clock.now(), clock.now(), True, 5))
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    with pytest.raises(ValidationError) as info:
        services.callbacks.record_callback(CallbackDraft(incident, clock.now(), clock.now()))
    assert set(info.value.fields) == {"stable", "satisfaction"}
    result = services.callbacks.record_callback(
        CallbackDraft(incident, clock.now(), clock.now() + timedelta(seconds=150), True, 4, "家里有老人")
    )
    assert not result.reopened
    call = services.incidents.get(incident).callbacks[0]
    assert (call.consent, call.stable, call.satisfaction, call.note, call.duration_seconds) == (
        False,
        None,
        None,
        "",
        150,
    )


def test_closing_needs_a_callback_or_a_reason(services, customer) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    deepen = {"improvement": "给阿姨做一次厨房用品培训", "improvement_kind": "服务人员培训"}
    with pytest.raises(ValidationError) as info:
        services.incidents.complete_step(incident, Step.DEEPEN, deepen)
    assert list(info.value.fields) == ["no_callback_reason"]
    outcome = services.incidents.complete_step(
        incident, Step.DEEPEN, {**deepen, "no_callback_reason": "客户出国，联系不上"}
    )
    assert outcome.closed
    view = services.incidents.get(incident)
    assert (
        view.status == Status.CLOSED
        and view.close_reason == "客户出国，联系不上"
        and view.current_step is None
    )


def test_lists_filter_and_sort(services, customer, clock) -> None:
    other = services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    late = _open(services, customer, category=Category.LATE.value, severity=1)
    clock.advance(timedelta(hours=30))
    pipe = _open(services, other)
    services.incidents.refresh_escalations()
    rows = services.incident_lists.rows(IncidentFilter(view="open"))
    assert [r.id for r in rows] == [pipe, late]  # newest first
    assert [r.id for r in services.incident_lists.rows(IncidentFilter(view="overdue"))] == [late]
    assert [r.id for r in services.incident_lists.rows(IncidentFilter(view="all", level=2))] == [late]
    assert [
        r.id for r in services.incident_lists.rows(IncidentFilter(view="all", category=Category.LATE.value))
    ] == [late]
    rows = services.incident_lists.rows(IncidentFilter(view="all", sort="customer", descending=False))
    assert [r.customer_label for r in rows] == ["王先生", "张女士"]
    assert rows[0].next_due_label.startswith("首次响应：已超时")
    assert services.incident_lists.count(IncidentFilter(view="closed")) == 0


def test_customer_timeline_shows_incidents(services, customer) -> None:
    incident = _open(services, customer)
    entries = services.customers.timeline(customer)
    number = services.incidents.get(incident).number
    assert any(e.kind == "incident" and number in e.title for e in entries)


def test_act_reports_missing_fields_and_bad_remedies_together(services, customer) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    with pytest.raises(ValidationError) as info:
        services.incidents.complete_step(
            incident, Step.ACT, {"action_plan": ""}, [RemedyDraft(RemedyKind.REFUND.value)]
        )
    assert set(info.value.fields) == {"action_plan", "remedies"}


def test_list_sorts_by_owner(services, customer, clerk, clock) -> None:
    first = _open(services, customer)
    clock.advance(timedelta(hours=30))  # the first one escalates to the manager
    second = _open(services, customer)
    services.incidents.refresh_escalations()
    rows = services.incident_lists.rows(IncidentFilter(view="all", sort="owner", descending=False))
    assert [(r.id, r.owner_name) for r in rows] == [(second, "周晓燕"), (first, "陈志强")]


# -- 上门复查: a re-inspection visit booked from the 行动 step -------------------------------------------


def _reinspections(incident: int) -> list[Reminder]:
    return list(
        Reminder.select()
        .where(
            Reminder.subject == "incident", Reminder.subject_id == incident, Reminder.kind == "reinspection"
        )
        .order_by(Reminder.id)
    )


def test_a_callback_finds_a_residue_and_the_reinspection_books_the_visit_and_its_reminder(
    services, customer, clock
) -> None:
    worker = services.workers.create(WorkerDraft(name="李阿姨", phone="13900001111", skills=("深度保洁",)))
    cleaned = services.service_records.add(
        ServiceRecordDraft(customer, clock.now() - timedelta(hours=5), "深度保洁", worker, "300")
    )
    incident = _open(
        services,
        customer,
        category=Category.NOT_CLEAN.value,
        severity=1,
        service_record_id=cleaned,
        worker_id=worker,
    )
    _walk_to_act(services, incident)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "返工"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    clock.advance(timedelta(days=3))
    services.callbacks.record_callback(
        CallbackDraft(incident, clock.now(), clock.now() + timedelta(minutes=3), False, 2, "清洁剂残留异味")
    )
    assert services.incidents.get(incident).current_step == Step.ACT  # reopened: a new remedy

    when = (clock.now() + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    before = AuditLog.select().count()
    services.incidents.complete_step(
        incident,
        Step.ACT,
        {"action_plan": "上门复查残留异味，必要时再返工"},
        [RemedyDraft(RemedyKind.REINSPECT.value, note="检查清洁剂残留异味", visit_at=when)],
    )
    assert AuditLog.select().count() == before + 1  # one action, one audit row
    (remedy,) = services.incidents.get(incident).remedies
    assert remedy.visit_at == when and remedy.visit_at.tzinfo == clock.now().tzinfo
    assert remedy.describe() == f"上门复查（{when:%Y-%m-%d} 10:00；检查清洁剂残留异味）"
    visit = ServiceRecord.get_by_id(remedy.visit_id)
    assert (visit.customer_id, visit.served_at, visit.service_type, visit.worker_id, visit.amount_fen) == (
        customer,
        when,
        "深度保洁",
        worker,
        0,
    )
    assert "SJ-2026-0001 上门复查" in visit.notes and "检查清洁剂残留异味" in visit.notes
    audit = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert audit.action == "完成步骤" and "复查" in audit.detail and f"{when:%Y-%m-%d} 10:00" in audit.detail

    # The 补偿通知书 tells the customer when the visit comes.
    (item,) = services.documents.notice_data(incident).items
    assert (item.kind, item.note) == (
        "上门复查",
        f"{when.year} 年 {when.month} 月 {when.day} 日 10:00 上门；检查清洁剂残留异味",
    )

    (reminder,) = _reinspections(incident)
    assert (reminder.due_at, reminder.state, reminder.customer_id) == (when, "pending", customer)
    assert (
        reminder.title
        == f"SJ-2026-0001 · 王先生（王建国）：{when:%m-%d} 10:00 上门复查（检查清洁剂残留异味）"
    )
    assert all(r.kind != "reinspection" for r in services.reminders.raise_due())  # not before its time
    clock.set(when)
    assert [r.title for r in services.reminders.raise_due() if r.kind == "reinspection"] == [reminder.title]


def test_a_reinspection_needs_a_time_to_come_and_a_correction_moves_or_takes_back_its_visit(
    services, customer, clock
) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    plan = {"action_plan": "上门复查"}
    now = clock.now()
    for visit_at, message in (
        (None, "请选择上门复查的日期和时间"),
        (now - timedelta(minutes=1), "复查时间已经过去了"),
        (now + timedelta(days=61), "复查最多安排在 60 天以内"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.incidents.complete_step(
                incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REINSPECT.value, visit_at=visit_at)]
            )
        assert refused.value.fields["remedies"].startswith("第 1 项（上门复查）：" + message)
    assert ServiceRecord.select().count() == 0 and _reinspections(incident) == []

    first = now + timedelta(days=1)
    services.incidents.complete_step(
        incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REINSPECT.value, visit_at=first)]
    )
    booked = services.incidents.get(incident).remedies[0].visit_id
    # Only the note changes: the same visit is kept.
    services.incidents.complete_step(
        incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REINSPECT.value, note="带上除味剂", visit_at=first)]
    )
    assert services.incidents.get(incident).remedies[0].visit_id == booked
    # Moved to another time: the booking is taken back, a new visit and its reminder take its place.
    later = now + timedelta(days=2)
    services.incidents.complete_step(
        incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REINSPECT.value, visit_at=later)]
    )
    moved = services.incidents.get(incident).remedies[0].visit_id
    assert moved != booked and ServiceRecord.get_or_none(ServiceRecord.id == booked) is None
    assert [(r.due_at, r.slot) for r in _reinspections(incident)] == [(later, str(moved))]
    # No 复查 any more: the visit and its reminder go.
    services.incidents.complete_step(incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REDO.value)])
    assert ServiceRecord.select().count() == 0 and _reinspections(incident) == []
    assert services.customers.get(customer).last_service_at is None


def test_a_reinspection_whose_time_has_come_stays_in_a_correction(services, customer, clock) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    plan = {"action_plan": "上门复查"}
    when = clock.now() + timedelta(hours=2)
    services.incidents.complete_step(
        incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REINSPECT.value, visit_at=when)]
    )
    clock.advance(timedelta(hours=3))
    # Kept as it was (the time has passed, it is the same visit): allowed.
    services.incidents.complete_step(
        incident,
        Step.ACT,
        plan,
        [RemedyDraft(RemedyKind.REINSPECT.value, "", "已复查，无异味", visit_at=when)],
    )
    with pytest.raises(DomainError, match="已经到了时间"):
        services.incidents.complete_step(incident, Step.ACT, plan, [RemedyDraft(RemedyKind.REDO.value)])
    (remedy,) = services.incidents.get(incident).remedies
    assert remedy.kind == RemedyKind.REINSPECT and remedy.note == "已复查，无异味"
