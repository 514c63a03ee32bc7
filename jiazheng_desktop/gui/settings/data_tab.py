"""设置 → 数据: the backups (time, size, checked or not), 立即备份, 备份到…, 从备份恢复…, the rotation rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.backup_rotation import RotationPolicy
from ...domain.errors import DomainError
from ...domain.staff import Role
from ...services import Services
from ...services.backups import CLIENT_NO_BACKUPS, HOST_RESTORE_NOTE, BackupView
from ...services.context import Authorization
from ..common import messages, theme
from ..common.background import BackgroundCall
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    str(QT_TRANSLATE_NOOP("DataTab", "备份时间")),
    str(QT_TRANSLATE_NOOP("DataTab", "种类")),
    str(QT_TRANSLATE_NOOP("DataTab", "大小")),
    str(QT_TRANSLATE_NOOP("DataTab", "检查")),
    str(QT_TRANSLATE_NOOP("DataTab", "文件名")),
)


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


class DataTab(QWidget):
    """Everything here that changes something asks for the owner's password first."""

    restore_requested = Signal(str, str)
    """(backup path, who confirmed): the window closes the file and starts again on the backup."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._jobs: list[BackgroundCall] = []
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([tr("DataTab", c) for c in COLUMNS])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(tr("DataTab", "立即备份"), self)
        self.backup_button.setObjectName("backup_button")
        self.copy_button = QPushButton(tr("DataTab", "备份到…"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setToolTip(tr("DataTab", "把一份加密的备份写到 U 盘或其他文件夹"))
        self.check_button = QPushButton(tr("DataTab", "检查选中的备份"), self)
        self.restore_button = QPushButton(tr("DataTab", "从选中的备份恢复…"), self)
        self.restore_button.setObjectName("restore_button")
        self.restore_file_button = QPushButton(tr("DataTab", "从其他备份文件恢复…"), self)
        self.restore_file_button.setObjectName("restore_file_button")
        theme.set_role(self.restore_button, theme.DANGER)
        theme.set_role(self.restore_file_button, theme.DANGER)
        for button in (
            self.backup_button,
            self.copy_button,
            self.check_button,
            self.restore_button,
            self.restore_file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        rules = QGroupBox(tr("DataTab", "自动备份的保留规则"), self)
        form = QFormLayout(rules)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.daily_spin = QSpinBox(rules)
        self.daily_spin.setRange(1, 60)
        self.weekly_spin = QSpinBox(rules)
        self.weekly_spin.setRange(0, 52)
        self.monthly_spin = QSpinBox(rules)
        self.monthly_spin.setRange(0, 120)
        for spin, suffix in ((self.daily_spin, "天"), (self.weekly_spin, "周"), (self.monthly_spin, "个月")):
            spin.setSuffix(tr("DataTab", " {unit}").format(unit=tr("DataTab", suffix)))
            spin.setMinimumWidth(110)
        form.addRow(tr("DataTab", "每天一份，保留最近"), self.daily_spin)
        form.addRow(tr("DataTab", "每周一份，保留最近"), self.weekly_spin)
        form.addRow(tr("DataTab", "每月一份，保留最近"), self.monthly_spin)
        self.save_rules_button = QPushButton(tr("DataTab", "保存保留规则"), rules)
        self.save_rules_button.setObjectName("save_rules_button")
        form.addRow("", self.save_rules_button)
        note = QLabel(
            tr(
                "DataTab",
                "程序每天自动备份一次（启动时和运行中），并按这里的规则删除较旧的自动备份。"
                "升级前、恢复前和手动做的备份不会被自动删除。",
            ),
            rules,
        )
        note.setWordWrap(True)
        form.addRow(note)
        layout.addWidget(rules)

        self.backup_button.clicked.connect(self.backup_now)
        self.copy_button.clicked.connect(self.copy_out)
        self.check_button.clicked.connect(self.check_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.save_rules_button.clicked.connect(self.save_rules)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.check_selected())

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            views = self._services.backups.views()
            policy = self._services.backups.policy()
        except DomainError as exc:
            self.summary_label.setText(str(exc))
            return
        self.model.setRowCount(0)
        self.table.setSortingEnabled(False)
        for view in views:
            self._add_row(view)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        place = self._services.backup_place
        folder = place.folder if place is not None else ""
        client = place is not None and place.client
        for widget in (
            self.backup_button,
            self.copy_button,
            self.restore_file_button,
            self.save_rules_button,
            self.table,
        ):
            widget.setEnabled(not client)
        if client:
            self.summary_label.setText(tr("DataTab", CLIENT_NO_BACKUPS))
            self._update_buttons()
            return
        host_note = "\n" + tr("DataTab", HOST_RESTORE_NOTE) if place is not None and place.server else ""
        if views:
            newest = views[0]
            when = newest.made_at.strftime("%Y-%m-%d %H:%M") if newest.made_at else newest.name
            self.summary_label.setText(
                tr("DataTab", "共 {count} 份备份，最近一份：{when}。备份文件夹：{folder}").format(
                    count=len(views), when=when, folder=folder
                )
                + host_note
            )
        else:
            self.summary_label.setText(
                tr("DataTab", "还没有备份。备份文件夹：{folder}").format(folder=folder) + host_note
            )
        for spin, value in (
            (self.daily_spin, policy.daily),
            (self.weekly_spin, policy.weekly),
            (self.monthly_spin, policy.monthly),
        ):
            spin.setValue(value)
        self._update_buttons()

    def _add_row(self, view: BackupView) -> None:
        when = view.made_at.strftime("%Y-%m-%d %H:%M:%S") if view.made_at else ""
        cells = [when, view.reason, _size(view.size), tr("DataTab", view.check_label), view.name]
        items = [QStandardItem(text) for text in cells]
        items[0].setData(str(view.path), PATH_ROLE)
        if view.check and view.check != "ok":
            items[3].setForeground(QColor(theme.OVERDUE))
        self.model.appendRow(items)

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.model.item(rows[0].row(), 0).data(PATH_ROLE)
        return Path(str(value)) if value else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected_path() is not None
        self.check_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    # -- acting ----------------------------------------------------------------------------------

    def _owner(self, what: str) -> Authorization | None:
        return ask_authorization(self, self._services, Role.OWNER, what)

    def _run(self, work: Callable[[], object], done: Callable[[Any], None]) -> None:
        """A backup takes seconds on a large file: off the GUI thread, buttons off meanwhile."""
        self.setEnabled(False)
        job = BackgroundCall(self, lambda _progress: work())
        self._jobs.append(job)

        def finish() -> None:
            self.setEnabled(True)
            self._jobs.remove(job)

        def succeeded(result: object) -> None:
            finish()
            done(result)

        def refused(error: object) -> None:
            finish()
            messages.show_error(self, str(error))

        job.succeeded.connect(succeeded)
        job.refused.connect(refused)

    def backup_now(self) -> None:
        auth = self._owner(tr("DataTab", "立即备份"))
        if auth is None:
            return

        def done(path: Path) -> None:
            self.refresh()
            messages.show_info(self, tr("DataTab", "已备份：{name}").format(name=path.name))

        self._run(lambda: self._services.backups.backup_now(auth), done)

    def copy_out(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("DataTab", "选择备份位置（例如 U 盘）"))
        if not folder:
            return
        auth = self._owner(tr("DataTab", "备份到其他位置"))
        if auth is None:
            return
        self._run(
            lambda: self._services.backups.copy_to(Path(folder), auth),
            lambda path: messages.show_info(
                self,
                tr(
                    "DataTab",
                    "已备份到：{path}\n这份备份是加密的：在别的电脑上打开它需要数据恢复单上的恢复码。",
                ).format(path=path),
            ),
        )

    def check_selected(self) -> None:
        path = self.selected_path()
        if path is None:
            return
        row = self.table.selectionModel().selectedRows()[0].row()

        def done(view: BackupView) -> None:  # a check reads and decrypts the whole file: off the GUI thread
            self.model.item(row, 3).setText(tr("DataTab", view.check_label))
            if view.usable:
                messages.show_info(self, tr("DataTab", "{name} 完好，可以用来恢复。").format(name=path.name))
            else:
                messages.show_error(
                    self, tr("DataTab", "{name} 无法使用：{why}").format(name=path.name, why=view.check)
                )

        self._run(lambda: self._services.backups.verify(path), done)

    def restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self._restore(path)

    def restore_from_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, tr("DataTab", "选择备份文件"), "", tr("DataTab", "家政服务台备份 (*.sqlite3)")
        )
        if chosen:
            self._restore(Path(chosen))

    def _restore(self, path: Path) -> None:
        place = self._services.backup_place
        question = tr(
            "DataTab",
            "用 {name} 替换现在的数据？\n\n这份备份之后录入的内容将不在恢复后的数据里。"
            "现在的数据会先另存一份“恢复前”备份，程序随后重新打开。",
        ).format(name=path.name)
        if place is not None and place.server is not None:
            question += "\n\n" + tr(
                "DataTab",
                "这台电脑是主机：恢复会替换主机数据库里全公司（所有电脑）用的数据。"
                "请先让其他电脑上的人保存手头的工作；恢复后他们的程序会连上恢复后的数据。",
            )
        answer = QMessageBox.warning(
            self,
            tr("DataTab", "从备份恢复"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        auth = self._owner(tr("DataTab", "从备份恢复"))
        if auth is None:
            return
        self._run(
            lambda: self._services.backups.prepare_restore(path, auth),
            lambda _safety: self.restore_requested.emit(str(path), auth.name),
        )

    def save_rules(self) -> None:
        auth = self._owner(tr("DataTab", "修改备份保留规则"))
        if auth is None:
            return
        policy = RotationPolicy(self.daily_spin.value(), self.weekly_spin.value(), self.monthly_spin.value())
        try:
            self._services.backups.set_policy(policy, auth)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, tr("DataTab", "保留规则已保存。"))
