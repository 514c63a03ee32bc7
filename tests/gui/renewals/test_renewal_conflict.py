"""A renewal acted on from two PCs: the dialog whose save comes second is refused and keeps what was typed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jiazheng_desktop.domain.contracts import ContractDraft, RenewalStep
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.renewals.page import RenewalsPage
from jiazheng_desktop.services import build_services
from tests.conftest import make_draft

TODAY = date(2026, 11, 23)  # the clock fixture's day


@pytest.fixture
def page(qtbot, services, qsettings) -> RenewalsPage:
    services.scripts.ensure_seeded()
    widget = RenewalsPage(services, qsettings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_refused_renewal_step_keeps_its_dialog_and_note(
    page, services, owner_auth, clock, no_message_boxes
) -> None:
    customer = services.customers.create(make_draft())
    end = TODAY + timedelta(days=5)
    contract = services.contracts.create(
        ContractDraft(customer, "保洁套餐", end - timedelta(days=364), end, "3600")
    )
    page.refresh()
    assert page.select_contract(contract)
    dialog = page.open_contact_dialog()
    assert dialog is not None

    other = build_services(clock)
    other.staff.set_on_duty(services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth))
    clock.advance(timedelta(minutes=9))
    other.contracts.make_offer(contract, "续约送一次深度保洁", expected_version=1)

    dialog.note_edit.setPlainText("客户说考虑一下，下周再联系")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.note_edit.toPlainText() == "客户说考虑一下，下周再联系"
    assert len(no_message_boxes) == 1 and "周晓燕" in no_message_boxes[0] and "10:09" in no_message_boxes[0]
    assert [a.step for a in services.contracts.actions(contract)] == [RenewalStep.OFFER]
