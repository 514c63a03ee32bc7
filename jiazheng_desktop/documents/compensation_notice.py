"""补偿通知书: what the customer holds after a complaint was put right. One A4 page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from .styles import (
    CONTENT_WIDTH,
    MARGIN,
    PAGE,
    RULE,
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
class CompensationItem:
    """One remedy as the customer reads it; a voucher carries its code and how to use it."""

    kind: str
    amount_text: str = ""
    note: str = ""
    voucher_code: str = ""
    uses: int = 0
    per_use_text: str = ""
    valid_until: date | None = None
    usage_note: str = ""

    def details(self) -> str:
        parts = [self.note] if self.note else []
        if self.voucher_code:
            parts.append(f"券码 {self.voucher_code}")
            if self.uses > 1:
                parts.append(f"共 {self.uses} 次，每次 {self.per_use_text}")
            if self.valid_until is not None:
                parts.append(f"有效期至 {chinese_day(self.valid_until)}")
            if self.usage_note:
                parts.append(f"使用方法：{self.usage_note}")
        return "；".join(parts) or "—"


@dataclass(frozen=True)
class NoticeData:
    letterhead: Letterhead
    customer_name: str
    address_as: str
    incident_number: str
    reported_on: date
    what_happened: str
    apology: str
    action_plan: str
    items: list[CompensationItem] = field(default_factory=list)
    callback_at: datetime | None = None
    issued_on: date | None = None
    staff_name: str = ""


_FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - 4 * mm


def render_notice(data: NoticeData, path: Path) -> Path:
    """Write the notice to ``path``; very long text is shrunk to keep it on one page."""
    styles = Styles()
    issued = data.issued_on or date.today()
    story: list[Flowable] = [
        letterhead_block(data.letterhead, styles, CONTENT_WIDTH),
        Spacer(1, 6 * mm),
        p("补偿通知书", styles.title),
        p(f"事件编号 {data.incident_number}　·　{chinese_day(issued)}", styles.subtitle),
        Spacer(1, 6 * mm),
        p(f"尊敬的{data.address_as}：", styles.body),
        Spacer(1, 2 * mm),
        p(
            f"您于 {chinese_day(data.reported_on)} 向我们反映的问题（事件编号 {data.incident_number}），"
            f"经核实情况如下：{_sentence(data.what_happened)}",
            styles.letter,
        ),
        p(f"{_sentence(data.apology)}对此给您带来的不便和困扰，我们再次深表歉意。", styles.letter),
        p(f"我们已采取的处理：{_sentence(data.action_plan)}", styles.letter),
        Spacer(1, 4 * mm),
        p("补偿明细", styles.heading),
        _items_table(data.items, styles),
        Spacer(1, 4 * mm),
    ]
    if data.callback_at is not None:
        when = f"{chinese_day(data.callback_at.date())} {data.callback_at:%H:%M}"
        story.append(
            p(
                f"我们将于 {when} 前后给您打电话回访，了解问题是否彻底解决。如您那时不方便，请随时告诉我们。",
                styles.letter,
            )
        )
    story += [
        p("感谢您的理解与信任。我们会把这次的问题作为改进的机会，用更好的服务回报您。", styles.letter),
        *(
            [p(f"如有任何疑问，请致电 {data.letterhead.phone}。", styles.letter)]
            if data.letterhead.phone
            else []
        ),
        Spacer(1, 10 * mm),
        _signatures(data, issued, styles),
    ]
    doc = document(path, f"补偿通知书 {data.incident_number}", data.letterhead.name or "家政服务台")
    # One page whatever the length of what staff typed: shrink rather than spill onto a second.
    doc.build([KeepInFrame(CONTENT_WIDTH, _FRAME_HEIGHT, story, mode="shrink")])
    return path


def _sentence(text: str) -> str:
    """Text as a sentence: stripped, ending in Chinese punctuation."""
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in "。！？.!?；;" else text + "。"


def _items_table(items: list[CompensationItem], styles: Styles) -> Table:
    rows: list[list[Any]] = [
        [p("项目", styles.cell_head), p("金额", styles.cell_head), p("说明", styles.cell_head)]
    ]
    for item in items or [CompensationItem("（无）")]:
        rows.append(
            [
                p(item.kind, styles.cell),
                p(item.amount_text or "—", styles.cell),
                p(item.details(), styles.cell),
            ]
        )
    return grid_table(rows, [32 * mm, 28 * mm, CONTENT_WIDTH - 60 * mm])


def _signatures(data: NoticeData, issued: date, styles: Styles) -> Table:
    left = [
        Paragraph(f"客户签字：{blank(28)}", styles.body),
        Spacer(1, 12 * mm),
        Paragraph(f"日期：{blank(10)}年{blank(6)}月{blank(6)}日", styles.body),
    ]
    right = [
        p(data.letterhead.name or "公司", styles.body),
        p("（盖章）", styles.small),
        Spacer(1, 10 * mm),
        p(f"经办人：{data.staff_name}" if data.staff_name else "经办人：", styles.body),
        p(chinese_day(issued), styles.body),
    ]
    table = Table(
        [[left, "", right]], colWidths=[CONTENT_WIDTH * 0.45, CONTENT_WIDTH * 0.1, CONTENT_WIDTH * 0.45]
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (2, 0), (2, 0), 0.5, RULE),  # room for the seal
                ("LEFTPADDING", (2, 0), (2, 0), 8),
                ("TOPPADDING", (2, 0), (2, 0), 6),
            ]
        )
    )
    return table
