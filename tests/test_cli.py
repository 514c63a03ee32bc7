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
    from jiazheng_desktop.startup import key_for_new_database
    from jiazheng_desktop.storage.backup import check_file, list_backups
    from jiazheng_desktop.storage.database import close_database, open_database

    key = key_for_new_database(data_paths)
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=key)
    close_database()
    assert main(["--data-dir", str(data_paths.root), "backup"]) == 0
    assert "已备份到" in capsys.readouterr().out
    backups = list_backups(data_paths.backups)
    assert len(backups) == 1 and check_file(backups[0], key) == "ok" and check_file(backups[0], None) != "ok"


def _agency(data_paths, clock, customers: int) -> bytes:
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.settings import AgencyInfo
    from jiazheng_desktop.startup import key_for_new_database
    from jiazheng_desktop.storage.database import close_database, open_database
    from tests.conftest import OWNER_PASSWORD, make_draft

    key = key_for_new_database(data_paths)
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=key)
    services = build_services(clock)
    owner = services.onboarding.set_up(AgencyInfo("好帮手家政"), "李店主", OWNER_PASSWORD, OWNER_PASSWORD)
    services.staff.set_on_duty(owner)
    for n in range(customers):
        services.customers.create(make_draft(name="王建国张"[: n + 2], phone=f"1391234567{n}"))
    close_database()
    return key


def test_backups_lists_each_with_its_check_and_restore_puts_one_back(data_paths, clock, capsys) -> None:
    from tests.conftest import read_database

    _agency(data_paths, clock, customers=2)
    assert main(["--data-dir", str(data_paths.root), "backup"]) == 0
    conn = read_database(data_paths.database)
    conn.execute("DELETE FROM customer")
    conn.commit()
    conn.close()
    damaged = data_paths.backups / "jiazheng-20991231-000000-auto.sqlite3"
    damaged.write_bytes(b"\0" * 4096)
    capsys.readouterr()
    assert main(["--data-dir", str(data_paths.root), "backups"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert "无法使用" in listing[0] and "完好" in listing[1] and "已加密" in listing[1]
    good = listing[1].split()[-1]
    assert main(["--data-dir", str(data_paths.root), "restore", damaged.name]) == 1
    assert "不能用来恢复" in capsys.readouterr().err
    assert main(["--data-dir", str(data_paths.root), "restore", good]) == 0
    out = capsys.readouterr().out
    assert "现在的数据已另存为" in out and "已从" in out and "完好" in out
    conn = read_database(data_paths.database)
    assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 2
    conn.close()


def test_restore_refuses_while_the_program_has_the_folder(data_paths, clock, capsys) -> None:
    from PySide6.QtCore import QLockFile

    _agency(data_paths, clock, customers=1)
    assert main(["--data-dir", str(data_paths.root), "backup"]) == 0
    lock = QLockFile(str(data_paths.lock_file))
    assert lock.tryLock(100)
    try:
        backup = next(data_paths.backups.glob("*.sqlite3"))
        assert main(["--data-dir", str(data_paths.root), "restore", str(backup)]) == 1
        assert "请先关闭程序" in capsys.readouterr().err
    finally:
        lock.unlock()


def test_migrate_encrypts_a_plain_file_of_the_previous_release(data_paths, clock, capsys) -> None:
    from jiazheng_desktop.storage.backup import make_backup
    from jiazheng_desktop.storage.database import close_database, open_database
    from jiazheng_desktop.storage.encryption import file_kind

    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=None)
    close_database()
    make_backup(data_paths.database, data_paths.backups, clock.now(), "manual")
    assert main(["--data-dir", str(data_paths.root), "check"]) == 0
    assert "未加密" in capsys.readouterr().out
    assert main(["--data-dir", str(data_paths.root), "migrate"]) == 0
    out = capsys.readouterr().out
    assert "已加密数据文件" in out and "已加密，数据版本" in out
    assert file_kind(data_paths.database) == "encrypted"
    assert all(file_kind(b) == "encrypted" for b in data_paths.backups.glob("*.sqlite3"))


def test_check_in_a_read_only_folder_does_not_call_a_healthy_file_damaged(
    data_paths, clock, capsys, monkeypatch
) -> None:
    import os

    _agency(data_paths, clock, customers=1)
    from jiazheng_desktop.storage import database

    real_access = os.access
    monkeypatch.setattr(
        database.os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode)
    )
    monkeypatch.setattr(
        database,
        "raw_connect",
        lambda *_a, **_k: (_ for _ in ()).throw(
            database.sqlcipher3.OperationalError("unable to open database file")
        ),
    )
    assert main(["--data-dir", str(data_paths.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "只读" in err and "已损坏" not in err


def test_environment_variable_points_the_program_elsewhere(tmp_path) -> None:
    env = {"JIAZHENG_DATA_DIR": str(tmp_path / "elsewhere"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "jiazheng_desktop", "check"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 1
    assert str(tmp_path / "elsewhere") in result.stderr


def test_a_disk_fault_in_a_command_is_a_message_not_a_traceback(
    data_paths, clock, capsys, monkeypatch
) -> None:
    import errno

    from jiazheng_desktop.storage import backup

    _agency(data_paths, clock, customers=1)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "backup_to", full)
    assert main(["--data-dir", str(data_paths.root), "backup"]) == 1
    err = capsys.readouterr().err
    assert "磁盘空间已满" in err and "Traceback" not in err


# -- export ---------------------------------------------------------------------------------------------


def _owner_types(monkeypatch, password: str, name: str = "") -> list[str]:
    """The owner at the terminal: ``name`` for the name prompt (Enter: the only owner), then the password."""
    import builtins
    import getpass

    prompts: list[str] = []
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or name)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or password)
    return prompts


def test_export_customers_writes_the_list_after_the_owners_password(
    data_paths, clock, tmp_path, monkeypatch, capsys
) -> None:
    from openpyxl import load_workbook

    from tests.conftest import OWNER_PASSWORD, read_database

    key = _agency(data_paths, clock, customers=3)
    prompts = _owner_types(monkeypatch, OWNER_PASSWORD)
    target = tmp_path / "客户"
    code = main(
        ["--data-dir", str(data_paths.root), "export", "customers", str(target), "--search", "王建国张"]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert prompts == ["店主姓名（直接回车即 李店主）：", "李店主 的密码："]
    assert "已导出客户：1 行" in captured.out and "客户.xlsx" in captured.out
    rows = list(load_workbook(tmp_path / "客户.xlsx").worksheets[0].iter_rows(values_only=True))
    assert (
        len(rows) == 2 and rows[0][0] == "客户编号" and rows[1][2] == "王建国张"
    )  # one header row, one per customer
    conn = read_database(data_paths.database, key)
    staff_name, detail = conn.execute(
        "SELECT staff_name, detail FROM audit_log WHERE action = '导出列表' ORDER BY id DESC"
    ).fetchone()
    conn.close()
    assert staff_name == "李店主" and '"搜索": "王建国张"' in detail and '"行数": 1' in detail

    code = main(["--data-dir", str(data_paths.root), "export", "customers", str(tmp_path / "all.xlsx")])
    assert code == 0 and "已导出客户：3 行" in capsys.readouterr().out


def test_export_refuses_without_the_right_password(data_paths, clock, tmp_path, monkeypatch, capsys) -> None:
    _agency(data_paths, clock, customers=1)
    target = tmp_path / "x.xlsx"
    _owner_types(monkeypatch, "wrong-password")
    assert main(["--data-dir", str(data_paths.root), "export", "workers", str(target)]) == 1
    err = capsys.readouterr().err
    assert "密码" in err and "Traceback" not in err and not target.exists()
    _owner_types(monkeypatch, "x", name="王小二")
    assert main(["--data-dir", str(data_paths.root), "export", "workers", str(target)]) == 1
    assert "不是店主" in capsys.readouterr().err

    def no_terminal(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    assert main(["--data-dir", str(data_paths.root), "export", "workers", str(target)]) == 1
    assert "没有输入店主密码" in capsys.readouterr().err and not target.exists()


def test_export_checks_its_options_before_asking(data_paths, clock, tmp_path, monkeypatch, capsys) -> None:
    from openpyxl import load_workbook

    from tests.conftest import OWNER_PASSWORD

    _agency(data_paths, clock, customers=1)
    prompts = _owner_types(monkeypatch, OWNER_PASSWORD)
    root = str(data_paths.root)
    assert (
        main(["--data-dir", root, "export", "customers", str(tmp_path / "a.xlsx"), "--month", "2026-11"]) == 1
    )
    assert "--month 只用于 report" in capsys.readouterr().err
    assert main(["--data-dir", root, "export", "report", str(tmp_path / "a.xlsx"), "--month", "11/2026"]) == 1
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["--data-dir", root, "export", "customers", str(tmp_path / "无" / "a.xlsx")]) == 1
    assert "不存在" in capsys.readouterr().err
    assert (
        main(["--data-dir", root, "export", "customers", str(tmp_path / "a.xlsx"), "--type", "外星人"]) == 1
    )
    assert "上班族" in capsys.readouterr().err
    assert prompts == []  # refused before any password was asked
    target = tmp_path / "报表.xlsx"
    assert main(["--data-dir", root, "export", "report", str(target), "--month", "2026-11"]) == 0
    assert "已导出月度报表" in capsys.readouterr().out
    book = load_workbook(target)
    assert book.sheetnames[0] == "本月要点" and book.worksheets[0]["A1"].value.startswith(
        "2026 年 11 月经营报告"
    )
    assert (
        main(["--data-dir", root, "export", "customers", str(tmp_path / "b.xlsx"), "--type", "上班族"]) == 0
    )


def test_export_every_list_from_the_command_line(data_paths, clock, tmp_path, monkeypatch, capsys) -> None:
    from openpyxl import load_workbook

    from tests.conftest import OWNER_PASSWORD

    _agency(data_paths, clock, customers=2)
    _owner_types(monkeypatch, OWNER_PASSWORD)
    headers = {
        "incidents": "编号",
        "vouchers": "券码",
        "contracts": "合同编号",
        "reminders": "分组",
        "workers": "姓名",
    }
    for name, extra in (
        ("incidents", ["--view", "all"]), ("vouchers", ["--view", "all", "--search", "王"]),
        ("contracts", ["--days", "60"]), ("reminders", ["--kind", "callback"]), ("workers", []),
    ):  # fmt: skip
        target = tmp_path / f"{name}.xlsx"
        assert main(["--data-dir", str(data_paths.root), "export", name, str(target), *extra]) == 0
        assert "已导出" in capsys.readouterr().out
        assert load_workbook(target).worksheets[0]["A1"].value == headers[name]
    assert (
        main(["--data-dir", str(data_paths.root), "export", "incidents", str(tmp_path / "x"), "--view", "x"])
        == 1
    )
    assert "--view 只能是" in capsys.readouterr().err


def test_import_brings_customers_in_and_says_what_it_left_out(data_paths, clock, capsys, tmp_path) -> None:
    from tests.conftest import read_database
    from tests.services.import_sheets import customer_sheet

    _agency(data_paths, clock, customers=1)
    sheet = customer_sheet(tmp_path)
    assert main(["--data-dir", str(data_paths.root), "import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "客户名单.xlsx（工作表“客户”，表头在第 2 行，8 行数据）" in out
    assert "“手机” → 电话" in out
    assert "导入 5 个客户，跳过 1 行重复，2 行有错未导入。" in out
    assert "跳过 第 10 行：与本表第 3 行的电话相同（13912345678）" in out
    assert "未导入 第 5 行：“客户姓名”列：请填写客户姓名" in out
    assert "未导入 第 6 行：“手机”列：手机号应为 11 位数字" in out
    assert "注意：有 1 行的“备注”没有导入" in out
    conn = read_database(data_paths.database)
    assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 6
    ((by, detail),) = conn.execute(
        "SELECT staff_name, detail FROM audit_log WHERE action = '导入客户'"
    ).fetchall()
    assert by == "命令行" and '"导入": 5' in detail
    conn.close()

    # the same sheet again: every row is there already or wrong, so nothing is imported
    assert main(["--data-dir", str(data_paths.root), "import", str(sheet)]) == 1
    captured = capsys.readouterr()
    assert "导入 0 个客户，跳过 6 行重复，2 行有错未导入。" in captured.out
    assert "没有导入任何客户" in captured.err


def test_import_uses_the_columns_chosen_in_the_window(data_paths, clock, capsys, tmp_path) -> None:
    from jiazheng_desktop.domain.imports import ImportKind
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.database import close_database, open_database
    from tests.conftest import folder_key
    from tests.services.import_sheets import write_xlsx

    _agency(data_paths, clock, customers=0)
    second = write_xlsx(tmp_path / "二.xlsx", ["联络人", "Nummer"], [["张飞", 13912340012]])
    assert main(["--data-dir", str(data_paths.root), "import", str(second)]) == 1
    assert "请为这些内容选择表格里的列：电话" in capsys.readouterr().err

    first = write_xlsx(tmp_path / "一.xlsx", ["联络人", "Nummer"], [["关羽", 13912340011]])
    open_database(
        data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=folder_key(data_paths)
    )
    services = build_services(clock)
    table = services.imports.read(first, ImportKind.CUSTOMERS)
    services.imports.save(services.imports.check(ImportKind.CUSTOMERS, table, {0: "name", 1: "phone"}))
    close_database()
    assert main(["--data-dir", str(data_paths.root), "import", str(second)]) == 0
    assert "“Nummer” → 电话" in capsys.readouterr().out


def test_import_of_workers_and_a_damaged_file(data_paths, clock, capsys, tmp_path) -> None:
    from tests.services.import_sheets import write_xlsx

    _agency(data_paths, clock, customers=0)
    workers = write_xlsx(tmp_path / "阿姨.xlsx", ["姓名", "电话", "技能"], [["王阿姨", 13712340001, "保洁"]])
    assert main(["--data-dir", str(data_paths.root), "import", str(workers), "--kind", "workers"]) == 0
    assert "导入 1 个服务人员。" in capsys.readouterr().out
    damaged = tmp_path / "坏的.xlsx"
    damaged.write_bytes(b"PK\x03\x04broken" * 30)
    assert main(["--data-dir", str(data_paths.root), "import", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "可能已损坏" in err and "Traceback" not in err
