"""The kill test, a few runs: a writer killed with SIGKILL loses no commit and leaves a healthy file.

The 100-run version is ``python tools/kill_test.py --runs 100``; this keeps to 3 short runs (~5 s).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from jiazheng_desktop.paths import DataPaths

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "kill_test.py"


@pytest.fixture(scope="module")
def kill_test() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_three_kills_lose_no_commit_and_leave_a_healthy_file(kill_test: ModuleType, tmp_path: Path) -> None:
    lines: list[str] = []
    summary = kill_test.run_kill_test(3, seed=12, root=tmp_path, max_delay_s=0.8, report=lines.append)
    assert summary.runs == 3 and len(lines) == 3
    assert summary.committed > 0, "the writer never got to write: the test would prove nothing"
    assert summary.problems == []
    assert (summary.lost_commits, summary.integrity_errors) == (0, 0)
    assert summary.line() == "runs: 3, lost commits: 0, integrity errors: 0"
    assert summary.ok


def test_a_commit_that_is_not_in_the_file_is_counted_as_lost(kill_test: ModuleType, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "office")
    kill_test.prepare(paths)
    result = kill_test.check_after_kill(paths, ["customer 4242", "redeem 1 1"])
    assert result.lost == ["customer 4242", "redeem 1 1"]
    assert result.integrity == []


def test_a_damaged_file_is_counted_as_an_integrity_error(kill_test: ModuleType, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "office")
    kill_test.prepare(paths)
    size = paths.database.stat().st_size
    assert size >= 4 * 4096
    with paths.database.open("r+b") as damaged:
        damaged.seek(size // 2 // 4096 * 4096)
        damaged.write(b"\xa5" * 4096)
    result = kill_test.check_after_kill(paths, [])
    assert len(result.integrity) == 1, result
    summary = kill_test.Summary(runs=1, integrity_errors=1)
    assert not summary.ok and summary.line() == "runs: 1, lost commits: 0, integrity errors: 1"


def test_the_script_prints_the_figures_and_its_exit_code_follows_them(
    kill_test: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = kill_test.Summary(runs=2, committed=10, lost_commits=1, problems=["run 2: lost commit customer 9"])
    monkeypatch.setattr(kill_test, "run_kill_test", lambda runs, **_: bad)
    assert kill_test.main(["--runs", "2"]) == 1
    out = capsys.readouterr()
    assert out.out.strip() == "runs: 2, lost commits: 1, integrity errors: 0"
    assert "lost commit customer 9" in out.err
