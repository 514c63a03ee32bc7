"""个人信息副本: everything the program holds about one customer, as a PDF to hand over (PIPL 查阅、复制).

Plain data in (``CustomerCopy``), PDF out. Page 1 starts with the profile and the consents, each
consent with the exact words the customer was given; then one section per kind of record. A section
of few columns is a ruled table; one of many columns prints each record as a small card of
``label | value`` lines, so nothing is cut off on an A4 page. The same sections make the workbook
(``services/customer_export.py`` writes it), so the PDF and the xlsx always hold the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from .styles import (
    CONTENT_WIDTH,
    HEADER_FILL,
    MUTED,
    RULE,
    Letterhead,
    Styles,
    chinese_day,
    document,
    grid_table,
    letterhead_block,
    p,
    page_numbers,
)

Cell = str | int | date | datetime | None
"""A value as gathered: text (amounts already as ``¥120.00``), a count, a day or a local time."""

CARD_ABOVE = 7
"""A section with more columns than this prints each record as a card instead of a table row."""


@dataclass(frozen=True)
class CopySection:
    """One kind of record: its Chinese title and headers, and its rows (one per stored record)."""

    key: str
    """The table it comes from (``service_record``), or another stable id; the workbook's order."""
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    widths: tuple[float, ...] = ()
    """Column widths in the workbook, in characters (the PDF sizes its columns from the text)."""
    note: str = ""
    """A line under the title that explains the records (e.g. what is not kept without consent)."""


@dataclass(frozen=True)
class ConsentLine:
    """One grant or withdrawal, with the wording as the customer heard or read it."""

    purpose: str
    result: str
    at: datetime
    channel: str
    staff_name: str
    wording_version: int
    wording: str
    note: str = ""


@dataclass(frozen=True)
class ConsentNow:
    """The customer's present answer for one purpose."""

    purpose: str
    state: str
    since: datetime | None
    allows: str


@dataclass(frozen=True)
class CustomerCopy:
    letterhead: Letterhead
    customer_id: int
    address_as: str
    made_at: datetime
    """When the copy was made (agency time)."""
    profile: list[tuple[str, str]]
    consents_now: list[ConsentNow]
    consent_history: list[ConsentLine]
    sections: list[CopySection]
    """Everything after the profile and the consents, in the order printed."""

    def all_sections(self) -> list[CopySection]:
        """Every section, profile and consents first, as the workbook's sheets."""
        profile = CopySection("customer", "客户资料", ("项目", "内容"), list(self.profile), (16, 80))
        now = CopySection(
            "consent_status",
            "同意状态",
            ("用途", "现在", "自何时", "同意后我们可以"),
            [(c.purpose, c.state, c.since, c.allows) for c in self.consents_now],
            (18, 14, 18, 60),
        )
        history = CopySection(
            "consent",
            "同意记录",
            ("用途", "结果", "时间", "方式", "记录人", "条款版本", "条款原文", "说明"),
            [
                (
                    c.purpose,
                    c.result,
                    c.at,
                    c.channel,
                    c.staff_name,
                    f"第 {c.wording_version} 版",
                    c.wording,
                    c.note,
                )
                for c in self.consent_history
            ],
            (16, 12, 18, 8, 10, 10, 70, 20),
        )
        return [profile, now, history, *self.sections]


def cell_text(value: Cell) -> str:
    """A gathered value as printed: times to the minute, days as ``2026-11-23``, nothing as ``—``."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def chinese_number(number: int) -> str:
    """1–99 in Chinese numerals, as section headings count: 三, 十一, 二十."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if not 0 < number < 100:
        return str(number)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


class _Look:
    """The copy's own paragraph styles: smaller table text, so many columns still fit."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.cell = ParagraphStyle("copy_cell", parent=styles.cell, fontSize=8.5, leading=11.5)
        self.cell_head = ParagraphStyle("copy_head", parent=styles.cell, fontSize=8.5, leading=11.5)
        self.label = ParagraphStyle("copy_label", parent=self.cell, textColor=MUTED)
        self.heading = ParagraphStyle("copy_heading", parent=styles.heading, keepWithNext=1)
        self.note = ParagraphStyle("copy_note", parent=styles.small, keepWithNext=1)
        self.wording = ParagraphStyle(
            "copy_wording", parent=styles.body, fontSize=9.5, leading=14, leftIndent=8, textColor=MUTED
        )


def render_customer_copy(
    copy: CustomerCopy, path: Path, progress: Callable[[int, str], None] | None = None
) -> Path:
    """Write the copy to ``path`` as an A4 PDF with the agency's letterhead."""
    styles = Styles()
    look = _Look(styles)
    story: list[Flowable] = [
        letterhead_block(copy.letterhead, styles, CONTENT_WIDTH),
        Spacer(1, 5 * mm),
        p("个人信息副本", styles.title),
        p(
            f"客户 #{copy.customer_id} {copy.address_as}　·　{chinese_day(copy.made_at.date())}"
            f" {copy.made_at:%H:%M} 生成",
            styles.subtitle,
        ),
        Spacer(1, 4 * mm),
        p(
            f"应您的要求，这份副本列出{copy.letterhead.name or '本公司'}在本公司电脑上保存的关于您的全部个人信息"
            "和记录：客户资料、您的同意、服务、投诉与补救、回访、优惠券、合同、积分、提醒和操作记录。"
            "如发现有误，请告诉我们更正；您也可以要求删除或撤回同意。",
            styles.letter,
        ),
        p("一、客户资料", look.heading),
        _pairs_table(copy.profile, look),
        p("二、您的同意", look.heading),
        *_consents(copy, look),
    ]
    for index, section in enumerate(copy.sections, start=3):
        story += _section(section, f"{chinese_number(index)}、{section.title}", look)
        if progress is not None:
            progress(60 + 30 * (index - 2) // max(1, len(copy.sections)), f"正在排版：{section.title}…")
    doc = document(path, f"个人信息副本 客户 #{copy.customer_id}", copy.letterhead.name or "家政服务台")
    footer = page_numbers(
        f"个人信息副本 · 客户 #{copy.customer_id} · {copy.made_at:%Y-%m-%d}　本文件含个人信息，请妥善保管",
        styles.font,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


# -- the first page: profile and consents ----------------------------------------------------------


_PIECE = 1200
"""Characters of a value per table row: a row never splits across pages, so long text takes several."""


def _pairs_table(pairs: list[tuple[str, str]], look: _Look, label_width: float = 30 * mm) -> Table:
    rows = []
    for label, value in pairs:
        for start in range(0, max(1, len(value)), _PIECE):
            shown = label if start == 0 else f"{label}（续）"
            rows.append([p(shown, look.label), p(value[start : start + _PIECE], look.cell)])
    table = Table(rows, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), look.styles.font),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _consents(copy: CustomerCopy, look: _Look) -> list[Flowable]:
    head = [p(text, look.cell_head) for text in ("用途", "现在", "自何时", "同意后我们可以")]
    rows: list[list[Any]] = [head]
    for now in copy.consents_now:
        rows.append(
            [p(now.purpose, look.cell), p(now.state, look.cell), p(cell_text(now.since), look.cell),
             p(now.allows, look.cell)]
        )  # fmt: skip
    widths = [30 * mm, 24 * mm, 28 * mm, CONTENT_WIDTH - 82 * mm]
    out: list[Flowable] = [grid_table(rows, widths), Spacer(1, 3 * mm)]
    if not copy.consent_history:
        out.append(p("还没有记录过您的同意或不同意。", look.styles.body))
        return out
    out.append(p("每一次同意或撤回，以及当时给您念或给您看的条款原文（最新的在前）：", look.styles.body))
    for line in copy.consent_history:
        summary = (
            f"{cell_text(line.at)}　{line.purpose}：{line.result}　方式：{line.channel}"
            f"　记录人：{line.staff_name or '—'}　条款第 {line.wording_version} 版"
        )
        block: list[Flowable] = [p(summary, look.cell), p(f"“{line.wording}”", look.wording)]
        if line.note:
            block.append(p(f"说明：{line.note}", look.label))
        block.append(Spacer(1, 2 * mm))
        out.append(KeepTogether(block))
    return out


# -- the other sections ------------------------------------------------------------------------------


def _section(section: CopySection, heading: str, look: _Look) -> list[Flowable]:
    out: list[Flowable] = [p(heading, look.heading)]
    if section.note:
        out.append(p(section.note, look.note))
    if not section.rows:
        out.append(p("（没有记录）", look.styles.body))
        return out
    if len(section.columns) > CARD_ABOVE:
        for row in section.rows:
            pairs = [(column, cell_text(value)) for column, value in zip(section.columns, row, strict=True)]
            out += [_card(pairs, look), Spacer(1, 2.5 * mm)]
        return out
    texts = [[cell_text(value) for value in row] for row in section.rows]
    widths = _widths(section.columns, texts, look)
    rows: list[list[Any]] = [[p(column, look.cell_head) for column in section.columns]]
    for row_texts in texts:
        for pieces in _split_row(row_texts, widths):
            rows.append([p(text, look.cell) for text in pieces])
    out.append(grid_table(rows, widths))
    return out


_CARD_LABEL = 27 * mm
_SHORT = 16
"""A card value of at most this many characters shares its line with another; longer ones get a whole line."""


def _card(pairs: list[tuple[str, str]], look: _Look) -> Table:
    """One record as label/value pairs, two to a line where the values are short."""
    half = CONTENT_WIDTH / 2
    widths = [_CARD_LABEL, half - _CARD_LABEL, _CARD_LABEL, half - _CARD_LABEL]
    rows: list[list[Any]] = []
    spans: list[int] = []
    waiting: tuple[str, str] | None = None

    def flush() -> None:
        nonlocal waiting
        if waiting is not None:
            rows.append([p(waiting[0], look.label), p(waiting[1], look.cell), "", ""])
            waiting = None

    for label, value in pairs:
        if len(value) <= _SHORT and len(label) <= 8:
            if waiting is None:
                waiting = (label, value)
            else:
                rows.append([p(waiting[0], look.label), p(waiting[1], look.cell), p(label, look.label),
                             p(value, look.cell)])  # fmt: skip
                waiting = None
            continue
        flush()
        for start in range(0, len(value), _PIECE):
            shown = label if start == 0 else f"{label}（续）"
            spans.append(len(rows))
            rows.append([p(shown, look.label), p(value[start : start + _PIECE], look.cell), "", ""])
    flush()
    table = Table(rows, colWidths=widths)
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), look.styles.font),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        ("BACKGROUND", (2, 0), (2, -1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("SPAN", (1, row), (3, row)) for row in spans]
    for row, cells in enumerate(rows):  # a short pair alone on its line: no empty label cell shown
        if cells[2] == "" and row not in spans:
            commands += [("SPAN", (1, row), (3, row))]
    table.setStyle(TableStyle(commands))
    return table


def _widths(columns: tuple[str, ...], rows: list[list[str]], look: _Look) -> list[float]:
    """Column widths from the text: a column gets what its longest line needs, up to a fair share
    of the page; what is left goes to the columns of longer text (water-filling)."""
    padding = 12
    natural = []
    for index, column in enumerate(columns):
        lines = [column, *(line for row in rows for line in row[index].split("\n"))]
        natural.append(
            max(stringWidth(line, look.cell.fontName, look.cell.fontSize) for line in lines) + padding
        )
    widths: list[float | None] = [None] * len(columns)
    remaining = CONTENT_WIDTH
    while True:
        open_columns = [i for i, width in enumerate(widths) if width is None]
        if not open_columns:
            break
        fair = remaining / len(open_columns)
        fitting = [i for i in open_columns if natural[i] <= fair]
        if not fitting:
            for i in open_columns:
                widths[i] = fair
            break
        for i in fitting:
            widths[i] = natural[i]
            remaining -= natural[i]
    final = [width or 0.0 for width in widths]
    spare = CONTENT_WIDTH - sum(final)
    if spare > 0:  # everything fits: the spare room goes to the columns with the most text
        total = sum(natural)
        final = [width + spare * natural[i] / total for i, width in enumerate(final)]
    return final


_LINES_PER_ROW = 40
"""A table row never splits across pages: longer text goes on into continuation rows."""


def _split_row(texts: list[str], widths: list[float]) -> list[list[str]]:
    """One record as one or more table rows, so that no single row is taller than a page."""
    limits = [max(20, int(width / 8.5) * _LINES_PER_ROW) for width in widths]
    if all(len(text) <= limit for text, limit in zip(texts, limits, strict=True)):
        return [texts]
    rows: list[list[str]] = []
    remaining = list(texts)
    while any(remaining):
        rows.append([text[:limit] for text, limit in zip(remaining, limits, strict=True)])
        remaining = [text[limit:] for text, limit in zip(remaining, limits, strict=True)]
        if any(remaining):
            remaining = [text or ("（续）" if i == 0 else "") for i, text in enumerate(remaining)]
    return rows
