"""The compensation vouchers an incident's 行动 step issues, keeps or voids (inside its transaction)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from ..domain.incidents import Remedy, RemedyKind
from ..storage.models import Incident, RemedyRecord, Voucher

if TYPE_CHECKING:
    from .vouchers import VoucherService


class IncidentVouchersMixin:
    """Needs ``_vouchers``."""

    _vouchers: VoucherService

    @staticmethod
    def _voucher_remedies(incident_id: int) -> list[Voucher]:
        """The vouchers earlier 行动 remedies of this incident issued (a correction may keep them)."""
        ids = [
            r.voucher_id
            for r in RemedyRecord.select(RemedyRecord.voucher_id).where(
                RemedyRecord.incident == incident_id, RemedyRecord.voucher_id.is_null(False)
            )
        ]
        return list(Voucher.select().where(Voucher.id.in_(ids)).order_by(Voucher.id)) if ids else []

    def _voucher_for(
        self, incident: Incident, remedy: Remedy, kept: list[Voucher], codes: list[str]
    ) -> int | None:
        """Issue the compensation voucher of a 补偿券 remedy (or keep the one issued before)."""
        if remedy.kind != RemedyKind.VOUCHER or remedy.amount_fen <= 0:
            return None
        for voucher in kept:
            if voucher.value_fen == remedy.amount_fen:
                kept.remove(voucher)
                codes.append(voucher.code)
                return int(voucher.id)
        clean = self._vouchers.compensation_for(incident.id, incident.customer_id, remedy.amount_fen)
        voucher_id, code = self._vouchers.issue_within(clean)
        codes.append(code)
        return voucher_id

    def _drop_vouchers(self, incident: Incident, dropped: list[Voucher]) -> None:
        """Vouchers a corrected 行动 step no longer gives are voided, unless already used."""
        for voucher in dropped:
            if self._vouchers.has_redemptions(voucher.id):
                raise DomainError(f"补偿券 {voucher.code} 已经用过，不能在更正中去掉它或改金额")
            self._vouchers.void_within(voucher.id, f"{incident.number} 更正行动步骤，补偿方式已改")
