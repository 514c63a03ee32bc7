"""The recovery code: the database's random 256-bit key, written so a person can type it back.

The code is printed on the recovery sheet (数据恢复单) and asked for on a new PC or when the
stored key is gone. It uses the voucher alphabet (``vouchers.CODE_ALPHABET``: digits 2-9 and the
letters without I and O, 5 bits a symbol):

- 52 symbols carry the key's 256 bits followed by 4 zero bits (260 bits);
- 4 symbols carry a CRC-20 of those 260 bits (generator x^20 + x^3 + 1, a primitive trinomial):
  any change within 20 consecutive bits is always caught, so one mistyped symbol, or two
  neighbouring symbols swapped, can never open the data with a wrong key or pass as right;
- 56 symbols in all, shown in 14 groups of 4: ``ABCD-EFGH-…``.

Reading a typed code back is forgiving about how it is typed (lower case, spaces, dashes,
full-width characters from a Chinese input method) and strict about what it says: every mistake
raises ``RecoveryCodeError`` with a Chinese message that says what to check.

About look-alikes: the alphabet has no 0, O, 1 or I, and the letter L is in it. A typed 0, O, 1
or I is therefore not guessed at (what it was meant to be, D or Q, L or 7, cannot be known); the
error names the character and its group, so the person looks at the sheet again.

Pure: no Qt, no database.
"""

from __future__ import annotations

import secrets
import unicodedata

from .errors import DomainError
from .vouchers import CODE_ALPHABET, CONFUSABLE

KEY_BYTES = 32
"""A database key is 256 random bits."""

BITS_PER_SYMBOL = 5
DATA_SYMBOLS = 52
"""ceil(256 / 5): the last symbol's low 4 bits are zero."""

CHECK_SYMBOLS = 4
CODE_LENGTH = DATA_SYMBOLS + CHECK_SYMBOLS
"""56 symbols, not counting the dashes."""

GROUP_SIZE = 4
GROUPS = CODE_LENGTH // GROUP_SIZE

_DATA_BITS = DATA_SYMBOLS * BITS_PER_SYMBOL
_PAD_BITS = _DATA_BITS - KEY_BYTES * 8
_CRC_BITS = CHECK_SYMBOLS * BITS_PER_SYMBOL
_CRC_POLY = (1 << 20) | (1 << 3) | 1

_SEPARATORS = frozenset(" \t\r\n-_—–~·.,，、。／/")
"""What people put between groups (after NFKC, which has turned full-width －，／ and spaces into ASCII)."""

assert len(CODE_ALPHABET) == 1 << BITS_PER_SYMBOL and _PAD_BITS >= 0 and _CRC_BITS == 20
assert CODE_LENGTH % GROUP_SIZE == 0


class RecoveryCodeError(DomainError):
    """The typed recovery code is wrong; ``str(error)`` says what to check.

    ``group`` is the 1-based group the mistake is in, when that is known (for highlighting).
    """

    def __init__(self, message: str, group: int | None = None) -> None:
        super().__init__(message)
        self.group = group


def new_key() -> bytes:
    """A new random database key (256 bits from the operating system's secure source)."""
    return secrets.token_bytes(KEY_BYTES)


def key_hex(key: bytes) -> str:
    """The key as 64 lower-case hex digits (SQLCipher's raw key is ``PRAGMA key = "x'<hex>'"``)."""
    _check_key(key)
    return key.hex()


def encode_key(key: bytes) -> str:
    """The recovery code of ``key``: 56 symbols in groups of 4, ``ABCD-EFGH-…``."""
    _check_key(key)
    data = int.from_bytes(key, "big") << _PAD_BITS
    word = (data << _CRC_BITS) | _crc20(data)
    symbols = [
        CODE_ALPHABET[(word >> (BITS_PER_SYMBOL * (CODE_LENGTH - 1 - i))) & 0x1F] for i in range(CODE_LENGTH)
    ]
    return format_groups("".join(symbols))


def decode_key(code: str) -> bytes:
    """The key a typed recovery code stands for; raises ``RecoveryCodeError`` when it is wrong.

    Case, spaces, dashes and full-width characters do not matter. Checked in this order: an
    empty code, a character that never appears in recovery codes (named, with its group), the
    length, the checksum.
    """
    compact = _compact(code)
    if not compact:
        raise RecoveryCodeError("请输入恢复码：数据恢复单上的 56 个字符（每 4 个一组）")
    for index, ch in enumerate(compact):
        if ch not in CODE_ALPHABET:
            raise RecoveryCodeError(_strange_message(ch, index), group=index // GROUP_SIZE + 1)
    if len(compact) != CODE_LENGTH:
        raise RecoveryCodeError(
            f"恢复码应为 {CODE_LENGTH} 个字符，您输入了 {len(compact)} 个"
            f"（不算短横线）。请对照数据恢复单逐组核对，看是否漏了或多了一个字符。"
        )
    word = 0
    for ch in compact:
        word = (word << BITS_PER_SYMBOL) | CODE_ALPHABET.index(ch)
    data, check = word >> _CRC_BITS, word & ((1 << _CRC_BITS) - 1)
    if _crc20(data) != check or data & ((1 << _PAD_BITS) - 1):
        raise RecoveryCodeError("恢复码有误：请逐组核对，可能有一个字符抄错了")
    return (data >> _PAD_BITS).to_bytes(KEY_BYTES, "big")


def normalize_code(code: str) -> str:
    """A typed code in its printed form (``ABCD-EFGH-…``); raises ``RecoveryCodeError`` like ``decode_key``."""
    return encode_key(decode_key(code))


def format_groups(symbols: str) -> str:
    """``ABCDEFGH…`` → ``ABCD-EFGH-…`` (no checking)."""
    return "-".join(code_groups(symbols))


def code_groups(code: str) -> list[str]:
    """The groups of 4 of a code, printed or compact (``ABCD-EFGH`` → ``["ABCD", "EFGH"]``; no checking)."""
    compact = "".join(ch for ch in code if ch != "-")
    return [compact[i : i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE)]


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) != KEY_BYTES:
        raise ValueError(f"a database key is {KEY_BYTES} bytes")


def _compact(typed: str) -> str:
    normalized = unicodedata.normalize("NFKC", typed).upper()
    return "".join(ch for ch in normalized if ch not in _SEPARATORS)


def _strange_message(ch: str, index: int) -> str:
    where = f"第 {index // GROUP_SIZE + 1} 组的第 {index % GROUP_SIZE + 1} 个字符“{ch}”"
    if ch in CONFUSABLE:
        hint = {"0": "D 或 Q", "O": "D 或 Q", "1": "L 或 7", "I": "L、J 或 T"}[ch]
        return f"{where}不会出现在恢复码里（恢复码里没有 0、O、1、I）。请看看恢复单上是不是 {hint}。"
    return f"{where}不会出现在恢复码里：恢复码只有数字 2-9 和英文字母（没有 I 和 O）。请对照数据恢复单再核对一遍。"


def _crc20(data: int) -> int:
    """The remainder of data(x)·x^20 divided by the generator, over GF(2)."""
    rest = data << _CRC_BITS
    for bit in range(rest.bit_length() - 1, _CRC_BITS - 1, -1):
        if (rest >> bit) & 1:
            rest ^= _CRC_POLY << (bit - _CRC_BITS)
    return rest
