"""The one xlsx writer every export uses: typed columns, a bold frozen header, whole files or none.

A workbook is written with openpyxl's write-only mode, so a sheet of 100,000 rows streams to the
file instead of being held in memory. Each column says what its values are:

* ``text``: always a string cell, never a formula (a name typed as ``=HYPERLINK(…)`` stays text);
  characters Excel refuses are dropped and a cell is cut at Excel's limit.
* ``date`` / ``datetime``: real Excel dates with a number format (an aware datetime must already be
  in the agency's time zone: Excel has no time zones, the zone is dropped).
* ``money``: integer fen (the project's money, ``domain/money.py``) written as yuan, a number with
  the format ``0.00``, so a sum in Excel is right.
* ``int``, ``number`` (a float with the column's format), ``percent`` (a fraction shown as ``0.0%``).
* ``auto``: by the value's Python type, for sheets whose columns mix kinds (wrap money in ``Money``).

``write_xlsx`` writes to ``NAME.xlsx.part`` and renames it when complete, so a failure (no folder,
a file open in Excel, a full disk, an error while reading the rows) leaves nothing half-written;
what went wrong is said in Chinese (``save_error``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, Any, TypeVar

from ..domain.errors import DomainError

T = TypeVar("T")

CELL_MAX = 32_000
"""Excel keeps at most 32,767 characters in a cell."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_TITLE_MAX = 31
_SHEET_UNSAFE = re.compile(r"[\\/*?:\[\]]")

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "0.00"
PERCENT_FORMAT = "0.0%"

KINDS = frozenset({"text", "date", "datetime", "money", "int", "number", "percent", "auto"})


@dataclass(frozen=True)
class Column:
    """One column: its Chinese header, what its values are, its width in characters."""

    title: str
    kind: str = "text"
    width: float = 14
    number_format: str = ""
    """Overrides the kind's format (``yyyy-mm-dd hh:mm:ss`` for the audit log's times)."""
    wrap: bool = False
    """Wrap long text in the cell (multi-line text always wraps)."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class Money:
    """Fen in an ``auto`` column: written as a number of yuan with two decimals."""

    fen: int


@dataclass(frozen=True)
class Percent:
    """A fraction (0.875) in an ``auto`` column, shown as ``87.5%``."""

    fraction: float


@dataclass(frozen=True)
class Number:
    """A number with its own format in an ``auto`` column (``Number(12.5, "0.0")``)."""

    value: float
    number_format: str = "0.0"


def enum_label(kind: type[Enum], value: object) -> str:
    """The Chinese label of a stored id, or the stored value itself if this version does not know it."""
    try:
        return str(kind(value).label)  # type: ignore[attr-defined]
    except ValueError:
        return str(value or "")


def safe_sheet_title(title: str) -> str:
    """A sheet name Excel accepts: no ``\\ / * ? : [ ]``, at most 31 characters."""
    return _SHEET_UNSAFE.sub("_", title).strip("'")[:SHEET_TITLE_MAX] or "Sheet"


class XlsxSheet:
    """One sheet being written: append rows in column order."""

    def __init__(self, book: XlsxBook, title: str, columns: Sequence[Column], caption: str = "") -> None:
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self._book = book
        self.columns = tuple(columns)
        self.rows = 0
        """Rows appended (not counting the header and caption)."""
        self._converters = [self._converter(column) for column in self.columns]
        self._sheet = book.workbook.create_sheet(safe_sheet_title(title))
        self._wrap = Alignment(wrap_text=True, vertical="top")
        for number, column in enumerate(self.columns, start=1):
            self._sheet.column_dimensions[get_column_letter(number)].width = column.width
        bold = Font(bold=True)
        # Before the first row: a write-only sheet writes its view (the frozen rows) with it.
        self._sheet.freeze_panes = "A3" if caption else "A2"
        if caption:
            # A title line above the header (the report's month); the header stays the frozen row.
            title_cell = self._cell(caption, "text")
            title_cell.font = Font(bold=True, size=13)
            self._sheet.append([title_cell])
        header = []
        for column in self.columns:
            cell = self._cell(column.title, "text")
            cell.font = bold
            header.append(cell)
        self._sheet.append(header)

    def append(self, values: Sequence[Any]) -> None:
        """One row: a value per column (missing ones are left empty; None is an empty cell)."""
        if len(values) > len(self.columns):
            raise ValueError(f"{len(values)} values for {len(self.columns)} columns")
        self._sheet.append([convert(value) for convert, value in zip(self._converters, values, strict=False)])
        self.rows += 1

    def _converter(self, column: Column) -> Callable[[Any], Any]:
        """What a value of ``column`` is written as: a plain value where openpyxl types it right by
        itself (most text, integers: a third faster on 100,000 rows), else a cell with its format."""
        kind, number_format = column.kind, column.number_format
        if kind == "text":
            return lambda value: self._text(value, column.wrap)
        if kind == "int" and not number_format:
            return lambda value: None if value is None or value == "" else int(value)

        def typed(value: Any) -> Any:
            if value is None or (isinstance(value, str) and not value):
                return None
            cell = self._cell(value, kind, number_format)
            if kind == "auto" and isinstance(value, str) and (column.wrap or "\n" in value):
                cell.alignment = self._wrap
            return cell

        return typed

    def _text(self, value: Any, wrap: bool) -> Any:
        if value is None:
            return None
        text = value if isinstance(value, str) else str(value)
        if _ILLEGAL.search(text) is not None:
            text = _ILLEGAL.sub("", text)
        text = text[:CELL_MAX]
        if not text:
            return None
        if text[0] != "=" and not wrap and "\n" not in text:
            return text  # openpyxl keeps a plain str as text; only a leading "=" would make a formula
        cell = self._cell(text, "text")
        if wrap or "\n" in text:
            cell.alignment = self._wrap
        return cell

    def extend(self, rows: Iterable[Sequence[Any]]) -> int:
        """Append every row; returns how many."""
        before = self.rows
        for row in rows:
            self.append(row)
        return self.rows - before

    def _cell(self, value: Any, kind: str, number_format: str = "") -> Any:
        from openpyxl.cell import WriteOnlyCell

        sheet = self._sheet
        if value is None or (kind != "text" and isinstance(value, str) and not value):
            return WriteOnlyCell(sheet, value=None)
        if kind == "auto":
            value, kind, number_format = _auto(value, number_format)
        if kind == "text":
            text = _ILLEGAL.sub("", value if isinstance(value, str) else str(value))[:CELL_MAX]
            cell = WriteOnlyCell(sheet, value=text or None)
            if text:
                cell.data_type = "s"  # stays text even when it starts with "=": never a formula
            return cell
        if kind in ("date", "datetime"):
            if isinstance(value, datetime):
                value = value.replace(tzinfo=None)
                if kind == "date":
                    value = value.date()
            elif not isinstance(value, date):
                raise TypeError(f"a {kind} column got {value!r}")
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format or (DATE_FORMAT if kind == "date" else DATETIME_FORMAT)
            return cell
        if kind == "money":
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"a money column takes integer fen, got {value!r}")
            cell = WriteOnlyCell(sheet, value=Decimal(value).scaleb(-2))
            cell.number_format = number_format or MONEY_FORMAT
            return cell
        if kind == "int":
            cell = WriteOnlyCell(sheet, value=int(value))
            if number_format:
                cell.number_format = number_format
            return cell
        if kind == "percent":
            cell = WriteOnlyCell(sheet, value=float(value))
            cell.number_format = number_format or PERCENT_FORMAT
            return cell
        cell = WriteOnlyCell(sheet, value=float(value))  # number
        if number_format:
            cell.number_format = number_format
        return cell


def _auto(value: Any, number_format: str) -> tuple[Any, str, str]:
    """The kind of an ``auto`` column's value, by its type."""
    if isinstance(value, Money):
        return value.fen, "money", number_format
    if isinstance(value, Percent):
        return value.fraction, "percent", number_format
    if isinstance(value, Number):
        return value.value, "number", value.number_format
    if isinstance(value, datetime):
        return value, "datetime", number_format
    if isinstance(value, date):
        return value, "date", number_format
    if isinstance(value, bool):
        return ("是" if value else "否"), "text", ""
    if isinstance(value, int):
        return value, "int", number_format
    if isinstance(value, float | Decimal):
        return value, "number", number_format
    return value, "text", ""


class XlsxBook:
    """A write-only workbook: ``sheet(...)`` for each sheet, then ``save``."""

    def __init__(self, title: str = "") -> None:
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True)
        if title:
            self.workbook.properties.title = title

    def sheet(self, title: str, columns: Sequence[Column], caption: str = "") -> XlsxSheet:
        """Start a sheet named ``title`` with a bold, frozen header (and a ``caption`` line above it)."""
        return XlsxSheet(self, title, columns, caption)

    def discard(self) -> None:
        """Give up a workbook that will not be saved (its sheets' writers are closed quietly)."""
        for sheet in self.workbook.worksheets:
            try:
                sheet.close()
            except (OSError, ValueError):
                pass

    def save(self, target: Path | IO[bytes]) -> None:
        """Write the workbook (once) to an open file or a path."""
        if not self.workbook.worksheets:
            self.workbook.create_sheet("Sheet")
        self.workbook.save(target if not isinstance(target, Path) else str(target))


def write_xlsx(target: Path, fill: Callable[[XlsxBook], T], title: str = "") -> T:
    """Make a workbook with ``fill`` and save it as ``target``, whole or not at all; returns ``fill``'s result.

    The file is opened first (a missing folder or a file open in Excel fails before any work), written
    as ``target.part`` and renamed at the end; on any failure the part file is removed and ``target``
    (an older file of the same name, say) is left as it was. Disk faults become a ``DomainError``.
    """
    partial = target.with_name(target.name + ".part")
    try:
        handle = partial.open("wb")
    except OSError as exc:
        raise save_error(target, exc) from None
    book = XlsxBook(title)
    try:
        with handle:
            try:
                result = fill(book)
            except BaseException:
                book.discard()
                raise
            book.save(handle)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise save_error(target, exc) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return result


def save_error(target: Path, exc: OSError) -> DomainError:
    """What to tell the user when ``target`` cannot be written."""
    if isinstance(exc, FileNotFoundError):
        return DomainError(f"无法保存 {target.name}：文件夹 {target.parent} 不存在，请换个位置。")
    if isinstance(exc, PermissionError):
        return DomainError(
            f"无法保存 {target.name}：文件可能正在 Excel 里打开，或这个文件夹不能写入。请关闭它或换个位置后再试。"
        )
    if isinstance(exc, IsADirectoryError):
        return DomainError(f"无法保存 {target.name}：这是一个文件夹的名字，请换个文件名。")
    return DomainError(f"无法保存 {target.name}：{exc.strerror or exc}。请检查磁盘空间和写入权限。")
