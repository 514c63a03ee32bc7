"""Importing a sheet: which column holds what, and how a spreadsheet's cells become what staff would type.

Pure rules: the columns each kind of import knows (customers, workers, contracts), the guesses from a
sheet's Chinese or English headers, and the conversion of a cell (a phone stored by Excel as the number
13912345678.0, a date cell, a 是/否) into the text a dialog field would hold. The checks themselves are
the dialogs' own (``validate_customer``, ``validate_worker``, ``validate_contract``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .customers import HONORIFICS, ContactChannel, CustomerType, VipTier
from .phones import split_phones


class ImportKind(StrEnum):
    CUSTOMERS = "customers"
    WORKERS = "workers"
    CONTRACTS = "contracts"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {ImportKind.CUSTOMERS: "客户", ImportKind.WORKERS: "服务人员", ImportKind.CONTRACTS: "合同"}


class DuplicateChoice(StrEnum):
    """What to do with a row that repeats an existing record or an earlier row of the file."""

    SKIP = "skip"
    FILL_BLANKS = "fill_blanks"
    IMPORT_ANYWAY = "import_anyway"

    @property
    def label(self) -> str:
        return _CHOICE_LABELS[self]


_CHOICE_LABELS = {
    DuplicateChoice.SKIP: "跳过",
    DuplicateChoice.FILL_BLANKS: "补充空白信息",
    DuplicateChoice.IMPORT_ANYWAY: "仍然导入",
}


@dataclass(frozen=True)
class Target:
    """A field a column can be imported into."""

    key: str
    label: str
    headers: tuple[str, ...]
    """Header texts that mean this field (compared without spaces, case and punctuation)."""
    required: bool = False
    hint: str = ""


TARGETS: dict[ImportKind, tuple[Target, ...]] = {
    ImportKind.CUSTOMERS: (
        Target("name", "姓名", ("姓名", "客户", "客户姓名", "客户名称", "称呼", "名字", "联系人", "联络人", "name",
                              "customer", "customername", "fullname"), required=True),
        Target("honorific", "称呼（先生/女士）", ("性别", "称谓", "尊称", "gender", "sex", "honorific", "title")),
        Target("phone", "电话", ("电话", "手机", "手机号", "手机号码", "联系方式", "联系电话", "电话号码",
                               "phone", "mobile", "tel", "telephone", "cellphone"), required=True,
               hint="一格里有两个号码（用 / 、 ， ; 隔开）时分别保存"),
        Target("phone2", "备用电话", ("备用电话", "电话2", "手机2", "其他电话", "座机", "固定电话", "phone2",
                                  "otherphone", "landline")),
        Target("district", "区", ("区", "区域", "所在区", "城区", "片区", "district", "area", "region")),
        Target("address", "地址", ("地址", "住址", "小区", "详细地址", "家庭住址", "联系地址", "address")),
        Target("customer_type", "客户类型", ("类型", "客户类型", "客户类别", "类别", "type", "customertype"),
               hint="、".join(t.label for t in CustomerType)),
        Target("contact_channel", "首选联系方式", ("首选联系方式", "联系渠道", "偏好联系方式", "channel")),
        Target("referrer", "推荐人", ("推荐人", "介绍人", "推荐人电话", "referrer", "referredby"),
               hint="推荐人的电话或姓名，要对应一位已有客户"),
        Target("vip_tier", "会员等级", ("vip", "会员", "会员等级", "等级", "vip等级", "客户等级", "tier", "level"),
               hint="、".join(t.label for t in VipTier)),
        Target("household_notes", "家庭备注", ("备注", "家庭备注", "家庭情况", "note", "notes", "remark",
                                           "remarks", "memo"),
               hint="需要客户同意才能保存，导入时不保存"),
    ),
    ImportKind.WORKERS: (
        Target("name", "姓名", ("姓名", "服务人员", "阿姨", "师傅", "员工", "名字", "name"), required=True),
        Target("phone", "电话", ("电话", "手机", "手机号", "手机号码", "联系方式", "联系电话", "phone", "mobile",
                               "tel"), required=True),
        Target("skills", "技能", ("技能", "工种", "服务类型", "服务项目", "擅长", "skills", "skill")),
        Target("background_check_on", "背景调查日期", ("背景调查日期", "背景调查", "背调日期", "背调",
                                                   "backgroundcheck")),
        Target("training_notes", "培训记录", ("培训记录", "培训", "备注", "training", "note", "notes")),
        Target("active", "在职", ("在职", "状态", "是否在职", "active", "status"), hint="在职/离职、是/否"),
    ),
    ImportKind.CONTRACTS: (
        Target("customer_phone", "客户电话", ("客户电话", "电话", "手机", "手机号", "联系电话", "联系方式",
                                          "phone", "mobile"), hint="客户电话或客户姓名至少填一个"),
        Target("customer_name", "客户姓名", ("客户", "客户姓名", "姓名", "客户名称", "customer", "name")),
        Target("package", "套餐", ("套餐", "合同类型", "服务套餐", "服务项目", "项目", "package", "plan"),
               required=True),
        Target("start_on", "开始日期", ("开始日期", "开始", "起始日期", "签约日期", "生效日期", "start",
                                     "startdate"), required=True),
        Target("end_on", "结束日期", ("结束日期", "结束", "到期日", "到期日期", "截止日期", "end", "enddate"),
               required=True),
        Target("price", "价格（元）", ("价格", "金额", "合同金额", "价钱", "费用", "price", "amount"), required=True),
        Target("notes", "备注", ("备注", "note", "notes", "remark")),
    ),
}  # fmt: skip

_HEADER_NOISE = re.compile(r"[\s_\-:：()（）*#/]+")


def _header_key(text: object) -> str:
    return _HEADER_NOISE.sub("", str(text or "")).lower()


def target(kind: ImportKind, key: str) -> Target:
    """The target ``key`` of ``kind`` (``KeyError`` when there is none)."""
    for candidate in TARGETS[kind]:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def guess_mapping(
    kind: ImportKind, headers: Sequence[object], remembered: Mapping[str, str] | None = None
) -> dict[int, str]:
    """Column index → target key: what the user chose last time for a header, else a guess from it.

    Each target takes at most one column; an exact header wins over a remembered one of another column,
    and the first column wins among equals. ``remembered`` maps a header (as written) to a target key,
    or to ``""`` for a column the user chose to leave out.
    """
    keys = {t.key for t in TARGETS[kind]}
    remembered_keys = {_header_key(h): k for h, k in (remembered or {}).items() if k in keys or k == ""}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    ignored: set[int] = set()
    for index, header in enumerate(headers):
        key = remembered_keys.get(_header_key(header))
        if key == "":
            ignored.add(index)
        elif key is not None and key not in taken:
            mapping[index] = key
            taken.add(key)
    # Exact headers first, over all columns, so that 客户电话 goes to the phone and 客户 to the name.
    for exact in (True, False):
        for index, header in enumerate(headers):
            if index in mapping or index in ignored:
                continue
            found = _guess(kind, header, taken, exact=exact)
            if found is not None:
                mapping[index] = found
                taken.add(found)
    return mapping


_OVERFLOW = {"phone": "phone2"}


def _guess(kind: ImportKind, header: object, taken: set[str], *, exact: bool) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    free = [t for t in TARGETS[kind] if t.key not in taken]
    if exact:
        for candidate in TARGETS[kind]:
            if key in {_header_key(h) for h in candidate.headers}:
                if candidate.key not in taken:
                    return candidate.key
                overflow = _OVERFLOW.get(candidate.key)  # a second 电话 column: the second phone
                return overflow if overflow is not None and overflow not in taken else None
        return None
    # 客户手机号码, 联系电话1 …: a known header inside a longer one; the longest wins, then the one
    # the header ends with (a Chinese header names its thing last: 客户手机 is a phone).
    best: tuple[float, str] | None = None
    for candidate in free:
        for h in candidate.headers:
            part = _header_key(h)
            if len(part) >= 2 and part in key:
                score = len(part) + (0.5 if key.endswith(part) else 0)
                if best is None or score > best[0]:
                    best = (score, candidate.key)
    return best[1] if best else None


def header_score(kind: ImportKind, row: Sequence[object]) -> int:
    """How many cells of ``row`` look like headers of ``kind`` (to find the header under a title row)."""
    return len(guess_mapping(kind, row))


def missing_required(kind: ImportKind, mapping: Mapping[int, str]) -> list[Target]:
    """The required targets no column is mapped to (contracts need a customer phone or name)."""
    chosen = set(mapping.values())
    missing = [t for t in TARGETS[kind] if t.required and t.key not in chosen]
    if kind == ImportKind.CONTRACTS and not chosen & {"customer_phone", "customer_name"}:
        missing.insert(0, target(kind, "customer_phone"))
    return missing


# -- cells -------------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as the text a person would have typed into the dialog.

    Excel keeps a phone typed as a number as a float (13912345678.0): whole numbers lose the ``.0``;
    a date cell becomes ``2026-01-05``; a true/false cell 是/否.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).replace("\u3000", " ").split())


def phones_in(texts: Iterable[str]) -> list[str]:
    """The phone numbers in one or more cells, as the customer dialog's phone fields would hold them.

    A cell may hold two numbers (``139… / 138…``, ``139…，138…``); the same number twice counts once.
    """
    found: list[str] = []
    for text in texts:
        for part in split_phones(text):
            if part not in found:
                found.append(part)
    return found


_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")


def mangled_phone(text: str) -> str | None:
    """Why a phone cell cannot be read back, when Excel wrote it in scientific notation (1.39123E+10).

    The digits after the sixth are lost in such a csv: no number can be made of it again.
    """
    if _SCIENTIFIC.match(text.strip()):
        return (
            f"“{text.strip()}”是 Excel 显示成科学计数法的电话，后面几位数字已经丢失：请在 Excel 里把这一列的"
            "格式设为“文本”或“数值（0 位小数）”后重新导出，或直接导入 .xlsx 文件"
        )
    return None


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s.*)?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def cell_date(value: object) -> date | None:
    """A date cell or a date typed as text (2026-01-05, 2026/1/5, 2026年1月5日, 20260105).

    Empty gives None; anything else raises ``ValueError`` with a Chinese message.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        from datetime import timedelta

        return _EXCEL_EPOCH + timedelta(days=int(value))  # a date cell read as its serial number
    text = cell_text(value)
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    if match is None:
        raise ValueError(f"“{text}”不是日期，请写成 2026-01-05 这样")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"“{text}”不是存在的日期，请检查年月日") from None


_YES = {"是", "在职", "有效", "启用", "y", "yes", "true", "1", "√", "在岗"}
_NO = {"否", "离职", "无效", "停用", "n", "no", "false", "0", "×", "已离职"}


def cell_yes_no(value: object, *, default: bool) -> bool:
    """是/否, 在职/离职, yes/no … as a bool; empty gives ``default``; anything else raises ``ValueError``."""
    text = cell_text(value).lower()
    if not text:
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"“{cell_text(value)}”看不出是或否，请填 是/否（或 在职/离职）")


def choice_value(text: str, labels: Mapping[str, str], what: str) -> str:
    """The stored id for a label or id typed in a cell; raises ``ValueError`` listing the choices."""
    cleaned = text.strip()
    for value, label in labels.items():
        if cleaned in (label, value) or cleaned.lower() == value:
            return value
    raise ValueError(f"{what}“{cleaned}”不认识，请填 {'、'.join(labels.values())} 之一，或留空")


CUSTOMER_TYPE_LABELS = {t.value: t.label for t in CustomerType}
CHANNEL_LABELS = {c.value: c.label for c in ContactChannel}
VIP_LABELS = {str(t.value): t.label for t in VipTier}
_VIP_SYNONYMS = {"": "0", "无": "0", "否": "0", "非会员": "0", "普通会员": "0", "银卡会员": "1", "金卡会员": "2",
                 "钻石会员": "3", "钻石": "3", "vip": "3", "vip会员": "3", "vip卡": "3", "白银": "1", "黄金": "2", "钻石卡": "3", "vip1": "1", "vip2": "2", "vip3": "3"}  # fmt: skip
_TYPE_SYNONYMS = {"": CustomerType.OTHER.value, "上班": CustomerType.OFFICE_WORKER.value,
                  "老年人": CustomerType.ELDERLY.value, "有小孩": CustomerType.FAMILY_WITH_CHILDREN.value,
                  "宝妈": CustomerType.NEW_PARENTS.value, "企业": CustomerType.BUSINESS.value,
                  "单位": CustomerType.BUSINESS.value, "公司": CustomerType.BUSINESS.value}  # fmt: skip


def vip_tier_of(text: str) -> int:
    """The VIP tier for 普通/银卡/金卡/VIP卡 (VIP, 钻石; or its number 0–3); raises ``ValueError``."""
    cleaned = text.strip().lower()
    return int(_VIP_SYNONYMS.get(cleaned) or choice_value(cleaned, VIP_LABELS, "会员等级"))


def customer_type_of(text: str) -> str:
    """The customer type id for a label such as 上班族 (empty: 其他); raises ``ValueError``."""
    cleaned = text.strip()
    return _TYPE_SYNONYMS.get(cleaned) or choice_value(cleaned, CUSTOMER_TYPE_LABELS, "客户类型")


def channel_of(text: str) -> str:
    """The contact channel id for 电话/短信/微信 (empty: 电话); raises ``ValueError``."""
    cleaned = text.strip()
    return ContactChannel.PHONE.value if not cleaned else choice_value(cleaned, CHANNEL_LABELS, "联系方式")


_HONORIFIC_OF_SEX = {"男": "先生", "女": "女士", "m": "先生", "f": "女士", "male": "先生", "female": "女士"}


def honorific_of(text: str, name: str) -> str:
    """The form of address for a 性别/称谓 cell (男 → 先生), or from a name written as 王女士.

    Nothing known gives ``""``: the customer is addressed by their full name (no guessed 先生).
    """
    cleaned = text.strip().lower()
    if cleaned in _HONORIFIC_OF_SEX:
        return _HONORIFIC_OF_SEX[cleaned]
    if cleaned:
        if cleaned in HONORIFICS:
            return cleaned
        raise ValueError(f"称呼“{text.strip()}”不认识，请填 男/女 或 {'、'.join(h for h in HONORIFICS if h)}")
    for honorific in HONORIFICS:
        if honorific and name.strip().endswith(honorific) and len(name.strip()) > len(honorific):
            return honorific
    return ""


def split_list(text: str) -> list[str]:
    """Items of a cell listing several (技能: 保洁、育儿嫂 / 保洁,育儿嫂 / 保洁 育儿嫂)."""
    return [part for part in re.split(r"[,，;；/、|\s]+", text) if part]


_SKILL_SYNONYMS = {"保洁": "日常保洁", "小时工": "钟点工", "护工": "老人陪护", "陪护": "老人陪护", "养老护理": "老人陪护",
                   "维修": "家居维修", "家电": "家电清洗", "厨师": "做饭", "烧饭": "做饭", "育婴师": "育儿嫂"}  # fmt: skip
_PACKAGE_SYNONYMS = {"保洁": "保洁套餐", "日常保洁": "保洁套餐", "钟点工": "钟点工包月", "家电清洗": "家电清洗套餐",
                     "陪护": "老人陪护"}  # fmt: skip


def skill_names(text: str) -> tuple[str, ...]:
    """The skills listed in a cell, with common short names (保洁, 护工) read as the program's own."""
    return tuple(dict.fromkeys(_SKILL_SYNONYMS.get(part, part) for part in split_list(text)))


def package_name(text: str) -> str:
    """A package as written in a sheet (保洁 → 保洁套餐); unknown names stay as written (the check says so)."""
    cleaned = text.strip()
    return _PACKAGE_SYNONYMS.get(cleaned, cleaned)
