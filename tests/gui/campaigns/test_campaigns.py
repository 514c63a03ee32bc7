"""营销活动 in the window: the work-through (复制 → clipboard, 已发送 → next, resumed after reopening),
one password for the whole budget, the new-campaign dialog's count, preview and bad input, and the
festival reminder opening its campaign."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from jiazheng_desktop.domain.campaigns import CampaignDraft, CampaignPurpose, RecipientState
from jiazheng_desktop.domain.privacy import ConsentState, Purpose
from jiazheng_desktop.domain.reminders import Kind, State
from jiazheng_desktop.domain.vouchers import VoucherKind
from jiazheng_desktop.gui.campaigns.campaign_dialog import CampaignDialog
from jiazheng_desktop.gui.campaigns.page import CampaignsPage
from jiazheng_desktop.gui.campaigns.work_through import WorkThroughDialog
from jiazheng_desktop.gui.reminders.controller import place_opener
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services.reminder_views import ReminderRow
from jiazheng_desktop.storage.models import Voucher
from tests.conftest import grants, make_draft

GREETING = "{称呼}您好！{节日}快乐！送您{金额}红包，券码 {券码}。"


@pytest.fixture
def people(services) -> list[int]:
    return [
        services.customers.create(make_draft(name=name, phone=phone), grants(services, Purpose.MARKETING))
        for name, phone in (("李秀英", "13800000001"), ("王建国", "13800000002"), ("张丽", "13800000003"))
    ]


def _campaign(services, clock, *, voucher: bool = True) -> int:
    extra: dict[str, object] = {}
    if voucher:
        extra = {
            "voucher_kind": VoucherKind.FESTIVAL.value,
            "voucher_value_text": "200",
            "voucher_valid_until": clock.now().date() + timedelta(days=60),
        }
    return services.campaigns.create(
        CampaignDraft(
            name="2027 春节问候",
            purpose=CampaignPurpose.FESTIVAL.value,
            festival_key="spring",
            template=GREETING,
            **extra,  # type: ignore[arg-type]
        )
    )


def _press(dialog: WorkThroughDialog, key: str) -> None:
    # Offscreen windows are never active, so key presses cannot reach a shortcut: fire it directly.
    [shortcut] = [s for s in dialog.findChildren(QShortcut) if s.key() == QKeySequence(key)]
    shortcut.activated.emit()


def test_work_through_copies_the_message_moves_on_and_resumes(
    qtbot, services, clock, people, owner_auth, no_message_boxes
) -> None:
    campaign_id = _campaign(services, clock)
    services.campaigns.start(campaign_id, owner_auth)
    dialog = WorkThroughDialog(services, campaign_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.progress_label.text() == "已发送 0 / 跳过 0 / 共 3"
    first = dialog.current
    assert first is not None and first.position == 1
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith("李先生您好！春节快乐！送您¥200.00红包，券码 ") and first.voucher_code in copied
    assert "【待补" not in copied
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    assert dialog.current is not None and dialog.current.position == 2
    assert dialog.progress_label.text() == "已发送 1 / 跳过 0 / 共 3"
    assert services.campaigns.recipient(first.id).message == copied
    _press(dialog, "F8")  # 跳过 by its key
    assert dialog.progress_label.text() == "已发送 1 / 跳过 1 / 共 3"
    dialog.close_button.click()
    again = WorkThroughDialog(services, campaign_id)  # closed and opened again: where it was left
    qtbot.addWidget(again)
    assert again.current is not None and again.current.position == 3
    assert again.progress_label.text() == "已发送 1 / 跳过 1 / 共 3"
    edited = again.current.message + "（祝您新年快乐）"
    again.message_edit.setPlainText(edited)  # edited before copying: what is kept is what was sent
    again.copy_message()
    assert QApplication.clipboard().text() == edited
    _press(again, "F7")
    assert again.current is None and not again.sent_button.isEnabled()
    assert again.customer_label.text() == "全部处理完了"
    assert services.campaigns.progress(campaign_id)[RecipientState.SENT] == 2
    assert no_message_boxes == []


def test_stop_asks_first_and_then_withdraws_marketing_consent(
    qtbot, services, clock, people, confirmations
) -> None:
    campaign_id = _campaign(services, clock, voucher=False)
    services.campaigns.start(campaign_id)
    dialog = WorkThroughDialog(services, campaign_id)
    qtbot.addWidget(dialog)
    customer = dialog.current.customer_id if dialog.current else None
    confirmations.answers = [False]
    dialog.stop_button.click()
    assert dialog.current is not None and dialog.current.customer_id == customer
    assert services.consents.state(customer, Purpose.MARKETING) == ConsentState.GRANTED
    dialog.stop_button.click()  # yes this time
    assert "不想再收到营销信息" in confirmations.questions[-1]
    assert services.consents.state(customer, Purpose.MARKETING) == ConsentState.WITHDRAWN
    assert dialog.progress_label.text() == "已发送 0 / 跳过 0 / 不要再发 1 / 共 3"


def test_starting_asks_one_password_for_the_whole_budget(
    qtbot, services, clock, people, owner_auth, qsettings, confirmations, monkeypatch
) -> None:
    from jiazheng_desktop.domain.staff import Role
    from jiazheng_desktop.gui.common import password_dialog

    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    asked: list[tuple[Role, str]] = []

    def ask(_parent, _services, minimum, what):  # type: ignore[no-untyped-def]
        asked.append((minimum, what))
        return owner_auth

    monkeypatch.setattr(password_dialog, "ask_authorization", ask)
    campaign_id = _campaign(services, clock)  # 3 × ¥200 = ¥600: the owner's
    page = CampaignsPage(services, qsettings)
    qtbot.addWidget(page)
    assert page.show_item(campaign_id) and page.start_button.isEnabled()
    assert page.start_current()
    qtbot.waitUntil(lambda: page.starting is None, timeout=10000)
    assert "3 位 × 1 次 × ¥200.00 = ¥600.00" in confirmations.questions[-1]
    assert asked == [(Role.OWNER, "营销活动发券共 ¥600.00")]
    assert Voucher.select().count() == 3
    assert not page.start_button.isEnabled() and page.work_button.isEnabled()
    assert "已发送 0 / 跳过 0 / 共 3" in page.detail.toPlainText()
    dialog = page.work_through()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.sent_button.click()
    dialog.accept()
    assert "已发送 1 / 跳过 0 / 共 3" in page.detail.toPlainText()


def test_new_campaign_dialog_counts_previews_and_keeps_bad_input(
    qtbot, services, clock, people, no_message_boxes
) -> None:
    services.customers.create(make_draft(name="赵敏", phone="13800000009"))  # no marketing consent
    dialog = CampaignDialog(services, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "位客户" in dialog.count_label.text(), timeout=5000)
    assert dialog.count_label.text() == "3 位客户（都已同意接收营销信息）"
    assert dialog.name_edit.text() == "2027 春节问候"
    assert dialog.valid_edit.date().toString("yyyy-MM-dd") == "2027-03-08"  # 30 days after 春节 (6 February)
    assert dialog.preview_label.text().startswith("李先生您好！") and "春节" in dialog.preview_label.text()
    dialog.voucher_box.setChecked(True)
    dialog.value_edit.setText("0")
    dialog.valid_edit.setDate(dialog.valid_edit.date().addDays(-500))
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.saved_id is None
    assert dialog.errors.message("voucher_value") == "券的金额须大于 0"
    assert "不能早于今天" in dialog.errors.message("voucher_valid_until")
    assert dialog.value_edit.text() == "0"  # nothing typed is lost
    dialog.value_edit.setText("20")
    dialog.valid_edit.setDate(dialog.valid_edit.date().addDays(500))
    qtbot.waitUntil(lambda: dialog.budget_label.text() == "3 位 × 1 次 × ¥20.00 = ¥60.00", timeout=5000)
    dialog.save()
    assert dialog.saved_id is not None
    view = services.campaigns.get(dialog.saved_id)
    assert (view.voucher_value_fen, view.festival_key, view.started_at) == (2000, "spring", None)


def test_the_festival_reminder_opens_the_campaign_for_its_festival(qtbot, services, clock, qsettings) -> None:
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    now = clock.now()
    row = ReminderRow(
        1, Kind.FESTIVAL, "festival", 2027, None, "春节问候", now, now, State.RAISED, "today", "spring"
    )
    place_opener(window.navigator, lambda _id: None)(row)
    assert window.current_page_key() == "campaigns"
    page = window.current_page()
    assert isinstance(page, CampaignsPage)
    view = page.current()
    assert view is not None and view.festival_key == "spring" and view.name == "2027 春节问候"
    place_opener(window.navigator, lambda _id: None)(row)  # again: the same campaign, not a second
    assert len(services.campaigns.all()) == 1
    assert window.reminders is not None
    window.reminders.stop()


def test_export_asks_the_owner_and_writes_the_list(
    qtbot, services, clock, people, owner_auth, qsettings, monkeypatch, tmp_path
) -> None:
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from jiazheng_desktop.domain.staff import Role
    from jiazheng_desktop.gui.common import password_dialog

    campaign_id = _campaign(services, clock)
    services.campaigns.start(campaign_id, owner_auth)
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    asked: list[Role] = []
    monkeypatch.setattr(
        password_dialog, "ask_authorization", lambda _p, _s, minimum, _w: asked.append(minimum) or owner_auth
    )
    page = CampaignsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show_item(campaign_id)
    assert page.export_button.isEnabled()
    page.export_current()
    qtbot.waitUntil(lambda: not page.export_job.running, timeout=10000)
    assert asked == [Role.OWNER]
    assert page.export_job.result is not None and page.export_job.result.rows == 3
    page.export_job.done_dialog.close()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert any(row and row[0] == "序号" for row in rows)
