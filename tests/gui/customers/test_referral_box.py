"""推荐 on the referrer's profile: whom they brought and what they earned, and 结算… with a manager's password."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt

from jiazheng_desktop.domain.referrals import CommissionDraft
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.customers.page import CustomersPage
from jiazheng_desktop.storage.models import AuditLog, ReferralCommission
from tests.conftest import make_draft

pytestmark = pytest.mark.usefixtures("no_message_boxes")

DIALOG = "jiazheng_desktop.gui.customers.commission_dialog.ask_authorization"


def _page(qtbot, services, data_paths) -> CustomersPage:
    settings = QSettings(str(data_paths.root / "ui-state.ini"), QSettings.Format.IniFormat)
    page = CustomersPage(services, settings)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def family(services, clock, owner_auth) -> tuple[int, int]:
    """王先生 brought 李女士, who paid for two visits; 10 % of each is owed to him."""
    services.referrals.save_rule("50", 90, owner_auth, CommissionDraft("percent", "", "10", 3))
    referrer = services.customers.create(make_draft())
    referred = services.customers.create(
        make_draft(name="李娜", honorific="女士", phone="13900001111", referrer_id=referrer)
    )
    for amount in ("200", "150"):
        services.service_records.add(
            ServiceRecordDraft(referred, clock.now() - timedelta(hours=1), amount_text=amount)
        )
    return referrer, referred


@pytest.fixture
def manager_auth(services, owner_auth):
    manager = services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    return services.staff.authorize(manager, "manager-pw", Role.REGIONAL_MANAGER, "测试")


def test_the_profile_shows_whom_they_brought_and_what_they_earned(
    qtbot, services, family, data_paths
) -> None:
    referrer, referred = family
    page = _page(qtbot, services, data_paths)
    page.open_customer(referrer)
    box = page.detail.referral_box
    assert box.isVisibleTo(page) and box.title() == "推荐"
    text = box.label.text()
    assert "李女士　2026-11-23 起　付费服务 2 次　佣金 ¥35.00" in text
    assert "推荐佣金：共 ¥35.00，待结算 ¥35.00，已结算 ¥0.00" in text
    assert box.settle_button.isEnabled()
    timeline = [
        page.detail.ui.timeline_list.item(i).text() for i in range(page.detail.ui.timeline_list.count())
    ]
    assert any("【佣金】获得推荐佣金 ¥20.00" in line for line in timeline)

    page.open_customer(referred)  # she brought nobody: no box
    assert not box.isVisibleTo(page)


def test_settle_asks_a_manager_and_pays_the_ticked_entries(
    qtbot, services, family, data_paths, monkeypatch, manager_auth
) -> None:
    referrer, _referred = family
    page = _page(qtbot, services, data_paths)
    page.open_customer(referrer)
    box = page.detail.referral_box
    asked: list[tuple[Role, str]] = []
    answers = [None, manager_auth]
    monkeypatch.setattr(DIALOG, lambda _p, _s, role, what: asked.append((role, what)) or answers.pop(0))

    qtbot.mouseClick(box.settle_button, Qt.MouseButton.LeftButton)
    dialog = box.settle_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.entry_list.count() == 2 and dialog.total_label.text() == "合计 ¥35.00（2 笔）"
    dialog.entry_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.total_label.text() == "合计 ¥20.00（1 笔）"

    dialog.note_edit.setText("转账单号 4200001")
    qtbot.mouseClick(dialog.settle_button, Qt.MouseButton.LeftButton)  # no method chosen yet
    assert asked == [] and dialog.errors.message("method") == "请选择付款方式"
    assert dialog.note_edit.text() == "转账单号 4200001"

    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("wechat"))
    qtbot.mouseClick(dialog.settle_button, Qt.MouseButton.LeftButton)  # the manager cancels
    assert asked == [(Role.REGIONAL_MANAGER, "结算推荐佣金")] and dialog.isVisible()
    assert ReferralCommission.select().where(ReferralCommission.status == "settled").count() == 0

    with qtbot.waitSignal(box.settled):
        qtbot.mouseClick(dialog.settle_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (paid,) = ReferralCommission.select().where(ReferralCommission.status == "settled")
    assert (paid.amount_fen, paid.settle_method, paid.settled_by_name, paid.settle_note) == (
        2000, "wechat", "陈志强", "转账单号 4200001",
    )  # fmt: skip
    assert AuditLog.select().where(AuditLog.action == "结算推荐佣金").count() == 1
    assert "待结算 ¥15.00，已结算 ¥20.00" in box.label.text()
    assert box.settle_button.isEnabled()


def test_settle_refused_keeps_the_dialog_and_says_why(
    qtbot, services, family, data_paths, monkeypatch, owner_auth, no_message_boxes
) -> None:
    referrer, _referred = family
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    clerk_auth = services.staff.authorize(clerk, "clerk-pw", Role.CUSTOMER_SERVICE, "测试")
    monkeypatch.setattr(DIALOG, lambda *_a: clerk_auth)
    page = _page(qtbot, services, data_paths)
    page.open_customer(referrer)
    dialog = page.detail.referral_box.open_settle_dialog()
    assert dialog is not None
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("cash"))
    qtbot.mouseClick(dialog.settle_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and any("区域经理" in text for text in no_message_boxes)
    assert ReferralCommission.select().where(ReferralCommission.status == "settled").count() == 0
