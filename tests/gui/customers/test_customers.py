"""The customers section through its real widgets, on a real database file."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.customers import ContactChannel, CustomerType
from jiazheng_desktop.domain.incidents import Category
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.templates import Scenario
from jiazheng_desktop.gui.customers.customer_dialog import CustomerDialog
from jiazheng_desktop.gui.customers.detail import profile_html
from jiazheng_desktop.gui.customers.table_model import COLUMNS, CustomerTableModel
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.services import build_services
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.storage.database import close_database, open_database
from tests.conftest import OWNER_PASSWORD, TEST_KEY, grants, make_draft


def _settings(data_paths) -> QSettings:
    return QSettings(str(data_paths.root / "ui-state.ini"), QSettings.Format.IniFormat)


def _save(dialog: CustomerDialog, qtbot) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_create_customer_through_dialog_keeps_fields_on_bad_phone(qtbot, services) -> None:
    dialog = CustomerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    ui.name_edit.setText("王建国")
    ui.honorific_combo.setCurrentIndex(ui.honorific_combo.findData("先生"))
    ui.phone_edit.setText("138123456")  # two digits short
    ui.address_edit.setText("浦东新区张杨路1289弄12号601室")
    ui.notes_edit.setPlainText("家里有珍藏青花瓷")
    assert ui.address_as_label.text() == "称呼为：王先生"

    _save(dialog, qtbot)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "11 位" in dialog.errors.message("phone")
    assert dialog.errors.message("name") == ""
    assert (ui.name_edit.text(), ui.address_edit.text(), ui.notes_edit.toPlainText()) == (
        "王建国", "浦东新区张杨路1289弄12号601室", "家里有珍藏青花瓷",
    )  # fmt: skip
    assert services.customers.count() == 0

    ui.phone_edit.setText("138 1234 5678")
    _save(dialog, qtbot)  # the notes need the customer's consent, asked in the same dialog
    assert dialog.isVisible() and services.customers.count() == 0
    assert dialog.errors.message("household_notes") == "请先在下方记录客户同意保存家庭备注，或清空家庭备注"
    assert ui.notes_edit.toPlainText() == "家里有珍藏青花瓷"
    dialog.consents.set_answer(Purpose.HOUSEHOLD_NOTES, True)
    with qtbot.waitSignal(dialog.customer_saved) as saved:
        _save(dialog, qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    view = services.customers.get(saved.args[0])
    assert (view.address_as, view.phones, view.household_notes) == (
        "王先生",
        ["13812345678"],
        "家里有珍藏青花瓷",
    )


def test_the_form_of_address_is_chosen_or_typed_and_used_by_the_scripts(qtbot, services) -> None:
    services.scripts.ensure_seeded()
    dialog = CustomerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    combo = ui.honorific_combo
    assert combo.isEditable()
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered == ["先生", "女士", "太太", "阿姨", "叔叔", "老师", "小姐", "（直呼姓名）"]
    ui.name_edit.setText("李秀兰")
    ui.phone_edit.setText("13812345678")
    combo.setCurrentIndex(combo.findData("太太"))
    assert ui.address_as_label.text() == "称呼为：李太太"
    combo.setCurrentIndex(combo.findData(""))
    assert ui.address_as_label.text() == "称呼为：李秀兰" and dialog.honorific() == ""

    # Typed: a word of the staff's own; one that will not do is named next to the field, and kept.
    combo.setEditText("李太太")  # CJK through setEditText: keyClicks with Chinese aborts Qt
    _save(dialog, qtbot)
    assert dialog.isVisible() and services.customers.count() == 0
    assert dialog.errors.message("honorific") == "称呼里不用写姓：填“太太”就行，会显示为“李太太”"
    assert combo.currentText() == "李太太" and ui.name_edit.text() == "李秀兰"
    combo.setEditText("老师")
    assert (
        dialog.honorific() == "老师" and ui.address_as_label.text() == "称呼为：李老师"
    )  # typed, as offered
    combo.setEditText("医生")
    assert ui.address_as_label.text() == "称呼为：李医生"
    with qtbot.waitSignal(dialog.customer_saved) as saved:
        _save(dialog, qtbot)
    customer = saved.args[0]
    view = services.customers.get(customer)
    assert (view.honorific, view.address_as) == ("医生", "李医生")
    script = services.scripts.script_for_customer(customer, Scenario.FESTIVAL)
    assert script is not None and script.text.startswith("李医生您好")

    # Editing keeps the typed form of address as it was.
    again = CustomerDialog(services, customer)
    qtbot.addWidget(again)
    assert again.ui.honorific_combo.currentText() == "医生" and again.draft().honorific == "医生"
    with qtbot.waitSignal(again.customer_saved):
        _save(again, qtbot)
    assert services.customers.get(customer).address_as == "李医生"


def test_type_and_contact_channel_are_stored_as_ids_and_shown_in_chinese(qtbot, services) -> None:
    dialog = CustomerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    ui.name_edit.setText("王建国")
    ui.phone_edit.setText("13812345678")
    ui.type_combo.setCurrentIndex(ui.type_combo.findData(CustomerType.ELDERLY.value))
    ui.channel_combo.setCurrentIndex(ui.channel_combo.findData(ContactChannel.WECHAT.value))
    assert (ui.type_combo.currentText(), ui.channel_combo.currentText()) == ("老人", "微信")
    with qtbot.waitSignal(dialog.customer_saved) as saved:
        _save(dialog, qtbot)
    view = services.customers.get(saved.args[0])
    assert (view.customer_type, view.contact_channel) == ("elderly", "wechat")
    html = profile_html(view)
    assert "老人" in html and "微信，" in html and "elderly" not in html
    model = CustomerTableModel(services.customers)
    model.set_filter(CustomerFilter())
    type_column = [key for key, _ in COLUMNS].index("customer_type")
    assert model.data(model.index(0, type_column)) == "老人"


def test_contact_window_and_empty_name_are_reported_together(qtbot, services) -> None:
    dialog = CustomerDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.phone_edit.setText("13812345678")
    dialog.ui.contact_start_edit.setTime(dialog.ui.contact_end_edit.time())
    _save(dialog, qtbot)
    assert dialog.errors.message("name") == "请填写客户姓名"
    assert "开始时间" in dialog.errors.message("contact_window")
    assert dialog.ui.name_edit.hasFocus() or not dialog.isActiveWindow()


def test_editing_an_existing_customer(qtbot, services) -> None:
    cid = services.customers.create(make_draft())
    dialog = CustomerDialog(services, cid)
    qtbot.addWidget(dialog)
    assert dialog.ui.name_edit.text() == "王建国" and dialog.ui.phone_edit.text() == "13812345678"
    assert not dialog.ui.vip_combo.isEnabled()  # the tier is derived, or the owner's (店主设定…)
    assert (
        dialog.tier_reason_label.text()
        == "按规则：近 12 个月消费 ¥0（满 ¥2,000 为银卡）；再消费 ¥2,000 升为银卡"
    )
    dialog.ui.vip_combo.setCurrentIndex(dialog.ui.vip_combo.findData(2))
    dialog.ui.address_edit.setText("浦东新区世纪大道 1 号")
    _save(dialog, qtbot)
    view = services.customers.get(cid)
    assert view.vip_label == "普通" and view.address == "浦东新区世纪大道 1 号"


def test_global_search_finds_by_pinyin_initials_and_opens_the_customer(qtbot, services, data_paths) -> None:
    services.customers.create(make_draft(name="张丽", honorific="女士", phone="13900001111"))
    wang = services.customers.create(make_draft(name="王建国", honorific="先生", phone="13812345678"))
    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    search = window.search_box
    search.setText("wxs")
    assert search.run_search() == 1
    assert search.first_result() == wang
    with qtbot.waitSignal(search.customer_chosen) as chosen:
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert chosen.args == [wang]
    page = window.page("customers")
    assert page.detail.customer_id == wang
    assert page.detail.ui.title_label.text() == "王先生"
    search.setText("1390000")
    search.run_search()
    assert search.results.item(0).text().startswith("张女士（张丽）")


def test_global_search_runs_on_a_worker_as_you_type(qtbot, services, data_paths, monkeypatch) -> None:
    import threading

    wang = services.customers.create(make_draft(name="王建国", honorific="先生", phone="13812345678"))
    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    window.show()
    search = window.search_box
    release, started = threading.Event(), threading.Event()
    real = services.customers.search

    def slow_search(text: str, limit: int = 20):
        if text == "wj":
            started.set()
            release.wait(10)  # an old query that comes back late
            return []
        return real(text, limit)

    monkeypatch.setattr(services.customers, "search", slow_search)
    qtbot.keyClicks(search, "wj")
    qtbot.waitUntil(started.is_set)
    assert search.results.item(search.results.rowCount() - 1).text() == "正在查找…"
    qtbot.keyClicks(search, "g")  # typing is not blocked by the running query
    assert search.text() == "wjg"
    with qtbot.waitSignal(search.customer_chosen, timeout=5000) as chosen:
        qtbot.keyClick(search, Qt.Key.Key_Return)  # chosen once the newest results are in
        release.set()
    assert chosen.args == [wang]

    def broken(text: str, limit: int = 20):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(services.customers, "search", broken)
    qtbot.keyClicks(search, "wxs")
    qtbot.waitUntil(lambda: search.results.rowCount() == 1 and "出错" in search.results.item(0).text())
    assert search.first_result() is None


def test_ctrl_f_focuses_the_search_box(qtbot, services, data_paths) -> None:
    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    window.show()
    find = QKeySequence(QKeySequence.StandardKey.Find)
    shortcuts = [s for s in window.findChildren(QShortcut) if s.key() == find]
    assert len(shortcuts) == 1
    window.search_box.setText("old text")
    shortcuts[0].activated.emit()
    assert window.focusWidget() is window.search_box
    assert window.search_box.selectedText() == "old text"


def test_customers_survive_a_restart(qtbot, services, data_paths, clock) -> None:
    services.customers.create(make_draft(name="欧阳娜娜", honorific="女士", phone="13655556666"))
    close_database()
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    again = build_services(clock)
    window = build_main_window(again, _settings(data_paths))
    qtbot.addWidget(window)
    model = window.page("customers").model
    assert model.total == 1
    assert model.data(model.index(0, 0)) == "欧阳女士"
    assert [h.name for h in again.customers.search("oynn")] == ["欧阳娜娜"]


def test_table_model_sorts_in_sql_and_reads_pages_as_shown(qtbot, services) -> None:
    for i in range(450):
        services.customers.create(make_draft(name=f"客户{chr(0x4E00 + i)}", phone=f"138{i:08d}"))
    model = CustomerTableModel(services.customers)
    model.set_filter(CustomerFilter())
    assert model.total == 450 and model.rowCount() == 450 and model.cached_rows == 0
    expected = [row.id for row in services.customers.page(CustomerFilter(), 0, 450)]
    assert [model.customer_id(n) for n in range(450)] == expected
    phone_column = [key for key, _ in COLUMNS].index("phones")
    model.sort(phone_column, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, phone_column)) == "13800000449"
    assert model.data(model.index(449, phone_column)) == "13800000000"
    model.set_filter(CustomerFilter(text="1380000044"))
    assert model.total == model.rowCount() == 10


def test_table_model_keeps_a_bounded_window_and_finds_any_row(qtbot, services) -> None:
    from tests.services.test_paging import fill

    fill(3000)
    flt = CustomerFilter(sort="last_service_at", descending=True)
    expected = [row.id for row in services.customers.page(flt, 0, 3000)]
    model = CustomerTableModel(services.customers)
    model.set_filter(flt)
    limit = CustomerTableModel.PAGE_SIZE * CustomerTableModel.MAX_PAGES
    for number in range(0, 3000, 37):  # scrolling to the end
        assert model.customer_id(number) == expected[number]
        assert model.cached_rows <= limit
    assert model.customer_id(2999) == expected[-1] and model.cached_rows <= limit
    model.set_filter(flt)  # a jump: the row is found outside the window, and its page read around it
    assert model.row_of(expected[1717]) == 1717 and model.cached_rows == CustomerTableModel.PAGE_SIZE
    assert [model.customer_id(n) for n in range(1600, 1800)] == expected[1600:1800]
    assert model.customer_id(1599) == expected[1599] and model.customer_id(1800) == expected[1800]


def test_table_view_scrolls_to_the_end_and_refresh_keeps_the_selection(qtbot, services, data_paths) -> None:
    from tests.services.test_paging import fill

    fill(2000)
    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.show_page("customers")
    page = window.page("customers")
    table = page.ui.customer_table
    assert page.ui.count_label.text() == "共 2,000 位客户"
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the scroll bar dragged to the bottom
    assert table.rowAt(table.viewport().height() - 2) == 1999
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(page.model.index(1999, 1)).center()
    )
    assert table.currentIndex().row() == 1999
    last = page.model.customer_id(1999)
    assert page.current_customer_id() == last
    assert last == services.customers.page(page.model.current_filter, 1999, 1)[0].id
    assert page.model.cached_rows <= CustomerTableModel.PAGE_SIZE * CustomerTableModel.MAX_PAGES
    middle = services.customers.page(page.model.current_filter, 1234, 1)[0].id
    page.open_customer(middle)
    assert table.currentIndex().row() == 1234 and page.current_customer_id() == middle
    services.customers.create(make_draft(name="阿宝", phone="13900000001"))  # sorts first: rows move down
    page.refresh()
    assert page.model.total == 2001 and page.ui.count_label.text() == "共 2,001 位客户"
    assert table.currentIndex().row() == 1235 and page.model.customer_id(1235) == middle


def test_window_layout_is_remembered(qtbot, services, data_paths) -> None:
    customer_id = services.customers.create(make_draft())
    settings = _settings(data_paths)
    window = build_main_window(services, settings)
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    page = window.show_page("customers")
    size = (max(760, window.minimumSizeHint().width()), 520)  # within the test screen's 800×600
    window.resize(*size)
    page.open_customer(customer_id)
    splitter = page.ui.splitter
    qtbot.waitUntil(lambda: sum(splitter.sizes()) > 0)
    splitter.moveSplitter(300, 1)  # the user drags the split while working on a customer
    splitter.splitterMoved.emit(300, 1)
    share = splitter.sizes()[0] / sum(splitter.sizes())
    window.close()  # closeEvent saves

    again = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(again)
    again.restore_state()
    again.show()
    assert (again.size().width(), again.size().height()) == size
    reopened = again.show_page("customers")
    sizes = reopened.ui.splitter.sizes()
    narrowest = reopened.ui.splitter.widget(1).minimumSizeHint().width()
    assert sizes[1] <= max(round(0.3 * sum(sizes)) + 1, narrowest)  # nothing open yet: the list has the room
    reopened.open_customer(customer_id)
    sizes = reopened.ui.splitter.sizes()
    assert abs(sizes[0] / sum(sizes) - share) < 0.02  # the split the user chose, once one is open


def test_sections_and_on_duty_follow_staff_changes(qtbot, services, data_paths, owner_auth) -> None:
    from jiazheng_desktop.domain.staff import Role

    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    titles = [window.ui.nav_list.item(i).text() for i in range(window.ui.nav_list.count())]
    assert titles == [
        "工作台",
        "客户",
        "提醒",
        "投诉事件",
        "优惠券",
        "续约",
        "服务人员",
        "话术模板",
        "报表",
        "营销活动",
        "设置",
    ]
    assert window.duty_button.text() == "值班：李店主（运营总监/店主） ▾"
    clerk = services.staff.create("小周", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    services.staff.update(clerk, "周晓燕", Role.CUSTOMER_SERVICE, False, None, owner_auth)
    window.page("settings").staff_changed.emit()
    lock = window.desk_lock
    assert lock.is_locked  # nobody takes the desk without a password
    lock.dialog.password_edit.setText(OWNER_PASSWORD)
    lock.dialog.try_sign_in()
    assert services.context.on_duty_id == owner_auth.staff_id
    assert "李店主" in window.duty_button.text()


def test_window_title_follows_the_agency_name(qtbot, services, data_paths, owner_auth) -> None:
    from jiazheng_desktop.services.settings import AgencyInfo

    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    assert window.windowTitle() == "家政服务台 - 好帮手家政"
    services.settings.save_agency(AgencyInfo("安心到家"), owner_auth)
    window.page("settings").agency_changed.emit()
    assert window.windowTitle() == "家政服务台 - 安心到家"


def test_ctrl_n_means_new_on_whichever_page_is_showing(qtbot, services, data_paths, monkeypatch) -> None:
    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    new = QKeySequence(QKeySequence.StandardKey.New)
    shortcuts = [s for s in window.findChildren(QShortcut) if s.key() == new]
    assert len(shortcuts) == 1  # one shortcut, so it is never ambiguous
    created: list[str] = []
    monkeypatch.setattr(window.page("customers"), "create_new", lambda: created.append("customer"))
    monkeypatch.setattr(window.page("workers"), "create_new", lambda: created.append("worker"))
    window.show_page("customers")
    shortcuts[0].activated.emit()
    window.show_page("workers")
    shortcuts[0].activated.emit()
    window.show_page("settings")
    shortcuts[0].activated.emit()
    assert created == ["customer", "worker"]


def test_sections_are_built_when_first_needed_and_escalation_runs_anyway(
    qtbot, services, data_paths, clock
) -> None:
    from datetime import timedelta

    from PySide6.QtCore import QTimer

    from jiazheng_desktop.services.incidents import IncidentDraft

    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    assert window.built_page("incidents") is None and window.built_page("settings") is None
    customer = services.customers.create(make_draft())
    incident = services.incidents.open_incident(
        IncidentDraft(customer_id=customer, category=Category.LATE.value, customer_said="阿姨迟到了一个小时")
    )
    clock.advance(timedelta(hours=25))
    timer = window.findChild(QTimer, "escalation_timer")
    timer.timeout.emit()  # the minute timer, with the complaints section never opened
    assert services.incidents.get(incident).level == 2
    page = window.show_page("incidents")
    assert window.built_page("incidents") is page and window.current_page_key() == "incidents"
    assert page.model.rowCount() == 1


def test_customer_page_offers_vouchers_and_contracts_and_the_minute_timer_expires_vouchers(
    qtbot, services, data_paths, clock, monkeypatch
) -> None:
    from datetime import timedelta

    from PySide6.QtCore import QTimer

    from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind, VoucherStatus
    from jiazheng_desktop.gui.renewals.contract_dialog import ContractDialog
    from jiazheng_desktop.gui.vouchers.voucher_dialog import VoucherDialog

    window = build_main_window(services, _settings(data_paths))
    qtbot.addWidget(window)
    customer = services.customers.create(make_draft(), grants(services, Purpose.MARKETING))
    window.page("customers").open_customer(customer)
    opened: list[tuple[str, int | None]] = []
    monkeypatch.setattr(VoucherDialog, "exec", lambda self: opened.append(("voucher", self.customer_id)) or 0)
    monkeypatch.setattr(ContractDialog, "exec", lambda self: opened.append(("contract", customer)) or 0)
    menu = window.page("customers").detail.ui.more_button.menu()
    for action in menu.actions()[:2]:
        action.trigger()
    assert opened == [("voucher", customer), ("contract", customer)]

    voucher = services.vouchers.issue(
        VoucherDraft(
            customer, VoucherKind.PROMOTION.value, "50", valid_until=clock.now().date() + timedelta(days=1)
        )
    )
    clock.advance(timedelta(days=3))
    window.findChild(QTimer, "escalation_timer").timeout.emit()
    assert services.vouchers.get(voucher).status == VoucherStatus.EXPIRED
