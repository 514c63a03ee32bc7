"""What a user sees of an error nothing else caught: a Chinese message, once, and the details in a log."""

from __future__ import annotations

import sys
from pathlib import Path

from peewee import OperationalError

from jiazheng_desktop import app as app_module
from jiazheng_desktop.gui.common import messages
from jiazheng_desktop.paths import DataPaths


def _install(tmp_path: Path, monkeypatch) -> DataPaths:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    paths = DataPaths(tmp_path / "data")
    app_module._install_excepthook(paths)
    return paths


def test_a_lost_host_met_while_its_box_is_open_is_said_once(qtbot, tmp_path, monkeypatch) -> None:
    paths = _install(tmp_path, monkeypatch)
    shown: list[str] = []
    lost = OperationalError("server closed the connection unexpectedly")

    def show_error(_parent, text: str, _title=None) -> None:
        shown.append(text)
        if len(shown) == 1:  # the window's timers read again while the box waits for 确定
            sys.excepthook(OperationalError, lost, None)
            sys.excepthook(OperationalError, lost, None)

    monkeypatch.setattr(messages, "show_error", show_error)
    sys.excepthook(OperationalError, lost, None)
    assert len(shown) == 1 and "和主机（放数据库的电脑）的连接断了" in shown[0]
    sys.excepthook(OperationalError, lost, None)  # after 确定, a new loss is said again
    assert len(shown) == 2
    assert (paths.root / "logs" / "errors.log").read_text("utf-8").count("server closed the connection") == 4


def test_a_programming_error_gets_the_general_message_and_the_log(qtbot, tmp_path, monkeypatch) -> None:
    paths = _install(tmp_path, monkeypatch)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, text, _t=None: shown.append(text))
    try:
        raise KeyError("customer_id")
    except KeyError as exc:
        sys.excepthook(KeyError, exc, exc.__traceback__)
    log = paths.root / "logs" / "errors.log"
    assert len(shown) == 1 and "程序遇到了一个意外问题" in shown[0] and str(log) in shown[0]
    assert "Traceback" in log.read_text("utf-8") and "customer_id" not in shown[0]
