"""Staff roles and their passwords."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from datetime import datetime, timedelta
from enum import IntEnum


class Role(IntEnum):
    """Roles in rising order: a higher role may do everything a lower one may."""

    CUSTOMER_SERVICE = 1
    REGIONAL_MANAGER = 2
    OWNER = 3

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.CUSTOMER_SERVICE: "客服",
    Role.REGIONAL_MANAGER: "区域经理",
    Role.OWNER: "运营总监/店主",
}

PASSWORD_MIN = 6
# scrypt parameters: ~16 MiB and a few tens of ms per check on an office PC.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def check_password_strength(password: str) -> str | None:
    """Return a Chinese message if ``password`` is too weak to accept, else None."""
    if len(password) < PASSWORD_MIN:
        return f"密码至少 {PASSWORD_MIN} 位"
    if password.strip() != password:
        return "密码首尾不能有空格"
    return None


def hash_password(password: str) -> str:
    """A salted scrypt hash in the form ``scrypt$n$r$p$salt$hash`` (hex)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches the stored hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(digest.hex(), digest_hex)


# -- wrong passwords -------------------------------------------------------------------------------

FREE_FAILURES = 4
"""Wrong passwords in a row that cost nothing: the fifth starts the first wait."""

LOCKOUT_WAITS: tuple[timedelta, ...] = (
    timedelta(seconds=30),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
)
"""The wait after the 5th, 6th, 7th and 8th wrong password in a row; every later one waits the last (15 min)."""


def lockout_wait(failures: int) -> timedelta:
    """How long the password of a person is refused after ``failures`` wrong ones in a row.

    Nothing for the first four; then 30 s, 1 min, 5 min, 15 min, and 15 min again for each further one.
    At 15 minutes a wait, guessing costs a day for fewer than 100 tries.
    """
    if failures <= FREE_FAILURES:
        return timedelta(0)
    return LOCKOUT_WAITS[min(failures - FREE_FAILURES, len(LOCKOUT_WAITS)) - 1]


def tries_before_wait(failures: int) -> int:
    """Wrong passwords still possible before a wait starts (0 once waits have begun)."""
    return max(FREE_FAILURES + 1 - failures, 0)


def remaining_wait(locked_until: datetime | None, now: datetime) -> timedelta:
    """What is left of a wait that ends at ``locked_until`` (zero when there is none, or it is over)."""
    if locked_until is None or locked_until <= now:
        return timedelta(0)
    return locked_until - now


def format_wait(wait: timedelta) -> str:
    """A wait as staff read it: ``30 秒``, ``1 分钟``, ``4 分 30 秒`` (whole seconds, rounded up)."""
    seconds = max(math.ceil(wait.total_seconds()), 0)
    minutes, seconds = divmod(seconds, 60)
    if minutes and seconds:
        return f"{minutes} 分 {seconds} 秒"
    if minutes:
        return f"{minutes} 分钟"
    return f"{seconds} 秒"


def locked_out_message(wait: timedelta) -> str:
    """The message shown while a person's password is refused."""
    return f"密码错误次数过多，请 {format_wait(wait)}后再试"


def wrong_password_message(failures: int) -> str:
    """The message after a wrong password; the last tries before a wait say so."""
    left = tries_before_wait(failures)
    if 0 < left <= 2:
        return f"密码不对，请重新输入（再错 {left} 次就要等一会儿才能再试）"
    return "密码不对，请重新输入"
