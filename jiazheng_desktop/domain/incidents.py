"""Incidents (投诉/事件) and the five ILEAD steps that recover the customer.

What each step asks for, what a remedy is, who may approve how much, and how
incidents are numbered. Deadlines and call windows are in ``deadlines.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum

from .errors import ValidationError
from .money import format_fen, parse_yuan
from .staff import Role
from .vouchers import MAX_USES as MAX_VOUCHER_USES


class Category(StrEnum):
    LATE = "late"
    NOT_CLEAN = "not_clean"
    DAMAGE = "damage"
    EMERGENCY = "emergency"
    PRICE = "price"
    ATTITUDE = "attitude"
    SAFETY = "safety"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.LATE: "迟到",
    Category.NOT_CLEAN: "清洁不彻底",
    Category.DAMAGE: "物品损坏",
    Category.EMERGENCY: "水管爆裂等突发",
    Category.PRICE: "价格争议",
    Category.ATTITUDE: "服务态度",
    Category.SAFETY: "安全隐患",
    Category.OTHER: "其他",
}


class Severity(IntEnum):
    MINOR = 1
    SERIOUS = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return {Severity.MINOR: "一般", Severity.SERIOUS: "较重", Severity.CRITICAL: "紧急"}[self]


class ReportChannel(StrEnum):
    PHONE = "phone"
    WECHAT = "wechat"
    SMS = "sms"
    VISIT = "visit"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REPORT_CHANNEL_LABELS[self]


_REPORT_CHANNEL_LABELS = {
    ReportChannel.PHONE: "电话",
    ReportChannel.WECHAT: "微信",
    ReportChannel.SMS: "短信",
    ReportChannel.VISIT: "到店",
    ReportChannel.OTHER: "其他",
}


class Status(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {Status.OPEN: "处理中", Status.RESOLVED: "已解决", Status.CLOSED: "已关闭"}


class Step(IntEnum):
    """ILEAD: Identify, Listen, Empathize, Act, Deliver/Depth."""

    IDENTIFY = 1
    LISTEN = 2
    EMPATHIZE = 3
    ACT = 4
    DEEPEN = 5

    @property
    def label(self) -> str:
        return _STEP_LABELS[self][0]

    @property
    def letter(self) -> str:
        return _STEP_LABELS[self][1]

    @property
    def purpose(self) -> str:
        """One line telling staff what this step is for."""
        return _STEP_LABELS[self][2]


_STEP_LABELS = {
    Step.IDENTIFY: ("识别", "I", "弄清发生了什么、根本原因是什么"),
    Step.LISTEN: ("倾听", "L", "让客户把话说完，记下客户的原话和现在的需要"),
    Step.EMPATHIZE: ("共情", "E", "真诚致歉；升级的事件由经理出面负责"),
    Step.ACT: ("行动", "A", "给出补救办法并落实：返工、退款、减免、补偿券、换人或紧急维修"),
    Step.DEEPEN: ("深化", "D", "第三天回访，并做出改进，避免再次发生"),
}


class RemedyKind(StrEnum):
    REDO = "redo"
    REFUND = "refund"
    FEE_WAIVER = "fee_waiver"
    VOUCHER = "voucher"
    REPLACE_WORKER = "replace_worker"
    EMERGENCY_REPAIR = "emergency_repair"
    REINSPECT = "reinspect"

    @property
    def label(self) -> str:
        return _REMEDY_LABELS[self]


_REMEDY_LABELS = {
    RemedyKind.REDO: "免费返工",
    RemedyKind.REFUND: "退款",
    RemedyKind.FEE_WAIVER: "减免费用",
    RemedyKind.VOUCHER: "补偿券",
    RemedyKind.REPLACE_WORKER: "更换服务人员",
    RemedyKind.EMERGENCY_REPAIR: "紧急维修",
    RemedyKind.REINSPECT: "上门复查",
}


MONEY_REMEDIES = frozenset({RemedyKind.REFUND, RemedyKind.FEE_WAIVER, RemedyKind.VOUCHER})
"""Remedies that are money for the customer and need an amount."""

REINSPECT_DAYS_MAX = 60
"""A 复查 (re-inspection visit) is booked at most this many days ahead."""

IMPROVEMENT_KINDS = ("服务人员培训", "流程调整", "更换服务人员", "用品/工具更换", "其他")

DEFAULT_ROOT_CAUSES = (
    "技能不足", "用品使用不当", "预约失误", "交通", "外部因素", "沟通不到位", "服务态度", "设备老化",
)  # fmt: skip


@dataclass(frozen=True)
class FieldSpec:
    """One field of a step's form."""

    name: str
    label: str
    required: bool = True
    choices: tuple[str, ...] = ()


STEP_FIELDS: dict[Step, tuple[FieldSpec, ...]] = {
    Step.IDENTIFY: (
        FieldSpec("what_happened", "发生了什么"),
        FieldSpec("root_cause", "根本原因"),
    ),
    Step.LISTEN: (
        FieldSpec("customer_account", "客户的讲述"),
        FieldSpec("customer_needs", "客户现在需要什么"),
    ),
    Step.EMPATHIZE: (
        FieldSpec("apology", "致歉内容"),
        FieldSpec("manager", "负责的经理", required=False),
    ),
    Step.ACT: (FieldSpec("action_plan", "行动方案"),),
    Step.DEEPEN: (
        FieldSpec("improvement", "改进措施"),
        FieldSpec("improvement_kind", "改进类型", choices=IMPROVEMENT_KINDS),
        FieldSpec("no_callback_reason", "未回访原因", required=False),
    ),
}

TEXT_MAX = 1000
MAX_REMEDY_USES = MAX_VOUCHER_USES
"""A 补偿券 from the 行动 step has as many uses at most as one from the 优惠券 page."""


@dataclass(frozen=True)
class RemedyDraft:
    """A remedy as typed in the 行动 step; the amount is still text in yuan.

    ``amount_text`` is the whole amount; a 补偿券 may be split into ``uses`` equal uses
    (¥200 in 2 uses: 减免本次及下次基础服务费, ¥100 each). A 上门复查 has the time of its visit
    (``visit_at``, timezone-aware).
    """

    kind: str
    amount_text: str = ""
    note: str = ""
    uses: int = 1
    visit_at: datetime | None = None


@dataclass(frozen=True)
class Remedy:
    kind: RemedyKind
    amount_fen: int
    note: str
    uses: int = 1
    visit_at: datetime | None = None

    @property
    def per_use_fen(self) -> int:
        return self.amount_fen // self.uses

    def describe(self) -> str:
        """``减免费用 ¥200.00（下次上门费）``; ``补偿券 ¥200.00（共 2 次，每次 ¥100.00；…）``."""
        return describe_remedy(self.kind, self.amount_fen, self.note, self.uses, visit_at=self.visit_at)


def uses_text(uses: int, per_use_fen: int) -> str:
    """``共 2 次，每次 ¥100.00``: how a voucher of several uses is said and printed."""
    return f"共 {uses} 次，每次 {format_fen(per_use_fen)}"


def describe_remedy(
    kind: RemedyKind,
    amount_fen: int,
    note: str,
    uses: int = 1,
    code: str = "",
    visit_at: datetime | None = None,
) -> str:
    """One remedy in words, as the history, the audit log and the callback script show it.

    ``visit_at`` (a 复查's visit) is shown as given: pass it in the clock's zone.
    """
    money = f" {format_fen(amount_fen)}" if amount_fen else ""
    parts = [uses_text(uses, amount_fen // uses)] if uses > 1 else []
    if visit_at is not None:
        parts.append(f"{visit_at:%Y-%m-%d %H:%M}")
    if note:
        parts.append(note)
    details = "；".join(parts)
    if code:
        details = f"{details}，券码 {code}" if details else f"券码 {code}"
    return f"{kind.label}{money}" + (f"（{details}）" if details else "")


def clean_step_data(step: Step, data: Mapping[str, str]) -> dict[str, str]:
    """The step's known fields, stripped; unknown keys are dropped."""
    return {spec.name: str(data.get(spec.name, "") or "").strip() for spec in STEP_FIELDS[step]}


def validate_step(
    step: Step,
    data: Mapping[str, str],
    *,
    escalation_level: int = 1,
    root_causes: Sequence[str] = DEFAULT_ROOT_CAUSES,
    has_callback: bool = False,
) -> dict[str, str]:
    """Check a step before it is completed; return its cleaned fields.

    Raises ``ValidationError`` naming every field still missing, in words staff
    understand ("请填写「发生了什么」").
    """
    clean = clean_step_data(step, data)
    errors: dict[str, str] = {}
    for spec in STEP_FIELDS[step]:
        value = clean[spec.name]
        if spec.required and not value:
            errors[spec.name] = f"请填写「{spec.label}」"
        elif len(value) > TEXT_MAX:
            errors[spec.name] = f"「{spec.label}」最多 {TEXT_MAX} 字"
        elif spec.choices and value and value not in spec.choices:
            errors[spec.name] = f"请从列表中选择「{spec.label}」"
    if step == Step.IDENTIFY and clean["root_cause"] and clean["root_cause"] not in root_causes:
        errors["root_cause"] = "请从列表中选择根本原因（列表可在“设置”里修改）"
    if step == Step.EMPATHIZE and escalation_level >= 2 and not clean["manager"]:
        errors["manager"] = "事件已升级，请选择出面负责的经理"
    if step == Step.DEEPEN and not has_callback and not clean["no_callback_reason"]:
        errors["no_callback_reason"] = "还没有回访记录：请先做三日回访，或写明不回访的原因"
    if errors:
        raise ValidationError(errors)
    return clean


def validate_remedies(
    drafts: Sequence[RemedyDraft],
    now: datetime | None = None,
    booked: Collection[datetime] = (),
) -> list[Remedy]:
    """Check the remedies of the 行动 step (at least one; money remedies need an amount).

    Only a 补偿券 can have several uses (1 to ``MAX_REMEDY_USES``), and its amount must split
    into equal uses to the fen. A 上门复查 needs the time of its visit: not before ``now`` (unless it
    is one of the visits already ``booked``, kept by a correction) and at most ``REINSPECT_DAYS_MAX``
    days ahead.
    """
    if not drafts:
        raise ValidationError({"remedies": "请至少选择一项补救措施"})
    remedies: list[Remedy] = []
    problems: list[str] = []
    for number, draft in enumerate(drafts, start=1):
        try:
            kind = RemedyKind(draft.kind)
        except ValueError:
            problems.append(f"第 {number} 项：请从列表中选择补救方式")
            continue
        amount = 0
        if draft.amount_text.strip():
            try:
                amount = parse_yuan(draft.amount_text)
            except ValueError as exc:
                problems.append(f"第 {number} 项（{kind.label}）：{exc}")
                continue
        if kind in MONEY_REMEDIES and amount <= 0:
            wanted = "金额须大于 0" if draft.amount_text.strip() else "请填写金额"
            problems.append(f"第 {number} 项（{kind.label}）：{wanted}")
            continue
        uses = draft.uses
        if not isinstance(uses, int) or isinstance(uses, bool) or not 1 <= uses <= MAX_REMEDY_USES:
            problems.append(f"第 {number} 项（{kind.label}）：使用次数须在 1 到 {MAX_REMEDY_USES} 次之间")
            continue
        if uses > 1 and kind != RemedyKind.VOUCHER:
            problems.append(
                f"第 {number} 项（{kind.label}）：只有补偿券可以分几次使用，请把次数改回 1，或改选补偿券"
            )
            continue
        if amount % uses:
            problems.append(
                f"第 {number} 项（{kind.label}）：{format_fen(amount)} 分 {uses} 次不能整分到分，请调整金额或次数"
            )
            continue
        if len(draft.note) > 200:
            problems.append(f"第 {number} 项（{kind.label}）：说明最多 200 字")
            continue
        visit_at = draft.visit_at if kind == RemedyKind.REINSPECT else None
        if kind == RemedyKind.REINSPECT:
            problem = _visit_problem(visit_at, now, booked)
            if problem:
                problems.append(f"第 {number} 项（{kind.label}）：{problem}")
                continue
        remedies.append(Remedy(kind, amount, draft.note.strip(), uses, visit_at))
    if problems:
        raise ValidationError({"remedies": "；".join(problems)})
    return remedies


def _visit_problem(visit_at: datetime | None, now: datetime | None, booked: Collection[datetime]) -> str:
    """What is wrong with the time of a 复查 visit ("" when nothing)."""
    if visit_at is None:
        return "请选择上门复查的日期和时间"
    if visit_at.tzinfo is None or visit_at.utcoffset() is None:
        raise ValueError(f"visit_at must be a timezone-aware datetime, got {visit_at!r}")
    if now is None or visit_at in booked:
        return ""
    if visit_at < now:
        return f"复查时间已经过去了（现在是 {now:%m-%d %H:%M}），请选一个以后的时间"
    if visit_at > now + timedelta(days=REINSPECT_DAYS_MAX):
        return f"复查最多安排在 {REINSPECT_DAYS_MAX} 天以内，请选一个近一些的时间"
    return ""


def compensation_total(remedies: Sequence[Remedy]) -> int:
    """Money the agency gives or spends for the customer, in fen (a voucher counts all its uses)."""
    return sum(r.amount_fen for r in remedies)


DEFAULT_LIMITS: dict[Role, int] = {Role.CUSTOMER_SERVICE: 100_00, Role.REGIONAL_MANAGER: 500_00}
"""Compensation each role may approve alone (fen); the owner has no limit."""


def role_needed(total_fen: int, limits: Mapping[Role, int]) -> Role:
    """The lowest role allowed to approve ``total_fen`` of compensation."""
    for role in (Role.CUSTOMER_SERVICE, Role.REGIONAL_MANAGER):
        if total_fen <= limits.get(role, 0):
            return role
    return Role.OWNER


def incident_number(year: int, sequence: int) -> str:
    """``SJ-2026-0042``: the year and a sequence that is never reused."""
    return f"SJ-{year}-{sequence:04d}"
