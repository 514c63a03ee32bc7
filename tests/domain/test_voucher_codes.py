"""The voucher codes' check symbol (jiazheng_desktop.domain.vouchers): Luhn mod 32 for new codes, the old
weighted sum still accepted, and how many typos each lets through (issue 16)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest
from stdnum import luhn

from jiazheng_desktop.domain.vouchers import (
    BODY_LENGTH,
    CHECK_MESSAGE,
    CODE_ALPHABET,
    check_symbol,
    format_code,
    is_legacy_code,
    legacy_check_symbol,
    luhn_check,
    make_code,
    normalize_code,
)

Check = Callable[[str], str]


def _passes(check: Check) -> Callable[[str], bool]:
    return lambda compact: check(compact[:BODY_LENGTH]) == compact[BODY_LENGTH]


def _either(compact: str) -> bool:
    return _passes(check_symbol)(compact) or _passes(legacy_check_symbol)(compact)


def _codes(check: Check, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    bodies = ("".join(rng.choice(CODE_ALPHABET) for _ in range(BODY_LENGTH)) for _ in range(count))
    return [body + check(body) for body in bodies]


def _swaps(compact: str) -> Iterator[str]:
    """Every swap of two neighbouring symbols that changes the code (the check symbol's neighbour too)."""
    for i in range(len(compact) - 1):
        if compact[i] != compact[i + 1]:
            yield compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]


def _substitutions(compact: str) -> Iterator[str]:
    for i, old in enumerate(compact):
        for symbol in CODE_ALPHABET:
            if symbol != old:
                yield compact[:i] + symbol + compact[i + 1 :]


def _missed(codes: list[str], typos: Callable[[str], Iterator[str]], accepts: Callable[[str], bool]) -> float:
    made = [typo for code in codes for typo in typos(code)]
    return sum(map(accepts, made)) / len(made)


def _pair_miss_rate(check: Check, position: int) -> float:
    """Share of the 32 × 31 neighbour pairs at body ``position``, ``position + 1`` whose swap passes.

    Both checks are sums of a value per position, so whether a swap inside the body goes through
    depends on the pair alone: one body around it gives the exact figure.
    """
    rest = "23456789"[:BODY_LENGTH]
    missed = total = 0
    for a in CODE_ALPHABET:
        for b in CODE_ALPHABET:
            if a == b:
                continue
            body = rest[:position] + a + b + rest[position + 2 :]
            swapped = rest[:position] + b + a + rest[position + 2 :]
            total += 1
            missed += check(body) == check(swapped)
    return missed / total


def test_our_luhn_is_python_stdnums_on_any_alphabet() -> None:
    rng = random.Random(11)
    assert luhn_check("7992739871", "0123456789") == "3"  # the textbook Luhn example
    for alphabet in ("0123456789", CODE_ALPHABET, "0123456789ABCDEF"):
        for _ in range(500):
            body = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
            assert luhn_check(body, alphabet) == luhn.calc_check_digit(body, alphabet=alphabet), body


def test_the_new_check_is_stdnums_luhn_mod_32_over_the_code_alphabet() -> None:
    for code in _codes(check_symbol, 50, seed=1):
        assert luhn.is_valid(code, alphabet=CODE_ALPHABET)
        assert luhn.checksum(code, alphabet=CODE_ALPHABET) == 0
    rng = random.Random(5)
    for _ in range(200):
        compact = make_code(rng).replace("-", "")
        assert compact[-1] == check_symbol(compact[:-1])


def test_luhn_catches_every_single_wrong_symbol() -> None:
    codes = _codes(check_symbol, 40, seed=2)
    assert _missed(codes, _substitutions, _passes(check_symbol)) == 0
    assert _missed(_codes(legacy_check_symbol, 40, seed=2), _substitutions, _passes(legacy_check_symbol)) == 0


def test_exactly_one_pair_in_496_of_swapped_neighbours_passes_luhn_against_16_for_the_old_check() -> None:
    """The figures of issue 16: 3.23 % (16 pairs of 496) against 0.20 % (one pair, 2 and Z)."""
    for position in range(BODY_LENGTH - 1):
        assert _pair_miss_rate(check_symbol, position) == pytest.approx(1 / 496)
        assert _pair_miss_rate(legacy_check_symbol, position) == pytest.approx(16 / 496)
    assert round(100 / 496, 2) == 0.20 and round(1600 / 496, 2) == 3.23


def test_over_random_codes_luhn_lets_far_fewer_swaps_through() -> None:
    """Every adjacent swap of random codes, the one with the check symbol included."""
    new = _missed(_codes(check_symbol, 3000, seed=3), _swaps, _passes(check_symbol))
    old = _missed(_codes(legacy_check_symbol, 3000, seed=3), _swaps, _passes(legacy_check_symbol))
    assert new == pytest.approx(1 / 496, abs=0.001)  # the check symbol's swap follows the same rule
    assert old == pytest.approx(16 / 496, abs=0.004)
    assert new * 10 < old


def test_accepting_both_checks_lets_some_typos_through_the_format_check() -> None:
    """What ``normalize_code`` alone misses because old codes stay valid (the figures in its docstring).

    Each position has one wrong symbol that fits the old check: about 1 in 32 single typos of a new code
    pass it, and the service then has to tell such a code apart (``is_legacy_code``).
    """
    codes = _codes(check_symbol, 1000, seed=4)
    substitutions = _missed(codes, _substitutions, _either)
    swaps = _missed(codes, _swaps, _either)
    assert substitutions == pytest.approx(0.031, abs=0.004)
    assert swaps == pytest.approx(0.033, abs=0.004)
    assert _missed(_codes(legacy_check_symbol, 1000, seed=4), _swaps, _either) == pytest.approx(
        0.062, abs=0.006
    )
    for code in codes[:50]:
        for typo in _substitutions(code):
            assert not _passes(check_symbol)(typo)
            assert is_legacy_code(typo) == _either(typo)  # what passes is always told apart


def test_old_codes_stay_valid_and_are_told_apart() -> None:
    for compact in _codes(legacy_check_symbol, 200, seed=6):
        code = format_code(compact)
        assert normalize_code(compact.lower()) == code
        assert is_legacy_code(code) == (check_symbol(compact[:-1]) != compact[-1])
    new = make_code(random.Random(8))
    assert normalize_code(new) == new and not is_legacy_code(new)


def test_a_code_that_fits_neither_check_says_what_to_check_in_chinese() -> None:
    body = "7KQ9M3X"
    wrong = next(s for s in CODE_ALPHABET if s not in (check_symbol(body), legacy_check_symbol(body)))
    with pytest.raises(ValueError) as info:
        normalize_code(body + wrong)
    assert str(info.value) == CHECK_MESSAGE
    assert "校验位" in CHECK_MESSAGE and "相邻两位" in CHECK_MESSAGE and "核对" in CHECK_MESSAGE
