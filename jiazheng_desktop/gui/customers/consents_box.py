"""The customer's consents on their profile: each purpose's state, and the history with its exact words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.privacy import ConsentState, Purpose
from ...services import Services
from ...services.consents import ConsentEntry
from ..common import theme
from ..common.i18n import tr

ENTRY_ROLE = Qt.ItemDataRole.UserRole
_STATE_COLORS = {
    ConsentState.GRANTED: theme.DONE,
    ConsentState.WITHDRAWN: theme.OVERDUE,
    ConsentState.NOT_ASKED: theme.NEAR,
}


def _wording_text(entry: ConsentEntry) -> str:
    text = tr("ConsentsBox", "第 {version} 版条款原文：{text}").format(
        version=entry.wording.version, text=entry.wording.text
    )
    if entry.note:
        text += tr("ConsentsBox", "\n说明：{note}").format(note=entry.note)
    return text


class ConsentsBox(QGroupBox):
    """One line per purpose (open it for the history); the words of the chosen line show below."""

    record_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("ConsentsBox", "客户同意"), parent)
        self._services = services
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        head.addWidget(self.summary_label, 1)
        self.details_button = QPushButton(tr("ConsentsBox", "明细"))
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(tr("ConsentsBox", "每一次同意和撤回，以及客户当时听到的条款原文"))
        head.addWidget(self.details_button)
        self.record_button = QPushButton(tr("ConsentsBox", "记录同意(&Y)…"))
        self.record_button.setObjectName("record_button")
        self.record_button.clicked.connect(self.record_requested.emit)
        head.addWidget(self.record_button)
        layout.addLayout(head)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                tr("ConsentsBox", "用途"),
                tr("ConsentsBox", "状态"),
                tr("ConsentsBox", "时间"),
                tr("ConsentsBox", "方式"),
                tr("ConsentsBox", "记录人"),
            ]
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMaximumHeight(150)
        self.tree.currentItemChanged.connect(self._on_current_item_changed)
        layout.addWidget(self.tree)
        self.wording_label = QLabel()
        self.wording_label.setWordWrap(True)
        self.wording_label.setStyleSheet(theme.MUTED_STYLE)
        self.wording_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.wording_label)
        # The history is opened on demand: closed, the box is one line, so the profile and its
        # household notes keep their room on a 1366×768 screen.
        self.details_button.toggled.connect(self.tree.setVisible)
        self.details_button.toggled.connect(self.wording_label.setVisible)
        self.tree.setVisible(False)
        self.wording_label.setVisible(False)
        self.items: dict[Purpose, QTreeWidgetItem] = {}
        self._entries: dict[int, ConsentEntry] = {}

    def show_customer(self, customer_id: int) -> None:
        """Read the customer's ledger (one query) and show it."""
        self.tree.clear()
        self.items.clear()
        self.wording_label.clear()
        history = self._services.consents.history(customer_id)
        zone = self._services.context.now().tzinfo  # stored in UTC, shown as the clock's day and time
        granted: list[str] = []
        for purpose in Purpose:
            entries = [e for e in history if e.purpose == purpose]
            current = entries[0] if entries else None
            state = (
                ConsentState.NOT_ASKED
                if current is None
                else ConsentState.GRANTED
                if current.granted
                else ConsentState.WITHDRAWN
            )
            item = QTreeWidgetItem(
                [
                    purpose.label,
                    state.label,
                    f"{current.at.astimezone(zone):%Y-%m-%d}" if current else "",
                    current.channel.label if current else "",
                    current.staff_name if current else "",
                ]
            )
            item.setForeground(1, QBrush(QColor(_STATE_COLORS[state])))
            item.setToolTip(0, tr("ConsentsBox", "同意后可以：{allows}").format(allows=purpose.allows))
            if current is not None:
                item.setData(0, ENTRY_ROLE, current.id)
                item.setToolTip(1, _wording_text(current))
            for entry in entries:
                child = QTreeWidgetItem(
                    [
                        tr("ConsentsBox", "第 {version} 版条款").format(version=entry.wording.version),
                        tr("ConsentsBox", "同意") if entry.granted else tr("ConsentsBox", "不同意/撤回"),
                        f"{entry.at.astimezone(zone):%Y-%m-%d %H:%M}",
                        entry.channel.label,
                        entry.staff_name,
                    ]
                )
                child.setData(0, ENTRY_ROLE, entry.id)
                for column in range(5):
                    child.setToolTip(column, _wording_text(entry))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            self.items[purpose] = item
            if state == ConsentState.GRANTED:
                granted.append(purpose.label)
        self._entries = {e.id: e for e in history}
        self.summary_label.setText(
            tr("ConsentsBox", "已同意：{purposes}").format(purposes=tr("ConsentsBox", "、").join(granted))
            if granted
            else tr("ConsentsBox", "还没有任何同意的用途")
        )

    def state_text(self, purpose: Purpose) -> str:
        """What the purpose's line says (状态 column), for tests and screen readers."""
        return self.items[purpose].text(1)

    def _on_current_item_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        entry_id = current.data(0, ENTRY_ROLE) if current is not None else None
        entry = self._entries.get(int(entry_id)) if entry_id is not None else None
        self.wording_label.setText(_wording_text(entry) if entry is not None else "")
