"""The points and tier rules on the settings page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.domain.points import TierBasis
from jiazheng_desktop.gui.settings.points_rules_box import PointsRulesBox

pytestmark = pytest.mark.usefixtures("no_message_boxes")


def test_points_rules_are_checked_first_and_saved_by_the_owner(
    qtbot, services, owner_auth, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.points_rules_box.ask_authorization",
        lambda _p, _s, _r, what: asked.append(what) or owner_auth,
    )
    box = PointsRulesBox(services)
    qtbot.addWidget(box)
    box.show()
    assert box.per_yuan_spin.value() == 1 and box.redeem_value_edit.text() == "10.00"
    assert [e.text() for e in box.threshold_edits] == ["2000.00", "5000.00", "10000.00"]
    box.threshold_edits[1].setText("一千")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and box.errors.message("thresholds") == "门槛请填数字，例如 2000"
    box.threshold_edits[1].setText("1000")  # lower than 银卡's
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.errors.message("thresholds") == "门槛须一级比一级高"
    box.basis_combo.setCurrentIndex(box.basis_combo.findData(TierBasis.POINTS.value))
    for edit, text in zip(box.threshold_edits, ("500", "1000", "3000"), strict=True):
        edit.setText(text)
    box.name_edits[3].setText("钻石")
    box.per_yuan_spin.setValue(2)
    with qtbot.waitSignal(box.rules_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert services.points.rule().per_yuan == 2
    tiers = services.points.tier_rule()
    assert (tiers.basis, tiers.thresholds, tiers.names[3]) == (TierBasis.POINTS, (500, 1000, 3000), "钻石")
    assert box.status_label.text() == "已保存"
