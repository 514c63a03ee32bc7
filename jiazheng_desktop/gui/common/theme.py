"""The program's colours by what they mean, and the roles a button can play.

Everything on screen that is coloured for a reason takes its colour from here: a list's overdue row, the
工作台's warnings, a countdown, a field's error, the style sheet (``resources/theme.qss`` names these
colours, filled in when it is loaded). Red is overdue (or wrong), amber is near the deadline, green is
done. The accent is a calm blue that none of the three is mistaken for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton

# -- status ---------------------------------------------------------------------------------------------
OVERDUE = "#c0392b"
"""Past its deadline; also a refusal or a field's error (the Designer forms use the same red)."""
NEAR = "#b9770e"
"""Near its deadline: a warning, not yet late (text on white; amber that reads as text)."""
NEAR_BAR = "#e67e22"
"""The same warning as a filled bar (a countdown), where a lighter amber reads better than text amber."""
DONE = "#1e8449"
"""Done, granted, kept."""
INACTIVE = "#8a8f98"
"""No longer in use (a closed voucher, a worker who left): greyed out."""
OVERDUE_SOFT = "#fdecea"
NEAR_SOFT = "#fdebd0"
DONE_SOFT = "#e8f5e9"
NOTICE = "#fff3cd"
"""A notice panel that asks for attention (missed reminders)."""
NOTICE_BORDER = "#e0a800"
NOTICE_TEXT = "#4a3800"
NOTICE_INK = "#2b2100"
NOTICE_HOVER = "#ffe69c"
NOTICE_SELECTED = "#ffda6a"
CAUTION_SOFT = "#fff6e0"
"""Behind what staff must keep in mind (household notes: 家里有老人, 珍藏青花瓷)."""
DONE_BORDER = "#81c784"
INFO_SOFT = "#e8f1fb"
"""A notice panel that informs (the privacy retention run)."""
INFO_BORDER = "#6f9fd8"
INFO_TEXT = "#123a66"
LOCK_COVER = "#2c3e50"
"""The cover over a locked window."""

# -- the frame ------------------------------------------------------------------------------------------
ACCENT = "#2563eb"
ACCENT_HOVER = "#1d4ed8"
ACCENT_PRESSED = "#1e40af"
ACCENT_DISABLED = "#a9c1f5"
ACCENT_SOFT = "#e6efff"
"""Behind the current navigation item, a pressed button, a selection in a list that lost focus."""
ACCENT_SOFT_HOVER = "#f2f6ff"
ON_ACCENT = "#ffffff"
TEXT = "#1f2937"
TEXT_HEADER = "#374151"
TEXT_MUTED = "#6b7280"
"""Hints and explanations next to a field."""
TEXT_DISABLED = "#a0a6b0"
ICON = "#4b5563"
"""Icons next to text: a little lighter than the text, so the word reads first."""
WINDOW = "#f5f6f8"
SURFACE = "#ffffff"
SIDEBAR = "#eef1f5"
SIDEBAR_HOVER = "#e3e8ef"
HEADER = "#f3f4f6"
HEADER_HOVER = "#e8eaee"
ROW_ALTERNATE = "#f8fafc"
GRID = "#e5e7eb"
BORDER = "#d1d5db"
BORDER_STRONG = "#9ca3af"
SCROLL_HANDLE = "#c4c9d1"
SCROLL_HANDLE_HOVER = "#9ca3af"
DISABLED_FILL = "#f3f4f6"
READ_ONLY = "#f9fafb"

ROW_HEIGHT = 32
"""Height of a table row (logical pixels): Chinese text at 10 pt with room above and below."""


def qcolor(name: str) -> QColor:
    """One of the colours above as a QColor (for a model's ForegroundRole, a palette)."""
    return QColor(name)


def text_style(color: str, *, bold: bool = False) -> str:
    """A label's style sheet in one of the status colours."""
    return f"color: {color};" + (" font-weight: bold;" if bold else "")


ERROR_STYLE = text_style(OVERDUE)
"""A message next to a field that says what to fix."""
MUTED_STYLE = text_style(TEXT_MUTED)
"""A hint or an explanation under a field."""

PRIMARY = "primary"
"""The one action of a dialog or a page (新建客户, 保存, 确定): filled in the accent colour."""
DANGER = "danger"
"""An action that deletes or cannot be undone (删除, 作废, 立即清理): red text."""


def set_role(button: QAbstractButton, role: str) -> None:
    """Make ``button`` the primary action or a destructive one (before it is first shown)."""
    button.setProperty("role", role)
    if button.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):  # shown already: the new look now
        style = button.style()
        style.unpolish(button)
        style.polish(button)
