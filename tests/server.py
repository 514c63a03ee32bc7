"""The PostgreSQL server of the test run: one cluster for the session, a fresh database per test.

The cluster is made and started with the program's own ``storage.office_server`` (as the host PC does),
on a free loopback port, from Debian's ``postgresql`` package (``dev.py test`` installs it). As root it
runs as the ``postgres`` user, since PostgreSQL refuses to run as root. Each test's database is copied
from a template already migrated to the latest schema, so a test starts in a few milliseconds.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from jiazheng_desktop.storage.office_server import LocalServer, ServerAddress, find_binaries, free_port
from jiazheng_desktop.storage.postgres import open_server

TEMPLATE = "jz_template"
_numbers = itertools.count(1)


def _run_as() -> str:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return "postgres"
    return ""


class SessionServer:
    """The session's server: ``new_database()`` gives a test its own database at the latest schema."""

    def __init__(self, admin: ServerAddress) -> None:
        self.admin = admin
        self._template_ready = False

    def _maintenance(self) -> psycopg.Connection:
        return psycopg.connect(**{**self.admin.connect_kwargs(), "dbname": "postgres"}, autocommit=True)

    def _make_template(self) -> None:
        with self._maintenance() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
        database = open_server(replace(self.admin, database=TEMPLATE))
        database.close()
        self._template_ready = True

    def new_database(self, *, migrated: bool = True) -> ServerAddress:
        if migrated and not self._template_ready:
            self._make_template()
        name = f"jz_test_{os.getpid()}_{next(_numbers)}"
        with self._maintenance() as conn:
            template = f' TEMPLATE "{TEMPLATE}"' if migrated else ""
            conn.execute(f'CREATE DATABASE "{name}"{template}')
        return replace(self.admin, database=name)

    def drop(self, address: ServerAddress) -> None:
        with self._maintenance() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{address.database}" WITH (FORCE)')


def start_session_server() -> Iterator[SessionServer]:
    binaries = find_binaries()
    if binaries is None:
        message = "没有找到 PostgreSQL（Debian：apt-get install postgresql；python3 dev.py test 会自动安装）"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    user = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="jz-test-pg-"))
    if user:
        shutil.chown(folder, user, user)
    server = LocalServer(folder / "server", binaries, run_as=user)
    server.set_up(port=free_port())
    admin = server.start()
    try:
        yield SessionServer(admin)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
