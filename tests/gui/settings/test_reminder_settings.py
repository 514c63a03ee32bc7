"""提醒 on the settings page: the rules reach the service; the per-computer options stay in QSettings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from jiazheng_desktop.domain.festivals import FESTIVALS
from jiazheng_desktop.gui.settings import autostart
from jiazheng_desktop.gui.settings.page import SettingsPage
from jiazheng_desktop.gui.settings.reminder_settings_box import (
    CLOSE_TO_TRAY_KEY,
    START_WITH_WINDOWS_KEY,
    ReminderRulesBox,
)

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture
def box(qtbot, services, qsettings) -> ReminderRulesBox:
    widget = ReminderRulesBox(services, qsettings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_shows_the_stored_rules(box) -> None:
    assert box.title() == "提醒"
    assert box.renewal_days_edit.text() == "14, 7, 1"
    ticked = [key for key, check in box.festival_boxes.items() if check.isChecked()]
    assert ticked == ["spring", "dragon_boat", "mid_autumn"]
    assert [check.text() for check in box.festival_boxes.values()] == [f.name for f in FESTIVALS]
    assert box.festival_days_spin.value() == 3
    assert (box.festival_days_spin.minimum(), box.festival_days_spin.maximum()) == (0, 30)


def test_saving_reaches_the_service(qtbot, box, services) -> None:
    box.renewal_days_edit.setText("30，10、3")
    box.festival_boxes["mid_autumn"].setChecked(False)
    box.festival_boxes["national"].setChecked(True)
    box.festival_days_spin.setValue(5)
    with qtbot.waitSignal(box.rules_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    rules = services.reminders.rules()
    assert rules.renewal_days == (30, 10, 3)
    assert rules.festivals == ("spring", "dragon_boat", "national")
    assert rules.festival_days_before == 5
    assert box.status_label.text() == "已保存"
    assert box.renewal_days_edit.text() == "30, 10, 3"  # shown as stored


def test_bad_days_are_shown_next_to_the_field_and_kept(qtbot, box, services) -> None:
    box.renewal_days_edit.setText("14, 七")
    box.festival_boxes["national"].setChecked(True)
    with qtbot.assertNotEmitted(box.rules_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.errors.message("renewal_days") == "“七”不是 1 到 90 之间的天数"
    assert box.renewal_days_edit.text() == "14, 七"
    assert box.festival_boxes["national"].isChecked()
    assert services.reminders.rules().renewal_days == (14, 7, 1)
    box.renewal_days_edit.setText("")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.errors.message("renewal_days").startswith("至少填写一个提前天数")
    box.renewal_days_edit.setText("7")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.errors.message("renewal_days") == ""
    assert services.reminders.rules().renewal_days == (7,)


def test_close_to_tray_is_remembered_on_this_computer(qtbot, services, qsettings, box) -> None:
    assert not box.close_to_tray_check.isChecked()
    with qtbot.waitSignal(box.computer_options_changed):
        box.close_to_tray_check.setChecked(True)
    assert qsettings.value(CLOSE_TO_TRAY_KEY, type=bool) is True
    again = ReminderRulesBox(services, qsettings)
    qtbot.addWidget(again)
    assert again.close_to_tray_check.isChecked()


@pytest.mark.skipif(sys.platform == "win32", reason="off Windows only")
def test_start_with_windows_is_disabled_off_windows(box, qsettings) -> None:
    assert not autostart.autostart_supported()
    assert not box.start_with_windows_check.isEnabled()
    assert box.autostart_note.isVisibleTo(box)
    assert box.autostart_note.text() == "只在 Windows 上可用：在这台电脑上请用系统自带的“开机启动”设置"
    assert qsettings.value(START_WITH_WINDOWS_KEY) is None


def test_the_run_value_is_written_and_removed(tmp_path: Path) -> None:
    registry = QSettings(str(tmp_path / "run.ini"), QSettings.Format.IniFormat)
    autostart.set_autostart(True, '"C:\\家政服务台\\jiazheng.exe"', registry)
    assert registry.value(autostart.VALUE_NAME) == '"C:\\家政服务台\\jiazheng.exe"'
    assert autostart.autostart_enabled(registry)
    autostart.set_autostart(False, "", registry)
    assert not registry.contains(autostart.VALUE_NAME)
    assert not autostart.autostart_enabled(registry)


def test_the_command_runs_the_bundle_or_the_module(monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "C:\\Program Files\\家政服务台\\家政服务台.exe")
    assert autostart.autostart_command() == '"C:\\Program Files\\家政服务台\\家政服务台.exe"'
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.setattr(sys, "executable", "/opt/venv/bin/python")
    assert autostart.autostart_command() == '"/opt/venv/bin/python" -m jiazheng_desktop'


def test_the_settings_page_has_the_box(qtbot, services, qsettings) -> None:
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    assert page.reminder_box.title() == "提醒"
    assert (
        page.ui.page_layout.indexOf(page.reminder_box) == 4
    )  # after the agency, logo, complaint-rules and referral boxes
