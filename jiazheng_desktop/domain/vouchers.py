"""Vouchers (补偿券/优惠券): codes that survive being read over the phone, and the ledger rules.

Pure: no Qt, no database. Money is integer fen.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import DomainError, ValidationError
from .money import format_fen, parse_yuan


class VoucherKind(StrEnum):
    COMPENSATION = "compensation"
    PROMOTION = "promotion"
    FESTIVAL = "festival"
    REFERRAL = "referral"
    POINTS = "points"
    """Bought with the customer's points (only through the points service, never issued by hand)."""

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    VoucherKind.COMPENSATION: "补偿券",
    VoucherKind.PROMOTION: "优惠券",
    VoucherKind.FESTIVAL: "节日红包",
    VoucherKind.REFERRAL: "推荐奖励",
    VoucherKind.POINTS: "积分兑换",
}


class VoucherStatus(StrEnum):
    ACTIVE = "active"
    USED = "used"
    VOID = "void"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    VoucherStatus.ACTIVE: "可用",
    VoucherStatus.USED: "已用完",
    VoucherStatus.VOID: "已作废",
    VoucherStatus.EXPIRED: "已过期",
}


class EntryKind(StrEnum):
    """The ledger's entry kinds, as stored in ``voucher_entry.kind``."""

    ISSUE = "issue"
    REDEEM = "redeem"
    VOID = "void"
    EXPIRE = "expire"

    @property
    def label(self) -> str:
        return _ENTRY_LABELS[self]


_ENTRY_LABELS = {
    EntryKind.ISSUE: "发放",
    EntryKind.REDEEM: "使用",
    EntryKind.VOID: "作废",
    EntryKind.EXPIRE: "过期",
}


CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""32 symbols that cannot be confused when read aloud: no 0/O, no 1/I."""

CONFUSABLE = frozenset("0O1I")
BODY_LENGTH = 7
CODE_LENGTH = BODY_LENGTH + 1
# The check of the codes issued before issue 16: odd weights are invertible modulo 32, so it catches
# every single wrong symbol, but a swap of two neighbours differing by 16 positions goes through.
_LEGACY_WEIGHTS = (1, 3, 5, 7, 9, 11, 13)

CHECK_MESSAGE = "券码校验位不对：可能有一位念错或输错了，或者相邻两位前后颠倒了，请对照券面再核对一遍"
"""What a code whose check symbol does not match is told (a typo caught before anything is looked up)."""

MAX_USES = 12
MAX_NOTE = 200
EXPIRING_DAYS = 7
"""A voucher counts as "expiring soon" when its last valid day is at most this many days away."""

assert len(CODE_ALPHABET) == 32 and not (set(CODE_ALPHABET) & CONFUSABLE)


def check_symbol(body: str) -> str:
    """The check symbol of a new code's 7-symbol body: Luhn mod 32 over ``CODE_ALPHABET``.

    It catches every single wrong symbol and every swap of two neighbours but one pair in 496
    (measured in tests/domain/test_voucher_codes.py: 0.20 % of adjacent swaps go through, against
    3.23 % for :func:`legacy_check_symbol`). Swapped neighbours are the usual slip when a code is read
    aloud on the phone.
    """
    _require_body(body)
    return luhn_check(body)


def luhn_check(body: str, alphabet: str = CODE_ALPHABET) -> str:
    """The Luhn mod N check character of ``body`` over ``alphabet`` (N = its length): from the right,
    every other symbol's value doubled, the two "digits" of a doubled value (in base N) added, and the
    symbol that brings the sum to a multiple of N appended. The same as python-stdnum's
    ``luhn.calc_check_digit(body, alphabet)`` (the tests check it against that on many codes); written
    here because importing stdnum pulls its network and help modules into the frozen program.
    """
    n = len(alphabet)
    total = 0
    for position, symbol in enumerate(reversed(body)):
        value = alphabet.index(symbol)
        if position % 2 == 0:  # these are doubled: the check symbol will stand to their right
            value *= 2
            value = value // n + value % n
        total += value
    return alphabet[(n - total % n) % n]


def legacy_check_symbol(body: str) -> str:
    """The check symbol of the codes issued before issue 16 (weighted sum of the positions, mod 32).

    Still accepted, so every voucher already handed out stays valid; no new code uses it.
    """
    _require_body(body)
    total = sum(w * CODE_ALPHABET.index(ch) for w, ch in zip(_LEGACY_WEIGHTS, body, strict=True))
    return CODE_ALPHABET[total % 32]


def _require_body(body: str) -> None:
    if len(body) != BODY_LENGTH or any(ch not in CODE_ALPHABET for ch in body):
        raise ValueError(f"券码主体须是 {BODY_LENGTH} 位券码字符")


def format_code(symbols: str) -> str:
    """``7KQ9M3XP`` → ``7KQ9-M3XP`` (how codes are stored, printed and read aloud)."""
    return f"{symbols[:4]}-{symbols[4:]}"


def make_code(rng: random.Random) -> str:
    """A new code: 7 random symbols and the Luhn mod 32 check symbol, shown as ``XXXX-XXXX``."""
    body = "".join(rng.choice(CODE_ALPHABET) for _ in range(BODY_LENGTH))
    return format_code(body + check_symbol(body))


def normalize_code(typed: str) -> str:
    """What was typed or heard → the stored form ``XXXX-XXXX``.

    Case does not matter; spaces and dashes are ignored. A wrong length, a symbol
    that never appears in codes, or a check symbol that matches neither check raises
    ``ValueError`` with a Chinese message, so a mistyped code is caught before it is looked up.

    Accepting both checks weakens what this function alone catches: a typo of a new code that
    happens to satisfy the old check goes through. Measured over random new codes
    (tests/domain/test_voucher_codes.py), 3.1 % of single wrong symbols (about one in 32: each
    position has one wrong symbol that fits the old check) and 3.3 % of adjacent swaps pass
    here, against 0 % and 0.20 % under Luhn alone; for old codes, 6.2 % of adjacent swaps. What
    keeps a typo from reaching the wrong voucher is the look-up after it: a code that passes only
    the old check (:func:`is_legacy_code`) and belongs to no voucher gets :data:`CHECK_MESSAGE`
    from the voucher service, as if this function had refused it. When the last voucher with an
    old code has expired, the old check can go.
    """
    compact = "".join(ch for ch in typed.upper() if ch not in " \t-－—_　")
    if not compact:
        raise ValueError("请输入券码，例如 7KQ9-M3XP")
    if any(ch in CONFUSABLE for ch in compact):
        raise ValueError("券码里没有 0、O、1、I 这几个字，请再核对一遍")
    if len(compact) != CODE_LENGTH:
        raise ValueError("券码是 8 位，例如 7KQ9-M3XP")
    strange = [ch for ch in compact if ch not in CODE_ALPHABET]
    if strange:
        raise ValueError(f"券码里不会有“{strange[0]}”，只有数字 2-9 和英文字母，请再核对一遍")
    body, check = compact[:BODY_LENGTH], compact[BODY_LENGTH]
    if check not in (check_symbol(body), legacy_check_symbol(body)):
        raise ValueError(CHECK_MESSAGE)
    return format_code(compact)


def is_legacy_code(code: str) -> bool:
    """True for a well-formed code that passes only the old check (one issued before issue 16, or a typo)."""
    compact = code.replace("-", "")
    if len(compact) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in compact):
        return False
    body, check = compact[:BODY_LENGTH], compact[BODY_LENGTH]
    return check == legacy_check_symbol(body) != check_symbol(body)


# -- issuing ------------------------------------------------------------------------------------------


@dataclass
class VoucherDraft:
    """A voucher as typed in the issue dialog; the total is still text in yuan."""

    customer_id: int | None
    kind: str
    total_text: str
    uses: int = 1
    valid_until: date | None = None
    usage_note: str = ""
    incident_id: int | None = None
    incident_number: str = ""
    """A complaint named by its number (SJ-2026-0042) on the 优惠券 page; the service finds its id."""


@dataclass(frozen=True)
class CleanVoucher:
    customer_id: int
    kind: VoucherKind
    total_fen: int
    uses: int
    value_per_use_fen: int
    valid_until: date
    usage_note: str
    incident_id: int | None = None


def validate_voucher(draft: VoucherDraft, today: date) -> CleanVoucher:
    """Check a voucher before it is issued; ``ValidationError`` names every field to fix."""
    errors: dict[str, str] = {}
    if draft.customer_id is None:
        errors["customer"] = "请选择拿到这张券的客户"
    kind: VoucherKind | None = None
    try:
        kind = VoucherKind(draft.kind)
    except ValueError:
        errors["kind"] = "请从列表中选择券的种类"
    total = 0
    try:
        total = parse_yuan(draft.total_text)
        if total <= 0:
            errors["total"] = "券的金额须大于 0"
    except ValueError as exc:
        errors["total"] = str(exc)
    uses = draft.uses
    if not isinstance(uses, int) or isinstance(uses, bool) or not 1 <= uses <= MAX_USES:
        errors["uses"] = f"使用次数须在 1 到 {MAX_USES} 次之间"
    elif total > 0 and "total" not in errors and total % uses:
        errors["total"] = f"{_yuan(total)} 分 {uses} 次不能整分到分，请调整金额或次数"
    if draft.valid_until is None:
        errors["valid_until"] = "请填写有效期"
    elif draft.valid_until < today:
        errors["valid_until"] = f"有效期不能早于今天（{today:%Y-%m-%d}）"
    note = draft.usage_note.strip()
    if len(note) > MAX_NOTE:
        errors["usage_note"] = f"使用说明最多 {MAX_NOTE} 字"
    if errors:
        raise ValidationError(errors)
    assert draft.customer_id is not None and kind is not None and draft.valid_until is not None
    return CleanVoucher(
        customer_id=draft.customer_id,
        kind=kind,
        total_fen=total,
        uses=uses,
        value_per_use_fen=total // uses,
        valid_until=draft.valid_until,
        usage_note=note,
        incident_id=draft.incident_id,
    )


def _yuan(fen: int) -> str:
    """``¥200`` for whole yuan, ``¥199.50`` otherwise (as people say amounts)."""
    text = format_fen(fen)
    return text.removesuffix(".00")


# -- the ledger ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerEntry:
    kind: str
    amount_fen: int


def balance(entries: Iterable[LedgerEntry]) -> int:
    """What is left on the voucher: the sum of its ledger (issue +, everything else −)."""
    return sum(e.amount_fen for e in entries)


def remaining_uses(value_per_use_fen: int, entries: Iterable[LedgerEntry]) -> int:
    """How many uses are left (0 after void or expiry)."""
    left = balance(entries)
    return left // value_per_use_fen if value_per_use_fen > 0 and left > 0 else 0


def check_redeem(status: str, valid_until: date, today: date, balance_fen: int) -> None:
    """Refuse a redemption with a message that says which problem it is."""
    if status == VoucherStatus.VOID:
        raise DomainError("这张券已作废，不能再使用")
    if status == VoucherStatus.USED or (status == VoucherStatus.ACTIVE and balance_fen <= 0):
        raise DomainError("这张券已用完，不能再使用")
    if status == VoucherStatus.EXPIRED or valid_until < today:
        raise DomainError(f"这张券已过期（有效期到 {valid_until:%Y-%m-%d}），不能再使用")
    if status != VoucherStatus.ACTIVE:
        raise DomainError(f"这张券的状态是“{status}”，不能使用")


def check_void(status: str) -> None:
    """Only an active voucher can be voided; otherwise say why not."""
    if status == VoucherStatus.VOID:
        raise DomainError("这张券已经作废过了")
    if status == VoucherStatus.USED:
        raise DomainError("这张券已用完，不需要作废")
    if status == VoucherStatus.EXPIRED:
        raise DomainError("这张券已过期，不需要作废")
    if status != VoucherStatus.ACTIVE:
        raise DomainError(f"这张券的状态是“{status}”，不能作废")
