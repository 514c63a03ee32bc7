"""First inquiries: a caller becomes a 潜在 customer with a follow-up reminder; the first service ends it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.inquiries import InquiryDraft
from jiazheng_desktop.domain.lifecycle import Stage
from jiazheng_desktop.domain.reminders import Kind, State
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.storage.models import AuditLog, Customer, Inquiry, Reminder
from tests.conftest import make_draft


def _draft(clock, **overrides: object) -> InquiryDraft:
    fields = {
        "name": "李",
        "honorific": "太太",
        "phone": "138 1234 5678",
        "service": "深度保洁",
        "asked": "三居室多少钱，周六能来吗",
        "answered": "三居室 ¥480，周六上午有空",
        "follow_up_on": clock.now().date() + timedelta(days=2),
    }
    fields.update(overrides)
    return InquiryDraft(**fields)  # type: ignore[arg-type]


def test_an_inquiry_makes_a_prospect_and_a_follow_up_reminder(services, clock) -> None:
    recorded = services.inquiries.record(_draft(clock))
    assert recorded.new_customer
    customer = Customer.get_by_id(recorded.customer_id)
    assert (customer.name, customer.address_as, customer.phones) == ("李", "李太太", "13812345678")
    assert services.lifecycle.assess(recorded.customer_id).stage is Stage.PROSPECT
    inquiry = Inquiry.get_by_id(recorded.inquiry_id)
    assert (inquiry.service, inquiry.asked) == ("深度保洁", "三居室多少钱，周六能来吗")
    reminder = Reminder.get(Reminder.kind == Kind.INQUIRY.value)
    follow = clock.now().date() + timedelta(days=2)
    assert reminder.due_at == datetime.combine(follow, time(9), tzinfo=clock.now().tzinfo)
    assert reminder.title == "李太太（李）：跟进咨询 深度保洁：三居室多少钱，周六能来吗"
    assert reminder.customer_id == recorded.customer_id
    actions = [a.action for a in AuditLog.select().order_by(AuditLog.id)]
    assert actions[-2:] == ["新建客户", "记录咨询"]


def test_the_first_service_makes_a_new_customer_and_ends_the_follow_up(services, clock) -> None:
    recorded = services.inquiries.record(_draft(clock))
    waiting = Reminder.select().where(
        Reminder.kind == Kind.INQUIRY.value, Reminder.state == State.PENDING.value
    )
    assert waiting.count() == 1
    services.service_records.add(
        ServiceRecordDraft(customer_id=recorded.customer_id, served_at=clock.now(), amount_text="480")
    )
    assert services.lifecycle.assess(recorded.customer_id).stage is Stage.NEW
    assert waiting.count() == 0  # served: nobody needs to call about the inquiry any more


def test_a_known_phone_adds_the_inquiry_to_that_customer(services, clock) -> None:
    known = services.customers.create(make_draft(name="李秀英", honorific="女士", phone="13812345678"))
    recorded = services.inquiries.record(_draft(clock))
    assert not recorded.new_customer and recorded.customer_id == known
    assert Customer.select().count() == 1
    assert [r.summary for r in services.inquiries.for_customer(known)] == [
        "咨询 深度保洁：三居室多少钱，周六能来吗"
    ]


def test_every_mistake_is_reported_at_once_and_nothing_is_saved(services, clock) -> None:
    with pytest.raises(ValidationError) as raised:
        services.inquiries.record(
            _draft(
                clock,
                name="",
                phone="1381234",
                asked="",
                service="",
                follow_up_on=clock.now().date() - timedelta(days=1),
            )
        )
    fields = raised.value.fields
    assert set(fields) == {"name", "phone", "asked", "follow_up_on"}
    assert "已经过去了" in fields["follow_up_on"] and "问了什么" in fields["asked"]
    assert Customer.select().count() == 0 and Inquiry.select().count() == 0


def test_without_a_follow_up_day_there_is_no_reminder(services, clock) -> None:
    services.inquiries.record(_draft(clock, follow_up_on=None))
    assert not Reminder.select().where(Reminder.kind == Kind.INQUIRY.value).exists()


def test_erasure_clears_what_was_asked_and_told(services, clock, owner_auth) -> None:
    recorded = services.inquiries.record(_draft(clock))
    services.erasure.erase(recorded.customer_id, owner_auth)
    inquiry = Inquiry.get_by_id(recorded.inquiry_id)
    assert (inquiry.asked, inquiry.answered, inquiry.service) == ("", "", "深度保洁")  # the fact stays
    for reminder in Reminder.select().where(Reminder.kind == Kind.INQUIRY.value):
        assert "三居室" not in reminder.title and "李" not in reminder.title
    assert (
        not Reminder.select()
        .where(Reminder.kind == Kind.INQUIRY.value, Reminder.state == State.PENDING.value)
        .exists()
    )
