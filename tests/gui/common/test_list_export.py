"""导出 Excel… on each list page, driven with qtbot on a real database through the shared helper
(the file dialog and the password dialog patched, as the audit-log export tests do)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from jiazheng_desktop.domain.contracts import ContractDraft
from jiazheng_desktop.domain.customers import CustomerType
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.workers import WorkerDraft
from jiazheng_desktop.gui.common import list_export as helper
from jiazheng_desktop.gui.common.list_export import ExportDoneDialog, ListExportAction
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import make_draft


class Dialogs:
    """Stands in for the save dialog and the password dialog; records what each was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path | None, auth) -> None:
        self.suggested: list[str] = []
        self.asked: list[str] = []
        self.target = target
        self.auth = auth
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(helper, "ask_authorization", self._password)

    def _save(self, _parent, _title, suggested, _filter):
        self.suggested.append(suggested)
        return (str(self.target) if self.target else "", "")

    def _password(self, _parent, _services, role, what):
        self.asked.append(f"{role.name} {what}")
        return self.auth


def _run(qtbot, action: ListExportAction):
    job = action.run()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    return job


@pytest.fixture
def customers_page(qtbot, services, qsettings, no_message_boxes, clock):
    from jiazheng_desktop.gui.customers.page import CustomersPage

    types = [CustomerType.OFFICE_WORKER, CustomerType.ELDERLY]
    for n, surname in enumerate("王李张刘陈杨"):
        clock.advance(timedelta(minutes=5))
        draft = make_draft(name=f"{surname}建国", phone=f"1391234{n:04d}", customer_type=types[n % 2].value)
        services.customers.create(draft)
    page = CustomersPage(services, qsettings)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_the_customer_list_as_shown(
    qtbot, services, owner_auth, customers_page, tmp_path, monkeypatch
) -> None:
    page = customers_page
    button = page.findChild(QPushButton, "export_excel_button")
    assert button is page.list_export.button and button.isVisible() and button.text().startswith("导出 Excel")
    page.ui.type_filter_combo.setCurrentIndex(page.ui.type_filter_combo.findData(CustomerType.ELDERLY.value))
    qtbot.waitUntil(lambda: not page.filter_search.is_busy)  # the list is read on a worker
    shown = [page.model.customer_id(row) for row in range(page.model.rowCount())]
    assert len(shown) == 3
    folder = tmp_path / "导出"
    folder.mkdir()
    dialogs = Dialogs(monkeypatch, folder / "老人客户", owner_auth)  # no extension typed
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    job = page.list_export.job
    assert job is not None and dialogs.asked == ["OWNER 导出客户"]
    assert dialogs.suggested == ["客户-2026-11-23.xlsx"]  # no folder yet: the name alone
    assert not button.isEnabled()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert button.isEnabled()
    target = folder / "老人客户.xlsx"
    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "客户编号" and [r[0] for r in rows[1:]] == shown  # exactly the rows the list shows
    assert isinstance(job.done_dialog, ExportDoneDialog) and job.done_dialog.isVisible()
    assert "3 行" in job.done_dialog.findChildren(QLabel)[0].text()
    assert job.done_dialog.folder_button.text().startswith("打开文件夹")
    job.done_dialog.close()
    audit = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert audit.action == "导出列表" and json.loads(audit.detail)["行数"] == 3
    # The next export starts in the folder used last time.
    dialogs.target = None
    assert page.list_export.run() is None  # cancelled at the file dialog
    assert dialogs.suggested[-1] == str(folder / "客户-2026-11-23.xlsx")


def test_no_password_no_file(qtbot, services, customers_page, tmp_path, monkeypatch) -> None:
    target = tmp_path / "x.xlsx"
    dialogs = Dialogs(monkeypatch, target, None)
    before = AuditLog.select().count()
    assert customers_page.list_export.run() is None
    assert dialogs.asked and not target.exists() and AuditLog.select().count() == before


def test_a_failed_export_says_why(
    qtbot, services, owner_auth, customers_page, tmp_path, monkeypatch, no_message_boxes
) -> None:
    Dialogs(monkeypatch, tmp_path / "没有的文件夹" / "x.xlsx", owner_auth)
    job = _run(qtbot, customers_page.list_export)
    assert job.result is None and "不存在" in job.error
    assert any("无法保存 x.xlsx" in text for text in no_message_boxes)
    assert customers_page.list_export.button.isEnabled()


def _read(path: Path, sheet: int = 0) -> list[tuple]:
    return list(load_workbook(path).worksheets[sheet].iter_rows(values_only=True))


def test_each_list_page_exports_what_it_lists(
    qtbot, services, owner_auth, qsettings, clock, tmp_path, monkeypatch
) -> None:
    from jiazheng_desktop.gui.incidents.page import IncidentsPage
    from jiazheng_desktop.gui.reminders.page import ReminderCentrePage
    from jiazheng_desktop.gui.renewals.page import RenewalsPage
    from jiazheng_desktop.gui.reports.page import ReportsPage
    from jiazheng_desktop.gui.vouchers.page import VouchersPage
    from jiazheng_desktop.gui.workers.page import WorkersPage

    wang = services.customers.create(make_draft())
    li = services.customers.create(make_draft(name="李秀英", honorific="女士", phone="13900009999"))
    services.workers.create(WorkerDraft("刘阿姨", "13900001111", ("日常保洁",)))
    services.incidents.open_incident(IncidentDraft(wang, Category.LATE.value, 2, customer_said="迟到了"))
    services.incidents.open_incident(IncidentDraft(li, Category.DAMAGE.value, 2, customer_said="打碎了"))
    today = clock.now().date()
    services.contracts.create(
        ContractDraft(wang, "保洁套餐", date(2026, 1, 1), today + timedelta(days=6), "3600")
    )
    services.reminders.sync_calendar()
    dialogs = Dialogs(monkeypatch, None, owner_auth)

    def export(page, name: str) -> Path:
        qtbot.addWidget(page)
        page.show()
        assert (
            helper._layout_holding(page.layout(), page.list_export.button) is not None
        )  # beside its buttons
        assert page.list_export.button.isVisible()
        dialogs.target = tmp_path / name
        job = _run(qtbot, page.list_export)
        assert job.result is not None, job.error
        job.done_dialog.close()
        return dialogs.target

    incidents = IncidentsPage(services, qsettings)
    rows = _read(export(incidents, "投诉.xlsx"))
    assert [r[0] for r in rows[1:]] == [
        i.number for i in services.incident_lists.rows(incidents.model.current_filter)
    ]
    assert len(rows) == 3

    vouchers = VouchersPage(services, qsettings)
    rows = _read(export(vouchers, "券.xlsx"))
    assert rows[0][0] == "券码" and len(rows) - 1 == len(services.vouchers.list(vouchers.current_filter()))

    renewals = RenewalsPage(services, qsettings)
    rows = _read(export(renewals, "续约.xlsx"))
    assert [r[0] for r in rows[1:]] == [
        r.contract_id for r in services.contracts.renewals_due(renewals.days())
    ]
    assert len(rows) == 2

    reminders = ReminderCentrePage(services, qsettings)
    rows = _read(export(reminders, "提醒.xlsx"))
    assert [r[2] for r in rows[1:]] == [r.title for r in services.list_export.reminder_rows(None)]
    assert len(rows) > 1

    workers = WorkersPage(services, qsettings)
    workers.ui.filter_edit.setText("刘")
    rows = _read(export(workers, "人员.xlsx"))
    assert rows[1:] == [("刘阿姨", "13900001111", "日常保洁", None, "在职")]

    reports = ReportsPage(services, None)
    qtbot.addWidget(reports)
    reports.show()
    qtbot.waitUntil(lambda: reports.figures is not None, timeout=10_000)
    path = export(reports, "报表.xlsx")
    assert dialogs.suggested[-1].endswith("月度报表-2026-10.xlsx")  # the month chosen: last month
    book = load_workbook(path)
    assert book.sheetnames[0] == "本月要点" and book.worksheets[0]["A1"].value.startswith("2026 年 10 月")
    assert dialogs.asked == [
        f"OWNER 导出{name}" for name in ("投诉事件", "优惠券", "续约", "提醒", "服务人员", "月度报表")
    ]
    assert services.customers.count(CustomerFilter()) == 2
