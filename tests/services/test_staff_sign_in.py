"""Signing in with one's own password, and wrong passwords that slow down (on the injected clock)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.staff import (
    Role,
    format_wait,
    locked_out_message,
    lockout_wait,
    wrong_password_message,
)
from jiazheng_desktop.services import build_services
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.models import AuditLog, Staff
from jiazheng_desktop.storage.postgres import open_server
from tests.conftest import OWNER_PASSWORD, TEST_KEY, make_draft

CLERK_PASSWORD = "clerk-pw"


def _rows(*actions: str) -> list[tuple[str, str, dict]]:
    query = AuditLog.select().order_by(AuditLog.id)
    if actions:
        query = query.where(AuditLog.action.in_(actions))
    return [(r.action, r.staff_name, json.loads(r.detail) if r.detail else {}) for r in query]


def _wrong(services, staff_id: int, times: int) -> list[str]:
    said = []
    for _ in range(times):
        with pytest.raises(PermissionDenied) as info:
            services.staff.sign_in(staff_id, "not-it")
        said.append(str(info.value))
    return said


@pytest.fixture
def clerk(services, owner_auth) -> int:
    return services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, CLERK_PASSWORD, owner_auth)


def test_waits_grow_with_the_failures() -> None:
    assert [lockout_wait(n) for n in range(5)] == [timedelta(0)] * 5
    assert [lockout_wait(n).total_seconds() for n in range(5, 11)] == [30, 60, 300, 900, 900, 900]
    assert format_wait(timedelta(seconds=270)) == "4 分 30 秒"
    assert format_wait(timedelta(seconds=29.2)) == "30 秒"
    assert format_wait(timedelta(minutes=15)) == "15 分钟"
    assert locked_out_message(timedelta(seconds=270)) == "密码错误次数过多，请 4 分 30 秒后再试"
    assert wrong_password_message(1) == "密码不对，请重新输入"
    assert "再错 1 次" in wrong_password_message(4)


def test_sign_in_puts_the_person_on_duty_and_audits_it(services, clerk) -> None:
    member = services.staff.sign_in(clerk, CLERK_PASSWORD)
    assert member.name == "周晓燕" and services.context.on_duty_id == clerk
    assert _rows("登录")[-1] == ("登录", "周晓燕", {"员工": "周晓燕", "接替": "李店主"})
    services.customers.create(make_draft())
    assert _rows()[-1][:2] == ("新建客户", "周晓燕")


def test_a_wrong_password_is_refused_and_audited_without_the_password(services, clerk) -> None:
    owner = services.context.on_duty_id
    with pytest.raises(PermissionDenied, match="密码不对"):
        services.staff.sign_in(clerk, "guess-123")
    assert services.context.on_duty_id == owner  # nobody new at the desk
    action, _by, detail = _rows()[-1]
    assert action == "登录失败" and detail["尝试的员工"] == "周晓燕" and detail["连续输错"] == 1
    assert "guess-123" not in AuditLog.select().order_by(AuditLog.id.desc()).first().detail
    assert Staff.get_by_id(clerk).failed_sign_ins == 1


def test_five_failures_lock_out_even_the_right_password_for_30_seconds(services, clerk, clock) -> None:
    said = _wrong(services, clerk, 5)
    assert said[:2] == ["密码不对，请重新输入"] * 2
    assert "再错 2 次" in said[2] and "再错 1 次" in said[3]
    assert said[4] == "密码错误次数过多，请 30 秒后再试"
    assert [a for a, _b, _d in _rows("登录失败", "登录锁定")][-2:] == ["登录失败", "登录锁定"]
    assert _rows("登录锁定")[-1][2] == {"员工": "周晓燕", "连续输错": 5, "等待": "30 秒"}

    clock.advance(timedelta(seconds=10))
    assert services.staff.sign_in_wait(clerk) == timedelta(seconds=20)
    with pytest.raises(PermissionDenied, match="请 20 秒后再试"):
        services.staff.sign_in(clerk, CLERK_PASSWORD)
    assert services.context.on_duty_id != clerk
    assert Staff.get_by_id(clerk).failed_sign_ins == 5  # tries during the wait are not even checked

    clock.advance(timedelta(seconds=20))
    assert services.staff.sign_in(clerk, CLERK_PASSWORD).id == clerk
    assert _rows("登录")[-1][2]["此前连续输错"] == 5
    assert Staff.get_by_id(clerk).failed_sign_ins == 0 and Staff.get_by_id(clerk).locked_until is None
    _wrong(services, clerk, 4)  # a success starts the count again: four more are free
    assert services.staff.sign_in_wait(clerk) == timedelta(0)


def test_each_further_failure_waits_longer(services, clerk, clock) -> None:
    _wrong(services, clerk, 5)
    waits = []
    for _ in range(4):
        wait = services.staff.sign_in_wait(clerk)
        waits.append(wait.total_seconds())
        clock.advance(wait)
        said = _wrong(services, clerk, 1)[0]
    assert waits == [30, 60, 300, 900]
    assert said == "密码错误次数过多，请 15 分钟后再试"
    assert services.staff.sign_in_wait(clerk) == timedelta(minutes=15)
    assert len(_rows("登录锁定")) == 5


def test_the_lock_out_is_per_person(services, clerk) -> None:
    _wrong(services, clerk, 5)
    owner = services.staff.list()[0].id
    assert services.staff.sign_in(owner, OWNER_PASSWORD).id == owner


def test_lock_out_survives_reopening_the_database(
    services, clerk, clock, data_paths, backend, request
) -> None:
    _wrong(services, clerk, 5)
    close_database()
    if backend == "sqlite":
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now(), key=TEST_KEY)
    else:  # the same database on the server, connected again
        open_server(request.getfixturevalue("server_address"))
    again = build_services(clock, data_paths.documents)
    with pytest.raises(PermissionDenied, match="30 秒"):
        again.staff.sign_in(clerk, CLERK_PASSWORD)
    clock.advance(timedelta(seconds=30))
    _wrong(again, clerk, 1)  # the sixth in a row, not the first
    assert again.staff.sign_in_wait(clerk) == timedelta(minutes=1)


def test_authorize_counts_wrong_passwords_too(services, clerk, clock) -> None:
    owner = services.staff.list()[0].id
    for _ in range(3):
        with pytest.raises(PermissionDenied):
            services.staff.authorize(owner, "guess", Role.OWNER, "发补偿券")
    _wrong(services, owner, 2)  # sign-in and confirmations share the count
    assert services.staff.sign_in_wait(owner) == timedelta(seconds=30)
    with pytest.raises(PermissionDenied, match="密码错误次数过多"):
        services.staff.authorize(owner, OWNER_PASSWORD, Role.OWNER, "发补偿券")
    assert _rows("登录失败")[0][2]["方式"] == "确认密码：发补偿券"
    clock.advance(timedelta(seconds=30))
    auth = services.staff.authorize(owner, OWNER_PASSWORD, Role.OWNER, "发补偿券")
    assert auth.staff_id == owner and Staff.get_by_id(owner).failed_sign_ins == 0
    assert _rows()[-1] == ("确认密码", "李店主", {"员工": "李店主", "用途": "发补偿券", "此前连续输错": 5})
    before = AuditLog.select().count()
    services.staff.authorize(owner, OWNER_PASSWORD, Role.OWNER, "发补偿券")
    assert AuditLog.select().count() == before  # a plain right password writes nothing


def test_a_lower_role_is_refused_without_counting(services, clerk) -> None:
    with pytest.raises(PermissionDenied, match="客服"):
        services.staff.authorize(clerk, CLERK_PASSWORD, Role.OWNER, "发补偿券")
    assert Staff.get_by_id(clerk).failed_sign_ins == 0


def test_owner_resetting_a_password_clears_the_lock_out(services, clerk, owner_auth) -> None:
    _wrong(services, clerk, 7)
    services.staff.update(clerk, "周晓燕", Role.CUSTOMER_SERVICE, True, "new-pass-1", owner_auth)
    assert services.staff.sign_in_wait(clerk) == timedelta(0)
    action, _by, detail = _rows()[-1]
    assert action == "修改员工" and detail["密码"] == "已重设" and detail["输错密码锁定"] == "已解除"
    assert detail["确认人"] == "李店主"
    assert services.staff.sign_in(clerk, "new-pass-1").id == clerk
    with pytest.raises(PermissionDenied):
        services.staff.sign_in(clerk, CLERK_PASSWORD)


def test_deactivated_staff_cannot_sign_in(services, clerk, owner_auth) -> None:
    services.staff.update(clerk, "周晓燕", Role.CUSTOMER_SERVICE, False, None, owner_auth)
    with pytest.raises(PermissionDenied, match="停用"):
        services.staff.sign_in(clerk, CLERK_PASSWORD)


def test_begin_after_setup_only_right_after_the_first_run(fresh_database, data_paths, clock) -> None:
    from jiazheng_desktop.services.settings import AgencyInfo

    services = build_services(clock, data_paths.documents)
    owner = services.onboarding.set_up(AgencyInfo("好帮手家政"), "李店主", "pw-123456", "pw-123456")
    assert services.staff.begin_after_setup(owner).id == owner
    assert services.context.on_duty_id == owner
    assert _rows("登录")[-1][:2] == ("登录", "李店主")
    with pytest.raises(PermissionDenied):  # the next start asks for the password
        build_services(clock, data_paths.documents).staff.begin_after_setup(owner)


def test_locking_the_desk_is_audited(services) -> None:
    services.staff.lock_desk("idle", idle_minutes=10)
    assert _rows()[-1] == ("锁定", "李店主", {"原因": "空闲 10 分钟"})
    services.staff.lock_desk()
    assert _rows()[-1][2] == {"原因": "手动锁定"}
    assert services.context.on_duty_id is not None  # still theirs until someone signs in


def test_idle_minutes_setting_is_the_owners(services, owner_auth, clerk) -> None:
    assert services.settings.lock_idle_minutes() == 10
    clerk_auth = services.staff.authorize(clerk, CLERK_PASSWORD, Role.CUSTOMER_SERVICE, "x")
    with pytest.raises(PermissionDenied):
        services.settings.save_lock_idle_minutes(30, clerk_auth)
    with pytest.raises(ValidationError):
        services.settings.save_lock_idle_minutes(0, owner_auth)
    services.settings.save_lock_idle_minutes(30, owner_auth)
    assert services.settings.lock_idle_minutes() == 30
    assert _rows()[-1][0] == "修改自动锁定时间"
