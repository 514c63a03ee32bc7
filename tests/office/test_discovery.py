"""Finding the host: asked and answered on loopback only (a test never sends to the office network)."""

from __future__ import annotations

import socket

from jiazheng_desktop.services.office_discovery import QUESTION, HostResponder, find_hosts


def test_the_host_answers_with_its_name_and_port_but_never_the_code() -> None:
    responder = HostResponder("前台电脑", 5544, "好帮手家政", listen_port=0).start()
    try:
        hosts = find_hosts(1.0, port=responder.port, also=["127.0.0.1"], broadcast=False)
    finally:
        responder.stop()
    assert [(h.address, h.name, h.port, h.agency) for h in hosts] == [
        ("127.0.0.1", "前台电脑", 5544, "好帮手家政")
    ]


def test_nobody_answering_finds_nothing() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as quiet:
        quiet.bind(("127.0.0.1", 0))  # a port where something listens and never answers
        assert find_hosts(0.3, port=quiet.getsockname()[1], also=["127.0.0.1"], broadcast=False) == []


def test_only_the_programs_own_question_is_answered() -> None:
    responder = HostResponder("前台电脑", 5544, listen_port=0).start()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as other:
            other.settimeout(0.5)
            other.sendto(b"WHO IS THERE?", ("127.0.0.1", responder.port))
            try:
                other.recvfrom(1024)
                answered = True
            except TimeoutError:
                answered = False
            other.sendto(QUESTION, ("127.0.0.1", responder.port))
            data, _ = other.recvfrom(1024)
    finally:
        responder.stop()
    assert answered is False and b"5544" in data and b"code" not in data.lower()
