"""The main window: navigation on the left, one page at a time, search on top, who is on duty below."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QListWidgetItem, QMainWindow, QPushButton, QVBoxLayout, QWidget

from ... import APP_NAME
from ...services import Services
from ...services.changes import Changes
from ..common.app_style import apply_theme
from ..common.i18n import tr
from ..common.icons import app_icon, section_icon
from ..common.section import Navigation, SectionPage
from ..forms.ui_main_window import Ui_MainWindow

if TYPE_CHECKING:
    from ..reminders.controller import ReminderController
    from .desk_lock import DeskLock


PREFERRED_SIZE = (1280, 800)
MAXIMISE_BELOW = (1440, 900)
"""On a screen smaller than this (a 1366×768 laptop) the window starts maximised."""


def fit_window(saved: QRect | None, available: QRect) -> tuple[QRect | None, bool]:
    """Where the window goes on this screen: ``(geometry, maximise)``; geometry None keeps the saved one.

    First start (nothing saved): maximised on a screen smaller than ``MAXIMISE_BELOW``, else the
    preferred size, centred. A saved place that no longer fits the screen (another monitor, a lower
    resolution) is shrunk to it and moved inside; one that fits is kept as it is.
    """
    if saved is None:
        if available.width() < MAXIMISE_BELOW[0] or available.height() < MAXIMISE_BELOW[1]:
            return None, True
        size = QSize(min(PREFERRED_SIZE[0], available.width()), min(PREFERRED_SIZE[1], available.height()))
        place = QRect(QPoint(0, 0), size)
        place.moveCenter(available.center())
        return place, False
    if available.contains(saved):
        return None, False
    size = QSize(min(saved.width(), available.width()), min(saved.height(), available.height()))
    place = QRect(saved.topLeft(), size)
    place.moveLeft(max(available.left(), min(place.left(), available.right() - size.width() + 1)))
    place.moveTop(max(available.top(), min(place.top(), available.bottom() - size.height() + 1)))
    return place, False


class MainWindow(QMainWindow):
    """Holds the section pages and talks to them only through the page contract (``SectionPage``)."""

    staff_switch_requested = Signal()
    restore_requested = Signal(str, str)
    """(backup path, who confirmed): close this window and start again on that backup (the app does)."""
    restart_requested = Signal()
    """The office setting changed (设置 → 多台电脑): close this window and start again (the app does)."""
    lock_requested = Signal()
    reminders_requested = Signal()

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        apply_theme()  # already applied at start-up; a window built without app.py (tests) gets it here
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.services = services
        self.settings = settings
        self.setWindowIcon(app_icon())
        self._pages: dict[str, SectionPage] = {}
        self._keys: list[str] = []  # in navigation order
        self._factories: dict[str, Callable[[], SectionPage]] = {}
        self.search_box: QLineEdit | None = None
        self.navigator: Navigation | None = None  # set by the shell: go to a thing from anywhere
        self.reminders: ReminderController | None = None  # set by the shell
        self.desk_lock: DeskLock | None = None  # set by the shell
        self._notices: QVBoxLayout | None = None
        """The column of notice panels above the pages (made with the first one)."""
        self.ui.nav_list.setIconSize(QSize(20, 20))  # its look is the theme's (resources/theme.qss)
        self.ui.central_layout.setContentsMargins(0, 0, 0, 0)  # the navigation runs along the window's edge
        self.ui.central_layout.setSpacing(0)
        self.ui.nav_list.currentRowChanged.connect(self._on_nav_changed)
        # One window-wide Ctrl+N that means "new" on whichever page is showing.
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self).activated.connect(self._on_new_shortcut)
        self.duty_button = QPushButton(self)
        self.duty_button.setObjectName("duty_button")
        self.duty_button.setFlat(True)
        self.duty_button.setToolTip(tr("MainWindow", "点击切换值班员工"))
        self.duty_button.clicked.connect(self.staff_switch_requested)
        self.ui.status_bar.addPermanentWidget(self.duty_button)
        self.lock_button = QPushButton(tr("MainWindow", "锁定"), self)
        self.lock_button.setObjectName("lock_button")
        self.lock_button.setFlat(True)
        self.lock_button.setToolTip(
            tr("MainWindow", "离开座位时锁定屏幕（Ctrl+L），打开的窗口和已输入的内容都会保留")
        )
        self.lock_button.clicked.connect(self.lock_requested)
        self.ui.status_bar.addPermanentWidget(self.lock_button)
        self.reminder_button = QPushButton(self)
        self.reminder_button.setObjectName("reminder_button")
        self.reminder_button.setFlat(True)
        self.reminder_button.setToolTip(tr("MainWindow", "打开提醒中心"))
        self.reminder_button.clicked.connect(self.reminders_requested)
        self.reminder_button.hide()
        self.ui.status_bar.addPermanentWidget(self.reminder_button)
        self._titles: dict[str, str] = {}
        self.close_to_tray: Callable[[], bool] | None = None
        """Set by the shell: when it answers True, closing the window only hides it."""
        self.update_title()

    def update_title(self) -> None:
        """The program's name and the agency's, re-read after the settings change."""
        agency = self.services.settings.agency().name
        self.setWindowTitle(f"{APP_NAME} - {agency}" if agency else APP_NAME)

    # -- pages ---------------------------------------------------------------------------------

    def add_page(
        self, key: str, title: str, page: SectionPage | Callable[[], SectionPage], shortcut: str | None = None
    ) -> None:
        """Add a section to the navigation (Ctrl+1, Ctrl+2 … switch between them).

        ``page`` may be a factory: the section is then built the first time it is needed,
        so start-up only pays for the section shown.
        """
        self._keys.append(key)
        if isinstance(page, SectionPage):
            self._pages[key] = page
            self.ui.page_stack.addWidget(page)
        else:
            self._factories[key] = page
            self.ui.page_stack.addWidget(QWidget())  # stands in until the page is built
        self._titles[key] = title
        item = QListWidgetItem(section_icon(key), title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.ui.nav_list.addItem(item)
        number = self.ui.nav_list.count()
        key_seq = shortcut or (f"Ctrl+{number}" if number <= 9 else None)
        if key_seq:
            item.setToolTip(tr("MainWindow", "{title}（{shortcut}）").format(title=title, shortcut=key_seq))
            QShortcut(QKeySequence(key_seq), self).activated.connect(partial(self.show_page, key))

    def page(self, key: str) -> SectionPage:
        """The section ``key``, built now if it has not been yet."""
        if key not in self._pages:
            index = self._keys.index(key)
            stand_in = self.ui.page_stack.widget(index)
            assert stand_in is not None
            page = self._factories.pop(key)()
            self._pages[key] = page
            self.ui.page_stack.insertWidget(index, page)
            if self.ui.page_stack.currentWidget() is stand_in:
                self.ui.page_stack.setCurrentIndex(index)
            self.ui.page_stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return self._pages[key]

    def built_page(self, key: str) -> SectionPage | None:
        """The section ``key`` if it has been built, else None (without building it)."""
        return self._pages.get(key)

    def show_page(self, key: str) -> SectionPage:
        page = self.page(key)
        self.ui.nav_list.setCurrentRow(self._keys.index(key))
        return page

    def section_keys(self) -> list[str]:
        """Every section's key, in navigation order."""
        return list(self._keys)

    def current_page_key(self) -> str:
        row = self.ui.page_stack.currentIndex()
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def current_page(self) -> SectionPage | None:
        """The section showing (None before the first is built)."""
        return self._pages.get(self.current_page_key())

    def _on_new_shortcut(self) -> None:
        page = self.current_page()
        if page is not None:
            page.create_new()

    def notice_changes(self, changes: Changes) -> None:
        """A committed change: every built page hears it; the one showing refreshes at once."""
        current = self.current_page()
        for page in list(self._pages.values()):
            page.notice_changes(changes, showing=page is current)

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.current_page()
        if (
            current is not None
            and self.ui.page_stack.indexOf(current) != row
            and not current.confirm_discard()
        ):
            self.ui.nav_list.blockSignals(True)
            self.ui.nav_list.setCurrentRow(self.ui.page_stack.indexOf(current))
            self.ui.nav_list.blockSignals(False)
            return
        page = self.page(self._keys[row])
        page.refresh_if_stale()  # what changed while it was hidden; a first visit loads in the page itself
        self.ui.page_stack.setCurrentIndex(row)

    def bring_to_front(self) -> None:
        """Another start of the program asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def set_badge(self, key: str, count: int) -> None:
        """Show ``count`` beside the section's name in the navigation (nothing when 0)."""
        item = self.ui.nav_list.item(self._keys.index(key))
        title = self._titles[key]
        item.setText(
            tr("MainWindow", "{title}（{count}）").format(title=title, count=count) if count else title
        )

    def add_notice(self, notice: QWidget) -> None:
        """Put a notice panel above the pages (it shows and hides itself); later ones go below earlier ones."""
        if self._notices is None:
            column = QWidget(self)
            self._notices = QVBoxLayout(column)
            self._notices.setContentsMargins(0, 0, 0, 0)
            self._notices.setSpacing(6)
            self.ui.central_layout.replaceWidget(self.ui.page_stack, column)
            self._notices.addWidget(self.ui.page_stack)
        self._notices.insertWidget(self._notices.count() - 1, notice)

    # -- status bar ------------------------------------------------------------------------------

    def set_reminder_count(self, count: int) -> None:
        """The status bar's reminder button and the 提醒 section's badge."""
        self.reminder_button.setText(tr("MainWindow", "提醒：{count} 条待处理").format(count=count))
        self.reminder_button.setVisible(count > 0)
        if "reminders" in self._keys:
            self.set_badge("reminders", count)

    def set_on_duty_label(self, text: str) -> None:
        self.duty_button.setText(tr("MainWindow", "值班：{name} ▾").format(name=text))

    # -- remembered geometry ---------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        restored = (
            isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)
        )
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            fitted, maximise = fit_window(self.frameGeometry() if restored else None, available)
            if maximise:
                self.setGeometry(available)
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            elif fitted is not None:
                self.setGeometry(fitted)
        elif not restored:
            self.resize(*PREFERRED_SIZE)
        key = self.settings.value("main_window/page", "")
        if isinstance(key, str) and key in self._keys:
            self.show_page(key)
        elif self._keys:
            self.ui.nav_list.setCurrentRow(0)

    def save_state(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/page", self.current_page_key())
        for page in self._pages.values():
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.property("quitting") and self.close_to_tray is not None and self.close_to_tray():
            self.save_state()  # to the tray: reminders keep coming
            self.hide()
            event.ignore()
            return
        if not all(page.confirm_discard() for page in self._pages.values()):
            self.setProperty("quitting", False)
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
