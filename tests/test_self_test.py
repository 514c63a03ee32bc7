"""``--self-test`` runs every check an installer needs and says which one failed."""

from __future__ import annotations

import io

from jiazheng_desktop import self_test
from jiazheng_desktop.cli import main


def test_the_self_test_passes_here(qtbot) -> None:
    out = io.StringIO()
    assert self_test.run_self_test(out) == 0
    text = out.getvalue()
    for step in ("打开并升级数据库", "生成中文补偿通知书", "加载 Qt 中文翻译", "提醒按时触发", "自检通过"):
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
