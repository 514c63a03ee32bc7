"""The 优惠券 list at scale: every matching voucher is a row, read a keyset page at a time as it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jiazheng_desktop.domain.vouchers import VoucherStatus
from jiazheng_desktop.gui.vouchers.page import VouchersPage
from jiazheng_desktop.gui.vouchers.table_model import COLUMNS, VoucherTableModel
from jiazheng_desktop.services.vouchers import VoucherFilter
from jiazheng_desktop.storage.models import Voucher
from tests.services.test_list_paging import fill_vouchers

ROWS = 1300
LIMIT = VoucherTableModel.PAGE_SIZE * VoucherTableModel.MAX_PAGES


def _expected(services, flt: VoucherFilter) -> list[int]:  # type: ignore[no-untyped-def]
    return [row.id for row in services.vouchers.listing(flt).at(0, ROWS + 10).rows]


def test_model_counts_all_reads_as_shown_and_keeps_a_bounded_window(qtbot, services) -> None:
    fill_vouchers(ROWS)
    flt = VoucherFilter(view="all", sort="balance", descending=True)  # a sum per row, many ties
    expected = _expected(services, flt)
    model = VoucherTableModel(services.vouchers)
    model.set_filter(flt)
    assert model.total == model.rowCount() == ROWS and model.cached_rows == 0
    for number in range(0, ROWS, 13):
        assert model.voucher_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    assert model.voucher_id(ROWS - 1) == expected[-1] and model.cached_rows <= LIMIT
    for number in range(ROWS - 1, -1, -17):
        assert model.voucher_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    model.set_filter(flt)
    assert model.row_of(expected[1111]) == 1111 and model.cached_rows == VoucherTableModel.PAGE_SIZE


def test_page_scrolls_to_the_end_sorts_by_header_and_keeps_the_selection(qtbot, services, qsettings) -> None:
    fill_vouchers(ROWS)
    page = VouchersPage(services, qsettings)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    active = Voucher.select().where(Voucher.status == VoucherStatus.ACTIVE.value).count()
    assert page.model.total == active and page.ui.count_label.text() == f"共 {active:,} 张"
    assert page.model.current_filter.sort == "valid_until"  # the page's default order
    page.ui.view_combo.setCurrentIndex(page.ui.view_combo.findData("all"))
    assert page.model.total == ROWS and page.ui.count_label.text() == f"共 {ROWS:,} 张"
    table = page.ui.voucher_table
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > ROWS // 2)
    bar.setValue(bar.maximum())
    assert table.rowAt(table.viewport().height() - 2) == ROWS - 1
    expected = _expected(services, page.model.current_filter)
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(page.model.index(ROWS - 1, 0)).center(),
    )
    assert page.current_voucher_id() == expected[-1] and page.model.cached_rows <= LIMIT

    code = [key for key, _h in COLUMNS].index("code")
    table.horizontalHeader().setSortIndicator(code, Qt.SortOrder.DescendingOrder)  # a click on 券码
    flt = page.model.current_filter
    assert (flt.sort, flt.descending, flt.view) == ("code", True, "all")
    assert page.model.data(page.model.index(0, code)) == f"C{ROWS - 1:05d}"
    assert page.model.data(page.model.index(ROWS - 1, code)) == "C00000"
    assert page.current_filter() == flt  # what an export is asked for: the page's order

    chosen = _expected(services, flt)[900]
    assert page.select_voucher(chosen) and table.currentIndex().row() == 900
    # The first voucher now sorts last: the rows before the selection move up by one.
    Voucher.update(code="A00000").where(Voucher.code == f"C{ROWS - 1:05d}").execute()
    page.refresh()
    assert page.current_voucher_id() == chosen and table.currentIndex().row() == 899
    assert page.model.data(page.model.index(ROWS - 1, code)) == "A00000"
    page.ui.kind_combo.setCurrentIndex(1)  # a filter: fewer rows, the same order
    kind = page.ui.kind_combo.currentData()
    assert page.model.total == Voucher.select().where(Voucher.kind == kind).count() < ROWS
