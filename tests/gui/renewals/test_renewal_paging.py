"""The 续约 list at scale: every contract due is a row, read a keyset page at a time as it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jiazheng_desktop.domain.contracts import ContractStatus
from jiazheng_desktop.gui.renewals.page import RenewalsPage
from jiazheng_desktop.gui.renewals.table_model import RenewalTableModel
from jiazheng_desktop.storage.models import Contract
from tests.services.test_renewal_paging import fill_contracts

ROWS = 1300
LIMIT = RenewalTableModel.PAGE_SIZE * RenewalTableModel.MAX_PAGES


def _expected(services, days: int) -> list[int]:  # type: ignore[no-untyped-def]
    return [row.id for row in services.contracts.renewals_listing(days).at(0, ROWS + 10).rows]


def test_model_counts_all_reads_as_shown_and_keeps_a_bounded_window(qtbot, services) -> None:
    fill_contracts(ROWS, spread=20)  # every active one is due within 30 days
    expected = _expected(services, 30)
    active = Contract.select().where(Contract.status == ContractStatus.ACTIVE.value).count()
    assert len(expected) == active > 600
    model = RenewalTableModel(services)
    model.set_days(30)
    assert model.total == model.rowCount() == active and model.cached_rows == 0
    for number in range(0, active, 13):
        assert model.contract_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    assert model.contract_id(active - 1) == expected[-1] and model.cached_rows <= LIMIT
    for number in range(active - 1, -1, -17):
        assert model.contract_id(number) == expected[number]
        assert model.cached_rows <= LIMIT
    model.set_days(30)
    assert model.row_of(expected[600]) == 600 and model.cached_rows == RenewalTableModel.PAGE_SIZE


def test_page_scrolls_to_the_last_contract_and_shows_one_beyond_row_500(qtbot, services, qsettings) -> None:
    fill_contracts(ROWS, spread=20)
    page = RenewalsPage(services, qsettings)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    expected = _expected(services, page.days())
    total = len(expected)
    assert page.model.total == page.model.rowCount() == total > 600
    assert page.ui.count_label.text().startswith(f"共 {total} 份，7 天内 ")
    assert "列出" not in page.ui.count_label.text()
    table = page.ui.renewal_table
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > total // 2)
    bar.setValue(bar.maximum())
    assert table.rowAt(table.viewport().height() - 2) == total - 1
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(page.model.index(total - 1, 0)).center(),
    )
    assert page.current_contract_id() == expected[-1] and page.model.cached_rows <= LIMIT
    assert page.ui.contact_button.isEnabled()

    bar.setValue(0)
    beyond = expected[total - 40]  # far past the old 500-row cap
    assert page.show_item(beyond)
    assert table.currentIndex().row() == total - 40 and page.current_contract_id() == beyond
    assert Contract.get_by_id(beyond).package in page.ui.contract_label.text()
    page.refresh()  # the selection is kept on refresh
    assert page.current_contract_id() == beyond and page.model.cached_rows <= LIMIT
    # The contract before it leaves the list: the selection follows the contract up one row.
    Contract.update(status=ContractStatus.LOST.value).where(Contract.id == expected[total - 41]).execute()
    page.refresh()
    assert page.model.total == total - 1
    assert page.current_contract_id() == beyond and table.currentIndex().row() == total - 41
    # And once it leaves itself, nothing is selected.
    Contract.update(status=ContractStatus.LOST.value).where(Contract.id == beyond).execute()
    page.refresh()
    assert page.current_contract_id() is None and not page.ui.contact_button.isEnabled()
