"""The 投诉事件 list at scale: every complaint is a row, read a keyset page at a time as it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jiazheng_desktop.gui.incidents.page import IncidentsPage
from jiazheng_desktop.gui.incidents.table_model import COLUMNS, IncidentTableModel
from jiazheng_desktop.services.incident_lists import IncidentFilter
from jiazheng_desktop.storage.models import Incident
from tests.services.test_list_paging import fill_incidents

ROWS = 2600
LIMIT = IncidentTableModel.PAGE_SIZE * IncidentTableModel.MAX_PAGES


def _expected(services, flt: IncidentFilter) -> list[int]:  # type: ignore[no-untyped-def]
    return [row.id for row in services.incident_lists.listing(flt).at(0, ROWS + 10).rows]


def test_model_counts_all_reads_as_shown_and_keeps_a_bounded_window(qtbot, services) -> None:
    fill_incidents(ROWS)
    flt = IncidentFilter(view="all", sort="worker", descending=False)  # ties and empty workers
    expected = _expected(services, flt)
    model = IncidentTableModel(services)
    model.set_filter(flt)
    assert model.total == model.rowCount() == ROWS and model.cached_rows == 0
    for number in range(0, ROWS, 29):  # scrolling to the end
        assert model.incident_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    assert model.incident_id(ROWS - 1) == expected[-1] and model.cached_rows <= LIMIT
    for number in range(ROWS - 1, -1, -41):  # and back up
        assert model.incident_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    model.set_filter(flt)  # a row far from the window is found and its page read around it
    assert model.row_of(expected[1717]) == 1717 and model.cached_rows == IncidentTableModel.PAGE_SIZE
    assert [model.incident_id(n) for n in range(1600, 1800)] == expected[1600:1800]
    assert model.state(1717) in {"ok", "warning", "overdue"}
    assert model.incident_id(ROWS) is None and model.data(model.index(ROWS, 0)) is None


def test_page_scrolls_to_the_end_sorts_by_header_and_keeps_the_selection(qtbot, services, qsettings) -> None:
    fill_incidents(ROWS)
    page = IncidentsPage(services, qsettings)
    qtbot.addWidget(page)
    page.resize(1130, 720)
    page.show()
    page.ui.view_combo.setCurrentIndex(page.ui.view_combo.findData("all"))
    table = page.ui.incident_table
    assert page.model.total == ROWS and page.ui.count_label.text() == f"共 {ROWS:,} 个事件"
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > ROWS // 2)  # the view laid out the new rows
    bar.setValue(bar.maximum())  # the scroll bar dragged to the bottom
    assert table.rowAt(table.viewport().height() - 2) == ROWS - 1
    expected = _expected(services, page.model.current_filter)
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(page.model.index(ROWS - 1, 0)).center(),
    )
    assert table.currentIndex().row() == ROWS - 1 and page.detail.incident_id == expected[-1]
    assert page.model.cached_rows <= LIMIT

    severity = [key for key, _h in COLUMNS].index("severity")
    table.horizontalHeader().setSortIndicator(severity, Qt.SortOrder.AscendingOrder)  # a click on 严重程度
    flt = page.model.current_filter
    assert (flt.sort, flt.descending, flt.view) == ("severity", False, "all")
    expected = _expected(services, flt)
    assert [page.model.incident_id(n) for n in (0, 1, ROWS // 2, ROWS - 1)] == [
        expected[0],
        expected[1],
        expected[ROWS // 2],
        expected[-1],
    ]

    middle = expected[1234]
    page.open_incident(middle)
    assert table.currentIndex().row() == 1234 and page.detail.incident_id == middle
    # The last complaint becomes 一般 and moves up before it: the selection follows the incident.
    assert services.incident_lists.listing(flt).at(1234, 1).rows[0].severity == 2
    Incident.update(severity=1).where(Incident.id == expected[-1]).execute()
    page.refresh()
    row = table.currentIndex().row()
    assert row == 1235 == _expected(services, flt).index(middle)
    assert page.model.incident_id(row) == middle and page.detail.incident_id == middle
    assert page.model.cached_rows <= LIMIT
