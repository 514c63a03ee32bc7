"""Start-up with office.json: a client opens the host's database (retry / quit while it cannot), and the
host's backups are exports of the server's data, listed and restored like the file's."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from jiazheng_desktop import app as app_module
from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import Services, build_services
from jiazheng_desktop.services.backups import CLIENT_NO_BACKUPS, BackupPlace
from jiazheng_desktop.services.office import OfficeSetup
from jiazheng_desktop.startup import open_office
from jiazheng_desktop.storage import office_config
from jiazheng_desktop.storage.backup import check_file, list_backups
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.models import Customer, db
from jiazheng_desktop.storage.office_config import CLIENT, OfficeConfig
from jiazheng_desktop.storage.office_move import move_to_server, restore_to_server
from jiazheng_desktop.storage.office_server import ServerAddress, find_binaries, free_port
from jiazheng_desktop.storage.postgres import is_server, open_server
from tests.conftest import OWNER_PASSWORD, TEST_KEY, folder_key, make_draft, ready_services
from tests.test_startup import Answers


@pytest.fixture
def on_server(server_address: ServerAddress, data_paths: DataPaths, clock: FixedClock) -> Iterator[Services]:
    """The agency moved to the test's server; services over the server, owner on duty."""
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    svc = ready_services(clock, data_paths)
    svc.customers.create(make_draft(name="服务器上的客户"))
    move_to_server(db.obj, server_address)
    close_database()
    open_server(server_address)
    yield svc
    close_database()


def _owner(svc: Services):
    owner = svc.staff.list()[0]
    return svc.staff.authorize(owner.id, OWNER_PASSWORD, owner.role, "测试")


def _client(data_paths: DataPaths, address: ServerAddress) -> OfficeConfig:
    config = OfficeConfig(CLIENT, address.host, address.port, address.database)
    office_config.save(data_paths, config, address.password)
    return config


def test_a_client_opens_the_hosts_database_and_skips_the_file_steps(
    on_server: Services, server_address: ServerAddress, data_paths: DataPaths
) -> None:
    close_database()
    config = _client(data_paths, server_address)
    answers = Answers()

    opened = open_office(data_paths, answers, config)

    assert opened is not None and answers.asked == []
    assert is_server(opened.result.database) and opened.result.integrity is None
    assert [c.name for c in Customer.select()] == ["服务器上的客户"]
    place = app_module._backup_place(data_paths, opened, config)
    assert place.client and place.server is None


def test_an_unreachable_host_asks_retry_or_quit_and_never_opens_the_local_file(
    server_address: ServerAddress, data_paths: DataPaths, clock: FixedClock
) -> None:
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    close_database()
    config = _client(data_paths, replace(server_address, port=free_port()))
    answers = Answers("retry", "quit")

    assert open_office(data_paths, answers, config) is None

    assert len(answers.asked) == 2
    assert all("连不上主机" in text and "重试" in text for _kind, text in answers.asked)
    assert not is_server(db.obj) or db.obj.is_closed()


def test_a_lost_office_code_is_said_and_the_program_quits(
    server_address: ServerAddress, data_paths: DataPaths, key_folder: Path
) -> None:
    config = _client(data_paths, server_address)
    for kept in key_folder.glob("*.office"):
        kept.unlink()
    answers = Answers("retry")
    assert open_office(data_paths, answers, config) is None
    assert "办公室代码" in answers.asked[0][1]


def test_the_hosts_backups_are_exports_listed_and_restored(
    on_server: Services, server_address: ServerAddress, data_paths: DataPaths
) -> None:
    svc = on_server
    owner_auth = _owner(svc)
    svc.backup_place = BackupPlace(data_paths.database, data_paths.backups, TEST_KEY, server=server_address)
    file_before = data_paths.database.read_bytes()

    made = svc.backups.automatic(force=True)

    assert made is not None and made.parent == data_paths.backups and made.name.endswith("-auto.sqlite3")
    assert check_file(made, TEST_KEY) == "ok"
    assert data_paths.database.read_bytes() == file_before  # the file not in use is left alone
    assert [v.path for v in svc.backups.views()] == [made]
    svc.customers.create(make_draft(name="备份之后", phone="13987654321"))
    svc.backups.prepare_restore(made, owner_auth)
    assert len(list_backups(data_paths.backups)) == 2  # and the "before-restore" one
    close_database()

    counts = restore_to_server(made, server_address, TEST_KEY, work_folder=data_paths.backups)

    assert counts["customer"] == 1
    open_server(server_address)
    assert [c.name for c in Customer.select()] == ["服务器上的客户"]
    assert len(list_backups(data_paths.backups)) == 2  # the working copy is gone


def test_a_client_makes_no_backups_and_says_the_host_does(on_server: Services, data_paths: DataPaths) -> None:
    svc = on_server
    owner_auth = _owner(svc)
    svc.backup_place = BackupPlace(data_paths.database, data_paths.backups, None, client=True)
    assert svc.backups.automatic(force=True) is None
    assert svc.backups.views() == []
    with pytest.raises(DomainError, match="主机自动做"):
        svc.backups.backup_now(owner_auth)
    assert "主机" in CLIENT_NO_BACKUPS
    assert list_backups(data_paths.backups) == []


def test_the_command_line_does_not_touch_the_unused_file_on_an_office_pc(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiazheng_desktop.cli import main

    office_config.save(data_paths, OfficeConfig(CLIENT, "192.168.1.20", 5544), "ABCD-EFGH-JKLM-NPQR")
    assert main(["--data-dir", str(data_paths.root), "backup"]) == 1
    assert "主机数据库" in capsys.readouterr().err
    assert not data_paths.database.exists() and list_backups(data_paths.backups) == []


@pytest.mark.skipif(find_binaries() is None, reason="PostgreSQL binaries not installed")
def test_the_host_starts_its_own_server_and_backs_it_up(
    server_address: ServerAddress, clock: FixedClock
) -> None:
    run_as = "postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    folder = Path(tempfile.mkdtemp(prefix="jz-test-host-"))
    if run_as:
        shutil.chown(folder, run_as, run_as)
    paths = DataPaths(folder / "office")
    paths.ensure()
    setup = OfficeSetup(paths, run_as=run_as, addresses=lambda: [])
    try:
        open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=TEST_KEY)
        ready_services(clock, paths).customers.create(make_draft(name="主机客户"))
        setup.make_host(db.obj, port=free_port())
        close_database()
        server = setup.server()
        assert server is not None
        server.stop()  # the PC was switched off
        config = office_config.load(paths)
        assert config is not None

        opened = open_office(paths, Answers(), config, setup)

        assert opened is not None and is_server(opened.result.database)
        assert server.is_running()
        assert [c.name for c in Customer.select()] == ["主机客户"]
        place = app_module._backup_place(paths, opened, config)
        assert place.server is not None and not place.client and place.key == folder_key(paths)
        svc = build_services(clock, paths.documents)
        svc.backup_place = place
        made = svc.backups.automatic(force=True)
        assert made is not None and check_file(made, place.key) == "ok"
    finally:
        close_database()
        server = setup.server()
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
