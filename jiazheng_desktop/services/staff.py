"""Staff: who works at the desk, their roles, and confirming reserved actions by password."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import DomainError, NotFoundError, PermissionDenied, ValidationError
from ..domain.staff import Role, check_password_strength, hash_password, verify_password
from ..storage.models import Staff
from .context import Authorization, ServiceContext


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
            staff.name, staff.role, staff.active = name.strip(), role, active
            staff.save()
            entry.entity_id = staff_id
            entry.detail = changes
            entry.authorized_by(auth)

    def authorize(self, staff_id: int, password: str, minimum: Role, what: str) -> Authorization:
        """Check a password for an action reserved to ``minimum`` or above.

        Raises ``PermissionDenied`` with a message that says what is wrong.
        """
        staff = Staff.get_or_none(Staff.id == staff_id)
        if staff is None or not staff.active:
            raise PermissionDenied("这位员工已停用，请选择其他人")
        if Role(staff.role) < minimum:
            raise PermissionDenied(
                f"{what}需要{minimum.label}或更高职位，{staff.name}是{Role(staff.role).label}"
            )
        if not verify_password(password, staff.password_hash):
            raise PermissionDenied("密码不对，请重新输入")
        return Authorization(staff.id, staff.name, Role(staff.role))

    def set_on_duty(self, staff_id: int) -> StaffMember:
        """Make ``staff_id`` the person at the desk; later audit rows name them."""
        member = self.get(staff_id)
        if not member.active:
            raise PermissionDenied("这位员工已停用，请选择其他人")
        self._ctx.set_on_duty(member.id, member.name)
        return member
