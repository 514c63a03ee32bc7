import subprocess
import sys
from pathlib import Path

from jiazheng_desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_check_and_backup_on_a_missing_database(tmp_path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    assert "还不存在" in capsys.readouterr().err


def test_check_reports_a_damaged_file_without_traceback(tmp_path, capsys) -> None:
    (tmp_path / "jiazheng.sqlite3").write_bytes(b"not a database" * 100)
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err
    assert "已损坏" in err and "Traceback" not in err


def test_backup_command_writes_a_readable_copy(data_paths, clock, capsys) -> None:
    from jiazheng_desktop.storage.backup import list_backups
    from jiazheng_desktop.storage.database import close_database, open_database

    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    close_database()
    assert main(["--data-dir", str(data_paths.root), "backup"]) == 0
    assert "已备份到" in capsys.readouterr().out
    assert len(list_backups(data_paths.backups)) == 1


def test_environment_variable_points_the_program_elsewhere(tmp_path) -> None:
    env = {"JIAZHENG_DATA_DIR": str(tmp_path / "elsewhere"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "jiazheng_desktop", "check"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 1
    assert str(tmp_path / "elsewhere") in result.stderr
