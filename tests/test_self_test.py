"""``--self-test`` runs every check an installer needs and says which one failed."""

from __future__ import annotations

import io
import re

import pytest

from jiazheng_desktop import self_test
from jiazheng_desktop.cli import main


def test_the_self_test_passes_here(qtbot) -> None:
    out = io.StringIO()
    assert self_test.run_self_test(out) == 0
    text = out.getvalue()
    for step in (
        "打开并升级数据库", "加密数据库（SQLCipher）", "普通 sqlite3 拒绝", "密钥保管（keyring）",
        "生成中文补偿通知书", "加载 Qt 中文翻译", "提醒按时触发", "券码校验位", "：7KQ9-M3XG",
        "自检通过",
    ):  # fmt: skip
        assert step in text


def test_a_failing_step_is_named_and_exits_non_zero(qtbot, monkeypatch) -> None:
    def broken() -> str:
        raise RuntimeError("找不到 qtbase_zh_CN 翻译文件")

    monkeypatch.setattr(self_test, "_translations", broken)
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    assert "✗ 加载 Qt 中文翻译：RuntimeError: 找不到 qtbase_zh_CN 翻译文件" in out.getvalue()
    assert "自检失败" in out.getvalue()


def test_the_command_line_flag(qtbot, capsys) -> None:
    assert main(["--self-test"]) == 0
    assert "自检通过" in capsys.readouterr().out


def test_the_report_file_gets_the_same_lines(qtbot, tmp_path) -> None:
    report = tmp_path / "out" / "self-test.txt"
    assert main(["--self-test-report", str(report)]) == 0
    lines = report.read_text("utf-8").splitlines()
    assert lines[0].startswith("家政服务台") and lines[-1].startswith("自检通过")


def test_no_keyring_backend_says_the_key_file_will_be_used(monkeypatch) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    monkeypatch.setattr(self_test.sys, "platform", "linux")
    assert "the file fallback will be used" in self_test._keyring()


def test_a_build_without_keyrings_entry_points_fails(qtbot, monkeypatch) -> None:
    from keyring.compat.py312 import metadata

    monkeypatch.setattr(metadata, "entry_points", lambda **_: [])
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    assert (
        "✗ 密钥保管（keyring）：RuntimeError: keyring 的后端入口（entry points）不在这份程序里"
        in out.getvalue()
    )


class _Vault:
    """A Credential Manager in memory; ``broken`` makes every call fail as an unimplemented one would."""

    def __init__(self, broken: bool = False) -> None:
        self.broken, self.saved = broken, {}

    def set_password(self, service, user, password) -> None:
        if self.broken:
            raise OSError("CredWrite: not implemented")
        self.saved[service, user] = password

    def get_password(self, service, user):
        return self.saved.get((service, user))

    def delete_password(self, service, user) -> None:
        del self.saved[service, user]


def test_windows_credentials_round_trip() -> None:
    vault = _Vault()
    text = self_test._windows_credentials([self_test.WINDOWS_BACKEND], False, lambda: vault)
    assert "测试凭据写入、读回、删除" in text and vault.saved == {}


def test_a_broken_credential_manager_fails_on_windows_and_is_reported_under_wine() -> None:
    names = [self_test.WINDOWS_BACKEND]
    with pytest.raises(RuntimeError, match="Windows 凭据管理器不能存取测试凭据"):
        self_test._windows_credentials(names, False, lambda: _Vault(broken=True))
    assert "Wine 的凭据管理器不能存取测试凭据" in self_test._windows_credentials(
        names, True, lambda: _Vault(broken=True)
    )
    with pytest.raises(RuntimeError, match="没有找到 Windows 凭据管理器"):
        self_test._windows_credentials(["keyring.backends.null.Keyring"], False, _Vault)
    assert "Wine 下没有找到" in self_test._windows_credentials([], True, _Vault)


def test_the_self_test_says_whether_this_pc_could_be_a_host(qtbot, monkeypatch) -> None:
    from jiazheng_desktop.storage import office_server

    monkeypatch.setattr(office_server, "find_binaries", lambda: None)
    out = io.StringIO()
    assert self_test.run_self_test(out) == 0
    assert re.search(
        r"✓ 主机组件（PostgreSQL 服务器）（\d+ ms）未安装（只有当主机的电脑需要它）", out.getvalue()
    )


def test_a_host_component_that_does_not_run_fails_the_self_test(qtbot, monkeypatch, tmp_path) -> None:
    from jiazheng_desktop.storage import office_server

    monkeypatch.setattr(office_server, "find_binaries", lambda: tmp_path)
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    assert "✗ 主机组件（PostgreSQL 服务器）：OfficeServerError: 无法运行" in out.getvalue()
