"""The page contract: the window drives every section through ``SectionPage`` and nothing else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut

from jiazheng_desktop.gui.common.section import SectionPage
from jiazheng_desktop.gui.window.shell import build_main_window
from tests.conftest import make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")

SECTIONS = [
    "home",
    "customers",
    "reminders",
    "incidents",
    "vouchers",
    "renewals",
    "workers",
    "scripts",
    "reports",
    "campaigns",
    "settings",
]


@pytest.fixture
def window(qtbot, services, qsettings):
    win = build_main_window(services, qsettings)
    qtbot.addWidget(win)
    win.restore_state()
    win.show()
    yield win
    assert win.reminders is not None
    win.reminders.stop()


def test_every_section_is_a_section_page_that_refreshes(window) -> None:
    assert window.section_keys() == SECTIONS
    for key in SECTIONS:
        page = window.show_page(key)
        assert isinstance(page, SectionPage), key
        assert window.current_page() is page
        page.refresh()  # implemented by every section (the base raises NotImplementedError)


def test_ctrl_n_asks_the_page_showing_to_create(window, monkeypatch) -> None:
    [new_shortcut] = [
        s for s in window.findChildren(QShortcut) if s.key() == QKeySequence(QKeySequence.StandardKey.New)
    ]
    asked: list[str] = []
    for key in ("workers", "reports"):
        page = window.show_page(key)
        monkeypatch.setattr(page, "create_new", lambda key=key: asked.append(key) or True)
        new_shortcut.activated.emit()
    assert asked == ["workers", "reports"]


def test_a_page_that_may_not_be_left_keeps_the_window_on_it(window, monkeypatch) -> None:
    scripts = window.show_page("scripts")
    monkeypatch.setattr(scripts, "confirm_discard", lambda: False)
    window.show_page("customers")
    assert window.current_page_key() == "scripts"
    monkeypatch.setattr(scripts, "confirm_discard", lambda: True)
    window.show_page("customers")
    assert window.current_page_key() == "customers"


def test_show_item_selects_it_and_says_when_it_cannot(window, services) -> None:
    customer = services.customers.create(make_draft())
    window.navigator.open_customer(customer)
    assert window.current_page().current_customer_id() == customer
    assert not window.navigator.open_incident(999)  # no such complaint
    assert window.current_page_key() == "incidents"
    assert not window.show_page("reports").show_item(1)  # the reports show no items by id


def test_layout_is_saved_and_restored_through_the_contract(qtbot, window, services, tmp_path) -> None:
    customers = window.show_page("customers")
    customers.ui.splitter.setSizes([600, 400])
    saved = QSettings(str(tmp_path / "saved.ini"), QSettings.Format.IniFormat)
    customers.save_state(saved)
    second = build_main_window(services, saved)
    qtbot.addWidget(second)
    assert second.page("customers").restore_state(saved)
    assert not second.page("customers").restore_state(
        QSettings(str(tmp_path / "empty.ini"), QSettings.Format.IniFormat)
    )
    assert second.reminders is not None
    second.reminders.stop()
