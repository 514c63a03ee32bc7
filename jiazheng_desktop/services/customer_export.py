"""导出个人信息 (PIPL 查阅、复制): everything the program holds about one customer, as a PDF and a workbook.

The owner confirms with their password; the export is audited (导出个人信息) with the customer's
number and how many records of each kind went out, never their name or phone. Both files go to the
documents folder, named like the other documents (``个人信息副本-王先生-2026-11-23.pdf`` / ``.xlsx``).

What "everything" is: the customer row, then every table that points at the customer or at one of
its records (``SHEETS`` names them; a test derives the list from the models, so a new table fails
it until it is exported here), and the audit rows about the customer. Other customers appear only
by their form of address, where a referral links them.

It reads a lot for a big customer: call it off the GUI thread (``BackgroundCall``). Its one write
is the audit row, on that thread's own connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..documents.customer_export import (
    Cell,
    ConsentLine,
    ConsentNow,
    CopySection,
    CustomerCopy,
    cell_text,
    render_customer_copy,
)
from ..domain.contracts import ContractStatus, RenewalStep
from ..domain.customers import ContactChannel, CustomerType, VipTier
from ..domain.deadlines import Level
from ..domain.errors import NotFoundError
from ..domain.incidents import STEP_FIELDS, Category, RemedyKind, ReportChannel, Severity, Status, Step
from ..domain.money import format_fen
from ..domain.points import PointsKind
from ..domain.privacy import ConsentState, Purpose
from ..domain.referrals import CommissionStatus, SettleMethod
from ..domain.reminders import Kind as ReminderKind
from ..domain.reminders import State as ReminderState
from ..domain.staff import Role
from ..domain.surveys import Outcome
from ..domain.vouchers import EntryKind, VoucherKind, VoucherStatus
from ..storage.models import (
    Callback,
    Campaign,
    CampaignRecipient,
    Contract,
    Customer,
    Escalation,
    Incident,
    IncidentStep,
    Inquiry,
    PointsEntry,
    ReferralCommission,
    ReferralReward,
    RemedyRecord,
    Reminder,
    RenewalAction,
    ServiceRecord,
    Staff,
    Survey,
    Voucher,
    VoucherEntry,
    Worker,
)
from .audit_log import AuditFilter, AuditLogService
from .consents import ConsentService, state_of
from .context import Authorization, ServiceContext
from .documents import file_name
from .xlsx import Column, XlsxBook, enum_label

if TYPE_CHECKING:
    from .documents import DocumentService

EXPORT_ACTION = "导出个人信息"

SHEETS: dict[str, str] = {
    "customer": "客户资料",
    "consent_status": "同意状态",
    "consent": "同意记录",
    "inquiry": "咨询记录",
    "service_record": "服务记录",
    "incident": "投诉",
    "incident_step": "投诉处理步骤",
    "remedy": "补救措施",
    "escalation": "投诉升级",
    "callback": "回访记录",
    "survey": "满意度回访",
    "voucher": "优惠券",
    "voucher_entry": "优惠券账目",
    "points_entry": "积分账目",
    "contract": "合同",
    "renewal_action": "续约跟进",
    "referral_reward": "推荐奖励",
    "referral_commission": "推荐佣金",
    "campaign_recipient": "营销消息",
    "reminder": "提醒",
    "audit_log": "操作记录",
}
"""Each section of the copy (by the table it comes from) and its title: the workbook's sheet names."""

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ExportFiles:
    pdf: Path
    xlsx: Path


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("是" if value else "否")


def _duration(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes} 分 {rest} 秒" if minutes else f"{rest} 秒"


class CustomerExportService:
    def __init__(
        self,
        context: ServiceContext,
        consents: ConsentService,
        audit_log: AuditLogService,
        documents: Callable[[], DocumentService],
    ) -> None:
        self._ctx = context
        self._consents = consents
        self._audit_log = audit_log
        self._documents = documents

    def export(
        self, customer_id: int, auth: Authorization | None, progress: Progress | None = None
    ) -> ExportFiles:
        """Write the customer's copy as a PDF and an xlsx into the documents folder (the owner only).

        Both files or neither; audited once both are saved (if the audit row cannot be written, the
        files are removed again).
        """
        self._ctx.require(auth, Role.OWNER, EXPORT_ACTION)
        assert auth is not None
        copy = self.gather(customer_id, auth, progress)
        documents = self._documents()
        name = file_name("个人信息副本", f"#{copy.customer_id}", copy.address_as, f"{copy.made_at:%Y-%m-%d}")
        pdf = documents.write(name, lambda target: render_customer_copy(copy, target, progress))
        if progress is not None:
            progress(92, "正在写入 Excel 表格…")
        try:  # both files or neither
            xlsx = documents.write(
                name.removesuffix(".pdf") + ".xlsx", lambda target: write_workbook(copy, target)
            )
        except BaseException:
            pdf.unlink(missing_ok=True)
            raise
        counts = {
            SHEETS[s.key]: len(s.rows)
            for s in copy.all_sections()
            if s.key not in ("customer", "consent_status")
        }
        detail = {
            "客户": f"#{customer_id}",
            "文件": "PDF 和 Excel 各一份",
            "记录数": counts,
            "确认人": auth.name,
        }
        try:
            self._ctx.record(EXPORT_ACTION, "customer", customer_id, detail)
        except BaseException:
            pdf.unlink(missing_ok=True)
            xlsx.unlink(missing_ok=True)
            raise
        for path in (pdf, xlsx):
            documents.note_made(
                path, "customer", customer_id, {"文件": "个人信息副本", "客户": f"#{customer_id}"}
            )
        if progress is not None:
            progress(100, "已完成")
        return ExportFiles(pdf, xlsx)

    def gather(
        self, customer_id: int, auth: Authorization | None, progress: Progress | None = None
    ) -> CustomerCopy:
        """Everything held about the customer, as plain data (the owner only; nothing is written)."""
        self._ctx.require(auth, Role.OWNER, EXPORT_ACTION)
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        return _Gathering(self._ctx, self._consents, self._audit_log, customer, progress).copy(
            self._documents().letterhead()
        )


class _Gathering:
    """One customer's records, read table by table; each method makes one section."""

    def __init__(
        self,
        context: ServiceContext,
        consents: ConsentService,
        audit_log: AuditLogService,
        customer: Customer,
        progress: Progress | None,
    ) -> None:
        self._ctx = context
        self._consents = consents
        self._audit_log = audit_log
        self.customer = customer
        self.id = int(customer.id)
        self._progress = progress
        self.zone: tzinfo | None = context.now().tzinfo
        self.staff = {int(s.id): str(s.name) for s in Staff.select(Staff.id, Staff.name)}
        # The customer's records as subqueries: what points at them belongs to the customer too.
        self.visit_ids = ServiceRecord.select(ServiceRecord.id).where(ServiceRecord.customer == self.id)
        self.incident_ids = Incident.select(Incident.id).where(
            (Incident.customer == self.id) | Incident.service_record.in_(self.visit_ids)
        )
        self.voucher_ids = Voucher.select(Voucher.id).where(
            (Voucher.customer == self.id) | Voucher.incident.in_(self.incident_ids)
        )
        self.contract_ids = Contract.select(Contract.id).where(Contract.customer == self.id)
        self.visits: dict[int, ServiceRecord] = {}
        self.incidents: dict[int, Incident] = {}
        self.vouchers: dict[int, Voucher] = {}
        self.contracts: dict[int, Contract] = {}

    def _step(self, percent: int, text: str) -> None:
        if self._progress is not None:
            self._progress(percent, text)

    def local(self, moment: datetime | None) -> datetime | None:
        return moment.astimezone(self.zone) if moment is not None else None

    def who(self, staff_id: int | None) -> str:
        return self.staff.get(staff_id or 0, "")

    def copy(self, letterhead: Any) -> CustomerCopy:
        self._step(5, "正在读取客户资料和同意记录…")
        profile = self.profile()
        now, history = self.consents()
        sections: list[CopySection] = []
        readers: list[Callable[[], CopySection]] = [
            self.inquiries, self.service_records, self.incident_list, self.incident_steps, self.remedies, self.escalations,
            self.callbacks, self.surveys, self.voucher_list, self.voucher_entries, self.points_entries, self.contract_list,
            self.renewal_actions, self.referral_rewards, self.referral_commissions, self.campaign_messages,
            self.reminders, self.audit_rows,
        ]  # fmt: skip
        for number, read in enumerate(readers, start=1):
            section = read()
            sections.append(section)
            self._step(5 + 50 * number // len(readers), f"正在读取：{section.title}…")
        made_at = self.local(self._ctx.now())
        assert made_at is not None
        return CustomerCopy(
            letterhead, self.id, str(self.customer.address_as), made_at, profile, now, history, sections
        )

    # -- the customer and their consents -------------------------------------------------------------

    def profile(self) -> list[tuple[str, str]]:
        c = self.customer
        referrer = Customer.get_or_none(Customer.id == c.referrer_id) if c.referrer_id else None
        phones = "、".join(phone.strip() for phone in (c.phones or "").split(",") if phone.strip())
        pairs: list[tuple[str, Cell]] = [
            ("客户编号", f"#{c.id}"),
            ("姓名", c.name),
            ("称呼", c.address_as),
            ("电话", phones),
            ("区域", c.district),
            ("地址", c.address),
            ("客户类型", enum_label(CustomerType, c.customer_type)),
            ("希望的联系方式", enum_label(ContactChannel, c.contact_channel)),
            ("方便联系的时段", f"{c.contact_start:%H:%M}–{c.contact_end:%H:%M}"),
            ("家庭备注", _notes_as_held(c)),
            ("推荐人", referrer.address_as if referrer is not None else ""),
            ("会员等级", enum_label(VipTier, c.vip_tier)),
            ("积分", str(c.points)),
            ("成为客户", self.local(c.created_at)),
            ("最近一次服务", self.local(c.last_service_at)),
            ("资料最后修改", self.local(c.updated_at)),
        ]
        if c.erased_at is not None:
            pairs.append(("个人信息已删除", self.local(c.erased_at)))
        return [(label, cell_text(value)) for label, value in pairs]

    def consents(self) -> tuple[list[ConsentNow], list[ConsentLine]]:
        now = [
            ConsentNow(
                status.purpose.label,
                status.state.label,
                self.local(status.entry.at) if status.entry is not None else None,
                status.purpose.allows,
            )
            for status in self._consents.status(self.id).values()
        ]
        history = self._consents.history(self.id)
        granted_before: set[str] = set()
        results: dict[int, str] = {}
        for entry in reversed(history):  # oldest first: a "no" after a "yes" is a withdrawal
            if entry.granted:
                results[entry.id] = "同意"
                granted_before.add(entry.purpose.value)
            else:
                results[entry.id] = "撤回同意" if entry.purpose.value in granted_before else "不同意"
        lines = []
        for entry in history:
            at = self.local(entry.at)
            assert at is not None
            lines.append(
                ConsentLine(
                    entry.purpose.label, results[entry.id], at, entry.channel.label, entry.staff_name,
                    entry.wording.version, entry.wording.text, entry.note,
                )
            )  # fmt: skip
        return now, lines

    # -- visits and complaints ----------------------------------------------------------------------

    def _section(
        self,
        key: str,
        columns: tuple[str, ...],
        rows: Iterable[tuple[Cell, ...]],
        widths: tuple[float, ...],
        note: str = "",
    ) -> CopySection:
        return CopySection(key, SHEETS[key], columns, list(rows), widths, note)

    def visit_label(self, visit_id: int | None) -> str:
        visit = self.visits.get(visit_id or 0)
        if visit is None:
            return ""
        served = self.local(visit.served_at)
        return f"{served:%Y-%m-%d} {visit.service_type}"

    def service_records(self) -> CopySection:
        query = (
            ServiceRecord.select()
            .where(ServiceRecord.customer == self.id)
            .order_by(ServiceRecord.served_at, ServiceRecord.id)
        )
        self.visits = {int(v.id): v for v in query}
        workers = _names(Worker, {v.worker_id for v in self.visits.values()})
        return self._section(
            "service_record",
            ("服务时间", "服务类型", "服务人员", "金额", "备注", "登记时间", "登记人"),
            (
                (
                    self.local(v.served_at),
                    v.service_type,
                    workers.get(v.worker_id or 0, ""),
                    format_fen(v.amount_fen),
                    v.notes,
                    self.local(v.created_at),
                    self.who(cast(Any, v).created_by_id),
                )
                for v in self.visits.values()
            ),
            (16, 10, 10, 10, 30, 16, 8),
        )

    def incident_list(self) -> CopySection:
        query = (
            Incident.select()
            .where(Incident.id.in_(self.incident_ids))
            .order_by(Incident.reported_at, Incident.id)
        )
        self.incidents = {int(i.id): i for i in query}
        workers = _names(Worker, {i.worker_id for i in self.incidents.values()})
        rows = []
        for i in self.incidents.values():
            step = (
                enum_label(Step, i.current_step)
                if i.status == Status.OPEN.value and i.current_step <= Step.DEEPEN
                else ""
            )
            rows.append(
                (i.number, self.local(i.reported_at), enum_label(Category, i.category), enum_label(Severity, i.severity),
                 enum_label(ReportChannel, i.channel), i.customer_said, self.visit_label(i.service_record_id),
                 workers.get(i.worker_id or 0, ""), enum_label(Status, i.status), step, enum_label(Level, i.escalation_level),
                 self.who(i.owner_id), self.local(i.first_response_at), self.local(i.resolved_at),
                 self.local(i.closed_at), i.close_reason, self.local(i.callback_due_at), self.who(i.reported_by_id))
            )  # fmt: skip
        return self._section(
            "incident",
            ("投诉编号", "反映时间", "类别", "严重程度", "反映渠道", "客户反映的情况", "相关服务", "服务人员", "状态",
             "当前步骤", "负责级别", "负责人", "首次回应", "解决时间", "关闭时间", "关闭原因", "计划回访时间", "登记人"),
            rows,
            (14, 16, 10, 8, 8, 40, 16, 10, 8, 8, 10, 10, 16, 16, 16, 20, 16, 8),
        )  # fmt: skip

    def _numbers(self, incident_id: int) -> str:
        incident = self.incidents.get(incident_id)
        return str(incident.number) if incident is not None else f"#{incident_id}"

    def incident_steps(self) -> CopySection:
        query = (
            IncidentStep.select()
            .where(IncidentStep.incident.in_(self.incident_ids))
            .order_by(IncidentStep.incident, IncidentStep.step)
        )
        rows = []
        for s in query:
            step = Step(s.step) if Step.IDENTIFY <= s.step <= Step.DEEPEN else None
            title = f"{step.letter} {step.label}" if step is not None else str(s.step)
            rows.append(
                (self._numbers(s.incident_id), title, _step_text(step, s.data), self.local(s.completed_at),
                 self.who(s.completed_by_id), self.local(s.corrected_at))
            )  # fmt: skip
        return self._section(
            "incident_step",
            ("投诉编号", "步骤", "记录的内容", "完成时间", "经办人", "更正时间"),
            rows,
            (14, 8, 60, 16, 8, 16),
            "服务补救的五个步骤：I 识别、L 倾听、E 共情、A 行动、D 深化。",
        )

    def remedies(self) -> CopySection:
        query = (
            RemedyRecord.select()
            .where(RemedyRecord.incident.in_(self.incident_ids))
            .order_by(RemedyRecord.id)
        )
        records = list(query)
        codes = _codes({r.voucher_id for r in records})
        return self._section(
            "remedy",
            ("投诉编号", "补救措施", "金额", "说明", "批准人", "补偿券券码", "时间"),
            (
                (
                    self._numbers(r.incident_id),
                    enum_label(RemedyKind, r.kind),
                    format_fen(r.amount_fen) if r.amount_fen else "",
                    r.note,
                    self.who(r.approved_by_id),
                    codes.get(r.voucher_id or 0, ""),
                    self.local(r.created_at),
                )
                for r in records
            ),
            (14, 12, 10, 30, 8, 12, 16),
        )

    def escalations(self) -> CopySection:
        query = (
            Escalation.select()
            .where(Escalation.incident.in_(self.incident_ids))
            .order_by(Escalation.at, Escalation.id)
        )
        return self._section(
            "escalation",
            ("投诉编号", "升级到", "时间", "原因", "负责人"),
            (
                (
                    self._numbers(e.incident_id),
                    enum_label(Level, e.level),
                    self.local(e.at),
                    e.reason,
                    e.owner_name or self.who(e.owner_id),
                )
                for e in query
            ),
            (14, 10, 16, 40, 10),
            "投诉没有在期限内处理好时，由更高一级的负责人接手。",
        )

    def callbacks(self) -> CopySection:
        condition = (Callback.customer == self.id) | Callback.incident.in_(self.incident_ids)
        query = Callback.select().where(condition).order_by(Callback.started_at, Callback.id)
        return self._section(
            "callback",
            ("投诉编号", "回访时间", "通话时长", "同意保存回访内容", "问题是否稳定", "满意度", "回访内容", "回访人",
             "因不满意重新处理"),
            (
                (self._numbers(c.incident_id), self.local(c.started_at), _duration(c.duration_seconds),
                 _yes_no(bool(c.consent)), _yes_no(c.stable), f"{c.satisfaction} 分" if c.satisfaction else "",
                 c.note, self.who(c.staff_id), _yes_no(bool(c.reopened)))
                for c in query
            ),
            (14, 16, 10, 10, 10, 8, 40, 8, 10),
            "没有您同意时，回访只保存时间和时长，不保存您说的话和打的分数。",
        )  # fmt: skip

    def inquiries(self) -> CopySection:
        query = Inquiry.select().where(Inquiry.customer == self.id).order_by(Inquiry.created_at, Inquiry.id)
        return self._section(
            "inquiry",
            ("咨询时间", "咨询的服务", "问了什么", "回答", "约定跟进", "接待人"),
            (
                (self.local(i.created_at), i.service, i.asked, i.answered, i.follow_up_on or "",
                 self.who(cast(Any, i).created_by_id))
                for i in query
            ),
            (16, 10, 36, 40, 12, 8),
            "您第一次来电咨询时我们记下的内容。",
        )  # fmt: skip

    def campaign_messages(self) -> CopySection:
        query = (
            CampaignRecipient.select(CampaignRecipient, Campaign.name)
            .join(Campaign)
            .where(CampaignRecipient.customer == self.id, CampaignRecipient.state != "pending")
            .order_by(CampaignRecipient.acted_at, CampaignRecipient.id)
        )
        return self._section(
            "campaign_recipient",
            ("时间", "活动", "结果", "发给您的消息", "经办人"),
            (
                (self.local(r.acted_at) if r.acted_at else "", r.campaign.name,
                 {"sent": "已发送", "skipped": "跳过", "stopped": "不要再发"}.get(r.state, r.state), r.message,
                 r.staff_name)
                for r in query
            ),
            (16, 20, 10, 50, 8),
            "营销与节日问候：只发给同意的客户；您说“不要再发”后，我们撤回了这项同意。",
        )  # fmt: skip

    def surveys(self) -> CopySection:
        query = Survey.select().where(Survey.customer == self.id).order_by(Survey.asked_at, Survey.id)
        return self._section(
            "survey",
            ("回访时间", "结果", "同意保存回访内容", "满意度", "回访内容", "回访人"),
            (
                (self.local(s.asked_at), Outcome(s.outcome).label, _yes_no(bool(s.consent)),
                 f"{s.score} 分" if s.score else "", s.note, self.who(s.staff_id))
                for s in query
            ),
            (16, 12, 10, 8, 40, 8),
            "服务后的满意度回访；没有您同意时，只保存回访的时间和结果，不保存您说的话和打的分数。",
        )  # fmt: skip

    # -- money, contracts, referrals ------------------------------------------------------------------

    def voucher_list(self) -> CopySection:
        query = (
            Voucher.select().where(Voucher.id.in_(self.voucher_ids)).order_by(Voucher.created_at, Voucher.id)
        )
        self.vouchers = {int(v.id): v for v in query}
        rows = [
            (v.code, enum_label(VoucherKind, v.kind), format_fen(v.value_fen), v.uses_total, format_fen(v.value_per_use_fen),
             v.valid_until, enum_label(VoucherStatus, v.status), v.usage_note, self._numbers(v.incident_id) if v.incident_id else "",
             self.local(v.created_at), self.who(cast(Any, v).created_by_id))
            for v in self.vouchers.values()
        ]  # fmt: skip
        return self._section(
            "voucher",
            ("券码", "种类", "总额", "可用次数", "每次金额", "有效期至", "状态", "使用说明", "相关投诉", "发放时间", "发放人"),
            rows,
            (12, 10, 10, 8, 10, 12, 8, 30, 14, 16, 8),
        )  # fmt: skip

    def voucher_entries(self) -> CopySection:
        condition = VoucherEntry.voucher.in_(self.voucher_ids) | VoucherEntry.service_record.in_(
            self.visit_ids
        )
        entries = list(VoucherEntry.select().where(condition).order_by(VoucherEntry.at, VoucherEntry.id))
        codes = _codes({e.voucher_id for e in entries})
        return self._section(
            "voucher_entry",
            ("券码", "时间", "类型", "金额", "用于哪次服务", "原因", "经办人"),
            (
                (codes.get(e.voucher_id, ""), self.local(e.at), enum_label(EntryKind, e.kind), format_fen(e.amount_fen),
                 self.visit_label(e.service_record_id), e.reason, self.who(e.staff_id))
                for e in entries
            ),
            (12, 16, 8, 10, 18, 24, 8),
            "发放记为正数，使用、作废和过期记为负数。",
        )  # fmt: skip

    def contract_label(self, contract_id: int | None) -> str:
        contract = self.contracts.get(contract_id or 0)
        if contract is None:
            return f"#{contract_id}" if contract_id else ""
        return f"{contract.package}（{contract.start_on:%Y-%m-%d} 至 {contract.end_on:%Y-%m-%d}）"

    def contract_list(self) -> CopySection:
        query = Contract.select().where(Contract.customer == self.id).order_by(Contract.start_on, Contract.id)
        self.contracts = {int(c.id): c for c in query}
        return self._section(
            "contract",
            ("合同编号", "套餐", "开始", "结束", "价格", "状态", "续自", "备注", "建立时间"),
            (
                (f"#{c.id}", c.package, c.start_on, c.end_on, format_fen(c.price_fen), enum_label(ContractStatus, c.status),
                 self.contract_label(c.previous_id), c.notes, self.local(c.created_at))
                for c in self.contracts.values()
            ),
            (8, 12, 12, 12, 10, 8, 24, 30, 16),
        )  # fmt: skip

    def renewal_actions(self) -> CopySection:
        condition = (
            RenewalAction.contract.in_(self.contract_ids)
            | RenewalAction.new_contract.in_(self.contract_ids)
            | RenewalAction.voucher.in_(self.voucher_ids)
        )
        actions = list(RenewalAction.select().where(condition).order_by(RenewalAction.at, RenewalAction.id))
        rows = []
        for a in actions:
            outcome = []
            if a.voucher_id:
                voucher = self.vouchers.get(a.voucher_id)
                outcome.append(f"优惠券 {voucher.code}" if voucher is not None else "优惠券")
            if a.new_contract_id:
                outcome.append(f"新合同 {self.contract_label(a.new_contract_id)}")
            rows.append(
                (self.contract_label(a.contract_id), self.local(a.at), enum_label(RenewalStep, a.kind), a.note,
                 "；".join(outcome), a.lost_reason, self.who(a.staff_id))
            )  # fmt: skip
        return self._section(
            "renewal_action",
            ("合同", "时间", "跟进", "说明", "优惠或新合同", "流失原因", "经办人"),
            rows,
            (24, 16, 8, 30, 24, 10, 8),
        )

    def points_entries(self) -> CopySection:
        """The customer's own points ledger (a referrer's points for them are the referrer's, not shown)."""
        entries = list(PointsEntry.select().where(PointsEntry.customer == self.id).order_by(PointsEntry.id))
        codes = _codes({e.voucher_id for e in entries if e.voucher_id is not None})
        return self._section(
            "points_entry",
            ("时间", "类型", "积分", "余额", "来由", "用于哪次服务", "兑换的券", "到期日", "经办人"),
            (
                (self.local(e.at), enum_label(PointsKind, e.kind), f"{e.points:+d}", e.balance_after, e.reason,
                 self.visit_label(e.service_record_id), codes.get(e.voucher_id, "") if e.voucher_id else "",
                 e.expires_on or "", self.who(e.staff_id))
                for e in entries
            ),
            (16, 8, 8, 8, 24, 18, 12, 12, 8),
        )  # fmt: skip

    def referral_rewards(self) -> CopySection:
        condition = (
            (ReferralReward.customer == self.id)
            | (ReferralReward.referrer == self.id)
            | ReferralReward.voucher.in_(self.voucher_ids)
            | ReferralReward.service_record.in_(self.visit_ids)
        )
        rewards: list[Any] = list(ReferralReward.select().where(condition).order_by(ReferralReward.at))
        others = {r.customer_id for r in rewards} | {r.referrer_id for r in rewards}
        names = {
            int(c.id): str(c.address_as)
            for c in Customer.select(Customer.id, Customer.address_as).where(Customer.id.in_(list(others)))
        }
        rows: list[tuple[Cell, ...]] = []
        for r in rewards:
            if r.referrer_id == self.id:  # the reward is this customer's voucher
                voucher = self.vouchers.get(r.voucher_id)
                rows.append(
                    ("您推荐的客户", names.get(r.customer_id, ""), voucher.code if voucher else "",
                     format_fen(voucher.value_fen) if voucher else "", "对方第一次付费服务后发放", self.local(r.at))
                )  # fmt: skip
            else:  # the voucher went to the referrer: it is theirs, not shown here
                rows.append(
                    ("推荐您的客户", names.get(r.referrer_id, ""), "（奖励发给推荐人）", "",
                     self.visit_label(r.service_record_id), self.local(r.at))
                )  # fmt: skip
        return self._section(
            "referral_reward",
            ("推荐关系", "对方称呼", "奖励券码", "奖励金额", "因哪次服务", "时间"),
            rows,
            (12, 10, 16, 10, 24, 16),
        )

    def referral_commissions(self) -> CopySection:
        """The commission this customer earned as a referrer (in full), and the entries their own visits
        earned for their referrer (that money is the referrer's: only that it exists, and which visit)."""
        condition = (
            (ReferralCommission.referrer == self.id)
            | (ReferralCommission.customer == self.id)
            | ReferralCommission.service_record.in_(self.visit_ids)
        )
        entries: list[Any] = list(
            ReferralCommission.select()
            .where(condition)
            .order_by(ReferralCommission.earned_at, ReferralCommission.id)
        )
        others = {e.customer_id for e in entries} | {e.referrer_id for e in entries}
        names = {
            int(c.id): str(c.address_as)
            for c in Customer.select(Customer.id, Customer.address_as).where(Customer.id.in_(list(others)))
        }
        rows: list[tuple[Cell, ...]] = []
        for e in entries:
            if e.referrer_id == self.id:
                rows.append(
                    ("您推荐的客户", names.get(e.customer_id, ""), self.local(e.earned_at), e.basis,
                     format_fen(e.amount_fen), enum_label(CommissionStatus, e.status), self.local(e.settled_at),
                     enum_label(SettleMethod, e.settle_method) if e.settle_method else "", e.settled_by_name)
                )  # fmt: skip
            else:
                rows.append(
                    ("推荐您的客户", names.get(e.referrer_id, ""), self.local(e.earned_at),
                     self.visit_label(e.service_record_id), "（佣金记给推荐人）", "", None, "", "")
                )  # fmt: skip
        return self._section(
            "referral_commission",
            ("推荐关系", "对方称呼", "时间", "计算", "佣金", "状态", "结算时间", "付款方式", "付款人"),
            rows,
            (12, 10, 16, 24, 10, 8, 16, 10, 8),
        )

    def reminders(self) -> CopySection:
        query = Reminder.select().where(Reminder.customer == self.id).order_by(Reminder.due_at, Reminder.id)
        return self._section(
            "reminder",
            ("类型", "内容", "到期时间", "状态", "处理时间", "处理人", "说明"),
            (
                (enum_label(ReminderKind, r.kind), r.title, self.local(r.due_at), enum_label(ReminderState, r.state),
                 self.local(r.closed_at), r.closed_by, r.reason)
                for r in query
            ),
            (10, 30, 16, 8, 16, 8, 20),
            "提醒员工给您打回访、续约等电话的记录。",
        )  # fmt: skip

    def audit_rows(self) -> CopySection:
        rows = list(self._audit_log.rows(AuditFilter(customer_id=self.id)))
        rows.reverse()  # oldest first, as every other section
        return self._section(
            "audit_log",
            ("时间", "操作人", "操作", "对象", "详情"),
            ((row.at, row.staff_name, row.action, row.subject, row.detail) for row in rows),
            (16, 8, 12, 20, 50),
            "本公司员工在程序里对您的资料和记录做过的每一项操作。",
        )


def _names(model: Any, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return {
        int(row.id): str(row.name) for row in model.select(model.id, model.name).where(model.id.in_(wanted))
    }


def _codes(voucher_ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in voucher_ids if i]
    if not wanted:
        return {}
    query = Voucher.select(Voucher.id, Voucher.code).where(Voucher.id.in_(wanted))
    return {int(v.id): str(v.code) for v in query}


def _step_text(step: Step | None, data: str) -> str:
    """A step's fields as ``发生了什么：…`` lines, in the order of the step's form."""
    try:
        values = json.loads(data) if data else {}
    except ValueError:
        return data
    if not isinstance(values, dict):
        return str(values)
    labels = {spec.name: spec.label for spec in STEP_FIELDS.get(step, ())} if step is not None else {}
    ordered = [name for name in labels if name in values] + [name for name in values if name not in labels]
    return "\n".join(
        f"{labels.get(name, name)}：{values[name]}" for name in ordered if str(values[name]).strip()
    )


# -- the workbook ---------------------------------------------------------------------------------------


def write_workbook(copy: CustomerCopy, path: Path) -> Path:
    """The copy as an xlsx: one sheet per section, Chinese headers, local times, labels not ids.

    ``path`` is the part file ``DocumentService.write`` renames once complete.
    """
    book = XlsxBook(f"个人信息副本 #{copy.customer_id}")
    for section in copy.all_sections():
        widths = (
            section.widths if len(section.widths) == len(section.columns) else (16,) * len(section.columns)
        )
        # The copy's cells are shown as the PDF shows them (amounts as ¥… text), so each cell keeps
        # its own type: dates stay dates, counts numbers, the rest text, wrapped where long.
        columns = [
            Column(title, "auto", max(8, width), wrap=True)
            for title, width in zip(section.columns, widths, strict=True)
        ]
        sheet = book.sheet(SHEETS[section.key], columns)
        for row in section.rows:
            sheet.append(row)
    book.save(path)
    return path


def _notes_as_held(customer: Customer) -> str:
    """Household notes as stored: the copy shows what is held, also notes hidden since a withdrawal."""
    notes = str(customer.household_notes or "")
    if notes and state_of(customer.id, Purpose.HOUSEHOLD_NOTES) == ConsentState.WITHDRAWN:
        return f"{notes}（客户已撤回同意：这段备注不再显示、不再打印）"
    return notes
