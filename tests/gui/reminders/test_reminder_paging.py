"""The 提醒中心 at scale: thousands of overdue reminders are all rows, read a keyset page at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jiazheng_desktop.domain.reminders import Kind
from jiazheng_desktop.gui.reminders.page import COLUMNS, ReminderCentrePage
from jiazheng_desktop.gui.reminders.table_model import ReminderTableModel
from jiazheng_desktop.storage.models import Reminder
from tests.services.test_list_paging import fill_reminders

ROWS = 3000
LIMIT = ReminderTableModel.PAGE_SIZE * ReminderTableModel.MAX_PAGES


def test_model_counts_all_reads_as_shown_and_keeps_a_bounded_window(qtbot, services) -> None:
    fill_reminders(services.context.now(), ROWS)
    model = ReminderTableModel(services.reminders, None)
    assert not model.loaded
    model.sort(COLUMNS.index("状态"), Qt.SortOrder.DescendingOrder)  # remembered, nothing read
    assert not model.loaded
    model.set_kind(None)
    expected = [r.id for r in services.reminders.listing(None, "state", True).at(0, ROWS).rows]
    assert model.total == model.rowCount() == len(expected) > LIMIT and model.cached_rows == 0
    for number in range(0, len(expected), 23):
        assert model.reminder_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    assert model.reminder_id(len(expected) - 1) == expected[-1] and model.cached_rows <= LIMIT


def test_page_shows_every_reminder_scrolls_to_the_end_and_keeps_the_selection(
    qtbot, services, qsettings
) -> None:
    fill_reminders(services.context.now(), ROWS)
    page = ReminderCentrePage(services, qsettings)
    qtbot.addWidget(page)
    assert not page.model.loaded  # start-up reads nothing for a page nobody opened
    page.resize(1000, 700)
    page.show()
    counts = services.reminders.counts()
    total = counts.overdue + counts.today + counts.upcoming
    assert page.model.total == total > LIMIT
    assert page.summary_label.text() == (
        f"{counts.overdue:,} 条逾期 · 今天 {counts.today:,} 条 · 之后 7 天 {counts.upcoming:,} 条"
    )
    bar = page.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > total // 2)
    bar.setValue(bar.maximum())
    assert page.table.rowAt(page.table.viewport().height() - 2) == total - 1
    assert page.model.index(total - 1, 0).data() == "即将到来" and page.model.index(0, 0).data() == "逾期"
    assert page.model.cached_rows <= LIMIT

    renewals = services.reminders.listing(Kind.RENEWAL.value).at(0, ROWS).rows
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(Kind.RENEWAL.value))
    assert page.model.total == len(renewals)
    chosen = renewals[700].id
    assert page.select_reminder(chosen) and page.table.currentIndex().row() == 700
    Reminder.update(state="done").where(Reminder.id == renewals[0].id).execute()  # one above goes
    page.refresh()
    assert page.current_reminder_id() == chosen and page.table.currentIndex().row() == 699
    assert page.model.total == len(renewals) - 1
