"""Put reminders into the main window: the 提醒 section, the notice panel, the tray, the badge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from ...services import Services
from ..common.i18n import tr
from ..common.section import SectionPage
from ..reminders.controller import ReminderController, place_opener
from ..reminders.notice import ReminderNotice
from .main_window import MainWindow
from .navigator import Navigator

if TYPE_CHECKING:
    pass


def install_reminders(
    window: MainWindow, services: Services, settings: QSettings, navigator: Navigator
) -> ReminderController:
    """Add the 提醒 section (next in the navigation) and wire everything; ``app`` starts it."""

    def show_centre(reminder_id: int | None = None) -> None:
        if reminder_id is None:
            window.show_page("reminders")
        else:
            navigator.open_reminder(reminder_id)

    controller = ReminderController(services, place_opener(navigator, show_centre), settings, parent=window)

    def make_page() -> SectionPage:
        from ..reminders.page import ReminderCentrePage

        page = ReminderCentrePage(services, settings, window)
        page.open_requested.connect(controller.open_reminder)
        return page

    window.add_page("reminders", tr("shell", "提醒"), make_page)

    notice = ReminderNotice(window, zone=services.context.now().tzinfo)
    notice.setObjectName("reminder_notice")
    window.add_notice(notice)
    notice.open_requested.connect(controller.open_reminder)
    notice.centre_requested.connect(show_centre)

    controller.raised.connect(notice.show_reminders)  # the pages follow by the change notice
    controller.count_changed.connect(window.set_reminder_count)

    def bring_centre_forward() -> None:
        window.bring_to_front()
        show_centre()

    controller.centre_requested.connect(bring_centre_forward)
    window.reminders_requested.connect(show_centre)
    controller.install_tray(window)
    window.close_to_tray = controller.close_to_tray
    window.reminders = controller
    return controller
