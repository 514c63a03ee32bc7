"""The amber panel at the top of the window when reminders fall due (not a modal box: the call goes on).

The reminder controller inserts it and feeds it rows; it never reads anything itself. It takes one
line of the window: the count, the oldest reminder (click it to open it) and 展开 for the whole list,
so a morning's missed reminders never push a page off a 1366×768 screen. Each line of the list opens
its reminder; 全部提醒 goes to the 提醒中心; × (or Esc) hides the panel. Reminders that come due while it
is showing are added to it, each once.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..common import theme
from ..common.i18n import tr

if TYPE_CHECKING:
    from ...services.reminder_views import ReminderRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_VISIBLE_LINES = 5
"""Expanded, more lines than this scroll inside the panel, so it never pushes the page off a small screen."""

# By class, not by object name: the window names its notice "reminder_notice" (an id selector missed it).
STYLE = f"""
ReminderNotice {{ margin: 8px 10px 0 10px; background: {theme.NOTICE}; border: 1px solid {theme.NOTICE_BORDER}; border-radius: 4px; }}
ReminderNotice QLabel {{ color: {theme.NOTICE_TEXT}; }}
ReminderNotice QListWidget {{ background: transparent; border: none; color: {theme.NOTICE_INK}; }}
ReminderNotice QListWidget::item:hover {{ background: {theme.NOTICE_HOVER}; }}
ReminderNotice QListWidget::item:selected {{ background: {theme.NOTICE_SELECTED}; color: {theme.NOTICE_INK}; }}
ReminderNotice QPushButton#first_line_button {{ border: none; background: transparent; color: {theme.NOTICE_INK};
    text-align: left; padding: 2px 4px; }}
ReminderNotice QPushButton#first_line_button:hover {{ background: {theme.NOTICE_HOVER}; }}
"""


class ReminderNotice(QFrame):
    """``open_requested(reminder_id)`` when a line is clicked (or Enter on it); ``centre_requested``
    for 全部提醒; ``closed`` when the user hides it."""

    open_requested = Signal(int)
    centre_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None, zone: tzinfo | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._missed = False
        self._first_line = ""
        self.setObjectName("ReminderNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.title_label = QLabel(self)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.first_line_button = QPushButton(self)
        self.first_line_button.setObjectName("first_line_button")
        self.first_line_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.first_line_button.setToolTip(tr("ReminderNotice", "打开这条提醒"))
        self.first_line_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.expand_button = QPushButton(self)
        self.expand_button.setObjectName("expand_button")
        self.expand_button.setCheckable(True)
        self.expand_button.setToolTip(tr("ReminderNotice", "显示或收起全部到时间的提醒"))
        self.centre_button = QPushButton(tr("ReminderNotice", "全部提醒(&R)"), self)
        self.centre_button.setObjectName("centre_button")
        self.centre_button.setToolTip(tr("ReminderNotice", "打开提醒中心"))
        self.close_button = QPushButton(tr("ReminderNotice", "×"), self)
        self.close_button.setToolTip(tr("ReminderNotice", "关闭（Esc）"))
        self.close_button.setAccessibleName(tr("ReminderNotice", "关闭"))
        self.close_button.setFixedWidth(self.close_button.fontMetrics().horizontalAdvance("××") + 16)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("ReminderNotice", "到时间的提醒"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.setToolTip(tr("ReminderNotice", "点击一条（或按回车）打开它"))

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.first_line_button, 1)
        top.addWidget(self.expand_button)
        top.addWidget(self.centre_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.list)

        self.list.itemClicked.connect(self._on_item_chosen)
        for key in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(key), self.list)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._on_enter)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.dismiss)
        self.centre_button.clicked.connect(self._on_centre_button_clicked)
        self.close_button.clicked.connect(self.dismiss)
        self.first_line_button.clicked.connect(self._on_first_line_clicked)
        self.expand_button.toggled.connect(self.set_expanded)
        self.list.hide()
        self.hide()

    # -- what it shows ---------------------------------------------------------------------------

    def show_reminders(self, rows: list[ReminderRow], missed: bool) -> None:
        """Show ``rows`` (oldest first, as given); when already showing, add the new ones to the list.

        ``missed``: they fell due while the program was closed or the computer asleep.
        """
        if self.isHidden():
            self.list.clear()
            self._missed = False
            self.set_expanded(False)
        self._missed = self._missed or missed
        shown = {item.data(ID_ROLE): item for item in self._items()}
        for row in rows:
            item = shown.get(row.id)
            if item is None:
                item = QListWidgetItem()
                item.setData(ID_ROLE, row.id)
                self.list.addItem(item)
                shown[row.id] = item
            item.setText(self._line(row))
            item.setToolTip(row.title)
        if not shown:
            return
        self._update_title()
        self._fit_height()
        self.show()

    def is_expanded(self) -> bool:
        return self.expand_button.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """展开: the list of every reminder under the line; 收起: the one line again."""
        if self.expand_button.isChecked() != expanded:
            self.expand_button.setChecked(expanded)  # comes back here through ``toggled``
            return
        self.list.setVisible(expanded and self.list.count() > 1)
        self.first_line_button.setVisible(not self.list.isVisible())
        self._update_title()

    def reminder_ids(self) -> list[int]:
        """The reminders listed, top to bottom."""
        return [int(item.data(ID_ROLE)) for item in self._items()]

    def remove_reminder(self, reminder_id: int) -> None:
        """Take one reminder off the panel (handled elsewhere); the panel hides when none is left."""
        for row, item in enumerate(self._items()):
            if item.data(ID_ROLE) == reminder_id:
                self.list.takeItem(row)
                break
        if self.list.count() == 0:
            self.hide()
        else:
            self.set_expanded(self.is_expanded())
            self._update_title()
            self._fit_height()

    def dismiss(self) -> None:
        """× or Esc: hide the panel (the reminders stay in the 提醒中心)."""
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _line(self, row: ReminderRow) -> str:
        return tr("ReminderNotice", "{time}　{kind}：{title}").format(
            time=f"{row.due_at.astimezone(self._zone):%m-%d %H:%M}", kind=row.kind_label, title=row.title
        )

    def _update_title(self) -> None:
        count = self.list.count()
        if self._missed:
            text = tr("ReminderNotice", "错过的提醒（{count} 条）").format(count=count)
        elif count > 1:
            text = tr("ReminderNotice", "提醒（{count} 条）").format(count=count)
        else:
            text = tr("ReminderNotice", "提醒")
        self.title_label.setText(text)
        first = self.list.item(0)
        self._first_line = first.text() if first is not None else ""
        self._elide_first_line()
        self.first_line_button.setToolTip(first.toolTip() if first is not None else "")
        self.expand_button.setVisible(count > 1)
        self.expand_button.setText(
            tr("ReminderNotice", "收起(&Z)")
            if self.is_expanded()
            else tr("ReminderNotice", "展开全部 {count} 条(&Z)").format(count=count)
        )

    def first_line(self) -> str:
        """The whole text of the line shown when collapsed (the button shows what fits)."""
        return self._first_line

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_first_line()

    def _elide_first_line(self) -> None:
        room = max(self.first_line_button.width() - 12, 40)
        metrics = self.first_line_button.fontMetrics()
        self.first_line_button.setText(
            metrics.elidedText(self._first_line, Qt.TextElideMode.ElideRight, room)
        )

    def _fit_height(self) -> None:
        lines = min(self.list.count(), MAX_VISIBLE_LINES)
        row = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height() + 2)
        self.list.setFixedHeight(row * lines + 2 * self.list.frameWidth() + 2)

    # -- choices ---------------------------------------------------------------------------------

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        reminder_id = int(item.data(ID_ROLE))
        self.remove_reminder(reminder_id)
        self.open_requested.emit(reminder_id)

    def _on_first_line_clicked(self) -> None:
        first = self.list.item(0)
        if first is not None:
            self._on_item_chosen(first)

    def _on_enter(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._on_item_chosen(item)

    def _on_centre_button_clicked(self) -> None:
        self.hide()
        self.centre_requested.emit()
