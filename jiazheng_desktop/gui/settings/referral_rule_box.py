"""The owner's rule for referral rewards: how much, and for how long."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.money import format_fen, parse_yuan
from ...domain.staff import Role
from ...services import Services
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

ERROR_STYLE = theme.ERROR_STYLE


class ReferralRuleBox(QGroupBox):
    """A small form, built in code: two fields and a save button."""

    rule_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("ReferralRuleBox", "推荐奖励"), parent)
        self._services = services
        self.reward_edit = QLineEdit(self)
        self.reward_edit.setPlaceholderText(tr("ReferralRuleBox", "元；填 0 表示不发推荐奖励"))
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(1, 366)
        self.days_spin.setSuffix(tr("ReferralRuleBox", " 天"))
        self.reward_error = QLabel(self)
        self.days_error = QLabel(self)
        for label in (self.reward_error, self.days_error):
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.save_button = QPushButton(tr("ReferralRuleBox", "保存推荐奖励(&F)"), self)
        self.save_button.setObjectName("save_button")
        hint = QLabel(
            tr(
                "ReferralRuleBox",
                "被推荐的新客户第一次付费服务后，推荐人自动获得一张推荐奖励券（每位新客户只发一次）。",
            ),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(tr("ReferralRuleBox", "奖励金额"), self.reward_edit)
        form.addRow("", self.reward_error)
        form.addRow(tr("ReferralRuleBox", "有效期"), self.days_spin)
        form.addRow("", self.days_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.errors = FieldErrors(
            {"reward": (self.reward_error, self.reward_edit), "valid_days": (self.days_error, self.days_spin)}
        )
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.load()

    def load(self) -> None:
        rule = self._services.referrals.rule()
        self.reward_edit.setText(format_fen(rule.reward_fen).lstrip("¥"))
        self.days_spin.setValue(rule.valid_days)
        self.errors.clear()

    def _on_save_button_clicked(self) -> None:
        reward_text = self.reward_edit.text()
        try:
            parse_yuan(reward_text)  # a typing mistake is shown before anyone is asked for a password
        except ValueError as exc:
            self.errors.show(ValidationError({"reward": str(exc)}))
            return
        auth = ask_authorization(self, self._services, Role.OWNER, tr("ReferralRuleBox", "修改推荐奖励"))
        if auth is None:
            return
        if self.errors.attempt(
            self, lambda: self._services.referrals.save_rule(reward_text, self.days_spin.value(), auth)
        ):
            self.load()
            self.status_label.setText(tr("ReferralRuleBox", "已保存"))
            self.rule_changed.emit()
