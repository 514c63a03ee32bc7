"""Who is at the desk, in the window: signing in, switching, locking (idle and on request)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from jiazheng_desktop import app as app_module
from jiazheng_desktop.domain.errors import PermissionDenied
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
from jiazheng_desktop.gui.common.password_dialog import PasswordDialog
from jiazheng_desktop.gui.window.shell import build_main_window
from jiazheng_desktop.gui.window.sign_in_dialog import SignInDialog, SignInPurpose
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import OWNER_PASSWORD, make_draft

CLERK_PASSWORD = "clerk-pw"
PACKAGE = Path(__file__).resolve().parents[3] / "jiazheng_desktop"


@pytest.fixture
def clerk(services, owner_auth) -> int:
    return services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, CLERK_PASSWORD, owner_auth)


@pytest.fixture
def window(qtbot, services, qsettings):
    window = build_main_window(services, qsettings)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    yield window
    lock = window.desk_lock
    if lock is not None and lock.dialog is not None:  # a test that left it locked
        lock.dialog.signed_in = lock.dialog.signed_in or services.staff.get(services.context.on_duty_id)
        lock.dialog.done(QDialog.DialogCode.Accepted)


def _last_audit() -> tuple[str, str, dict]:
    row = AuditLog.select().order_by(AuditLog.id.desc()).first()
    return row.action, row.staff_name, json.loads(row.detail) if row.detail else {}


def _wrong(services, staff_id: int, times: int) -> None:
    for _ in range(times):
        with pytest.raises(PermissionDenied):
            services.staff.sign_in(staff_id, "not-it")


def _sign_in(dialog: SignInDialog, staff_id: int, password: str) -> None:
    assert dialog.choose(staff_id)
    dialog.password_edit.setText(password)
    dialog.try_sign_in()


# -- the sign-in dialog ------------------------------------------------------------------------------


def test_sign_in_dialog_refuses_a_wrong_password_and_takes_the_right_one(qtbot, services, clerk) -> None:
    dialog = SignInDialog(services, SignInPurpose.START, clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_id() == clerk  # the remembered person, preselected
    assert [dialog.staff_list.item(i).text() for i in range(dialog.staff_list.count())] == [
        "李店主（运营总监/店主）",
        "周晓燕（客服）",
    ]
    dialog.password_edit.setText("wrong-one")
    dialog.try_sign_in()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text() == "密码不对，请重新输入" and dialog.password_edit.text() == ""
    assert services.context.on_duty_id != clerk
    qtbot.keyClicks(dialog.password_edit, CLERK_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter signs in
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.signed_in is not None and dialog.signed_in.id == clerk
    assert services.context.on_duty_id == clerk
    assert _last_audit()[:2] == ("登录", "周晓燕")


def test_sign_in_dialog_shows_the_wait_and_counts_it_down(qtbot, services, clerk, clock) -> None:
    _wrong(services, clerk, 5)
    dialog = SignInDialog(services, SignInPurpose.START, clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error_text() == "密码错误次数过多，请 30 秒后再试"
    clock.advance(timedelta(seconds=10))
    dialog._wait_timer.timeout.emit()
    assert dialog.error_text() == "密码错误次数过多，请 20 秒后再试"
    _sign_in(dialog, clerk, CLERK_PASSWORD)  # even the right one waits
    assert dialog.result() != QDialog.DialogCode.Accepted and "20 秒" in dialog.error_text()
    assert dialog.choose(services.staff.list()[0].id)  # another name: no wait shown
    assert dialog.error_text() == ""
    clock.advance(timedelta(seconds=20))
    _sign_in(dialog, clerk, CLERK_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_unlock_cannot_be_cancelled(qtbot, services) -> None:
    dialog = SignInDialog(services, SignInPurpose.UNLOCK, services.context.on_duty_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cancel_button is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.reject()
    dialog.close()
    assert dialog.isVisible()
    _sign_in(dialog, services.context.on_duty_id, OWNER_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_password_dialog_counts_towards_the_wait_and_shows_it(qtbot, services, clock) -> None:
    owner = services.context.on_duty_id
    dialog = PasswordDialog(services, Role.OWNER, "发补偿券")
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        dialog.ui.password_edit.setText("guess")
        dialog._on_accepted()
    assert dialog.ui.password_error.text() == "密码错误次数过多，请 30 秒后再试"
    dialog.ui.password_edit.setText(OWNER_PASSWORD)
    dialog._on_accepted()
    assert dialog.authorization is None
    assert services.staff.sign_in_wait(owner) > timedelta(0)  # signing in waits too
    clock.advance(timedelta(seconds=30))
    dialog._on_accepted()
    assert dialog.authorization is not None


# -- at start ----------------------------------------------------------------------------------------


def _answer_sign_in(staff_id: int | None, password: str | None, seen: list[int | None]) -> None:
    """Fill in the modal sign-in dialog once it is up (``password`` None: cancel it)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog.chosen_id())
        if password is None:
            dialog.reject()
            return
        assert staff_id is not None
        _sign_in(dialog, staff_id, password)

    QTimer.singleShot(0, answer)


def test_start_asks_the_remembered_person_for_their_password(qtbot, services, clerk, qsettings) -> None:
    services.context.set_on_duty(None)
    qsettings.setValue("on_duty/staff_id", clerk)
    seen: list[int | None] = []
    _answer_sign_in(clerk, CLERK_PASSWORD, seen)
    assert app_module._choose_staff(services, qsettings, automatic=False)
    assert seen == [clerk] and services.context.on_duty_id == clerk
    assert _last_audit()[:2] == ("登录", "周晓燕")


def test_start_cancelled_means_nobody_at_the_desk(qtbot, services, clerk, qsettings) -> None:
    services.context.set_on_duty(None)
    seen: list[int | None] = []
    _answer_sign_in(None, None, seen)
    assert not app_module._choose_staff(services, qsettings, automatic=False)
    assert len(seen) == 1 and services.context.on_duty_id is None


def test_the_window_never_puts_anyone_on_duty_without_a_password() -> None:
    for path in (PACKAGE / "gui").rglob("*.py"):
        assert "set_on_duty(" not in path.read_text(encoding="utf-8"), path
    app_source = (PACKAGE / "app.py").read_text(encoding="utf-8")
    # only in the hidden start-up check, which closes the window as soon as it is up
    assert len(re.findall(r"set_on_duty\(", app_source)) == 1
    assert "if automatic:" in app_source


# -- switching from the status bar ----------------------------------------------------------------


def test_a_clerk_cannot_become_the_owner_without_the_owners_password(
    qtbot, services, clerk, window, qsettings
) -> None:
    owner = services.context.on_duty_id
    services.staff.sign_in(clerk, CLERK_PASSWORD)
    shell_dialog = _switch(qtbot, window)
    _sign_in(shell_dialog, owner, CLERK_PASSWORD)  # the clerk's own password does not open the owner's
    assert shell_dialog.isVisible() and "密码不对" in shell_dialog.error_text()
    assert services.context.on_duty_id == clerk
    shell_dialog.reject()  # cancelled: the clerk stays on duty
    assert services.context.on_duty_id == clerk and "周晓燕" in window.duty_button.text()

    customer = services.customers.create(make_draft())
    assert _last_audit()[:2] == ("新建客户", "周晓燕")
    big = VoucherDraft(
        customer_id=customer, kind=VoucherKind.COMPENSATION.value, total_text="1000", uses=1,
        valid_until=services.context.now().date() + timedelta(days=30),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):  # the clerk's limits
        services.vouchers.issue(big)

    shell_dialog = _switch(qtbot, window)
    _sign_in(shell_dialog, owner, OWNER_PASSWORD)
    assert not shell_dialog.isVisible()
    assert services.context.on_duty_id == owner and "李店主" in window.duty_button.text()
    assert int(qsettings.value("on_duty/staff_id")) == owner  # remembered for the next start
    assert services.vouchers.issue(big)  # the owner's limits now
    assert _last_audit()[:2] == ("发放优惠券", "李店主")


def _switch(qtbot, window) -> SignInDialog:
    qtbot.mouseClick(window.duty_button, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in window.findChildren(SignInDialog) if d.isVisible()]
    assert dialog.purpose is SignInPurpose.SWITCH and dialog.isModal()
    return dialog


def test_deactivating_the_person_on_duty_locks_the_desk(qtbot, services, clerk, window, owner_auth) -> None:
    services.staff.sign_in(clerk, CLERK_PASSWORD)
    services.staff.update(clerk, "周晓燕", Role.CUSTOMER_SERVICE, False, None, owner_auth)
    window.page("settings").staff_changed.emit()
    lock = window.desk_lock
    assert lock.is_locked and _last_audit()[2] == {"原因": "值班员工已停用"}
    _sign_in(lock.dialog, owner_auth.staff_id, OWNER_PASSWORD)
    assert not lock.is_locked and services.context.on_duty_id == owner_auth.staff_id
    assert "李店主" in window.duty_button.text()


# -- locking -----------------------------------------------------------------------------------------


def test_idle_time_locks_and_covers_the_window(qtbot, services, window) -> None:
    lock = window.desk_lock
    assert lock.idle_timer.interval() == 10 * 60_000 and lock.idle_timer.isActive()
    lock.idle_timer.stop()
    qtbot.keyClick(window.search_box, Qt.Key.Key_A)  # input starts the idle time again
    assert lock.idle_timer.isActive()
    lock.idle_timer.setInterval(30)
    lock.idle_timer.start()
    qtbot.waitUntil(lambda: lock.is_locked, timeout=2000)
    assert _last_audit() == ("锁定", "李店主", {"原因": "空闲 10 分钟"})
    assert lock.covered_windows() == [window]
    cover = window.findChild(QWidget, "desk_lock_cover")
    assert cover is not None and cover.isVisible() and cover.geometry() == window.rect()
    assert lock.dialog.isVisible() and lock.dialog.windowModality() == Qt.WindowModality.ApplicationModal
    assert lock.dialog.chosen_id() == services.context.on_duty_id
    window.resize(1000, 700)
    assert cover.geometry() == window.rect()  # follows the window
    lock.idle_timer.setInterval(60_000)
    _sign_in(lock.dialog, services.context.on_duty_id, OWNER_PASSWORD)
    assert not lock.is_locked and lock.idle_timer.isActive()
    qtbot.waitUntil(lambda: window.findChild(QWidget, "desk_lock_cover") is None)


def test_the_idle_time_follows_the_owners_setting(qtbot, services, window, owner_auth) -> None:
    services.settings.save_lock_idle_minutes(3, owner_auth)
    assert window.desk_lock.idle_timer.interval() == 3 * 60_000


def test_lock_button_and_ctrl_l_lock_at_once(qtbot, services, window) -> None:
    lock = window.desk_lock
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and _last_audit()[2] == {"原因": "手动锁定"}
    _sign_in(lock.dialog, services.context.on_duty_id, OWNER_PASSWORD)
    assert not lock.is_locked
    qtbot.keyClick(window.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked
    _sign_in(lock.dialog, services.context.on_duty_id, OWNER_PASSWORD)
    qtbot.keyClick(window.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.MetaModifier)
    assert lock.is_locked


def _typing_dialog(window) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(window)
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    return dialog, edit


def test_an_open_dialog_keeps_what_was_typed_and_another_person_takes_the_desk(
    qtbot, services, clerk, window
) -> None:
    dialog, edit = _typing_dialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit.setText("王建国 13812345678 浦东新区张杨路")
    qtbot.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L from inside a dialog
    lock = window.desk_lock
    assert lock.is_locked
    assert dialog.isVisible() and set(lock.covered_windows()) == {window, dialog}
    assert edit.text() == "王建国 13812345678 浦东新区张杨路"  # the Ctrl+L did not reach the field
    _sign_in(lock.dialog, clerk, CLERK_PASSWORD)
    assert not lock.is_locked and dialog.isVisible()
    assert edit.text() == "王建国 13812345678 浦东新区张杨路"
    assert services.context.on_duty_id == clerk and "周晓燕" in window.duty_button.text()
    assert _last_audit()[:2] == ("登录", "周晓燕")


def test_a_modal_dialog_in_exec_survives_a_lock(qtbot, services, window) -> None:
    dialog, edit = _typing_dialog(window)
    edit.setText("客户说周三下午有人在家")
    lock = window.desk_lock
    steps: list[str] = []

    def during_exec() -> None:
        lock.lock()
        steps.append("locked" if dialog.isVisible() and dialog in lock.covered_windows() else "?")
        QTimer.singleShot(0, unlock)

    def unlock() -> None:
        _sign_in(lock.dialog, services.context.on_duty_id, OWNER_PASSWORD)
        steps.append("unlocked" if dialog.isVisible() and not lock.is_locked else "?")
        dialog.accept()

    QTimer.singleShot(0, during_exec)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert steps == ["locked", "unlocked"] and edit.text() == "客户说周三下午有人在家"


def test_a_window_shown_while_locked_is_covered_too(qtbot, services, window) -> None:
    lock = window.desk_lock
    lock.lock()
    dialog, _edit = _typing_dialog(window)
    dialog.show()
    assert dialog in lock.covered_windows()
    _sign_in(lock.dialog, services.context.on_duty_id, OWNER_PASSWORD)
    assert lock.covered_windows() == []


def test_a_forgotten_owner_password_is_reset_from_the_sign_in_with_the_recovery_code(
    qtbot, services, clerk, monkeypatch
) -> None:
    from jiazheng_desktop.domain.recovery_code import encode_key
    from jiazheng_desktop.gui.window import owner_password_dialog
    from tests.conftest import TEST_KEY

    owner = next(m for m in services.staff.list() if m.role.label.endswith("店主"))
    dialog = SignInDialog(services, SignInPurpose.START, clerk)
    qtbot.addWidget(dialog)
    assert dialog.forgot_button.isHidden()  # a clerk's password is reset by the owner, not by the code
    dialog.choose(owner.id)
    assert not dialog.forgot_button.isHidden()

    def exec_with_code(self) -> int:
        self.code_edit.setText(encode_key(TEST_KEY))
        self.password_edit.setText("brand-new-1")
        self.again_edit.setText("brand-new-1")
        self.save()
        return self.result()

    monkeypatch.setattr(owner_password_dialog.OwnerPasswordDialog, "exec", exec_with_code)
    dialog.reset_owner_password()
    assert "密码已重设" in dialog.error_text()
    dialog.password_edit.setText("brand-new-1")
    dialog.try_sign_in()
    assert dialog.signed_in is not None and dialog.signed_in.id == owner.id
