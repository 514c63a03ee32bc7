"""The program's icons: its own (the house with a heart) and Tabler's line icons, tinted to the theme.

Tabler Icons (MIT, resources/icons/tabler/LICENSE) are drawn with ``stroke="currentColor"``; each icon is
rendered from its SVG at the size and device pixel ratio asked for (sharp at 125 % and 150 %), in the
text colour, white on a primary button, the accent colour when selected (the navigation's current item)
and grey when disabled. Code names an icon by what it means (``icon("print")``), never by its file.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QFile, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..forms import resources_rc  # noqa: F401  (registers :/icons/…)
from . import theme

APP_ICON_SIZES = (32, 64, 256)

ICONS: dict[str, str] = {
    # the sections
    "home": "layout-dashboard",
    "customers": "users",
    "reminders": "bell",
    "incidents": "message-report",
    "vouchers": "ticket",
    "renewals": "file-certificate",
    "workers": "id-badge-2",
    "scripts": "messages",
    "reports": "chart-bar",
    "campaigns": "gift",
    "settings": "settings",
    # common actions
    "new": "plus",
    "add_person": "user-plus",
    "edit": "pencil",
    "delete": "trash",
    "save": "device-floppy",
    "print": "printer",
    "export": "file-export",
    "import": "file-import",
    "search": "search",
    "refresh": "refresh",
    "lock": "lock",
    "sign_in": "login",
    "person": "user-circle",
    "call": "phone",
    "redeem": "receipt",
    "void": "ban",
    "offer": "gift",
    "lost": "user-x",
    "backup": "database-export",
    "restore": "restore",
    "document": "file-text",
    "checklist": "list-check",
    "folder": "folder-open",
    "done": "check",
    "snooze": "alarm",
    "dismiss": "eye-off",
    "consent": "clipboard-check",
    "reschedule": "calendar",
    "change": "arrows-exchange",
    "history": "history",
    "erase": "eraser",
    "copy": "copy",
    "picture": "photo",
    "close": "x",
    # message boxes
    "warning": "alert-triangle",
    "information": "info-circle",
    "critical": "circle-x",
    "question": "help-circle",
    # the style sheet's arrows of combo and spin boxes, pre-rendered (tools/render_theme_images.py)
    "arrow_down": "chevron-down",
    "arrow_up": "chevron-up",
}
"""What an icon means → its Tabler file (resources/icons/tabler/<file>.svg)."""

SECTION_ICONS: dict[str, str] = {
    key: key
    for key in (
        "home",
        "customers",
        "reminders",
        "incidents",
        "vouchers",
        "renewals",
        "workers",
        "scripts",
        "reports",
        "campaigns",
        "settings",
    )
}
"""Navigation key (``MainWindow.add_page``) → icon."""

BUTTON_ICONS: dict[str, str] = {
    "new_button": "new",
    "add_service_button": "new",
    "add_button": "new",
    "add_staff_button": "add_person",
    "edit_button": "edit",
    "edit_staff_button": "edit",
    "delete_button": "delete",
    "remove_button": "delete",
    "save_button": "save",
    "save_agency_button": "save",
    "save_rules_button": "save",
    "print_button": "print",
    "notice_button": "print",
    "pdf_button": "document",
    "checklist_button": "checklist",
    "export_button": "export",
    "import_button": "import",
    "lookup_button": "search",
    "refresh_button": "refresh",
    "home_refresh_button": "refresh",
    "lock_button": "lock",
    "sign_in_button": "sign_in",
    "duty_button": "person",
    "reminder_button": "reminders",
    "centre_button": "reminders",
    "report_incident_button": "incidents",
    "callback_button": "call",
    "contact_button": "call",
    "redeem_button": "redeem",
    "void_button": "void",
    "offer_button": "offer",
    "renew_button": "renewals",
    "lost_button": "lost",
    "backup_button": "backup",
    "restore_button": "restore",
    "restore_file_button": "restore",
    "folder_button": "folder",
    "done_button": "done",
    "complete_button": "done",
    "snooze_button": "snooze",
    "dismiss_button": "dismiss",
    "consent_button": "consent",
    "record_button": "consent",
    "reschedule_callback_button": "reschedule",
    "customer_change_button": "change",
    "history_button": "history",
    "run_button": "erase",
    "copy_button": "copy",
    "choose_button": "picture",
}
"""A push button's object name → its icon, given by the style when the button is first shown.

Buttons are named for what they do (``ui/*.ui`` and the pages), so one table gives the same action the
same icon on every page, the dialogs and buttons added later included; a button that has an icon of its
own keeps it.
"""


def app_icon() -> QIcon:
    """The house with a heart, at the sizes Windows and Linux ask for (pre-rendered PNGs)."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(f":/icons/app-{size}.png")
    return icon


def icon_path(name: str) -> str:
    """The resource path of the SVG for ``name`` (a key of ``ICONS``)."""
    return f":/icons/tabler/{ICONS[name]}.svg"


@cache
def _svg(name: str) -> str:
    file = QFile(icon_path(name))
    if not file.open(QFile.OpenModeFlag.ReadOnly):
        raise KeyError(f"icon {name!r}: {icon_path(name)} is not in the resources")
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()


class _TintedSvgEngine(QIconEngine):
    """Draws one SVG in a colour per icon mode, rendered afresh for each size and pixel ratio."""

    def __init__(self, name: str, colors: dict[QIcon.Mode, str]) -> None:
        super().__init__()
        self._name = name
        self._colors = colors
        self._renderers: dict[QIcon.Mode, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, QIcon.Mode, int], QPixmap] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        renderer = self._renderers.get(mode)
        if renderer is None:
            color = self._colors.get(mode, self._colors[QIcon.Mode.Normal])
            svg = _svg(self._name).replace("currentColor", color)
            renderer = self._renderers[mode] = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        key = (size.width(), size.height(), mode, round(scale * 100))
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = QPixmap(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(pixmap.rect()))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        self._pixmaps[key] = pixmap
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())  # the icons are square
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._name, dict(self._colors))

    def key(self) -> str:
        return "jiazheng-tinted-svg"

    def isNull(self) -> bool:
        return False


_engines: list[_TintedSvgEngine] = []  # the icons' engines stay alive with the program (a few dozen)


@cache
def icon(name: str, color: str = theme.ICON, selected: str | None = None) -> QIcon:
    """The icon for ``name`` (a key of ``ICONS``) in ``color``; ``selected`` for a selected list item."""
    _svg(name)  # an unknown name fails here, not at the first paint
    colors = {
        QIcon.Mode.Normal: color,
        QIcon.Mode.Active: color,
        QIcon.Mode.Selected: selected or color,
        QIcon.Mode.Disabled: theme.TEXT_DISABLED,
    }
    engine = _TintedSvgEngine(name, colors)
    _engines.append(engine)
    return QIcon(engine)


def section_icon(key: str) -> QIcon:
    """The navigation icon for a section: the text colour, the accent colour when it is the current one."""
    return icon(SECTION_ICONS.get(key, "home"), theme.ICON, theme.ACCENT)


def button_icon(object_name: str, *, primary: bool = False) -> QIcon | None:
    """The icon for a push button named ``object_name`` (``BUTTON_ICONS``), white on a primary button."""
    name = BUTTON_ICONS.get(object_name)
    if name is None:
        return None
    return icon(name, theme.ON_ACCENT) if primary else icon(name)
