"""The printed 家居安全隐患自查清单: one season's set on (ideally) one A4 page, with boxes to tick.

Plain data in (a ``Checklist`` from ``domain.safety_checklists``), a PDF out. Without a customer
name and day the form keeps blank lines to write on, for handing out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from ..domain.safety_checklists import Checklist
from .styles import (
    ACCENT,
    CONTENT_WIDTH,
    HEADER_FILL,
    INK,
    RULE,
    Letterhead,
    Styles,
    chinese_day,
    document,
    letterhead_block,
    p,
    page_numbers,
)

BOX = 3.6 * mm
BOX_COLUMN = 9 * mm
NOTE_COLUMN = 40 * mm
BLANK = "＿" * 8


class TickBox(Flowable):
    """An empty square to tick by hand (drawn, so it never depends on a glyph in the font)."""

    def __init__(self, size: float = BOX) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        self.canv.restoreState()


def _styles() -> Styles:
    """The shared styles, a little tighter so a season's set fits one page."""
    styles = Styles()
    styles.cell.fontSize = 9.5
    styles.cell.leading = 12
    styles.heading.fontSize = 10.5
    styles.heading.leading = 12.5
    styles.heading.spaceBefore = styles.heading.spaceAfter = 0
    styles.title.fontSize = 17
    styles.title.leading = 24
    styles.title.spaceAfter = 2
    return styles


def _area_table(area: str, items: tuple[str, ...], styles: Styles) -> Table:
    """One area: a shaded heading row (with the 备注 column's header), then a box + item per row."""
    text_width = CONTENT_WIDTH - BOX_COLUMN - NOTE_COLUMN
    rows: list[list[Any]] = [[p(area, styles.heading), "", p("备注", styles.small)]]
    rows += [[TickBox(), p(item, styles.cell), ""] for item in items]
    table = Table(rows, colWidths=[BOX_COLUMN, text_width, NOTE_COLUMN])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),  # the empty 备注 cells: no Helvetica
                ("SPAN", (0, 0), (1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("LINEBEFORE", (2, 0), (2, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (1, 0), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
            ]
        )
    )
    return table


def _sign_line(customer_name: str, day: date | None, styles: Styles) -> Table:
    """客户 / 日期 / 检查人, filled in where known, blank lines to write on otherwise."""
    parts = [
        f"客户：{customer_name.strip() or BLANK}",
        f"日期：{chinese_day(day) if day is not None else BLANK}",
        f"检查人：{BLANK}",
    ]
    table = Table([[p(part, styles.body) for part in parts]], colWidths=[CONTENT_WIDTH / 3] * 3)
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


def _story(checklist: Checklist, letterhead: Letterhead, customer_name: str, day: date | None) -> list[Any]:
    styles = _styles()
    story: list[Any] = [
        letterhead_block(letterhead, styles, CONTENT_WIDTH),
        Spacer(1, 2 * mm),
        p(checklist.title, styles.title),
        p(checklist.intro, styles.subtitle),
        Spacer(1, 2.5 * mm),
    ]
    tables = [_area_table(area, items, styles) for area, items in checklist.sections]
    for table in tables[:-1]:
        story.append(KeepTogether([table, Spacer(1, 1.5 * mm)]))
    # The sign line stays with the last area: never alone on a page.
    story.append(KeepTogether([tables[-1], Spacer(1, 5 * mm), _sign_line(customer_name, day, styles)]))
    return story


def render_checklist(
    checklist: Checklist,
    letterhead: Letterhead,
    path: Path,
    customer_name: str = "",
    day: date | None = None,
) -> Path:
    """Write ``checklist`` to ``path`` as an A4 PDF and return ``path``.

    With ``customer_name`` and ``day`` the sign line is filled in; without, it has blank lines. A set
    that runs onto a second page is built again with page numbers on both.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    author = letterhead.name or "家政服务台"
    font = Styles().font
    doc = document(path, checklist.title, author)
    tip = page_numbers(checklist.tip, font, numbered=False, size=8.5)
    doc.build(_story(checklist, letterhead, customer_name, day), onFirstPage=tip, onLaterPages=tip)
    if doc.page > 1:
        doc = document(path, checklist.title, author)
        numbered = page_numbers(checklist.tip, font)
        doc.build(
            _story(checklist, letterhead, customer_name, day), onFirstPage=numbered, onLaterPages=numbered
        )
    return path
