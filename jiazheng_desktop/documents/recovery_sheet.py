"""数据恢复单: the recovery code of the database key on one A4 page, to print and lock away.

Plain data in (the letterhead, the code from ``domain.recovery_code.encode_key``, when it is
printed), a PDF out. The code is checked before anything is written: a sheet that could not open
the data must never be printed.

The code is laid out as 14 numbered groups of 4 in a light grid, 7 to a row; each character is
drawn at a fixed pitch so the groups read like typewriter text whatever the font's own widths.
The numbers match the group numbers in the messages of ``decode_key`` (第 3 组…).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from ..domain.recovery_code import GROUP_SIZE, code_groups, normalize_code
from .styles import (
    ACCENT,
    CONTENT_WIDTH,
    HEADER_FILL,
    INK,
    MARGIN,
    MUTED,
    PAGE,
    RULE,
    Letterhead,
    Styles,
    blank,
    chinese_day,
    document,
    letterhead_block,
    p,
    page_numbers,
)

TITLE = "数据恢复单"
GROUPS_PER_ROW = 7
CODE_FONT_SIZE = 16
PITCH = 4.3 * mm
"""The distance between two characters of a group."""

CELL_HEIGHT = 17 * mm

PURPOSE = "在新电脑上或钥匙丢失时，用这个恢复码打开数据。没有它，数据和备份都无法打开。"
KEEPING = "请打印后锁在保险柜或交给店主本人保管；不要拍照发到微信；不要和备份 U 盘放在一起。"
TYPING = (
    "家政服务台提示输入恢复码时，按上面的顺序逐组输入这 56 个字符。大小写都可以，"
    "组与组之间的短横线可输可不输。恢复码里没有数字 0、1，也没有字母 O、I。"
)
FOOTER = "机密：凭此单可以打开本店的全部客户资料。请勿复印、拍照或外传。"

_FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - 4 * mm


class CodeGroup(Flowable):
    """One group of the code: its number small in the corner, its characters large at a fixed pitch."""

    def __init__(self, number: int, symbols: str, font: str) -> None:
        super().__init__()
        self.number = number
        self.symbols = symbols
        self.font = font

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, CELL_HEIGHT

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(self.font, 7)
        canvas.drawString(0, CELL_HEIGHT - 7, f"第 {self.number} 组")
        canvas.setFillColor(INK)
        canvas.setFont(self.font, CODE_FONT_SIZE)
        left = (self.width - PITCH * (GROUP_SIZE - 1)) / 2
        baseline = (CELL_HEIGHT - 7) / 2 - CODE_FONT_SIZE * 0.3
        for index, symbol in enumerate(self.symbols):
            canvas.drawCentredString(left + index * PITCH, baseline, symbol)
        canvas.restoreState()


def render_recovery_sheet(letterhead: Letterhead, code: str, printed_at: datetime, path: Path) -> Path:
    """Write the recovery sheet of ``code`` to ``path`` (one A4 page) and return ``path``.

    ``code`` may be in any form ``decode_key`` reads; it is printed in its normal form. A wrong
    code raises ``RecoveryCodeError`` and nothing is written.
    """
    groups = code_groups(normalize_code(code))
    styles = Styles()
    path.parent.mkdir(parents=True, exist_ok=True)
    printed = f"{chinese_day(printed_at.date())} {printed_at:%H:%M}"
    story: list[Flowable] = [
        letterhead_block(letterhead, styles, CONTENT_WIDTH),
        Spacer(1, 8 * mm),
        p(TITLE, styles.title),
        p(f"家政服务台数据加密的恢复码　·　打印于 {printed}", styles.subtitle),
        Spacer(1, 8 * mm),
        p("恢复码", styles.heading),
        _code_table(groups, styles.font),
        Spacer(1, 2 * mm),
        p(f"共 {len(groups)} 组，每组 {GROUP_SIZE} 个字符。", styles.small),
        Spacer(1, 5 * mm),
        p("这是什么", styles.heading),
        p(PURPOSE, styles.letter),
        p("怎样保管", styles.heading),
        p(KEEPING, styles.letter),
        p("怎样使用", styles.heading),
        p(TYPING, styles.letter),
        Spacer(1, 16 * mm),
        _signature(letterhead, styles),
    ]
    doc = document(path, TITLE, letterhead.name or "家政服务台")
    footer = page_numbers(FOOTER, styles.font, numbered=False, size=8.5)
    # One page whatever the agency's name and address: shrink rather than spill onto a second.
    doc.build(
        [KeepInFrame(CONTENT_WIDTH, _FRAME_HEIGHT, story, mode="shrink")],
        onFirstPage=footer,
        onLaterPages=footer,
    )
    return path


def _code_table(groups: list[str], font: str) -> Table:
    cells: list[Any] = [CodeGroup(n, group, font) for n, group in enumerate(groups, start=1)]
    cells += [""] * (-len(cells) % GROUPS_PER_ROW)
    rows = [cells[i : i + GROUPS_PER_ROW] for i in range(0, len(cells), GROUPS_PER_ROW)]
    table = Table(rows, colWidths=[CONTENT_WIDTH / GROUPS_PER_ROW] * GROUPS_PER_ROW)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BOX", (0, 0), (-1, -1), 1.0, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _signature(letterhead: Letterhead, styles: Styles) -> Table:
    left = [Paragraph(f"店主签字：{blank(30)}", styles.body)]
    right = [Paragraph(f"保管日期：{blank(10)}年{blank(6)}月{blank(6)}日", styles.body)]
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table
