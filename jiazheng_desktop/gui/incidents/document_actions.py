"""Printing from an incident's header: the 补偿通知书 (once 行动 is done) and the safety checklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QToolButton

from ...domain.incidents import Step
from ...services import Services
from ...services.incident_views import IncidentView
from ..common.documents import DocumentJob, make_document
from ..common.i18n import tr

if TYPE_CHECKING:
    from ..common.checklist_dialog import ChecklistDialog
    from .detail import IncidentDetail


class DocumentActions:
    """A 打印 button with a menu, after the callback buttons in ``detail``'s header."""

    def __init__(self, detail: IncidentDetail, services: Services) -> None:
        self._detail = detail
        self._services = services
        self.job: DocumentJob | None = None
        self.button = QToolButton(detail)
        self.button.setObjectName("print_button")
        self.button.setText(tr("IncidentDetail", "打印(&P)"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.notice_action = menu.addAction(tr("IncidentDetail", "补偿通知书…"), self.print_notice)
        self.checklist_action = menu.addAction(
            tr("IncidentDetail", "家居安全隐患自查清单…"), self.print_checklist
        )
        self.button.setMenu(menu)
        ui = detail.ui
        ui.header_layout.insertWidget(ui.header_layout.indexOf(ui.callback_button) + 2, self.button)

    def update(self, view: IncidentView | None) -> None:
        self.button.setVisible(view is not None)
        act = view.steps.get(Step.ACT) if view is not None else None
        done = act is not None and act.done
        self.notice_action.setEnabled(done)
        self.notice_action.setToolTip(
            "" if done else tr("IncidentDetail", "完成“行动”一步（写下补偿）后才能打印补偿通知书")
        )

    def print_notice(self) -> DocumentJob | None:
        """Make the notice off the GUI thread, then offer to open or print it."""
        incident_id = self._detail.incident_id
        if incident_id is None:
            return None
        documents = self._services.documents
        self.job = make_document(
            self._detail,
            tr("IncidentDetail", "正在生成补偿通知书…"),
            lambda _progress: documents.compensation_notice(incident_id),
        )
        return self.job

    def print_checklist(self) -> ChecklistDialog | None:
        """Offer the safety checklist for this customer (the season suits the emergency, if it was one)."""
        from ..common.checklist_dialog import ChecklistDialog

        view = self._detail.view
        if view is None:
            return None
        dialog = ChecklistDialog(self._services, view.customer_id, view.category, self._detail)
        dialog.open()
        return dialog
