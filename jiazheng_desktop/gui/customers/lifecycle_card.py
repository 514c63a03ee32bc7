"""The customer's lifecycle on their profile: the stage, the churn risk and the value, each with its reasons.

All of it is derived (``services.lifecycle``): nothing here can be typed, and each line names the facts
behind it, so the desk can check it against the timeline below.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...domain.lifecycle import Assessment, RiskBand
from ...services import Services
from ..common import theme
from ..common.i18n import tr

_BAND_COLORS = {RiskBand.LOW: theme.DONE, RiskBand.MEDIUM: theme.NEAR, RiskBand.HIGH: theme.OVERDUE}


def card_html(found: Assessment) -> str:
    """The card's text: four short lines (what the customer is, why, and what to do next)."""
    color = _BAND_COLORS[found.band]
    lines = [
        tr("LifecycleCard", "<b>阶段：{stage}</b>　{reasons}").format(
            stage=escape(found.stage.label), reasons=escape("；".join(found.stage_reasons))
        ),
        tr(
            "LifecycleCard",
            "<b>流失风险：<span style='color:{color}'>{score} 分（{band}）</span></b>　{factors}",
        ).format(
            color=color,
            score=found.risk,
            band=escape(found.band.label),
            factors=escape(found.risk_text),
        ),
        tr("LifecycleCard", "<b>价值：{tier}</b>　{figures}").format(
            tier=escape(found.value.tier), figures=escape(found.value.figures)
        ),
        tr("LifecycleCard", "<b>下一步：</b>{action}").format(action=escape(found.next_action)),
    ]
    return "<br>".join(lines)


class LifecycleCard(QGroupBox):
    """客户关怀: shown for the customer on the profile, read again with it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("LifecycleCard", "客户关怀"), parent)
        self.setObjectName("lifecycle_card")
        self._services = services
        self.label = QLabel(self)
        self.label.setObjectName("lifecycle_label")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addWidget(self.label)
        self.assessment: Assessment | None = None

    def show_customer(self, customer_id: int) -> None:
        try:
            self.assessment = self._services.lifecycle.assess(customer_id)
        except DomainError as exc:  # deleted meanwhile
            self.assessment = None
            self.label.setText(escape(str(exc)))
            return
        self.label.setText(card_html(self.assessment))
