"""The look of the whole program: Fusion on every platform, the theme's palette, font and style sheet.

Forcing Fusion makes Windows 10/11 and Linux draw the same widgets, so one style sheet
(``resources/theme.qss``) fits both. ``AppStyle`` adds what a style sheet cannot say: table rows tall
enough for Chinese text, Tabler icons instead of the platform's tick and cross, and each push button's
icon and role from what it is (``icons.BUTTON_ICONS``, the accept button of a dialog is the primary one).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QFile, QObject
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

from . import icons, theme

STYLE_SHEET = ":/theme/theme.qss"
THEME_IMAGES = ":/theme"
"""The style sheet's own pictures (the arrows of combo and spin boxes), pre-rendered: tools/render_theme_images.py."""

FONT_FAMILIES = (
    "Microsoft YaHei UI",  # Windows 10/11: the system's Chinese UI font
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",  # Linux (Debian's fonts-wqy-microhei)
)
FONT_POINTS = 10.0
"""Windows' own 9 pt is small for Chinese at a desk all day; 10 pt is what WeChat and WPS use."""

_STANDARD_ICONS = {
    QStyle.StandardPixmap.SP_MessageBoxWarning: ("warning", theme.NEAR_BAR),
    QStyle.StandardPixmap.SP_MessageBoxInformation: ("information", theme.ACCENT),
    QStyle.StandardPixmap.SP_MessageBoxCritical: ("critical", theme.OVERDUE),
    QStyle.StandardPixmap.SP_MessageBoxQuestion: ("question", theme.ACCENT),
    QStyle.StandardPixmap.SP_DialogOkButton: ("done", theme.ICON),
    QStyle.StandardPixmap.SP_DialogApplyButton: ("done", theme.ICON),
    QStyle.StandardPixmap.SP_DialogYesButton: ("done", theme.ICON),
    QStyle.StandardPixmap.SP_DialogCancelButton: ("close", theme.ICON),
    QStyle.StandardPixmap.SP_DialogCloseButton: ("close", theme.ICON),
    QStyle.StandardPixmap.SP_DialogNoButton: ("close", theme.ICON),
    QStyle.StandardPixmap.SP_DialogSaveButton: ("save", theme.ICON),
    QStyle.StandardPixmap.SP_DialogDiscardButton: ("delete", theme.ICON),
    QStyle.StandardPixmap.SP_DialogResetButton: ("refresh", theme.ICON),
    QStyle.StandardPixmap.SP_BrowserReload: ("refresh", theme.ICON),
    QStyle.StandardPixmap.SP_DialogHelpButton: ("question", theme.ICON),
    QStyle.StandardPixmap.SP_LineEditClearButton: ("close", theme.TEXT_MUTED),
}
"""The platform's standard icons that the program can meet, from the same icon set."""

_PRIMARY_BOX_ROLES = {QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole}


class AppStyle(QProxyStyle):
    """Fusion, with the theme's row height, icons and button roles."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        if metric == QStyle.PixelMetric.PM_HeaderDefaultSectionSizeVertical:
            return theme.ROW_HEIGHT
        if metric == QStyle.PixelMetric.PM_MessageBoxIconSize:
            return 40
        return super().pixelMetric(metric, option, widget)

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0  # 确定/取消 read as words, as on Windows 10/11; the primary one is filled instead
        return super().styleHint(hint, option, widget, returnData)

    def standardIcon(
        self,
        standardIcon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        found = _STANDARD_ICONS.get(standardIcon)
        if found is not None:
            return icons.icon(*found)
        return super().standardIcon(standardIcon, option, widget)

    def polish(self, arg: QWidget | QApplication | QPalette) -> None:  # type: ignore[override]
        if isinstance(arg, QPushButton):
            _dress_button(arg)
        super().polish(arg)


def _dress_button(button: QPushButton) -> None:
    """The accept button of a dialog (or its explicit default) is primary; named buttons get their icon."""
    box = button.parent()
    if button.property("role") is None:
        if isinstance(box, QDialogButtonBox):
            if box.buttonRole(button) in _PRIMARY_BOX_ROLES:
                button.setProperty("role", theme.PRIMARY)
        elif button.isDefault():
            button.setProperty("role", theme.PRIMARY)
    if button.property("themed_icon") or button.icon().isNull():  # again after a role change: white or not
        found = icons.button_icon(button.objectName(), primary=button.property("role") == theme.PRIMARY)
        if found is not None:
            button.setIcon(found)
            button.setProperty("themed_icon", True)


def palette() -> QPalette:
    """The theme's colours for what the style sheet does not colour itself (Fusion's frames, selections)."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, theme.WINDOW),
        (roles.WindowText, theme.TEXT),
        (roles.Base, theme.SURFACE),
        (roles.AlternateBase, theme.ROW_ALTERNATE),
        (roles.Text, theme.TEXT),
        (roles.Button, theme.SURFACE),
        (roles.ButtonText, theme.TEXT),
        (roles.BrightText, theme.ON_ACCENT),
        (roles.Highlight, theme.ACCENT),
        (roles.HighlightedText, theme.ON_ACCENT),
        (roles.ToolTipBase, theme.SURFACE),
        (roles.ToolTipText, theme.TEXT),
        (roles.PlaceholderText, theme.TEXT_DISABLED),
        (roles.Link, theme.ACCENT),
        (roles.LinkVisited, theme.ACCENT_PRESSED),
        (roles.Light, theme.SURFACE),
        (roles.Midlight, theme.GRID),
        (roles.Mid, theme.BORDER),
        (roles.Dark, theme.BORDER_STRONG),
        (roles.Shadow, theme.TEXT_MUTED),
    ):
        pal.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(disabled, role, QColor(theme.TEXT_DISABLED))
    # A list that has lost the focus keeps its selection, in the soft accent (as Windows does).
    pal.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, QColor(theme.ACCENT_SOFT))
    pal.setColor(QPalette.ColorGroup.Inactive, roles.HighlightedText, QColor(theme.TEXT))
    return pal


def ui_font(base: QFont) -> QFont:
    """The system's font, with the Chinese UI fonts first, at ``FONT_POINTS``."""
    font = QFont(base)
    font.setFamilies([*FONT_FAMILIES, base.family()])
    font.setPointSizeF(max(FONT_POINTS, base.pointSizeF()))
    return font


_TOKEN = re.compile(r"@([a-z_]+)")


def style_sheet() -> str:
    """``resources/theme.qss`` with its colour names (``@accent``) filled in from ``theme``."""
    file = QFile(STYLE_SHEET)
    if not file.open(QFile.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(STYLE_SHEET)
    try:
        text = bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "icon_dir":
            return THEME_IMAGES
        color = getattr(theme, name.upper(), None)
        if not isinstance(color, str) or not color.startswith("#"):
            raise KeyError(f"{STYLE_SHEET} names @{name}, which is not a colour of gui/common/theme.py")
        return color

    return _TOKEN.sub(value, text)


def apply_theme(app: QObject | None = None) -> None:
    """Give the application the theme (once; the start-up code and the window shell both call it)."""
    app = app or QApplication.instance()
    if not isinstance(app, QApplication) or app.property("jiazheng_theme"):
        return
    app.setStyle(AppStyle())
    app.setPalette(palette())
    app.setFont(ui_font(app.font()))
    app.setStyleSheet(style_sheet())
    app.setProperty("jiazheng_theme", True)


def is_themed(app: QObject | None = None) -> bool:
    """Whether ``apply_theme`` has run on the application."""
    app = app or QApplication.instance()
    return app is not None and bool(app.property("jiazheng_theme"))
