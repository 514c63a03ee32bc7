"""Erasure (PIPL Art. 47): a customer's personal data removed, the books left balanced.

The customer's row stays (as ``已删除客户 #12``) so that visits, complaints, vouchers and contracts
still count in every figure; what identifies or describes the person is cleared: name, phones,
address, household notes, pinyin search keys, and the free text staff wrote about them (callback
notes, the complaint's own words and step texts, remedy, visit, contract and renewal notes, what a first
inquiry asked and was told).
Active vouchers are voided through the ledger (``客户要求删除个人信息``), consents still granted are
withdrawn, the reminders' titles lose the name, and the audit rows about the customer keep only ids.
Documents saved for the customer in ``documents/`` (compensation notices, checklists with their
name, exports of their data) are deleted once the change has committed.

A customer with an open complaint or an active contract is refused: those are obligations still
running, and the message says what to finish first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.contracts import ContractStatus
from ..domain.errors import DomainError, NotFoundError
from ..domain.incidents import STEP_FIELDS, Step
from ..domain.privacy import ERASURE_REASON, erased_name
from ..domain.reminders import Kind
from ..domain.search_keys import name_sort_key
from ..domain.staff import Role
from ..domain.vouchers import VoucherStatus
from ..storage.models import (
    Callback,
    CampaignRecipient,
    Contract,
    Customer,
    Incident,
    IncidentStep,
    Inquiry,
    RemedyRecord,
    Reminder,
    RenewalAction,
    ServiceRecord,
    Survey,
    Voucher,
)
from .audit_log import erase_customer
from .changes import ChangeKind
from .consents import ConsentService
from .context import Authorization, ServiceContext

if TYPE_CHECKING:
    from .vouchers import VoucherService

log = logging.getLogger(__name__)

ERASE_ROLE = Role.OWNER

KEPT_STEP_FIELDS = frozenset({"root_cause", "improvement_kind", "manager"})
"""Step fields that are choices or a staff member's name, not words about the customer: kept."""


@dataclass
class ErasureCounts:
    """What an erasure changed (for the message and the audit row; counts only)."""

    customer_id: int
    vouchers_voided: int = 0
    consents_withdrawn: int = 0
    texts_cleared: int = 0
    audit_rows_rewritten: int = 0
    files_removed: int = 0
    files_left: list[str] = field(default_factory=list)
    """Documents that could not be deleted (open in another program): named for the user."""

    def detail(self) -> dict[str, object]:
        return {
            "客户": f"#{self.customer_id}",
            "作废的券": self.vouchers_voided,
            "撤回的同意": self.consents_withdrawn,
            "清除的文字": self.texts_cleared,
            "改写的操作记录": self.audit_rows_rewritten,
        }


class ErasureService:
    def __init__(
        self,
        context: ServiceContext,
        consents: ConsentService,
        vouchers: Callable[[], VoucherService],
        documents_folder: Path | None,
    ) -> None:
        self._ctx = context
        self._consents = consents
        self._vouchers = vouchers
        self._documents = documents_folder

    def erase(self, customer_id: int, auth: Authorization | None) -> ErasureCounts:
        """On the customer's request: anonymise them (the owner, with their password; audited)."""
        with self._ctx.change("删除客户个人信息", "customer") as entry:
            self._ctx.require(auth, ERASE_ROLE, "删除客户的个人信息")
            assert auth is not None
            counts, files = self._anonymise(customer_id, ERASURE_REASON)
            entry.entity_id = customer_id
            entry.detail = counts.detail()
            entry.authorized_by(auth)
        self._remove_files(files, counts)
        return counts

    def anonymise_within(self, customer_id: int, reason: str) -> ErasureCounts:
        """Inside the caller's change (the retention job): anonymise one customer.

        Their saved documents are deleted at once (a file cannot wait for the commit); if the
        caller's transaction then fails, the data stays and only those copies are gone.
        """
        counts, files = self._anonymise(customer_id, reason)
        self._remove_files(files, counts)
        return counts

    def blockers(self, customer_id: int) -> list[str]:
        """What must be finished before the customer can be erased (empty: nothing)."""
        problems: list[str] = []
        open_incidents = [
            row.number
            for row in Incident.select(Incident.number).where(
                (Incident.customer == customer_id) & (Incident.status != "closed")
            )
        ]
        if open_incidents:
            problems.append(f"还有未关闭的投诉 {'、'.join(open_incidents)}，请先处理完并关闭")
        active = Contract.select().where(
            (Contract.customer == customer_id) & (Contract.status == ContractStatus.ACTIVE.value)
        )
        if active.exists():
            problems.append("还有进行中的合同，请先在“续约”里结束或记为流失")
        return problems

    # -- the work -------------------------------------------------------------------------------------

    def _anonymise(self, customer_id: int, reason: str) -> tuple[ErasureCounts, list[Path]]:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        if customer.erased_at is not None:
            raise DomainError("这位客户的个人信息已经删除过了")
        problems = self.blockers(customer_id)
        if problems:
            raise DomainError(f"{customer.address_as}现在还不能删除个人信息：" + "；".join(problems) + "。")
        counts = ErasureCounts(customer_id)
        files = self._files_of(customer)
        counts.audit_rows_rewritten = erase_customer(customer)  # needs the name and phones: first
        self._rename_reminders(customer)

        vouchers = self._vouchers()
        active = Voucher.select(Voucher.id).where(
            (Voucher.customer == customer_id) & (Voucher.status == VoucherStatus.ACTIVE.value)
        )
        for voucher in list(active):
            vouchers.void_within(voucher.id, reason)
            self._ctx.sync_reminders("voucher", voucher.id)
            counts.vouchers_voided += 1
        counts.consents_withdrawn = self._consents.close_all_within(customer_id, reason)
        counts.texts_cleared = self._clear_texts(customer_id)
        # Their complaints and contracts changed too: a window still showing one must not write the text back.
        Incident.update(row_version=Incident.row_version + 1).where(
            Incident.customer == customer_id
        ).execute()
        Contract.update(row_version=Contract.row_version + 1).where(
            Contract.customer == customer_id
        ).execute()

        label = erased_name(customer_id)
        now = self._ctx.now()
        Customer.update(
            name=label,
            honorific="",
            address_as=label,
            phones="",
            phone_digits="",
            district="",
            address="",
            household_notes="",
            name_sort=name_sort_key(label),
            search_keys="",
            erased_at=now,
            updated_at=now,
            row_version=Customer.row_version + 1,
        ).where(Customer.id == customer_id).execute()
        for inquiry in Inquiry.select(Inquiry.id).where(Inquiry.customer == customer_id):
            self._ctx.sync_reminders("inquiry", int(inquiry.id))  # nobody follows up an erased caller
        for survey in Reminder.select(Reminder.subject_id).where(
            (Reminder.customer == customer_id) & (Reminder.kind == Kind.SURVEY.value)
        ):
            self._ctx.sync_reminders("service_record", int(survey.subject_id))  # nor asks them about a visit
        return counts, files

    def _clear_texts(self, customer_id: int) -> int:
        """The free text about the customer, cleared; returns how many records had some."""
        cleared = 0
        incidents = Incident.select(Incident.id).where(Incident.customer == customer_id)
        cleared += (
            Callback.update(note="")
            .where((Callback.customer == customer_id) & (Callback.note != ""))
            .execute()
        )
        cleared += (
            Survey.update(note="").where((Survey.customer == customer_id) & (Survey.note != "")).execute()
        )
        cleared += (
            Incident.update(customer_said="")
            .where((Incident.customer == customer_id) & (Incident.customer_said != ""))
            .execute()
        )
        cleared += (
            RemedyRecord.update(note="")
            .where(RemedyRecord.incident.in_(incidents) & (RemedyRecord.note != ""))
            .execute()
        )
        cleared += (
            ServiceRecord.update(notes="")
            .where((ServiceRecord.customer == customer_id) & (ServiceRecord.notes != ""))
            .execute()
        )
        contracts = Contract.select(Contract.id).where(Contract.customer == customer_id)
        cleared += (
            Contract.update(notes="")
            .where((Contract.customer == customer_id) & (Contract.notes != ""))
            .execute()
        )
        cleared += (
            RenewalAction.update(note="")
            .where(RenewalAction.contract.in_(contracts) & (RenewalAction.note != ""))
            .execute()
        )
        cleared += (
            Inquiry.update(asked="", answered="")
            .where((Inquiry.customer == customer_id) & ((Inquiry.asked != "") | (Inquiry.answered != "")))
            .execute()
        )
        # A campaign message as sent greets the customer by name: that it was sent stays, not the text.
        cleared += (
            CampaignRecipient.update(message="")
            .where((CampaignRecipient.customer == customer_id) & (CampaignRecipient.message != ""))
            .execute()
        )
        # An inquiry's follow-up reminder says what was asked: only that there was one stays.
        Reminder.update(title="咨询跟进（内容已删除）").where(
            (Reminder.customer == customer_id) & (Reminder.kind == Kind.INQUIRY.value)
        ).execute()
        for step in IncidentStep.select().where(IncidentStep.incident.in_(incidents)):
            cleaned = _clear_step(Step(step.step), step.data)
            if cleaned != step.data:
                IncidentStep.update(data=cleaned).where(IncidentStep.id == step.id).execute()
                cleared += 1
        return int(cleared)

    def _rename_reminders(self, customer: Customer) -> None:
        """Reminder titles name the customer (``王先生（王建国）的…``): the name goes, the rest stays."""
        label = erased_name(customer.id)
        needles = [f"{customer.address_as}（{customer.name}）", customer.name, customer.address_as]
        for row in Reminder.select(Reminder.id, Reminder.title).where(Reminder.customer == customer.id):
            title = row.title
            for needle in needles:
                if needle:
                    title = title.replace(needle, label)
            if title != row.title:
                Reminder.update(title=title).where(Reminder.id == row.id).execute()
        self._ctx.touch(ChangeKind.REMINDER)

    def _files_of(self, customer: Customer) -> list[Path]:
        """The documents saved for this customer: found by their complaint numbers, their id, or their
        form of address when no other customer shares it."""
        folder = self._documents
        if folder is None or not folder.is_dir():
            return []
        numbers = [
            row.number for row in Incident.select(Incident.number).where(Incident.customer == customer.id)
        ]
        shared = (
            Customer.select()
            .where((Customer.address_as == customer.address_as) & (Customer.id != customer.id))
            .exists()
        )
        found: list[Path] = []
        for path in folder.glob("*.pdf"):
            stem = path.stem
            if any(f"-{number}-" in f"{stem}-" for number in numbers):
                found.append(path)
            elif f"#{customer.id}-" in f"{stem}-" or f"-{customer.id}号-" in f"{stem}-":
                found.append(path)
            elif not shared and customer.address_as and stem.endswith(f"-{customer.address_as}"):
                found.append(path)
        found += [p for p in folder.glob("*.xlsx") if f"#{customer.id}-" in f"{p.stem}-"]
        return found

    @staticmethod
    def _remove_files(files: list[Path], counts: ErasureCounts) -> None:
        for path in files:
            try:
                path.unlink(missing_ok=True)
                counts.files_removed += 1
            except OSError as exc:
                log.warning("could not delete %s: %s", path, exc)
                counts.files_left.append(path.name)


def _clear_step(step: Step, data: str) -> str:
    try:
        values = json.loads(data)
    except ValueError:
        return data
    if not isinstance(values, dict):
        return data
    texts = {spec.name for spec in STEP_FIELDS[step]} - KEPT_STEP_FIELDS
    cleaned = {key: ("" if key in texts else value) for key, value in values.items()}
    return json.dumps(cleaned, ensure_ascii=False)
