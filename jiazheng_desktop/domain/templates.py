"""Script templates (话术模板): named placeholders, the checks made when staff save one, and rendering.

A template is plain text with placeholders such as ``{称呼}`` or ``{金额}``. ``{{`` and ``}}`` stand for a
literal brace. An unknown placeholder is refused when the template is saved (``validate_template``), never
when it is used: ``render`` accepts any string and shows every value it cannot fill as a visible gap
(``【待补：称呼】``), so staff see what is missing instead of a raw ``{称呼}`` or an error.

A few placeholders are optional (``OPTIONAL_PLACEHOLDERS``, e.g. ``{家庭备注句}``): without a value, the
whole sentence holding one is left out instead of showing a gap, so "我们一直留意着您家的情况：{家庭备注句}，…"
simply is not said to a customer without household notes. A sentence ends at the template's own 。！？ (with
any closing quote or bracket after it) or at the end of a line; a line left empty that way goes too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TypeVar

from .errors import ValidationError
from .incidents import Category


class Scenario(StrEnum):
    """When a script is used."""

    FIRST_INQUIRY = "first_inquiry"
    RENEWAL = "renewal"
    FESTIVAL = "festival"
    IDENTIFY = "identify"
    LISTEN = "listen"
    EMPATHIZE = "empathize"
    ACT = "act"
    DEEPEN = "deepen"
    COMPENSATION = "compensation"
    CALLBACK = "callback"
    SURVEY = "survey"
    """The satisfaction survey after an ordinary visit (no complaint behind it)."""
    SAFETY = "safety"
    CONSENT = "consent"
    """Asking a customer's consent (PIPL): the framing words around the purpose's exact wording."""

    @property
    def label(self) -> str:
        return _SCENARIO_LABELS[self]


_SCENARIO_LABELS = {
    Scenario.FIRST_INQUIRY: "首次咨询",
    Scenario.RENEWAL: "续约挽留",
    Scenario.FESTIVAL: "节日问候",
    Scenario.IDENTIFY: "识别",
    Scenario.LISTEN: "倾听",
    Scenario.EMPATHIZE: "共情",
    Scenario.ACT: "行动",
    Scenario.DEEPEN: "深化",
    Scenario.COMPENSATION: "补偿说明",
    Scenario.CALLBACK: "三日回访",
    Scenario.SURVEY: "满意度回访",
    Scenario.SAFETY: "安全提醒",
    Scenario.CONSENT: "征求同意",
}


class Channel(StrEnum):
    """How the script reaches the customer."""

    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {Channel.PHONE: "电话", Channel.SMS: "短信", Channel.WECHAT: "微信"}


PLACEHOLDERS: dict[str, str] = {
    "称呼": "怎么称呼客户，例如：王先生",
    "客户姓名": "客户的全名，例如：王建国",
    "服务人员": "上门的阿姨或师傅，例如：李阿姨",
    "服务类型": "例如：日常保洁、育儿嫂、水管维修",
    "服务日期": "那次上门服务的日期",
    "金额": "补偿或优惠的金额，例如：¥200.00",
    "券码": "补偿券或优惠券的券码",
    "有效期": "券的有效期截止日",
    "日期": "今天的日期",
    "回访日期": "约定再打电话回访的日期",
    "事件编号": "投诉事件的编号，例如：SJ-2026-0042",
    "问题": "客户反映的问题，例如：厨房油烟机没有擦干净",
    "家庭备注": "客户家里需要留意的情况，例如：有老人、养猫",
    "家庭备注句": "同{家庭备注}，但没有备注时，它所在的这一整句不显示（适合续约、挽留时提一句客户在意的事）",
    "公司名称": "本公司的名称",
    "公司电话": "本公司的客服电话",
    "客服": "正在接待的员工姓名",
    "经理": "接手负责这件事的经理姓名",
    "节日": "例如：春节、端午节、中秋节",
    "合同到期日": "合同或套餐的到期日",
    "套餐": "客户购买的套餐名称",
    "同意用途": "征求同意的用途，例如：家庭备注",
    "同意内容": "要念给客户听（或发给客户）的同意条款原文，一字不改",
}
"""Every placeholder a template may use: name → short description shown in the template editor."""

OPTIONAL_PLACEHOLDERS = frozenset({"家庭备注句"})
"""Placeholders whose sentence is left out when they have no value (never a 【待补】 gap)."""

TITLE_MAX = 40
BODY_MAX = 2000


@dataclass(frozen=True)
class TemplateSeed:
    """A template shipped with the program (see ``template_defaults``)."""

    scenario: Scenario
    channel: Channel
    title: str
    body: str


# --- parsing -----------------------------------------------------------------------------------------------

_BRACE = re.compile(r"[{}]")
_FULL_WIDTH = re.compile(r"｛([^｛｝{}]*)｝")


@dataclass(frozen=True)
class _Piece:
    kind: Literal["text", "name", "stray", "empty"]
    text: str  # literal text; placeholder name; the stray brace; the raw "{ }"
    start: int  # where it starts in the source (for messages)


def _scan(text: str) -> list[_Piece]:
    """Split ``text`` into literal text, placeholders, stray braces and empty braces; never raises."""
    pieces: list[_Piece] = []
    literal: list[str] = []
    literal_start = 0

    def flush(up_to: int) -> None:
        nonlocal literal_start
        if literal:
            pieces.append(_Piece("text", "".join(literal), literal_start))
            literal.clear()
        literal_start = up_to

    i, n = 0, len(text)
    while i < n:
        match = _BRACE.search(text, i)
        if match is None:
            literal.append(text[i:])
            break
        j = match.start()
        if j > i:
            literal.append(text[i:j])
        brace = text[j]
        if text.startswith(brace * 2, j):  # "{{" or "}}": a literal brace
            literal.append(brace)
            i = j + 2
            continue
        if brace == "}":
            flush(j)
            pieces.append(_Piece("stray", "}", j))
            i = j + 1
            literal_start = i
            continue
        following = _BRACE.search(text, j + 1)
        flush(j)
        if following is None or following.group() == "{":
            pieces.append(_Piece("stray", "{", j))
            i = j + 1
        else:
            raw = text[j : following.end()]
            name = raw[1:-1].strip()
            pieces.append(_Piece("name", name, j) if name else _Piece("empty", raw, j))
            i = following.end()
        literal_start = i
    flush(n)
    return pieces


def placeholders_in(text: str) -> list[str]:
    """The placeholder names used in ``text`` as ``{名字}``, in order of first use, without duplicates.

    Known and unknown names alike; ``{{`` and ``}}`` are literal braces, not placeholders.
    """
    names: dict[str, None] = {}
    for piece in _scan(text):
        if piece.kind == "name":
            names.setdefault(piece.text)
    return list(names)


# --- checking ----------------------------------------------------------------------------------------------


def _available() -> str:
    return "、".join(f"{{{name}}}" for name in PLACEHOLDERS)


def _snippet(text: str, at: int) -> str:
    """A few characters around position ``at``, on one line, so staff can find the spot."""
    start, end = max(0, at - 6), min(len(text), at + 7)
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


def _shorten(name: str, limit: int = 12) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[:limit] + "…"


def _body_problems(body: str) -> list[str]:
    problems: list[str] = []
    pieces = _scan(body)

    unknown = [name for name in placeholders_in(body) if name not in PLACEHOLDERS]
    if unknown:
        listed = "、".join(f"{{{_shorten(name)}}}" for name in unknown)
        problems.append(f"不认识的占位符：{listed}。可用的有：{_available()}。")

    full_width = [
        m.group(1).strip() for m in _FULL_WIDTH.finditer(body) if m.group(1).strip() in PLACEHOLDERS
    ]
    if full_width:
        name = full_width[0]
        problems.append(f"占位符要用半角大括号：请把｛{name}｝改成{{{name}}}（切换到英文输入法再输入括号）。")

    empty = [piece for piece in pieces if piece.kind == "empty"]
    if empty:
        problems.append(
            f"“{_snippet(body, empty[0].start)}”处的括号里没有写名字：占位符要写成{{称呼}}这样；"
            "如果想显示括号本身，请写成{{ 和 }}。"
        )

    strays = [piece for piece in pieces if piece.kind == "stray"]
    if strays:
        first = strays[0]
        double = first.text * 2
        message = (
            f"“{_snippet(body, first.start)}”处的“{first.text}”没有配对：占位符要写成{{称呼}}这样左右成对；"
            f"如果想显示括号本身，请写成{double}。"
        )
        if len(strays) > 1:
            message += f"（另外还有 {len(strays) - 1} 处括号没有配对。）"
        problems.append(message)
    return problems


def validate_template(title: str, body: str) -> None:
    """Check a template before it is saved; raise ``ValidationError`` naming ``title`` and/or ``body``.

    Refused: an empty or over-long title (max 40 characters) or body (max 2000 characters), an unknown
    placeholder, placeholder braces that do not pair up. Each message says what to fix, in Chinese.
    """
    errors: dict[str, str] = {}
    clean_title = title.strip()
    if not clean_title:
        errors["title"] = "请填写模板标题。"
    elif len(clean_title) > TITLE_MAX:
        errors["title"] = f"标题最多 {TITLE_MAX} 个字，现在有 {len(clean_title)} 个字，请缩短一些。"

    clean_body = body.strip()
    if not clean_body:
        errors["body"] = "请填写话术内容。"
    elif len(clean_body) > BODY_MAX:
        errors["body"] = f"话术内容最多 {BODY_MAX} 个字，现在有 {len(clean_body)} 个字，请删减一些。"
    else:
        problems = _body_problems(body)
        if problems:
            errors["body"] = "\n".join(problems)

    if errors:
        raise ValidationError(errors)


# --- rendering ---------------------------------------------------------------------------------------------


def _value_for(name: str, values: Mapping[str, str | None]) -> str | None:
    """The filled-in text for a placeholder, or None when it would be a gap."""
    if name not in PLACEHOLDERS:
        return None
    try:
        value = values.get(name)
    except Exception:  # an odd mapping must not stop staff from seeing the script
        return None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def gap(name: str) -> str:
    """How a placeholder without a value shows in a rendered script: ``【待补：称呼】``."""
    return f"【待补：{name}】"


_SENTENCE_END = re.compile(r"[。！？!?]+[”’）)】」』]*|\n")


def _sentences(pieces: list[_Piece]) -> list[list[_Piece] | None]:
    """``pieces`` cut into sentences on the template's own marks; ``None`` stands for a line break.

    Only literal text is cut: a mark inside a filled-in value never ends a sentence.
    """
    units: list[list[_Piece] | None] = []
    current: list[_Piece] = []
    for piece in pieces:
        if piece.kind != "text":
            current.append(piece)
            continue
        at = 0
        for match in _SENTENCE_END.finditer(piece.text):
            if match.group() == "\n":
                if match.start() > at:
                    current.append(_Piece("text", piece.text[at : match.start()], piece.start + at))
                if current:
                    units.append(current)
                units.append(None)
            else:
                current.append(_Piece("text", piece.text[at : match.end()], piece.start + at))
                units.append(current)
            current = []
            at = match.end()
        if at < len(piece.text):
            current.append(_Piece("text", piece.text[at:], piece.start + at))
    if current:
        units.append(current)
    return units


def _kept(body: str, values: Mapping[str, str | None]) -> list[_Piece]:
    """The pieces of ``body`` that are said: without the sentences of an empty optional placeholder."""
    pieces = _scan(body)
    if not any(p.kind == "name" and p.text in OPTIONAL_PLACEHOLDERS for p in pieces):
        return pieces
    units = _sentences(pieces)
    kept: list[_Piece] = []
    line_said = line_dropped = False  # something of this line is said / was left out
    gone = False  # the line before went entirely
    for unit in units:
        if unit is None:
            # A line whose every sentence was left out goes with its break: no empty line where it was;
            # a paragraph gone between two blank lines leaves one blank line.
            blank_again = gone and not line_said and not line_dropped and len(kept) >= 2
            blank_again = blank_again and kept[-1].text == kept[-2].text == "\n"
            if (line_said or not line_dropped) and not blank_again:
                kept.append(_Piece("text", "\n", -1))
            gone = line_dropped and not line_said
            line_said = line_dropped = False
            continue
        if any(
            p.kind == "name" and p.text in OPTIONAL_PLACEHOLDERS and _value_for(p.text, values) is None
            for p in unit
        ):
            line_dropped = True
            if kept and kept[-1].kind == "text":  # nothing dangles where the sentence was
                last = kept[-1]
                kept[-1] = _Piece("text", last.text.rstrip(" \t\u3000"), last.start)
            continue
        kept.extend(unit)
        line_said = True
    if line_dropped and not line_said and kept and kept[-1].text == "\n":
        kept.pop()  # the last line went entirely: no break left dangling at the end
    while kept and kept[0].start == -1 and kept[0].text == "\n" and not body.startswith("\n"):
        kept.pop(0)  # the first lines went entirely: the script starts with what is said
    return kept


def render(body: str, values: Mapping[str, str | None]) -> str:
    """Fill the placeholders of ``body`` from ``values``; never raises.

    A missing or blank value, and any unknown placeholder (an old stored template), becomes a visible gap
    ``【待补：名字】``; the sentence of an optional placeholder without a value is left out instead
    (``OPTIONAL_PLACEHOLDERS``). ``{{`` and ``}}`` become single braces; a brace that does not pair up
    (which validation refuses) is left out, so the result never shows a raw ``{名字}``.
    """
    out: list[str] = []
    after_value = False
    for piece in _kept(body, values):
        if piece.kind == "name":
            value = _value_for(piece.text, values)
            out.append(gap(piece.text) if value is None else value)
            after_value = value is not None
        elif piece.kind != "stray":  # a stray brace is dropped: it could pair up into a raw "{...}"
            text = piece.text
            if after_value and out and text[:1] in SENTENCE_MARKS:
                # A value that ends a sentence itself ("…才发现。") before the template's own mark:
                # one mark, the template's ("…才发现，这本来不该发生"), never "。。" or "。，".
                out[-1] = out[-1].rstrip(SENTENCE_MARKS)
            out.append(text)
            after_value = False
    return "".join(out)


SENTENCE_MARKS = "。，、；：！？…,.;:!?"
"""Marks that end or split a sentence: a filled-in value loses its own before the template's."""


def quote_customer(words: str) -> str:
    """The customer's own words as a quotation in the staff member's sentence: ``您说的“…”``.

    Without it a script would say "真的很抱歉。我回家才发现厨房没擦，这本来不该发生" as if the staff
    member had found it; the words' own closing mark goes (the template brings its own).
    """
    clean = " ".join(words.split()).rstrip(SENTENCE_MARKS)
    return f"您说的“{clean}”" if clean else ""


# --- choosing among the templates of a scenario ------------------------------------------------------------

ESCALATED = "escalated"
VIP = "vip"

CASE_WORDS: dict[str, tuple[str, ...]] = {
    Category.LATE.value: (Category.LATE.label, "晚到"),
    Category.NOT_CLEAN.value: (Category.NOT_CLEAN.label, "没擦干净", "不干净", "返工"),
    Category.DAMAGE.value: (Category.DAMAGE.label, "损坏", "碰坏", "打碎", "摔碎"),
    Category.EMERGENCY.value: (Category.EMERGENCY.label, "突发", "水管", "爆裂", "漏水", "止水"),
    Category.PRICE.value: (Category.PRICE.label, "收费", "多收"),
    Category.ATTITUDE.value: (Category.ATTITUDE.label, "态度"),
    Category.SAFETY.value: (Category.SAFETY.label,),
    ESCALATED: ("升级", "经理接手"),
    VIP: ("VIP", "贵宾"),
}
"""What a template is made for, read from its title: a complaint category (its id), an escalated complaint,
a VIP customer. A title naming none of these words is a general template ("说清补救：做什么、何时、谁来");
staff make one for a case by naming it in the title ("突发情况：水管爆裂先止水")."""


def cases_of(title: str) -> set[str]:
    """The cases (``CASE_WORDS`` keys) a template's title says it is made for."""
    folded = title.casefold()
    return {case for case, words in CASE_WORDS.items() if any(w.casefold() in folded for w in words)}


_T = TypeVar("_T")


def most_specific_first(
    templates: Sequence[_T], title: Callable[[_T], str], cases: Collection[str]
) -> list[_T]:
    """``templates`` (in library order) with the ones made for ``cases`` first, then the general ones,
    then those made for other cases only; library order within each (the sort is stable).

    ``cases``: the complaint's category id, ``ESCALATED`` for an escalated complaint, ``VIP`` for a VIP
    customer. A template naming more of them comes before one naming fewer.
    """
    wanted = set(cases)

    def key(template: _T) -> tuple[int, int]:
        named = cases_of(title(template))
        return (-len(named & wanted), len(named - wanted))

    return sorted(templates, key=key)


def missing_values(body: str, values: Mapping[str, str | None]) -> list[str]:
    """The placeholder names of ``body`` that ``render`` would show as a gap, in order of first use.

    An optional placeholder is never one (its sentence is left out), nor is a placeholder in a left-out sentence.
    """
    names: dict[str, None] = {}
    for piece in _kept(body, values):
        if piece.kind == "name" and _value_for(piece.text, values) is None:
            names.setdefault(piece.text)
    return list(names)
