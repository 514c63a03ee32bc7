"""Chinese phone numbers: real mobile numbers and landlines with their area code."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-()（）—–.]")
_ALLOWED = re.compile(r"^\+?[0-9]+$")


class PhoneError(ValueError):
    """A phone number could not be accepted; the message says why in Chinese."""


def normalize_phone(text: str) -> str:
    """Check one Chinese phone number and return it in a canonical form.

    Mobiles come back as 11 digits (``13812345678``); landlines as area code,
    a dash and the number (``021-12345678``). Raises ``PhoneError``.
    """
    import phonenumbers  # loads its metadata: not needed until a number is checked
    from phonenumbers import PhoneNumberType

    raw = _SEPARATORS.sub("", text.strip())
    if not raw:
        raise PhoneError("请填写电话号码")
    if not _ALLOWED.match(raw):
        raise PhoneError(f"“{text.strip()}”里有不是数字的字符，请只填数字")
    if raw.startswith("0086"):
        raw = "+86" + raw[4:]
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise PhoneError(f"“{text.strip()}”不是有效的电话号码") from None
    if number.country_code != 86:
        raise PhoneError("只支持中国大陆的手机或固定电话号码")
    national = str(number.national_number)
    if phonenumbers.is_valid_number(number):
        kind = phonenumbers.number_type(number)
        if kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE) and len(national) == 11:
            return national
        if kind == PhoneNumberType.FIXED_LINE:
            area_len = 2 if national[0] in "12" else 3
            return f"0{national[:area_len]}-{national[area_len:]}"
    digits = raw.removeprefix("+86")
    if not digits.startswith("0") and 7 <= len(digits) <= 8:
        raise PhoneError("固定电话请加区号，例如 021-12345678")
    if digits.startswith("1"):
        if len(digits) != 11:
            raise PhoneError(f"手机号应为 11 位数字，“{text.strip()}”是 {len(digits)} 位，请检查")
        raise PhoneError(f"“{text.strip()}”不是有效的手机号（号段不存在），请检查")
    raise PhoneError(f"“{text.strip()}”不是有效的电话号码，手机号为 11 位，固定电话需带区号")


def phone_digits(phone: str) -> str:
    """The digits of a canonical phone, for substring search (``021-1234`` → ``0211234``)."""
    return re.sub(r"\D", "", phone)


def split_phones(text: str) -> list[str]:
    """Split what was typed into one field holding several numbers (separated by , ; / or 、)."""
    parts = re.split(r"[,，;；/、]+", text)
    return [p.strip() for p in parts if p.strip()]
