"""Staff: who works at the desk, their roles, signing in, and confirming reserved actions by password.

Every way of typing a password (signing in, unlocking, confirming a reserved action) counts wrong
ones per person; after five in a row the password is refused for a while, even the right one
(``domain.staff.lockout_wait``). The count and the end of the wait are kept in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ..domain.errors import DomainError, NotFoundError, PermissionDenied, ValidationError
from ..domain.staff import (
    Role,
    check_password_strength,
    format_wait,
    hash_password,
    locked_out_message,
    lockout_wait,
    remaining_wait,
    verify_password,
    wrong_password_message,
)
from ..storage.models import AuditLog, Staff
from .context import Authorization, ServiceContext

SIGN_IN = "登录"
SIGN_IN_FAILED = "登录失败"
LOCKED_OUT = "登录锁定"
DESK_LOCKED = "锁定"


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: Role
    active: bool

    @property
    def label(self) -> str:
        return f"{self.name}（{self.role.label}）"


def _member(s: Staff) -> StaffMember:
    return StaffMember(s.id, s.name, Role(s.role), bool(s.active))


def _check(name: str, role: int, password: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "请填写员工姓名"
    elif len(name.strip()) > 20:
        errors["name"] = "姓名最多 20 个字"
    if role not in {r.value for r in Role}:
        errors["role"] = "请从列表中选择职位"
    if password is not None:
        problem = check_password_strength(password)
        if problem:
            errors["password"] = problem
    return errors


class StaffService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def list(self, *, include_inactive: bool = False) -> list[StaffMember]:
        """Staff by role (owner first), then name."""
        query = Staff.select().order_by(Staff.role.desc(), Staff.name)
        if not include_inactive:
            query = query.where(Staff.active == True)  # noqa: E712 (peewee expression)
        return [_member(s) for s in query]

    def get(self, staff_id: int) -> StaffMember:
        staff = Staff.get_or_none(Staff.id == staff_id)
        if staff is None:
            raise NotFoundError("找不到这位员工")
        return _member(staff)

    def has_any(self) -> bool:
        """False on a brand-new database, before the owner has been set up."""
        return Staff.select().exists()

    def create(self, name: str, role: int, password: str, auth: Authorization | None) -> int:
        """Add a staff member with a password (only the owner may)."""
        errors = _check(name, role, password)
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("新建员工", "staff") as entry:
            self._ctx.require(auth, Role.OWNER, "添加员工")
            assert auth is not None
            staff = Staff.create(
                name=name.strip(), role=role, password_hash=hash_password(password),
                created_at=self._ctx.now(),
            )  # fmt: skip
            entry.entity_id = staff.id
            entry.detail = {"姓名": staff.name, "职位": Role(role).label}
            entry.authorized_by(auth)
        return int(staff.id)

    def update(
        self, staff_id: int, name: str, role: int, active: bool, new_password: str | None,
        auth: Authorization | None,
    ) -> None:  # fmt: skip
        """Change a staff member (only the owner may). ``new_password`` None keeps the old one."""
        errors = _check(name, role, new_password or None)
        if errors:
            raise ValidationError(errors)
        with self._ctx.change("修改员工", "staff") as entry:
            self._ctx.require(auth, Role.OWNER, "修改员工")
            assert auth is not None
            staff = Staff.get_or_none(Staff.id == staff_id)
            if staff is None:
                raise NotFoundError("找不到这位员工")
            was_owner = Role(staff.role) == Role.OWNER and staff.active
            if was_owner and (role != Role.OWNER or not active):
                owners = Staff.select().where(Staff.role == Role.OWNER, Staff.active == True).count()  # noqa: E712
                if owners <= 1:
                    raise DomainError("至少要保留一位在职的店主，否则没有人能修改设置")
            changes = {}
            if staff.name != name.strip():
                changes["姓名"] = f"{staff.name} → {name.strip()}"
            if staff.role != role:
                changes["职位"] = f"{Role(staff.role).label} → {Role(role).label}"
            if bool(staff.active) != active:
                changes["在职"] = "恢复在职" if active else "停用"
            if new_password:
                staff.password_hash = hash_password(new_password)
                changes["密码"] = "已重设"
                if staff.failed_sign_ins or staff.locked_until is not None:
                    changes["输错密码锁定"] = "已解除"
                staff.failed_sign_ins, staff.locked_until = 0, None
            staff.name, staff.role, staff.active = name.strip(), role, active
            staff.save()
            entry.entity_id = staff_id
            entry.detail = changes
            entry.authorized_by(auth)

    def authorize(self, staff_id: int, password: str, minimum: Role, what: str) -> Authorization:
        """Check a password for an action reserved to ``minimum`` or above.

        Raises ``PermissionDenied`` with a message that says what is wrong. A wrong password counts
        towards the wait exactly as at sign-in (it is the other way to guess).
        """
        staff = Staff.get_or_none(Staff.id == staff_id)
        if staff is None or not staff.active:
            raise PermissionDenied("这位员工已停用，请选择其他人")
        if Role(staff.role) < minimum:
            raise PermissionDenied(
                f"{what}需要{minimum.label}或更高职位，{staff.name}是{Role(staff.role).label}"
            )
        before = self._check_password(staff, password, f"确认密码：{what}")
        if before:
            with self._ctx.change("确认密码", "staff", immediate=True) as entry:
                Staff.update(failed_sign_ins=0, locked_until=None).where(Staff.id == staff.id).execute()
                entry.entity_id = staff.id
                entry.detail = {"员工": staff.name, "用途": what, "此前连续输错": before}
        return Authorization(staff.id, staff.name, Role(staff.role))

    # -- who is at the desk ------------------------------------------------------------------------

    def sign_in(self, staff_id: int, password: str) -> StaffMember:
        """``staff_id`` takes the desk with their own password; later audit rows name them.

        A wrong password is written to the audit log (naming the person tried, never the password)
        and raises ``PermissionDenied``; so does any try while that person's wait lasts.
        """
        staff = Staff.get_or_none(Staff.id == staff_id)
        if staff is None or not staff.active:
            raise PermissionDenied("这位员工已停用，请选择其他人")
        before = self._check_password(staff, password, SIGN_IN)
        previous = self._ctx.on_duty_name if self._ctx.on_duty_id != staff.id else ""
        with self._ctx.change(SIGN_IN, "staff", immediate=True) as entry:
            if before:
                Staff.update(failed_sign_ins=0, locked_until=None).where(Staff.id == staff.id).execute()
            entry.entity_id = staff.id
            entry.by, entry.by_name = staff.id, staff.name
            entry.detail = {"员工": staff.name}
            if previous:
                entry.detail["接替"] = previous
            if before:
                entry.detail["此前连续输错"] = before
        member = _member(staff)
        self._ctx.set_on_duty(member.id, member.name)
        return member

    def begin_after_setup(self, owner_id: int) -> StaffMember:
        """The owner who has just set up a new agency keeps working without typing the password again.

        Only right after the first-run set-up: while the owner is the only account and nobody has
        ever signed in. Anywhere else it is refused (use ``sign_in``).
        """
        with self._ctx.change(SIGN_IN, "staff", immediate=True) as entry:
            staff = Staff.get_or_none(Staff.id == owner_id)
            first_run = (
                staff is not None
                and Role(staff.role) == Role.OWNER
                and Staff.select().count() == 1
                and not AuditLog.select().where(AuditLog.action == SIGN_IN).exists()
            )
            if not first_run:
                raise PermissionDenied("请输入密码登录")
            assert staff is not None
            entry.entity_id = staff.id
            entry.by, entry.by_name = staff.id, staff.name
            entry.detail = {"员工": staff.name, "方式": "初始设置后直接开始"}
        member = _member(staff)
        self._ctx.set_on_duty(member.id, member.name)
        return member

    def lock_desk(self, reason: str = "request", *, idle_minutes: int = 0) -> None:
        """The screen was locked; the person on duty stays until someone signs in.

        ``reason``: ``"request"`` (the 锁定 button or Ctrl+L), ``"idle"`` (after ``idle_minutes``
        without input) or ``"staff_changed"`` (the person on duty was deactivated).
        """
        texts = {
            "request": "手动锁定",
            "idle": f"空闲 {idle_minutes} 分钟",
            "staff_changed": "值班员工已停用",
        }
        with self._ctx.change(DESK_LOCKED, "staff") as entry:
            entry.entity_id = self._ctx.on_duty_id
            entry.detail = {"原因": texts[reason]}

    def sign_in_wait(self, staff_id: int) -> timedelta:
        """How long the password of ``staff_id`` is still refused (zero when it may be typed)."""
        staff = Staff.get_or_none(Staff.id == staff_id)
        if staff is None:
            return timedelta(0)
        return remaining_wait(staff.locked_until, self._ctx.now())

    def set_on_duty(self, staff_id: int) -> StaffMember:
        """Make ``staff_id`` the person at the desk without a password.

        For tests, demo data and the self-test only; the window signs people in (``sign_in``).
        """
        member = self.get(staff_id)
        if not member.active:
            raise PermissionDenied("这位员工已停用，请选择其他人")
        self._ctx.set_on_duty(member.id, member.name)
        return member

    # -- wrong passwords ----------------------------------------------------------------------------

    def _check_password(self, staff: Staff, password: str, how: str) -> int:
        """Refuse while the wait lasts, or a wrong password (recorded); else the wrong ones before it.

        The password is not even checked during a wait, so guesses then teach nothing and cost nothing.
        """
        wait = remaining_wait(staff.locked_until, self._ctx.now())
        if wait:
            raise PermissionDenied(locked_out_message(wait))
        if verify_password(password, staff.password_hash):
            return int(staff.failed_sign_ins)
        raise PermissionDenied(self._record_failure(staff.id, how))

    def _record_failure(self, staff_id: int, how: str) -> str:
        """Count a wrong password (and start a wait when due); the message to show."""
        now = self._ctx.now()
        with self._ctx.change(SIGN_IN_FAILED, "staff", immediate=True) as entry:
            staff = Staff.get_by_id(staff_id)  # read again inside the write lock: the count is shared
            failures = int(staff.failed_sign_ins) + 1
            wait = lockout_wait(failures)
            staff.failed_sign_ins = failures
            staff.locked_until = now + wait if wait else None
            staff.save()
            entry.entity_id = staff.id
            failed = {"尝试的员工": staff.name, "方式": how, "连续输错": failures}
            if wait:  # two rows in one transaction, the failure's first
                with self._ctx.change(SIGN_IN_FAILED, "staff") as first:
                    first.entity_id, first.detail = staff.id, failed
                entry.action = LOCKED_OUT
                entry.detail = {"员工": staff.name, "连续输错": failures, "等待": format_wait(wait)}
            else:
                entry.detail = failed
        return locked_out_message(wait) if wait else wrong_password_message(failures)
