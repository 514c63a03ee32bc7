"""The two back-ends a test can run on: the office's SQLite file and a PostgreSQL office server.

``tests/services`` runs every test on both (its ``conftest.py``); a GUI test module that imports
``backend`` and ``fresh_database`` from here and builds ``services`` on ``fresh_database`` does too.
A test that looks inside SQLite itself is marked ``sqlite_only`` and runs once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.postgres import open_server
from tests.conftest import TEST_KEY

BACKENDS = tuple(os.environ.get("JIAZHENG_TEST_BACKENDS", "sqlite,postgresql").split(","))
"""Which back-ends the service tests run on (both unless told: ``JIAZHENG_TEST_BACKENDS=sqlite`` for the file only)."""


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("looks inside SQLite itself (its file or its query plans)")
    return str(request.param)


@pytest.fixture
def fresh_database(
    backend: str, data_paths: DataPaths, clock: FixedClock, request: pytest.FixtureRequest
) -> Iterator[None]:
    """A fresh database (a file, or a database of its own on the test server), nobody set up yet."""
    if backend == "sqlite":
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    else:
        open_server(request.getfixturevalue("server_address"))
    yield
    close_database()
