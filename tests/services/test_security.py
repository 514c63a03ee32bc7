"""数据安全: the recovery code and sheet (owner only, audited) and the owner's forgotten password."""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from jiazheng_desktop.domain.recovery_code import decode_key, encode_key
from jiazheng_desktop.domain.staff import Role
from jiazheng_desktop.storage.models import AuditLog
from tests.conftest import OWNER_PASSWORD, TEST_KEY
from tests.pdf_helpers import read_pdf


def _owner(services):
    return next(m for m in services.staff.list() if m.role == Role.OWNER)


def test_the_recovery_code_is_the_key_and_only_the_owner_sees_it(services, owner_auth) -> None:
    with pytest.raises(PermissionDenied):
        services.security.recovery_code(None)
    code = services.security.recovery_code(owner_auth)
    assert decode_key(code) == TEST_KEY
    row = AuditLog.select().where(AuditLog.action == "查看恢复码").get()
    assert code not in row.detail and TEST_KEY.hex() not in row.detail


def test_the_recovery_sheet_prints_the_code_and_the_agency(services, owner_auth, tmp_path) -> None:
    path = services.security.write_recovery_sheet(tmp_path / "sheet.pdf", owner_auth)
    text = "".join("".join(read_pdf(path).pages).split())
    assert "好帮手家政" in text and encode_key(TEST_KEY).split("-")[0] in text
    assert services.security.sheet_made_at() is not None


def test_a_forgotten_owner_password_is_reset_with_the_recovery_code(services) -> None:
    owner = _owner(services)
    code = encode_key(TEST_KEY)
    for _ in range(6):  # locked out, too
        with pytest.raises(PermissionDenied):
            services.staff.sign_in(owner.id, "wrong-guess")
    with pytest.raises(DomainError, match="不是这份数据的恢复码"):
        services.security.reset_owner_password(
            owner.id, encode_key(bytes(32)), "new-secret-1", "new-secret-1"
        )
    with pytest.raises(ValidationError):
        services.security.reset_owner_password(owner.id, code, "new-secret-1", "different-2")
    services.security.reset_owner_password(owner.id, code.lower(), "new-secret-1", "new-secret-1")
    assert services.staff.sign_in(owner.id, "new-secret-1").id == owner.id
    with pytest.raises(PermissionDenied):
        services.staff.sign_in(owner.id, OWNER_PASSWORD)
    actions = [r.action for r in AuditLog.select().order_by(AuditLog.id)]
    assert "恢复码不对" in actions and "用恢复码重设店主密码" in actions


def test_the_recovery_code_never_resets_other_staff(services, owner_auth) -> None:
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pass-1", owner_auth)
    with pytest.raises(DomainError, match="只能重设店主"):
        services.security.reset_owner_password(clerk, encode_key(TEST_KEY), "new-secret-1", "new-secret-1")
