"""The owner's rule for referral rewards (how much, and for how long) and for the referral commission."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from ...domain.referrals import (
    VISITS_MAX,
    VISITS_MIN,
    CommissionDraft,
    CommissionMode,
    percent_text,
    validate_commission_rule,
)
from ...domain.staff import Role
from ...services import Services
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

ERROR_STYLE = theme.ERROR_STYLE


class ReferralRuleBox(QGroupBox):
    """A small form, built in code: the reward voucher's two fields, the commission rule, one save button."""

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
        self.commission_mode_combo = QComboBox(self)
        self.commission_mode_combo.setObjectName("commission_mode_combo")
        for mode, text in (
            (CommissionMode.OFF, tr("ReferralRuleBox", "不发佣金")),
            (CommissionMode.FIXED, tr("ReferralRuleBox", "每位被推荐客户固定金额（首次付费服务后）")),
            (CommissionMode.PERCENT, tr("ReferralRuleBox", "被推荐客户前几次付费服务金额的百分比")),
        ):
            self.commission_mode_combo.addItem(text, mode.value)
        self.commission_fixed_edit = QLineEdit(self)
        self.commission_fixed_edit.setPlaceholderText(tr("ReferralRuleBox", "元，例如 30"))
        self.commission_percent_edit = QLineEdit(self)
        self.commission_percent_edit.setPlaceholderText(tr("ReferralRuleBox", "1 到 50，例如 10 或 7.5"))
        self.commission_visits_spin = QSpinBox(self)
        self.commission_visits_spin.setRange(VISITS_MIN, VISITS_MAX)
        self.commission_visits_spin.setPrefix(tr("ReferralRuleBox", "前 "))
        self.commission_visits_spin.setSuffix(tr("ReferralRuleBox", " 次付费服务"))
        self.commission_mode_error = QLabel(self)
        self.commission_fixed_error = QLabel(self)
        self.commission_percent_error = QLabel(self)
        self.commission_visits_error = QLabel(self)
        for label in (
            self.commission_mode_error,
            self.commission_fixed_error,
            self.commission_percent_error,
            self.commission_visits_error,
        ):
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
        commission_hint = QLabel(
            tr(
                "ReferralRuleBox",
                "推荐佣金（可选，和推荐奖励券一起发）：记在推荐人名下，待结算，由经理结算时付给推荐人。"
                "修改后只对以后的服务记录有效。",
            ),
            self,
        )
        commission_hint.setWordWrap(True)
        form.addRow(commission_hint)
        form.addRow(tr("ReferralRuleBox", "推荐佣金"), self.commission_mode_combo)
        form.addRow("", self.commission_mode_error)
        form.addRow(tr("ReferralRuleBox", "每位客户"), self.commission_fixed_edit)
        form.addRow("", self.commission_fixed_error)
        form.addRow(tr("ReferralRuleBox", "百分比（%）"), self.commission_percent_edit)
        form.addRow("", self.commission_percent_error)
        form.addRow(tr("ReferralRuleBox", "计算次数"), self.commission_visits_spin)
        form.addRow("", self.commission_visits_error)
        self._form = form
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.errors = FieldErrors(
            {
                "reward": (self.reward_error, self.reward_edit),
                "valid_days": (self.days_error, self.days_spin),
                "commission_mode": (self.commission_mode_error, self.commission_mode_combo),
                "commission_fixed": (self.commission_fixed_error, self.commission_fixed_edit),
                "commission_percent": (self.commission_percent_error, self.commission_percent_edit),
                "commission_visits": (self.commission_visits_error, self.commission_visits_spin),
            }
        )
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.commission_mode_combo.currentIndexChanged.connect(self._show_commission_fields)
        self.load()

    def load(self) -> None:
        rule = self._services.referrals.rule()
        self.reward_edit.setText(format_fen(rule.reward_fen).lstrip("¥"))
        self.days_spin.setValue(rule.valid_days)
        commission = self._services.referrals.commission_rule()
        self.commission_mode_combo.setCurrentIndex(self.commission_mode_combo.findData(commission.mode.value))
        self.commission_fixed_edit.setText(
            format_fen(commission.fixed_fen).lstrip("¥") if commission.fixed_fen else ""
        )
        self.commission_percent_edit.setText(
            percent_text(commission.percent_bp) if commission.percent_bp else ""
        )
        self.commission_visits_spin.setValue(commission.visits)
        self._show_commission_fields()
        self.errors.clear()

    def commission_draft(self) -> CommissionDraft:
        """The commission rule as typed."""
        return CommissionDraft(
            mode=str(self.commission_mode_combo.currentData()),
            fixed_text=self.commission_fixed_edit.text(),
            percent_text=self.commission_percent_edit.text(),
            visits=self.commission_visits_spin.value(),
        )

    def _show_commission_fields(self) -> None:
        """Only the fields of the chosen way of paying (what was typed in the others stays there)."""
        mode = self.commission_mode_combo.currentData()
        self._form.setRowVisible(self.commission_fixed_edit, mode == CommissionMode.FIXED.value)
        self._form.setRowVisible(self.commission_percent_edit, mode == CommissionMode.PERCENT.value)
        self._form.setRowVisible(self.commission_visits_spin, mode == CommissionMode.PERCENT.value)

    def _on_save_button_clicked(self) -> None:
        reward_text = self.reward_edit.text()
        commission = self.commission_draft()
        # Typing mistakes are shown before anyone is asked for a password.
        found: dict[str, str] = {}
        try:
            parse_yuan(reward_text)
        except ValueError as exc:
            found["reward"] = str(exc)
        try:
            validate_commission_rule(commission)
        except ValidationError as exc:
            found.update(exc.fields)
        if found:
            self.errors.show(ValidationError(found))
            return
        auth = ask_authorization(self, self._services, Role.OWNER, tr("ReferralRuleBox", "修改推荐奖励"))
        if auth is None:
            return
        if self.errors.attempt(
            self,
            lambda: self._services.referrals.save_rule(reward_text, self.days_spin.value(), auth, commission),
        ):
            self.load()
            self.status_label.setText(tr("ReferralRuleBox", "已保存"))
            self.rule_changed.emit()
