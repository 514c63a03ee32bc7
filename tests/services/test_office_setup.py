"""设置 → 多台电脑's use cases on a real server: test and keep a connection, become the host, go back."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.domain.errors import DomainError, ValidationError
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services.office import CLIENT, HOST, SINGLE, OfficeSetup, lan_addresses
from jiazheng_desktop.storage import office_config
from jiazheng_desktop.storage.database import StorageError, close_database, open_database
from jiazheng_desktop.storage.migrations import LATEST_VERSION
from jiazheng_desktop.storage.models import Customer, db
from jiazheng_desktop.storage.office_move import move_to_server
from jiazheng_desktop.storage.office_server import (
    LocalServer,
    OfficeServerError,
    ServerAddress,
    find_binaries,
    free_port,
)
from jiazheng_desktop.storage.postgres import open_server
from tests.conftest import TEST_KEY, folder_key, make_draft, ready_services

pytestmark = pytest.mark.sqlite_only


def _run_as() -> str:
    return "postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""


@pytest.fixture
def agency_file(
    server_address: ServerAddress, data_paths: DataPaths, clock: FixedClock
) -> Iterator[DataPaths]:
    """This PC's file with an agency and one customer, open as the program's database."""
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    svc = ready_services(clock, data_paths)
    svc.customers.create(make_draft(name="搬家前"))
    yield data_paths
    close_database()


def test_test_connection_reads_the_version_and_names_each_mistake(
    server_address: ServerAddress, data_paths: DataPaths
) -> None:
    # The test's database has a name of its own; the program's is always "jiazheng".
    office = OfficeSetup(data_paths, database=server_address.database)
    host, port, code = server_address.host, server_address.port, server_address.password
    assert office.test_connection(host, port, code) == LATEST_VERSION

    with pytest.raises(ValidationError) as typo:
        office.test_connection(host, port, "ABCD-1234")
    assert "16 个" in typo.value.fields["code"]
    with pytest.raises(StorageError, match="办公室代码不对"):
        office.test_connection(host, port, "AAAA-AAAA-AAAA-AAAA")
    with pytest.raises(StorageError, match="连不上主机"):
        office.test_connection(host, free_port(), code)
    with pytest.raises(ValidationError):
        office.test_connection("  ", port, code)


def test_connect_to_keeps_the_host_and_back_to_single_brings_the_data_home(
    agency_file: DataPaths, server_address: ServerAddress, clock: FixedClock
) -> None:
    move_to_server(db.obj, server_address)
    close_database()
    office = OfficeSetup(agency_file, database=server_address.database)
    assert office.state().role == SINGLE

    version = office.connect_to(server_address.host, server_address.port, server_address.password.lower())
    assert version == LATEST_VERSION
    state = office.state()
    assert (state.role, state.host, state.port) == (CLIENT, server_address.host, server_address.port)
    with pytest.raises(DomainError, match="改回单机"):
        office.connect_to(server_address.host, server_address.port, server_address.password)

    # The host's data changes meanwhile; going back brings it home and keeps the old file.
    open_server(server_address)
    Customer.update(name="主机上改的").where(Customer.name == "搬家前").execute()
    close_database()
    old_bytes = agency_file.database.read_bytes()

    kept = office.back_to_single(clock.now())

    assert kept.name.startswith("jiazheng.sqlite3.replaced-") and kept.read_bytes() == old_bytes
    assert office_config.load(agency_file) is None and office.state().role == SINGLE
    # Encrypted with this PC's key of the folder (as the program opens it at the next start).
    key = folder_key(agency_file)
    assert key is not None
    open_database(agency_file.database, backup_dir=agency_file.backups, now=clock.now(), key=key)
    assert [c.name for c in Customer.select()] == ["主机上改的"]


@pytest.fixture
def host_folder(server_address: ServerAddress, clock: FixedClock) -> Iterator[DataPaths]:
    """A data folder the server's user can reach (as root the server runs as ``postgres``, which cannot
    enter pytest's private temporary folders), with an agency and one customer, open."""
    folder = Path(tempfile.mkdtemp(prefix="jz-test-host-"))
    if _run_as():
        shutil.chown(folder, _run_as(), _run_as())
    paths = DataPaths(folder / "office")
    paths.ensure()
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=TEST_KEY)
    ready_services(clock, paths).customers.create(make_draft(name="搬家前"))
    yield paths
    close_database()
    binaries = find_binaries()
    if binaries is not None:
        for cluster in [paths.office_server, *paths.root.glob("office-server.replaced-*")]:
            LocalServer(cluster, binaries, run_as=_run_as()).stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(find_binaries() is None, reason="PostgreSQL binaries not installed")
def test_make_host_sets_up_starts_moves_and_remembers(host_folder: DataPaths, clock: FixedClock) -> None:
    office = OfficeSetup(host_folder, run_as=_run_as(), addresses=lambda: [])
    port = free_port()

    result = office.make_host(db.obj, port=port)

    assert result.port == port and result.counts["customer"] == 1 and result.counts["staff"] == 1
    state = office.state()
    assert (state.role, state.code, state.port) == (HOST, result.code, port)
    assert result.code not in host_folder.office_file.read_text(encoding="utf-8")
    with pytest.raises(DomainError, match="已经是主机"):
        office.make_host(db.obj, port=port)
    close_database()
    # The next start: the PC got another address on the office network meanwhile.
    server = office.server()
    assert server is not None
    server.stop()
    office._addresses = lambda: ["127.0.0.2"]
    open_server(office.start_host())
    settings = server.settings()
    assert settings is not None and "127.0.0.2" in settings.listen
    assert [c.name for c in Customer.select()] == ["搬家前"]
    assert office.state(db.obj).online  # this window's own connection
    close_database()

    kept = office.back_to_single(clock.now())

    assert kept.exists() and office.state().role == SINGLE
    assert not host_folder.office_server.exists()
    assert list(host_folder.root.glob("office-server.replaced-*"))


def test_a_failed_host_set_up_leaves_no_server_behind(
    host_folder: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    if find_binaries() is None:
        pytest.skip("PostgreSQL binaries not installed")
    office = OfficeSetup(host_folder, run_as=_run_as(), addresses=lambda: [])

    def refuse(*_a, **_k):
        raise StorageError("搬数据时行数对不上")

    monkeypatch.setattr("jiazheng_desktop.services.office.move_to_server", refuse)
    with pytest.raises(StorageError):
        office.make_host(db.obj, port=free_port())
    assert office_config.load(host_folder) is None
    assert not host_folder.office_server.exists()
    assert Customer.select().count() == 1  # the file is still the database in use


def test_make_host_without_the_component_says_what_to_install(agency_file: DataPaths) -> None:
    office = OfficeSetup(agency_file, binaries=lambda: None)
    assert not office.can_host()
    with pytest.raises(OfficeServerError, match="没有找到 PostgreSQL"):
        office.make_host(db.obj)
    assert office_config.load(agency_file) is None


def test_lan_addresses_have_no_loopback() -> None:
    assert all(not a.startswith("127.") for a in lan_addresses())
