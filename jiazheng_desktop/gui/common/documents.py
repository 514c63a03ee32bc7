"""Making, showing and printing documents from the window.

A document is made off the GUI thread with a progress dialog (it may take a few seconds for a
month's report), then offered: 打开 (the system's PDF viewer), 打印 (through the operating system),
打开所在文件夹. Opening and printing go through the system, so the program needs no PDF viewer of its own.
Printing is audited: the caller passes ``printed`` (``services.documents.printed``), told after each print.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from . import messages
from .background import BackgroundCall, Progress
from .i18n import tr


def open_path(path: Path, parent: QWidget | None = None) -> bool:
    """Open a file or folder with the system's program for it; says so when there is none."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    messages.show_error(
        parent,
        tr(
            "documents",
            "这台电脑上没有能打开它的程序：\n{path}\n请安装一个 PDF 阅读器，或到这个位置手动打开。",
        ).format(path=path),
    )
    return False


def print_path(path: Path, parent: QWidget | None = None) -> str:
    """Send a PDF to the printer through the operating system; returns what was done ("printed"/"opened").

    Windows prints with the program registered for PDFs; elsewhere ``lp`` (CUPS). Without either,
    the file is opened so it can be printed from the viewer.
    """
    try:
        if sys.platform == "win32":
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
            return "printed"
        lp = shutil.which("lp")
        if lp is not None:
            subprocess.run([lp, str(path)], check=True, capture_output=True, timeout=30)
            return "printed"
    except (OSError, subprocess.SubprocessError):
        pass
    if open_path(path, parent):
        messages.show_info(
            parent, tr("documents", "没能直接交给打印机。文件已经打开，请在阅读器里选择“打印”。")
        )
    return "opened"


Printed = Callable[[Path, bool], None]
"""Told that a document was printed: its path, and whether it went to the printer (else opened to print)."""


class DocumentReadyDialog(QDialog):
    """The document is saved: open it, print it, or show the folder."""

    def __init__(
        self, path: Path, parent: QWidget | None = None, printed: Printed | None = None, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._printed = printed
        self.setWindowTitle(tr("documents", "文件已生成"))
        text = tr("documents", "已保存：{name}\n位置：{folder}").format(name=path.name, folder=path.parent)
        label = QLabel(f"{text}\n\n{note}" if note else text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        self.open_button = QPushButton(tr("documents", "打开(&O)"))
        self.print_button = QPushButton(tr("documents", "打印(&P)"))
        self.print_button.setObjectName("print_button")
        self.folder_button = QPushButton(tr("documents", "打开所在文件夹(&F)"))
        self.folder_button.setObjectName("folder_button")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.open_button, self.print_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self._open_then_close(path))
        self.print_button.clicked.connect(lambda: self._print_then_close(path))
        self.folder_button.clicked.connect(lambda: open_path(path.parent, self))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.open_button.setDefault(True)

    def _open_then_close(self, path: Path) -> None:
        if open_path(path, self):
            self.accept()

    def _print_then_close(self, path: Path) -> None:
        how = print_path(path, self)
        if self._printed is not None:
            try:
                self._printed(path, how == "printed")
            except DomainError as exc:
                messages.show_error(
                    self, tr("documents", "文件已打印，但没能记入操作记录：{error}").format(error=exc)
                )
        self.accept()


class DocumentJob(QObject):
    """Make one document off the GUI thread, with a progress dialog; ``done(path)`` when it is saved.

    ``make(progress)`` runs on a worker thread: it reads the database and writes a file; the only
    row it writes is its audit row (生成文件). Errors arrive on the GUI thread: a ``DomainError`` is
    shown in Chinese.
    """

    done = Signal(object)  # what ``make`` returned: the Path (or the paths, for a job making several)
    failed = Signal(str)

    def __init__(self, parent: QWidget, title: str, make: Callable[[Progress], object]) -> None:
        super().__init__(parent)
        self._parent = parent
        self.progress = QProgressDialog(title, "", 0, 100, parent)
        self.progress.setWindowTitle(tr("documents", "正在生成"))
        self.progress.setCancelButton(None)  # a PDF half-written is useless; it is quick anyway
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setValue(0)
        call = BackgroundCall(self, make)
        call.progressed.connect(self._on_progress)
        call.succeeded.connect(self._on_saved)
        call.refused.connect(self._on_refused)

    def _on_progress(self, percent: int, step: str) -> None:
        self.progress.setLabelText(step)
        self.progress.setValue(max(0, min(99, percent)))

    def _on_saved(self, path: object) -> None:
        self.progress.setValue(100)
        self.progress.close()
        self.done.emit(path)

    def _on_refused(self, error: DomainError) -> None:
        self.progress.close()
        messages.show_error(self._parent, str(error))
        self.failed.emit(str(error))


def make_document(
    parent: QWidget,
    title: str,
    make: Callable[[Progress], Path],
    offer: bool = True,
    printed: Printed | None = None,
) -> DocumentJob:
    """Start ``make`` off the GUI thread; when saved, offer to open or print it (unless ``offer`` is False).

    ``printed`` (``services.documents.printed``) is told when the offered document is printed.
    """
    job = DocumentJob(parent, title, make)
    if offer:
        job.done.connect(lambda path: DocumentReadyDialog(path, parent, printed).open())
    return job
