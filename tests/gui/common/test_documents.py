"""Printing from the window: the notice is made off the GUI thread, then offered to open or print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.gui.common import documents as gui_documents
from jiazheng_desktop.gui.common.documents import DocumentReadyDialog
from jiazheng_desktop.gui.incidents.detail import IncidentDetail
from tests.documents.test_compensation_notice import incident  # noqa: F401 (fixture)
from tests.pdf_helpers import read_pdf


@pytest.fixture
def detail(qtbot, services, no_message_boxes) -> IncidentDetail:
    widget = IncidentDetail(services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_notice_is_made_in_the_background_and_offered(qtbot, services, detail, incident) -> None:  # noqa: F811
    detail.show_incident(incident)
    actions = detail.document_actions
    assert actions.button.isVisible() and actions.notice_action.isEnabled()
    job = actions.print_notice()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=10_000) as blocker:
        pass
    path = blocker.args[0]
    assert isinstance(path, Path) and path.exists() and "SJ-2026-0001" in path.name
    assert "补偿通知书" in read_pdf(path).compact
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, DocumentReadyDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )


def test_no_notice_before_the_act_step(qtbot, services, detail) -> None:
    from jiazheng_desktop.services.incidents import IncidentDraft
    from tests.conftest import make_draft

    customer = services.customers.create(make_draft())
    number = services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category=Category.LATE.value, severity=1, customer_said="迟到了")
    )
    detail.show_incident(number)
    assert not detail.document_actions.notice_action.isEnabled()


def test_printing_falls_back_to_opening_the_file(monkeypatch, tmp_path, no_message_boxes) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    opened: list[str] = []
    monkeypatch.setattr(gui_documents.shutil, "which", lambda _name: None)
    monkeypatch.setattr(gui_documents.sys, "platform", "linux")
    monkeypatch.setattr(
        gui_documents.QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    assert gui_documents.print_path(pdf) == "opened"
    assert opened == [str(pdf)]
    assert any("打印" in text for text in no_message_boxes)


def test_the_checklist_suits_the_emergency_and_names_the_customer(qtbot, services, no_message_boxes) -> None:
    from jiazheng_desktop.domain.safety_checklists import Season
    from jiazheng_desktop.gui.common.checklist_dialog import ChecklistDialog
    from tests.conftest import make_draft

    customer = services.customers.create(make_draft())
    dialog = ChecklistDialog(services, customer, Category.EMERGENCY.value)
    qtbot.addWidget(dialog)
    assert dialog.season == Season.RAINY and dialog.for_customer_check.isChecked()
    assert dialog.season_combo.currentText() == "雨季"
    job = dialog.generate()
    with qtbot.waitSignal(job.done, timeout=10_000) as blocker:
        pass
    path = blocker.args[0]
    assert path.name == "家居安全隐患自查清单-雨季-王先生.pdf"
    text = read_pdf(path).compact
    assert "王先生" in text and "2026年11月23日" in text


def test_a_blank_checklist_to_hand_out(qtbot, services, no_message_boxes) -> None:
    from jiazheng_desktop.domain.safety_checklists import Season
    from jiazheng_desktop.gui.common.checklist_dialog import ChecklistDialog

    dialog = ChecklistDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.season == Season.WINTER  # November
    dialog.season_combo.setCurrentIndex(dialog.season_combo.findData(Season.HOLIDAY.value))
    job = dialog.generate()
    with qtbot.waitSignal(job.done, timeout=10_000) as blocker:
        pass
    assert blocker.args[0].name == "家居安全隐患自查清单-节假日出行.pdf"
    assert "节假日出行" in read_pdf(blocker.args[0]).compact


def test_the_customer_menu_lists_the_complaints_with_a_notice(qtbot, services, incident) -> None:  # noqa: F811
    from jiazheng_desktop.gui.customers.detail import CustomerDetail

    detail = CustomerDetail(services)
    qtbot.addWidget(detail)
    detail.show_customer(services.incidents.get(incident).customer_id)
    detail._fill_notice_menu()
    [action] = detail.notice_menu.actions()
    assert action.text().startswith("SJ-2026-0001")
    with qtbot.waitSignal(detail.notice_requested) as blocker:
        action.trigger()
    assert blocker.args == [incident]


def test_the_callback_screen_offers_the_checklist(qtbot, services, incident) -> None:  # noqa: F811
    from jiazheng_desktop.gui.incidents.callback_dialog import CallbackDialog

    dialog = CallbackDialog(services, incident)
    qtbot.addWidget(dialog)
    dialog.checklist_button.click()
    assert dialog.checklist.isVisible()
    dialog.checklist.reject()


def test_printing_from_the_offer_is_audited(qtbot, monkeypatch, services, no_message_boxes) -> None:
    from jiazheng_desktop.domain.safety_checklists import Season
    from jiazheng_desktop.storage.models import AuditLog

    path = services.documents.safety_checklist(Season.WINTER)
    sent: list[list[str]] = []
    monkeypatch.setattr(gui_documents.sys, "platform", "linux")
    monkeypatch.setattr(gui_documents.shutil, "which", lambda _name: "/usr/bin/lp")
    monkeypatch.setattr(gui_documents.subprocess, "run", lambda args, **_k: sent.append(args))
    dialog = DocumentReadyDialog(path, None, services.documents.printed)
    qtbot.addWidget(dialog)
    dialog.print_button.click()
    assert sent == [["/usr/bin/lp", str(path)]]
    row = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert row.action == "打印文件" and "冬季" in row.detail and "已交给打印机" in row.detail
    assert row.staff_name == "李店主"
