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
