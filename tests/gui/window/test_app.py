"""Start-up pieces: forms, translations, single instance, damaged files, the whole program."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from jiazheng_desktop import app as app_module
from jiazheng_desktop.gui.common.i18n import install_chinese
from jiazheng_desktop.gui.window.single_instance import SingleInstance
from jiazheng_desktop.startup import key_for_new_database
from jiazheng_desktop.storage.backup import make_backup
from jiazheng_desktop.storage.database import close_database, open_database
from tests.conftest import read_database

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))

import build_forms  # noqa: E402


def test_generated_forms_match_the_ui_files() -> None:
    assert build_forms.stale_files() == []


def test_qt_buttons_speak_chinese(qtbot) -> None:
    assert "qtbase_zh_CN" in install_chinese(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"


def test_second_instance_brings_the_first_forward(qtbot, data_paths) -> None:
    first = SingleInstance(data_paths.lock_file, data_paths.database)
    second = SingleInstance(data_paths.lock_file, data_paths.database)
    try:
        assert first.acquire()
        assert not second.acquire()
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert second.notify_running()
    finally:
        first.release()
    assert second.acquire()
    second.release()


def test_damaged_database_can_be_restored_from_backup(data_paths, clock, monkeypatch) -> None:
    key = key_for_new_database(data_paths)
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=key)
    close_database()
    make_backup(data_paths.database, data_paths.backups, clock.now(), "manual", key)
    data_paths.database.write_bytes(b"garbage" * 1000)
    asked: list[str] = []

    def answer(_parent, message, _folder, newest, **_options):
        asked.append(message)
        return "restore" if newest else "quit"

    monkeypatch.setattr("jiazheng_desktop.gui.window.database_problem.ask_what_to_do", answer)
    try:
        assert app_module._open_database(data_paths, clock) is not None
    finally:
        close_database()
    assert len(asked) == 1 and "已损坏" in asked[0]
    kept = [p for p in data_paths.root.glob("jiazheng.sqlite3.replaced-*") if p.name[-1].isdigit()]
    assert len(kept) == 1 and kept[0].read_bytes() == b"garbage" * 1000


def test_damaged_database_without_backup_quits_untouched(data_paths, clock, monkeypatch) -> None:
    data_paths.database.write_bytes(b"garbage" * 1000)
    key_for_new_database(data_paths)
    monkeypatch.setattr(
        "jiazheng_desktop.gui.window.database_problem.ask_what_to_do", lambda *_a, **_k: "quit"
    )
    monkeypatch.setattr(
        "jiazheng_desktop.gui.window.database_problem.StartupQuestions.recovery_code", lambda *_a: None
    )
    assert app_module._open_database(data_paths, clock) is None
    assert data_paths.database.read_bytes() == b"garbage" * 1000


def test_program_starts_on_demo_data_and_reaches_idle(tmp_path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    import os

    env.update(
        {
            k: v
            for k, v in os.environ.items()
            if k in ("HOME", "LANG", "SYSTEMROOT", "TMPDIR", "JIAZHENG_KEY_DIR")
        }
    )
    command = [sys.executable, "-m", "jiazheng_desktop", "--data-dir", str(tmp_path / "d"), "run",
               "--demo-if-new", "--demo-customers", "120", "--quit-when-idle"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "idle"
    assert (tmp_path / "d" / "jiazheng.sqlite3").exists()
    assert (tmp_path / "d" / "ui-state.ini").exists()
    # Started again: no new demo data, same customers.
    again = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert again.returncode == 0, again.stderr
    check = subprocess.run(
        [sys.executable, "-m", "jiazheng_desktop", "--data-dir", str(tmp_path / "d"), "check"],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip
    assert check.returncode == 0 and "完好" in check.stdout


def test_newer_database_is_not_offered_a_restore(data_paths, clock, monkeypatch) -> None:
    from jiazheng_desktop.storage.migrations import LATEST_VERSION

    key = key_for_new_database(data_paths)
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=key)
    close_database()
    make_backup(data_paths.database, data_paths.backups, clock.now(), "manual", key)
    conn = read_database(data_paths.database)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    offered: list[object] = []
    monkeypatch.setattr(
        "jiazheng_desktop.gui.window.database_problem.ask_what_to_do",
        lambda _p, message, _f, newest, **_k: offered.append((message, newest)) or "quit",
    )
    assert app_module._open_database(data_paths, clock) is None
    assert len(offered) == 1 and "更新版本" in offered[0][0] and offered[0][1] is None
