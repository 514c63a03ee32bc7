"""积分与会员 on the profile: the box, the redeem dialog (value shown live), adjusting, the owner's tier."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from jiazheng_desktop.domain.customers import VipTier
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.customers.customer_dialog import CustomerDialog
from jiazheng_desktop.gui.customers.page import CustomersPage
from jiazheng_desktop.gui.customers.points_dialogs import AdjustPointsDialog, RedeemPointsDialog
from jiazheng_desktop.storage.models import PointsEntry, Voucher
from tests.conftest import make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture
def customer(services, clock) -> int:
    cid = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    services.service_records.add(
        ServiceRecordDraft(cid, clock.now() - timedelta(hours=2), amount_text="1880")
    )
    return cid


def _page(qtbot, services, data_paths) -> CustomersPage:
    settings = QSettings(str(data_paths.root / "ui-state.ini"), QSettings.Format.IniFormat)
    page = CustomersPage(services, settings)
    qtbot.addWidget(page)
    page.show()
    return page


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_box_shows_balance_tier_and_next_tier_and_redeems(qtbot, services, customer, data_paths) -> None:
    page = _page(qtbot, services, data_paths)
    page.open_customer(customer)
    box = page.detail.points_box
    assert box.isVisibleTo(page)
    text = box.summary_label.text()
    assert "积分：1880 分" in text and "100 积分 = ¥10" in text
    assert "会员等级：普通" in text and "近 12 个月消费 ¥1,880" in text and "再消费 ¥120 升为银卡" in text
    assert box.tree.topLevelItem(0).text(1) == "获得" and box.tree.topLevelItem(0).text(2) == "+1880"

    qtbot.mouseClick(box.redeem_button, Qt.MouseButton.LeftButton)
    dialog = box.last_dialog
    assert isinstance(dialog, RedeemPointsDialog)
    assert dialog.points_spin.value() == 1800 and dialog.value_label.text() == "¥180 优惠券一张"
    dialog.points_spin.setValue(250)  # not a whole step of the rate
    assert "100 的整数倍" in dialog.errors.message("points")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.points_spin.setValue(500)
    assert dialog.errors.message("points") == "" and dialog.value_label.text() == "¥50 优惠券一张"
    _ok(dialog)
    assert dialog.voucher_id is not None
    assert Voucher.get_by_id(dialog.voucher_id).value_fen == 5000
    assert "积分：1380 分" in box.summary_label.text()
    assert box.tree.topLevelItem(0).text(1) == "兑换" and box.tree.topLevelItem(0).text(3) == "1380"


def test_the_redeem_dialog_refuses_more_than_the_balance(qtbot, services, customer) -> None:
    dialog = RedeemPointsDialog(services, customer)
    qtbot.addWidget(dialog)
    dialog.points_spin.setMaximum(5000)
    dialog.points_spin.setValue(1900)
    assert dialog.errors.message("points") == "积分不够：现有 1880 分，不能兑换 1900 分"
    assert dialog.value_label.text() == "¥190"
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_adjusting_asks_for_a_reason_then_a_managers_password(
    qtbot, services, customer, owner_auth, monkeypatch
) -> None:
    asked: list[Role] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.customers.points_dialogs.ask_authorization",
        lambda _p, _s, role, _what: asked.append(role) or owner_auth,
    )
    dialog = AdjustPointsDialog(services, customer)
    qtbot.addWidget(dialog)
    dialog.points_spin.setValue(-2000)
    _ok(dialog)
    assert asked == []  # what is typed is checked first
    assert dialog.errors.message("points") == "积分不能减到 0 以下：现有 1880 分，最多减少 1880 分"
    assert dialog.errors.message("reason") == "请写明调整积分的原因"
    dialog.points_spin.setValue(-80)
    dialog.reason_edit.setText("重复记录的服务")
    _ok(dialog)
    assert asked == [Role.REGIONAL_MANAGER]
    entry = PointsEntry.select().order_by(PointsEntry.id.desc()).get()
    assert (entry.kind, entry.points, entry.reason) == ("adjust", -80, "重复记录的服务")


def test_the_customer_dialog_shows_the_tier_and_the_owner_sets_it(
    qtbot, services, customer, owner_auth, monkeypatch
) -> None:
    monkeypatch.setattr(
        "jiazheng_desktop.gui.customers.points_dialogs.ask_authorization", lambda *_a: owner_auth
    )
    dialog = CustomerDialog(services, customer)
    qtbot.addWidget(dialog)
    assert not dialog.ui.vip_combo.isEnabled()
    assert "近 12 个月消费 ¥1,880" in dialog.tier_reason_label.text()
    qtbot.mouseClick(dialog.tier_override_button, Qt.MouseButton.LeftButton)
    override = dialog.tier_dialog
    override.tier_combo.setCurrentIndex(override.tier_combo.findData(VipTier.GOLD.value))
    _ok(override)
    assert override.errors.message("reason") == "请写明设定会员等级的原因"
    override.reason_edit.setText("合作多年的老客户")
    _ok(override)
    assert services.points.tier_view(customer).tier == VipTier.GOLD
    assert dialog.ui.vip_combo.currentData() == VipTier.GOLD.value
    assert dialog.tier_reason_label.text() == "店主设定：合作多年的老客户（按规则为普通）"
