"""设置 → 数据与备份, 数据安全, 操作记录: what the owner sees and does there, and the restore restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from jiazheng_desktop import app as app_module
from jiazheng_desktop.gui.settings import data_tab as data_tab_module
from jiazheng_desktop.gui.settings import owner_gate as owner_gate_module
from jiazheng_desktop.gui.settings import security_tab as security_tab_module
from jiazheng_desktop.gui.settings.page import SettingsPage
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.storage.backup import check_file, list_backups
from jiazheng_desktop.storage.database import close_database
from jiazheng_desktop.storage.models import AuditLog, Customer
from tests.conftest import TEST_KEY, make_draft


def _page(qtbot, services, qsettings) -> SettingsPage:
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_data_tab_lists_backups_with_their_check_and_backs_up_now(
    qtbot, services, qsettings, owner_auth, monkeypatch, no_message_boxes
) -> None:
    services.backups.automatic()
    page = _page(qtbot, services, qsettings)
    page.show_tab(page.data_tab)
    tab = page.data_tab
    assert tab.model.rowCount() == 1
    assert tab.model.item(0, 1).text() == "自动" and tab.model.item(0, 3).text() == "已检查，完好"
    monkeypatch.setattr(data_tab_module, "ask_authorization", lambda *_a: owner_auth)
    tab.backup_now()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10000)
    assert any("已备份" in text for text in no_message_boxes)
    kinds = {tab.model.item(r, 1).text() for r in range(2)}
    assert kinds == {"自动", "手动"}


def test_no_password_no_backup(qtbot, services, qsettings, monkeypatch, data_paths) -> None:
    page = _page(qtbot, services, qsettings)
    page.show_tab(page.data_tab)
    monkeypatch.setattr(data_tab_module, "ask_authorization", lambda *_a: None)
    page.data_tab.backup_now()
    assert list_backups(data_paths.backups) == []


def test_restore_from_the_window_asks_then_restarts_on_the_backup(
    qtbot, services, qsettings, owner_auth, monkeypatch, data_paths, clock, no_message_boxes
) -> None:
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    services.customers.create(make_draft(name="恢复前"))
    backup = services.backups.backup_now(owner_auth)
    services.customers.create(make_draft(name="备份后"))
    window.show_page("settings")
    page = window.current_page()
    assert isinstance(page, SettingsPage)
    page.show_tab(page.data_tab)
    page.data_tab.refresh()
    row = next(
        r
        for r in range(page.data_tab.model.rowCount())
        if page.data_tab.model.item(r, 4).text() == backup.name
    )
    page.data_tab.select_row(row)
    monkeypatch.setattr(data_tab_module, "ask_authorization", lambda *_a: owner_auth)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.restore_requested, timeout=10000) as asked:
        page.data_tab.restore_selected()
    assert Path(asked.args[0]) == backup and asked.args[1] == "李店主"
    safety = [p for p in list_backups(data_paths.backups) if "before-restore" in p.name]
    assert len(safety) == 1 and check_file(safety[0], TEST_KEY) == "ok"
    # What the program does between the two windows: the file closed, the backup put in its place.
    close_database()
    request = app_module.RestoreRequest(backup, "李店主", TEST_KEY)
    assert app_module._restore_requested(data_paths, clock, request) == "李店主"
    from jiazheng_desktop.storage.database import open_database

    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    names = {c.name for c in Customer.select()}
    assert "恢复前" in names and "备份后" not in names
    assert any(p.name.startswith("jiazheng.sqlite3.replaced-") for p in data_paths.root.iterdir())


def test_the_security_tab_says_encrypted_and_where_the_key_is(
    qtbot, services, qsettings, monkeypatch, tmp_path, owner_auth
) -> None:
    page = _page(qtbot, services, qsettings)
    page.show_tab(page.security_tab)
    tab = page.security_tab
    assert "已加密" in tab.encryption_label.text()
    assert "还没有打印过恢复单" in tab.sheet_label.text()
    target = tmp_path / "恢复单.pdf"
    monkeypatch.setattr(security_tab_module, "ask_authorization", lambda *_a: owner_auth)
    monkeypatch.setattr(
        "jiazheng_desktop.gui.common.recovery_sheet.QFileDialog.getSaveFileName",
        lambda *_a: (str(target), ""),
    )
    monkeypatch.setattr(
        "jiazheng_desktop.gui.common.recovery_sheet.DocumentReadyDialog.exec", lambda _self: 0
    )
    tab.print_sheet()
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert "上次生成恢复单" in tab.sheet_label.text()
    assert AuditLog.select().where(AuditLog.action == "生成恢复单").count() == 1


def test_the_audit_log_tab_needs_the_owner_and_closes_when_the_page_is_left(
    qtbot, services, qsettings, monkeypatch, owner_auth
) -> None:
    page = _page(qtbot, services, qsettings)
    page.show_tab(page.audit_gate)
    assert not page.audit_gate.is_open
    monkeypatch.setattr(owner_gate_module, "ask_authorization", lambda *_a: None)
    assert not page.audit_gate.open_gate()
    monkeypatch.setattr(owner_gate_module, "ask_authorization", lambda *_a: owner_auth)
    assert page.audit_gate.open_gate() and page.audit_gate.is_open
    page.hide()
    assert not page.audit_gate.is_open


def test_first_run_offers_the_recovery_sheet_without_asking_the_new_owner_again(
    qtbot, services, monkeypatch, tmp_path, no_message_boxes
) -> None:
    from PySide6.QtWidgets import QWidget

    from jiazheng_desktop.gui.common import recovery_sheet
    from tests.conftest import OWNER_PASSWORD

    target = tmp_path / "数据恢复单.pdf"
    asked: list[str] = []
    monkeypatch.setattr(
        recovery_sheet.QMessageBox,
        "question",
        lambda *_a, **_k: asked.append("question") or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(recovery_sheet.QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    monkeypatch.setattr(recovery_sheet.DocumentReadyDialog, "exec", lambda _self: 0)
    monkeypatch.setattr(
        "jiazheng_desktop.gui.common.password_dialog.PasswordDialog.exec",
        lambda _self: (_ for _ in ()).throw(AssertionError("no second password at first run")),
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    app_module._offer_recovery_sheet(parent, services, OWNER_PASSWORD)
    assert asked == ["question"] and target.exists()
    assert AuditLog.select().where(AuditLog.action == "生成恢复单").count() == 1


def test_the_tabs_after_the_first_are_built_when_first_shown(qtbot, services, qsettings) -> None:
    from jiazheng_desktop.gui.settings.data_tab import DataTab
    from jiazheng_desktop.gui.settings.privacy_tab import PrivacyTab

    page = _page(qtbot, services, qsettings)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["基本设置", "数据与备份", "数据安全", "隐私", "操作记录", "多台电脑"]
    assert not any(isinstance(page.tabs.widget(i), DataTab | PrivacyTab) for i in range(page.tabs.count()))
    page.tabs.setCurrentIndex(3)  # as a click on 隐私 does
    assert isinstance(page.tabs.widget(3), PrivacyTab)
    assert page.tabs.currentIndex() == 3
    assert page.privacy_tab is page.tabs.widget(3)
    assert not isinstance(page.tabs.widget(1), DataTab)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == titles
