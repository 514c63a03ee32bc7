"""The window's link to the other PCs: their saves reach this window's listeners; a lost line is shown."""

from __future__ import annotations

import multiprocessing

import psycopg
from PySide6.QtWidgets import QMainWindow

from jiazheng_desktop.gui.window.office_link import OfficeLink
from jiazheng_desktop.services.changes import ChangeKind, Changes
from jiazheng_desktop.storage.database import close_database
from jiazheng_desktop.storage.postgres import open_server
from tests.conftest import make_draft, ready_services
from tests.office import pcs


def test_another_pcs_save_reaches_the_window_and_a_lost_line_shows(
    qtbot, server_address, data_paths, clock, tmp_path
) -> None:
    open_server(server_address)
    services = ready_services(clock, data_paths)
    customer = services.customers.create(make_draft())
    window = QMainWindow()
    qtbot.addWidget(window)
    heard: list[Changes] = []
    services.context.change_listeners.append(heard.append)
    link = OfficeLink(window, services, server_address, host=False)
    try:
        assert link.feed.wait_listening()
        spawn = multiprocessing.get_context("spawn")
        answers = spawn.Queue()
        other = spawn.Process(
            target=pcs.rename_customer,
            args=(
                server_address.to_json(),
                clock.now().isoformat(),
                str(tmp_path),
                customer,
                "王建华",
                answers,
            ),
        )
        other.start()
        assert answers.get(timeout=120) == "saved"
        other.join(timeout=60)
        qtbot.waitUntil(lambda: any(customer in c.ids_of(ChangeKind.CUSTOMER) for c in heard), timeout=10_000)

        with psycopg.connect(**server_address.connect_kwargs(), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = 'jiazheng-desktop feed' AND datname = %s",
                [server_address.database],
            )
        qtbot.waitUntil(lambda: "连接断了" in window.statusBar().currentMessage(), timeout=10_000)
        qtbot.waitUntil(lambda: "重新连上" in window.statusBar().currentMessage(), timeout=15_000)
    finally:
        link.stop()
        close_database()
