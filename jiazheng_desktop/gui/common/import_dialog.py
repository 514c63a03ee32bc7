"""导入表格: customers, workers or contracts from an Excel, WPS or csv sheet, in five steps.

选择文件 → 对应列（with a preview of the first rows exactly as they will be saved）→ 检查结果 (the rows with
errors and why; the duplicates, each with 跳过 / 补充空白信息 / 仍然导入) → 导入 (a progress bar and 取消;
the work runs off the GUI thread, and nothing is saved when it is cancelled) → 完成, with 保存未导入的行….
The customers, workers and renewals pages each offer it with their kind chosen (``import_button``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.imports import TARGETS, DuplicateChoice, ImportKind, cell_text
from ...services import Services
from ...services.import_files import Table
from ...services.imports import CheckedRow, Existing, ImportCancelled, ImportCheck, ImportResult
from . import messages, theme
from .background import BackgroundCall
from .i18n import tr

PREVIEW_ROWS = 10
FILE_FILTER = "表格文件 (*.xlsx *.xls *.csv);;Excel 文件 (*.xlsx *.xls);;CSV 文件 (*.csv)"
_ERROR_COLOUR = QColor(theme.OVERDUE)  # the colour of every field error


def ask_open_path(parent: QWidget) -> str:
    """The system's file dialog for the sheet to import ("" when cancelled); tests replace it."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, tr("ImportDialog", "选择要导入的表格"), "", tr("ImportDialog", FILE_FILTER)
    )
    return path


def ask_save_path(parent: QWidget, suggested: str) -> str:
    """The system's save dialog for the rows not imported ("" when cancelled); tests replace it."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, tr("ImportDialog", "保存未导入的行"), suggested, tr("ImportDialog", "Excel 文件 (*.xlsx)")
    )
    return path


def import_button(parent: QWidget, services: Services, kind: ImportKind) -> QPushButton:
    """A 导入… button for a list page, opening the import dialog for ``kind``."""
    button = QPushButton(tr("ImportDialog", "导入(&M)…"), parent)
    button.setToolTip(tr("ImportDialog", "从 Excel、WPS 表格或 csv 文件导入{kind}").format(kind=kind.label))
    button.clicked.connect(lambda: ImportDialog(services, kind, parent).exec())
    return button


class ImportDialog(QDialog):
    """The import wizard; ``imported`` carries the ``ImportResult`` once the rows are saved."""

    imported = Signal(object)

    FILE, MAPPING, CHECK, SAVING, DONE = range(5)

    def __init__(
        self, services: Services, kind: ImportKind = ImportKind.CUSTOMERS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.resize(940, 620)
        self.table: Table | None = None
        self.existing: Existing | None = None
        self.check: ImportCheck | None = None
        self.outcome: ImportResult | None = None
        self.choices: dict[int, DuplicateChoice] = {}
        self.job: BackgroundCall | None = None
        self._stop = threading.Event()
        self._mapping_combos: list[QComboBox] = []

        self.step_label = QLabel()
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page(kind))
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._check_page())
        self.stack.addWidget(self._saving_page())
        self.stack.addWidget(self._done_page())

        self.back_button = QPushButton(tr("ImportDialog", "上一步(&B)"))
        self.next_button = QPushButton(tr("ImportDialog", "下一步(&N)"))
        self.import_now_button = QPushButton(tr("ImportDialog", "开始导入(&I)"))
        self.cancel_button = QPushButton(tr("ImportDialog", "取消"))
        self.close_button = QPushButton(tr("ImportDialog", "完成"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_now_button, self.cancel_button,
                       self.close_button):  # fmt: skip
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.import_now_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._update_title()
        self._show_page(self.FILE)

    def _update_title(self) -> None:
        self.setWindowTitle(tr("ImportDialog", "导入{kind}").format(kind=self.kind.label))

    # -- pages ------------------------------------------------------------------------------------------

    def _file_page(self, kind: ImportKind) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.kind_combo = QComboBox()
        for each in ImportKind:
            self.kind_combo.addItem(each.label, each.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.kind_combo.currentIndexChanged.connect(self._forget_file)
        self.kind_combo.currentIndexChanged.connect(self._update_title)
        kind_label = QLabel(tr("ImportDialog", "导入(&K)："))
        kind_label.setBuddy(self.kind_combo)
        form.addRow(kind_label, self.kind_combo)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(tr("ImportDialog", "选择一个 .xlsx、.xls 或 .csv 文件"))
        self.path_edit.textChanged.connect(self._forget_file)
        self.path_edit.returnPressed.connect(self._on_next_button_clicked)
        self.browse_button = QPushButton(tr("ImportDialog", "选择文件(&F)…"))
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        path_label = QLabel(tr("ImportDialog", "文件(&L)："))
        path_label.setBuddy(self.path_edit)
        form.addRow(path_label, row)
        hint = QLabel(
            tr(
                "ImportDialog",
                "可以导入 Excel 和 WPS 的表格（.xlsx、.xls）和 .csv 文件（UTF-8 或 GBK 编码）。\n"
                "表格的第一行是表头（上面有一行标题也可以），下面每行一位客户（或一位服务人员、一份合同）。"
                "电话存成数字、带空格或横线都可以；"
                "一格里有两个电话，用 / 或逗号隔开即可。\n"
                "下一步会让您确认每一列是什么，并先预览几行；所有行检查无误后才保存，一次保存，中途取消则什么都不保存。",
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.sheet_label = QLabel()
        self.sheet_label.setWordWrap(True)
        layout.addWidget(self.sheet_label)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [
                tr("ImportDialog", "表格里的列"),
                tr("ImportDialog", "第一行的内容"),
                tr("ImportDialog", "对应到"),
            ]
        )
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.setTabKeyNavigation(False)  # Tab goes from one column's list to the next
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setColumnWidth(0, 180)
        self.mapping_table.setColumnWidth(1, 220)
        self.mapping_table.verticalHeader().setDefaultSectionSize(30)
        layout.addWidget(self.mapping_table, 2)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(theme.ERROR_STYLE)
        layout.addWidget(self.missing_label)
        layout.addWidget(
            QLabel(tr("ImportDialog", "预览（前 {count} 行，按保存后的样子）：").format(count=PREVIEW_ROWS))
        )
        self.preview_table = _read_only_table()
        layout.addWidget(self.preview_table, 3)
        return page

    def _check_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.check_progress = QProgressBar()
        self.check_progress.setRange(0, 100)
        layout.addWidget(self.check_progress)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        layout.addWidget(self.warnings_label)
        self.check_tabs = QTabWidget()
        self.errors_table = _read_only_table()
        self.check_tabs.addTab(self.errors_table, "")
        dup_page = QWidget()
        dup_layout = QVBoxLayout(dup_page)
        dup_layout.setContentsMargins(0, 4, 0, 0)
        self.duplicates_table = _read_only_table()
        self.duplicates_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        dup_layout.addWidget(self.duplicates_table, 1)
        controls = QHBoxLayout()
        default_label = QLabel(tr("ImportDialog", "重复的行一律(&D)："))
        self.duplicate_combo = QComboBox()
        for choice in DuplicateChoice:
            self.duplicate_combo.addItem(tr("ImportDialog", choice.label), choice.value)
        default_label.setBuddy(self.duplicate_combo)
        self.duplicate_combo.currentIndexChanged.connect(self._on_default_choice_changed)
        controls.addWidget(default_label)
        controls.addWidget(self.duplicate_combo)
        controls.addSpacing(24)
        controls.addWidget(QLabel(tr("ImportDialog", "选中的行改为：")))
        self.choice_buttons: dict[DuplicateChoice, QPushButton] = {}
        for choice, text in (
            (DuplicateChoice.SKIP, tr("ImportDialog", "跳过(&S)")),
            (DuplicateChoice.FILL_BLANKS, tr("ImportDialog", "补充空白信息(&E)")),
            (DuplicateChoice.IMPORT_ANYWAY, tr("ImportDialog", "仍然导入(&A)")),
        ):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=choice: self.choose_for_selected(c))
            self.choice_buttons[choice] = button
            controls.addWidget(button)
        controls.addStretch(1)
        dup_layout.addLayout(controls)
        explain = QLabel(
            tr(
                "ImportDialog",
                "补充空白信息：只填已有资料里空着的项（例如地址、区、备用电话），已有的内容不改。",
            )
        )
        explain.setWordWrap(True)
        dup_layout.addWidget(explain)
        self.check_tabs.addTab(dup_page, "")
        layout.addWidget(self.check_tabs, 1)
        return page

    def _saving_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.saving_label = QLabel()
        layout.addWidget(self.saving_label)
        self.saving_progress = QProgressBar()
        self.saving_progress.setRange(0, 100)
        layout.addWidget(self.saving_progress)
        note = QLabel(tr("ImportDialog", "所有的行一次保存：点“取消”则一行都不保存。"))
        layout.addWidget(note)
        layout.addStretch(2)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        font = self.outcome_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.outcome_label.setFont(font)
        layout.addWidget(self.outcome_label)
        self.outcome_details = QPlainTextEdit()
        self.outcome_details.setReadOnly(True)
        layout.addWidget(self.outcome_details, 1)
        row = QHBoxLayout()
        self.save_rejected_button = QPushButton(tr("ImportDialog", "保存未导入的行(&R)…"))
        self.save_rejected_button.setToolTip(
            tr("ImportDialog", "另存为 Excel 文件：原来的各列加上“原因”一列，改好后可以再导入")
        )
        self.save_rejected_button.clicked.connect(self.save_rejected)
        row.addWidget(self.save_rejected_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        titles = {
            self.FILE: tr("ImportDialog", "第 1 步，共 4 步：选择文件"),
            self.MAPPING: tr("ImportDialog", "第 2 步，共 4 步：确认每一列的内容"),
            self.CHECK: tr("ImportDialog", "第 3 步，共 4 步：检查结果"),
            self.SAVING: tr("ImportDialog", "第 4 步，共 4 步：正在导入"),
            self.DONE: tr("ImportDialog", "导入完成"),
        }
        self.step_label.setText(titles[page])
        running = self.job is not None
        self.back_button.setVisible(page in (self.MAPPING, self.CHECK))
        self.back_button.setEnabled(not running)
        self.next_button.setVisible(page in (self.FILE, self.MAPPING))
        self.next_button.setEnabled(not running)
        self.import_now_button.setVisible(page == self.CHECK)
        self.import_now_button.setEnabled(not running and self.check is not None and bool(self._to_save()))
        self.cancel_button.setVisible(page != self.DONE)
        self.cancel_button.setText(
            tr("ImportDialog", "取消导入") if page == self.SAVING else tr("ImportDialog", "取消")
        )
        self.close_button.setVisible(page == self.DONE)
        default = {self.FILE: self.next_button, self.MAPPING: self.next_button, self.CHECK: self.import_now_button,
                   self.DONE: self.close_button}.get(page)  # fmt: skip
        for button in (self.next_button, self.import_now_button, self.close_button):
            button.setDefault(button is default)
        if page == self.FILE:
            self.path_edit.setFocus()
        elif page == self.MAPPING and self._mapping_combos:
            self._mapping_combos[0].setFocus()
        elif page == self.DONE:
            self.close_button.setFocus()

    @property
    def kind(self) -> ImportKind:
        return ImportKind(self.kind_combo.currentData())

    # -- step 1: the file --------------------------------------------------------------------------------

    def _on_browse_button_clicked(self) -> None:
        path = ask_open_path(self)
        if path:
            self.path_edit.setText(path)
            self._on_next_button_clicked()

    def _forget_file(self, *_args: object) -> None:
        self.table = None
        self.check = None

    def choose_file(self, path: Path | str) -> None:
        """Read ``path`` as if it had been chosen in the file dialog (off the GUI thread)."""
        self.path_edit.setText(str(path))
        self._on_next_button_clicked()

    def _read_file(self) -> None:
        text = self.path_edit.text().strip().strip('"')
        if not text:
            messages.show_error(self, tr("ImportDialog", "请先选择要导入的表格文件。"))
            return
        path, kind = Path(text), self.kind
        imports = self._services.imports

        def work(_progress: Any) -> tuple[Table, Existing, dict[int, str]]:
            table = imports.read(path, kind)
            return table, imports.existing(kind), imports.mapping_for(kind, table)

        self._run(work, self._on_file_read, self.FILE)

    def _on_file_read(self, result: object) -> None:
        assert isinstance(result, tuple)
        table, existing, mapping = result
        self.table, self.existing = table, existing
        self._fill_mapping(table, mapping)
        self._show_page(self.MAPPING)
        self.update_preview()

    # -- step 2: the columns ----------------------------------------------------------------------------

    def _fill_mapping(self, table: Table, mapping: dict[int, str]) -> None:
        targets = TARGETS[self.kind]
        self.mapping_table.setRowCount(len(table.headers))
        self._mapping_combos = []
        for index, header in enumerate(table.headers):
            self.mapping_table.setItem(index, 0, QTableWidgetItem(header))
            sample = next((cell_text(row[index]) for row in table.rows if cell_text(row[index])), "")
            self.mapping_table.setItem(index, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.addItem(tr("ImportDialog", "（不导入）"), "")
            for each in targets:
                label = each.label + (" *" if each.required else "")
                if each.hint:
                    label += f"（{each.hint}）"
                combo.addItem(label, each.key)
            chosen = mapping.get(index, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(lambda _i, column=index: self._on_mapping_changed(column))
            self.mapping_table.setCellWidget(index, 2, combo)
            self._mapping_combos.append(combo)
        self.sheet_label.setText(
            tr(
                "ImportDialog",
                "{file}：工作表“{sheet}”，表头在第 {header} 行，共 {rows} 行。"
                "请确认每一列对应的内容（标 * 的必须有；不需要的列选“不导入”）。下次导入同样表头的表格时会记住这些选择。",
            ).format(
                file=table.file_name,
                sheet=table.sheet_name,
                header=table.header_row_number,
                rows=len(table.rows),
            )
        )

    def mapping(self) -> dict[int, str]:
        """Column → field, as chosen on the page."""
        return {i: combo.currentData() for i, combo in enumerate(self._mapping_combos) if combo.currentData()}

    def set_mapping(self, column: int, key: str) -> None:
        """Choose the field of a column (as the user does with its list)."""
        combo = self._mapping_combos[column]
        combo.setCurrentIndex(max(0, combo.findData(key)))

    def _on_mapping_changed(self, column: int) -> None:
        key = self._mapping_combos[column].currentData()
        if key:  # one column per field: the one chosen last takes it
            for other, combo in enumerate(self._mapping_combos):
                if other != column and combo.currentData() == key:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.check = None
        self.update_preview()

    def update_preview(self) -> None:
        """The first rows, checked with the current columns, as they would be saved."""
        if self.table is None:
            return
        try:
            preview = self._services.imports.check(
                self.kind, self.table, self.mapping(), existing=self.existing, limit=PREVIEW_ROWS
            )
        except DomainError as exc:
            self.missing_label.setText(str(exc))
            self.missing_label.show()
            self.preview_table.setRowCount(0)
            self.next_button.setEnabled(False)
            return
        self.missing_label.hide()
        self.next_button.setEnabled(self.job is None)
        columns = [tr("ImportDialog", "行"), *preview.columns, tr("ImportDialog", "检查结果")]
        self.preview_table.setColumnCount(len(columns))
        self.preview_table.setHorizontalHeaderLabels(columns)
        self.preview_table.setRowCount(len(preview.rows))
        for line, row in enumerate(preview.rows):
            values = [str(row.row_number), *(row.preview or [""] * len(preview.columns)), _verdict(row)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not row.ok:
                    item.setForeground(_ERROR_COLOUR)
                self.preview_table.setItem(line, column, item)
        self.preview_table.resizeColumnsToContents()
        self.preview_table.horizontalHeader().setStretchLastSection(True)

    # -- step 3: every row checked -----------------------------------------------------------------------

    def _check_all(self) -> None:
        assert self.table is not None
        table, mapping, kind, existing = self.table, self.mapping(), self.kind, self.existing
        imports = self._services.imports
        self.summary_label.setText(tr("ImportDialog", "正在检查每一行…"))
        self.warnings_label.clear()
        self.check_tabs.hide()
        self.check_progress.show()
        self.check_progress.setValue(0)
        self._show_page(self.CHECK)

        def work(progress: Any) -> ImportCheck:
            return imports.check(
                kind, table, mapping, existing=existing, progress=progress, cancelled=self._stop.is_set
            )

        self._run(work, self._on_checked, self.MAPPING, progress=self.check_progress)

    def _on_checked(self, result: object) -> None:
        assert isinstance(result, ImportCheck)
        self.check = result
        self.choices = {}
        self.check_progress.hide()
        self.check_tabs.show()
        self._fill_errors(result)
        self._fill_duplicates(result)
        self.warnings_label.setText("\n".join(result.warnings))
        self.warnings_label.setVisible(bool(result.warnings))
        if result.duplicates and not result.errors:
            self.check_tabs.setCurrentIndex(1)
        self._update_summary()
        self._show_page(self.CHECK)
        self.import_now_button.setFocus()

    def _fill_errors(self, check: ImportCheck) -> None:
        errors = [(row, problem) for row in check.errors for problem in row.problems]
        table = self.errors_table
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(
            [tr("ImportDialog", "行"), tr("ImportDialog", "列"), tr("ImportDialog", "要改正的地方")]
        )
        table.setRowCount(len(errors))
        for line, (row, problem) in enumerate(errors):
            for column, value in enumerate((str(row.row_number), problem.column, problem.message)):
                table.setItem(line, column, QTableWidgetItem(value))
        table.resizeColumnToContents(0)
        table.setColumnWidth(1, 120)
        table.horizontalHeader().setStretchLastSection(True)
        self.check_tabs.setTabText(
            0, tr("ImportDialog", "有错的行（{count}）").format(count=len(check.errors))
        )

    def _fill_duplicates(self, check: ImportCheck) -> None:
        table = self.duplicates_table
        headers = [
            tr("ImportDialog", "行"),
            *check.columns[:3],
            tr("ImportDialog", "重复"),
            tr("ImportDialog", "处理"),
        ]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        duplicates = check.duplicates
        table.setRowCount(len(duplicates))
        for line, row in enumerate(duplicates):
            assert row.duplicate is not None
            values = [str(row.row_number), *row.preview[:3], row.duplicate.description, ""]
            for column, value in enumerate(values):
                table.setItem(line, column, QTableWidgetItem(value))
        self._show_choices()
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        self.check_tabs.setTabText(1, tr("ImportDialog", "重复的行（{count}）").format(count=len(duplicates)))
        self.check_tabs.setTabEnabled(1, bool(duplicates))

    def choice_for(self, row: CheckedRow) -> DuplicateChoice:
        return self.choices.get(row.index, DuplicateChoice(self.duplicate_combo.currentData()))

    def choose_for_selected(self, choice: DuplicateChoice) -> None:
        """Set what to do with the duplicates selected in the list (all of them when none is selected)."""
        if self.check is None:
            return
        duplicates = self.check.duplicates
        lines = sorted({i.row() for i in self.duplicates_table.selectedIndexes()}) or range(len(duplicates))
        for line in lines:
            self.choices[duplicates[line].index] = choice
        self._show_choices()
        self._update_summary()

    def _on_default_choice_changed(self) -> None:
        self._show_choices()
        self._update_summary()

    def _show_choices(self) -> None:
        if self.check is None:
            return
        last = self.duplicates_table.columnCount() - 1
        for line, row in enumerate(self.check.duplicates):
            item = self.duplicates_table.item(line, last)
            if item is not None:
                item.setText(tr("ImportDialog", self.choice_for(row).label))

    def _to_save(self) -> list[CheckedRow]:
        if self.check is None:
            return []
        return [
            row
            for row in self.check.rows
            if row.ok and (row.duplicate is None or self.choice_for(row) != DuplicateChoice.SKIP)
        ]

    def _update_summary(self) -> None:
        check = self.check
        if check is None:
            return
        skip = sum(1 for r in check.duplicates if self.choice_for(r) == DuplicateChoice.SKIP)
        fill = sum(1 for r in check.duplicates if self.choice_for(r) == DuplicateChoice.FILL_BLANKS)
        self.summary_label.setText(
            tr(
                "ImportDialog",
                "共 {total} 行：{ready} 行可以导入，{errors} 行有错（不导入，改好后可再导入），"
                "{duplicates} 行重复（跳过 {skip} 行，补充空白信息 {fill} 行，其余仍然导入）。",
            ).format(
                total=len(check.rows),
                ready=len(check.ready),
                errors=len(check.errors),
                duplicates=len(check.duplicates),
                skip=skip,
                fill=fill,
            )
        )
        self.import_now_button.setEnabled(self.job is None and bool(self._to_save()))

    # -- step 4: saving ----------------------------------------------------------------------------------

    def start_import(self) -> None:
        """Save the good rows (and the duplicates as chosen) off the GUI thread."""
        check = self.check
        if check is None or self.job is not None:
            return
        choices = {row.index: self.choice_for(row) for row in check.duplicates}
        imports = self._services.imports
        self.saving_label.setText(tr("ImportDialog", "正在导入 {file}…").format(file=check.table.file_name))
        self.saving_progress.setValue(0)
        self._show_page(self.SAVING)

        def work(progress: Any) -> ImportResult:
            return imports.save(check, choices, progress=progress, cancelled=self._stop.is_set)

        self._run(work, self._on_saved, self.CHECK, progress=self.saving_progress)

    def _on_saved(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self.outcome = result
        self.outcome_label.setText(result.summary())
        lines = [*result.warnings]
        lines += [
            tr("ImportDialog", "第 {row} 行跳过：{why}").format(row=n, why=w) for n, w in result.skipped
        ]
        lines += [
            tr("ImportDialog", "第 {row} 行未导入：{why}").format(row=n, why=w) for n, w in result.rejected
        ]
        self.outcome_details.setPlainText("\n".join(lines) or tr("ImportDialog", "所有的行都已导入。"))
        self.save_rejected_button.setEnabled(bool(result.not_imported))
        self._show_page(self.DONE)
        self.imported.emit(result)

    def save_rejected(self) -> Path | None:
        """Save the rows not imported, with their 原因, as an xlsx chosen in the save dialog."""
        if self.outcome is None or self.check is None:
            return None
        suggested = str(Path.home() / f"{Path(self.outcome.file_name).stem}-未导入的行.xlsx")
        chosen = ask_save_path(self, suggested)
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        try:
            saved = self._services.imports.write_rejected(self.outcome, self.check.table, target)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return None
        messages.show_info(
            self,
            tr(
                "ImportDialog", "已保存 {count} 行到 {path}。\n改好“原因”里说的地方后，可以再导入这个文件。"
            ).format(count=len(self.outcome.not_imported), path=saved),
        )
        return saved

    # -- running off the GUI thread ----------------------------------------------------------------------

    def _run(self, work: Any, done: Any, back_to: int, progress: QProgressBar | None = None) -> None:
        self._stop.clear()
        job = BackgroundCall(self, work)
        self.job = job

        def finished() -> None:
            self.job = None

        def succeeded(result: object) -> None:
            finished()
            done(result)

        def refused(error: DomainError) -> None:
            finished()
            self._show_page(back_to)
            if back_to == self.MAPPING:
                self.update_preview()
            if back_to == self.CHECK:
                self._update_summary()
            if isinstance(error, ImportCancelled):
                messages.show_info(self, str(error))
            else:
                messages.show_error(self, str(error))

        if progress is not None:
            job.progressed.connect(lambda percent, _text: progress.setValue(percent))
            if progress is self.saving_progress:
                job.progressed.connect(lambda _percent, text: self.saving_label.setText(text))
        job.succeeded.connect(succeeded)
        job.refused.connect(refused)
        self._show_page(self.stack.currentIndex())

    def _on_next_button_clicked(self) -> None:
        if self.job is not None:
            return
        page = self.stack.currentIndex()
        if page == self.FILE:
            if self.table is not None:
                self._show_page(self.MAPPING)
            else:
                self._read_file()
        elif page == self.MAPPING:
            self._check_all()

    def _on_back_button_clicked(self) -> None:
        if self.job is None and self.stack.currentIndex() in (self.MAPPING, self.CHECK):
            self._show_page(self.stack.currentIndex() - 1)

    def reject(self) -> None:
        """取消: stops a check or an import under way (nothing is saved), else closes."""
        if self.job is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.job.refused.connect(lambda _e: self.cancel_button.setEnabled(True))
            return
        super().reject()


def _verdict(row: CheckedRow) -> str:
    if not row.ok:
        return "；".join(p.text() for p in row.problems)
    if row.duplicate is not None:
        return row.duplicate.description
    return tr("ImportDialog", "可以导入")


def _read_only_table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return table
