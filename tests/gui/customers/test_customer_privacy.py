"""The customer's rights from their profile: 导出个人信息 and 删除个人信息, both the owner's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings

from jiazheng_desktop.domain.privacy import erased_name
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.common.documents import DocumentReadyDialog
from jiazheng_desktop.gui.customers.page import CustomersPage
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import make_draft

ASK = "jiazheng_desktop.gui.customers.privacy_actions.ask_authorization"


@pytest.fixture
def page(qtbot, services, data_paths) -> CustomersPage:
    settings = QSettings(str(data_paths.root / "ui-state.ini"), QSettings.Format.IniFormat)
    page = CustomersPage(services, settings)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def messages_seen(monkeypatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"error": [], "info": [], "confirm": []}
    base = "jiazheng_desktop.gui.common.messages"
    monkeypatch.setattr(f"{base}.show_error", lambda _p, text, *_a: seen["error"].append(text))
    monkeypatch.setattr(f"{base}.show_info", lambda _p, text, *_a: seen["info"].append(text))
    monkeypatch.setattr(f"{base}.confirm", lambda _p, text, *_a, **_k: seen["confirm"].append(text) or True)
    return seen


def _customer_with_a_visit(services, clock) -> int:
    customer = services.customers.create(make_draft(name="欧阳明华", honorific="女士", phone="13912345678"))
    services.service_records.add(
        ServiceRecordDraft(customer, clock.now() - timedelta(days=1), amount_text="120")
    )
    return customer


def test_export_asks_the_owner_then_offers_the_pdf_and_says_the_workbook_is_beside_it(
    qtbot, page, services, clock, owner_auth, monkeypatch
) -> None:
    customer = _customer_with_a_visit(services, clock)
    page.open_customer(customer)
    asked: list[Role] = []
    monkeypatch.setattr(ASK, lambda _p, _s, role, _what: asked.append(role) or None)
    page.export_personal_data(customer)  # the password dialog cancelled: nothing made
    assert asked == [Role.OWNER] and not any(p.suffix == ".pdf" for p in services.documents_folder.iterdir())

    offered: list[DocumentReadyDialog] = []
    monkeypatch.setattr(DocumentReadyDialog, "open", lambda self: offered.append(self))
    monkeypatch.setattr(ASK, lambda *_a: owner_auth)
    page.export_personal_data(customer)
    qtbot.waitUntil(lambda: bool(offered), timeout=20000)
    dialog = offered[0]
    assert dialog.path.name.startswith(f"个人信息副本-#{customer}-") and dialog.path.exists()
    assert dialog.path.with_suffix(".xlsx").exists()
    assert AuditLog.select().where(AuditLog.action == "导出个人信息").count() == 1


def test_erase_says_what_goes_asks_the_owner_and_the_profile_then_shows_only_that_it_happened(
    qtbot, page, services, clock, owner_auth, monkeypatch, messages_seen
) -> None:
    customer = _customer_with_a_visit(services, clock)
    page.refresh()  # (the window does this on the change notice)
    page.open_customer(customer)
    assert page.model.total == 1
    monkeypatch.setattr(ASK, lambda *_a: None)
    page.detail.erase_action.trigger()  # asked, then the password was not given
    assert "欧阳女士（欧阳明华）" in messages_seen["confirm"][0] and "无法恢复" in messages_seen["confirm"][0]
    assert services.customers.get(customer).name == "欧阳明华"

    monkeypatch.setattr(ASK, lambda *_a: owner_auth)
    page.detail.erase_action.trigger()
    assert services.customers.get(customer).erased
    assert page.model.total == 0  # gone from the list
    assert page.detail.ui.title_label.text() == erased_name(customer)
    assert "已于" in page.detail.ui.profile_label.text() and not page.detail.ui.edit_button.isEnabled()
    assert page.detail.ui.timeline_list.count() == 2  # joined and the visit: they stay in the books
    assert messages_seen["info"] and messages_seen["error"] == []


def test_erase_is_refused_while_a_complaint_is_open_and_says_which(
    page, services, clock, owner_auth, monkeypatch, messages_seen
) -> None:
    from jiazheng_desktop.domain.incidents import Category

    customer = _customer_with_a_visit(services, clock)
    incident = services.incidents.open_incident(
        IncidentDraft(customer, Category.LATE.value, 1, customer_said="迟到")
    )
    page.open_customer(customer)
    monkeypatch.setattr(ASK, lambda *_a: owner_auth)
    page.erase_personal_data(customer)
    assert services.incidents.get(incident).number in messages_seen["error"][0]
    assert messages_seen["confirm"] == [] and not services.customers.get(customer).erased


def test_deleting_a_customer_with_history_points_to_the_erasure(
    page, services, clock, owner_auth, monkeypatch, messages_seen
) -> None:
    customer = _customer_with_a_visit(services, clock)
    page.open_customer(customer)
    monkeypatch.setattr("jiazheng_desktop.gui.customers.page.ask_authorization", lambda *_a: owner_auth)
    page.detail.delete_action.trigger()
    assert "删除个人信息（客户要求删除）" in messages_seen["error"][0]
