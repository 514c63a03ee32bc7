"""Moving the agency's data from the SQLite file to the office server and back (a real server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jiazheng_desktop.demo.generator import generate_demo
from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import build_services
from jiazheng_desktop.storage import office_move
from jiazheng_desktop.storage.database import StorageError, close_database, open_database
from jiazheng_desktop.storage.migrations import LATEST_VERSION
from jiazheng_desktop.storage.models import db
from jiazheng_desktop.storage.office_move import export_to_file, move_to_server
from jiazheng_desktop.storage.office_server import ServerAddress
from jiazheng_desktop.storage.postgres import connect_server, count_rows, data_tables, table_columns
from tests.conftest import TEST_KEY, ready_services

pytestmark = pytest.mark.sqlite_only

CUSTOMERS = 120


@pytest.fixture
def demo_file(server_address: ServerAddress, data_paths: DataPaths, clock: FixedClock) -> Iterator[DataPaths]:
    """An encrypted file with demo data, bound as the program's database (after the test's server
    database was made: making it binds the models to the server's template)."""
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    generate_demo(clock, customers=CUSTOMERS, seed=7)
    yield data_paths
    close_database()


def sample(database, table: str) -> list[tuple]:
    columns = ", ".join(f'"{c}"' for c in table_columns(database, table))
    first = table_columns(database, table)[0]
    order = '"id"' if "id" in table_columns(database, table) else f'"{first}"'
    return [
        tuple(_plain(v) for v in row)
        for row in database.execute_sql(
            f'SELECT {columns} FROM "{table}" ORDER BY {order} LIMIT 5'
        ).fetchall()
    ]


def _plain(value):
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, bool):
        return int(value)
    return value


def server_counts(address: ServerAddress) -> dict[str, int]:
    server = connect_server(address)
    try:
        return count_rows(server, data_tables(LATEST_VERSION))
    finally:
        server.close()


def test_move_to_server_copies_every_table(demo_file: DataPaths, server_address: ServerAddress) -> None:
    tables = data_tables(LATEST_VERSION)
    before = count_rows(db.obj, tables)
    assert before["customer"] == CUSTOMERS and before["incident"] > 0 and before["reminder"] > 0
    done: list[str] = []

    counts = move_to_server(db.obj, server_address, progress=lambda table, _n: done.append(table))

    assert counts == before
    assert done == tables
    assert server_counts(server_address) == before
    server = connect_server(server_address)
    try:
        for table in tables:
            assert sample(server, table) == sample(db.obj, table), table
        # New rows on the server continue after the copied ids.
        next_id = server.execute_sql(
            "INSERT INTO worker (name, phone, skills, active, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            ("新阿姨", "13900000000", "", 1, "2026-11-23T10:00:00+08:00"),
        ).fetchone()[0]
        assert next_id == before["worker"] + 1
        server.rollback()
    finally:
        server.close()


def test_server_with_an_agency_is_refused_and_unchanged(
    demo_file: DataPaths, server_address: ServerAddress, tmp_path: Path, clock: FixedClock
) -> None:
    move_to_server(db.obj, server_address)
    before = server_counts(server_address)
    close_database()
    other = DataPaths(tmp_path / "other")
    other.ensure()
    open_database(other.database, backup_dir=other.backups, now=clock.now(), key=TEST_KEY)
    ready_services(clock, other)

    with pytest.raises(StorageError, match="已经有一家公司的数据"):
        move_to_server(db.obj, server_address)

    assert server_counts(server_address) == before


def test_failure_midway_leaves_the_server_as_it_was(
    demo_file: DataPaths, server_address: ServerAddress, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = server_counts(server_address)
    real_copy = office_move.copy_rows

    def copy_then_fail(source, target, tables, progress=None):
        real_copy(source, target, tables, progress)
        raise OSError("网线被拔了")

    monkeypatch.setattr(office_move, "copy_rows", copy_then_fail)
    with pytest.raises(OSError):
        move_to_server(db.obj, server_address)
    assert server_counts(server_address) == before
    assert before["staff"] == 0 and before["customer"] == 0


def test_count_difference_rolls_back(
    demo_file: DataPaths, server_address: ServerAddress, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = server_counts(server_address)
    tables = data_tables(LATEST_VERSION)
    monkeypatch.setattr(office_move, "copy_rows", lambda s, t, _tables, p=None: None)
    with pytest.raises(StorageError, match="行数对不上"):
        move_to_server(db.obj, server_address)
    assert server_counts(server_address) == before
    assert tables  # every table was compared


def test_export_back_gives_a_file_that_opens_and_searches(
    demo_file: DataPaths, server_address: ServerAddress, tmp_path: Path, clock: FixedClock
) -> None:
    name = db.obj.execute_sql("SELECT name FROM customer WHERE id = 5").fetchone()[0]
    before = move_to_server(db.obj, server_address)
    close_database()
    target = tmp_path / "back" / "jiazheng.sqlite3"

    counts = export_to_file(server_address, target, TEST_KEY)

    assert counts == before
    assert target.exists() and not target.with_name(target.name + ".part").exists()
    back = DataPaths(target.parent)
    open_database(target, backup_dir=back.backups, now=clock.now(), key=TEST_KEY)
    assert count_rows(db.obj, data_tables(LATEST_VERSION)) == before
    hits = build_services(clock, back.documents).customers.search(name)
    assert 5 in [hit.id for hit in hits]


def test_export_refuses_an_existing_file(server_address: ServerAddress, tmp_path: Path) -> None:
    target = tmp_path / "exists.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(StorageError, match="已经存在"):
        export_to_file(server_address, target, TEST_KEY)
    assert target.read_bytes() == b"keep me"
