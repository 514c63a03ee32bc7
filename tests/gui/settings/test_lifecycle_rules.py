"""The 客户关怀 thresholds on the settings page: checked before the password, saved by the owner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.domain.lifecycle import LifecycleRules
from jiazheng_desktop.gui.settings.lifecycle_rules_box import LifecycleRulesBox

pytestmark = pytest.mark.usefixtures("no_message_boxes")


def test_thresholds_are_checked_first_and_saved_by_the_owner(
    qtbot, services, owner_auth, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.lifecycle_rules_box.ask_authorization",
        lambda _p, _s, _r, what: asked.append(what) or owner_auth,
    )
    box = LifecycleRulesBox(services)
    qtbot.addWidget(box)
    box.show()
    assert box.typed() == LifecycleRules()  # the defaults, shown
    box.spins["lost_days"].setValue(50)  # not beyond the 60 days of 流失风险
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "应大于流失风险的天数" in box.errors.message("lost_days")
    box.spins["lost_days"].setValue(240)
    box.ratio_spin.setValue(3.0)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["修改客户关怀规则"] and box.status_label.text() == "已保存"
    assert services.lifecycle.rules() == LifecycleRules(lost_days=240, at_risk_ratio=3.0)
    assert box.errors.message("lost_days") == ""


def test_without_the_owners_password_nothing_changes(qtbot, services, monkeypatch) -> None:
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.lifecycle_rules_box.ask_authorization", lambda *_a: None
    )
    box = LifecycleRulesBox(services)
    qtbot.addWidget(box)
    box.spins["new_days"].setValue(45)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert services.lifecycle.rules() == LifecycleRules()
    assert box.spins["new_days"].value() == 45  # what was typed stays
