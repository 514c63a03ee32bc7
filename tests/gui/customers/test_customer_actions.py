"""Deleting from the customers page: confirmation, a manager's password, and the refusal cases."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSettings

from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.customers.page import CustomersPage
from tests.conftest import make_draft


def _page(qtbot, services, data_paths) -> CustomersPage:
    settings = QSettings(str(data_paths.root / "ui-state.ini"), QSettings.Format.IniFormat)
    page = CustomersPage(services, settings)
    qtbot.addWidget(page)
    page.show()
    return page


def test_delete_asks_first_then_needs_a_manager(qtbot, services, data_paths, owner_auth, monkeypatch) -> None:
    cid = services.customers.create(make_draft())
    page = _page(qtbot, services, data_paths)
    page.open_customer(cid)
    answers = {"confirm": False, "auth": None}
    monkeypatch.setattr("jiazheng_desktop.gui.common.messages.confirm", lambda *_a, **_k: answers["confirm"])
    monkeypatch.setattr("jiazheng_desktop.gui.customers.page.ask_authorization", lambda *_a: answers["auth"])

    page.detail.delete_action.trigger()  # "no" to the question
    assert services.customers.count() == 1
    answers["confirm"] = True  # yes, but the password dialog was cancelled
    page.detail.delete_action.trigger()
    assert services.customers.count() == 1
    answers["auth"] = owner_auth
    page.detail.delete_action.trigger()
    assert services.customers.count() == 0
    assert page.model.total == 0 and page.detail.customer_id is None
    assert page.ui.count_label.text() == "共 0 位客户"


def test_a_customer_with_history_is_not_deleted(
    qtbot, services, data_paths, owner_auth, clock, monkeypatch
) -> None:
    cid = services.customers.create(make_draft())
    services.service_records.add(
        ServiceRecordDraft(cid, clock.now() - timedelta(days=1), "日常保洁", None, "120")
    )
    page = _page(qtbot, services, data_paths)
    page.open_customer(cid)
    shown: list[str] = []
    monkeypatch.setattr("jiazheng_desktop.gui.common.messages.confirm", lambda *_a, **_k: True)
    monkeypatch.setattr(
        "jiazheng_desktop.gui.common.messages.show_error", lambda _p, text, *_a: shown.append(text)
    )
    monkeypatch.setattr("jiazheng_desktop.gui.customers.page.ask_authorization", lambda *_a: owner_auth)
    page.detail.delete_action.trigger()
    assert services.customers.count() == 1
    assert len(shown) == 1 and "服务记录" in shown[0]


def test_filter_box_and_choice_filters_narrow_the_list(qtbot, services, data_paths) -> None:
    services.customers.create(make_draft(name="王建国", phone="13812345678", vip_tier=2))
    services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    page = _page(qtbot, services, data_paths)
    assert page.ui.count_label.text() == "共 2 位客户"
    page.ui.filter_edit.setText("zl")  # read on a worker after a short pause
    qtbot.waitUntil(lambda: page.model.total == 1 and not page.filter_search.is_busy)
    assert page.model.data(page.model.index(0, 1)) == "张丽"
    page.ui.filter_edit.clear()
    page.ui.vip_filter_combo.setCurrentIndex(page.ui.vip_filter_combo.findData(2))
    qtbot.waitUntil(lambda: not page.filter_search.is_busy)
    assert page.model.total == 1 and page.model.data(page.model.index(0, 1)) == "王建国"
    assert page.ui.count_label.text() == "共 1 位客户"


def test_the_filter_is_read_on_a_worker_and_the_newest_text_wins(
    qtbot, services, data_paths, monkeypatch
) -> None:
    import threading

    services.customers.create(make_draft(name="王建国", phone="13812345678"))
    services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    page = _page(qtbot, services, data_paths)
    release, started = threading.Event(), threading.Event()
    listing = services.customers.listing

    def slow_listing(flt):
        if flt.text == "王":
            started.set()
            release.wait(10)  # an old, slow query
        return listing(flt)

    monkeypatch.setattr(services.customers, "listing", slow_listing)
    page.ui.filter_edit.setText("王")
    qtbot.waitUntil(started.is_set)
    assert page.ui.count_label.text() != "正在查找…"  # a quick filter would only flicker it
    qtbot.waitUntil(lambda: page.ui.count_label.text() == "正在查找…")  # a slow one says so
    page.ui.filter_edit.setText("张")  # typing goes on: the GUI thread is not waiting
    qtbot.wait(250)
    assert page.model.total == 2  # nothing shown yet: the old query still runs
    release.set()
    qtbot.waitUntil(lambda: not page.filter_search.is_busy)
    assert page.model.total == 1 and page.model.data(page.model.index(0, 1)) == "张丽"
    assert page.ui.count_label.text() == "共 1 位客户"


def test_a_failing_filter_shows_a_chinese_message(qtbot, services, data_paths, monkeypatch) -> None:
    services.customers.create(make_draft(name="王建国", phone="13812345678"))
    page = _page(qtbot, services, data_paths)

    def broken(_flt):
        raise RuntimeError("database disk image is malformed")

    monkeypatch.setattr(services.customers, "listing", broken)
    page.ui.filter_edit.setText("王")
    qtbot.waitUntil(lambda: not page.filter_search.is_busy)
    assert page.ui.count_label.text() == "查找时出错了，请稍后再试。"
    assert page.model.total == 1  # the list before stays


def test_closing_with_a_filter_running_stops_its_query_and_waits_for_it(
    qtbot, services, data_paths, monkeypatch
) -> None:
    import threading

    from jiazheng_desktop.storage.models import db

    page = _page(qtbot, services, data_paths)
    started, ended = threading.Event(), threading.Event()

    def endless(_flt):
        started.set()
        try:
            db.execute_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
            )
        finally:
            ended.set()

    monkeypatch.setattr(services.customers, "listing", endless)
    page.ui.filter_edit.setText("王")
    qtbot.waitUntil(started.is_set)
    page.filter_search.wait(timeout=10)  # what the application does when it quits
    assert ended.is_set()  # the query was interrupted and wait() returned only after it ended
    page.close()
    qtbot.wait(20)
    assert page.ui.count_label.text() != "查找时出错了，请稍后再试。"  # a stopped read is no error to show
