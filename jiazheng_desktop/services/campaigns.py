"""Campaigns (营销活动): an audience of customers who agreed to marketing, a personal message for each,
optionally one voucher for every recipient, worked through by the front desk one customer at a time.

The life of a campaign: a **draft** (its purpose, filters, message and voucher can still change) →
**started** (``start``: the audience is frozen into recipients and, with a voucher, the whole budget is
approved once by someone whose limit covers it and every voucher is issued in the same transaction) →
worked through (each recipient 已发送 / 跳过 / 不要再发; the state is in the file, so closing the window
and coming back resumes at the next one) → **closed**.

Building an audience at 100,000 customers: everything that SQL can decide (marketing consent, district,
service type, last visit, contract) is decided there, and so are the stage, risk band and value tier, from
the values each customer row keeps (``LifecycleService.refresh_all``: hourly, and at once after a visit).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.campaigns import (
    ENDING_DAYS,
    RESULT_DAYS_DEFAULT,
    AudienceFilter,
    CampaignDraft,
    CampaignPurpose,
    CleanCampaign,
    ContractState,
    RecipientState,
    budget_text,
    validate_campaign,
)
from ..domain.contracts import ContractStatus
from ..domain.customers import customer_label
from ..domain.dates import chinese_date
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.festivals import BY_KEY, festival_date
from ..domain.incidents import role_needed
from ..domain.lifecycle import risk_range
from ..domain.money import format_fen
from ..domain.monthly_figures import CampaignMonth
from ..domain.privacy import ConsentChannel, Purpose
from ..domain.staff import Role
from ..domain.templates import render
from ..domain.vouchers import CleanVoucher, EntryKind, VoucherKind
from ..storage.fields import to_db_time
from ..storage.models import Campaign, CampaignRecipient, Customer, db
from ..storage.queries import CONSENT_GRANTED
from .campaign_results import booked_after, month_lines
from .changes import ChangeKind
from .consents import ConsentDecision, ConsentService
from .context import Authorization, ServiceContext
from .list_export import Exported
from .xlsx import Column, XlsxBook, write_xlsx

if TYPE_CHECKING:
    from .incident_rules import IncidentRulesService
    from .lifecycle import LifecycleService
    from .scripts import ScriptService
    from .vouchers import VoucherService

Progress = Callable[[int, int], None]
"""(customers looked at, of how many) while an audience is built."""
StepProgress = Callable[[int, str], None]
"""(percent, what is being done) while a campaign starts."""

EXPORT_ACTION = "导出活动名单"
EXPORT_COLUMNS = (
    Column("序号", "int", 7),
    Column("客户编号", "int", 9),
    Column("称呼", "text", 12),
    Column("姓名", "text", 10),
    Column("电话", "text", 26),
    Column("希望的联系方式", "text", 12),
    Column("状态", "text", 9),
    Column("消息", "text", 60, wrap=True),
    Column("券码", "text", 12),
    Column("处理时间", "datetime", 17),
    Column("处理人", "text", 10),
)
STOP_NOTE = "营销活动“{name}”：客户表示不要再发"
VOUCHER_NOTE = "营销活动：{name}"


class CampaignState(StrEnum):
    DRAFT = "draft"
    RUNNING = "running"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "running": "进行中", "closed": "已结束"}[self.value]


@dataclass(frozen=True)
class CampaignView:
    id: int
    name: str
    purpose: CampaignPurpose
    festival_key: str | None
    festival_on: date | None
    template: str
    audience: AudienceFilter
    voucher_kind: VoucherKind | None
    voucher_value_fen: int
    """Per use."""
    voucher_uses: int
    voucher_valid_until: date | None
    approved_by_name: str
    approved_at: datetime | None
    started_at: datetime | None
    created_at: datetime
    closed_at: datetime | None
    counts: dict[RecipientState, int]

    @property
    def state(self) -> CampaignState:
        if self.closed_at is not None:
            return CampaignState.CLOSED
        return CampaignState.DRAFT if self.started_at is None else CampaignState.RUNNING

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def festival_name(self) -> str:
        return BY_KEY[self.festival_key].name if self.festival_key in BY_KEY else ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def pending(self) -> int:
        return self.counts.get(RecipientState.PENDING, 0)

    @property
    def voucher_per_recipient_fen(self) -> int:
        return self.voucher_value_fen * self.voucher_uses if self.voucher_kind is not None else 0

    def draft(self) -> CampaignDraft:
        """The campaign as the dialog edits it."""
        return CampaignDraft(
            name=self.name,
            purpose=self.purpose.value,
            template=self.template,
            festival_key=self.festival_key,
            audience=self.audience,
            voucher_kind=self.voucher_kind.value if self.voucher_kind is not None else None,
            voucher_value_text=f"{self.voucher_value_fen / 100:.2f}" if self.voucher_kind is not None else "",
            voucher_uses=self.voucher_uses or 1,
            voucher_valid_until=self.voucher_valid_until,
        )


@dataclass(frozen=True)
class AudiencePreview:
    """What starting the campaign would mean: how many recipients, the voucher budget, who approves."""

    customer_ids: tuple[int, ...]
    budget_fen: int
    approver: Role | None
    """Who must approve the budget (None: no voucher)."""
    budget_line: str
    """``300 位 × 1 次 × ¥20.00 = ¥6,000.00`` (empty without a voucher)."""

    @property
    def count(self) -> int:
        return len(self.customer_ids)


@dataclass(frozen=True)
class RecipientView:
    """One customer of the work-through, with their personal message ready."""

    id: int
    campaign_id: int
    customer_id: int
    position: int
    label: str
    """李太太（李秀英）."""
    phones: str
    contact_channel: str
    state: RecipientState
    message: str
    """As sent, once sent; else rendered now."""
    voucher_code: str
    consent_granted: bool
    """False when the customer withdrew marketing since the campaign started: only 跳过 is left."""


@dataclass(frozen=True)
class CampaignResults:
    sent: int
    skipped: int
    stopped: int
    pending: int
    vouchers_issued: int
    vouchers_redeemed: int
    """Vouchers of this campaign used at least once."""
    booked: int
    """Recipients sent a message who had a visit within ``days`` after it."""
    days: int


class CampaignService:
    def __init__(
        self,
        context: ServiceContext,
        consents: ConsentService,
        scripts: Callable[[], ScriptService],
        vouchers: Callable[[], VoucherService],
        lifecycle: Callable[[], LifecycleService],
        incident_rules: Callable[[], IncidentRulesService],
    ) -> None:
        self._ctx = context
        self._consents = consents
        self._scripts = scripts
        self._vouchers = vouchers
        self._lifecycle = lifecycle
        self._incident_rules = incident_rules

    def _today(self) -> date:
        return self._ctx.now().date()

    # -- drafts ---------------------------------------------------------------------------------

    def _clean(self, draft: CampaignDraft) -> CleanCampaign:
        return validate_campaign(draft, self._today(), frozenset(BY_KEY))

    def _festival_on(self, key: str | None) -> date | None:
        """The date of the festival's next occurrence from today (today's included)."""
        if key not in BY_KEY:
            return None
        today = self._today()
        day = festival_date(key, today.year)
        return day if day >= today else festival_date(key, today.year + 1)

    def create(self, draft: CampaignDraft) -> int:
        """A new draft campaign (nothing is sent or issued until it is started)."""
        clean = self._clean(draft)
        with self._ctx.change("新建营销活动", "campaign") as entry:
            row = Campaign.create(
                **self._columns(clean),
                created_at=self._ctx.now(),
                created_by=self._ctx.on_duty_id,
            )
            entry.entity_id = int(row.id)
            entry.detail = self._detail(clean)
        return int(row.id)

    def update(self, campaign_id: int, draft: CampaignDraft) -> None:
        """Change a draft; a started campaign keeps what it was started with."""
        clean = self._clean(draft)
        with self._ctx.change("修改营销活动", "campaign") as entry:
            row = self._get(campaign_id)
            if row.started_at is not None:
                raise DomainError("活动已经开始，不能再修改；可以结束它再建一个新的")
            Campaign.update(**self._columns(clean)).where(Campaign.id == campaign_id).execute()
            entry.entity_id = campaign_id
            entry.detail = self._detail(clean)

    def delete_draft(self, campaign_id: int) -> None:
        """Delete a draft that was never started."""
        with self._ctx.change("删除营销活动", "campaign") as entry:
            row = self._get(campaign_id)
            if row.started_at is not None:
                raise DomainError("活动已经开始，不能删除；可以点“结束活动”")
            Campaign.delete().where(Campaign.id == campaign_id).execute()
            entry.entity_id = campaign_id
            entry.detail = {"名称": row.name}

    def _columns(self, clean: CleanCampaign) -> dict[str, Any]:
        return {
            "name": clean.name,
            "purpose": clean.purpose.value,
            "festival_key": clean.festival_key,
            "festival_on": self._festival_on(clean.festival_key),
            "template": clean.template,
            "filters": json.dumps(clean.audience.to_json(), ensure_ascii=False),
            "voucher_kind": clean.voucher_kind.value if clean.voucher_kind is not None else None,
            "voucher_value_fen": clean.voucher_value_fen if clean.voucher_kind is not None else None,
            "voucher_uses": clean.voucher_uses if clean.voucher_kind is not None else None,
            "voucher_valid_until": clean.voucher_valid_until,
        }

    @staticmethod
    def _detail(clean: CleanCampaign) -> dict[str, Any]:
        detail: dict[str, Any] = {
            "名称": clean.name,
            "目的": clean.purpose.label,
            "对象": clean.audience.describe(),
        }
        if clean.voucher_kind is not None:
            detail["券"] = (
                f"{clean.voucher_kind.label} {clean.voucher_uses} 次 × {format_fen(clean.voucher_value_fen)}"
            )
        return detail

    def for_festival(self, festival_key: str) -> int:
        """The campaign for the festival's next occurrence; a draft with the greeting is made if none exists.

        What the festival reminder opens.
        """
        if festival_key not in BY_KEY:
            raise NotFoundError("不认识这个节日")
        on = self._festival_on(festival_key)
        found = (
            Campaign.select(Campaign.id)
            .where((Campaign.festival_key == festival_key) & (Campaign.festival_on == on))
            .order_by(Campaign.id.desc())
            .first()
        )
        if found is not None:
            return int(found.id)
        from ..domain.campaigns import DEFAULT_TEMPLATES

        assert on is not None
        festival = BY_KEY[festival_key]
        return self.create(
            CampaignDraft(
                name=f"{on.year} {festival.name}问候",
                purpose=CampaignPurpose.FESTIVAL.value,
                template=DEFAULT_TEMPLATES[CampaignPurpose.FESTIVAL],
                festival_key=festival_key,
            )
        )

    # -- the audience ---------------------------------------------------------------------------

    def audience(self, audience: AudienceFilter, progress: Progress | None = None) -> list[int]:
        """The customers ``audience`` selects, always only those whose latest marketing answer is a grant,
        never erased ones; in the order of their names.

        One SQL query decides consent, district, service type, last visit and contract, and the stage, risk
        band and value tier as the rows keep them (derived again hourly and after each visit).
        """
        clean = audience.validated()
        now = self._ctx.now()
        today = now.date()
        conditions = ["customer.erased_at IS NULL", CONSENT_GRANTED]
        params: list[Any] = [Purpose.MARKETING.value]
        if clean.district:
            conditions.append("customer.district = ?")
            params.append(clean.district)
        if clean.service_type:
            conditions.append(
                "EXISTS (SELECT 1 FROM service_record s WHERE s.customer_id = customer.id AND s.service_type = ?)"
            )
            params.append(clean.service_type)
        if clean.visited_within_days is not None:
            conditions.append("customer.last_service_at >= ?")
            params.append(to_db_time(now - timedelta(days=clean.visited_within_days)))
        if clean.not_visited_days is not None:
            conditions.append("(customer.last_service_at IS NULL OR customer.last_service_at < ?)")
            params.append(to_db_time(now - timedelta(days=clean.not_visited_days)))
        active = "SELECT 1 FROM contract k WHERE k.customer_id = customer.id AND k.status = ?"
        if clean.contract == ContractState.ACTIVE:
            conditions.append(f"EXISTS ({active})")
            params.append(ContractStatus.ACTIVE.value)
        elif clean.contract == ContractState.ENDING:
            conditions.append(f"EXISTS ({active} AND k.end_on BETWEEN ? AND ?)")
            params += [
                ContractStatus.ACTIVE.value,
                today.isoformat(),
                (today + timedelta(days=ENDING_DAYS)).isoformat(),
            ]
        elif clean.contract == ContractState.NONE:
            conditions.append(f"NOT EXISTS ({active})")
            params.append(ContractStatus.ACTIVE.value)
        # Stage, risk band and value tier as kept on the rows (migration 15: derived again hourly, and at
        # once for a customer with a new visit), so a million customers cost one query, not an assessment each.
        if clean.stages:
            conditions.append(f"customer.lifecycle_stage IN ({', '.join('?' * len(clean.stages))})")
            params += list(clean.stages)
        if clean.risk_bands:
            ranges = []
            for band in clean.risk_bands:
                low, high = risk_range(band)
                parts = [p for p in ("customer.churn_risk >= ?" if low is not None else "",
                                     "customer.churn_risk < ?" if high is not None else "") if p]  # fmt: skip
                ranges.append("(" + " AND ".join(parts) + ")")
                params += [v for v in (low, high) if v is not None]
            conditions.append("(" + " OR ".join(ranges) + ")")
        if clean.value_tiers:
            conditions.append(f"customer.value_tier IN ({', '.join('?' * len(clean.value_tiers))})")
            params += list(clean.value_tiers)
        sql = f"SELECT customer.id FROM customer WHERE {' AND '.join(conditions)} ORDER BY customer.name_sort, customer.id"
        if clean.needs_assessment and progress is not None:
            progress(0, 1)
        ids = [int(r[0]) for r in db.execute_sql(sql, params).fetchall()]
        if clean.needs_assessment and progress is not None:
            progress(1, 1)
        return ids

    def preview(self, draft: CampaignDraft, progress: Progress | None = None) -> AudiencePreview:
        """How many customers the draft reaches, and its voucher budget and approver (nothing is written)."""
        clean = self._clean(draft)
        ids = tuple(self.audience(clean.audience, progress))
        return self._preview(clean.voucher_kind, clean.voucher_value_fen, clean.voucher_uses, ids)

    def _preview(
        self, kind: VoucherKind | None, value_fen: int, uses: int, ids: tuple[int, ...]
    ) -> AudiencePreview:
        if kind is None:
            return AudiencePreview(ids, 0, None, "")
        budget = len(ids) * uses * value_fen
        return AudiencePreview(
            ids,
            budget,
            role_needed(budget, self._incident_rules().limits()),
            budget_text(len(ids), value_fen, uses),
        )

    def preview_message(self, draft: CampaignDraft, customer_id: int) -> str:
        """The draft's message as ``customer_id`` would get it (a sample code for the voucher)."""
        values = self._scripts().values_for_customer(customer_id, draft.festival_key or None)
        if draft.voucher_kind:
            values.update(
                {
                    "券码": "示例-券码",
                    "金额": draft.voucher_value_text
                    and _money_text(draft.voucher_value_text, draft.voucher_uses),
                    "有效期": chinese_date(draft.voucher_valid_until) if draft.voucher_valid_until else "",
                }
            )
        return render(draft.template, values)

    # -- starting: freeze the audience, approve once, issue every voucher -----------------------

    def approver_for(self, campaign_id: int) -> tuple[AudiencePreview, bool]:
        """The audience the campaign would start with, and whether the person on duty must ask someone
        else's password for its budget (True: ``start`` needs an ``Authorization`` of ``approver``)."""
        row = self._get(campaign_id)
        preview = self._preview_of(row)
        needs = preview.approver is not None and preview.approver > self._ctx.on_duty_role()
        return preview, needs

    def _preview_of(self, row: Campaign, progress: Progress | None = None) -> AudiencePreview:
        kind = VoucherKind(row.voucher_kind) if row.voucher_kind else None
        ids = tuple(self.audience(AudienceFilter.from_json(json.loads(row.filters or "{}")), progress))
        return self._preview(kind, int(row.voucher_value_fen or 0), int(row.voucher_uses or 0), ids)

    def start(
        self, campaign_id: int, auth: Authorization | None = None, progress: StepProgress | None = None
    ) -> AudiencePreview:
        """Start the campaign: the audience is frozen into recipients, and with a voucher the whole budget
        (recipients × uses × value) is approved once — by the person on duty when their limit covers it,
        else by ``auth``, whose role must — and every voucher is issued, all in one transaction.

        Refused with nobody to send to, a voucher whose validity has passed, or a limit too small:
        nothing is written then.
        """
        with self._ctx.change("开始营销活动", "campaign") as entry:
            row = self._get(campaign_id)
            if row.started_at is not None:
                raise DomainError("这个活动已经开始了，不会再发一遍券")
            report = progress or (lambda _percent, _step: None)
            preview = self._preview_of(
                row,
                lambda done, total: report(
                    done * 40 // max(total, 1), f"正在确定名单：已看 {done} / {total} 位"
                ),
            )
            if not preview.count:
                raise ValidationError(
                    {"audience": "没有符合条件、并且同意接收营销信息的客户。请放宽筛选条件，或先征求客户同意"}
                )
            today = self._today()
            now = self._ctx.now()
            kind = VoucherKind(row.voucher_kind) if row.voucher_kind else None
            approved_name = ""
            valid_until: date = row.voucher_valid_until or today
            per_use = int(row.voucher_value_fen or 0)
            uses = int(row.voucher_uses or 0)
            if kind is not None:
                if valid_until < today:
                    raise ValidationError(
                        {"voucher_valid_until": f"券的有效期（{valid_until:%Y-%m-%d}）已经过了，请先修改活动"}
                    )
                assert preview.approver is not None
                what = f"营销活动发券共 {format_fen(preview.budget_fen)}"
                approved_by: int | None
                if preview.approver > self._ctx.on_duty_role():
                    approver = self._ctx.require(auth, preview.approver, what)
                    entry.authorized_by(approver)
                    approved_by, approved_name = approver.staff_id, approver.name
                else:
                    approved_by, approved_name = self._ctx.on_duty_id, self._ctx.on_duty_name
                Campaign.update(
                    approved_by=approved_by, approved_by_name=approved_name, approved_at=now
                ).where(Campaign.id == campaign_id).execute()
            vouchers = self._vouchers()
            note = VOUCHER_NOTE.format(name=row.name)
            for position, customer_id in enumerate(preview.customer_ids, 1):
                if position % 25 == 0:
                    report(
                        40 + position * 59 // preview.count, f"正在生成名单和券：{position} / {preview.count}"
                    )
                voucher_id = None
                if kind is not None:
                    voucher_id, _code = vouchers.issue_within(
                        CleanVoucher(customer_id, kind, per_use * uses, uses, per_use, valid_until, note)
                    )
                CampaignRecipient.create(
                    campaign=campaign_id, customer=customer_id, position=position, voucher=voucher_id
                )
            Campaign.update(started_at=now).where(Campaign.id == campaign_id).execute()
            entry.entity_id = campaign_id
            entry.detail |= {"名称": row.name, "人数": preview.count}
            if kind is not None:
                entry.detail |= {"券": preview.budget_line, "批准人": approved_name}
                entry.touch(ChangeKind.VOUCHER)
        return preview

    def close(self, campaign_id: int) -> None:
        """End the campaign (the recipients not yet worked through stay 待发送 in its results)."""
        with self._ctx.change("结束营销活动", "campaign") as entry:
            row = self._get(campaign_id)
            if row.closed_at is None:
                Campaign.update(closed_at=self._ctx.now()).where(Campaign.id == campaign_id).execute()
            entry.entity_id = campaign_id
            entry.detail = {"名称": row.name}

    # -- working through ------------------------------------------------------------------------

    def next_recipient(self, campaign_id: int) -> RecipientView | None:
        """The first recipient still 待发送, with their message; None when everyone has been worked through."""
        found = (
            CampaignRecipient.select(CampaignRecipient.id)
            .where(
                (CampaignRecipient.campaign == campaign_id)
                & (CampaignRecipient.state == RecipientState.PENDING.value)
            )
            .order_by(CampaignRecipient.position)
            .first()
        )
        return self.recipient(int(found.id)) if found is not None else None

    def recipient(self, recipient_id: int) -> RecipientView:
        row = CampaignRecipient.get_or_none(CampaignRecipient.id == recipient_id)
        if row is None:
            raise NotFoundError("找不到这位收件人，活动可能已被删除")
        customer = Customer.get_by_id(row.customer_id)
        state = RecipientState(row.state)
        code = ""
        if row.voucher_id is not None:
            code = self._vouchers().get(row.voucher_id).code
        message = row.message if state is RecipientState.SENT else self._message(row)
        label = customer_label(customer.address_as, customer.name)
        return RecipientView(
            id=int(row.id),
            campaign_id=int(row.campaign_id),
            customer_id=int(row.customer_id),
            position=int(row.position),
            label=label,
            phones="、".join(p.strip() for p in (customer.phones or "").split(",") if p.strip()),
            contact_channel=customer.contact_channel,
            state=state,
            message=message,
            voucher_code=code,
            consent_granted=self._consents.has(int(row.customer_id), Purpose.MARKETING),
        )

    def _message(self, row: CampaignRecipient) -> str:
        campaign = self._get(int(row.campaign_id))
        values = self._scripts().values_for_customer(int(row.customer_id), campaign.festival_key)
        if row.voucher_id is not None:
            voucher = self._vouchers().get(int(row.voucher_id))
            values.update(
                {
                    "券码": voucher.code,
                    "金额": format_fen(voucher.value_fen),
                    "有效期": chinese_date(voucher.valid_until),
                }
            )
        return render(campaign.template, values)

    def _acting_on(self, recipient_id: int) -> tuple[CampaignRecipient, Campaign]:
        row = CampaignRecipient.get_or_none(CampaignRecipient.id == recipient_id)
        if row is None:
            raise NotFoundError("找不到这位收件人，活动可能已被删除")
        campaign = self._get(int(row.campaign_id))
        if campaign.closed_at is not None:
            raise DomainError("这个活动已经结束了")
        if row.state != RecipientState.PENDING.value:
            raise DomainError(f"这位客户已经处理过了（{RecipientState(row.state).label}）")
        return row, campaign

    def _act(self, row: CampaignRecipient, state: RecipientState, message: str = "") -> None:
        CampaignRecipient.update(
            state=state.value,
            message=message,
            acted_at=self._ctx.now(),
            staff=self._ctx.on_duty_id,
            staff_name=self._ctx.on_duty_name,
        ).where(CampaignRecipient.id == row.id).execute()

    def mark_sent(self, recipient_id: int, message: str | None = None) -> None:
        """已发送: the message (as shown, or as edited before it was copied) is kept as sent."""
        with self._ctx.change("发送活动消息", "campaign") as entry:
            row, campaign = self._acting_on(recipient_id)
            if not self._consents.has(int(row.customer_id), Purpose.MARKETING):
                raise ValidationError({"state": "这位客户已经撤回了营销同意，不能再发，请点“跳过”"})
            text = (message if message is not None else self._message(row)).strip()
            if not text:
                raise ValidationError({"message": "消息是空的，请先填写要发的内容"})
            self._act(row, RecipientState.SENT, text)
            entry.entity_id = int(campaign.id)
            entry.detail = {"活动": campaign.name, "客户": f"#{row.customer_id}", "结果": "已发送"}

    def skip(self, recipient_id: int) -> None:
        """跳过: this customer gets nothing from this campaign (their voucher stays theirs)."""
        with self._ctx.change("跳过活动客户", "campaign") as entry:
            row, campaign = self._acting_on(recipient_id)
            self._act(row, RecipientState.SKIPPED)
            entry.entity_id = int(campaign.id)
            entry.detail = {"活动": campaign.name, "客户": f"#{row.customer_id}", "结果": "跳过"}

    def stop(self, recipient_id: int, channel: ConsentChannel = ConsentChannel.PHONE) -> None:
        """不要再发: the customer's marketing consent is withdrawn (through the consent ledger, with the
        campaign as its note) and the campaign's voucher, never sent to them, is voided."""
        with self._ctx.change("客户不要再发营销信息", "campaign") as entry:
            row, campaign = self._acting_on(recipient_id)
            customer_id = int(row.customer_id)
            wording = self._consents.current_wording(Purpose.MARKETING)
            self._consents.record_within(
                customer_id,
                ConsentDecision(
                    Purpose.MARKETING, False, channel, wording.id, STOP_NOTE.format(name=campaign.name)
                ),
            )
            if row.voucher_id is not None:
                self._vouchers().void_within(int(row.voucher_id), "客户不再接收营销信息")
                entry.touch(ChangeKind.VOUCHER, int(row.voucher_id))
            self._act(row, RecipientState.STOPPED)
            entry.entity_id = int(campaign.id)
            entry.detail = {
                "活动": campaign.name,
                "客户": f"#{customer_id}",
                "结果": "不要再发（已撤回营销同意）",
            }
            entry.touch(ChangeKind.CUSTOMER, customer_id)

    def progress(self, campaign_id: int) -> dict[RecipientState, int]:
        """How many recipients are in each state (what the work-through resumes from)."""
        counts = {state: 0 for state in RecipientState}
        for state, count in db.execute_sql(
            "SELECT state, count(*) FROM campaign_recipient WHERE campaign_id = ? GROUP BY state",
            [campaign_id],
        ).fetchall():
            counts[RecipientState(state)] = int(count)
        return counts

    # -- reading --------------------------------------------------------------------------------

    def _get(self, campaign_id: int) -> Campaign:
        row = Campaign.get_or_none(Campaign.id == campaign_id)
        if row is None:
            raise NotFoundError("找不到这个活动，可能已被删除")
        return row

    def get(self, campaign_id: int) -> CampaignView:
        row = self._get(campaign_id)
        return self._view(row, self.progress(campaign_id))

    @staticmethod
    def _view(row: Campaign, counts: dict[RecipientState, int]) -> CampaignView:
        return CampaignView(
            id=int(row.id),
            name=row.name,
            purpose=CampaignPurpose(row.purpose),
            festival_key=row.festival_key,
            festival_on=row.festival_on,
            template=row.template,
            audience=AudienceFilter.from_json(json.loads(row.filters or "{}")),
            voucher_kind=VoucherKind(row.voucher_kind) if row.voucher_kind else None,
            voucher_value_fen=int(row.voucher_value_fen or 0),
            voucher_uses=int(row.voucher_uses or 0),
            voucher_valid_until=row.voucher_valid_until,
            approved_by_name=row.approved_by_name,
            approved_at=row.approved_at,
            started_at=row.started_at,
            created_at=row.created_at,
            closed_at=row.closed_at,
            counts=counts,
        )

    def all(self) -> list[CampaignView]:
        """Every campaign, newest first, with its progress."""
        counts: dict[int, dict[RecipientState, int]] = {}
        for campaign_id, state, count in db.execute_sql(
            "SELECT campaign_id, state, count(*) FROM campaign_recipient GROUP BY campaign_id, state"
        ).fetchall():
            counts.setdefault(int(campaign_id), {s: 0 for s in RecipientState})[RecipientState(state)] = int(
                count
            )
        return [
            self._view(row, counts.get(int(row.id), {s: 0 for s in RecipientState}))
            for row in Campaign.select().order_by(Campaign.id.desc())
        ]

    def recipients(self, campaign_id: int) -> list[CampaignRecipient]:
        return list(
            CampaignRecipient.select()
            .where(CampaignRecipient.campaign == campaign_id)
            .order_by(CampaignRecipient.position)
        )

    # -- results --------------------------------------------------------------------------------

    def results(self, campaign_id: int, days: int = RESULT_DAYS_DEFAULT) -> CampaignResults:
        """Messages sent, vouchers redeemed so far, recipients with a visit within ``days`` after their message."""
        counts = self.progress(campaign_id)
        issued, redeemed = db.execute_sql(
            "SELECT count(r.voucher_id), count(DISTINCT e.voucher_id) FROM campaign_recipient r"
            " LEFT JOIN voucher_entry e ON e.voucher_id = r.voucher_id AND e.kind = ?"
            " WHERE r.campaign_id = ?",
            [EntryKind.REDEEM.value, campaign_id],
        ).fetchone()
        booked = booked_after(campaign_id, days)
        return CampaignResults(
            sent=counts[RecipientState.SENT],
            skipped=counts[RecipientState.SKIPPED],
            stopped=counts[RecipientState.STOPPED],
            pending=counts[RecipientState.PENDING],
            vouchers_issued=int(issued or 0),
            vouchers_redeemed=int(redeemed or 0),
            booked=booked,
            days=days,
        )

    def month(self, start: datetime, end: datetime, days: int = RESULT_DAYS_DEFAULT) -> list[CampaignMonth]:
        """For the monthly report: each campaign that sent messages in ``[start, end)``, what they did."""
        return month_lines(start, end, days)

    # -- export ---------------------------------------------------------------------------------

    def export(self, campaign_id: int, target: Path, auth: Authorization | None) -> Exported:
        """The recipients with their personal messages as an xlsx, to send from elsewhere.

        Personal data (names, phones, messages), so the owner confirms, as for every export;
        one audit row says which campaign, how many rows, the file and who confirmed.
        """
        auth = self._ctx.require(auth, Role.OWNER, EXPORT_ACTION)
        campaign = self.get(campaign_id)
        if campaign.started_at is None:
            raise DomainError("活动还没开始，没有名单可以导出；请先点“开始活动”")
        zone = self._ctx.now().tzinfo
        recipients = self.recipients(campaign_id)

        def fill(book: XlsxBook) -> int:
            sheet = book.sheet("活动名单", EXPORT_COLUMNS, campaign.name)
            for row in recipients:
                view = self.recipient(int(row.id))
                sheet.append(
                    (view.position, view.customer_id, Customer.get_by_id(view.customer_id).address_as,
                     Customer.get_by_id(view.customer_id).name, view.phones, _channel_label(view.contact_channel),
                     view.state.label, view.message, view.voucher_code,
                     row.acted_at.astimezone(zone) if row.acted_at is not None else None, row.staff_name)
                )  # fmt: skip
            return sheet.rows

        rows = write_xlsx(target, fill, campaign.name)
        try:
            self._ctx.record(
                EXPORT_ACTION,
                "campaign",
                campaign_id,
                {"活动": campaign.name, "行数": rows, "文件": target.name, "确认人": auth.name},
            )
        except BaseException:
            target.unlink(missing_ok=True)  # an export nobody can see in the log did not happen
            raise
        return Exported(target, rows, f"活动名单（{campaign.name}）")


def _channel_label(value: str) -> str:
    from ..domain.customers import ContactChannel

    try:
        return ContactChannel(value).label
    except ValueError:
        return value


def _money_text(text: str, uses: int) -> str:
    from ..domain.money import parse_yuan

    try:
        return format_fen(parse_yuan(text) * max(uses, 1))
    except ValueError:
        return ""
