"""Put reminders into the main window: the 提醒 section, the notice panel, the tray, the badge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ...services import Services
from ..common.i18n import tr
from ..reminders.controller import ReminderController, place_opener
from ..reminders.notice import ReminderNotice
from .main_window import MainWindow
from .navigator import Navigator

if TYPE_CHECKING:
    from ...services.reminder_views import ReminderRow


def install_reminders(
    window: MainWindow, services: Services, settings: QSettings, navigator: Navigator
) -> ReminderController:
    """Add the 提醒 section (next in the navigation) and wire everything; ``app`` starts it."""

    def show_centre(reminder_id: int | None = None) -> None:
        page = window.show_page("reminders")
        if reminder_id is not None:
            page.select_reminder(reminder_id)  # type: ignore[attr-defined]

    controller = ReminderController(services, place_opener(navigator, show_centre), settings, parent=window)

    def make_page() -> QWidget:
        from ..reminders.page import ReminderCentrePage

        page = ReminderCentrePage(services, settings, window)
        page.open_requested.connect(controller.open_reminder)
        page.changed.connect(controller.changed)
        return page

    window.add_page("reminders", tr("shell", "提醒"), make_page)

    notice = ReminderNotice(window, zone=services.context.now().tzinfo)
    notice.setObjectName("reminder_notice")
    window.add_notice(notice)
    notice.open_requested.connect(controller.open_reminder)
    notice.centre_requested.connect(show_centre)

    def on_raised(rows: list[ReminderRow], missed: bool) -> None:
        notice.show_reminders(rows, missed)
        for key in ("reminders", "home"):
            page = window.built_page(key)
            if page is not None and page.isVisible():
                page.refresh()  # type: ignore[attr-defined]

    controller.raised.connect(on_raised)
    controller.count_changed.connect(window.set_reminder_count)
    controller.centre_requested.connect(lambda: (window.bring_to_front(), show_centre()))
    window.reminders_requested.connect(show_centre)
    # What staff do elsewhere (a callback recorded, a contract renewed) changes the count.
    window.ui.nav_list.currentRowChanged.connect(
        lambda _row: controller.changed() if controller.started else None
    )
    controller.install_tray(window)
    window.close_to_tray = controller.close_to_tray
    window.reminders = controller  # type: ignore[attr-defined]
    return controller
