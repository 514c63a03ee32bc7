"""The settings page (agency details, staff) and the staff dialog, over a real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jiazheng_desktop.domain.errors import PermissionDenied
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.settings import page as settings_page_module
from jiazheng_desktop.gui.settings import staff_dialog as staff_dialog_module
from jiazheng_desktop.gui.settings.page import SettingsPage
from jiazheng_desktop.gui.settings.staff_dialog import StaffDialog
from jiazheng_desktop.services import Services
from jiazheng_desktop.services.settings import AgencyInfo
from tests.conftest import OWNER_PASSWORD

ACCEPTED = QDialog.DialogCode.Accepted
pytestmark = pytest.mark.usefixtures("no_message_boxes")


class FakeAuthorization:
    """Stands in for the password dialog: answers with ``answer`` and notes what was asked."""

    def __init__(self, answer: object) -> None:
        self.answer = answer
        self.asked: list[tuple[Role, str]] = []

    def __call__(self, _parent, _services, minimum: Role, what: str):
        self.asked.append((minimum, what))
        return self.answer


def patch_auth(monkeypatch: pytest.MonkeyPatch, module, answer: object) -> FakeAuthorization:
    fake = FakeAuthorization(answer)
    monkeypatch.setattr(module, "ask_authorization", fake)
    return fake


def make_page(qtbot, services: Services, qsettings: QSettings) -> SettingsPage:
    page = SettingsPage(services, qsettings)
    qtbot.addWidget(page)
    page.show()
    return page


def staff_names(page: SettingsPage) -> list[list[str]]:
    model = page.staff_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


# -- agency ---------------------------------------------------------------------------------------


def test_save_agency_with_the_owners_password(
    qtbot, services: Services, qsettings, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = patch_auth(monkeypatch, settings_page_module, owner_auth)
    page = make_page(qtbot, services, qsettings)
    ui = page.ui
    assert ui.agency_name_edit.text() == services.settings.agency().name
    ui.agency_name_edit.setText("安心家政服务部")
    ui.agency_address_edit.setText("上海市徐汇区漕溪北路 1 号")
    ui.agency_phone_edit.setText("021 6438 1234")

    with qtbot.waitSignal(page.agency_changed):
        qtbot.mouseClick(ui.save_agency_button, Qt.MouseButton.LeftButton)

    assert fake.asked == [(Role.OWNER, "修改公司信息")]
    assert services.settings.agency() == AgencyInfo(
        "安心家政服务部", "上海市徐汇区漕溪北路 1 号", "021-64381234"
    )
    assert ui.agency_phone_edit.text() == "021-64381234"  # shown as stored
    assert ui.agency_status_label.text() == "已保存"
    ui.agency_name_edit.textEdited.emit("x")  # typing again takes the confirmation away
    assert ui.agency_status_label.text() == ""


def test_cancelled_password_saves_nothing_and_keeps_the_form(
    qtbot, services: Services, qsettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = patch_auth(monkeypatch, settings_page_module, None)
    before = services.settings.agency()
    page = make_page(qtbot, services, qsettings)
    emitted: list[bool] = []
    page.agency_changed.connect(lambda: emitted.append(True))
    page.ui.agency_name_edit.setText("不该保存的名字")

    qtbot.mouseClick(page.ui.save_agency_button, Qt.MouseButton.LeftButton)

    assert len(fake.asked) == 1
    assert services.settings.agency() == before
    assert page.ui.agency_name_edit.text() == "不该保存的名字"
    assert page.ui.agency_status_label.text() == ""
    assert emitted == []
    page.refresh()  # switching back to the page does not throw away what was typed
    assert page.ui.agency_name_edit.text() == "不该保存的名字"


def test_bad_agency_phone_shows_next_to_the_field(
    qtbot, services: Services, qsettings, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_auth(monkeypatch, settings_page_module, owner_auth)
    before = services.settings.agency()
    page = make_page(qtbot, services, qsettings)
    page.ui.agency_name_edit.setText("安心家政")
    page.ui.agency_phone_edit.setText("12345")

    qtbot.mouseClick(page.ui.save_agency_button, Qt.MouseButton.LeftButton)

    assert page.agency_errors.message("phone")
    assert page.agency_errors.message("name") == ""
    assert page.ui.agency_name_edit.text() == "安心家政"
    assert page.ui.agency_phone_edit.text() == "12345"
    assert services.settings.agency() == before


def test_unchanged_agency_does_not_ask_for_a_password(
    qtbot, services: Services, qsettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = patch_auth(monkeypatch, settings_page_module, None)
    page = make_page(qtbot, services, qsettings)
    qtbot.mouseClick(page.ui.save_agency_button, Qt.MouseButton.LeftButton)
    assert fake.asked == []
    assert page.ui.agency_status_label.text() == "没有需要保存的修改"


# -- staff ----------------------------------------------------------------------------------------


def open_staff_dialog(qtbot, services: Services, staff_id: int | None = None) -> StaffDialog:
    dialog = StaffDialog(services, staff_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_save(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(
        dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def fill_new_member(dialog: StaffDialog, password: str = "desk-1234", again: str | None = None) -> None:
    ui = dialog.ui
    ui.name_edit.setText("陈小燕")
    ui.role_combo.setCurrentIndex(ui.role_combo.findData(int(Role.CUSTOMER_SERVICE)))
    ui.password_edit.setText(password)
    ui.password_again_edit.setText(password if again is None else again)


def test_add_staff_member(qtbot, services: Services, owner_auth, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = patch_auth(monkeypatch, staff_dialog_module, owner_auth)
    dialog = open_staff_dialog(qtbot, services)
    assert dialog.windowTitle() == "添加员工"
    assert [dialog.ui.role_combo.itemText(i) for i in range(3)] == ["客服", "区域经理", "运营总监/店主"]
    assert dialog.ui.role_combo.currentText() == "客服"
    fill_new_member(dialog)

    with qtbot.waitSignal(dialog.staff_saved):
        click_save(qtbot, dialog)

    assert fake.asked == [(Role.OWNER, "添加员工")]
    assert dialog.result() == ACCEPTED and dialog.staff_id is not None
    member = services.staff.get(dialog.staff_id)
    assert (member.name, member.role, member.active) == ("陈小燕", Role.CUSTOMER_SERVICE, True)
    # The password typed in the dialog is the one that now works.
    services.staff.authorize(dialog.staff_id, "desk-1234", Role.CUSTOMER_SERVICE, "测试")


def test_mismatched_passwords_are_refused_before_asking_the_owner(
    qtbot, services: Services, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = patch_auth(monkeypatch, staff_dialog_module, owner_auth)
    dialog = open_staff_dialog(qtbot, services)
    fill_new_member(dialog, "desk-1234", "desk-1243")

    click_save(qtbot, dialog)

    assert fake.asked == []
    assert dialog.isVisible() and dialog.staff_id is None
    assert dialog.errors.message("password_again") == "两次输入的密码不一致，请重新输入"
    assert dialog.ui.name_edit.text() == "陈小燕"
    assert dialog.ui.password_edit.text() == "desk-1234"
    assert len(services.staff.list(include_inactive=True)) == 1


@pytest.mark.parametrize(
    ("password", "field", "message"),
    [("", "password", "请为新员工设置密码"), ("abc", "password", "密码至少 6 位")],
)
def test_missing_or_weak_password_for_a_new_member(
    qtbot, services: Services, owner_auth, monkeypatch: pytest.MonkeyPatch, password, field, message
) -> None:
    fake = patch_auth(monkeypatch, staff_dialog_module, owner_auth)
    dialog = open_staff_dialog(qtbot, services)
    fill_new_member(dialog, password)
    click_save(qtbot, dialog)
    assert fake.asked == []
    assert dialog.errors.message(field) == message
    assert dialog.staff_id is None


def test_a_manager_cannot_add_staff_and_the_dialog_stays_open(
    qtbot, services: Services, owner_auth, monkeypatch: pytest.MonkeyPatch, no_message_boxes: list[str]
) -> None:
    manager_id = services.staff.create("周经理", Role.REGIONAL_MANAGER, "manager-1", owner_auth)
    manager_auth = services.staff.authorize(manager_id, "manager-1", Role.REGIONAL_MANAGER, "测试")
    patch_auth(monkeypatch, staff_dialog_module, manager_auth)
    dialog = open_staff_dialog(qtbot, services)
    fill_new_member(dialog)

    click_save(qtbot, dialog)

    assert no_message_boxes and "店主" in no_message_boxes[0]
    assert dialog.isVisible() and dialog.staff_id is None
    assert dialog.ui.name_edit.text() == "陈小燕"
    assert [m.name for m in services.staff.list(include_inactive=True)] == ["李店主", "周经理"]


def test_edit_member_keeps_the_password_when_left_empty(
    qtbot, services: Services, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    member_id = services.staff.create("陈小燕", Role.CUSTOMER_SERVICE, "desk-1234", owner_auth)
    fake = patch_auth(monkeypatch, staff_dialog_module, owner_auth)
    dialog = open_staff_dialog(qtbot, services, member_id)
    ui = dialog.ui
    assert ui.name_edit.text() == "陈小燕"
    assert ui.password_edit.placeholderText() == "留空则不修改"
    ui.role_combo.setCurrentIndex(ui.role_combo.findData(int(Role.REGIONAL_MANAGER)))
    ui.active_check.setChecked(False)

    click_save(qtbot, dialog)

    assert fake.asked == [(Role.OWNER, "修改员工")]
    member = services.staff.get(member_id)
    assert (member.role, member.active) == (Role.REGIONAL_MANAGER, False)
    with pytest.raises(PermissionDenied):  # inactive now, but the password itself was not changed
        services.staff.authorize(member_id, "desk-1234", Role.CUSTOMER_SERVICE, "测试")


def test_the_last_owner_cannot_be_demoted(
    qtbot, services: Services, owner_auth, monkeypatch: pytest.MonkeyPatch, no_message_boxes: list[str]
) -> None:
    patch_auth(monkeypatch, staff_dialog_module, owner_auth)
    owner_id = owner_auth.staff_id
    dialog = open_staff_dialog(qtbot, services, owner_id)
    dialog.ui.role_combo.setCurrentIndex(dialog.ui.role_combo.findData(int(Role.CUSTOMER_SERVICE)))

    click_save(qtbot, dialog)

    assert no_message_boxes == ["至少要保留一位在职的店主，否则没有人能修改设置"]
    assert dialog.isVisible()
    assert services.staff.get(owner_id).role == Role.OWNER
    services.staff.authorize(owner_id, OWNER_PASSWORD, Role.OWNER, "测试")


def test_page_lists_staff_and_adds_a_member(
    qtbot, services: Services, qsettings, owner_auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_auth(monkeypatch, staff_dialog_module, owner_auth)

    def fake_exec(dialog: StaffDialog) -> int:
        fill_new_member(dialog)
        dialog._on_save_button_clicked()
        return dialog.result()

    monkeypatch.setattr(StaffDialog, "exec", fake_exec)
    page = make_page(qtbot, services, qsettings)
    assert staff_names(page) == [["李店主", "运营总监/店主", "在职"]]
    assert not page.ui.edit_staff_button.isEnabled()

    with qtbot.waitSignal(page.staff_changed):
        qtbot.mouseClick(page.ui.add_staff_button, Qt.MouseButton.LeftButton)

    assert staff_names(page) == [["李店主", "运营总监/店主", "在职"], ["陈小燕", "客服", "在职"]]
    new_id = page.current_staff_id()
    assert new_id is not None and services.staff.get(new_id).name == "陈小燕"
    assert page.ui.edit_staff_button.isEnabled()
