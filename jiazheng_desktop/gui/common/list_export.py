"""导出 Excel… on every list page: the same steps everywhere, one place that does them.

The button asks where to save (a Chinese default name such as ``客户-2026-12-02.xlsx`` in the
folder used last time), then the owner's password, then writes the file off the GUI thread with a
progress dialog, and at the end says how many rows went where, with 打开文件 and 打开文件夹.

A page adds it next to its own buttons with one call and says what to export::

    self.list_export = ListExportAction(
        self, services, settings, "customers", beside=ui.new_button,
        request=lambda: partial(services.list_export.export_customers, self.current_filter()),
    )

``request`` runs on the GUI thread when the button is pressed, so the page's filters are read
there; what it returns (``write(target, auth, progress)``) runs on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.staff import Role
from ...services import Services
from ...services.context import Authorization
from ...services.list_export import LISTS, Exported, default_file_name
from . import messages
from .background import BackgroundCall, Progress
from .documents import open_path
from .i18n import tr

Write = Callable[[Path, Authorization, Progress], Exported]
"""Writes the list to the path (on a worker thread) and says what it wrote."""

FOLDER_KEY = "list_export/folder"
"""Where the last export was saved (one folder for every list)."""
_last_folder = ""
"""The same, for a page without settings of its own (remembered while the program runs)."""


def ask_authorization(parent: QWidget, services: Services, minimum: Role, what: str) -> Authorization | None:
    """The password dialog, loaded when first needed (it is not needed to start the window)."""
    from .password_dialog import ask_authorization as ask

    return ask(parent, services, minimum, what)


def _layout_holding(root: QLayout, widget: QWidget) -> tuple[QLayout, int] | None:
    for index in range(root.count()):
        item = root.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return root, index
        inner = item.layout()
        if inner is not None:
            found = _layout_holding(inner, widget)
            if found is not None:
                return found
    return None


def place_beside(button: QPushButton, beside: QWidget) -> None:
    """Put ``button`` right after ``beside`` in the box layout that holds it.

    Call it once the page's layouts are set on the page (a layout not yet on a widget cannot be
    found); a ``beside`` in no box layout is a programming error.
    """
    parent = beside.parentWidget()
    root = parent.layout() if parent is not None else None
    found = _layout_holding(root, beside) if root is not None else None
    if found is None or not isinstance(found[0], QBoxLayout):
        raise ValueError(f"{beside.objectName() or beside!r} is in no box layout of its page yet")
    found[0].insertWidget(found[1] + 1, button)


class ExportDoneDialog(QDialog):
    """The file is saved: how many rows, where; open it or its folder."""

    def __init__(self, exported: Exported, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exported = exported
        path = exported.path
        self.setWindowTitle(tr("ListExport", "导出完成"))
        label = QLabel(
            tr("ListExport", "已导出{name}：{rows} 行。\n文件：{file}\n位置：{folder}").format(
                name=exported.list_name, rows=f"{exported.rows:,}", file=path.name, folder=path.parent
            ),
            self,
        )
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        self.open_button = QPushButton(tr("ListExport", "打开文件(&O)"), self)
        self.folder_button = QPushButton(tr("ListExport", "打开文件夹(&F)"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("ListExport", "关闭"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self._open(path))
        self.folder_button.clicked.connect(lambda: self._open(path.parent))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.folder_button.setDefault(True)

    def _open(self, path: Path) -> None:
        if open_path(path, self):
            self.accept()


class ListExportJob(QObject):
    """One export running off the GUI thread, with a progress dialog; ``finished(Exported | None)``."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, title: str, work: Callable[[Progress], Exported]) -> None:
        super().__init__(parent)
        self._parent = parent
        self.result: Exported | None = None
        self.error = ""
        self.done_dialog: ExportDoneDialog | None = None
        self.progress = QProgressDialog(title, "", 0, 100, parent)
        self.progress.setWindowTitle(tr("ListExport", "正在导出"))
        self.progress.setCancelButton(None)  # a few seconds even for 100,000 rows; half a file is useless
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(False)
        self.progress.setValue(0)
        call = BackgroundCall(self, work)
        call.progressed.connect(self._on_progress)
        call.succeeded.connect(self._on_done)
        call.refused.connect(self._on_refused)

    @property
    def running(self) -> bool:
        return self.result is None and not self.error

    def _on_progress(self, percent: int, step: str) -> None:
        self.progress.setLabelText(step)
        self.progress.setValue(max(0, min(99, percent)))

    def _on_done(self, result: object) -> None:
        assert isinstance(result, Exported)
        self.result = result
        self.progress.setValue(100)
        self.progress.close()
        self.done_dialog = ExportDoneDialog(result, self._parent)
        self.done_dialog.open()
        self.finished.emit(result)

    def _on_refused(self, error: DomainError) -> None:
        self.error = str(error) or tr("ListExport", "没有导出")
        self.progress.close()
        messages.show_error(self._parent, self.error)
        self.finished.emit(None)


class ListExportAction(QObject):
    """The 导出 Excel… button of one list page, and what it does."""

    def __init__(
        self,
        page: QWidget,
        services: Services,
        settings: QSettings | None,
        list_key: str,
        request: Callable[[], Write],
        beside: QWidget | None = None,
        month: Callable[[], tuple[int, int]] | None = None,
    ) -> None:
        """``request``: read the page's filters now, return what writes the file; ``month``: the
        month shown (the month's figures are named by it); ``beside``: the button to sit after."""
        super().__init__(page)
        self._page = page
        self._services = services
        self._settings = settings
        self._request = request
        self._month = month
        self.list_key = list_key
        self.name = LISTS[list_key]
        self.job: ListExportJob | None = None
        self.button = QPushButton(tr("ListExport", "导出 Excel(&X)…"), page)
        self.button.setObjectName("export_excel_button")
        self.button.setToolTip(
            tr(
                "ListExport", "把现在列出的{name}（按当前的搜索和筛选）导出为 Excel 表格；需要店主密码"
            ).format(name=self.name)
        )
        self.button.clicked.connect(lambda _checked=False: self.run())
        if beside is not None:
            place_beside(self.button, beside)

    # -- the remembered folder --------------------------------------------------------------------

    def folder(self) -> str:
        saved = self._settings.value(FOLDER_KEY, "") if self._settings is not None else ""
        return str(saved or _last_folder or "")

    def _remember(self, folder: Path) -> None:
        global _last_folder
        _last_folder = str(folder)
        if self._settings is not None:
            self._settings.setValue(FOLDER_KEY, str(folder))

    def suggested_path(self) -> str:
        today = self._services.context.now().date()
        name = default_file_name(self.list_key, today, self._month() if self._month is not None else None)
        folder = self.folder()
        return str(Path(folder) / name) if folder and Path(folder).is_dir() else name

    # -- the steps --------------------------------------------------------------------------------

    def run(self) -> ListExportJob | None:
        """Ask where, then the owner's password, then export in the background (None: not started)."""
        if self.job is not None and self.job.running:
            return None  # the button is disabled meanwhile; a shortcut may still come
        try:
            write = self._request()  # the page's filters, read now on the GUI thread
        except DomainError as exc:
            messages.show_error(self._page, str(exc))
            return None
        title = tr("ListExport", "导出{name}").format(name=self.name)
        chosen, _ = QFileDialog.getSaveFileName(
            self._page, title, self.suggested_path(), tr("ListExport", "Excel 工作簿 (*.xlsx)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        auth = ask_authorization(self._page, self._services, Role.OWNER, title)
        if auth is None:
            return None
        self._remember(target.parent)
        self.button.setEnabled(False)
        job = ListExportJob(
            self._page,
            tr("ListExport", "正在导出{name}…").format(name=self.name),
            lambda progress: write(target, auth, progress),
        )
        job.finished.connect(lambda _result: self.button.setEnabled(True))
        self.job = job
        return job
