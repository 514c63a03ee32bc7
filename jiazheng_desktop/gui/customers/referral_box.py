"""推荐 on a referrer's profile: whom they brought, what that earned them, and 结算… for what is still owed."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ...domain.errors import DomainError
from ...domain.money import format_fen
from ...services import Services
from ...services.referrals import ReferrerSummary
from ..common import messages, theme
from ..common.i18n import tr
from .commission_dialog import CommissionSettleDialog


def summary_html(summary: ReferrerSummary) -> str:
    """The people brought, one line each, then the commission in all."""
    lines = [
        tr("ReferralBox", "{name}　{since} 起　付费服务 {visits} 次　佣金 {earned}").format(
            name=escape(person.name),
            since=f"{person.since:%Y-%m-%d}",
            visits=person.paid_visits,
            earned=format_fen(person.earned_fen),
        )
        for person in summary.referred
    ]
    if not lines:
        lines.append(
            f"<span style='color:{theme.TEXT_MUTED}'>{escape(tr('ReferralBox', '（推荐的客户已不在名下）'))}</span>"
        )
    totals = tr("ReferralBox", "<b>推荐佣金：共 {earned}，待结算 {pending}，已结算 {settled}</b>").format(
        earned=format_fen(summary.earned_fen),
        pending=format_fen(summary.pending_fen),
        settled=format_fen(summary.settled_fen),
    )
    return "<br>".join([*lines, totals])


class ReferralBox(QGroupBox):
    """Shown only for a customer who brought someone (or earned commission); read again with the profile."""

    settled = Signal(int)  # the referrer's id, after a payout

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("ReferralBox", "推荐"), parent)
        self.setObjectName("referral_box")
        self._services = services
        self.customer_id: int | None = None
        self.summary: ReferrerSummary | None = None
        self.settle_dialog: CommissionSettleDialog | None = None
        self.label = QLabel(self)
        self.label.setObjectName("referral_label")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settle_button = QPushButton(tr("ReferralBox", "结算…"), self)
        self.settle_button.setObjectName("settle_button")
        self.settle_button.setToolTip(tr("ReferralBox", "把待结算的推荐佣金付给推荐人（需要经理确认密码）"))
        self.settle_button.clicked.connect(self.open_settle_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.settle_button, 0, Qt.AlignmentFlag.AlignBottom)

    def show_customer(self, customer_id: int | None) -> None:
        """Read the customer's referrals; hide the box when they brought nobody."""
        self.customer_id = customer_id
        self.summary = None
        if customer_id is not None:
            try:
                self.summary = self._services.referrals.summary(customer_id)
            except DomainError:  # deleted meanwhile
                self.summary = None
        summary = self.summary
        if summary is None or (not summary.referred and summary.earned_fen == 0):
            self.setVisible(False)
            return
        self.label.setText(summary_html(summary))
        self.settle_button.setEnabled(summary.pending_fen > 0)
        self.setVisible(True)

    def open_settle_dialog(self) -> CommissionSettleDialog | None:
        """结算…: the pending entries, their total and how they are paid (the dialog opens without blocking)."""
        if self.customer_id is None:
            return None
        try:
            dialog = CommissionSettleDialog(self._services, self.customer_id, self)
        except DomainError as exc:
            messages.show_error(self, str(exc))
            self.show_customer(self.customer_id)
            return None
        dialog.settled.connect(self._on_settled)
        self.settle_dialog = dialog
        dialog.open()
        return dialog

    def _on_settled(self, referrer_id: int) -> None:
        self.show_customer(referrer_id)
        self.settled.emit(referrer_id)
