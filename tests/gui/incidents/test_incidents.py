"""The incidents section through its real widgets, on a real database file, with the clock moved by hand."""

from __future__ import annotations

import sys
import types
from datetime import time, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QComboBox, QDialog, QPlainTextEdit

from jiazheng_desktop.domain.incidents import Category, RemedyKind, Status, Step
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.templates import Channel, Scenario
from jiazheng_desktop.domain.workers import WorkerDraft
from jiazheng_desktop.gui.common import messages, theme
from jiazheng_desktop.gui.common.script_panel import ScriptPanel
from jiazheng_desktop.gui.incidents import detail as detail_module
from jiazheng_desktop.gui.incidents.detail import IncidentDetail
from jiazheng_desktop.gui.incidents.page import IncidentsPage
from jiazheng_desktop.gui.incidents.step_forms import StepForm
from jiazheng_desktop.gui.incidents.table_model import COLUMNS, STATE_COLORS
from jiazheng_desktop.services.callbacks import CallbackDraft
from jiazheng_desktop.services.incidents import IncidentDraft
from tests.conftest import make_draft

SAID = "阿姨擦柜子时把客厅的青花瓷花瓶碰倒了，碎成几块"
CALLBACK_MODULE = "jiazheng_desktop.gui.incidents.callback_dialog"


@pytest.fixture
def customer(services) -> int:
    return services.customers.create(make_draft(contact_start=time(9), contact_end=time(20)))


@pytest.fixture
def staff(services, owner_auth) -> dict[str, int]:
    """A 客服 and a 区域经理 besides the owner (who stays on duty unless a test says otherwise)."""
    return {
        "clerk": services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth),
        "manager": services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth),
    }


def _open(services, customer: int, **kw) -> int:
    values = {
        "customer_id": customer,
        "category": Category.DAMAGE.value,
        "severity": 2,
        "customer_said": SAID,
    }
    values.update(kw)
    return services.incidents.open_incident(IncidentDraft(**values))


def _walk_to_act(services, incident: int) -> None:
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "碰倒花瓶", "root_cause": "技能不足"}
    )
    services.incidents.complete_step(
        incident, Step.LISTEN, {"customer_account": SAID, "customer_needs": "赔偿花瓶"}
    )
    services.incidents.complete_step(incident, Step.EMPATHIZE, {"apology": "非常抱歉"})


def _text(form: StepForm, name: str) -> str:
    widget = form.widgets[name]
    assert isinstance(widget, QPlainTextEdit)
    return widget.toPlainText()


def _type(form: StepForm, name: str, text: str) -> None:
    widget = form.widgets[name]
    assert isinstance(widget, QPlainTextEdit)
    widget.setPlainText(text)  # CJK through setPlainText: keyClicks with Chinese aborts Qt


def _choose(form: StepForm, name: str, value: str) -> None:
    widget = form.widgets[name]
    assert isinstance(widget, QComboBox)
    index = widget.findData(value)
    assert index >= 0, f"{value} not offered in {name}"
    widget.setCurrentIndex(index)


def _remedy(form: StepForm, row: int, kind: str, amount: str = "", note: str = "") -> None:
    editor = form.remedy_editor
    assert editor is not None
    while len(editor.rows) <= row:
        editor.add_row()
    line = editor.rows[row]
    line.kind_combo.setCurrentIndex(line.kind_combo.findData(kind))
    line.amount_edit.setText(amount)
    line.note_edit.setText(note)


def _complete(detail: IncidentDetail, qtbot) -> None:
    qtbot.mouseClick(detail.ui.complete_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def detail(qtbot, services) -> IncidentDetail:
    services.scripts.ensure_seeded()
    widget = IncidentDetail(services)
    qtbot.addWidget(widget)
    widget.resize(640, 760)
    widget.show()
    return widget


@pytest.fixture
def page(qtbot, services, qsettings) -> IncidentsPage:
    widget = IncidentsPage(services, qsettings)
    qtbot.addWidget(widget)
    widget.resize(1130, 720)
    widget.show()
    return widget


def _ids(page: IncidentsPage) -> list[int]:
    return [page.model.incident_id(row) for row in range(page.model.rowCount())]  # type: ignore[misc]


def _pick(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


# -- the list -------------------------------------------------------------------------------------------


def test_list_filters_sorts_and_escalates_by_query(page, services, customer, staff, clock) -> None:
    worker = services.workers.create(WorkerDraft(name="李阿姨", phone="13900001111"))
    broken = _open(services, customer, worker_id=worker)
    clock.advance(timedelta(hours=1))
    late = _open(
        services, customer, category=Category.LATE.value, severity=1, customer_said="阿姨迟到了一个小时"
    )
    clock.advance(timedelta(hours=1))
    price = _open(services, customer, category=Category.PRICE.value, customer_said="收费和说好的不一样")
    _walk_to_act(services, price)
    services.incidents.complete_step(
        price, Step.ACT, {"action_plan": "按原价收费"}, [_draft(RemedyKind.REFUND.value, "30", "多收的部分")]
    )
    page.refresh()
    ui = page.ui

    assert ui.view_combo.currentText() == "处理中"
    assert _ids(page) == [late, broken]  # newest first
    assert ui.count_label.text() == "共 2 个事件"
    _pick(ui.view_combo, "resolved")
    assert _ids(page) == [price]
    _pick(ui.view_combo, "all")
    assert _ids(page) == [price, late, broken]
    row = page.model.row_of(price)
    assert [page.model.data(page.model.index(row, column)) for column in (2, 4)] == ["价格争议", "已解决"]
    assert ui.category_combo.itemText(ui.category_combo.findData(Category.LATE.value)) == "迟到"
    _pick(ui.category_combo, Category.LATE.value)
    assert _ids(page) == [late]
    _pick(ui.category_combo, None)
    _pick(ui.worker_combo, worker)
    assert _ids(page) == [broken]
    assert page.model.data(page.model.index(0, 8)) == "李阿姨"
    _pick(ui.worker_combo, None)

    # Sorting is a new query with the filter's sort key, not a proxy model.
    header = ui.incident_table.horizontalHeader()
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # categories in the order the list offers them
    assert _ids(page) == [late, broken, price]
    header.setSortIndicator(4, Qt.SortOrder.AscendingOrder)  # 处理中 before 已解决
    assert _ids(page) == [broken, late, price]
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert page.model.current_filter.sort == "number" and not page.model.current_filter.descending
    assert _ids(page) == [broken, late, price]
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert _ids(page) == [price, late, broken]
    header.setSortIndicator(7, Qt.SortOrder.AscendingOrder)  # 负责人 sorts too
    assert page.model.current_filter.sort == "owner"
    header.setSortIndicator(10, Qt.SortOrder.AscendingOrder)  # 下一期限: the database cannot sort by it
    assert page.model.current_filter.sort == "owner"
    assert header.sortIndicatorSection() == 7

    # A day later the minute timer raises the level of the one nobody answered in 24 hours.
    clock.advance(timedelta(hours=23))  # 11-24 11:00: the first is 1 h over, the second exactly due
    page.check_escalations()
    _pick(ui.level_combo, 2)
    assert _ids(page) == [broken]
    row = page.model.row_of(broken)
    assert page.model.data(page.model.index(row, 6)) == "区域经理"
    assert page.model.data(page.model.index(row, 7)) == "陈志强"
    assert "已超时" in page.model.data(page.model.index(row, 10))
    overdue = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole).color()
    assert overdue == QColor(STATE_COLORS["overdue"]) == QColor(theme.OVERDUE)
    _pick(ui.level_combo, None)
    _pick(ui.view_combo, "overdue")
    assert _ids(page) == [broken]
    _pick(ui.view_combo, "open")
    row = page.model.row_of(late)
    assert page.model.state(row) == "warning"
    assert page.model.headerData(10, Qt.Orientation.Horizontal) == COLUMNS[10][1]


def _draft(kind: str, amount: str = "", note: str = ""):
    from jiazheng_desktop.domain.incidents import RemedyDraft

    return RemedyDraft(kind, amount, note)


def test_page_opens_an_incident_asks_for_the_report_dialog_and_remembers_its_layout(
    qtbot, page, services, customer, qsettings, tmp_path
) -> None:
    first = _open(services, customer)
    second = _open(services, customer, category=Category.LATE.value)
    page.open_incident(first)
    assert page.detail.incident_id == first
    assert page.ui.incident_table.currentIndex().row() == page.model.row_of(first)
    page.ui.incident_table.selectRow(page.model.row_of(second))
    assert page.detail.incident_id == second

    with qtbot.waitSignal(page.new_incident_requested):
        qtbot.mouseClick(page.ui.new_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.new_incident_requested):
        page.create_new()

    page.ui.splitter.setSizes([300, 800])
    page.ui.incident_table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    page.save_state(qsettings)
    assert qsettings.value("incidents_page/splitter") is not None
    assert qsettings.value("incidents_page/detail_splitter") is not None
    again = IncidentsPage(services, QSettings(qsettings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.model.rowCount() == 0  # start-up does not wait for a page nobody opened yet
    again.show()
    assert again.model.current_filter.sort == "customer"
    assert not again.model.current_filter.descending


# -- the detail: the five steps ------------------------------------------------------------------------


def test_detail_walks_the_five_steps_through_its_forms(
    qtbot, detail, services, customer, monkeypatch, no_message_boxes
) -> None:
    incident = _open(services, customer)
    detail.show_incident(incident)
    ui = detail.ui
    assert ui.title_label.text() == f"{services.incidents.get(incident).number}  王先生"
    assert ui.owner_label.text() == "级别：客服 · 负责人：李店主"
    assert "物品损坏" in ui.facts_label.text() and "较重" in ui.facts_label.text()
    assert SAID in ui.said_label.text()
    assert detail.shown_step == Step.IDENTIFY
    assert detail.stepper.state(Step.IDENTIFY) == "current"
    assert detail.stepper.state(Step.LISTEN) == "pending"
    assert not detail.stepper.buttons[Step.LISTEN].isEnabled()
    assert ui.complete_button.text() == "完成这一步(&D)"
    assert detail.script_panel.ui.scenario_combo.currentData() == Scenario.IDENTIFY.value
    changed: list[int] = []
    detail.incident_changed.connect(changed.append)

    form = detail.forms[Step.IDENTIFY]
    _type(form, "what_happened", "擦柜子时碰倒花瓶")
    _choose(form, "root_cause", "技能不足")
    _complete(detail, qtbot)
    assert detail.stepper.state(Step.IDENTIFY) == "done"
    assert detail.stepper.buttons[Step.IDENTIFY].text().startswith("&1 识别 I\n✓ 11-23 10:00")
    assert ui.notice_label.text() == "已完成「识别」，下一步：倾听"
    assert detail.shown_step == Step.LISTEN
    assert detail.script_panel.ui.scenario_combo.currentData() == Scenario.LISTEN.value
    assert changed == [incident]

    form = detail.forms[Step.LISTEN]
    _type(form, "customer_account", SAID)
    _type(form, "customer_needs", "赔一个花瓶")
    _complete(detail, qtbot)
    form = detail.forms[Step.EMPATHIZE]
    _type(form, "apology", "真的很抱歉，是我们没做好")
    _choose(form, "manager", "")
    _complete(detail, qtbot)
    assert detail.shown_step == Step.ACT

    form = detail.forms[Step.ACT]
    _type(form, "action_plan", "照价赔偿花瓶，下次上门费全免")
    _remedy(form, 0, RemedyKind.REFUND.value, "80", "花瓶赔偿")
    _remedy(form, 1, RemedyKind.REDO.value)
    _complete(detail, qtbot)
    view = services.incidents.get(incident)
    assert view.status == Status.RESOLVED
    assert [r.describe() for r in view.remedies] == ["退款 ¥80.00（花瓶赔偿）", "免费返工"]
    assert ui.notice_label.text() == "已解决：三日回访安排在 11-26 09:00"
    assert ui.countdown_label.text() == "三日回访：11-26 09:00"
    assert ui.callback_button.isVisibleTo(detail)
    assert detail.shown_step == Step.DEEPEN
    assert detail.script_panel.ui.scenario_combo.currentData() == Scenario.CALLBACK.value

    # The day-3 callback dialog (another module) reports back; the detail shows what it says.
    info: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, text, title=None: info.append(text))

    class FakeCallbackDialog:
        def __init__(self, svc, incident_id, parent) -> None:
            self.services, self.incident_id = svc, incident_id
            self.result_message = ""

        def exec(self) -> int:
            now = self.services.context.now()
            result = self.services.callbacks.record_callback(
                CallbackDraft(self.incident_id, now, now + timedelta(minutes=4), True, 5, "很满意")
            )
            self.result_message = result.message
            return QDialog.DialogCode.Accepted

    fake = types.ModuleType(CALLBACK_MODULE)
    fake.CallbackDialog = FakeCallbackDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, CALLBACK_MODULE, fake)
    qtbot.mouseClick(ui.callback_button, Qt.MouseButton.LeftButton)
    assert info and "深化" in info[0]
    assert any("三日回访" in ui.history_list.item(i).text() for i in range(ui.history_list.count()))

    form = detail.forms[Step.DEEPEN]
    _type(form, "improvement", "全员培训贵重物品周边的清洁方法")
    _choose(form, "improvement_kind", "服务人员培训")
    _complete(detail, qtbot)
    view = services.incidents.get(incident)
    assert view.status == Status.CLOSED and view.current_step is None
    assert ui.notice_label.text() == "事件已关闭"
    assert ui.countdown_label.text().startswith("已关闭：")
    assert not ui.callback_button.isVisibleTo(detail)
    assert all(detail.stepper.state(step) == "done" for step in Step)
    assert ui.history_list.item(ui.history_list.count() - 1).text().endswith("事件关闭")
    assert no_message_boxes == []
    assert len(changed) == 6


def test_callback_button_before_the_dialog_exists_says_so(
    qtbot, detail, services, customer, monkeypatch, no_message_boxes
) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "返工"}, [_draft(RemedyKind.REDO.value)]
    )
    detail.show_incident(incident)
    monkeypatch.setitem(sys.modules, CALLBACK_MODULE, None)  # makes the import fail
    qtbot.mouseClick(detail.ui.callback_button, Qt.MouseButton.LeftButton)
    assert no_message_boxes == ["这个版本还不能记录三日回访，请更新程序后再试。"]


def test_a_missing_field_is_reported_next_to_it_and_nothing_typed_is_lost(
    qtbot, detail, services, customer, no_message_boxes
) -> None:
    incident = _open(services, customer)
    detail.show_incident(incident)
    form = detail.forms[Step.IDENTIFY]
    _type(form, "what_happened", "擦柜子时碰倒花瓶")
    _complete(detail, qtbot)
    assert form.errors.message("root_cause") == "请填写「根本原因」"
    assert form.errors.message("what_happened") == ""
    assert _text(form, "what_happened") == "擦柜子时碰倒花瓶"
    assert services.incidents.get(incident).current_step == Step.IDENTIFY
    assert no_message_boxes == []

    # 行动: a money remedy without an amount is named; the plan stays.
    _walk_to_act(services, incident)
    detail.refresh()  # done elsewhere: the detail follows to the step now due, and its script
    assert detail.shown_step == Step.ACT
    assert detail.script_panel.ui.scenario_combo.currentData() == Scenario.ACT.value
    form = detail.forms[Step.ACT]
    _type(form, "action_plan", "减免下次上门费")
    _remedy(form, 0, RemedyKind.FEE_WAIVER.value, "", "下次上门费")
    _complete(detail, qtbot)
    assert "请填写金额" in form.errors.message("remedies")
    assert _text(form, "action_plan") == "减免下次上门费"
    assert form.remedy_editor is not None and form.remedy_editor.rows[0].note_edit.text() == "下次上门费"


def test_a_done_step_is_corrected_and_the_current_form_keeps_its_text(
    qtbot, detail, services, customer, clock
) -> None:
    incident = _open(services, customer)
    services.incidents.complete_step(
        incident, Step.IDENTIFY, {"what_happened": "碰倒花瓶", "root_cause": "交通"}
    )
    detail.show_incident(incident)
    listen = detail.forms[Step.LISTEN]
    _type(listen, "customer_account", "客户说了一半")

    clock.advance(timedelta(minutes=5))
    qtbot.mouseClick(detail.stepper.buttons[Step.IDENTIFY], Qt.MouseButton.LeftButton)
    assert detail.shown_step == Step.IDENTIFY
    assert detail.ui.complete_button.text() == "保存更正(&D)"
    identify = detail.forms[Step.IDENTIFY]
    assert _text(identify, "what_happened") == "碰倒花瓶"
    _choose(identify, "root_cause", "技能不足")
    _complete(detail, qtbot)

    view = services.incidents.get(incident)
    assert view.steps[Step.IDENTIFY].data["root_cause"] == "技能不足"
    assert view.steps[Step.IDENTIFY].corrected_at == clock.now()
    assert view.current_step == Step.LISTEN
    assert detail.ui.notice_label.text() == "已保存对「识别」的更正"
    assert detail.shown_step == Step.LISTEN
    assert _text(listen, "customer_account") == "客户说了一半"
    assert "更正" in detail.stepper.buttons[Step.IDENTIFY].toolTip()


def test_compensation_above_the_clerks_limit_asks_a_manager_and_keeps_everything_if_refused(
    qtbot, detail, services, customer, staff, monkeypatch, no_message_boxes
) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    services.staff.set_on_duty(staff["clerk"])
    detail.show_incident(incident)
    form = detail.forms[Step.ACT]
    _type(form, "action_plan", "紧急维修，免本次上门费")
    _remedy(form, 0, RemedyKind.EMERGENCY_REPAIR.value, "", "师傅 1 小时内上门")
    _remedy(form, 1, RemedyKind.FEE_WAIVER.value, "200", "免本次上门费")

    asked: list[tuple[Role, str]] = []

    def refuse(_parent, _services, minimum, what):
        asked.append((minimum, what))
        return None

    monkeypatch.setattr(detail_module, "ask_authorization", refuse)
    _complete(detail, qtbot)
    assert asked == [(Role.REGIONAL_MANAGER, "批准补偿")]
    assert services.incidents.get(incident).status == Status.OPEN
    assert "区域经理" in detail.ui.notice_label.text()
    assert _text(form, "action_plan") == "紧急维修，免本次上门费"
    assert form.remedies()[1].amount_text == "200"
    assert no_message_boxes == []

    def approve(_parent, svc, minimum, what):
        asked.append((minimum, what))
        return svc.staff.authorize(staff["manager"], "manager-pw", minimum, what)

    monkeypatch.setattr(detail_module, "ask_authorization", approve)
    _complete(detail, qtbot)
    view = services.incidents.get(incident)
    assert view.status == Status.RESOLVED
    assert {r.approved_by for r in view.remedies} == {"陈志强"}
    assert detail.ui.notice_label.text().startswith("已解决：三日回访安排在")

    # Correcting only the plan keeps the approved remedies and asks nobody again.
    qtbot.mouseClick(detail.stepper.buttons[Step.ACT], Qt.MouseButton.LeftButton)
    assert form.remedies()[1].amount_text == "200"
    _type(form, "action_plan", "紧急维修（已完成），免本次上门费")
    _complete(detail, qtbot)
    assert len(asked) == 2
    assert (
        services.incidents.get(incident).steps[Step.ACT].data["action_plan"].startswith("紧急维修（已完成）")
    )
    assert no_message_boxes == []


def test_countdown_follows_the_injected_clock(qtbot, detail, services, customer, clock) -> None:
    incident = _open(services, customer)
    detail.show_incident(incident)
    label = detail.ui.countdown_label
    assert label.text() == "首次响应期限：还剩 1 天"
    assert detail.countdown_state == "ok"

    clock.advance(timedelta(hours=19))  # 75 % of the 24 hours used: warn
    qtbot.waitUntil(lambda: label.text() == "首次响应期限：还剩 5 小时", timeout=3000)  # the 1-second timer
    assert detail.countdown_state == "warning"

    clock.advance(timedelta(hours=6, minutes=3))
    detail.tick()
    assert label.text() == "首次响应期限：已超时 1 小时 3 分"
    assert detail.countdown_state == "overdue"
    assert "#c0392b" in label.styleSheet()


# -- the script panel ------------------------------------------------------------------------------------


def test_script_panel_fills_in_switches_and_copies(qtbot, services, customer) -> None:
    panel = ScriptPanel(services)
    qtbot.addWidget(panel)
    incident = _open(services, customer)
    number = services.incidents.get(incident).number

    panel.show_for_incident(incident)
    assert panel.text() == ""
    assert panel.ui.hint_label.text() == "话术库里还没有这个场景的模板"
    assert not panel.ui.copy_button.isEnabled()

    services.scripts.ensure_seeded()
    panel.show_for_incident(incident)
    assert panel.ui.scenario_combo.currentData() == Scenario.IDENTIFY.value
    assert panel.ui.title_label.text() == "投诉受理：弄清发生了什么"
    assert "王先生您好" in panel.text() and number in panel.text()
    assert panel.ui.script_text.toPlainText() == panel.text()
    assert panel.ui.hint_label.text().startswith("还缺：服务日期、服务类型")
    assert "#b9770e" in panel.ui.hint_label.styleSheet()

    _pick(panel.ui.scenario_combo, Scenario.CALLBACK.value)
    assert panel.ui.title_label.text() == "第三天回访（5分钟）"
    _pick(panel.ui.channel_combo, Channel.SMS.value)
    assert panel.ui.title_label.text() == "回访短信"
    assert panel.text().startswith("【好帮手家政】王先生您好")

    qtbot.mouseClick(panel.ui.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == panel.text()
    assert panel.ui.copy_button.text() == "已复制 ✓"

    _pick(panel.ui.channel_combo, Channel.WECHAT.value)
    _pick(panel.ui.scenario_combo, Scenario.IDENTIFY.value)  # only a phone script exists
    assert panel.ui.title_label.text() == "投诉受理：弄清发生了什么"
    assert "没有微信的模板" in panel.ui.hint_label.text()

    panel.show_for_customer(customer)
    assert panel.ui.scenario_combo.currentData() == Scenario.FIRST_INQUIRY.value
    assert "王先生" in panel.text()
    panel.clear()
    assert panel.text() == "" and not panel.ui.copy_button.isEnabled()


def test_the_script_panel_picks_the_burst_pipe_script_for_a_burst_pipe_complaint(
    qtbot, detail, services, customer
) -> None:
    burst = _open(
        services, customer, category=Category.EMERGENCY.value, customer_said="厨房水管爆了，满地是水"
    )
    _walk_to_act(services, burst)
    detail.show_incident(burst)
    panel = detail.script_panel.ui
    assert panel.scenario_combo.currentData() == Scenario.ACT.value
    assert panel.title_label.text() == "突发情况：水管爆裂先止水"
    assert "先关总水阀" in detail.script_panel.text()
    titles = [panel.template_combo.itemText(i) for i in range(panel.template_combo.count())]
    assert titles == ["突发情况：水管爆裂先止水", "说清补救：做什么、何时、谁来"]
    assert panel.template_combo.isEnabled()

    # Staff can still pick the other one; it stays chosen while the script is shown …
    panel.template_combo.setCurrentIndex(1)
    assert panel.title_label.text() == "说清补救：做什么、何时、谁来"
    assert "做什么" in detail.script_panel.text() and "水阀" not in detail.script_panel.text()
    # … and another scenario offers its own list again, the most specific first.
    _pick(panel.scenario_combo, Scenario.EMPATHIZE.value)
    assert panel.title_label.text() == "真诚道歉"  # not escalated: the general apology before the manager's

    # A complaint of another category gets the general script first, the burst-pipe one last.
    damage = _open(services, customer)
    _walk_to_act(services, damage)
    detail.show_incident(damage)
    assert panel.title_label.text() == "说清补救：做什么、何时、谁来"
    assert panel.template_combo.itemText(panel.template_combo.count() - 1) == "突发情况：水管爆裂先止水"


def test_keyboard_reaches_the_step_fields_the_remedy_rows_and_the_button_in_order(
    qtbot, detail, services, customer
) -> None:
    incident = _open(services, customer)
    _walk_to_act(services, incident)
    detail.show_incident(incident)
    form = detail.forms[Step.ACT]
    editor = form.remedy_editor
    assert editor is not None
    added = editor.add_row()  # rows added later still come right after the add button
    qtbot.waitUntil(added.isVisible)  # a widget added to a shown layout is shown by a queued call
    first = editor.rows[0]
    first.kind_combo.setCurrentIndex(first.kind_combo.findData(RemedyKind.VOUCHER.value))
    added.kind_combo.setCurrentIndex(added.kind_combo.findData(RemedyKind.REINSPECT.value))
    stops = []
    widget = form.widgets["action_plan"]
    while widget is not detail.ui.complete_button and len(stops) < 200:
        visited = widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        # A spin box's own line edit hands its focus to the spin box (its focus proxy): Tab skips it.
        if visited and widget.focusProxy() is None:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    # The uses of a 补偿券 come after its amount (a 复查's time in its place); other rows have neither.
    rows = [
        w
        for row in editor.rows
        for w in row.widgets()
        if (w is not row.uses_spin or row.is_voucher()) and (w is not row.visit_edit or row.is_visit())
    ]
    assert first.uses_spin in rows and added.uses_spin not in rows
    assert added.visit_edit in rows and first.visit_edit not in rows
    assert stops == [form.widgets["action_plan"], editor.add_button, *rows]
    assert isinstance(form.widgets["action_plan"], QPlainTextEdit)
    assert form.widgets["action_plan"].tabChangesFocus()
    assert [b.text().split("\n")[0] for b in detail.stepper.buttons.values()] == [
        "&1 识别 I", "&2 倾听 L", "&3 共情 E", "&4 行动 A", "&5 深化 D",
    ]  # fmt: skip


def test_a_voucher_remedy_issues_the_voucher_and_shows_its_code(qtbot, detail, services, customer) -> None:
    incident = _open(services, customer)
    for step, data in (
        (Step.IDENTIFY, {"what_happened": "碰倒花瓶", "root_cause": "技能不足"}),
        (Step.LISTEN, {"customer_account": SAID, "customer_needs": "赔偿"}),
        (Step.EMPATHIZE, {"apology": "非常抱歉"}),
    ):
        services.incidents.complete_step(incident, step, data)
    detail.show_incident(incident)
    form = detail.forms[Step.ACT]
    _type(form, "action_plan", "送一张补偿券，下次服务抵扣")
    _remedy(form, 0, RemedyKind.VOUCHER.value, "80", "下次服务抵扣")
    _complete(detail, qtbot)
    (remedy,) = services.incidents.get(incident).remedies
    assert remedy.voucher_code and services.vouchers.find(remedy.voucher_code).value_fen == 8000
    history = [detail.ui.history_list.item(i).text() for i in range(detail.ui.history_list.count())]
    assert any(remedy.voucher_code in line for line in history)
    assert any("登记投诉（" in line and "，电话）" in line for line in history)  # the channel in Chinese


def test_a_voucher_remedy_takes_its_uses_and_the_manager_approves_the_whole(
    qtbot, detail, services, customer, staff, monkeypatch, no_message_boxes
) -> None:
    incident = _open(services, customer, category=Category.EMERGENCY.value, severity=3)
    _walk_to_act(services, incident)
    services.staff.set_on_duty(staff["clerk"])
    detail.show_incident(incident)
    form = detail.forms[Step.ACT]
    editor = form.remedy_editor
    assert editor is not None
    _type(form, "action_plan", "师傅一小时内上门维修，减免本次及下次基础服务费")
    _remedy(form, 0, RemedyKind.EMERGENCY_REPAIR.value, "", "一小时内上门")
    row = editor.rows[0]
    assert not row.uses_spin.isVisible()  # only a 补偿券 has uses
    _remedy(form, 1, RemedyKind.VOUCHER.value, "100", "减免本次及下次基础服务费")
    row = editor.rows[1]
    qtbot.waitUntil(row.uses_spin.isVisible)
    assert row.uses_spin.isEnabled() and row.uses_spin.value() == 1
    assert not row.per_use_label.isVisible()

    # 100 in 3 uses does not split: said next to the remedies, nothing typed is lost.
    row.uses_spin.setValue(3)
    assert not row.per_use_label.isVisible()
    _complete(detail, qtbot)
    assert "¥100.00 分 3 次不能整分到分" in form.errors.message("remedies")
    assert row.amount_edit.text() == "100" and row.uses_spin.value() == 3
    assert services.incidents.get(incident).current_step == Step.ACT

    row.amount_edit.setText("200")
    row.uses_spin.setValue(2)
    assert row.per_use_label.text() == "每次 ¥100.00" and row.per_use_label.isVisible()
    assert form.remedies()[1].uses == 2
    asked: list[tuple[Role, str]] = []

    def approve(_parent, svc, minimum, what):
        asked.append((minimum, what))
        return svc.staff.authorize(staff["manager"], "manager-pw", minimum, what)

    monkeypatch.setattr(detail_module, "ask_authorization", approve)
    _complete(detail, qtbot)
    assert asked == [(Role.REGIONAL_MANAGER, "批准补偿")]  # ¥200 in all: above the desk's ¥100
    view = services.incidents.get(incident)
    assert view.status == Status.RESOLVED
    voucher = services.vouchers.find(view.remedies[1].voucher_code)
    assert (voucher.uses_total, voucher.value_per_use_fen, voucher.value_fen) == (2, 100_00, 200_00)
    history = [detail.ui.history_list.item(i).text() for i in range(detail.ui.history_list.count())]
    assert any("共 2 次，每次 ¥100.00" in line and voucher.code in line for line in history)

    # Opened again, the row shows its uses; correcting only the plan asks nobody again.
    qtbot.mouseClick(detail.stepper.buttons[Step.ACT], Qt.MouseButton.LeftButton)
    row = editor.rows[1]
    assert (row.amount_edit.text(), row.uses_spin.value()) == ("200", 2)
    assert row.per_use_label.text() == "每次 ¥100.00"
    _type(form, "action_plan", "师傅已上门修好，减免本次及下次基础服务费")
    _complete(detail, qtbot)
    assert len(asked) == 1
    assert services.vouchers.find(voucher.code).status == voucher.status  # kept, not reissued
    assert no_message_boxes == []


def test_a_reinspection_remedy_takes_a_date_and_time_and_books_the_visit(
    qtbot, detail, services, customer, clock, no_message_boxes
) -> None:
    from jiazheng_desktop.gui.incidents.reschedule_callback_dialog import to_wall
    from jiazheng_desktop.storage.models import Reminder, ServiceRecord

    incident = _open(services, customer, category=Category.NOT_CLEAN.value)
    _walk_to_act(services, incident)
    detail.show_incident(incident)
    form = detail.forms[Step.ACT]
    editor = form.remedy_editor
    assert editor is not None
    _type(form, "action_plan", "上门复查清洁剂残留异味")
    _remedy(form, 0, RemedyKind.REINSPECT.value, "", "检查清洁剂残留异味")
    row = editor.rows[0]
    qtbot.waitUntil(row.visit_edit.isVisible)
    assert not row.uses_spin.isVisible()
    tomorrow = (clock.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    assert row.visit_at() == tomorrow  # proposed: tomorrow at 10:00

    zone = clock.now().tzinfo
    row.visit_edit.setDateTime(to_wall(clock.now() - timedelta(hours=2), zone))
    _complete(detail, qtbot)
    assert "复查时间已经过去了" in form.errors.message("remedies")
    assert _text(form, "action_plan") == "上门复查清洁剂残留异味"
    assert row.note_edit.text() == "检查清洁剂残留异味"
    assert ServiceRecord.select().count() == 0

    when = (clock.now() + timedelta(days=2)).replace(hour=15, minute=30, second=0, microsecond=0)
    row.visit_edit.setDateTime(to_wall(when, zone))
    _complete(detail, qtbot)
    view = services.incidents.get(incident)
    (remedy,) = view.remedies
    assert remedy.visit_at == when and ServiceRecord.get_by_id(remedy.visit_id).served_at == when
    assert Reminder.get(Reminder.kind == "reinspection").due_at == when
    history = [detail.ui.history_list.item(i).text() for i in range(detail.ui.history_list.count())]
    assert any(f"上门复查（{when:%Y-%m-%d} 15:30；检查清洁剂残留异味）" in line for line in history)

    # Opened again, the row shows the booked time; correcting only the plan keeps the same visit.
    qtbot.mouseClick(detail.stepper.buttons[Step.ACT], Qt.MouseButton.LeftButton)
    row = editor.rows[0]
    assert row.is_visit() and row.visit_at() == when
    _type(form, "action_plan", "上门复查清洁剂残留异味，带上除味剂")
    _complete(detail, qtbot)
    assert services.incidents.get(incident).remedies[0].visit_id == remedy.visit_id
    assert ServiceRecord.select().count() == 1
    assert no_message_boxes == []
