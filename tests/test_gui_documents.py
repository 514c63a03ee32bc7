"""Printing from the window: the notice is made off the GUI thread, then offered to open or print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from jiazheng_desktop.gui import documents as gui_documents
from jiazheng_desktop.gui.documents import DocumentReadyDialog
from jiazheng_desktop.gui.incidents.detail import IncidentDetail

from .pdf_helpers import read_pdf
from .test_compensation_notice import incident  # noqa: F401 (fixture)


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
    qtbot.waitUntil(lambda: any(isinstance(w, DocumentReadyDialog) and w.isVisible() for w in QApplication.topLevelWidgets()))


def test_no_notice_before_the_act_step(qtbot, services, detail) -> None:
    from jiazheng_desktop.services.incidents import IncidentDraft

    from .conftest import make_draft

    customer = services.customers.create(make_draft())
    number = services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category="迟到", severity=1, customer_said="迟到了")
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
        gui_documents.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True)
    )
    assert gui_documents.print_path(pdf) == "opened"
    assert opened == [str(pdf)]
    assert any("打印" in text for text in no_message_boxes)
