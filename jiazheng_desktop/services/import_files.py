"""Reading a sheet to import (.xlsx, .xls, .csv) and writing back the rows that were not imported.

Spreadsheets are read by python-calamine (Rust's calamine: xlsx and the old xls alike, fast); csv by the
standard library, after deciding its encoding: UTF-8 (with or without the BOM Excel writes), else GB18030,
which WPS and older Excel write and which contains GBK.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from ..domain.imports import ImportKind, cell_text, header_score
from .xlsx import Column, Number, XlsxBook, write_xlsx

SUPPORTED = (".xlsx", ".xlsm", ".xls", ".csv")
HEADER_SEARCH_ROWS = 10
"""The header is looked for among this many first rows (a sheet may begin with a title such as 客户名单)."""
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Table:
    """A sheet as read: its header texts and its data rows (raw cells), with their row numbers in the sheet."""

    file_name: str
    sheet_name: str
    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    """The row number a person sees in Excel (1 = the first row) of each of ``rows``; blank rows are left out."""
    header_row_number: int = 1
    original_headers: list[Any] = field(default_factory=list)

    def column_name(self, index: int) -> str:
        """The header of a column, or its letter when the header cell is empty."""
        return self.headers[index] if index < len(self.headers) else column_letter(index)


def column_letter(index: int) -> str:
    """A, B, … Z, AA … for column ``index`` (0-based)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(path: Path, kind: ImportKind) -> Table:
    """Read the first sheet that holds data; raises ``DomainError`` saying in Chinese what is wrong."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DomainError(
            f"{path.name} 不是可以导入的表格。请在 Excel 或 WPS 里“另存为” .xlsx（或 .csv）后再导入。"
        )
    data = _read_bytes(path)
    if not data.strip():
        raise DomainError(f"{path.name} 是空文件（0 字节），里面没有可以导入的内容。")
    if suffix == ".csv":
        sheet_name, grid = path.stem, _csv_rows(data, path.name)
    else:
        sheet_name, grid = _spreadsheet_rows(data, path.name)
    return _table(path.name, sheet_name, grid, kind)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DomainError(f"{path.name} 太大（超过 200 MB），不像是一份客户表。请只保留要导入的工作表。")
        return path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"找不到文件 {path}，它可能已被移动或删除。") from None
    except PermissionError:
        raise DomainError(
            f"打不开 {path.name}：它正被别的程序（例如 Excel 或 WPS）打开，或没有读取权限。"
            "请在那个程序里关闭这个文件，再导入。"
        ) from None
    except IsADirectoryError:
        raise DomainError(f"{path.name} 是一个文件夹，请选择一个表格文件。") from None
    except OSError as exc:
        raise DomainError(f"读不出 {path.name}：{exc.strerror or exc}。") from None


def _spreadsheet_rows(data: bytes, name: str) -> tuple[str, list[list[Any]]]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet_name in workbook.sheet_names:
            grid = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            if any(any(_filled(v) for v in row) for row in grid):
                return sheet_name, grid
    except PasswordError:
        raise DomainError(f"{name} 设了打开密码。请在 Excel 或 WPS 里取消密码、另存后再导入。") from None
    except (CalamineError, ValueError, OSError):
        raise DomainError(
            f"读不出 {name}：文件可能已损坏，或者不是真正的 Excel 文件（例如只是改了扩展名）。"
            "请在 Excel 或 WPS 里打开它，另存为 .xlsx 后再导入。"
        ) from None
    raise DomainError(f"{name} 里没有任何内容：所有工作表都是空的。")


def _csv_rows(data: bytes, name: str) -> list[list[Any]]:
    text = decode_csv(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise DomainError(
            f"{name} 的格式有问题（{exc}）。请在 Excel 或 WPS 里打开它，另存为 .xlsx 后再导入。"
        ) from None


def decode_csv(data: bytes) -> str:
    """The text of a csv file: UTF-8 (BOM or not) when it is valid UTF-8, else GB18030 (GBK's superset)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise DomainError(
            "读不出这个 csv 文件的文字（既不是 UTF-8 也不是 GBK 编码）。请在 Excel 或 WPS 里打开它，另存为 .xlsx 后再导入。"
        ) from None


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _table(file_name: str, sheet_name: str, grid: list[list[Any]], kind: ImportKind) -> Table:
    numbered = [(number, row) for number, row in enumerate(grid, start=1) if any(_filled(v) for v in row)]
    if not numbered:
        raise DomainError(f"{file_name} 里没有任何内容。")
    candidates = numbered[:HEADER_SEARCH_ROWS]
    best = _header_index(kind, [row for _number, row in candidates])
    header_number, header_row = candidates[best]
    data = numbered[numbered.index(candidates[best]) + 1 :]
    width = max(len(header_row), *(len(row) for _n, row in data)) if data else len(header_row)
    while width and not any(
        _filled(row[width - 1]) for _n, row in [(header_number, header_row), *data] if len(row) >= width
    ):
        width -= 1
    headers = [cell_text(v) for v in header_row[:width]] + [""] * (width - len(header_row))
    headers = [h or f"{column_letter(i)} 列" for i, h in enumerate(headers)]
    if not data:
        raise DomainError(f"{file_name} 只有表头（第 {header_number} 行），下面没有要导入的行。")
    return Table(
        file_name=file_name,
        sheet_name=sheet_name,
        headers=headers,
        rows=[_padded(row, width) for _n, row in data],
        row_numbers=[n for n, _row in data],
        header_row_number=header_number,
        original_headers=list(header_row[:width]),
    )


def _header_index(kind: ImportKind, rows: list[list[Any]]) -> int:
    """Which of the first rows is the header: the one naming the most known columns (two at least), else
    the first with two cells or more (a title such as 客户名单 stands alone in its row)."""
    scores = [
        -1
        if any(isinstance(v, int | float) for v in row)
        else header_score(kind, [cell_text(v) for v in row])
        for row in rows
    ]
    if max(scores) >= 2:
        return max(range(len(rows)), key=lambda i: (scores[i], -i))
    return next((i for i, row in enumerate(rows) if sum(1 for v in row if _filled(v)) >= 2), 0)


def _padded(row: Sequence[Any], width: int) -> list[Any]:
    cells = [None if v == "" else v for v in row[:width]]
    return cells + [None] * (width - len(cells))


# -- the rows not imported -------------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REASON_HEADER = "原因"


def write_rejected(target: Path, table: Table, rows: Sequence[tuple[int, str]]) -> Path:
    """An xlsx of the rows not imported (``(index into table.rows, reason)``): the sheet's own columns and
    cells as they were, plus 原因, so they can be fixed and imported again. Raises ``DomainError``."""
    columns = [Column(title, "auto", 16) for title in table.headers] + [Column(REASON_HEADER, "text", 40)]

    def fill(book: XlsxBook) -> None:
        sheet = book.sheet("未导入的行", columns)
        for index, reason in rows:
            sheet.append([_as_written(value) for value in table.rows[index]] + [reason])

    write_xlsx(target, fill)
    return target


def _as_written(value: object) -> object:
    """A cell back as it came: text stays text (even one starting with "="), a phone kept as a number
    shows all its digits."""
    if isinstance(value, str):
        return _ILLEGAL.sub("", value) or None
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e9:
        return Number(value, "0")
    return value
