"""When the database cannot be opened: say why, and offer a way out."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from ..common.i18n import tr


def ask_what_to_do(
    parent: QWidget | None,
    message: str,
    folder: Path,
    newest_backup: Path | None,
    *,
    note: str = "",
    others: bool = False,
    retry: bool = False,
    start_new: bool = False,
    title: str = "",
) -> str:
    """Returns "restore", "choose" (another backup), "retry", "new" or "quit".

    Opening the folder keeps the box up until another choice.
    """
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        title or tr("database_problem", "无法打开数据文件"),
        message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    restore = choose = retry_button = new_button = None
    informative = []
    if note:
        informative.append(note)
    if newest_backup is not None:
        informative.append(
            tr("database_problem", "可以使用的最近备份：{name}").format(name=newest_backup.name)
        )
        restore = box.addButton(tr("database_problem", "从这个备份恢复"), QMessageBox.ButtonRole.AcceptRole)
    if others:
        choose = box.addButton(tr("database_problem", "选择其他备份…"), QMessageBox.ButtonRole.ActionRole)
    if retry:
        retry_button = box.addButton(tr("database_problem", "重试"), QMessageBox.ButtonRole.AcceptRole)
    if start_new:
        new_button = box.addButton(
            tr("database_problem", "作为新的家政公司开始"), QMessageBox.ButtonRole.ActionRole
        )
    if informative:
        box.setInformativeText("\n".join(informative))
    open_folder = box.addButton(tr("database_problem", "打开数据文件夹"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(tr("database_problem", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or retry_button or quit_button)
    while True:
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
            continue
        for button, answer in (
            (restore, "restore"),
            (choose, "choose"),
            (retry_button, "retry"),
            (new_button, "new"),
        ):
            if button is not None and clicked is button:
                return answer
        return "quit"


def choose_backup(parent: QWidget | None, choices: list[tuple[Path, str]]) -> Path | None:
    """Pick one backup out of ``choices`` (path, its description); None when cancelled."""
    if not choices:
        return None
    labels = [label for _path, label in choices]
    label, ok = QInputDialog.getItem(
        parent,
        tr("database_problem", "选择备份"),
        tr("database_problem", "从哪一份备份恢复？（最新的在最上面）"),
        labels,
        0,
        False,
    )
    if not ok:
        return None
    return choices[labels.index(label)][0]


class StartupQuestions:
    """``startup.Questions`` as the window's dialogs (no main window exists yet).

    ``busy``, a "starting…" notice shown while the program opens its data, steps aside while a question is
    asked and comes back when the program goes on (after 重试, say)."""

    def __init__(self, folder: Path, parent: QWidget | None = None, *, busy: QWidget | None = None) -> None:
        self._folder = folder
        self._parent = parent
        self._busy = busy

    @contextmanager
    def _asking(self) -> Iterator[None]:
        if self._busy is None:
            yield
            return
        self._busy.hide()
        try:
            yield
        finally:
            self._busy.show()
            QApplication.processEvents()

    def problem(
        self,
        message: str,
        newest: Path | None,
        *,
        note: str = "",
        others: bool = False,
        retry: bool = False,
        start_new: bool = False,
        title: str = "",
    ) -> str:
        with self._asking():
            return ask_what_to_do(
                self._parent,
                message,
                self._folder,
                newest,
                note=note,
                others=others,
                retry=retry,
                start_new=start_new,
                title=title,
            )

    def choose_backup(self, choices: list[tuple[Path, str]]) -> Path | None:
        with self._asking():
            return choose_backup(self._parent, choices)

    def recovery_code(self, message: str, opens: Callable[[bytes], bool]) -> bytes | None:
        from .recovery_dialog import ask_recovery_code

        with self._asking():
            return ask_recovery_code(self._parent, message, opens)

    def inform(self, message: str, title: str) -> None:
        from ..common import messages

        with self._asking():
            messages.show_error(self._parent, message, title)
