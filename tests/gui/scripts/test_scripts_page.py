"""The script library page through its real widgets, on a real database file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, Qt

from jiazheng_desktop.domain.templates import Channel, Scenario
from jiazheng_desktop.gui.scripts.page import ID_ROLE, SPLITTER_KEY, ScriptsPage
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.changes import ChangeKind
from jiazheng_desktop.services.scripts import TemplateDraft
from tests.conftest import Confirmations, expect_change

pytestmark = pytest.mark.usefixtures("no_message_boxes")


@pytest.fixture(autouse=True)
def confirm(no_message_boxes: list[str], confirmations: Confirmations) -> Confirmations:
    return confirmations


def open_page(qtbot, services: Services, qsettings) -> ScriptsPage:
    page = ScriptsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    return page


def listed_titles(page: ScriptsPage) -> list[str]:
    table = page.ui.template_table
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def select_title(page: ScriptsPage, title: str) -> None:
    row = listed_titles(page).index(title)
    page.ui.template_table.selectRow(row)


def test_the_library_loads_and_filters(qtbot, services: Services, qsettings) -> None:
    seeded = services.scripts.ensure_seeded()
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    assert ui.template_table.rowCount() == seeded and ui.count_label.text() == f"共 {seeded} 条"
    first = services.scripts.list()[0]
    assert page.current_template_id == first.id and ui.title_edit.text() == first.title
    ui.scenario_filter_combo.setCurrentIndex(ui.scenario_filter_combo.findData(Scenario.CALLBACK.value))
    ui.channel_filter_combo.setCurrentIndex(ui.channel_filter_combo.findData(Channel.PHONE.value))
    expected = [t.title for t in services.scripts.list(Scenario.CALLBACK.value, Channel.PHONE.value)]
    assert listed_titles(page) == expected and expected
    assert [ui.template_table.item(0, column).text() for column in (1, 2)] == ["三日回访", "电话"]
    ui.filter_edit.setText("没有这样的字")
    assert ui.template_table.rowCount() == 0 and ui.count_label.text() == "共 0 条"
    assert ui.title_edit.text() == first.title  # the editor keeps its template


def test_edit_and_save(qtbot, services: Services, qsettings) -> None:
    services.scripts.ensure_seeded()
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    template = services.scripts.list(Scenario.CALLBACK.value, Channel.PHONE.value)[0]
    select_title(page, template.title)
    assert page.current_template_id == template.id
    ui.title_edit.setText("回访：先问稳定，再问满意度")
    ui.body_edit.setPlainText("{称呼}您好，我是{公司名称}的{客服}。")
    assert ui.state_label.text() == "有未保存的修改" and page.is_dirty()
    with expect_change(services, ChangeKind.SCRIPT, template.id):
        qtbot.mouseClick(ui.save_button, Qt.MouseButton.LeftButton)
    assert not page.is_dirty()
    stored = services.scripts.get(template.id)
    assert (stored.title, stored.body) == (
        "回访：先问稳定，再问满意度",
        "{称呼}您好，我是{公司名称}的{客服}。",
    )
    assert "回访：先问稳定，再问满意度" in listed_titles(page)
    assert ui.state_label.text() == "已保存"


def test_a_new_template_hidden_by_the_filters_is_shown_after_saving(
    qtbot, services: Services, qsettings
) -> None:
    services.scripts.ensure_seeded()
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    ui.scenario_filter_combo.setCurrentIndex(ui.scenario_filter_combo.findData(Scenario.FESTIVAL.value))
    page.create_new()
    assert page.current_template_id is None and ui.title_edit.text() == ""
    # A new one starts in the filtered scenario.
    assert ui.scenario_combo.currentData() == Scenario.FESTIVAL.value
    assert not ui.delete_button.isEnabled()
    ui.scenario_combo.setCurrentIndex(ui.scenario_combo.findData(Scenario.SAFETY.value))
    ui.channel_combo.setCurrentIndex(ui.channel_combo.findData(Channel.SMS.value))
    ui.title_edit.setText("雨季前检查下水")
    ui.body_edit.setPlainText("【{公司名称}】{称呼}您好，雨季快到了，请检查阳台下水口。")
    assert page.save()
    assert page.current_template_id is not None
    assert ui.scenario_filter_combo.currentData() == ""  # filters cleared to show it
    assert ui.template_table.selectedItems()[0].data(ID_ROLE) == page.current_template_id
    assert ui.delete_button.isEnabled()


def test_an_unknown_placeholder_is_refused_next_to_the_body_and_the_text_kept(
    qtbot, services: Services, qsettings
) -> None:
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    ui.title_edit.setText("问候")
    ui.body_edit.setPlainText("{尊称}您好，欢迎致电{公司名称}")
    assert not page.save()
    message = page.errors.message("body")
    assert "不认识的占位符" in message and "{尊称}" in message and ui.body_error.isVisible()
    assert page.errors.message("title") == ""
    assert ui.body_edit.toPlainText() == "{尊称}您好，欢迎致电{公司名称}"
    assert ui.title_edit.text() == "问候"
    assert services.scripts.list() == []


def test_insert_a_placeholder_at_the_cursor(qtbot, services: Services, qsettings) -> None:
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    ui.body_edit.setPlainText("您好，")
    ui.body_edit.moveCursor(ui.body_edit.textCursor().MoveOperation.End)
    row = next(
        i for i in range(ui.placeholder_list.count()) if ui.placeholder_list.item(i).data(ID_ROLE) == "称呼"
    )
    item = ui.placeholder_list.item(row)
    assert item.text().startswith("{称呼}") and "王先生" in item.text()
    ui.placeholder_list.setCurrentRow(row)
    qtbot.mouseClick(ui.insert_button, Qt.MouseButton.LeftButton)
    assert ui.body_edit.toPlainText() == "您好，{称呼}"
    assert ui.preview_edit.toPlainText() == "您好，王先生"
    code_row = next(
        i for i in range(ui.placeholder_list.count()) if ui.placeholder_list.item(i).data(ID_ROLE) == "券码"
    )
    ui.placeholder_list.itemActivated.emit(ui.placeholder_list.item(code_row))  # double-click or Enter
    assert ui.body_edit.toPlainText() == "您好，{称呼}{券码}"
    assert ui.preview_edit.toPlainText() == "您好，王先生7KQ9-M3XP"


def test_the_preview_uses_sample_values_and_shows_gaps(qtbot, services: Services, qsettings) -> None:
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    # The agency has a name but no phone yet (set-up asks only for the name).
    ui.body_edit.setPlainText("{日期}，{称呼}，请拨{公司电话}。{公司名称}，事件{事件编号}，{尊称}")
    preview = ui.preview_edit.toPlainText()
    assert preview.startswith(
        "2026年11月23日，王先生，请拨【待补：公司电话】。好帮手家政，事件SJ-2026-0042，"
    )
    assert preview.endswith("【待补：尊称】")
    assert "公司电话、尊称" in ui.preview_hint_label.text()


def test_switching_templates_guards_unsaved_changes(qtbot, services: Services, qsettings, confirm) -> None:
    services.scripts.ensure_seeded()
    page = open_page(qtbot, services, qsettings)
    ui = page.ui
    first, second = services.scripts.list()[:2]
    ui.body_edit.setPlainText("改了一半的话术")
    confirm.answers = [False]
    select_title(page, second.title)
    assert "未保存的修改" in confirm.questions[0]
    assert page.current_template_id == first.id and ui.body_edit.toPlainText() == "改了一半的话术"
    assert ui.template_table.selectedItems()[0].data(ID_ROLE) == first.id
    confirm.answers = [True]
    select_title(page, second.title)
    assert page.current_template_id == second.id and ui.body_edit.toPlainText() == second.body
    assert services.scripts.get(first.id).body == first.body
    select_title(page, first.title)  # nothing changed: no question
    assert len(confirm.questions) == 2


def test_delete_asks_first(qtbot, services: Services, qsettings, confirm) -> None:
    keep = services.scripts.save(
        None, TemplateDraft(Scenario.FIRST_INQUIRY.value, Channel.PHONE.value, "开场白", "{称呼}您好")
    )
    doomed = services.scripts.save(
        None, TemplateDraft(Scenario.FIRST_INQUIRY.value, Channel.SMS.value, "短信问候", "{称呼}您好")
    )
    page = open_page(qtbot, services, qsettings)
    select_title(page, "短信问候")
    confirm.answers = [False]
    qtbot.mouseClick(page.ui.delete_button, Qt.MouseButton.LeftButton)
    assert "短信问候" in confirm.questions[0] and services.scripts.get(doomed)
    with expect_change(services, ChangeKind.SCRIPT, doomed):
        qtbot.mouseClick(page.ui.delete_button, Qt.MouseButton.LeftButton)
    assert [t.id for t in services.scripts.list()] == [keep]
    assert listed_titles(page) == ["开场白"] and page.current_template_id == keep


def test_splitter_is_remembered(qtbot, services: Services, qsettings) -> None:
    page = open_page(qtbot, services, qsettings)
    page.resize(1000, 600)
    page.ui.splitter.setSizes([300, 700])
    page.save_state(qsettings)
    assert isinstance(qsettings.value(SPLITTER_KEY), QByteArray)
    again = open_page(qtbot, services, qsettings)
    again.resize(1000, 600)
    assert again.ui.splitter.saveState() == page.ui.splitter.saveState()
