"""The referral reward rule on the settings page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.gui.settings.referral_rule_box import ReferralRuleBox

pytestmark = pytest.mark.usefixtures("no_message_boxes")


def test_referral_rule_is_checked_first_and_saved_by_the_owner(
    qtbot, services, owner_auth, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.referral_rule_box.ask_authorization",
        lambda _p, _s, _r, what: asked.append(what) or owner_auth,
    )
    box = ReferralRuleBox(services)
    qtbot.addWidget(box)
    box.show()
    assert box.reward_edit.text() == "50.00" and box.days_spin.value() == 90
    box.reward_edit.setText("-3")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "负数" in box.errors.message("reward")
    box.reward_edit.setText("80")
    box.days_spin.setValue(60)
    with qtbot.waitSignal(box.rule_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    rule = services.referrals.rule()
    assert (rule.reward_fen, rule.valid_days) == (8000, 60) and asked == ["修改推荐奖励"]
    assert box.status_label.text() == "已保存"


def test_the_commission_rule_in_the_same_box_keeps_what_was_typed_on_a_mistake(
    qtbot, services, owner_auth, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.referral_rule_box.ask_authorization",
        lambda _p, _s, _r, what: asked.append(what) or owner_auth,
    )
    box = ReferralRuleBox(services)
    qtbot.addWidget(box)
    box.show()
    assert box.commission_mode_combo.currentData() == "off"  # off until the owner turns it on
    assert not box.commission_percent_edit.isVisible() and not box.commission_fixed_edit.isVisible()
    box.commission_mode_combo.setCurrentIndex(box.commission_mode_combo.findData("percent"))
    assert box.commission_percent_edit.isVisible() and box.commission_visits_spin.isVisible()
    assert not box.commission_fixed_edit.isVisible()
    box.commission_percent_edit.setText("八十")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "只能填数字" in box.errors.message("commission_percent")
    assert box.commission_percent_edit.text() == "八十"  # nothing typed is lost
    box.commission_percent_edit.setText("60")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "1% 到 50%" in box.errors.message("commission_percent")
    box.commission_percent_edit.setText("7.5")
    box.commission_visits_spin.setValue(3)
    with qtbot.waitSignal(box.rule_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    rule = services.referrals.commission_rule()
    assert (rule.mode.value, rule.percent_bp, rule.visits) == ("percent", 750, 3)
    assert services.referrals.rule().reward_fen == 5000  # the voucher reward is kept as it was
    assert asked == ["修改推荐奖励"] and box.errors.message("commission_percent") == ""

    again = ReferralRuleBox(services)  # read back from the settings
    qtbot.addWidget(again)
    assert again.commission_percent_edit.text() == "7.5" and again.commission_visits_spin.value() == 3
    again.commission_mode_combo.setCurrentIndex(again.commission_mode_combo.findData("fixed"))
    again.commission_fixed_edit.setText("0")
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert "须大于 0" in again.errors.message("commission_fixed")
