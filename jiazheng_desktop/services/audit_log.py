"""The audit log, readable: who did what and when, filtered and paged by the database, exported for the owner.

Rows are written by ``ServiceContext`` (one per use case); this module only reads them, exports
them, and erases a deleted customer's personal data from them (``erase_customer``).

Paging is by keyset (rows with ``id`` below the last one shown), never OFFSET, so the thousandth
page of a log of hundreds of thousands of rows costs what the first does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from peewee import Expression

from ..domain.paging import Key, Order, Run
from ..domain.staff import Role
from ..storage.models import (
    AuditLog,
    Contract,
    Customer,
    Incident,
    Reminder,
    ScriptTemplate,
    ServiceRecord,
    Staff,
    Voucher,
    Worker,
)
from .changes import ChangeKind
from .context import CUSTOMER_OF, Authorization, ServiceContext
from .paging import KeysetList
from .xlsx import Column, XlsxBook, write_xlsx

EXPORT_ACTION = "导出操作记录"
COMMISSION_ENTITY = "referral_commission"
"""Audit rows of referral commission name the referrer's customer id (whose commission it is)."""

KIND_LABELS: dict[str, str] = {
    "customer": "客户",
    "incident": "投诉",
    "voucher": "优惠券",
    "referral_reward": "推荐奖励",
    "referral_commission": "推荐佣金",
    "contract": "合同",
    "service_record": "服务记录",
    "reminder": "提醒",
    "worker": "服务人员",
    "staff": "员工",
    "script_template": "话术模板",
    "setting": "设置",
    "audit_log": "操作记录",
    "document": "文件",
    "report": "月度报告",
    "backup": "备份",
    "security": "数据安全",
    "campaign": "营销活动",
}
"""What an audit row's ``entity`` is called on screen."""

_OWNED_BY_CUSTOMER: dict[str, Any] = {
    **{kind.value: model for kind, model in CUSTOMER_OF.items()},
    "referral_reward": Voucher,  # its entity_id is the reward voucher's
    "reminder": Reminder,
}
"""Audit entities that belong to one customer, with the model whose ``customer`` says whose."""

EXPORT_COLUMNS: tuple[Column, ...] = (
    Column("编号", "int", 9),
    Column("时间", "datetime", 20, "yyyy-mm-dd hh:mm:ss"),
    Column("操作人", "text", 12),
    Column("操作", "text", 16),
    Column("对象", "text", 32),
    Column("详情", "text", 90, wrap=True),
)
"""The spreadsheet's columns (widths in characters)."""


@dataclass(frozen=True)
class AuditFilter:
    """The log's filters as the owner set them; None or empty means "any"."""

    staff_id: int | None = None
    customer_id: int | None = None
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    """Both dates included, as days of the agency's time zone."""


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One line of the log, ready to show."""

    id: int
    at: datetime
    """In the agency's time zone."""
    staff_id: int | None
    staff_name: str
    action: str
    entity: str
    entity_id: int | None
    subject: str
    """``客户 #12 王建国``, ``投诉 SJ-2026-0012``: what the row is about."""
    detail: str
    """The stored details as ``键：值；键：值``."""


def render_detail(text: str) -> str:
    """The stored JSON details as one readable line: ``券码：ABCD；金额：¥200.00``."""
    if not text:
        return ""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return _render(value, top=True)


def _render(value: Any, top: bool = False) -> str:
    if isinstance(value, dict):
        inner = ("；" if top else "，").join(f"{key}：{_render(item)}" for key, item in value.items())
        return inner if top else f"（{inner}）"
    if isinstance(value, list):
        return "、".join(_render(item) for item in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "—"
    return str(value)


class AuditLogService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # -- reading ------------------------------------------------------------------------------------

    def actions(self) -> list[str]:
        """Every kind of action the log holds (for the filter's list), in Chinese collation-free order."""
        query = AuditLog.select(AuditLog.action).distinct().order_by(AuditLog.action)
        return [str(action) for (action,) in _tuples(query)]

    def count(self, flt: AuditFilter) -> int:
        """How many rows match ``flt``."""
        return int(_where(AuditLog.select(), self._conditions(flt)).count())

    def page(self, flt: AuditFilter, before_id: int | None = None, limit: int = 200) -> list[AuditRow]:
        """Up to ``limit`` matching rows, newest first, older than ``before_id`` (the last row shown)."""
        conditions = self._conditions(flt)
        if before_id is not None:
            conditions.append(AuditLog.id < before_id)
        return self._read(conditions, AuditLog.id.desc(), limit)

    def listing(self, flt: AuditFilter) -> KeysetList[AuditRow]:
        """The log for ``flt``, newest first, read a keyset page at a time (the id is the sort key)."""

        def run_conditions(run: Run) -> list[Expression]:
            conditions = self._conditions(flt)
            if run.after is not None:
                conditions.append(
                    AuditLog.id < run.after[1] if run.descending else AuditLog.id > run.after[1]
                )
            return conditions

        def keyed(rows: list[AuditRow]) -> list[tuple[AuditRow, Key]]:
            return [(row, (row.id, row.id)) for row in rows]

        def read_run(run: Run, limit: int) -> list[tuple[AuditRow, Key]]:
            order = AuditLog.id.desc() if run.descending else AuditLog.id.asc()
            return keyed(self._read(run_conditions(run), order, limit))

        def read_at(offset: int, limit: int) -> list[tuple[AuditRow, Key]]:
            return keyed(self._read(self._conditions(flt), AuditLog.id.desc(), limit, offset))

        def key_of(row_id: int) -> Key | None:
            found = _where(AuditLog.select(AuditLog.id), [*self._conditions(flt), AuditLog.id == row_id])
            return (row_id, row_id) if found.exists() else None

        def count_run(run: Run) -> int:
            return int(_where(AuditLog.select(), run_conditions(run)).count())

        return KeysetList(
            Order(descending=True),
            count=lambda: self.count(flt),
            read_run=read_run,
            read_at=read_at,
            key_of=key_of,
            count_run=count_run,
        )

    def _read(self, conditions: list[Expression], order: Any, limit: int, offset: int = 0) -> list[AuditRow]:
        columns = _where(
            AuditLog.select(
                AuditLog.id,
                AuditLog.at,
                AuditLog.staff,
                AuditLog.staff_name,
                AuditLog.action,
                AuditLog.entity,
                AuditLog.entity_id,
                AuditLog.detail,
            ),
            conditions,
        )
        raw = _tuples(columns.order_by(order).limit(limit).offset(offset or None))
        labels = _subject_labels((entity, entity_id) for _i, _a, _s, _n, _x, entity, entity_id, _d in raw)
        zone = self._zone()
        return [
            AuditRow(
                id=row_id,
                at=at.astimezone(zone),
                staff_id=staff_id,
                staff_name=staff_name,
                action=action,
                entity=entity,
                entity_id=entity_id,
                subject=labels.get((entity, entity_id)) or _fallback_label(entity, entity_id),
                detail=render_detail(detail),
            )
            for row_id, at, staff_id, staff_name, action, entity, entity_id, detail in raw
        ]

    def rows(self, flt: AuditFilter, batch: int = 1000) -> Iterator[AuditRow]:
        """Every matching row, newest first, read a keyset page at a time."""
        before: int | None = None
        while True:
            chunk = self.page(flt, before, batch)
            yield from chunk
            if len(chunk) < batch:
                return
            before = chunk[-1].id

    def _conditions(self, flt: AuditFilter) -> list[Expression]:
        conditions: list[Expression] = []
        if flt.staff_id is not None:
            conditions.append(AuditLog.staff == flt.staff_id)
        if flt.action:
            conditions.append(AuditLog.action == flt.action)
        if flt.customer_id is not None:
            conditions.append(about_customer(flt.customer_id))
        zone = self._zone()
        if flt.date_from is not None:
            conditions.append(AuditLog.at >= datetime.combine(flt.date_from, time(), tzinfo=zone))
        if flt.date_to is not None:
            end = datetime.combine(flt.date_to + timedelta(days=1), time(), tzinfo=zone)
            conditions.append(AuditLog.at < end)
        return conditions

    def _zone(self) -> tzinfo | None:
        return self._ctx.now().tzinfo

    # -- export ---------------------------------------------------------------------------------------

    def export_xlsx(
        self,
        flt: AuditFilter,
        target: Path,
        auth: Authorization | None,
        progress: Callable[[int, str], None] | None = None,
    ) -> int:
        """Write the matching rows to an Excel file at ``target`` (the owner only); returns how many.

        The export itself is audited (the number of rows and the file's name, not the rows).
        """
        self._ctx.require(auth, Role.OWNER, EXPORT_ACTION)
        assert auth is not None
        written = write_xlsx(target, lambda book: self._write_sheet(flt, book, progress), "操作记录")
        self._ctx.record(
            EXPORT_ACTION, "audit_log", None, {"行数": written, "文件": target.name, "确认人": auth.name}
        )
        if progress is not None:
            progress(100, "已完成")
        return written

    def _write_sheet(
        self, flt: AuditFilter, book: XlsxBook, progress: Callable[[int, str], None] | None
    ) -> int:
        """Stream the matching rows into the workbook's one sheet; returns how many."""
        total = self.count(flt)
        sheet = book.sheet("操作记录", EXPORT_COLUMNS)
        for row in self.rows(flt):
            sheet.append((row.id, row.at, row.staff_name, row.action, row.subject, row.detail))
            if progress is not None and sheet.rows % 1000 == 0:
                progress(min(95, sheet.rows * 95 // max(total, 1)), f"已写入 {sheet.rows} / {total} 行…")
        return sheet.rows


def about_customer(customer_id: int) -> Expression:
    """Audit rows about a customer: the customer's own and those about its complaints, vouchers,
    contracts, visits, referral rewards, referral commission (theirs as the referrer) and reminders
    (while those still exist)."""
    condition: Expression = (AuditLog.entity.in_([ChangeKind.CUSTOMER.value, COMMISSION_ENTITY])) & (
        AuditLog.entity_id == customer_id
    )
    for entity, model in _OWNED_BY_CUSTOMER.items():
        owned = model.select(model.id).where(model.customer == customer_id)
        condition = condition | ((AuditLog.entity == entity) & AuditLog.entity_id.in_(owned))
    return condition


def deleted_label(customer_id: int) -> str:
    return f"#{customer_id}（已删除）"


def erase_customer(customer: Customer) -> int:
    """Inside the deletion's transaction: remove the customer's personal data from the audit log.

    The rule: every row about the customer or its things (``about_customer``) keeps its time,
    person, action and ids, and its details become only ``{"客户": "#12（已删除）"}``. Any other
    row whose details mention the customer (another customer's referrer, say) gets the customer's
    phones and ``称呼（姓名）`` replaced by ``客户 #12（已删除）``; the bare name too, unless another
    customer has the same name (then the text may be about them). Returns the rows rewritten.
    """
    erased = json.dumps({"客户": deleted_label(customer.id)}, ensure_ascii=False)
    rewritten = (
        AuditLog.update(detail=erased)
        .where(about_customer(customer.id), AuditLog.detail != "", AuditLog.detail != erased)
        .execute()
    )
    replacement = f"客户 {deleted_label(customer.id)}"
    needles = [f"{customer.address_as}（{customer.name}）"]
    needles += [phone for phone in (customer.phones or "").split(",") if len(phone.strip()) >= 5]
    namesake = Customer.select().where(Customer.name == customer.name, Customer.id != customer.id).exists()
    if customer.name and not namesake:
        needles.append(customer.name)
    needles = [n.strip() for n in needles if n and n.strip()]
    if not needles:
        return int(rewritten)
    mentions = AuditLog.detail.contains(needles[0])
    for needle in needles[1:]:
        mentions = mentions | AuditLog.detail.contains(needle)
    for row in AuditLog.select(AuditLog.id, AuditLog.detail).where(mentions):
        cleaned = _replace_in_detail(row.detail, needles, replacement)
        if cleaned != row.detail:
            AuditLog.update(detail=cleaned).where(AuditLog.id == row.id).execute()
            rewritten += 1
    return int(rewritten)


def _replace_in_detail(text: str, needles: list[str], replacement: str) -> str:
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            for needle in needles:
                value = value.replace(needle, replacement)
            return value
        if isinstance(value, dict):
            return {clean(key): clean(item) for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    try:
        parsed = json.loads(text)
    except ValueError:
        return str(clean(text))
    return json.dumps(clean(parsed), ensure_ascii=False, default=str)


# -- what a row is about --------------------------------------------------------------------------------


def _where(query: Any, conditions: list[Expression]) -> Any:
    """``query`` narrowed by every condition (peewee refuses an empty ``where()``)."""
    return query.where(*conditions) if conditions else query


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    """A query's rows as plain tuples (peewee's ``.tuples()`` is untyped)."""
    return [tuple(row) for row in query.tuples()]


def _fallback_label(entity: str, entity_id: int | None) -> str:
    kind = KIND_LABELS.get(entity, entity)
    if entity_id is None:
        return kind
    if entity in _LABELLERS:
        return f"{kind} #{entity_id}（已删除）"
    return f"{kind} #{entity_id}"


def _customer_labels(ids: set[int]) -> dict[int, str]:
    query = Customer.select(Customer.id, Customer.name).where(Customer.id.in_(ids))
    return {i: f"客户 #{i} {name}" for i, name in _tuples(query)}


def _incident_labels(ids: set[int]) -> dict[int, str]:
    query = Incident.select(Incident.id, Incident.number).where(Incident.id.in_(ids))
    return {i: f"投诉 {number}" for i, number in _tuples(query)}


def _voucher_labels(prefix: str) -> Callable[[set[int]], dict[int, str]]:
    def labels(ids: set[int]) -> dict[int, str]:
        query = Voucher.select(Voucher.id, Voucher.code).where(Voucher.id.in_(ids))
        return {i: f"{prefix} {code}" for i, code in _tuples(query)}

    return labels


def _contract_labels(ids: set[int]) -> dict[int, str]:
    query = Contract.select(Contract.id, Contract.package).where(Contract.id.in_(ids))
    return {i: f"合同 #{i} {package}" for i, package in _tuples(query)}


def _visit_labels(ids: set[int]) -> dict[int, str]:
    query = ServiceRecord.select(ServiceRecord.id, ServiceRecord.service_type).where(
        ServiceRecord.id.in_(ids)
    )
    return {i: f"服务记录 #{i} {service_type}" for i, service_type in _tuples(query)}


def _named(model: Any, field: Any, kind: str) -> Callable[[set[int]], dict[int, str]]:
    def labels(ids: set[int]) -> dict[int, str]:
        query = model.select(model.id, field).where(model.id.in_(ids))
        return {i: f"{kind} #{i} {text}" for i, text in _tuples(query)}

    return labels


_LABELLERS: dict[str, Callable[[set[int]], dict[int, str]]] = {
    "customer": _customer_labels,
    "incident": _incident_labels,
    "voucher": _voucher_labels("优惠券"),
    "referral_reward": _voucher_labels("推荐奖励 优惠券"),
    COMMISSION_ENTITY: lambda ids: {i: f"推荐佣金 · {label}" for i, label in _customer_labels(ids).items()},
    "contract": _contract_labels,
    "service_record": _visit_labels,
    "reminder": _named(Reminder, Reminder.title, "提醒"),
    "worker": _named(Worker, Worker.name, "服务人员"),
    "staff": _named(Staff, Staff.name, "员工"),
    "script_template": _named(ScriptTemplate, ScriptTemplate.title, "话术模板"),
}


def _subject_labels(subjects: Iterable[tuple[str, int | None]]) -> dict[tuple[str, int | None], str]:
    """One query per kind of entity on the page: ``("customer", 12)`` → ``客户 #12 王建国``."""
    wanted: dict[str, set[int]] = {}
    for entity, entity_id in subjects:
        if entity_id is not None and entity in _LABELLERS:
            wanted.setdefault(entity, set()).add(entity_id)
    labels: dict[tuple[str, int | None], str] = {}
    for entity, ids in wanted.items():
        for entity_id, label in _LABELLERS[entity](ids).items():
            labels[(entity, entity_id)] = label
    return labels
