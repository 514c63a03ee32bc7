"""个人信息处理告知书: what the agency collects, why, how long it keeps it, and the customer's rights.

One A4 page with the letterhead, handed to a customer (and signed) when they become a customer or
ask. Plain data in: the kinds of data and their periods come from the owner's settings, the
purposes from the consent wordings in force. However long the agency's texts, it stays on one page
(shrunk rather than spilled onto a second).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from .styles import (
    CONTENT_WIDTH,
    MARGIN,
    PAGE,
    Letterhead,
    Styles,
    blank,
    chinese_day,
    document,
    grid_table,
    letterhead_block,
    p,
)


@dataclass(frozen=True)
class DataKindLine:
    """One kind of personal data: what it holds, what for, and how long it is kept."""

    name: str
    what: str
    why: str
    kept: str


@dataclass(frozen=True)
class PurposeLine:
    """A use that needs the customer's consent, with the gist of the words they are asked."""

    label: str
    allows: str
    gist: str
    version: int


@dataclass(frozen=True)
class PrivacyNoticeData:
    letterhead: Letterhead
    kinds: list[DataKindLine]
    purposes: list[PurposeLine]
    issued_on: date


RIGHTS = (
    ("查阅、复制", "您可以随时要求查看我们保存的关于您的信息，并取得一份副本（PDF 和 Excel 表格）。"),
    ("更正、补充", "信息有误或不全时，您可以要求我们更正或补充。"),
    ("删除", "您可以要求删除您的个人信息；作为公司账目必须保存的记录，只保留不含您姓名、电话、地址的部分。"),
    (
        "撤回同意",
        "需要您同意的用途，您可以随时撤回，撤回后我们不再那样使用您的信息；撤回不影响撤回前的处理。",
    ),
)

_FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - 4 * mm


SCALES = tuple(round(1 - 0.03 * step, 2) for step in range(13))  # 1.0 … 0.64
"""Font sizes tried, largest first, until the notice fits on its page."""


def render_privacy_notice(data: PrivacyNoticeData, path: Path) -> Path:
    """Write the notice to ``path``: one A4 page, in the largest type that fits it.

    Text is made smaller (and spacing tighter) step by step rather than shrinking the finished page,
    so the tables keep the page's full width; if even the smallest does not fit, it is shrunk.
    """
    for scale in SCALES:
        try:
            _build(data, path, scale, "error")
            return path
        except LayoutError:
            continue
    _build(data, path, SCALES[-1], "shrink")
    return path


def _build(data: PrivacyNoticeData, path: Path, scale: float, mode: str) -> None:
    styles = Styles()

    def sized(name: str, parent: ParagraphStyle, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, fontSize=size * scale, leading=leading * scale, **extra)

    small = sized("notice_small", styles.cell, 9, 12.5)
    body = sized("notice_body", styles.letter, 10.5, 15.5, spaceAfter=2 * scale, firstLineIndent=21 * scale)
    plain = sized("notice_plain", styles.body, 10.5, 15.5)
    heading = sized("notice_heading", styles.heading, 12, 17, spaceBefore=6 * scale, spaceAfter=2 * scale)
    title = sized("notice_title", styles.title, 20, 28)
    head = data.letterhead
    agency = head.name or "本公司"
    story: list[Flowable] = [
        letterhead_block(head, styles, CONTENT_WIDTH),
        Spacer(1, 4 * mm * scale),
        p("个人信息处理告知书", title),
        p(chinese_day(data.issued_on), styles.subtitle),
        Spacer(1, 3 * mm * scale),
        p("尊敬的客户：", plain),
        p(
            f"为了给您提供家政服务，{agency}需要收集和使用您的个人信息。根据《中华人民共和国个人信息保护法》，"
            "现将有关事项告知如下。这些信息加密保存在本公司的电脑上，只有本公司员工凭各自的密码查看和使用。",
            body,
        ),
        p("一、我们保存的信息、用途和保存期限", heading),
        _kinds_table(data.kinds, small),
        p("二、需要您同意才做的事", heading),
        p("下面这些事只有在您同意后才做；您不同意，也不影响我们为您提供服务。", body),
        _purposes_table(data.purposes, small),
        p("三、您的权利", heading),
        _rights_table(small),
        p("四、如何行使权利、联系我们", heading),
        p(
            f"{_how_to_reach(head)}我们核实是您本人后及时办理，并告诉您结果。"
            f"您对我们处理您个人信息的方式有疑问或投诉，也请这样联系我们：{_contact(head)}。",
            body,
        ),
        Spacer(1, 6 * mm * scale),
        p("本人已阅读并了解以上内容。", plain),
        Spacer(1, 5 * mm * scale),
        _signature(plain),
    ]
    doc = document(path, "个人信息处理告知书", head.name or "家政服务台")
    doc.build([KeepInFrame(CONTENT_WIDTH, _FRAME_HEIGHT, story, mode=mode)])


def _how_to_reach(head: Letterhead) -> str:
    ways = []
    if head.phone:
        ways.append(f"打电话 {head.phone}")
    if head.address:
        ways.append(f"到 {head.address} 找我们")
    if not ways:
        return "请打电话或到店里告诉我们您要查阅、复制、更正、删除哪些信息，或撤回哪一项同意，"
    return f"请{'，或'.join(ways)}，告诉我们您要查阅、复制、更正、删除哪些信息，或撤回哪一项同意，"


def _contact(head: Letterhead) -> str:
    parts = [head.name or "本公司"]
    if head.address:
        parts.append(f"地址：{head.address}")
    if head.phone:
        parts.append(f"电话：{head.phone}")
    return "　".join(parts)


def _kinds_table(kinds: list[DataKindLine], style: ParagraphStyle) -> Table:
    """Kinds kept for as long as each other are one row (``服务记录、投诉与补救记录``), to keep to one page."""
    merged: list[DataKindLine] = []
    for kind in kinds:
        if merged and merged[-1].kept == kind.kept:
            last = merged[-1]
            merged[-1] = DataKindLine(f"{last.name}、{kind.name}", f"{last.what}；{kind.what}", "", kind.kept)
        else:
            merged.append(kind)
    rows: list[list[Any]] = [[p(t, style) for t in ("信息", "包括", "保存期限")]]
    rows += [[p(k.name, style), p(k.what, style), p(k.kept, style)] for k in merged]
    return grid_table(rows, [28 * mm, 72 * mm, CONTENT_WIDTH - 100 * mm])


def _purposes_table(purposes: list[PurposeLine], style: ParagraphStyle) -> Table:
    rows: list[list[Any]] = [[p(t, style) for t in ("用途", "同意后我们会", "征求同意时的说明（要点）")]]
    for purpose in purposes:
        rows.append(
            [p(purpose.label, style), p(purpose.allows, style),
             p(f"{purpose.gist}（条款第 {purpose.version} 版）", style)]
        )  # fmt: skip
    return grid_table(rows, [28 * mm, 50 * mm, CONTENT_WIDTH - 78 * mm])


def _rights_table(style: ParagraphStyle) -> Table:
    rows = [[p(name, style), p(text, style)] for name, text in RIGHTS]
    table = Table(rows, colWidths=[24 * mm, CONTENT_WIDTH - 24 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), style.fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _signature(style: ParagraphStyle) -> Paragraph:
    return Paragraph(f"客户签字：{blank(30)}　　　日期：{blank(10)}年{blank(6)}月{blank(6)}日", style)


def gist(text: str, limit: int = 80) -> str:
    """The first sentence of a wording (up to ``limit`` characters): what the customer is asked, in short."""
    clean = " ".join(text.split())
    ends = [index for index in (clean.find(end) for end in "。！？") if 0 <= index < limit]
    if ends:
        return clean[: min(ends) + 1]
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"
