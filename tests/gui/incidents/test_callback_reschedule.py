"""改约回访: moving a resolved incident's day-3 callback, through the service and through the screens."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.errors import DomainError, NotFoundError, ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.reminders import Kind, State
from jiazheng_desktop.gui.incidents.detail import IncidentDetail
from jiazheng_desktop.gui.incidents.reschedule_callback_dialog import RescheduleCallbackDialog
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog, Customer, Incident, Reminder
from tests.conftest import make_draft

LUNCH_MESSAGE = "这个时间不方便打电话：客户的联系时段是 09:00–11:30、13:30–17:30、19:30–20:00（避开用餐时间）"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)  # type: ignore[misc]


@pytest.fixture
def customer(services) -> int:
    return services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))


def _open(services, customer: int) -> int:
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了一个小时"
        )
    )
    services.incidents.complete_step(incident, Step.IDENTIFY, {"what_happened": "迟到", "root_cause": "交通"})
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": "等了一个小时", "customer_needs": "以后准时"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉耽误您的时间"})
    return incident


def _resolve(services, customer: int) -> int:
    """Resolved at 11-23 10:00: the callback is due 11-26 09:00."""
    incident = _open(services, customer)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "换阿姨"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    return incident


@pytest.fixture
def resolved(services, customer) -> int:
    return _resolve(services, customer)


def _callback_reminders() -> list[Reminder]:
    return list(Reminder.select().where(Reminder.kind == Kind.CALLBACK.value).order_by(Reminder.id))


def _reschedules() -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action == "改约回访").order_by(AuditLog.id))


def _refused(services, incident: int, when: datetime) -> str:
    before = services.incidents.get(incident).callback_due_at
    with pytest.raises(ValidationError) as caught:
        services.callbacks.reschedule(incident, when)
    assert services.incidents.get(incident).callback_due_at == before
    assert _reschedules() == []
    return caught.value.fields["when"]


# -- the service -----------------------------------------------------------------------------------


def test_rescheduling_moves_the_callback_and_its_reminder(services, resolved) -> None:
    assert services.incidents.get(resolved).callback_due_at == at(2026, 11, 26, 9, 0)
    stored = services.callbacks.reschedule(resolved, at(2026, 11, 28, 14, 0))
    assert stored == at(2026, 11, 28, 14, 0)
    assert services.incidents.get(resolved).callback_due_at == at(2026, 11, 28, 14, 0)
    [reminder] = _callback_reminders()
    assert (reminder.due_at, reminder.wake_at) == (at(2026, 11, 28, 14, 0), at(2026, 11, 28, 14, 0))
    assert reminder.state == State.PENDING.value


def test_a_reminder_already_shown_comes_up_again_at_the_new_time(services, resolved, clock) -> None:
    clock.set(at(2026, 11, 26, 9, 0))
    assert [r.subject_id for r in services.reminders.raise_due() if r.kind == Kind.CALLBACK] == [resolved]
    services.callbacks.reschedule(resolved, at(2026, 11, 28, 15, 30))
    [reminder] = _callback_reminders()
    assert (reminder.due_at, reminder.state) == (at(2026, 11, 28, 15, 30), State.PENDING.value)
    clock.set(at(2026, 11, 28, 15, 30))
    assert [r.subject_id for r in services.reminders.raise_due() if r.kind == Kind.CALLBACK] == [resolved]


def test_the_move_is_audited_with_the_old_and_new_time(services, resolved, clock) -> None:
    clock.advance(timedelta(hours=1))
    services.callbacks.reschedule(resolved, at(2026, 11, 28, 14, 0))
    [row] = _reschedules()
    number = services.incidents.get(resolved).number
    assert (row.entity, row.entity_id, row.staff_name) == ("incident", resolved, "李店主")
    assert row.at == at(2026, 11, 23, 11, 0)
    assert json.loads(row.detail) == {"编号": number, "原定": "11-26 09:00", "改为": "11-28 14:00"}
    assert Incident.get_by_id(resolved).updated_at == at(2026, 11, 23, 11, 0)


def test_a_time_given_in_another_zone_is_stored_as_the_same_moment(services, resolved) -> None:
    stored = services.callbacks.reschedule(resolved, datetime(2026, 11, 28, 6, 0, tzinfo=UTC))
    assert stored == at(2026, 11, 28, 14, 0) and stored.tzinfo == CHINA_TZ


def test_a_time_in_the_past_is_refused(services, resolved) -> None:
    assert _refused(services, resolved, at(2026, 11, 23, 9, 30)) == "改约的时间已经过去了，请选一个以后的时间"


def test_right_now_is_not_in_the_past(services, resolved) -> None:
    assert services.callbacks.reschedule(resolved, at(2026, 11, 23, 10, 0)) == at(2026, 11, 23, 10, 0)


def test_a_meal_time_is_refused_naming_the_windows(services, resolved) -> None:
    assert _refused(services, resolved, at(2026, 11, 27, 12, 0)) == LUNCH_MESSAGE
    assert _refused(services, resolved, at(2026, 11, 27, 18, 0)) == LUNCH_MESSAGE


def test_a_time_outside_the_customers_window_is_refused(services) -> None:
    customer = services.customers.create(make_draft(contact_start=time(14), contact_end=time(16)))
    incident = _resolve(services, customer)
    message = _refused(services, incident, at(2026, 11, 27, 10, 0))
    assert message == "这个时间不方便打电话：客户的联系时段是 14:00–16:00（避开用餐时间）"
    assert _refused(services, incident, at(2026, 11, 27, 16, 0)) == message  # the end is not in it
    assert services.callbacks.reschedule(incident, at(2026, 11, 27, 15, 59)) == at(2026, 11, 27, 15, 59)


def test_a_window_of_meal_times_only_falls_back_to_the_default(services, customer) -> None:
    incident = _resolve(services, customer)
    # Saved before windows were checked for meal times: no minute of it is allowed.
    Customer.update(contact_start=time(12), contact_end=time(13)).where(Customer.id == customer).execute()
    assert _refused(services, incident, at(2026, 11, 27, 12, 30)) == LUNCH_MESSAGE
    assert services.callbacks.reschedule(incident, at(2026, 11, 27, 9, 0)) == at(2026, 11, 27, 9, 0)


def test_more_than_30_days_ahead_is_refused(services, resolved) -> None:
    message = _refused(services, resolved, at(2026, 12, 23, 10, 1))
    assert message.startswith("改约最多往后 30 天")
    assert services.callbacks.reschedule(resolved, at(2026, 12, 23, 10, 0)) == at(2026, 12, 23, 10, 0)


def test_an_incident_not_yet_resolved_is_refused(services, customer) -> None:
    incident = _open(services, customer)
    with pytest.raises(DomainError, match="还没有解决") as caught:
        services.callbacks.reschedule(incident, at(2026, 11, 27, 10, 0))
    assert not isinstance(caught.value, ValidationError)
    assert _reschedules() == []


def test_a_closed_incident_is_refused(services, resolved) -> None:
    services.incidents.complete_step(
        resolved,
        Step.DEEPEN,
        {
            "improvement": "提前出门",
            "improvement_kind": "流程调整",
            "no_callback_reason": "客户不希望再被打扰",
        },
    )
    with pytest.raises(DomainError, match="已经关闭"):
        services.callbacks.reschedule(resolved, at(2026, 11, 27, 10, 0))
    assert _reschedules() == []


def test_a_missing_incident_or_a_naive_time_is_refused(services, resolved) -> None:
    with pytest.raises(NotFoundError):
        services.callbacks.reschedule(resolved + 100, at(2026, 11, 27, 10, 0))
    with pytest.raises(ValueError):
        services.callbacks.reschedule(resolved, datetime(2026, 11, 27, 10, 0))


# -- the dialog and the detail ----------------------------------------------------------------------


@pytest.fixture
def detail(qtbot, services) -> IncidentDetail:
    services.scripts.ensure_seeded()
    widget = IncidentDetail(services)
    qtbot.addWidget(widget)
    widget.resize(640, 760)
    widget.show()
    return widget


def _ok(qtbot, dialog: RescheduleCallbackDialog) -> None:
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_dialog_keeps_a_lunch_time_and_shows_why_next_to_it(
    qtbot, services, resolved, no_message_boxes
) -> None:
    dialog = RescheduleCallbackDialog(services, resolved)
    qtbot.addWidget(dialog)
    dialog.show()
    number = services.incidents.get(resolved).number
    assert dialog.windowTitle() == f"改约回访：{number}"
    assert "09:00–11:30、13:30–17:30、19:30–20:00" in dialog.customer_label.text()
    assert dialog.when_edit.text() == "2026-11-26 09:00"  # the clock's zone, whatever this computer's is
    assert dialog.when_edit.calendarPopup()
    assert dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"

    dialog.set_chosen_time(at(2026, 11, 27, 12, 0))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.message("when") == LUNCH_MESSAGE
    assert dialog.when_error.isVisibleTo(dialog)
    assert dialog.when_edit.text() == "2026-11-27 12:00"
    assert dialog.new_time is None
    assert services.incidents.get(resolved).callback_due_at == at(2026, 11, 26, 9, 0)
    assert no_message_boxes == []


def test_the_dialog_offers_no_time_before_now(qtbot, services, resolved, clock) -> None:
    clock.set(at(2026, 11, 27, 15, 0))  # the callback (11-26 09:00) is overdue
    dialog = RescheduleCallbackDialog(services, resolved)
    qtbot.addWidget(dialog)
    assert dialog.when_edit.text() == "2026-11-27 15:00"
    dialog.set_chosen_time(at(2026, 11, 27, 9, 0))
    assert dialog.chosen_time() == at(2026, 11, 27, 15, 0)


def test_ok_with_a_good_time_moves_the_callback_shown_in_the_detail(
    qtbot, detail, services, resolved, no_message_boxes
) -> None:
    detail.show_incident(resolved)
    button = detail.callback_actions.reschedule_button
    assert button.objectName() == "reschedule_callback_button" and button.isVisibleTo(detail)
    assert detail.ui.countdown_label.text() == "三日回访：11-26 09:00"
    changed: list[int] = []
    detail.incident_changed.connect(changed.append)

    dialog = detail.callback_actions.reschedule_dialog()
    assert dialog is not None
    dialog.show()
    dialog.set_chosen_time(at(2026, 11, 28, 14, 0))
    _ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.new_time == at(2026, 11, 28, 14, 0)
    assert detail.ui.countdown_label.text() == "三日回访：11-28 14:00"
    assert detail.ui.notice_label.text() == "三日回访已改约到 11-28 14:00"
    assert changed == [resolved]
    assert no_message_boxes == []


def test_the_button_opens_the_dialog(
    qtbot, detail, services, resolved, monkeypatch, no_message_boxes
) -> None:
    def answer(dialog: RescheduleCallbackDialog) -> int:  # stands in for the modal loop
        dialog.set_chosen_time(at(2026, 11, 27, 19, 30))
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(RescheduleCallbackDialog, "exec", answer)
    detail.show_incident(resolved)
    qtbot.mouseClick(detail.callback_actions.reschedule_button, Qt.MouseButton.LeftButton)
    assert services.incidents.get(resolved).callback_due_at == at(2026, 11, 27, 19, 30)
    assert detail.ui.countdown_label.text() == "三日回访：11-27 19:30"


def test_the_button_shows_only_while_the_incident_is_resolved(detail, services, customer) -> None:
    incident = _open(services, customer)
    detail.show_incident(incident)
    assert not detail.callback_actions.reschedule_button.isVisibleTo(detail)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "换阿姨"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    detail.show_incident(incident)
    assert detail.callback_actions.reschedule_button.isVisibleTo(detail)
    detail.show_incident(None)
    assert not detail.callback_actions.reschedule_button.isVisibleTo(detail)
