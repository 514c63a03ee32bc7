"""What the voucher screens show, and the voucher list (filtered in SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.search_keys import classify_query
from ..domain.vouchers import CODE_ALPHABET, EXPIRING_DAYS, VoucherKind, VoucherStatus, normalize_code
from ..storage.fields import from_db_time
from ..storage.models import Voucher, db
from ..storage.queries import text_condition


@dataclass(frozen=True)
class EntryView:
    at: datetime
    kind: str
    label: str
    amount_fen: int
    service_record_id: int | None
    reason: str


@dataclass(frozen=True)
class VoucherView:
    """Everything the voucher page shows."""

    id: int
    code: str
    kind: VoucherKind
    customer_id: int
    customer_label: str
    value_fen: int
    value_per_use_fen: int
    uses_total: int
    uses_left: int
    balance_fen: int
    valid_until: date
    status: VoucherStatus
    usage_note: str
    incident_id: int | None
    incident_number: str
    created_at: datetime
    entries: list[EntryView] = field(default_factory=list)


@dataclass(frozen=True)
class VoucherRow:
    """One line of the voucher list."""

    id: int
    code: str
    kind: VoucherKind
    customer_id: int
    customer_label: str
    value_fen: int
    balance_fen: int
    valid_until: date
    status: VoucherStatus
    created_at: datetime
    value_per_use_fen: int = 0
    usage_note: str = ""
    incident_number: str = ""

    @property
    def uses_left(self) -> int:
        """Each use is worth exactly one share, so what is left counts the uses left."""
        return self.balance_fen // self.value_per_use_fen if self.value_per_use_fen else 0


@dataclass(frozen=True)
class VoucherFilter:
    text: str = ""
    view: str = "all"
    """``active``, ``used``, ``expiring`` (active, last day within 7 days), ``expired``, ``void`` or ``all``."""
    kind: str | None = None
    customer_id: int | None = None


VIEWS = ("active", "used", "expiring", "expired", "void", "all")


def list_vouchers(flt: VoucherFilter, limit: int, today: date) -> list[VoucherRow]:
    """Vouchers matching the filter, newest first."""
    if flt.view not in VIEWS:
        raise ValueError(f"unknown voucher view {flt.view!r}")
    conditions: list[str] = []
    params: list[Any] = []
    status_of = {
        "active": VoucherStatus.ACTIVE,
        "used": VoucherStatus.USED,
        "expired": VoucherStatus.EXPIRED,
        "void": VoucherStatus.VOID,
        "expiring": VoucherStatus.ACTIVE,
    }
    if flt.view in status_of:
        conditions.append("v.status = ?")
        params.append(status_of[flt.view].value)
    if flt.view == "expiring":
        conditions.append("v.valid_until <= ?")
        params.append((today + timedelta(days=EXPIRING_DAYS)).isoformat())
    if flt.kind:
        conditions.append("v.kind = ?")
        params.append(flt.kind)
    if flt.customer_id is not None:
        conditions.append("v.customer_id = ?")
        params.append(flt.customer_id)
    text_condition = _text_condition(flt.text)
    if text_condition is not None:
        conditions.append(text_condition[0])
        params.extend(text_condition[1])
    where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
    sql = (
        "SELECT v.id, v.code, v.kind, v.customer_id, c.address_as, v.value_fen,"
        " (SELECT COALESCE(SUM(e.amount_fen), 0) FROM voucher_entry e WHERE e.voucher_id = v.id),"
        " v.valid_until, v.status, v.created_at, v.value_per_use_fen, v.usage_note, i.number"
        " FROM voucher v JOIN customer c ON c.id = v.customer_id"
        f" LEFT JOIN incident i ON i.id = v.incident_id{where}"
        " ORDER BY v.created_at DESC, v.id DESC LIMIT ?"
    )
    cursor = db.execute_sql(sql, [*params, limit])
    valid = Voucher.valid_until
    return [
        VoucherRow(
            id=row[0],
            code=row[1],
            kind=VoucherKind(row[2]),
            customer_id=row[3],
            customer_label=row[4],
            value_fen=row[5],
            balance_fen=row[6],
            valid_until=valid.python_value(row[7]),
            status=VoucherStatus(row[8]),
            created_at=from_db_time(row[9]),
            value_per_use_fen=row[10],
            usage_note=row[11],
            incident_number=row[12] or "",
        )
        for row in cursor.fetchall()
    ]


def _text_condition(text: str) -> tuple[str, list[Any]] | None:
    try:
        # A whole, valid code finds that voucher only (its digits may also be part of a phone number).
        return "v.code = ?", [normalize_code(text)]
    except ValueError:
        pass
    kind, needle = classify_query(text)
    if kind == "empty":
        return None
    where, customer_params = text_condition(kind, needle)
    clause = f"v.customer_id IN (SELECT id FROM customer WHERE {where})"
    fragment = "".join(ch for ch in text.upper() if ch not in " -－")
    if fragment and all(ch in CODE_ALPHABET for ch in fragment):
        return (
            f"({clause} OR REPLACE(v.code, '-', '') LIKE ?)",
            [*customer_params, f"%{fragment}%"],
        )
    return clause, customer_params
