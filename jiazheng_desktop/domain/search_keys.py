"""Pinyin search keys so that ``wxs`` finds 王先生 and ``zhang`` finds 张女士."""

from __future__ import annotations

import os
import re

# Names are read character by character: pypinyin's phrase dictionary (2.5 MB on disk, a large part of its
# load time and memory) reads words of ordinary text, which names are not (with it 陆万 reads "liu wan" and
# 贾马 "gu ma"; the surnames it did help with are in _SURNAME_READINGS). Set before pypinyin is first
# imported, so the tests, the source checkout and the installed program read names the same way; the
# Windows build leaves the dictionary out (packaging/jiazheng.spec).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")

_ASCII_LETTERS = re.compile(r"^[a-z]+$")
_DIGITS = re.compile(r"^[0-9]+$")
_PHONE_PUNCT = re.compile(r"[\s\-()（）+]")


# Surnames read differently from the same character in ordinary words (曾 is zēng, not céng).
# Both readings become keys, so staff find the customer whichever one they type.
_SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou",
    "覃": "qin", "缪": "miao", "盖": "ge", "乐": "yue", "翟": "zhai", "繁": "po", "尉": "yu",
    "种": "chong", "燕": "yan", "任": "ren", "华": "hua", "纪": "ji", "员": "yun", "沈": "shen",
}  # fmt: skip


def _variants(text: str) -> list[tuple[str, str]]:
    """(full pinyin, initials) pairs for ``text``; two when the surname has a special reading."""
    from pypinyin import Style, lazy_pinyin  # 0.2 s to load its dictionaries: only when needed

    compact = "".join(text.split())
    if not compact:
        return []
    syllables = [p for p in lazy_pinyin(compact, style=Style.NORMAL, errors=_latin) if p]  # type: ignore[arg-type]
    if not syllables:
        return []
    out = [("".join(syllables).lower(), "".join(p[0] for p in syllables).lower())]
    special = _SURNAME_READINGS.get(compact[0])
    if special and special != syllables[0]:
        alt = [special, *syllables[1:]]
        out.append(("".join(alt).lower(), "".join(p[0] for p in alt).lower()))
    return out


def _latin(chars: str) -> list[str]:
    """Keep Latin letters and digits of non-Chinese text (``Tom`` stays ``tom``)."""
    cleaned = re.sub(r"[^A-Za-z0-9]", "", chars).lower()
    return [cleaned] if cleaned else []


def pinyin_keys(*texts: str) -> str:
    """A ``|``-delimited key string for the given names, e.g. ``|wangjianguo|wjg|wangxiansheng|wxs|``.

    Each key can be matched as a whole (``|q|``), as a prefix (``|q``) or anywhere.
    """
    keys: list[str] = []
    for text in texts:
        for full, initials in _variants(text or ""):
            for key in (full, initials):
                if key and key not in keys:
                    keys.append(key)
    return "|" + "|".join(keys) + "|" if keys else ""


def classify_query(text: str) -> tuple[str, str]:
    """Decide how to search for what was typed.

    Returns ``(kind, needle)`` where kind is ``"phone"`` (digits), ``"pinyin"``
    (Latin letters) or ``"name"`` (anything else, typically Chinese), or
    ``("empty", "")``.
    """
    stripped = text.strip()
    if not stripped:
        return "empty", ""
    compact = _PHONE_PUNCT.sub("", stripped)
    if _DIGITS.match(compact):
        return "phone", compact
    lowered = re.sub(r"[\s']", "", stripped.lower())
    if _ASCII_LETTERS.match(lowered):
        return "pinyin", lowered
    return "name", stripped


def name_sort_key(name: str) -> str:
    """Sort Chinese names the way people expect: by pinyin with tones, then by the characters."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.TONE3, errors="default")
    special = _SURNAME_READINGS.get(name[:1])
    if special and syllables:
        syllables[0] = special
    return " ".join(syllables).lower() + "\t" + name
