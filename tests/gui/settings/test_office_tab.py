"""设置 → 多台电脑: the status, connecting to a host (a real server), becoming the host, going back."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.gui.settings import office_tab as office_tab_module
from jiazheng_desktop.gui.settings.office_tab import OfficeTab
from jiazheng_desktop.gui.settings.page import SettingsPage
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.office import OfficeSetup
from jiazheng_desktop.storage import office_config
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.models import Customer
from jiazheng_desktop.storage.office_move import move_to_server
from jiazheng_desktop.storage.office_server import LocalServer, ServerAddress, find_binaries, free_port
from jiazheng_desktop.storage.postgres import open_server
from tests.conftest import TEST_KEY, folder_key, make_draft, ready_services


def _run_as() -> str:
    return "postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""


def _tab(qtbot, services: Services, setup: OfficeSetup) -> OfficeTab:
    tab = OfficeTab(services, setup=setup)
    qtbot.addWidget(tab)
    tab.show()
    return tab


@pytest.fixture
def owner_yes(monkeypatch: pytest.MonkeyPatch, owner_auth) -> list[str]:
    """The owner's password dialog answered with the owner; records what it was asked for."""
    asked: list[str] = []

    def ask(_parent, _services, _role, what):
        asked.append(what)
        return owner_auth

    monkeypatch.setattr(office_tab_module, "ask_authorization", ask)
    return asked


def test_the_settings_page_has_the_tab_showing_a_single_pc(qtbot, services, qsettings) -> None:
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "多台电脑" in titles
    page.show_tab(page.office_tab)
    tab = page.office_tab
    assert "单机" in tab.status_label.text()
    assert tab.host_box.isVisible() and tab.connect_box.isVisible()
    assert not tab.join_box.isVisible() and not tab.single_box.isVisible()


def test_without_the_server_component_the_tab_says_what_to_install(
    qtbot, services, data_paths, no_message_boxes
) -> None:
    tab = _tab(qtbot, services, OfficeSetup(data_paths, binaries=lambda: None))
    assert not tab.make_host_button.isEnabled()
    assert tab.not_installed_label.isVisible() and "PostgreSQL" in tab.not_installed_label.text()
    tab.make_host()
    assert any("没有找到 PostgreSQL" in text for text in no_message_boxes)
    assert office_config.load(data_paths) is None


@pytest.mark.skipif(find_binaries() is None, reason="PostgreSQL binaries not installed")
def test_the_tab_names_the_postgresql_this_pc_would_run_as_the_host(qtbot, services, data_paths) -> None:
    tab = _tab(qtbot, services, OfficeSetup(data_paths))
    assert tab.program_label.isVisible() and tab.make_host_button.isEnabled()
    assert re.match(r"主机将使用：PostgreSQL \d+(\.\d+)*（.*bin）", tab.program_label.text())


def test_a_server_component_that_does_not_run_is_said_and_makes_no_host(
    qtbot, services, data_paths, tmp_path
) -> None:
    tab = _tab(qtbot, services, OfficeSetup(data_paths, binaries=lambda: tmp_path))  # no postgres in it
    assert tab.program_label.isVisible() and "无法运行" in tab.program_label.text()
    assert not tab.make_host_button.isEnabled()


def test_connect_tests_names_a_typo_and_a_wrong_code_then_saves_and_asks_to_restart(
    server_address: ServerAddress, qtbot, services, data_paths, owner_yes, no_message_boxes
) -> None:
    tab = _tab(qtbot, services, OfficeSetup(data_paths, database=server_address.database))
    tab.host_edit.setText(server_address.host)
    tab.port_spin.setValue(server_address.port)

    tab.code_edit.setText("ABCD-EFG")
    tab.test_connection()
    assert "16 个" in tab.connect_error.text()
    tab.code_edit.setText("AAAA-AAAA-AAAA-AAAA")
    tab.test_connection()
    assert "办公室代码不对" in tab.connect_error.text()
    tab.code_edit.setText(server_address.password.lower().replace("-", " "))
    tab.test_connection()
    assert tab.connect_error.text() == "" and "连接成功" in tab.connect_status.text()
    assert office_config.load(data_paths) is None  # a test keeps nothing

    with qtbot.waitSignal(tab.restart_requested, timeout=5000):
        tab.connect_to_host()
    assert owner_yes == ["连接到主机"]
    saved = office_config.load(data_paths)
    assert saved is not None and (saved.role, saved.host, saved.port) == (
        "client",
        server_address.host,
        server_address.port,
    )
    assert any("已连接到主机" in text for text in no_message_boxes)


def test_no_owner_password_no_change(server_address, qtbot, services, data_paths, monkeypatch) -> None:
    monkeypatch.setattr(office_tab_module, "ask_authorization", lambda *_a: None)
    tab = _tab(qtbot, services, OfficeSetup(data_paths, database=server_address.database))
    tab.host_edit.setText(server_address.host)
    tab.port_spin.setValue(server_address.port)
    tab.code_edit.setText(server_address.password)
    tab.connect_to_host()
    assert office_config.load(data_paths) is None


@pytest.fixture
def host_folder(server_address: ServerAddress, clock: FixedClock) -> Iterator[tuple[DataPaths, Services]]:
    """A data folder the server's user can reach (as root the server runs as ``postgres``), open,
    with an agency and one customer."""
    folder = Path(tempfile.mkdtemp(prefix="jz-test-host-"))
    if _run_as():
        shutil.chown(folder, _run_as(), _run_as())
    paths = DataPaths(folder / "office")
    paths.ensure()
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=TEST_KEY)
    services = ready_services(clock, paths)
    services.customers.create(make_draft(name="主机客户"))
    yield paths, services
    close_database()
    binaries = find_binaries()
    if binaries is not None:
        for cluster in [paths.office_server, *paths.root.glob("office-server.replaced-*")]:
            LocalServer(cluster, binaries, run_as=_run_as()).stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(find_binaries() is None, reason="PostgreSQL binaries not installed")
def test_make_host_shows_the_code_addresses_and_firewall_then_back_to_single(
    qtbot, host_folder, clock, monkeypatch, no_message_boxes
) -> None:
    paths, services = host_folder
    owner = services.staff.list()[0]
    auth = services.staff.authorize(owner.id, "owner-secret", owner.role, "测试")
    monkeypatch.setattr(office_tab_module, "ask_authorization", lambda *_a: auth)
    port = free_port()
    setup = OfficeSetup(paths, run_as=_run_as(), addresses=lambda: ["192.168.1.20"])
    real_make_host = setup.make_host
    monkeypatch.setattr(
        setup, "make_host", lambda progress=None: real_make_host(port=port, progress=progress)
    )
    tab = _tab(qtbot, services, setup)
    # no_message_boxes answers confirm() with yes; the host question is asked first.
    with qtbot.waitSignal(tab.restart_requested, timeout=60000):
        tab.make_host()
    assert tab.last_result is not None and tab.last_result.counts["customer"] == 1
    code = tab.last_result.code
    assert tab.code_label.text() == code
    assert "192.168.1.20" in tab.addresses_label.text() and str(port) in tab.addresses_label.text()
    assert "专用网络" in tab.firewall_label.text()
    assert f"localport={port}" in tab.firewall_edit.text() and "netsh advfirewall" in tab.firewall_edit.text()
    assert any("已经是主机" in text and code in text for text in no_message_boxes)
    assert "主机" in tab.status_label.text() and tab.single_box.isVisible()

    # Nothing is saved into the file left behind; after the restart the window works on the server.
    with pytest.raises(DomainError, match="正在搬数据"):
        services.customers.create(make_draft(name="搬完以后", phone="13700000000"))
    services.context.write_gate = None  # what the restart does
    close_database()
    open_server(setup.start_host())
    services.customers.create(make_draft(name="主机上新建", phone="13912345678"))
    tab.refresh()
    assert code not in tab.code_label.text()
    tab.reveal_code()
    assert tab.code_label.text() == code
    assert tab.online_label.text().startswith("现在在线的电脑")

    with qtbot.waitSignal(tab.restart_requested, timeout=60000):
        tab.back_to_single()
    close_database()
    assert office_config.load(paths) is None
    key = folder_key(paths)
    assert key is not None
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=key)
    assert sorted(c.name for c in Customer.select()) == ["主机上新建", "主机客户"]
    assert list(paths.root.glob("jiazheng.sqlite3.replaced-*"))


def test_a_client_shows_its_host_and_can_go_back(
    server_address, qtbot, services, data_paths, clock, owner_yes, no_message_boxes
) -> None:
    from jiazheng_desktop.storage.models import db

    services.customers.create(make_draft(name="带回家"))
    move_to_server(db.obj, server_address)
    setup = OfficeSetup(data_paths, database=server_address.database)
    setup.connect_to(server_address.host, server_address.port, server_address.password)
    tab = _tab(qtbot, services, setup)
    assert f"{server_address.host}:{server_address.port}" in tab.status_label.text()
    assert not tab.join_box.isVisible() and tab.single_box.isVisible() and not tab.connect_box.isVisible()
    close_database()
    with qtbot.waitSignal(tab.restart_requested, timeout=30000):
        tab.back_to_single()
    assert office_config.load(data_paths) is None


def test_the_data_tab_on_a_client_says_the_host_makes_the_backups(qtbot, services, qsettings) -> None:
    from dataclasses import replace

    assert services.backup_place is not None
    services.backup_place = replace(services.backup_place, client=True)
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    page.show_tab(page.data_tab)
    tab = page.data_tab
    assert "备份由主机自动做" in tab.summary_label.text()
    assert not tab.backup_button.isEnabled() and not tab.restore_file_button.isEnabled()


def test_the_data_tab_on_the_host_says_what_restore_does(qtbot, services, qsettings) -> None:
    from dataclasses import replace

    assert services.backup_place is not None
    services.backup_place = replace(
        services.backup_place, server=ServerAddress("127.0.0.1", 5544, "ABCD-EFGH-JKLM-NPQR")
    )
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    page.show_tab(page.data_tab)
    assert "替换现在全公司" in page.data_tab.summary_label.text()
    assert page.data_tab.backup_button.isEnabled()


def test_the_window_restarts_when_the_office_tab_asks(qtbot, services, qsettings) -> None:
    from jiazheng_desktop import app as app_module
    from jiazheng_desktop.gui.window.shell import build_main_window

    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.show_page("settings")
    page = window.current_page()
    assert isinstance(page, SettingsPage)
    with qtbot.waitSignal(window.restart_requested, timeout=5000):
        page.office_tab.restart_requested.emit()
    # A restart without a backup restores nothing.
    paths = DataPaths(services.backups.place().database.parent)
    before = paths.database.read_bytes()
    request = app_module.RestoreRequest(None, "", None)
    assert app_module._restore_requested(paths, services.context.clock, request) is None
    assert paths.database.read_bytes() == before


def test_a_failed_move_lifts_the_hold_on_saving(
    qtbot, services, data_paths, monkeypatch, no_message_boxes, owner_yes
) -> None:
    setup = OfficeSetup(data_paths, binaries=lambda: Path("/nonexistent"))

    def refuse(progress=None):
        raise DomainError("搬数据时行数对不上")

    monkeypatch.setattr(setup, "make_host", refuse)
    tab = _tab(qtbot, services, setup)
    tab.make_host()
    qtbot.waitUntil(lambda: not tab.busy, timeout=10000)
    assert "搬数据时行数对不上" in no_message_boxes
    assert services.context.write_gate is None
    services.customers.create(make_draft(name="照常保存"))


def test_finding_the_host_on_the_network_fills_its_address(qtbot, services, data_paths) -> None:
    from functools import partial

    from jiazheng_desktop.services.office_discovery import HostResponder, find_hosts

    tab = _tab(qtbot, services, OfficeSetup(data_paths, binaries=lambda: None))
    responder = HostResponder("front-desk", 5599, "好帮手家政", listen_port=0).start()
    try:
        tab.finder = partial(find_hosts, 0.5, port=responder.port, also=["127.0.0.1"], broadcast=False)
        tab.find_button.click()
        qtbot.waitUntil(lambda: tab.find_button.isEnabled() and tab.host_edit.text() != "", timeout=5000)
    finally:
        responder.stop()
    assert (tab.host_edit.text(), tab.port_spin.value()) == ("127.0.0.1", 5599)
    assert "好帮手家政" in tab.connect_status.text() and "办公室代码" in tab.connect_status.text()

    tab.finder = lambda: []
    tab.find_button.click()
    qtbot.waitUntil(lambda: "没有找到主机" in tab.connect_error.text(), timeout=5000)
