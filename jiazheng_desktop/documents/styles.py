"""Shared look of the printed documents: A4, the Chinese font, CJK line breaking, page numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, Paragraph, Table, TableStyle
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.doctemplate import SimpleDocTemplate

from .fonts import register_fonts

CHINESE_CANNOT_START = "，。、；：？！）》」』】〕］｝〉”’…—·％"
"""Closing punctuation that must not begin a line (禁则). ReportLab's list is Japanese and lets a full-width
comma, semicolon, colon, question or exclamation mark, 》 or ” start one; a character of this list that would
begin a line hangs at the end of the one before instead."""


def _extend_line_start_rule() -> None:
    """Teach ReportLab's CJK line breaking (``wordWrap="CJK"``) the Chinese punctuation as well: in
    ``textsplit`` (plain paragraphs) and in ``paragraph`` (paragraphs with markup), which copied the list."""
    for module in (_textsplit, _paragraph):
        known = module.ALL_CANNOT_START
        module.ALL_CANNOT_START = known + "".join(ch for ch in CHINESE_CANNOT_START if ch not in known)


_extend_line_start_rule()

PAGE = A4
MARGIN = 18 * mm
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
ACCENT = colors.HexColor("#1f5fa8")
RULE = colors.HexColor("#bbbbbb")
HEADER_FILL = colors.HexColor("#e8eef7")


@dataclass(frozen=True)
class Letterhead:
    """The agency's details that head a document (from the settings)."""

    name: str
    address: str = ""
    phone: str = ""
    logo: Path | None = None


class Styles:
    """Paragraph styles in the bundled font, with CJK line breaking."""

    def __init__(self) -> None:
        font = register_fonts()
        base = {"fontName": font, "textColor": INK, "wordWrap": "CJK"}
        self.body = ParagraphStyle("body", fontSize=10.5, leading=16, **base)
        # A letter's paragraphs: the first line indented two characters, as Chinese letters are.
        self.letter = ParagraphStyle("letter", parent=self.body, firstLineIndent=21, spaceAfter=3)
        self.small = ParagraphStyle(
            "small", fontSize=8.5, leading=12, textColor=MUTED, fontName=font, wordWrap="CJK"
        )
        self.title = ParagraphStyle(
            "title", fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4, **base
        )
        self.subtitle = ParagraphStyle(
            "subtitle",
            fontSize=10,
            leading=14,
            alignment=TA_CENTER,
            textColor=MUTED,
            fontName=font,
            wordWrap="CJK",
        )
        self.heading = ParagraphStyle(
            "heading",
            fontSize=13,
            leading=20,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ACCENT,
            fontName=font,
            wordWrap="CJK",
        )
        self.cell = ParagraphStyle("cell", fontSize=9.5, leading=13, **base)
        self.cell_head = ParagraphStyle("cell_head", fontSize=9.5, leading=13, **base)
        self.right = ParagraphStyle("right", fontSize=10.5, leading=16, alignment=TA_RIGHT, **base)
        self.letterhead = ParagraphStyle(
            "letterhead", fontSize=15, leading=20, textColor=ACCENT, fontName=font, wordWrap="CJK"
        )
        self.font = font


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a little XML): ``&``, ``<`` and ``>`` escaped, newlines kept."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(escape(text), style)


def blank(width: int) -> str:
    """Room to write by hand inside a paragraph: ``width`` non-breaking spaces, underlined."""
    return "<u>" + "&nbsp;" * width + "</u>"


def letterhead_block(head: Letterhead, styles: Styles, width: float) -> Table:
    """The agency's name, address and phone, with the logo on the left when there is one."""
    lines = [p(head.name or "（请在“设置”里填写公司名称）", styles.letterhead)]
    contact = "　".join(part for part in (head.address, f"电话：{head.phone}" if head.phone else "") if part)
    if contact:
        lines.append(p(contact, styles.small))
    cells: list[Any] = [lines]
    widths = [width]
    if head.logo is not None and head.logo.exists():
        logo = Image(str(head.logo))
        ratio = logo.imageWidth / max(1, logo.imageHeight)
        logo.drawHeight = 16 * mm
        logo.drawWidth = min(40 * mm, 16 * mm * ratio)
        cells = [logo, lines]
        widths = [logo.drawWidth + 4 * mm, width - logo.drawWidth - 4 * mm]
    table = Table([cells], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def grid_table(rows: list[list[Any]], widths: list[float], *, header_rows: int = 1) -> Table:
    """A ruled table whose header repeats on every page it runs onto."""
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()),  # plain-text cells too
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def page_numbers(
    footer: str, font: str, *, numbered: bool = True, size: float = 8
) -> Callable[[Canvas, Any], None]:
    """A page callback that writes ``footer`` (and ``第 N 页`` unless not ``numbered``) at the bottom."""

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, footer)
        if numbered:
            canvas.drawRightString(PAGE[0] - MARGIN, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


def document(path: Path, title: str, author: str) -> SimpleDocTemplate:
    """An A4 document with the shared margins; the PDF's title and author are set for viewers."""
    register_fonts()
    return SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=author,
        creator="家政服务台",
    )


def chinese_day(day: date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


CONTENT_WIDTH = PAGE[0] - 2 * MARGIN
