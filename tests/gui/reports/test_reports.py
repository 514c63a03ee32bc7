"""The 报表 page: the month's figures from the same service as the PDF, computed and printed off the GUI thread."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.monthly_figures import NO_DATA
from jiazheng_desktop.gui.reports.page import ReportsPage
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.service_records import ServiceRecordDraft
from tests.conftest import make_draft
from tests.pdf_helpers import read_pdf


@pytest.fixture
def page(qtbot, services, no_message_boxes) -> ReportsPage:
    widget = ReportsPage(services, None)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.figures is not None, timeout=10_000)
    return widget


def test_an_empty_month_says_so(page) -> None:
    assert page.chosen_month() == (2026, 10)  # last month: the one printed on the 1st
    assert page.figures.is_empty
    assert page.status_label.text() == NO_DATA


def test_this_months_figures_are_shown(qtbot, services, clock, no_message_boxes) -> None:
    customer = services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))
    services.service_records.add(
        ServiceRecordDraft(
            customer_id=customer, served_at=clock.now() - timedelta(hours=2), amount_text="180"
        )
    )
    services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了"
        )
    )
    page = ReportsPage(services, None)
    qtbot.addWidget(page)
    page.month_combo.setCurrentIndex(0)  # this month so far
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.month == 11, timeout=10_000)
    figures = page.figures
    assert figures.incidents_total == 1 and figures.revenue_fen == 18000
    assert page.key_labels["投诉"].text() == "1"
    assert page.key_labels["服务收入"].text() == "¥180.00"
    model = page.tables["by_category"]
    assert (model.item(0, 0).text(), model.item(0, 1).text()) == ("迟到", "1")
    job = page.make_pdf()
    with qtbot.waitSignal(job.done, timeout=20_000) as blocker:
        pass
    path = blocker.args[0]
    assert path.name == "月度经营报告-2026-11.pdf"
    text = read_pdf(path).compact
    assert "2026年11月经营报告" in text and "迟到" in text and "¥180.00" in text


def test_the_monthly_report_reminder_opens_the_reports_page(
    qtbot, services, qsettings, no_message_boxes, clock
) -> None:
    from datetime import datetime

    from jiazheng_desktop.domain.clock import CHINA_TZ
    from jiazheng_desktop.gui.window.shell import build_main_window

    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.show()
    services.reminders.sync_calendar()
    clock.set(datetime(2026, 12, 1, 9, 5, tzinfo=CHINA_TZ))
    raised: list = []
    window.reminders.raised.connect(lambda rows, missed: raised.extend(rows))
    window.reminders.start()  # 12-01 09:00 passed while the program was closed
    [report] = [r for r in raised if r.kind.value == "monthly_report"]
    assert report.title == "打印 2026 年 11 月的经营报告"
    window.reminders.open_reminder(report.id)
    assert window.current_page_key() == "reports"
    window.reminders.stop()


def test_counts_sort_as_numbers(page) -> None:
    from jiazheng_desktop.domain.monthly_figures import Count

    model = page.tables["by_worker"]
    page._fill_counts(model, (Count("张阿姨", 4), Count("李阿姨", 10), Count("王阿姨", 9)))
    page.views["by_worker"].sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [model.item(r, 0).text() for r in range(3)] == ["李阿姨", "王阿姨", "张阿姨"]


def test_the_tenth_section_has_ctrl_0(qtbot, services, qsettings) -> None:
    from jiazheng_desktop.gui.window.shell import build_main_window

    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    items = [window.ui.nav_list.item(i) for i in range(window.ui.nav_list.count())]
    assert [i.toolTip() for i in items[-3:]] == ["报表（Ctrl+9）", "", "设置（Ctrl+0）"]
    assert items[-2].text() == "营销活动"  # the eleventh: no Ctrl+number of its own
