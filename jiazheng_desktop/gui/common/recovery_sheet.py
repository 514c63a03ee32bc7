"""Printing the recovery sheet (数据恢复单): at first run, and from 设置 → 数据安全."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...domain.errors import DomainError
from ...services import Services
from ...services.context import Authorization
from . import messages
from .documents import DocumentReadyDialog
from .i18n import tr


def _default_folder() -> Path:
    desktop = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    return Path(desktop) if desktop else Path.home()


def offer_recovery_sheet(
    parent: QWidget | None, services: Services, auth: Authorization, *, first_run: bool = False
) -> Path | None:
    """Ask whether to make the sheet now (first run), where to save it, then offer to print it."""
    if first_run:
        answer = QMessageBox.question(
            parent,
            tr("recovery_sheet", "打印数据恢复单"),
            tr(
                "recovery_sheet",
                "您的数据已经加密保存。请现在打印一张“数据恢复单”：换电脑、重装系统或钥匙丢失时，"
                "只有凭它上面的恢复码才能打开数据和备份。\n\n现在打印吗？（以后也可以在 设置 → 数据安全 里打印）",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    name = tr("recovery_sheet", "数据恢复单.pdf")
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        tr("recovery_sheet", "保存数据恢复单"),
        str(_default_folder() / name),
        tr("recovery_sheet", "PDF 文件 (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    try:
        services.security.write_recovery_sheet(path, auth)
    except DomainError as exc:
        messages.show_error(parent, str(exc))
        return None
    DocumentReadyDialog(path, parent).exec()
    return path
