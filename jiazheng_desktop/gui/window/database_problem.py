"""When the database cannot be opened: say why, and offer a way out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from ..common.i18n import tr


def ask_what_to_do(parent: QWidget | None, message: str, folder: Path, newest_backup: Path | None) -> str:
    """Returns "restore", "quit"; opening the folder keeps the box up until another choice."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        tr("database_problem", "无法打开数据文件"),
        message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    restore = None
    if newest_backup is not None:
        box.setInformativeText(tr("database_problem", "最近的备份：{name}").format(name=newest_backup.name))
        restore = box.addButton(tr("database_problem", "从最近的备份恢复"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(tr("database_problem", "打开数据文件夹"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(tr("database_problem", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    while True:
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
            continue
        if restore is not None and clicked is restore:
            return "restore"
        return "quit"
