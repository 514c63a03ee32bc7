"""Every service test runs twice: on the office's SQLite file and on a PostgreSQL office server.

A test that looks inside SQLite itself (its file's bytes, backups, encryption, or its query plans) is marked
``sqlite_only`` and runs once.
"""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import Services
from tests.backends import BACKENDS, backend, fresh_database  # noqa: F401 (fixtures of this folder)
from tests.conftest import ready_services


@pytest.fixture
def services(
    backend: str,  # noqa: F811 (this folder's fixture, imported above: it parametrises the tests)
    request: pytest.FixtureRequest,
    data_paths: DataPaths,
    clock: FixedClock,
) -> Services:
    """Services over a fresh database (see ``fresh_database``), owner on duty."""
    request.getfixturevalue("fresh_database")
    return ready_services(clock, data_paths)
