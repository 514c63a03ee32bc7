"""A customer's timeline: what happened with them, newest first, from every section's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from ..domain.contracts import ContractStatus, RenewalStep
from ..domain.incidents import Category, Status
from ..domain.inquiries import inquiry_summary
from ..domain.money import format_fen
from ..domain.referrals import SettleMethod
from ..domain.surveys import Outcome
from ..domain.vouchers import VoucherKind
from ..storage.models import (
    Callback,
    Campaign,
    CampaignRecipient,
    Contract,
    Customer,
    Incident,
    Inquiry,
    ReferralCommission,
    RenewalAction,
    ServiceRecord,
    Survey,
    Voucher,
    VoucherEntry,
    Worker,
)


@dataclass(frozen=True)
class TimelineEntry:
    """Something that happened with a customer, newest first in the timeline."""

    at: datetime
    kind: str
    title: str
    detail: str
    ref_id: int


def _inquiry_entries(customer_id: int) -> list[TimelineEntry]:
    entries = []
    for i in Inquiry.select().where(Inquiry.customer == customer_id):
        detail = f"回答：{i.answered}" if i.answered else ""
        if i.follow_up_on is not None:
            detail += ("；" if detail else "") + f"约定 {i.follow_up_on:%Y-%m-%d} 跟进"
        entries.append(
            TimelineEntry(i.created_at, "inquiry", inquiry_summary(i.service, i.asked), detail, i.id)
        )
    return entries


def _campaign_entries(customer_id: int) -> list[TimelineEntry]:
    """Campaign messages sent to the customer, and a 不要再发 (skipped ones are not news to anyone)."""
    entries = []
    query = (
        CampaignRecipient.select(CampaignRecipient, Campaign.id, Campaign.name)
        .join(Campaign, on=(CampaignRecipient.campaign == Campaign.id))
        .where(
            (CampaignRecipient.customer == customer_id)
            & CampaignRecipient.state.in_(["sent", "stopped"])
            & CampaignRecipient.acted_at.is_null(False)
        )
    )
    for r in query:
        if r.state == "sent":
            title = f"营销活动“{r.campaign.name}”：已发送"
            detail = r.message
        else:
            title = f"营销活动“{r.campaign.name}”：客户表示不要再发"
            detail = "已撤回“营销与节日问候”同意"
        entries.append(TimelineEntry(r.acted_at, "campaign", title, detail, int(r.campaign.id)))
    return entries


def customer_timeline(customer_id: int) -> list[TimelineEntry]:
    """The customer's history, newest first: joining, visits, complaints, callbacks, contracts, vouchers.

    A new section adds its entries here.
    """
    entries = [
        TimelineEntry(
            at=c.created_at,
            kind="customer",
            title="成为客户",
            detail="客户档案建立",
            ref_id=customer_id,
        )
        for c in Customer.select(Customer.created_at).where(Customer.id == customer_id)
    ]
    entries.extend(_inquiry_entries(customer_id))
    entries.extend(_visit_entries(customer_id))
    entries.extend(_incident_entries(customer_id))
    entries.extend(_callback_entries(customer_id))
    entries.extend(_survey_entries(customer_id))
    entries.extend(_contract_entries(customer_id))
    entries.extend(_voucher_entries(customer_id))
    entries.extend(_commission_entries(customer_id))
    entries.extend(_campaign_entries(customer_id))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def _visit_entries(customer_id: int) -> list[TimelineEntry]:
    """Each visit, with who came and what it cost."""
    query = (
        ServiceRecord.select(ServiceRecord, Worker.name)
        .join(Worker, join_type=JOIN.LEFT_OUTER, on=(ServiceRecord.worker == Worker.id))
        .where(ServiceRecord.customer == customer_id)
        .order_by(ServiceRecord.served_at.desc())
    )
    entries: list[TimelineEntry] = []
    for record in query:
        worker = record.worker.name if record.worker is not None else "未指定服务人员"
        detail = f"{worker} · {format_fen(record.amount_fen)}"
        if record.notes:
            detail += f" · {record.notes}"
        entries.append(TimelineEntry(record.served_at, "service", record.service_type, detail, record.id))
    return entries


def _incident_entries(customer_id: int) -> list[TimelineEntry]:
    """Each complaint, with the start of what the customer said."""
    entries: list[TimelineEntry] = []
    for incident in Incident.select().where(Incident.customer == customer_id):
        said = (
            incident.customer_said if len(incident.customer_said) <= 40 else incident.customer_said[:40] + "…"
        )
        entries.append(
            TimelineEntry(
                incident.reported_at,
                "incident",
                f"{incident.number} {Category(incident.category).label}（{Status(incident.status).label}）",
                said,
                incident.id,
            )
        )
    return entries


def _callback_entries(customer_id: int) -> list[TimelineEntry]:
    """Each day-3 callback; what was said only when the customer agreed to it being kept."""
    entries: list[TimelineEntry] = []
    for call in Callback.select().where(Callback.customer == customer_id):
        if call.consent:
            detail = f"满意度 {call.satisfaction} 分" + (f" · {call.note}" if call.note else "")
        else:
            detail = "客户未同意保存通话内容"
        entries.append(TimelineEntry(call.started_at, "callback", "三日回访", detail, call.incident_id))
    return entries


def _survey_entries(customer_id: int) -> list[TimelineEntry]:
    """Each satisfaction survey after a visit; the score and note only when the customer agreed."""
    entries: list[TimelineEntry] = []
    for survey in Survey.select().where(Survey.customer == customer_id):
        outcome = Outcome(survey.outcome)
        if outcome is not Outcome.ANSWERED:
            detail = outcome.label
        elif survey.consent and survey.score is not None:
            detail = f"满意度 {survey.score} 分" + (f" · {survey.note}" if survey.note else "")
        else:
            detail = "客户未同意保存回访内容"
        entries.append(TimelineEntry(survey.asked_at, "survey", "满意度回访", detail, survey.id))
    return entries


def _contract_entries(customer_id: int) -> list[TimelineEntry]:
    """The customer's contracts: signed or renewed, and lost with the reason."""
    entries = []
    for c in Contract.select().where(Contract.customer == customer_id):
        verb = "续约" if c.previous_id is not None else "签约"
        detail = f"{c.start_on:%Y-%m-%d} 至 {c.end_on:%Y-%m-%d} · {ContractStatus(c.status).label}"
        if c.notes:
            detail += f" · {c.notes}"
        title = f"{verb} {c.package} {format_fen(c.price_fen)}（至 {c.end_on:%Y-%m-%d}）"
        entries.append(TimelineEntry(c.created_at, "contract", title, detail, c.id))
    lost = (
        RenewalAction.select(RenewalAction, Contract.id, Contract.package)
        .join(Contract, on=(RenewalAction.contract == Contract.id))
        .where((Contract.customer == customer_id) & (RenewalAction.kind == RenewalStep.LOST.value))
    )
    for action in lost:
        detail = action.contract.package + (f" · {action.note}" if action.note else "")
        entries.append(
            TimelineEntry(action.at, "contract", f"流失：{action.lost_reason}", detail, action.contract.id)
        )
    return entries


def _voucher_entries(customer_id: int) -> list[TimelineEntry]:
    """Vouchers given to the customer and each time one was used."""
    query = (
        VoucherEntry.select(VoucherEntry, Voucher)
        .join(Voucher, on=(VoucherEntry.voucher == Voucher.id))
        .where(Voucher.customer == customer_id, VoucherEntry.kind.in_(["issue", "redeem"]))
    )
    entries: list[TimelineEntry] = []
    for row in query:
        voucher = row.voucher
        if row.kind == "issue":
            uses = f"，分 {voucher.uses_total} 次使用" if voucher.uses_total > 1 else ""
            entries.append(
                TimelineEntry(
                    row.at,
                    "voucher_issued",
                    f"获得{VoucherKind(voucher.kind).label} {format_fen(voucher.value_fen)}",
                    f"券码 {voucher.code}{uses}，有效期至 {voucher.valid_until:%Y-%m-%d}",
                    voucher.id,
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    row.at,
                    "voucher_redeemed",
                    f"使用{VoucherKind(voucher.kind).label} {format_fen(-row.amount_fen)}",
                    f"券码 {voucher.code}",
                    voucher.id,
                )
            )
    return entries


def _commission_entries(referrer_id: int) -> list[TimelineEntry]:
    """The referral commission a customer earned (one entry per visit) and each payout (one per payout)."""
    query = (
        ReferralCommission.select(ReferralCommission, Customer.address_as)
        .join(Customer, on=(ReferralCommission.customer == Customer.id))
        .where(ReferralCommission.referrer == referrer_id)
    )
    entries: list[TimelineEntry] = []
    payouts: dict[tuple[object, ...], list[int]] = {}
    for row in query:
        entries.append(
            TimelineEntry(
                row.earned_at,
                "commission",
                f"获得推荐佣金 {format_fen(row.amount_fen)}",
                f"推荐的{row.customer.address_as}付费服务 · {row.basis}",
                row.id,
            )
        )
        if row.settled_at is not None:
            key = (row.settled_at, row.settle_method, row.settled_by_name, row.settle_note)
            payouts.setdefault(key, []).append(row.amount_fen)
    for (at, method, by, note), amounts in payouts.items():
        detail = f"{len(amounts)} 笔 · {SettleMethod(str(method)).label} · 付款人 {by}"
        if note:
            detail += f" · {note}"
        assert isinstance(at, datetime)
        entries.append(
            TimelineEntry(at, "commission", f"推荐佣金已结算 {format_fen(sum(amounts))}", detail, 0)
        )
    return entries
