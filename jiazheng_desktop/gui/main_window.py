"""The main window: navigation on the left, one page at a time, search on top, who is on duty below."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QMainWindow, QPushButton, QWidget

from .. import APP_NAME
from ..services import Services
from .forms import resources_rc  # noqa: F401  (registers :/icons/…)
from .forms.ui_main_window import Ui_MainWindow
from .i18n import tr


class MainWindow(QMainWindow):
    """Holds the pages; each page is a QWidget that may offer ``refresh()`` and ``save_state()``."""

    staff_switch_requested = Signal()

    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.services = services
        self.settings = settings
        self.setWindowIcon(QIcon(":/icons/app.svg"))
        self._pages: dict[str, QWidget] = {}
        self.search_box: QWidget | None = None
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
        self.update_title()

    def update_title(self) -> None:
        """The program's name and the agency's, re-read after the settings change."""
        agency = self.services.settings.agency().name
        self.setWindowTitle(f"{APP_NAME} - {agency}" if agency else APP_NAME)

    # -- pages ---------------------------------------------------------------------------------

    def add_page(self, key: str, title: str, page: QWidget, shortcut: str | None = None) -> None:
        """Add a section to the navigation (Ctrl+1, Ctrl+2 … switch between them)."""
        self._pages[key] = page
        self.ui.page_stack.addWidget(page)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.ui.nav_list.addItem(item)
        number = self.ui.nav_list.count()
        key_seq = shortcut or (f"Ctrl+{number}" if number <= 9 else None)
        if key_seq:
            item.setToolTip(tr("MainWindow", "{title}（{shortcut}）").format(title=title, shortcut=key_seq))
            QShortcut(QKeySequence(key_seq), self, activated=lambda k=key: self.show_page(k))

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def show_page(self, key: str) -> QWidget:
        page = self._pages[key]
        self.ui.nav_list.setCurrentRow(self.ui.page_stack.indexOf(page))
        return page

    def current_page_key(self) -> str:
        widget = self.ui.page_stack.currentWidget()
        return next((k for k, p in self._pages.items() if p is widget), "")

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
        page = self.ui.page_stack.widget(row)
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

    # -- status bar ------------------------------------------------------------------------------

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
        if isinstance(key, str) and key in self._pages:
            self.show_page(key)
        elif self._pages:
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
        if not all(self._may_leave(page) for page in self._pages.values()):
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
