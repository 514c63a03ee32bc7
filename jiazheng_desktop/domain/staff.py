"""Staff roles and their passwords."""

from __future__ import annotations

import hashlib
import hmac
import secrets
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
