"""What the voucher screens show, and the voucher list (filtered in SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.paging import Order
from ..domain.search_keys import classify_query
from ..domain.vouchers import CODE_ALPHABET, EXPIRING_DAYS, VoucherKind, VoucherStatus, normalize_code
from ..storage.fields import from_db_time
from ..storage.models import db
from ..storage.queries import text_condition
from .paging import KeysetList, sql_listing


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
    sort: str = "created_at"
    """A key of ``SORTABLE``: the column the list is ordered by, then the id the same way."""
    descending: bool = True


VIEWS = ("active", "used", "expiring", "expired", "void", "all")

_BALANCE = "(SELECT COALESCE(SUM(e.amount_fen), 0) FROM voucher_entry e WHERE e.voucher_id = v.id)"


def _in_enum_order(column: str, members: Any) -> str:
    """A stored id ranked as its enum lists the members (the choice lists' order)."""
    ranks = " ".join(f"WHEN '{m.value}' THEN {rank}" for rank, m in enumerate(members))
    return f"CASE {column} {ranks} ELSE {len(members)} END"


SORTABLE = {
    "code": "v.code",
    "customer": "c.address_as",
    "kind": _in_enum_order("v.kind", list(VoucherKind)),
    "value": "v.value_fen",
    "per_use": "v.value_per_use_fen",
    "uses_left": f"CASE WHEN v.value_per_use_fen > 0 THEN {_BALANCE} / v.value_per_use_fen ELSE 0 END",
    "balance": _BALANCE,
    "valid_until": "v.valid_until",
    "status": _in_enum_order("v.status", list(VoucherStatus)),
    "incident": "COALESCE(i.number, '')",
    "created_at": "v.created_at",
}
"""Every order the list can be read in; the columns of the voucher's own table have an index
``(column, id)`` (migration 11), the balance and what is left are summed from the ledger per row."""

_COLUMNS = (
    f"v.id, v.code, v.kind, v.customer_id, c.address_as, v.value_fen, {_BALANCE},"
    " v.valid_until, v.status, v.created_at, v.value_per_use_fen, v.usage_note, i.number"
)


def _where(flt: VoucherFilter, today: date) -> tuple[str, list[Any]]:
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
    source = (
        "FROM voucher v JOIN customer c ON c.id = v.customer_id LEFT JOIN incident i ON i.id = v.incident_id"
    )
    return f"{source} WHERE " + (" AND ".join(conditions) or "1 = 1"), params


def _row(row: tuple[Any, ...]) -> VoucherRow:
    return VoucherRow(
        id=row[0],
        code=row[1],
        kind=VoucherKind(row[2]),
        customer_id=row[3],
        customer_label=row[4],
        value_fen=row[5],
        balance_fen=row[6],
        valid_until=date.fromisoformat(row[7]),
        status=VoucherStatus(row[8]),
        created_at=from_db_time(row[9]),
        value_per_use_fen=row[10],
        usage_note=row[11],
        incident_number=row[12] or "",
    )


def voucher_listing(flt: VoucherFilter, today: date) -> KeysetList[VoucherRow]:
    """The vouchers of ``flt`` in its order, read a keyset page at a time."""
    source, params = _where(flt, today)
    return sql_listing(
        Order(flt.descending),
        execute=db.execute_sql,
        columns=_COLUMNS,
        source=source,
        params=params,
        sort=SORTABLE.get(flt.sort, SORTABLE["created_at"]),
        id_column="v.id",
        make_row=_row,
    )


def list_vouchers(flt: VoucherFilter, limit: int, today: date) -> list[VoucherRow]:
    """The first ``limit`` vouchers of ``flt`` in its order (newest first unless it says otherwise)."""
    return voucher_listing(flt, today).after(None, limit).rows


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
