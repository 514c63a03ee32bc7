"""What the contract and renewal screens show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..domain.contracts import ContractStatus, RenewalStep
from ..domain.money import format_fen
from ..storage.models import Contract


@dataclass(frozen=True)
class ContractRow:
    id: int
    customer_id: int
    package: str
    start_on: date
    end_on: date
    price_fen: int
    status: ContractStatus
    previous_id: int | None
    notes: str
    created_at: datetime
    row_version: int = 1
    """The stored version this row was read at: hand it back when acting on it (``expected_version``)."""

    @property
    def label(self) -> str:
        """``保洁套餐 ¥3,600.00（2026-01-01 至 2026-12-31）``."""
        return f"{self.package} {format_fen(self.price_fen)}（{self.start_on:%Y-%m-%d} 至 {self.end_on:%Y-%m-%d}）"


@dataclass(frozen=True)
class RenewalRow:
    """One line of the renewals view: an active contract near its end and what was last done."""

    contract_id: int
    customer_id: int
    customer_label: str
    package: str
    end_on: date
    price_fen: int
    days_left: int
    days_left_text: str
    last_step: RenewalStep | None
    last_at: datetime | None
    last_note: str
    last_voucher_id: int | None

    @property
    def id(self) -> int:
        """The contract's id (what a paged list keys its rows by)."""
        return self.contract_id

    @property
    def last_text(self) -> str:
        """``已报优惠 11-20 · 续约送一次深度保洁`` or ``尚未跟进``."""
        if self.last_step is None or self.last_at is None:
            return "尚未跟进"
        note = f" · {self.last_note}" if self.last_note else ""
        return f"{self.last_step.label} {self.last_at:%m-%d}{note}"


@dataclass(frozen=True)
class RenewalActionRow:
    """One thing staff did about a contract near its end."""

    step: RenewalStep
    at: datetime
    staff_name: str
    note: str
    voucher_code: str
    lost_reason: str

    @property
    def text(self) -> str:
        """``已报优惠（周晓燕）· 续约九五折 · 券码 7KQ9-M3XP``."""
        who = f"（{self.staff_name}）" if self.staff_name else ""
        parts = [f"{self.step.label}{who}"]
        parts += [p for p in (self.lost_reason, self.note) if p]
        if self.voucher_code:
            parts.append(f"券码 {self.voucher_code}")
        return " · ".join(parts)


def contract_row(c: Contract) -> ContractRow:
    return ContractRow(
        id=c.id,
        customer_id=c.customer_id,
        package=c.package,
        start_on=c.start_on,
        end_on=c.end_on,
        price_fen=c.price_fen,
        status=ContractStatus(c.status),
        previous_id=c.previous_id,
        notes=c.notes,
        created_at=c.created_at,
        row_version=int(c.row_version),
    )
