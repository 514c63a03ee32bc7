"""Money is integer fen (分). These helpers turn what people type into fen and back."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def parse_yuan(text: str) -> int:
    """Parse an amount typed in yuan ("120", "¥99.5", "1,200.00") into fen.

    Raises ``ValueError`` with a Chinese message for anything that is not a
    non-negative amount with at most two decimals.
    """
    cleaned = text.strip().replace("¥", "").replace("￥", "").replace(",", "").replace("，", "")
    cleaned = cleaned.removesuffix("元").strip()
    if not cleaned:
        raise ValueError("请填写金额")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("金额只能填数字，例如 120 或 99.50") from None
    if not value.is_finite():
        raise ValueError("金额只能填数字，例如 120 或 99.50")
    if value < 0:
        raise ValueError("金额不能为负数")
    fen = value * 100
    if fen != fen.to_integral_value():
        raise ValueError("金额最多保留两位小数（精确到分）")
    if fen > 100_000_000_00:
        raise ValueError("金额过大，请检查是否多输入了数字")
    return int(fen)


def format_fen(fen: int) -> str:
    """Show fen as yuan: 12050 → "¥120.50"."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"
