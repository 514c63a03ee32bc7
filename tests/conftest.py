"""Shared fixtures: an offscreen Qt, an injected clock and a real database file per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("JIAZHENG_DATA_DIR", None)

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
import sqlcipher3

from jiazheng_desktop.domain.clock import CHINA_TZ, FixedClock
from jiazheng_desktop.domain.customers import CustomerDraft
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import Services, build_services
from jiazheng_desktop.services.backups import BackupPlace
from jiazheng_desktop.services.changes import ChangeKind, Changes
from jiazheng_desktop.services.settings import AgencyInfo
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.encryption import file_kind, raw_connect
from jiazheng_desktop.storage.keys import KEY_DIR_ENV, key_store_for
from jiazheng_desktop.storage.office_server import ServerAddress
from tests.server import SessionServer, start_session_server

OWNER_PASSWORD = "owner-secret"
TEST_KEY = bytes(range(32))
"""The database key of the ``services`` fixture (every test database is encrypted, as in use)."""


@pytest.fixture(autouse=True)
def key_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keys go to a folder of the test's, never to this machine's keyring or configuration folder."""
    folder = tmp_path / "keys"
    monkeypatch.setenv(KEY_DIR_ENV, str(folder))
    return folder


def folder_key(paths: DataPaths) -> bytes | None:
    """The key this PC keeps for ``paths`` (the test's key folder), as the program finds it."""
    return key_store_for(paths.root).load()


def read_database(path: Path, key: bytes | None = None) -> sqlcipher3.Connection:
    """A raw connection to an (encrypted) database file, for tests that look inside it.

    ``key`` defaults to the key kept for the file's data folder.
    """
    if key is None and file_kind(path) == "encrypted":
        key = folder_key(DataPaths(path.parent))
    return raw_connect(path, key)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    paths = DataPaths(tmp_path / "office")
    paths.ensure()
    return paths


@pytest.fixture(scope="session")
def pg_server() -> Iterator[SessionServer]:
    """The session's PostgreSQL server (started on first use; see ``tests/server.py``)."""
    yield from start_session_server()


@pytest.fixture
def server_address(pg_server: SessionServer) -> Iterator[ServerAddress]:
    """A database of the test's own on the session's server, at the latest schema."""
    address = pg_server.new_database()
    yield address
    close_database()
    pg_server.drop(address)


def ready_services(clock: FixedClock, data_paths: DataPaths) -> Services:
    """Services over the database already bound, with the agency set up and its owner on duty."""
    svc = build_services(clock, data_paths.documents)
    svc.backup_place = BackupPlace(data_paths.database, data_paths.backups, TEST_KEY)
    owner = svc.onboarding.set_up(AgencyInfo("好帮手家政"), "李店主", OWNER_PASSWORD, OWNER_PASSWORD)
    svc.staff.set_on_duty(owner)
    return svc


@pytest.fixture
def services(data_paths: DataPaths, clock: FixedClock) -> Iterator[Services]:
    """Services over a fresh database file, with an owner on duty (``tests/services`` runs each of its
    tests on the office server too: see its ``conftest.py``)."""
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    yield ready_services(clock, data_paths)
    close_database()


@pytest.fixture
def owner_auth(services: Services):
    owner = services.staff.list()[0]
    return services.staff.authorize(owner.id, OWNER_PASSWORD, owner.role, "测试")


@contextmanager
def expect_change(
    services: Services, kind: ChangeKind, item_id: int | None = None
) -> Iterator[list[Changes]]:
    """The body must commit a change of ``kind`` (of ``item_id``, if given): its change notice is heard.

    Yields the notices heard, for further checks.
    """
    heard: list[Changes] = []
    services.context.change_listeners.append(heard.append)
    try:
        yield heard
    finally:
        services.context.change_listeners.remove(heard.append)
    wanted = [c for c in heard if c.touches({kind}) and (item_id is None or item_id in c.ids_of(kind))]
    assert wanted, f"no change notice of {kind} {item_id or ''}: {heard}"


def make_draft(**overrides: object) -> CustomerDraft:
    values: dict[str, object] = {"name": "王建国", "honorific": "先生", "phone": "13812345678"}
    values.update(overrides)
    return CustomerDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def qsettings(tmp_path: Path):
    """Window-state settings in a file of the test's own."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


class Confirmations:
    """Stands in for ``messages.confirm()``: records each question and gives the next answer (yes by default)."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.answers: list[bool] = []

    def __call__(self, _parent, text, title=None, yes=None) -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else True


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> Confirmations:
    """The confirmation questions asked, answered from ``answers`` (then yes)."""
    from jiazheng_desktop.gui.common import messages

    fake = Confirmations()
    monkeypatch.setattr(messages, "confirm", fake)
    return fake


@pytest.fixture
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box would block the test: record what would have been shown instead.

    Questions (``confirm``) are answered yes, so closing a dialog at teardown never waits.
    """
    from jiazheng_desktop.gui.common import messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text, title=None: shown.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _parent, text, title=None: shown.append(text))
    monkeypatch.setattr(messages, "confirm", lambda *_a, **_k: True)
    return shown


def grants(services: Services, *purposes: object) -> list:
    """The customer's "yes" to each purpose (by phone, on the current wording), for ``create``/``update``."""
    from jiazheng_desktop.domain.privacy import ConsentChannel, Purpose
    from jiazheng_desktop.services.consents import ConsentDecision

    return [
        ConsentDecision(
            Purpose(p), True, ConsentChannel.PHONE, services.consents.current_wording(Purpose(p)).id
        )
        for p in purposes
    ]


def consent_to(services: Services, customer_id: int, *purposes: object, granted: bool = True) -> None:
    """Record the customer's answer to each purpose (one change), as the consent dialog does."""
    from jiazheng_desktop.domain.privacy import ConsentChannel, Purpose
    from jiazheng_desktop.services.consents import ConsentDecision

    services.consents.record_answers(
        customer_id,
        [
            ConsentDecision(
                Purpose(p), granted, ConsentChannel.PHONE, services.consents.current_wording(Purpose(p)).id
            )
            for p in purposes
        ],
    )
