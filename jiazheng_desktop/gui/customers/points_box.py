"""积分与会员 on the profile: the balance, what expires soon, the tier with why and what the next one
needs, the ledger (newest first), and the actions 兑换优惠券… and 调整积分…."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
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

from ...domain.errors import DomainError
from ...services import Services
from ...services.points import PointsEntryView, PointsSummary
from ..common import messages, theme
from ..common.i18n import tr


def summary_html(summary: PointsSummary) -> str:
    """Two short lines: the points (and what expires soon), the tier (why, and what the next needs)."""
    points = tr("PointsBox", "<b>积分：{balance} 分</b>　{rate}").format(
        balance=summary.balance, rate=escape(summary.rate_text)
    )
    if summary.expiring_points and summary.expiring_on is not None:
        points += tr("PointsBox", "　<span style='color:{color}'>{points} 分将于 {day} 到期</span>").format(
            color=theme.NEAR, points=summary.expiring_points, day=f"{summary.expiring_on:%Y-%m-%d}"
        )
    tier = summary.tier
    if tier.override is not None:
        why = tr("PointsBox", "店主设定：{reason}").format(reason=tier.override_reason)
    else:
        why = tier.reason
    line = tr("PointsBox", "<b>会员等级：{name}</b>　{why}；{next}").format(
        name=escape(tier.name), why=escape(why), next=escape(tier.next_text)
    )
    return f"{points}<br>{line}"


def entry_cells(entry: PointsEntryView) -> list[str]:
    expires = f"{entry.expires_on:%Y-%m-%d}" if entry.expires_on is not None else ""
    return [
        f"{entry.at:%Y-%m-%d %H:%M}",
        entry.kind.label,
        f"{entry.points:+d}",
        str(entry.balance_after),
        entry.cause,
        expires,
        entry.staff_name,
    ]


class PointsBox(QGroupBox):
    """Shown for the customer on the profile; ``changed`` after a redemption or an adjustment."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("PointsBox", "积分与会员"), parent)
        self.setObjectName("points_box")
        self._services = services
        self.customer_id: int | None = None
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("points_summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton(tr("PointsBox", "明细"), self)
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(tr("PointsBox", "每一笔积分的来龙去脉，最新的在上"))
        self.redeem_button = QPushButton(tr("PointsBox", "兑换优惠券…"), self)
        self.redeem_button.setObjectName("redeem_button")
        self.adjust_button = QPushButton(tr("PointsBox", "调整积分…"), self)
        self.adjust_button.setObjectName("adjust_button")
        head = QHBoxLayout()
        head.addWidget(self.summary_label, 1)
        for button in (self.details_button, self.redeem_button, self.adjust_button):
            head.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("points_tree")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(
            [
                tr("PointsBox", "时间"),
                tr("PointsBox", "类别"),
                tr("PointsBox", "积分"),
                tr("PointsBox", "余额"),
                tr("PointsBox", "来由"),
                tr("PointsBox", "到期日"),
                tr("PointsBox", "经办人"),
            ]
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMaximumHeight(160)
        self.tree.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addLayout(head)
        layout.addWidget(self.tree)
        self.details_button.toggled.connect(self.tree.setVisible)
        self.redeem_button.clicked.connect(self.open_redeem_dialog)
        self.adjust_button.clicked.connect(self.open_adjust_dialog)

    def show_customer(self, customer_id: int) -> None:
        self.customer_id = customer_id
        try:
            summary = self._services.points.summary(customer_id)
            entries = self._services.points.entries(customer_id)
        except DomainError as exc:
            self.summary_label.setText(escape(str(exc)))
            return
        self.summary_label.setText(summary_html(summary))
        self.redeem_button.setEnabled(summary.balance >= summary.rule.min_points)
        self.redeem_button.setToolTip(
            ""
            if self.redeem_button.isEnabled()
            else tr("PointsBox", "至少要有 {minimum} 分才能兑换").format(minimum=summary.rule.min_points)
        )
        self.tree.clear()
        for entry in entries:
            item = QTreeWidgetItem(entry_cells(entry))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        if not entries:
            self.tree.addTopLevelItem(QTreeWidgetItem([tr("PointsBox", "（还没有积分记录）")]))

    def _dialog(self, make: type) -> object | None:
        if self.customer_id is None:
            return None
        try:
            return make(self._services, self.customer_id, self)
        except DomainError as exc:  # the customer was deleted meanwhile
            messages.show_error(self, str(exc))
            return None

    def open_redeem_dialog(self) -> None:
        from .points_dialogs import RedeemPointsDialog

        dialog = self._dialog(RedeemPointsDialog)
        if isinstance(dialog, RedeemPointsDialog):
            self._run(dialog)

    def open_adjust_dialog(self) -> None:
        from .points_dialogs import AdjustPointsDialog

        dialog = self._dialog(AdjustPointsDialog)
        if isinstance(dialog, AdjustPointsDialog):
            self._run(dialog)

    def _run(self, dialog: object) -> None:
        from PySide6.QtWidgets import QDialog

        assert isinstance(dialog, QDialog)
        self.last_dialog = dialog
        """The dialog opened last (tests reach it here)."""
        dialog.accepted.connect(self._after_change)
        dialog.open()

    def _after_change(self) -> None:
        if self.customer_id is not None:
            self.show_customer(self.customer_id)
        self.changed.emit()
