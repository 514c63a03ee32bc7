"""The 客户关怀 card on the profile: stage, risk and value with their reasons, read with the customer."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QSettings, Qt

from jiazheng_desktop.domain.workers import ServiceRecordDraft
from jiazheng_desktop.gui.customers.page import CustomersPage
from tests.conftest import make_draft


def _page(qtbot, services, data_paths) -> CustomersPage:
    settings = QSettings(str(data_paths.root / "ui-state.ini"), QSettings.Format.IniFormat)
    page = CustomersPage(services, settings)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_card_says_stage_risk_value_and_next_step_and_follows_a_new_visit(
    qtbot, services, clock, data_paths
) -> None:
    customer = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    now = clock.now()
    for ago in (45, 59, 73, 87, 101):
        served = datetime.combine((now - timedelta(days=ago)).date(), time(10), tzinfo=now.tzinfo)
        services.service_records.add(
            ServiceRecordDraft(customer_id=customer, served_at=served, amount_text="150")
        )
    page = _page(qtbot, services, data_paths)
    page.open_customer(customer)
    card = page.detail.lifecycle_card
    assert card.isVisibleTo(page) and card.title() == "客户关怀"
    text = card.label.text()
    assert "阶段：流失风险" in text and "45 天未服务，平时每 14 天一次（超过 2 倍）" in text
    assert "30 分（中）" in text and "45 天未服务（平时每 14 天一次）+30" in text
    assert "价值：中价值" in text and "近 12 个月 5 次、¥750.00，最近一次 45 天前" in text
    assert "下一步：</b>尽快致电关怀" in text

    services.service_records.add(ServiceRecordDraft(customer_id=customer, served_at=now, amount_text="150"))
    page.detail.refresh()
    assert "阶段：发展期" in card.label.text() and "0 分（低）" in card.label.text()


def test_no_customer_no_card(qtbot, services, data_paths) -> None:
    page = _page(qtbot, services, data_paths)
    assert not page.detail.lifecycle_card.isVisibleTo(page)


def test_the_list_shows_stage_and_risk_and_filters_by_them(qtbot, services, clock, data_paths) -> None:
    lapsed = services.customers.create(make_draft(name="赵敏", honorific="女士", phone="13800000004"))
    now = clock.now()
    for ago in (45, 59, 73, 87, 101):
        served = datetime.combine((now - timedelta(days=ago)).date(), time(10), tzinfo=now.tzinfo)
        services.service_records.add(
            ServiceRecordDraft(customer_id=lapsed, served_at=served, amount_text="150")
        )
    services.customers.create(make_draft(name="钱进", phone="13800000005"))
    page = _page(qtbot, services, data_paths)
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    stage_col, risk_col = headers.index("阶段"), headers.index("流失风险")
    shown = {model.data(model.index(r, 1)): (model.data(model.index(r, stage_col)), model.data(model.index(r, risk_col))) for r in range(model.rowCount())}  # fmt: skip
    assert shown == {"赵敏": ("流失风险", "30"), "钱进": ("潜在", "0")}
    combo = page.care_filter_combo
    combo.setCurrentIndex(combo.findText("流失风险"))
    qtbot.waitUntil(lambda: model.total == 1 and not page.filter_search.is_busy)
    assert model.data(model.index(0, 1)) == "赵敏"
    combo.setCurrentIndex(combo.findText("潜在"))
    qtbot.waitUntil(lambda: model.total == 1 and model.data(model.index(0, 1)) == "钱进")
