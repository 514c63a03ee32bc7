"""The recovery code: a 256-bit key survives being printed and typed back, and typing mistakes are caught."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.domain.recovery_code import (
    CODE_LENGTH,
    KEY_BYTES,
    RecoveryCodeError,
    code_groups,
    decode_key,
    encode_key,
    key_hex,
    new_key,
    normalize_code,
)
from jiazheng_desktop.domain.vouchers import CODE_ALPHABET

keys = st.binary(min_size=KEY_BYTES, max_size=KEY_BYTES)
KEY = bytes(range(32))
SHAPE = re.compile(r"^[23456789A-HJ-NP-Z]{4}(-[23456789A-HJ-NP-Z]{4}){13}$")


@given(keys)
def test_any_key_comes_back_from_its_code(key: bytes) -> None:
    code = encode_key(key)
    assert SHAPE.match(code), code
    assert decode_key(code) == key


def test_the_code_has_14_groups_of_4_from_the_voucher_alphabet() -> None:
    code = encode_key(KEY)
    groups = code.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert not set(code) & set("01IO")
    assert code_groups(code) == groups == code_groups(code.replace("-", ""))
    # The extreme keys too: all zero bits, all one bits.
    for key in (bytes(32), b"\xff" * 32):
        assert decode_key(encode_key(key)) == key


@given(keys, st.integers(0, CODE_LENGTH - 1), st.integers(1, len(CODE_ALPHABET) - 1))
def test_any_single_symbol_changed_is_caught_by_the_checksum(key: bytes, position: int, shift: int) -> None:
    symbols = list(encode_key(key).replace("-", ""))
    symbols[position] = CODE_ALPHABET[(CODE_ALPHABET.index(symbols[position]) + shift) % len(CODE_ALPHABET)]
    with pytest.raises(RecoveryCodeError, match="恢复码有误：请逐组核对，可能有一个字符抄错了"):
        decode_key("".join(symbols))


@given(keys, st.integers(0, CODE_LENGTH - 2))
def test_two_neighbouring_symbols_swapped_are_caught(key: bytes, position: int) -> None:
    symbols = list(encode_key(key).replace("-", ""))
    if symbols[position] == symbols[position + 1]:
        return
    symbols[position], symbols[position + 1] = symbols[position + 1], symbols[position]
    with pytest.raises(RecoveryCodeError, match="恢复码有误"):
        decode_key("".join(symbols))


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@given(keys, st.sampled_from(["lower", "spaces", "none", "full", "mixed"]))
def test_typing_is_forgiving(key: bytes, style: str) -> None:
    code = encode_key(key)
    typed = {
        "lower": code.lower(),
        "spaces": code.replace("-", " "),
        "none": code.replace("-", ""),
        "full": _full_width(code),  # ＡＢＣＤ－ＥＦＧＨ from a Chinese input method
        "mixed": "  "
        + _full_width(code[:20]).replace("－", "，")
        + "　"
        + code[20:].lower().replace("-", " - ")
        + "\n",
    }[style]
    assert decode_key(typed) == key
    assert normalize_code(typed) == code


def test_a_wrong_length_says_how_many_were_typed() -> None:
    code = encode_key(KEY).replace("-", "")
    with pytest.raises(RecoveryCodeError, match="恢复码应为 56 个字符，您输入了 55 个"):
        decode_key(code[:-1])
    with pytest.raises(RecoveryCodeError, match="您输入了 57 个"):
        decode_key(code + code[0])


@pytest.mark.parametrize("typed", ["O", "0", "1", "I", "o", "i"])
def test_a_look_alike_not_in_the_alphabet_is_named_with_its_group(typed: str) -> None:
    symbols = list(encode_key(KEY).replace("-", ""))
    symbols[9] = typed  # group 3, second character
    with pytest.raises(RecoveryCodeError) as caught:
        decode_key("".join(symbols))
    message = str(caught.value)
    assert f"第 3 组的第 2 个字符“{typed.upper()}”" in message
    assert "没有 0、O、1、I" in message
    assert caught.value.group == 3


def test_an_unknown_character_is_named_with_its_group() -> None:
    code = encode_key(KEY)
    with pytest.raises(RecoveryCodeError, match="第 14 组的第 4 个字符“#”不会出现在恢复码里") as caught:
        decode_key(code[:-1] + "#")
    assert caught.value.group == 14
    with pytest.raises(RecoveryCodeError, match="第 1 组的第 1 个字符“码”"):
        decode_key("码" + code[1:])


def test_an_empty_code_asks_for_one() -> None:
    for typed in ("", "  - -　"):
        with pytest.raises(RecoveryCodeError, match="请输入恢复码"):
            decode_key(typed)


def test_an_error_is_a_domain_error() -> None:
    assert issubclass(RecoveryCodeError, DomainError)


def test_new_keys_are_random_256_bit_and_have_a_hex_form() -> None:
    first, second = new_key(), new_key()
    assert len(first) == KEY_BYTES and first != second
    assert key_hex(KEY) == "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
    assert re.fullmatch(r"[0-9a-f]{64}", key_hex(first))
    with pytest.raises(ValueError):
        encode_key(b"short")
    with pytest.raises(ValueError):
        key_hex(bytes(31))
