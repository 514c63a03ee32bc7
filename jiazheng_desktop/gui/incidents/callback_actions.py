"""The day-3 callback from an incident's header: 开始三日回访 (record it) and 改约回访 (move it).

Both buttons show only while the incident is resolved. The dialogs are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QPushButton

from ...domain.errors import DomainError
from ...domain.incidents import Status
from ...services import Services
from ...services.incident_views import IncidentView
from ..common import messages
from ..common.i18n import tr
from .times import short_time

if TYPE_CHECKING:
    from .detail import IncidentDetail
    from .reschedule_callback_dialog import RescheduleCallbackDialog


class CallbackActions:
    """Adds 改约回访 next to 开始三日回访 in ``detail``'s header and runs both."""

    def __init__(self, detail: IncidentDetail, services: Services) -> None:
        self._detail = detail
        self._services = services
        ui = detail.ui
        self.reschedule_button = QPushButton(tr("IncidentDetail", "改约回访(&G)…"), detail)
        self.reschedule_button.setObjectName("reschedule_callback_button")
        self.reschedule_button.setToolTip(
            tr("IncidentDetail", "客户想换个时间接回访电话：改到客户方便的时间")
        )
        ui.header_layout.insertWidget(
            ui.header_layout.indexOf(ui.callback_button) + 1, self.reschedule_button
        )
        ui.callback_button.clicked.connect(detail.start_callback)
        self.reschedule_button.clicked.connect(self.reschedule)

    def update(self, view: IncidentView | None) -> None:
        """Show the buttons only for a resolved incident (the callback is still to do)."""
        resolved = view is not None and view.status == Status.RESOLVED
        self._detail.ui.callback_button.setVisible(resolved)
        self.reschedule_button.setVisible(resolved)

    # -- 开始三日回访 ------------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the callback dialog for a resolved incident; show what it reports."""
        detail = self._detail
        incident_id = detail.incident_id
        if incident_id is None:
            return
        try:
            from .callback_dialog import CallbackDialog
        except ImportError:
            messages.show_error(
                detail, tr("IncidentDetail", "这个版本还不能记录三日回访，请更新程序后再试。")
            )
            return
        try:
            dialog = CallbackDialog(self._services, incident_id, detail)
        except DomainError as exc:  # deleted or closed meanwhile
            messages.show_error(detail, str(exc))
            detail.refresh()
            return
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        message = str(getattr(dialog, "result_message", "") or "")
        detail.show_incident(incident_id)
        view = detail.view
        if view is not None and view.current_step is not None:
            detail.open_step(view.current_step)
        detail.script_panel.show_for_incident(incident_id)
        detail.incident_changed.emit(incident_id)
        if message:
            messages.show_info(detail, message)

    # -- 改约回访 ----------------------------------------------------------------------------------------

    def reschedule_dialog(self) -> RescheduleCallbackDialog | None:
        """The 改约回访 dialog for the incident shown, wired to refresh the detail once it went through.

        None (after saying why) when there is nothing to reschedule; the caller shows the dialog.
        """
        detail = self._detail
        incident_id = detail.incident_id
        if incident_id is None:
            return None
        from .reschedule_callback_dialog import RescheduleCallbackDialog

        try:
            dialog = RescheduleCallbackDialog(self._services, incident_id, detail)
        except DomainError as exc:  # deleted meanwhile
            messages.show_error(detail, str(exc))
            detail.refresh()
            return None
        dialog.rescheduled.connect(lambda _id: self._after_reschedule(dialog))
        return dialog

    def reschedule(self) -> None:
        """Ask for the new callback time (modal) and move the callback there."""
        dialog = self.reschedule_dialog()
        if dialog is not None:
            dialog.exec()

    def _after_reschedule(self, dialog: RescheduleCallbackDialog) -> None:
        detail = self._detail
        incident_id = dialog.incident_id
        detail.show_incident(incident_id)
        if dialog.new_time is not None:
            zone = self._services.context.now().tzinfo
            detail.set_notice(
                tr("IncidentDetail", "三日回访已改约到 {time}").format(time=short_time(dialog.new_time, zone))
            )
        detail.incident_changed.emit(incident_id)
