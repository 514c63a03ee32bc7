"""Importing customers, workers or contracts from a sheet (Excel, WPS, csv): check every row, then save.

Every row goes through the dialog's own rules (``validate_customer``, ``validate_worker``,
``validate_contract``) after its cells were turned into what a person would have typed. Duplicates of an
existing record, or of an earlier row of the same file, wait for the user's choice (跳过, 补充空白信息,
仍然导入). The rows are saved in one transaction with one audit row; nothing is saved when one fails or
the user cancels. An imported customer has no consent recorded: household notes from a sheet are not
kept (the customer service refuses notes without the 家庭备注 consent, and so does the import).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.contracts import ContractDraft, ContractStatus, validate_contract
from ..domain.customers import (
    ContactChannel,
    CustomerDraft,
    CustomerType,
    VipTier,
    validate_customer,
)
from ..domain.errors import DomainError, ValidationError
from ..domain.imports import (
    DuplicateChoice,
    ImportKind,
    cell_date,
    cell_text,
    cell_yes_no,
    channel_of,
    customer_type_of,
    guess_mapping,
    honorific_of,
    mangled_phone,
    missing_required,
    package_name,
    phones_in,
    skill_names,
    target,
    vip_tier_of,
)
from ..domain.money import format_fen
from ..domain.phones import PhoneError, normalize_phone, phone_digits
from ..domain.workers import WorkerDraft, validate_worker
from ..storage.models import Contract, Customer, Worker
from .changes import ChangeKind
from .context import ServiceContext
from .customers import CustomerService, row_fields
from .import_files import Table, read_table, write_rejected
from .settings import SettingsService

COMMAND_LINE = "命令行"
"""``by_name`` of the audit row of an import made with the command line (nobody signed in)."""

MAPPING_KEY = "import.mapping.{kind}"
"""Setting: for each kind, header text → the field its column went to last time (``""``: left out)."""

Progress = Callable[[int, str], None]
Cancelled = Callable[[], bool]

_STEP = 250


class ImportCancelled(DomainError):
    """The user cancelled; nothing was saved."""


@dataclass(frozen=True)
class RowProblem:
    """Why a row cannot be imported: its row number in the sheet, the column, what to fix."""

    row_number: int
    column: str
    message: str

    def text(self) -> str:
        where = f"第 {self.row_number} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class Duplicate:
    """What a row repeats: an existing record (``existing_id``) or an earlier row (``row_index``)."""

    description: str
    existing_id: int | None = None
    row_index: int | None = None
    """Index (into ``ImportCheck.rows``) of the earlier row of the file."""


@dataclass
class CheckedRow:
    index: int
    """Index into ``table.rows``."""
    row_number: int
    draft: Any
    """What the dialog would hand to the service: a CustomerDraft, WorkerDraft or ContractDraft."""
    clean: Any = None
    preview: list[str] = field(default_factory=list)
    """The values as they will be saved, in the order of ``ImportCheck.columns``."""
    problems: list[RowProblem] = field(default_factory=list)
    duplicate: Duplicate | None = None
    dropped_notes: bool = False

    @property
    def ok(self) -> bool:
        return self.clean is not None and not self.problems

    @property
    def reason(self) -> str:
        """What is wrong with the row (every problem), or what it repeats."""
        if self.problems:
            return "；".join(
                p.message if not p.column else f"“{p.column}”列：{p.message}" for p in self.problems
            )
        return self.duplicate.description if self.duplicate else ""


PREVIEW_COLUMNS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.CUSTOMERS: (
        "姓名",
        "称呼为",
        "电话",
        "区",
        "地址",
        "客户类型",
        "首选联系方式",
        "会员等级",
        "推荐人",
    ),
    ImportKind.WORKERS: ("姓名", "电话", "技能", "背景调查日期", "在职", "培训记录"),
    ImportKind.CONTRACTS: ("客户", "套餐", "开始日期", "结束日期", "价格", "状态", "备注"),
}


@dataclass
class ImportCheck:
    """Every row of a sheet checked: good, wrong (with the reasons), or a duplicate awaiting a choice."""

    kind: ImportKind
    table: Table
    mapping: dict[int, str]
    rows: list[CheckedRow]
    warnings: list[str] = field(default_factory=list)

    @property
    def columns(self) -> tuple[str, ...]:
        return PREVIEW_COLUMNS[self.kind]

    @property
    def errors(self) -> list[CheckedRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def duplicates(self) -> list[CheckedRow]:
        return [r for r in self.rows if r.ok and r.duplicate is not None]

    @property
    def ready(self) -> list[CheckedRow]:
        """Rows to import as they are (good, no duplicate)."""
        return [r for r in self.rows if r.ok and r.duplicate is None]


@dataclass
class ImportResult:
    kind: ImportKind
    file_name: str
    imported: int = 0
    filled: int = 0
    """Existing records whose empty fields were filled in from a duplicate row."""
    merged: int = 0
    """Rows that filled the empty fields of an earlier row of the same file (imported as one)."""
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """(row number, why) of the duplicates not imported."""
    rejected: list[tuple[int, str]] = field(default_factory=list)
    """(row number, why) of the rows with errors."""
    not_imported: list[tuple[int, str]] = field(default_factory=list)
    """(index into the table's rows, why) of every row not imported, for ``write_rejected``."""
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One Chinese sentence of the counts."""
        parts = [f"导入 {self.imported} 个{self.kind.label}"]
        if self.filled:
            parts.append(f"补充 {self.filled} 个已有{self.kind.label}的空白信息")
        if self.merged:
            parts.append(f"{self.merged} 行重复的并入了前面的行")
        if self.skipped:
            parts.append(f"跳过 {len(self.skipped)} 行重复")
        if self.rejected:
            parts.append(f"{len(self.rejected)} 行有错未导入")
        return "，".join(parts) + "。"


# -- what is already there ----------------------------------------------------------------------------


@dataclass
class Existing:
    """What is stored, to find duplicates and the customers rows name (read once per check)."""

    phones: dict[str, list[int]] = field(default_factory=dict)
    """Phone digits → ids (customers or workers)."""
    names: dict[str, list[int]] = field(default_factory=dict)
    """Customer name and form of address → ids."""
    labels: dict[int, str] = field(default_factory=dict)
    contracts: dict[tuple[int, str, date], int] = field(default_factory=dict)
    """(customer id, package, start) → contract id."""


def _customers_index(existing: Existing) -> None:
    query = (
        Customer.select(Customer.id, Customer.name, Customer.address_as, Customer.phone_digits)
        .where(Customer.erased_at.is_null())
        .tuples()
    )
    for cid, name, address_as, digits in _tuples(query):
        for phone in (digits or "").split(","):
            if phone:
                existing.phones.setdefault(phone, []).append(cid)
        existing.names.setdefault(name, []).append(cid)
        if address_as != name:
            existing.names.setdefault(address_as, []).append(cid)
        existing.labels[cid] = address_as if address_as == name else f"{address_as}（{name}）"


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in query]


def load_existing(kind: ImportKind) -> Existing:
    """Read what the duplicates and the customer names of ``kind``'s rows are checked against."""
    existing = Existing()
    if kind == ImportKind.WORKERS:
        for wid, name, phone in _tuples(Worker.select(Worker.id, Worker.name, Worker.phone).tuples()):
            existing.phones.setdefault(phone_digits(phone), []).append(wid)
            existing.labels[wid] = name
        return existing
    _customers_index(existing)
    if kind == ImportKind.CONTRACTS:
        query = Contract.select(Contract.id, Contract.customer, Contract.package, Contract.start_on).tuples()
        for contract_id, customer_id, package, start_on in _tuples(query):
            existing.contracts[(customer_id, package, start_on)] = contract_id
    return existing


# -- the service -------------------------------------------------------------------------------------


class ImportService:
    def __init__(
        self, context: ServiceContext, settings: SettingsService, customers: CustomerService
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._customers = customers

    def read(self, path: Path, kind: ImportKind) -> Table:
        """Read a sheet (.xlsx, .xls, .csv); raises ``DomainError`` for a damaged, locked or empty file."""
        return read_table(path, kind)

    def existing(self, kind: ImportKind) -> Existing:
        """What the rows of ``kind`` are checked against (duplicates, the customers they name)."""
        return load_existing(kind)

    def remembered_mapping(self, kind: ImportKind) -> dict[str, str]:
        """Header → field, as chosen in earlier imports of ``kind``."""
        value = self._settings.get_value(MAPPING_KEY.format(kind=kind.value), {})
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def mapping_for(self, kind: ImportKind, table: Table) -> dict[int, str]:
        """Column → field for this sheet: the choices remembered from last time, else guesses."""
        return guess_mapping(kind, table.headers, self.remembered_mapping(kind))

    def check(
        self,
        kind: ImportKind,
        table: Table,
        mapping: Mapping[int, str],
        *,
        existing: Existing | None = None,
        limit: int | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportCheck:
        """Check every row (or the first ``limit``, for a preview) with the dialogs' rules; nothing is saved.

        Raises ``DomainError`` when a required field has no column.
        """
        missing = missing_required(kind, mapping)
        if missing:
            raise DomainError(
                "请为这些内容选择表格里的列：" + "、".join(t.label for t in missing) + "（在“对应到”里选）。"
            )
        existing = existing if existing is not None else load_existing(kind)
        checker = _Checker(kind, table, dict(mapping), existing, self._ctx.now().date())
        count = len(table.rows) if limit is None else min(limit, len(table.rows))
        rows: list[CheckedRow] = []
        for index in range(count):
            if index % _STEP == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled("已取消检查，什么都没有保存。")
                if progress is not None:
                    progress(index * 100 // max(count, 1), f"正在检查第 {index + 1} / {count} 行…")
            rows.append(checker.row(index, rows))
        result = ImportCheck(kind, table, dict(mapping), rows)
        dropped = sum(1 for r in rows if r.dropped_notes)
        if dropped:
            column = table.column_name(next(i for i, k in mapping.items() if k == "household_notes"))
            result.warnings.append(
                f"有 {dropped} 行的“{column}”没有导入：家庭备注要先征得客户同意才能保存。"
                "导入后，请在客户资料里记录客户同意，再填写家庭备注。"
            )
        if kind == ImportKind.CONTRACTS:
            ended = sum(1 for r in rows if r.ok and r.clean.end_on < checker.today)
            if ended:
                result.warnings.append(f"有 {ended} 份合同已经到期，导入后记为“已结束”，不进入续约提醒。")
        return result

    def save(
        self,
        check: ImportCheck,
        choices: Mapping[int, DuplicateChoice] | None = None,
        *,
        default: DuplicateChoice = DuplicateChoice.SKIP,
        by_name: str = "",
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportResult:
        """Save the good rows in one transaction with one audit row; duplicates as ``choices`` says.

        ``choices`` maps a duplicate row's index (into ``check.rows``) to what to do with it, ``default``
        for the others. The mapping is remembered for the next file. Cancelling saves nothing
        (``ImportCancelled``). ``by_name`` names who imported in the audit row when nobody is signed in.
        """
        kind = check.kind
        choices = dict(choices or {})
        result = ImportResult(kind, check.table.file_name, warnings=list(check.warnings))
        for row in check.errors:
            result.rejected.append((row.row_number, row.reason))
            result.not_imported.append((row.index, row.reason))
        writer = _Writer(self, check, result, progress, cancelled)
        with self._ctx.change(f"导入{kind.label}", _ENTITY[kind]) as entry:
            if by_name:
                entry.by_name = by_name
            writer.run(lambda row: choices.get(row.index, default))
            self._remember(check)
            entry.detail = {
                "文件": check.table.file_name,
                "工作表": check.table.sheet_name,
                "表格行数": len(check.table.rows),
                "导入": result.imported,
                "补充空白信息": result.filled,
                "并入前面的行": result.merged,
                "跳过重复": len(result.skipped),
                "有错未导入": len(result.rejected),
            }
            for kind_touched, ids in writer.touched.items():
                entry.touch(kind_touched, *ids)
        if progress is not None:
            progress(100, "已完成")
        return result

    def _remember(self, check: ImportCheck) -> None:
        remembered = self.remembered_mapping(check.kind)
        for index, header in enumerate(check.table.headers):
            remembered[header] = check.mapping.get(index, "")
        self._settings.put(MAPPING_KEY.format(kind=check.kind.value), remembered)

    def write_rejected(self, result: ImportResult, table: Table, target: Path) -> Path:
        """Save the rows not imported as an xlsx (their own columns plus 原因), to fix and import again."""
        rows = sorted(result.not_imported)
        if not rows:
            raise DomainError("所有的行都已导入，没有要保存的行。")
        return write_rejected(target, table, rows)

    def customer_draft(self, customer_id: int) -> CustomerDraft:
        return self._customers.draft_for(customer_id)


_ENTITY = {ImportKind.CUSTOMERS: "customer", ImportKind.WORKERS: "worker", ImportKind.CONTRACTS: "contract"}


# -- checking one row ---------------------------------------------------------------------------------


class _Checker:
    def __init__(
        self, kind: ImportKind, table: Table, mapping: dict[int, str], existing: Existing, today: date
    ) -> None:
        self.kind = kind
        self.table = table
        self.columns = {key: index for index, key in mapping.items()}
        self.existing = existing
        self.today = today
        self.seen: dict[object, int] = {}
        """Duplicate key → index of the first good row of the file with it."""

    def column(self, key: str) -> str:
        index = self.columns.get(key)
        return self.table.column_name(index) if index is not None else ""

    def raw(self, cells: list[Any], key: str) -> Any:
        index = self.columns.get(key)
        return cells[index] if index is not None else None

    def text(self, cells: list[Any], key: str) -> str:
        return cell_text(self.raw(cells, key))

    def row(self, index: int, earlier: list[CheckedRow]) -> CheckedRow:
        cells = self.table.rows[index]
        number = self.table.row_numbers[index]
        if self.kind == ImportKind.CUSTOMERS:
            row, keys = self._customer(index, number, cells)
        elif self.kind == ImportKind.WORKERS:
            row, keys = self._worker(index, number, cells)
        else:
            row, keys = self._contract(index, number, cells)
        if row.ok:
            self._find_duplicate(row, keys, earlier)
        return row

    def _validate(
        self,
        row: CheckedRow,
        validate: Callable[[Any], Any],
        fields: Mapping[str, str],
        columns: Mapping[str, str],
        *,
        said: Collection[str] = (),
    ) -> None:
        """The dialog's own rules on ``row.draft``: ``row.clean`` when it passes; the row's problems are the
        rules' (except those in ``said``) and the cells' own (which win), each named by its column."""
        problems = dict(fields)
        try:
            row.clean = validate(row.draft)
        except ValidationError as exc:
            problems = {**{k: v for k, v in exc.fields.items() if k not in said}, **fields}
        row.problems = self._problems(row.row_number, problems, columns)

    def _problems(
        self, number: int, fields: Mapping[str, str], columns: Mapping[str, str]
    ) -> list[RowProblem]:
        return [RowProblem(number, self.column(columns.get(k, k)), message) for k, message in fields.items()]

    def _find_duplicate(self, row: CheckedRow, keys: list[object], earlier: list[CheckedRow]) -> None:
        what = self.kind.label
        for key in keys:
            found = self._existing_for(key)
            if found is not None:
                label = self.existing.labels.get(found, "")
                row.duplicate = Duplicate(f"与已有{what}{label}{self._same(key)}", existing_id=found)
                break
        else:
            for key in keys:
                first = self.seen.get(key)
                if first is not None:
                    number = earlier[first].row_number
                    row.duplicate = Duplicate(f"与本表第 {number} 行{self._same(key)}", row_index=first)
                    break
        for key in keys:
            self.seen.setdefault(key, len(earlier))

    def _existing_for(self, key: object) -> int | None:
        if isinstance(key, tuple):
            return self.existing.contracts.get(key)
        ids = self.existing.phones.get(str(key))
        return ids[0] if ids else None

    def _same(self, key: object) -> str:
        return (
            "是同一份合同（客户、套餐和开始日期都相同）" if isinstance(key, tuple) else f"的电话相同（{key}）"
        )

    # customers

    def _customer(self, index: int, number: int, cells: list[Any]) -> tuple[CheckedRow, list[object]]:
        fields: dict[str, str] = {}
        name = self.text(cells, "name")
        honorific = ""
        try:
            honorific = honorific_of(self.text(cells, "honorific"), name)
        except ValueError as exc:
            fields["honorific"] = str(exc)
        phones = phones_in([self.text(cells, "phone"), self.text(cells, "phone2")])
        if len(phones) > 2:
            fields["phone"] = f"一位客户最多保存两个电话，这一行有 {len(phones)} 个：请删去多余的"
        mangled = next((m for m in map(mangled_phone, phones) if m), None)
        if mangled:
            fields["phone"] = mangled
        values: dict[str, Any] = {}
        for key, parse, fallback in (
            ("customer_type", customer_type_of, CustomerType.OTHER.value),
            ("contact_channel", channel_of, ContactChannel.PHONE.value),
            ("vip_tier", vip_tier_of, VipTier.REGULAR.value),
        ):
            try:
                values[key] = parse(self.text(cells, key))
            except ValueError as exc:
                fields[key] = str(exc)
                values[key] = fallback
        referrer_id: int | None = None
        referrer = self.text(cells, "referrer")
        if referrer:
            try:
                referrer_id = self._one_customer(referrer, "推荐人")
            except ValueError as exc:
                fields["referrer"] = str(exc)
        notes = self.text(cells, "household_notes")
        draft = CustomerDraft(
            name=name,
            honorific=honorific,
            phone=phones[0] if phones else "",
            phone2=phones[1] if len(phones) > 1 else "",
            district=self.text(cells, "district"),
            address=self.text(cells, "address"),
            customer_type=values["customer_type"],
            contact_channel=values["contact_channel"],
            household_notes="",  # not kept without the 家庭备注 consent (see the module's docstring)
            referrer_id=referrer_id,
            vip_tier=values["vip_tier"],
        )
        row = CheckedRow(index, number, draft, dropped_notes=bool(notes))
        phone2_column = "phone2" if "phone2" in self.columns else "phone"
        self._validate(row, validate_customer, fields, {"phone2": phone2_column, "contact_window": ""})
        if row.clean is None:
            return row, []
        clean = row.clean
        row.preview = [
            clean.name,
            clean.address_as,
            " / ".join(clean.phones),
            clean.district,
            clean.address,
            CustomerType(clean.customer_type).label,
            ContactChannel(clean.contact_channel).label,
            VipTier(clean.vip_tier).label,
            self.existing.labels.get(clean.referrer_id, "") if clean.referrer_id else "",
        ]
        return row, [phone_digits(p) for p in clean.phones]

    def _one_customer(self, text: str, what: str) -> int:
        """The one existing customer a cell names by phone or by name; ``ValueError`` when none or several."""
        try:
            digits = phone_digits(normalize_phone(text))
        except PhoneError:
            digits = ""
        if digits:
            ids = self.existing.phones.get(digits, [])
            if not ids:
                raise ValueError(
                    f"{what}电话 {text} 不是已有客户的电话：请先导入或新建这位客户，或清空这一格"
                )
        else:
            ids = sorted(set(self.existing.names.get(" ".join(text.split()), [])))
            if not ids:
                raise ValueError(f"没有名叫“{text}”的客户：请填{what}的电话，或先导入这位客户")
        if len(ids) > 1:
            raise ValueError(f"有 {len(ids)} 位客户都是“{text}”：请改填{what}的电话，好分清是哪一位")
        return ids[0]

    # workers

    def _worker(self, index: int, number: int, cells: list[Any]) -> tuple[CheckedRow, list[object]]:
        fields: dict[str, str] = {}
        phones = phones_in([self.text(cells, "phone")])
        if len(phones) > 1:
            fields["phone"] = f"服务人员只保存一个电话，这一格有 {len(phones)} 个：请只留一个"
        elif phones and mangled_phone(phones[0]):
            fields["phone"] = mangled_phone(phones[0]) or ""
        checked_on: date | None = None
        try:
            checked_on = cell_date(self.raw(cells, "background_check_on"))
        except ValueError as exc:
            fields["background_check_on"] = str(exc)
        active = True
        try:
            active = cell_yes_no(self.raw(cells, "active"), default=True)
        except ValueError as exc:
            fields["active"] = str(exc)
        draft = WorkerDraft(
            name=self.text(cells, "name"),
            phone=phones[0] if phones else "",
            skills=skill_names(self.text(cells, "skills")),
            background_check_on=checked_on,
            training_notes=self.text(cells, "training_notes"),
            active=active,
        )
        row = CheckedRow(index, number, draft)
        self._validate(row, lambda d: validate_worker(d, today=self.today), fields, {})
        if row.clean is None:
            return row, []
        clean = row.clean
        row.preview = [
            clean.name,
            clean.phone,
            clean.skills,
            clean.background_check_on.isoformat() if clean.background_check_on else "",
            "在职" if clean.active else "离职",
            clean.training_notes,
        ]
        return row, [phone_digits(clean.phone)]

    # contracts

    def _contract(self, index: int, number: int, cells: list[Any]) -> tuple[CheckedRow, list[object]]:
        fields: dict[str, str] = {}
        customer_id: int | None = None
        phone, name = self.text(cells, "customer_phone"), self.text(cells, "customer_name")
        customer_field = "customer_phone" if phone else "customer_name"
        if not phone and not name:
            fields[customer_field] = "请填写客户电话或客户姓名"
        else:
            try:
                customer_id = self._one_customer(phone or name, "客户")
            except ValueError as exc:
                fields[customer_field] = str(exc)
        dates: dict[str, date | None] = {}
        for key in ("start_on", "end_on"):
            try:
                dates[key] = cell_date(self.raw(cells, key))
            except ValueError as exc:
                fields[key] = str(exc)
                dates[key] = None
        draft = ContractDraft(
            customer_id=customer_id,
            package=package_name(self.text(cells, "package")),
            start_on=dates["start_on"],
            end_on=dates["end_on"],
            price_text=self.text(cells, "price"),
            notes=self.text(cells, "notes"),
        )
        row = CheckedRow(index, number, draft)
        said = {"customer"} if customer_id is None else set()  # said already, with the reason
        self._validate(row, validate_contract, fields, {"customer": customer_field}, said=said)
        if row.clean is None:
            return row, []
        clean = row.clean
        row.preview = [
            self.existing.labels.get(clean.customer_id, ""),
            clean.package,
            clean.start_on.isoformat(),
            clean.end_on.isoformat(),
            format_fen(clean.price_fen),
            (ContractStatus.ENDED if clean.end_on < self.today else ContractStatus.ACTIVE).label,
            clean.notes,
        ]
        return row, [(clean.customer_id, clean.package, clean.start_on)]


# -- saving -------------------------------------------------------------------------------------------


def fill_customer_blanks(current: CustomerDraft, new: CustomerDraft) -> tuple[CustomerDraft, list[str]]:
    """``current`` with its empty fields taken from ``new``; and the labels of the fields filled in."""
    filled: list[str] = []
    changes: dict[str, Any] = {}
    if not current.phone2 and new.phone and current.phone:
        extra = [p for p in (new.phone, new.phone2) if p and phone_digits(p) != phone_digits(current.phone)]
        if extra:
            changes["phone2"] = extra[0]
            filled.append("备用电话")
    for key, label, empty in (
        ("district", "区", ""),
        ("address", "地址", ""),
        ("honorific", "称呼", ""),
        ("customer_type", "客户类型", CustomerType.OTHER.value),
        ("vip_tier", "会员等级", VipTier.REGULAR.value),
        ("referrer_id", "推荐人", None),
    ):
        if getattr(current, key) == empty and getattr(new, key) != empty:
            changes[key] = getattr(new, key)
            filled.append(label)
    return replace(current, **changes), filled


def fill_worker_blanks(current: WorkerDraft, new: WorkerDraft) -> tuple[WorkerDraft, list[str]]:
    """``current`` with its empty fields taken from ``new``; and the labels of the fields filled in."""
    changes: dict[str, Any] = {}
    if not current.skills and new.skills:
        changes["skills"] = new.skills
    if current.background_check_on is None and new.background_check_on is not None:
        changes["background_check_on"] = new.background_check_on
    if not current.training_notes.strip() and new.training_notes.strip():
        changes["training_notes"] = new.training_notes
    labels = {"skills": "技能", "background_check_on": "背景调查日期", "training_notes": "培训记录"}
    return replace(current, **changes), [labels[k] for k in changes]


def fill_contract_blanks(current: ContractDraft, new: ContractDraft) -> tuple[ContractDraft, list[str]]:
    """``current`` with empty notes taken from ``new`` (the rest of a contract is never empty)."""
    if not current.notes.strip() and new.notes.strip():
        return replace(current, notes=new.notes), ["备注"]
    return current, []


_FILL: dict[ImportKind, Callable[[Any, Any], tuple[Any, list[str]]]] = {
    ImportKind.CUSTOMERS: fill_customer_blanks,
    ImportKind.WORKERS: fill_worker_blanks,
    ImportKind.CONTRACTS: fill_contract_blanks,
}


class _Writer:
    """The rows of one check written inside the caller's change."""

    def __init__(
        self,
        service: ImportService,
        check: ImportCheck,
        result: ImportResult,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.service = service
        self.ctx = service._ctx
        self.check = check
        self.result = result
        self.progress = progress
        self.cancelled = cancelled
        self.touched: dict[ChangeKind, set[int]] = {}
        self.now = self.ctx.now()
        self.pending: list[dict[str, Any]] = []

    def touch(self, kind: ChangeKind, *ids: int) -> None:
        self.touched.setdefault(kind, set()).update(ids)

    def run(self, choice_of: Callable[[CheckedRow], DuplicateChoice]) -> None:
        kind = self.check.kind
        good = [r for r in self.check.rows if r.ok]
        drafts: dict[int, Any] = {r.index: r.draft for r in good}  # keyed by the row's table index
        merged: set[int] = set()
        gave: dict[int, bool] = {}
        # A duplicate of an earlier row that fills its blanks is merged into it before anything is saved.
        for row in good:
            dup = row.duplicate
            if (
                dup is not None
                and dup.row_index is not None
                and choice_of(row) == DuplicateChoice.FILL_BLANKS
            ):
                first = self.check.rows[dup.row_index]
                drafts[first.index], filled = _FILL[kind](drafts[first.index], row.draft)
                gave[row.index] = bool(filled)
                if filled:
                    merged.add(first.index)
        saved: set[int] = set()
        total = len(good)
        for done, row in enumerate(good):
            if done % _STEP == 0:
                if self.cancelled is not None and self.cancelled():
                    raise ImportCancelled("已取消导入：没有保存任何一行。")
                if self.progress is not None:
                    self.progress(done * 100 // max(total, 1), f"正在保存第 {done + 1} / {total} 行…")
            dup = row.duplicate
            choice = choice_of(row) if dup is not None else DuplicateChoice.IMPORT_ANYWAY
            if dup is not None and dup.row_index is not None and choice != DuplicateChoice.IMPORT_ANYWAY:
                first = self.check.rows[dup.row_index]
                if choice == DuplicateChoice.SKIP:
                    self._skip(row, f"{dup.description}（已跳过）")
                elif first.index not in saved:
                    self._skip(row, f"{dup.description}，那一行没有导入")
                elif gave.get(row.index):
                    self.result.merged += 1
                else:
                    self._skip(row, f"{dup.description}：第 {first.row_number} 行没有空白可补充")
                continue
            if dup is not None and dup.existing_id is not None and choice != DuplicateChoice.IMPORT_ANYWAY:
                if choice == DuplicateChoice.SKIP:
                    self._skip(row, f"{dup.description}（已跳过）")
                else:
                    self._fill_existing(row, dup.existing_id, drafts[row.index])
                    saved.add(row.index)
                continue
            clean = row.clean if row.index not in merged else self._revalidated(row, drafts[row.index])
            self._insert(clean)
            saved.add(row.index)
        self._flush()

    def _skip(self, row: CheckedRow, why: str) -> None:
        self.result.skipped.append((row.row_number, why))
        self.result.not_imported.append((row.index, why))

    def _revalidated(self, row: CheckedRow, draft: Any) -> Any:
        try:
            if self.check.kind == ImportKind.CUSTOMERS:
                return validate_customer(draft)
            if self.check.kind == ImportKind.WORKERS:
                return validate_worker(draft, today=self.now.date())
            return validate_contract(draft)
        except ValidationError:
            return row.clean  # what the row had on its own was good: keep that

    def _insert(self, clean: Any) -> None:
        kind = self.check.kind
        self.result.imported += 1
        if kind == ImportKind.CUSTOMERS:
            self.pending.append({**row_fields(clean), "created_at": self.now, "updated_at": self.now})
        elif kind == ImportKind.WORKERS:
            self.pending.append({**clean.__dict__, "created_at": self.now})
        else:
            ended = clean.end_on < self.now.date()
            contract_id = Contract.insert(
                customer=clean.customer_id,
                package=clean.package,
                start_on=clean.start_on,
                end_on=clean.end_on,
                price_fen=clean.price_fen,
                status=(ContractStatus.ENDED if ended else ContractStatus.ACTIVE).value,
                notes=clean.notes,
                created_at=self.now,
                updated_at=self.now,
            ).execute()
            self.ctx.sync_reminders("contract", int(contract_id))
            self.touch(ChangeKind.CONTRACT, int(contract_id))
            self.touch(ChangeKind.CUSTOMER, clean.customer_id)
        if len(self.pending) >= 400:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        model = Customer if self.check.kind == ImportKind.CUSTOMERS else Worker
        model.insert_many(self.pending).execute()
        self.pending = []

    def _fill_existing(self, row: CheckedRow, existing_id: int, draft: Any) -> None:
        kind = self.check.kind
        if kind == ImportKind.CUSTOMERS:
            customer = Customer.get_or_none(Customer.id == existing_id)
            if customer is None:
                self._insert(row.clean)
                return
            current = self.service.customer_draft(existing_id)
            merged, filled = fill_customer_blanks(current, draft)
            if filled:
                clean = validate_customer(merged, own_id=existing_id)
                fields = row_fields(clean)
                fields["household_notes"] = customer.household_notes  # the import never touches notes
                if clean.vip_tier == customer.vip_tier:  # no tier typed: it stays as derived or set
                    for key in ("vip_tier", "vip_override", "vip_override_reason"):
                        del fields[key]
                Customer.update(**fields, updated_at=self.now, row_version=Customer.row_version + 1).where(
                    Customer.id == existing_id
                ).execute()
                self.touch(ChangeKind.CUSTOMER, existing_id)
        elif kind == ImportKind.WORKERS:
            worker = Worker.get_or_none(Worker.id == existing_id)
            if worker is None:
                self._insert(row.clean)
                return
            current_worker = WorkerDraft(
                worker.name,
                worker.phone,
                tuple(s for s in (worker.skills or "").split("、") if s),
                worker.background_check_on,
                worker.training_notes,
                bool(worker.active),
            )
            merged_worker, filled = fill_worker_blanks(current_worker, draft)
            if filled:
                clean_worker = validate_worker(merged_worker, today=self.now.date())
                Worker.update(**clean_worker.__dict__).where(Worker.id == existing_id).execute()
                self.touch(ChangeKind.WORKER, existing_id)
        else:
            contract = Contract.get_or_none(Contract.id == existing_id)
            filled = []
            if contract is not None and not (contract.notes or "").strip() and draft.notes.strip():
                Contract.update(
                    notes=draft.notes.strip(), updated_at=self.now, row_version=Contract.row_version + 1
                ).where(Contract.id == existing_id).execute()
                filled = ["备注"]
                self.touch(ChangeKind.CONTRACT, existing_id)
                self.touch(ChangeKind.CUSTOMER, contract.customer_id)
        if filled:
            self.result.filled += 1
        else:
            self._skip(row, f"{row.duplicate.description if row.duplicate else ''}：已有资料没有空白可补充")


def check_and_save(
    service: ImportService,
    kind: ImportKind,
    path: Path,
    *,
    by_name: str = COMMAND_LINE,
) -> tuple[ImportCheck, ImportResult]:
    """The command line's import: the remembered or guessed mapping, duplicates and bad rows skipped."""
    table = service.read(path, kind)
    check = service.check(kind, table, service.mapping_for(kind, table))
    return check, service.save(check, default=DuplicateChoice.SKIP, by_name=by_name)


def describe_mapping(kind: ImportKind, table: Table, mapping: Mapping[int, str]) -> list[str]:
    """``“手机” → 电话`` for each mapped column, for the command line and the report."""
    return [f"“{table.column_name(i)}” → {target(kind, key).label}" for i, key in sorted(mapping.items())]
