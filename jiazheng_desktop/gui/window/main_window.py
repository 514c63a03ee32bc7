"""The main window: navigation on the left, one page at a time, search on top, who is on duty below."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QMainWindow, QPushButton, QVBoxLayout, QWidget

from ... import APP_NAME
from ...services import Services
from ..common.i18n import tr
from ..common.icons import app_icon
from ..forms.ui_main_window import Ui_MainWindow

if TYPE_CHECKING:
    from .navigator import Navigator


class MainWindow(QMainWindow):
    """Holds the pages; each page is a QWidget that may offer ``refresh()`` and ``save_state()``."""

    staff_switch_requested = Signal()
    reminders_requested = Signal()

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.services = services
        self.settings = settings
        self.setWindowIcon(app_icon())
        self._pages: dict[str, QWidget] = {}
        self._keys: list[str] = []  # in navigation order
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self.search_box: QWidget | None = None
        self.navigator: Navigator | None = None  # set by the shell: go to a thing from anywhere
        self._visited: set[QWidget] = set()
        self.ui.nav_list.setStyleSheet(
            "QListWidget { font-size: 15px; } QListWidget::item { padding: 10px 12px; }"
        )
        self.ui.nav_list.currentRowChanged.connect(self._on_nav_changed)
        # One window-wide Ctrl+N that means "new" on whichever page is showing.
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, activated=self._on_new_shortcut)
        self.duty_button = QPushButton(self)
        self.duty_button.setFlat(True)
        self.duty_button.setToolTip(tr("MainWindow", "点击切换值班员工"))
        self.duty_button.clicked.connect(self.staff_switch_requested)
        self.ui.status_bar.addPermanentWidget(self.duty_button)
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
        self, key: str, title: str, page: QWidget | Callable[[], QWidget], shortcut: str | None = None
    ) -> None:
        """Add a section to the navigation (Ctrl+1, Ctrl+2 … switch between them).

        ``page`` may be a factory: the section is then built the first time it is needed,
        so start-up only pays for the section shown.
        """
        self._keys.append(key)
        if isinstance(page, QWidget):
            self._pages[key] = page
            self.ui.page_stack.addWidget(page)
        else:
            self._factories[key] = page
            self.ui.page_stack.addWidget(QWidget())  # stands in until the page is built
        self._titles[key] = title
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.ui.nav_list.addItem(item)
        number = self.ui.nav_list.count()
        key_seq = shortcut or (f"Ctrl+{number}" if number <= 9 else None)
        if key_seq:
            item.setToolTip(tr("MainWindow", "{title}（{shortcut}）").format(title=title, shortcut=key_seq))
            QShortcut(QKeySequence(key_seq), self, activated=lambda k=key: self.show_page(k))

    def page(self, key: str) -> QWidget:
        """The section ``key``, built now if it has not been yet."""
        if key not in self._pages:
            index = self._keys.index(key)
            stand_in = self.ui.page_stack.widget(index)
            page = self._factories.pop(key)()
            self._pages[key] = page
            self.ui.page_stack.insertWidget(index, page)
            if self.ui.page_stack.currentWidget() is stand_in:
                self.ui.page_stack.setCurrentIndex(index)
            self.ui.page_stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return self._pages[key]

    def built_page(self, key: str) -> QWidget | None:
        """The section ``key`` if it has been built, else None (without building it)."""
        return self._pages.get(key)

    def show_page(self, key: str) -> QWidget:
        page = self.page(key)
        self.ui.nav_list.setCurrentRow(self._keys.index(key))
        return page

    def current_page_key(self) -> str:
        row = self.ui.page_stack.currentIndex()
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def _on_new_shortcut(self) -> None:
        create_new = getattr(self.ui.page_stack.currentWidget(), "create_new", None)
        if callable(create_new):
            create_new()

    def _may_leave(self, page: QWidget | None) -> bool:
        """Ask a page with unsaved edits (``confirm_discard``) whether it may be left."""
        confirm_discard = getattr(page, "confirm_discard", None)
        return not callable(confirm_discard) or bool(confirm_discard())

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.ui.page_stack.currentWidget()
        if (
            current is not None
            and self.ui.page_stack.indexOf(current) != row
            and not self._may_leave(current)
        ):
            self.ui.nav_list.blockSignals(True)
            self.ui.nav_list.setCurrentRow(self.ui.page_stack.indexOf(current))
            self.ui.nav_list.blockSignals(False)
            return
        page = self.page(self._keys[row])
        if page in self._visited:
            # Coming back: show what changed meanwhile. A first visit loads in the page itself.
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        self._visited.add(page)
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
        item.setText(tr("MainWindow", "{title}（{count}）").format(title=title, count=count) if count else title)

    def add_notice(self, notice: QWidget) -> None:
        """Put a notice panel above the pages (it shows and hides itself)."""
        layout = self.ui.central_layout
        column = QWidget(self)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(6)
        layout.replaceWidget(self.ui.page_stack, column)
        inner.addWidget(notice)
        inner.addWidget(self.ui.page_stack)

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
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        key = self.settings.value("main_window/page", "")
        if isinstance(key, str) and key in self._keys:
            self.show_page(key)
        elif self._keys:
            self.ui.nav_list.setCurrentRow(0)

    def save_state(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/page", self.current_page_key())
        for page in self._pages.values():
            save = getattr(page, "save_state", None)
            if callable(save):
                save(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.property("quitting") and self.close_to_tray is not None and self.close_to_tray():
            self.save_state()  # to the tray: reminders keep coming
            self.hide()
            event.ignore()
            return
        if not all(self._may_leave(page) for page in self._pages.values()):
            self.setProperty("quitting", False)
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
