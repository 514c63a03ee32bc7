"""Locking the desk: after an idle time, on Ctrl+L (or Meta+L), or from the status bar's 锁定 button.

Locked, every visible window (the main window and any open dialog) is covered by an opaque sheet
of its own, and the sign-in panel is shown on top as an application-modal window. Nothing is closed
or hidden (``QDialog.hide()`` would end its ``exec()``), so whatever was typed in an open dialog is
still there after someone signs in; until then none of it can be seen or used. When another person
signs in, they take the desk: the audit rows and role limits are theirs from then on.

Idle means no key, mouse button, wheel or mouse movement anywhere in the program, seen by an
application-wide event filter that restarts one QTimer; its interval is the owner's setting.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...services import Services
from ...services.changes import ChangeKind, Changes
from ..common import theme
from ..common.i18n import tr

if TYPE_CHECKING:
    from .sign_in_dialog import SignInDialog

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
"""What counts as someone at the keyboard."""

LOCK_KEY_MODIFIERS = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.MetaModifier)
"""Ctrl+L, and Meta+L where the system hands Win+L to the program at all (Windows itself keeps it)."""

COVER_COLOR = theme.LOCK_COVER
UNCOVERED_WINDOW_TYPES = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)


class _Cover(QWidget):
    """An opaque sheet over one window while the desk is locked; the window keeps everything in it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("desk_lock_cover")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(COVER_COLOR))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("white"))
        self.setPalette(palette)
        label = QLabel(tr("DeskLock", "已锁定，请登录后继续"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSize(font.pointSize() + 4)
        label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent:
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(parent.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                QTimer.singleShot(0, self.raise_)  # a widget added later must not show through
        return False

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class DeskLock(QObject):
    """Locks the window after ``idle_timer`` runs out, or when ``lock()`` is called.

    ``signed_in(member)`` after someone unlocked it (the same person or another);
    ``locked_changed(bool)`` when it locks and unlocks.
    """

    signed_in = Signal(object)  # StaffMember
    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, services: Services) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._covers: list[_Cover] = []
        self.dialog: SignInDialog | None = None
        self.idle_minutes = services.settings.lock_idle_minutes()
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idle_lock_timer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(self.idle_minutes * 60_000)
        self.idle_timer.timeout.connect(self.lock_idle)
        self._watching = False
        if window.isVisible():
            self._watch_input()
        else:  # the whole program's events from the window's first show (building it sends hundreds)
            window.installEventFilter(self)
        self.idle_timer.start()

    def _watch_input(self) -> None:
        """Every window's input from now on (the window's own filter, until its first show, goes)."""
        if self._watching:
            return
        self._watching = True
        self._window.removeEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def reload_setting(self) -> None:
        """The owner may have changed the idle time: from now on, counted afresh."""
        self.idle_minutes = self._services.settings.lock_idle_minutes()
        self.idle_timer.setInterval(self.idle_minutes * 60_000)
        if not self.is_locked:
            self.idle_timer.start()

    def notice_changes(self, changes: Changes) -> None:
        if changes.touches({ChangeKind.SETTINGS}):
            self.reload_setting()

    # -- watching for input ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._watching:
            if kind == QEvent.Type.Show and watched is self._window:
                self._watch_input()
            return False
        if kind in INPUT_EVENTS:
            if kind == QEvent.Type.KeyPress and self._is_lock_key(event):
                self.lock()
                return True
            if self.dialog is None:
                self.idle_timer.start()
        elif kind == QEvent.Type.Show and self.dialog is not None and isinstance(watched, QWidget):
            if watched.isWindow():
                self._cover(watched)  # a window that comes up while locked (a reminder, the tray's)
        return False

    @staticmethod
    def _is_lock_key(event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_L:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return any(modifiers == modifier for modifier in LOCK_KEY_MODIFIERS)

    # -- locking and unlocking ---------------------------------------------------------------------

    def lock_idle(self) -> None:
        self.lock("idle")

    def lock(self, reason: str = "request") -> None:
        """Cover every window and ask for a sign-in (nothing happens if it is locked already)."""
        if self.dialog is not None:
            return
        self._watch_input()  # a window that comes up while locked is covered too
        services = self._services
        try:
            services.staff.lock_desk(reason, idle_minutes=self.idle_minutes)
        except DomainError:
            log.exception("the lock could not be written to the audit log")  # it locks all the same
        self.idle_timer.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()  # an open drop-down list or menu; what it belongs to keeps its value
        from .sign_in_dialog import SignInDialog, SignInPurpose  # loaded when first needed, not at start

        dialog = SignInDialog(services, SignInPurpose.UNLOCK, services.context.on_duty_id, self._window)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._on_unlocked)
        self.dialog = dialog
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self._cover(window)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.locked_changed.emit(True)

    def _cover(self, window: QWidget) -> None:
        if (
            window is self.dialog
            or isinstance(window, _Cover)
            or window.windowType() in UNCOVERED_WINDOW_TYPES
            or any(cover.parentWidget() is window for cover in self._covers)
        ):
            return
        self._covers.append(_Cover(window))

    def covered_windows(self) -> list[QWidget]:
        """The windows covered just now (for tests and the status bar)."""
        return [w for cover in self._covers if (w := cover.parentWidget()) is not None]

    def _on_unlocked(self) -> None:
        dialog = self.dialog
        assert dialog is not None and dialog.signed_in is not None
        member = dialog.signed_in
        self.dialog = None
        dialog.deleteLater()
        for cover in self._covers:
            cover.remove()
        self._covers.clear()
        self.idle_timer.start()
        self.locked_changed.emit(False)
        self.signed_in.emit(member)
