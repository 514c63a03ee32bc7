"""Data the retention tests share: customers, complaints called back on time, made through the services."""

from __future__ import annotations

from datetime import time, timedelta

from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.privacy import ConsentChannel, ConsentState, Purpose
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.consents import ConsentDecision
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft

NOTE = "厨房水管修好了，阿姨很细心，家里老人说下次还找她"


def add_customer(services, phone: str = "13812345678", name: str = "王建国") -> int:
    return services.customers.create(
        make_draft(name=name, phone=phone, contact_start=time(9), contact_end=time(20))
    )


def add_complaint(services, customer: int) -> int:
    """A complaint opened now and walked up to 行动 (still open)."""
    draft = IncidentDraft(customer, Category.EMERGENCY.value, 2, customer_said="水管爆了")
    opened = services.incidents.open_incident(draft)
    services.incidents.complete_step(
        opened, Step.IDENTIFY, {"what_happened": "爆管", "root_cause": "设备老化"}
    )
    services.incidents.complete_step(
        opened, Step.LISTEN, {"customer_account": "漏水", "customer_needs": "修好"}
    )
    services.incidents.complete_step(opened, Step.EMPATHIZE, {"apology": "非常抱歉"})
    return opened


def agree_to(services, customer: int, purpose: Purpose) -> None:
    """The customer agrees to ``purpose`` (on the phone, to the current wording)."""
    wording = services.consents.current_wording(purpose)
    services.consents.record(customer, ConsentDecision(purpose, True, ConsentChannel.PHONE, wording.id))


def called_back(services, clock, customer: int, note: str = NOTE, score: int = 4) -> tuple[int, int]:
    """A complaint resolved now and called back on its due time with consent: (incident, callback)."""
    incident_id = add_complaint(services, customer)
    services.incidents.complete_step(
        incident_id, Step.ACT, {"action_plan": "换水管"}, [RemedyDraft(RemedyKind.REDO.value)]
    )
    due = services.incidents.get(incident_id).callback_due_at
    clock.set(due)
    if services.consents.state(customer, Purpose.CALLBACK_RECORDS) != ConsentState.GRANTED:
        agree_to(services, customer, Purpose.CALLBACK_RECORDS)
    result = services.callbacks.record_callback(
        CallbackDraft(incident_id, due, due + timedelta(minutes=4), True, score, note)
    )
    return incident_id, result.callback_id


def close_complaint(services, incident: int) -> None:
    services.incidents.complete_step(
        incident, Step.DEEPEN, {"improvement": "检查老旧水管", "improvement_kind": "流程调整"}
    )
