"""设置 → 隐私: what is kept and how long, who agreed to what, the consent wordings, the 告知书."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS, ConsentChannel, Purpose
from jiazheng_desktop.gui.common.documents import DocumentReadyDialog
from jiazheng_desktop.gui.settings import wording_dialog as wording_dialog_module
from jiazheng_desktop.gui.settings.page import SettingsPage
from jiazheng_desktop.gui.settings.privacy_tab import PrivacyTab
from jiazheng_desktop.services.consents import ConsentDecision
from jiazheng_desktop.storage.models import AuditLog, ConsentWording
from tests.conftest import make_draft
from tests.pdf_helpers import read_pdf

NEW_WORDING = "节日和有优惠时，我们想给您打电话或发微信问候（新版），您随时可以说不再接收。"


@pytest.fixture
def tab(qtbot, services, qsettings) -> Iterator[PrivacyTab]:
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    page.show_tab(page.privacy_tab)  # showing the tab reads it
    yield page.privacy_tab  # the page stays alive (it owns the tab) until the test ends


def _decide(services, purpose: Purpose, granted: bool) -> ConsentDecision:
    return ConsentDecision(
        purpose, granted, ConsentChannel.PHONE, services.consents.current_wording(purpose).id
    )


def test_the_tab_comes_after_data_security_and_reads_when_shown(qtbot, services, qsettings) -> None:
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    index = page.tabs.indexOf(page.privacy_tab)
    assert page.tabs.tabText(index) == "隐私"
    assert page.tabs.tabText(index - 1) == "数据安全"
    assert page.privacy_tab.kinds_table.rowCount() == 0  # nothing read before it is shown
    page.show()
    page.show_tab(page.privacy_tab)
    assert page.privacy_tab.kinds_table.rowCount() > 0


def test_what_is_kept_why_and_how_long_follows_the_settings(tab, services, owner_auth) -> None:
    rows = {tab.kinds_table.text(r, 0): r for r in range(tab.kinds_table.rowCount())}
    for kind in ("客户资料", "家庭备注", "服务记录", "投诉与补救记录", "回访记录", "优惠券与账目", "合同与续约",
                 "同意记录", "操作记录", "备份"):  # fmt: skip
        assert kind in rows, kind
    assert "姓名" in tab.kinds_table.text(rows["客户资料"], 1) and "联系时段" in tab.kinds_table.text(
        rows["客户资料"], 1
    )
    assert (
        tab.kinds_table.text(rows["回访记录"], 3)
        == "3 年后删除内容，保留回访的日期；客户撤回同意时立即删除内容"
    )
    assert "账目" in tab.kinds_table.text(rows["投诉与补救记录"], 3)
    assert "每天一份，保留最近 7 天" in tab.kinds_table.text(rows["备份"], 3)
    services.retention.save_policy(4, None, owner_auth)
    tab.refresh()
    assert (
        tab.kinds_table.text(rows["回访记录"], 3)
        == "4 年后删除内容，保留回访的日期；客户撤回同意时立即删除内容"
    )
    assert tab.kinds_table.text(rows["客户资料"], 3) == "一直保存，直到客户要求删除"


def test_the_counts_of_customers_per_consent(qtbot, tab, services) -> None:
    first = services.customers.create(make_draft())
    second = services.customers.create(make_draft(name="李娜", honorific="女士", phone="13900001111"))
    services.customers.create(make_draft(name="孙一", phone="13600000000"))
    services.consents.record(first, _decide(services, Purpose.MARKETING, True))
    services.consents.record(second, _decide(services, Purpose.MARKETING, True))
    services.consents.record(second, _decide(services, Purpose.MARKETING, False))
    services.consents.record(first, _decide(services, Purpose.CALLBACK_RECORDS, True))
    with qtbot.waitSignal(tab.counted, timeout=10000):  # counted off the GUI thread
        tab.refresh()
    shown = {
        tab.counts_table.text(r, 0): tuple(tab.counts_table.text(r, c) for c in (1, 2, 3))
        for r in range(tab.counts_table.rowCount())
    }
    assert shown == {
        "回访记录保存": ("1 位", "0 位", "2 位"),
        "营销与节日问候": ("1 位", "1 位", "1 位"),
        "家庭备注": ("0 位", "0 位", "3 位"),
    }
    assert "共 3 位客户" in tab.counts_label.text()


def test_editing_a_wording_asks_the_owner_and_makes_version_2(tab, services, owner_auth, monkeypatch) -> None:
    box = tab.wording_boxes[Purpose.MARKETING]
    assert box.text_label.text() == DEFAULT_WORDINGS[Purpose.MARKETING]
    assert box.version_label.text() == "第 1 版（程序自带）"
    assert not box.history_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(
        wording_dialog_module, "ask_authorization", lambda _p, _s, _r, what: asked.append(what) or owner_auth
    )
    box.edit_button.click()
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible() and dialog.purpose == Purpose.MARKETING
    dialog.text_edit.setPlainText(NEW_WORDING)
    dialog.save_button.click()
    assert asked == ["修改同意条款"]
    assert not dialog.isVisible() and dialog.saved is not None and dialog.saved.version == 2
    assert box.text_label.text() == NEW_WORDING
    assert box.version_label.text().startswith("第 2 版 · 2026-11-23 10:00 由 李店主 保存")
    assert box.history_button.isEnabled() and box.history_button.text() == "历史版本（1）"
    box.history_button.click()
    assert box.history_label.isVisible() and DEFAULT_WORDINGS[Purpose.MARKETING] in box.history_label.text()
    assert services.consents.current_wording(Purpose.MARKETING).version == 2


def test_a_wording_too_short_is_refused_next_to_the_text_before_any_password(
    tab, services, monkeypatch
) -> None:
    def no_password(*_args):
        raise AssertionError("the password was asked before the text was checked")

    monkeypatch.setattr(wording_dialog_module, "ask_authorization", no_password)
    dialog = tab.edit_wording(Purpose.HOUSEHOLD_NOTES)
    assert dialog is not None
    dialog.text_edit.setPlainText("太短了")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.text_edit.toPlainText() == "太短了"
    assert "至少要写 10 个字" in dialog.errors.message("wording")
    dialog.text_edit.setPlainText(DEFAULT_WORDINGS[Purpose.HOUSEHOLD_NOTES] + "  ")
    dialog.save_button.click()
    assert dialog.isVisible() and "没有修改" in dialog.error_label.text()
    assert ConsentWording.select().where(ConsentWording.purpose == Purpose.HOUSEHOLD_NOTES.value).count() == 1


def test_cancelling_the_password_keeps_the_text_and_saves_nothing(tab, services, monkeypatch) -> None:
    monkeypatch.setattr(wording_dialog_module, "ask_authorization", lambda *_a: None)
    dialog = tab.edit_wording(Purpose.CALLBACK_RECORDS)
    assert dialog is not None
    dialog.text_edit.setPlainText(NEW_WORDING)
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.text_edit.toPlainText() == NEW_WORDING
    assert services.consents.current_wording(Purpose.CALLBACK_RECORDS).version == 1


def test_a_refusal_from_the_service_is_shown_in_the_dialog(tab, services, monkeypatch, owner_auth) -> None:
    clerk = services.staff.create("周小红", 1, "clerk-pass", owner_auth)
    clerk_auth = services.staff.authorize(clerk, "clerk-pass", 1, "测试")
    monkeypatch.setattr(wording_dialog_module, "ask_authorization", lambda *_a: clerk_auth)
    shown: list[str] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.common.messages.show_error", lambda _p, text, title=None: shown.append(text)
    )
    dialog = tab.edit_wording(Purpose.MARKETING)
    assert dialog is not None
    dialog.text_edit.setPlainText(NEW_WORDING)
    dialog.save_button.click()
    assert dialog.isVisible() and shown and "修改同意条款需要运营总监/店主" in shown[0]
    assert services.consents.current_wording(Purpose.MARKETING).version == 1


def test_print_notice_makes_the_pdf_and_offers_it(qtbot, tab, data_paths) -> None:
    job = tab.print_notice()
    with qtbot.waitSignal(job.done, timeout=10_000) as made:
        pass
    path = made.args[0]
    assert isinstance(path, Path) and path.parent == data_paths.documents and path.exists()
    pdf = read_pdf(path)
    assert len(pdf.pages) == 1 and "个人信息处理告知书" in pdf.compact
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, DocumentReadyDialog) and w.isVisible() and w.path == path
            for w in QApplication.topLevelWidgets()
        )
    )
    assert AuditLog.select().where(AuditLog.action == "生成文件").count() == 1


def test_another_box_goes_at_the_end(qtbot, tab) -> None:
    box = QLabel("保存期限")
    tab.add_section(box)
    qtbot.waitUntil(box.isVisible)
    assert tab.isAncestorOf(box)
    assert (
        box.mapTo(tab, box.rect().topLeft()).y()
        > tab.wording_boxes[Purpose.HOUSEHOLD_NOTES].mapTo(tab, box.rect().topLeft()).y()
    )


def test_the_retention_periods_sit_in_the_tab_and_a_saved_period_updates_what_is_kept(
    qtbot, tab, services, owner_auth, monkeypatch
) -> None:
    box = tab.retention_box
    assert box.isVisibleTo(tab)
    qtbot.waitUntil(lambda: box.status is not None, timeout=10000)
    monkeypatch.setattr(
        "jiazheng_desktop.gui.settings.retention_box.ask_authorization", lambda *_args: owner_auth
    )
    box.contact_spin.setValue(6)
    with qtbot.waitSignal(box.policy_saved):
        box.save_button.click()
    rows = {tab.kinds_table.text(r, 0): r for r in range(tab.kinds_table.rowCount())}
    assert (
        tab.kinds_table.text(rows["回访记录"], 3)
        == "6 年后删除内容，保留回访的日期；客户撤回同意时立即删除内容"
    )
