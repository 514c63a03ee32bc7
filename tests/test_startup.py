"""Opening the data at start: keys, conversion, and never a blank agency over good backups."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from jiazheng_desktop.domain.recovery_code import encode_key
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import build_services
from jiazheng_desktop.services.settings import AgencyInfo
from jiazheng_desktop.startup import Opened, Opening
from jiazheng_desktop.storage.backup import list_backups, make_backup
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.encryption import file_kind, opens_with
from jiazheng_desktop.storage.keys import key_store_for
from jiazheng_desktop.storage.migrations import LATEST_VERSION
from jiazheng_desktop.storage.models import Customer
from tests.conftest import OWNER_PASSWORD, make_draft, read_database


class Answers:
    """Scripted answers to the start-up questions; records what was asked."""

    def __init__(self, *problems: str, code: str | None = None, choose: int | None = None) -> None:
        self.problems = list(problems)
        self.code = code
        self.choose = choose
        self.asked: list[tuple[str, str]] = []

    def problem(self, message, newest, *, note="", others=False, retry=False, start_new=False, title=""):
        self.asked.append(("problem", f"{title}|{message}|{note}|{newest.name if newest else ''}"))
        return self.problems.pop(0) if self.problems else "quit"

    def choose_backup(self, choices):
        self.asked.append(("choose", "；".join(label for _p, label in choices)))
        return None if self.choose is None else choices[self.choose][0]

    def recovery_code(self, message: str, opens: Callable[[bytes], bool]) -> bytes | None:
        self.asked.append(("code", message))
        if self.code is None:
            return None
        from jiazheng_desktop.domain.recovery_code import decode_key

        key = decode_key(self.code)
        return key if opens(key) else None

    def inform(self, message, title):
        self.asked.append(("inform", f"{title}|{message}"))


def _open(paths: DataPaths, clock, answers: Answers) -> Opened | None:
    opened = Opening(paths, clock, answers, check_later=False).run()
    if opened is not None:
        close_database()
    return opened


def _agency(paths: DataPaths, clock, customers: int = 2) -> bytes:
    """A set-up agency with a few customers, encrypted as the program makes it; its key."""
    opened = Opening(paths, clock, Answers(), check_later=False).run()
    assert opened is not None and opened.key is not None
    services = build_services(clock)
    owner = services.onboarding.set_up(AgencyInfo("好帮手家政"), "李店主", OWNER_PASSWORD, OWNER_PASSWORD)
    services.staff.set_on_duty(owner)
    for n in range(customers):
        services.customers.create(
            make_draft(name="王建国张李赵"[: n + 2], phone=f"1391234567{n}", address="阳光小区 3 栋")
        )
    close_database()
    return opened.key


def _customers(path: Path, key: bytes | None = None) -> int:
    conn = read_database(path, key)
    try:
        return int(conn.execute("SELECT count(*) FROM customer").fetchone()[0])
    finally:
        conn.close()


def test_a_new_agency_gets_a_new_key_in_the_store_and_an_encrypted_file(data_paths, clock) -> None:
    answers = Answers()
    key = _agency(data_paths, clock)
    assert answers.asked == []
    assert key_store_for(data_paths.root).load() == key
    assert file_kind(data_paths.database) == "encrypted"
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(data_paths.database).execute("SELECT count(*) FROM customer").fetchone()
    assert b"\xe9\x98\xb3\xe5\x85\x89" not in data_paths.database.read_bytes()  # 阳光 is nowhere in plain
    assert _customers(data_paths.database) == 2


def test_the_key_never_lies_beside_the_database(data_paths, clock, key_folder) -> None:
    key = _agency(data_paths, clock)
    for file in data_paths.root.rglob("*"):
        if file.is_file():
            assert key.hex().encode() not in file.read_bytes(), file
    assert any(key.hex().encode() in f.read_bytes() for f in key_folder.iterdir())


def test_a_new_pc_asks_for_the_recovery_code_and_keeps_the_key(data_paths, clock) -> None:
    key = _agency(data_paths, clock)
    key_store_for(data_paths.root).forget()  # the "new PC": the same files, no key
    refused = Answers()  # no code typed: quit, nothing touched
    assert _open(data_paths, clock, refused) is None
    assert refused.asked[0][0] == "code" and "没有它的钥匙" in refused.asked[0][1]
    answers = Answers(code=encode_key(key).lower().replace("-", " "))
    opened = _open(data_paths, clock, answers)
    assert opened is not None and opened.key == key
    assert key_store_for(data_paths.root).load() == key
    assert _open(data_paths, clock, Answers()) is not None  # next start: no question


def test_a_code_of_another_agency_is_not_accepted(data_paths, clock, tmp_path) -> None:
    _agency(data_paths, clock)
    other = DataPaths(tmp_path / "other")
    other.ensure()
    other_key = _agency(other, clock)
    key_store_for(data_paths.root).forget()
    assert _open(data_paths, clock, Answers(code=encode_key(other_key))) is None
    assert key_store_for(data_paths.root).load() is None


def test_an_emptied_database_with_backups_offers_the_newest_and_never_a_new_agency(data_paths, clock) -> None:
    key = _agency(data_paths, clock, customers=3)
    make_backup(data_paths.database, data_paths.backups, clock.now(), "auto", key)
    data_paths.database.write_bytes(b"")
    answers = Answers("restore")
    opened = _open(data_paths, clock, answers)
    assert opened is not None and opened.restored_from is not None
    kind, text = answers.asked[0]
    assert kind == "problem" and "0 字节" in text and "1 份备份" in text
    assert not opened.result.created
    assert _customers(data_paths.database) == 3


def test_a_deleted_database_with_backups_is_not_taken_for_a_new_agency(data_paths, clock) -> None:
    key = _agency(data_paths, clock)
    make_backup(data_paths.database, data_paths.backups, clock.now(), "auto", key)
    data_paths.database.unlink()
    answers = Answers("quit")
    assert _open(data_paths, clock, answers) is None
    assert "没有找到数据文件" in answers.asked[0][1]
    assert not data_paths.database.exists()  # nothing created over the backups


def test_a_damaged_newest_backup_is_named_and_the_older_one_offered(data_paths, clock) -> None:
    key = _agency(data_paths, clock, customers=2)
    older = make_backup(data_paths.database, data_paths.backups, clock.now(), "auto", key)
    newest = data_paths.backups / "jiazheng-20991231-235959-auto.sqlite3"
    newest.write_bytes(older.read_bytes()[:4096] + b"\0" * 4096)
    data_paths.database.unlink()
    answers = Answers("restore")
    opened = _open(data_paths, clock, answers)
    assert opened is not None and opened.restored_from == older.name
    asked = answers.asked[0][1]
    assert newest.name in asked and "已损坏" in asked and asked.endswith(older.name)


def test_an_empty_file_and_no_backup_may_start_a_new_agency_only_when_asked(data_paths, clock) -> None:
    data_paths.database.write_bytes(b"")
    answers = Answers("quit")
    assert _open(data_paths, clock, answers) is None
    assert data_paths.database.exists() and "也没有找到任何备份" in answers.asked[0][1]
    opened = _open(data_paths, clock, Answers("new"))
    assert opened is not None and opened.result.created


def _plain_release_file(paths: DataPaths, clock) -> None:
    """A plain database as the previous release left it, with a plain backup beside it."""
    open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=None)
    services = build_services(clock)
    owner = services.onboarding.set_up(AgencyInfo("好帮手家政"), "李店主", OWNER_PASSWORD, OWNER_PASSWORD)
    services.staff.set_on_duty(owner)
    services.customers.create(make_draft(name="赵老师", phone="13912345678"))
    close_database()
    assert file_kind(paths.database) == "plain"
    make_backup(paths.database, paths.backups, clock.now(), "manual")


def test_a_plain_file_of_the_previous_release_is_encrypted_with_a_backup_first(data_paths, clock) -> None:
    _plain_release_file(data_paths, clock)
    assert file_kind(data_paths.database) == "plain"
    opened = _open(data_paths, clock, Answers())
    assert opened is not None and opened.conversion is not None and opened.new_key
    key = opened.key
    assert key is not None
    assert file_kind(data_paths.database) == "encrypted"
    assert _customers(data_paths.database, key) == 1
    backups = list_backups(data_paths.backups)
    assert all(file_kind(b) == "encrypted" for b in backups)  # the old plain backup too
    assert any("before-encryption" in b.name for b in backups)
    assert _customers(opened.conversion.backup, key) == 1
    leftovers = [p.name for p in data_paths.root.iterdir() if p.name.endswith((".plain", ".encrypting"))]
    assert leftovers == []


def test_a_conversion_that_fails_leaves_the_plain_file_as_it_was(data_paths, clock, monkeypatch) -> None:
    _plain_release_file(data_paths, clock)
    before = data_paths.database.read_bytes()

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jiazheng_desktop.storage.database.export_encrypted", fail)
    answers = Answers()
    opened = _open(data_paths, clock, answers)
    assert opened is not None and opened.key is None  # this time plain, as before
    assert file_kind(data_paths.database) == "plain"
    assert _customers(data_paths.database, None) == 1 and len(before) > 0
    assert list(data_paths.backups.glob("*.part")) == []
    kind, text = answers.asked[0]
    assert kind == "inform" and "没有改动" in text and "磁盘空间不足" in text


def test_an_interrupted_conversion_is_finished_at_the_next_start(data_paths, clock) -> None:
    _plain_release_file(data_paths, clock)
    opened = _open(data_paths, clock, Answers())
    assert opened is not None and opened.key is not None
    # As if the crash came between the two renames: the encrypted copy waits beside the plain one.
    encrypting = data_paths.database.with_name(data_paths.database.name + ".encrypting")
    plain = data_paths.database.with_name(data_paths.database.name + ".plain")
    data_paths.database.replace(encrypting)
    plain.write_bytes(b"SQLite format 3\0" + b"x" * 100)
    assert _open(data_paths, clock, Answers()) is not None
    assert not plain.exists() and not encrypting.exists()
    assert opens_with(data_paths.database, opened.key)


HOLD_LOCK = """
import sys, sqlite3
conn = sqlite3.connect(sys.argv[1])
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_file_locked_by_another_program_says_which_and_retries(data_paths, clock, monkeypatch) -> None:
    import subprocess
    import sys

    _plain_release_file(data_paths, clock)  # "another program" = a SQLite browser in another process
    conn = sqlite3.connect(data_paths.database)
    conn.execute("PRAGMA journal_mode = delete")  # as a browser leaves it: EXCLUSIVE then blocks readers
    conn.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_paths.database)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"

    class Retry(Answers):
        def problem(self, message, newest, **kwargs):
            super().problem(message, newest, **kwargs)
            if holder.poll() is None:
                holder.communicate("", timeout=10)  # the other program is closed, then 重试
                return "retry"
            return "quit"

    answers = Retry()
    try:
        opened = _open(data_paths, clock, answers)
    finally:
        if holder.poll() is None:
            holder.kill()
    texts = [text for kind, text in answers.asked if kind in ("problem", "inform")]
    assert texts and "另一个程序占用" in texts[0] and str(data_paths.database) in texts[0], texts
    assert opened is not None and file_kind(data_paths.database) == "encrypted"


def test_a_newer_database_is_refused_and_never_replaced(data_paths, clock) -> None:
    key = _agency(data_paths, clock)
    make_backup(data_paths.database, data_paths.backups, clock.now(), "auto", key)
    conn = read_database(data_paths.database, key)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    answers = Answers("restore")
    assert _open(data_paths, clock, answers) is None
    assert "更新版本" in answers.asked[0][1] and answers.asked[0][1].endswith("|")  # no backup offered


def test_open_database_refuses_a_read_only_folder_with_its_own_message(data_paths, clock) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; the CLI test covers this with a patched check")
    _agency(data_paths, clock)
    data_paths.root.chmod(0o555)
    try:
        answers = Answers()
        assert _open(data_paths, clock, answers) is None
        assert "只读" in answers.asked[0][1]
    finally:
        data_paths.root.chmod(0o755)


def test_the_service_fixture_database_is_encrypted(services, data_paths) -> None:
    assert file_kind(data_paths.database) == "encrypted"
    assert Customer.select().count() == 0
    open_database  # noqa: B018 (imported for the fixture's path)


def test_a_full_disk_at_start_says_so_and_writes_nothing(data_paths, clock, monkeypatch) -> None:
    from collections import namedtuple

    from jiazheng_desktop.storage import database

    key = _agency(data_paths, clock)
    before = data_paths.database.read_bytes()
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(database.shutil, "disk_usage", lambda _folder: usage(10**9, 10**9 - 4096, 4096))
    answers = Answers()
    assert _open(data_paths, clock, answers) is None
    assert "磁盘空间已满" in answers.asked[0][1] and "没有被改动" in answers.asked[0][1]
    assert data_paths.database.read_bytes() == before and opens_with(data_paths.database, key)


def test_a_read_only_folder_at_start_is_named_as_such(data_paths, clock, monkeypatch) -> None:
    import errno

    from jiazheng_desktop.storage import database

    _agency(data_paths, clock)

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(database.tempfile, "TemporaryFile", refuse)
    answers = Answers()
    assert _open(data_paths, clock, answers) is None
    text = answers.asked[0][1]
    assert "只读" in text and "另一个" not in text
