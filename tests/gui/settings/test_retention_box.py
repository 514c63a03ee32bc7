"""保存期限 in 设置 → 隐私: the periods saved with the owner's password; what is due shown and cleared."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.privacy import RETENTION_PLACEHOLDER, RetentionPolicy
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.gui.common import messages
from jiazheng_desktop.gui.settings.retention_box import RetentionBox
from jiazheng_desktop.storage.models import Callback
from tests.services.retention_data import NOTE, add_customer, called_back

ASK = "jiazheng_desktop.gui.settings.retention_box.ask_authorization"


@pytest.fixture
def make_box(qtbot, services):
    def make() -> RetentionBox:
        box = RetentionBox(services)
        qtbot.addWidget(box)
        box.show()
        box.refresh()  # as the 隐私 tab does when it is shown
        qtbot.waitUntil(lambda: box.status is not None, timeout=10000)
        return box

    return make


@pytest.fixture
def asked(monkeypatch, owner_auth) -> list[tuple[Role, str]]:
    """The password dialog, answered with the owner's password; what it was asked for."""
    questions: list[tuple[Role, str]] = []
    monkeypatch.setattr(ASK, lambda _p, _s, role, what: questions.append((role, what)) or owner_auth)
    return questions


def test_the_periods_show_as_stored_and_the_owner_saves_them(
    qtbot, services, make_box, asked, no_message_boxes
) -> None:
    box = make_box()
    assert (box.contact_spin.value(), box.inactive_spin.value(), box.never_check.isChecked()) == (3, 5, False)
    assert (box.contact_spin.minimum(), box.contact_spin.maximum()) == (2, 10)
    assert (box.inactive_spin.minimum(), box.inactive_spin.maximum()) == (2, 20)
    assert box.last_run_label.text() == "还没有清理过" and box.due_label.text() == "现在没有到期的记录"
    assert not box.run_button.isEnabled()

    box.contact_spin.setValue(2)
    box.never_check.setChecked(True)
    assert not box.inactive_spin.isEnabled()
    with qtbot.waitSignal(box.policy_saved):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [(Role.OWNER, "修改个人信息保存期限")]
    assert services.retention.policy() == RetentionPolicy(2, None) and box.save_status.text() == "已保存"
    assert no_message_boxes == []


def test_a_refused_period_is_shown_next_to_its_field(make_box, services, asked, monkeypatch) -> None:
    box = make_box()

    def refuse(*_args):
        raise ValidationError({"contact_years": "回访和联系记录至少要保存 2 年"})

    monkeypatch.setattr(services.retention, "save_policy", refuse)
    box.contact_spin.setValue(4)
    box.save_button.click()
    assert box.errors.message("contact_years") == "回访和联系记录至少要保存 2 年"
    assert box.contact_spin.value() == 4 and box.save_status.text() == ""  # what was chosen stays


def test_nothing_is_saved_without_the_owners_password(make_box, services, monkeypatch) -> None:
    box = make_box()
    monkeypatch.setattr(ASK, lambda *_a: None)  # cancelled
    box.contact_spin.setValue(7)
    box.save_button.click()
    assert services.retention.policy() == RetentionPolicy(3, 5) and box.contact_spin.value() == 7


def test_the_owner_sees_what_is_due_confirms_and_gets_the_counts(
    qtbot, services, clock, owner_auth, make_box, asked, monkeypatch
) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _incident, callback = called_back(services, clock, add_customer(services))
    clock.advance(timedelta(days=2 * 365 + 10))
    box = make_box()
    assert (
        box.due_label.text()
        == "现在到期：回访记录 1 条、联系记录 0 条、不活跃客户 0 位（需要店主确认后清理）"
    )
    assert box.run_button.text() == "确认清理(&L)" and box.run_button.isEnabled()

    shown: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, text, *_a, **_k: shown.append(text) or False)
    box.run_button.click()  # the owner reads what will be done, and declines
    assert "回访记录 1 条" in shown[0] and RETENTION_PLACEHOLDER in shown[0] and "不能撤销" in shown[0]
    assert asked == [] and Callback.get_by_id(callback).note == NOTE

    monkeypatch.setattr(messages, "confirm", lambda *_a, **_k: True)
    with qtbot.waitSignal(box.cleaned, timeout=10000) as blocker:
        box.run_button.click()
    assert asked == [(Role.OWNER, "按保存期限清理个人信息")]
    assert blocker.args[0].callbacks == 1
    assert box.result_label.text() == "已清理：回访记录 1 条、联系记录 0 条、不活跃客户 0 位"
    assert Callback.get_by_id(callback).note == RETENTION_PLACEHOLDER
    with qtbot.waitSignal(box.refreshed, timeout=10000):
        pass  # read again after the run
    assert box.last_run_label.text() == f"{clock.now():%Y-%m-%d}"
    assert box.due_label.text() == "现在没有到期的记录" and not box.run_button.isEnabled()


def test_a_cancelled_password_clears_nothing(
    qtbot, services, clock, owner_auth, make_box, monkeypatch
) -> None:
    services.retention.save_policy(2, None, owner_auth)
    _incident, callback = called_back(services, clock, add_customer(services))
    clock.advance(timedelta(days=2 * 365 + 10))
    box = make_box()
    monkeypatch.setattr(messages, "confirm", lambda *_a, **_k: True)
    monkeypatch.setattr(ASK, lambda *_a: None)
    box.run_button.click()
    assert Callback.get_by_id(callback).note == NOTE and box.run_button.isEnabled()


def test_a_refused_run_says_why(
    qtbot, services, clock, owner_auth, make_box, asked, monkeypatch, no_message_boxes
) -> None:
    from jiazheng_desktop.domain.errors import PermissionDenied

    services.retention.save_policy(2, None, owner_auth)
    called_back(services, clock, add_customer(services))
    clock.advance(timedelta(days=2 * 365 + 10))
    box = make_box()

    def refuse(*_a):
        raise PermissionDenied("按保存期限清理个人信息需要店主或更高职位的人员确认密码")

    monkeypatch.setattr(services.retention, "run", refuse)
    with qtbot.waitSignal(box.refreshed, timeout=10000):
        box.run_button.click()
    assert no_message_boxes == ["按保存期限清理个人信息需要店主或更高职位的人员确认密码"]
    assert box.run_button.isEnabled() and box.result_label.text() == ""
