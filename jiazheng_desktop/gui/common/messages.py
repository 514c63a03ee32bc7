"""Message boxes in Chinese. Tests replace these functions (modal boxes would block them)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .i18n import tr


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    """Tell the user something failed and what to do about it (title: 无法完成)."""
    if title is None:
        title = tr("messages", "无法完成")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(tr("messages", "知道了"))
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    if title is None:
        title = tr("messages", "提示")
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(tr("messages", "好的"))
    box.exec()


def confirm(parent: QWidget | None, text: str, title: str | None = None, yes: str | None = None) -> bool:
    """Ask before something that cannot be undone; the safe answer is the default.

    ``title`` defaults to 请确认, ``yes`` to 确定 (defaults are translated when shown, not at import).
    """
    if title is None:
        title = tr("messages", "请确认")
    if yes is None:
        yes = tr("messages", "确定")
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("messages", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is yes_button
