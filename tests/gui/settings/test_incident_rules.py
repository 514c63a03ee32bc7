"""The owner's complaint rules on the settings page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.gui.settings.incident_rules_box import IncidentRulesBox

pytestmark = pytest.mark.usefixtures("no_message_boxes")


def test_rules_box_checks_before_asking_and_saves_with_the_owner(
    qtbot, services, owner_auth, monkeypatch
) -> None:
    asked: list[str] = []
    answer = {"auth": None}

    def ask(_parent, _services, _role, what):
        asked.append(what)
        return answer["auth"]

    monkeypatch.setattr("jiazheng_desktop.gui.settings.incident_rules_box.ask_authorization", ask)
    box = IncidentRulesBox(services)
    qtbot.addWidget(box)
    box.show()
    ui = box.ui
    assert ui.first_response_spin.value() == 24 and ui.cs_limit_edit.text() == "100.00"
    assert ui.escalation_period_spin.value() == 24 and ui.escalation_period_spin.minimum() == 1
    assert "技能不足" in ui.root_causes_edit.toPlainText()

    ui.manager_limit_edit.setText("50")  # below the clerk's ¥100
    qtbot.mouseClick(ui.save_rules_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "不能低于" in box.errors.message("manager_limit")
    ui.manager_limit_edit.setText("abc")
    qtbot.mouseClick(ui.save_rules_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "数字" in box.errors.message("manager_limit")

    ui.manager_limit_edit.setText("800")
    ui.first_response_spin.setValue(12)
    ui.escalation_period_spin.setValue(8)
    ui.root_causes_edit.setPlainText("技能不足\n交通\n新增原因")
    qtbot.mouseClick(ui.save_rules_button, Qt.MouseButton.LeftButton)  # password dialog cancelled
    assert len(asked) == 1 and services.incident_rules.policy().first_response_hours == 24
    assert ui.first_response_spin.value() == 12  # what was typed is kept

    answer["auth"] = owner_auth
    with qtbot.waitSignal(box.rules_changed):
        qtbot.mouseClick(ui.save_rules_button, Qt.MouseButton.LeftButton)
    rules = services.incident_rules.rules()
    assert rules.policy.first_response_hours == 12 and rules.manager_limit_fen == 80000
    assert rules.policy.escalation_period_hours == 8 and ui.escalation_period_spin.value() == 8
    assert rules.root_causes == ["技能不足", "交通", "新增原因"]
    assert ui.rules_status_label.text() == "已保存"


def test_a_bad_escalation_period_is_shown_next_to_its_field(qtbot, services, monkeypatch) -> None:
    from dataclasses import replace

    box = IncidentRulesBox(services)
    qtbot.addWidget(box)
    box.show()
    rules = box.rules_in_form()
    bad = replace(rules, policy=replace(rules.policy, escalation_period_hours=0))
    monkeypatch.setattr(box, "rules_in_form", lambda: bad)  # the spin box itself stops at 1
    qtbot.mouseClick(box.ui.save_rules_button, Qt.MouseButton.LeftButton)
    assert "整数小时" in box.errors.message("escalation_period_hours")
    assert box.ui.escalation_period_hours_error.isVisible()
