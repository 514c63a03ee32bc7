"""The host PC's own PostgreSQL server: made in a folder, reached with the office code, nothing else."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

import psycopg
import pytest

from jiazheng_desktop.domain.vouchers import CODE_ALPHABET
from jiazheng_desktop.storage.office_server import (
    LocalServer,
    OfficeServerError,
    ServerSettings,
    find_binaries,
    free_port,
    new_password,
    normalize_office_code,
)


def test_the_office_code_is_sixteen_voucher_symbols_in_groups_of_four() -> None:
    code = new_password()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert all(ch in CODE_ALPHABET for ch in "".join(groups))
    assert new_password() != code


def test_a_typed_office_code_is_read_as_staff_type_it() -> None:
    assert normalize_office_code("abcd efgh-jkmn pqrs") == "ABCD-EFGH-JKMN-PQRS"
    assert normalize_office_code("ABCD-EFGH-JKMN-PQR") is None  # one short
    assert normalize_office_code("ABCD-EFGH-JKMN-PQR0") is None  # 0 is never in a code


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def server_folder() -> Path:
    """A folder the server's own user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="jz-host-"))
    if _as_root():
        shutil.chown(folder, "postgres", "postgres")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_host_is_made_started_reached_with_its_code_and_stopped(server_folder: Path) -> None:
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed")
    server = LocalServer(server_folder / "office-server", binaries, run_as="postgres" if _as_root() else "")
    settings = server.set_up(port=free_port(), listen=("127.0.0.1",))
    assert normalize_office_code(settings.password) == settings.password
    with pytest.raises(OfficeServerError, match="已经是主机"):
        server.set_up()
    address = server.start()
    try:
        assert server.is_running()
        with psycopg.connect(**address.connect_kwargs()) as conn:
            assert conn.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
            assert conn.execute("SHOW lc_collate").fetchone() == ("C",)  # text sorts as in SQLite
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(**{**address.connect_kwargs(), "password": "ABCD-EFGH-JKMN-PQRS"})
        assert "scram-sha-256" in (server.data / "pg_hba.conf").read_text()
        assert " trust" not in (server.data / "pg_hba.conf").read_text()
    finally:
        server.stop()
    assert not server.is_running()
    assert server.start() == address  # started again from what it kept
    server.stop()


def test_the_host_listens_on_the_office_network_only() -> None:
    folder = Path(tempfile.mkdtemp(prefix="jz-host-"))
    try:
        (folder / "data").mkdir()
        server = LocalServer(folder, Path("/nonexistent"))
        server._write_settings(ServerSettings(5544, "X", ("192.168.3.7",)))
        hba = (folder / "data" / "pg_hba.conf").read_text()
        assert "192.168.3.0/24 scram-sha-256" in hba and "0.0.0.0" not in hba
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_tool_that_leaves_a_server_running_does_not_keep_the_program_waiting(tmp_path: Path) -> None:
    # As `pg_ctl start` does on Windows: the server it starts inherits its output handles and keeps running.
    binaries = tmp_path / "bin"
    binaries.mkdir()
    tool = binaries / "pg_ctl"
    pid_file = tmp_path / "server.pid"
    tool.write_text(
        f"#!/bin/sh\nsleep 120 &\necho $! > {pid_file}\necho 'server started'\necho 'warning' >&2\n"
    )
    tool.chmod(0o755)
    server = LocalServer(tmp_path / "office-server", binaries)
    try:
        done = server._run("pg_ctl", "start", timeout=20)  # a pipe would wait the whole 120 s and time out
        assert (done.returncode, done.stdout, done.stderr) == (0, "server started\n", "warning\n")
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
