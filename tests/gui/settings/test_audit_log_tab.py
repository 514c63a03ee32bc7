"""设置 → 操作记录: the filters narrow the table, scrolling fetches more, the owner exports to Excel."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from jiazheng_desktop.domain.clock import CHINA_TZ
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.settings import audit_log_tab as tab_module
from jiazheng_desktop.gui.settings.audit_log_tab import NO_DATE, AuditLogModel, AuditLogTab
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import make_draft

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"


@pytest.fixture
def tab(qtbot, services, qsettings, no_message_boxes) -> AuditLogTab:
    widget = AuditLogTab(services, qsettings)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    return widget


def _shown(tab: AuditLogTab) -> list[tuple[str, str]]:
    model = tab.model
    return [(model.index(r, 2).data(), model.index(r, 3).data()) for r in range(model.rowCount())]


def test_it_reads_the_log_when_shown_and_lists_what_there_is(services, tab) -> None:
    wang = services.customers.create(make_draft())
    assert tab.model.rowCount() == 0  # nothing read before it is shown
    tab.show()
    assert _shown(tab)[0] == ("新建客户", f"客户 #{wang} 王建国")
    assert tab.count_label.text() == f"共 {AuditLog.select().count()} 条操作记录"
    assert tab.model.index(0, 0).data() == "2026-11-23 10:00:00"
    actions = [tab.action_combo.itemText(i) for i in range(tab.action_combo.count())]
    assert actions[0] == "全部操作" and {"初始设置", "新建客户"} <= set(actions)
    tab.hide()
    services.customers.update(wang, make_draft(address="张杨路 1 号"))
    tab.show()  # shown again: read again
    assert _shown(tab)[0][0] == "修改客户"
    assert tab.action_combo.findText("修改客户") > 0


def test_the_filters_narrow_the_rows(services, clock, owner_auth, tab, monkeypatch) -> None:
    clerk = services.staff.create("小周", Role.CUSTOMER_SERVICE, "clerk-pw1", owner_auth)
    wang = services.customers.create(make_draft())
    services.staff.set_on_duty(clerk)
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=CHINA_TZ))
    zhao = services.customers.create(make_draft(name="赵六", phone="13600000000"))
    tab.show()

    tab.staff_combo.setCurrentIndex(tab.staff_combo.findData(clerk))
    assert _shown(tab) == [("新建客户", f"客户 #{zhao} 赵六")]
    assert tab.count_label.text() == "共 1 条操作记录"
    tab.staff_combo.setCurrentIndex(0)

    monkeypatch.setattr(tab_module, "pick_customer", lambda *_a, **_k: wang)
    tab.customer_button.click()
    assert "王先生" in tab.customer_edit.text() and tab.clear_customer_button.isEnabled()
    assert _shown(tab) == [("新建客户", f"客户 #{wang} 王建国")]
    tab.clear_customer_button.click()
    assert tab.model.total == AuditLog.select().count()

    tab.action_combo.setCurrentIndex(tab.action_combo.findData("新建员工"))
    assert [a for a, _s in _shown(tab)] == ["新建员工"]
    tab.action_combo.setCurrentIndex(0)

    tab.date_from_edit.setDate(QDate(2026, 11, 24))
    assert _shown(tab) == [("新建客户", f"客户 #{zhao} 赵六")]
    assert tab.current_filter().date_from == date(2026, 11, 24)
    tab.date_from_edit.setDate(NO_DATE)
    tab.date_to_edit.setDate(QDate(2026, 11, 23))
    assert ("新建客户", f"客户 #{zhao} 赵六") not in _shown(tab)
    assert ("新建客户", f"客户 #{wang} 王建国") in _shown(tab)
    tab.reset_button.click()
    assert tab.current_filter().date_to is None and tab.model.total == AuditLog.select().count()


def test_scrolling_fetches_the_next_pages(services, tab, monkeypatch) -> None:
    monkeypatch.setattr(AuditLogModel, "PAGE_SIZE", 10)
    for n in range(35):
        services.customers.create(make_draft(name=SURNAMES[n % 20] + "一二"[n // 20], phone=f"136{n:08d}"))
    tab.show()
    model = tab.model
    total = AuditLog.select().count()
    assert model.total == model.rowCount() == total
    tab.table.scrollToBottom()
    ids = [model.row(r).id for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == total
    assert model.cached_rows <= 10 * AuditLogModel.MAX_PAGES  # a bounded window, not the whole log
    assert model.row_of(ids[17]) == 17 and [model.row(r).id for r in range(10, 20)] == ids[10:20]
    assert ids == sorted(ids, reverse=True)


def test_the_owner_exports_what_is_shown(services, owner_auth, tab, tmp_path, monkeypatch, qtbot) -> None:
    services.customers.create(make_draft())
    tab.show()
    tab.action_combo.setCurrentIndex(tab.action_combo.findData("新建客户"))
    chosen = tmp_path / "导出" / "记录"  # no extension typed
    chosen.parent.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(tab_module.QFileDialog, "getSaveFileName", lambda *a, **_k: (str(chosen), ""))
    monkeypatch.setattr(
        tab_module,
        "ask_authorization",
        lambda _p, _s, role, what: asked.append(f"{role.name} {what}") or owner_auth,
    )
    call = tab.export()
    assert call is not None and asked == ["OWNER 导出操作记录"]
    with qtbot.waitSignal(call.succeeded, timeout=10_000):
        pass
    target = chosen.with_name("记录.xlsx")
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][1] == "时间" and [r[3] for r in rows[1:]] == ["新建客户"]
    qtbot.waitUntil(lambda: tab.export_button.isEnabled())
    export = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert export.action == "导出操作记录" and json.loads(export.detail)["文件"] == "记录.xlsx"
    assert _shown(tab)[0][0] == "新建客户"  # the filter kept; the export row itself is listed under its kind
    assert tab.action_combo.findData("导出操作记录") > 0


def test_no_password_no_export(services, tab, tmp_path, monkeypatch, no_message_boxes) -> None:
    tab.show()
    target = tmp_path / "x.xlsx"
    monkeypatch.setattr(tab_module.QFileDialog, "getSaveFileName", lambda *a, **_k: (str(target), ""))
    monkeypatch.setattr(tab_module, "ask_authorization", lambda *_a: None)
    before = AuditLog.select().count()
    assert tab.export() is None
    assert not target.exists() and AuditLog.select().count() == before
    monkeypatch.setattr(tab_module.QFileDialog, "getSaveFileName", lambda *a, **_k: ("", ""))
    assert tab.export() is None  # cancelled at the file dialog


def test_a_failed_export_says_why(
    services, owner_auth, tab, tmp_path, monkeypatch, qtbot, no_message_boxes
) -> None:
    tab.show()
    target = tmp_path / "missing-folder" / "x.xlsx"
    monkeypatch.setattr(tab_module.QFileDialog, "getSaveFileName", lambda *a, **_k: (str(target), ""))
    monkeypatch.setattr(tab_module, "ask_authorization", lambda *_a: owner_auth)
    call = tab.export()
    assert call is not None
    with qtbot.waitSignal(call.refused, timeout=10_000):
        pass
    assert any("无法保存 x.xlsx" in text for text in no_message_boxes)
    assert tab.export_button.isEnabled()
