"""While the program starts the host's server or reaches the host, it says so; the notice steps aside for a
question (重试 / 退出) and comes back when the program tries again."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProgressDialog

from jiazheng_desktop import app as app_module
from jiazheng_desktop.gui.window import database_problem
from jiazheng_desktop.services.office import OfficeSetup
from jiazheng_desktop.storage import postgres
from jiazheng_desktop.storage.database import ServerUnreachableError
from jiazheng_desktop.storage.office_config import CLIENT, HOST, OfficeConfig
from jiazheng_desktop.storage.office_server import ServerAddress


def _notices() -> list[tuple[str, bool]]:
    return [
        (w.labelText(), w.isVisible())
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog)
    ]


def _notice_visible(text: str) -> bool:
    return (text, True) in _notices()


def test_a_client_says_it_is_reaching_the_host_and_steps_aside_for_the_question(
    qtbot, data_paths, monkeypatch
) -> None:
    address = ServerAddress("192.168.1.20", 5433, "ABCD-EFGH-JKMN-PQRS")
    monkeypatch.setattr(OfficeSetup, "address", lambda _self: address)
    seen: list[str] = []

    def open_server(_address: ServerAddress):
        seen.append(f"connecting, notice shown: {_notice_visible('正在连接主机…')}")
        raise ServerUnreachableError("连不上主机 192.168.1.20")

    def ask(_parent, message: str, *_a, **_kw) -> str:
        seen.append(f"asked, notice shown: {_notice_visible('正在连接主机…')}")
        return "retry" if len(seen) < 3 else "quit"

    monkeypatch.setattr(postgres, "open_server", open_server)
    monkeypatch.setattr(database_problem, "ask_what_to_do", ask)
    assert app_module._open_office(data_paths, OfficeConfig(CLIENT, "192.168.1.20", 5433)) is None
    assert seen == [
        "connecting, notice shown: True",
        "asked, notice shown: False",
        "connecting, notice shown: True",  # back after 重试
        "asked, notice shown: False",
    ]
    assert not any(visible for _text, visible in _notices())  # gone once the program goes on (here: 退出)


def test_the_host_says_it_is_starting_its_server(qtbot, data_paths, monkeypatch) -> None:
    seen: list[bool] = []

    def start_host(_self) -> ServerAddress:
        seen.append(_notice_visible("正在启动办公室的数据库服务器…"))
        raise ServerUnreachableError("数据库服务器没有启动")

    monkeypatch.setattr(OfficeSetup, "start_host", start_host)
    monkeypatch.setattr(database_problem, "ask_what_to_do", lambda *_a, **_kw: "quit")
    assert app_module._open_office(data_paths, OfficeConfig(HOST, "127.0.0.1", 5433)) is None
    assert seen == [True]
