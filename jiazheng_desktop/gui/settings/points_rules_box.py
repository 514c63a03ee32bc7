"""The owner's rules for points and member tiers: how points are earned, turned into vouchers and expire,
and what each tier needs over the last 12 months (with the agency's own tier names)."""

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

from ...domain.customers import VipTier
from ...domain.errors import ValidationError
from ...domain.money import format_fen, parse_yuan
from ...domain.points import MAX_EXPIRY_MONTHS, MAX_PER_YUAN, PointsRule, TierBasis, TierRule
from ...domain.staff import Role
from ...services import Services
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization


def _spin(parent: QWidget, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


def _error(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(theme.ERROR_STYLE)
    label.setWordWrap(True)
    return label


def _yuan(fen: int) -> str:
    return format_fen(fen).lstrip("¥").replace(",", "")


class PointsRulesBox(QGroupBox):
    """A small form, built in code, saved with the owner's password."""

    rules_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("PointsRulesBox", "积分与会员等级"), parent)
        self._services = services
        self.per_yuan_spin = _spin(self, 0, MAX_PER_YUAN, tr("PointsRulesBox", " 分"))
        self.referral_spin = _spin(self, 0, 100_000, tr("PointsRulesBox", " 分"))
        self.redeem_points_spin = _spin(self, 1, 100_000, tr("PointsRulesBox", " 积分"))
        self.redeem_value_edit = QLineEdit(self)
        self.redeem_value_edit.setPlaceholderText(tr("PointsRulesBox", "元"))
        self.min_points_spin = _spin(self, 1, 1_000_000, tr("PointsRulesBox", " 分"))
        self.expiry_spin = _spin(self, 0, MAX_EXPIRY_MONTHS, tr("PointsRulesBox", " 个月"))
        self.expiry_spin.setSpecialValueText(tr("PointsRulesBox", "永久有效"))
        self.valid_days_spin = _spin(self, 1, 366, tr("PointsRulesBox", " 天"))
        self.basis_combo = QComboBox(self)
        for basis in TierBasis:
            self.basis_combo.addItem(basis.label, basis.value)
        self.threshold_edits = [QLineEdit(self) for _ in range(3)]
        self.name_edits = [QLineEdit(self) for _ in VipTier]
        errors = {
            key: _error(self)
            for key in (
                "per_yuan", "referral_points", "redeem_points", "redeem_fen", "min_points", "expiry_months",
                "voucher_valid_days", "thresholds", "names",
            )
        }  # fmt: skip
        self.status_label = QLabel(self)
        self.save_button = QPushButton(tr("PointsRulesBox", "保存积分规则(&P)"), self)
        self.save_button.setObjectName("save_button")
        hint = QLabel(
            tr(
                "PointsRulesBox",
                "付费服务按金额送积分；积分可在客户页兑换成优惠券。会员等级按近 12 个月的消费（或获得的积分）"
                "自动评定，店主也可以在客户资料里另行设定。",
            ),
            self,
        )
        hint.setWordWrap(True)
        rate = QHBoxLayout()
        rate.addWidget(self.redeem_points_spin)
        rate.addWidget(QLabel(tr("PointsRulesBox", "兑换 ¥"), self))
        rate.addWidget(self.redeem_value_edit)
        thresholds = QHBoxLayout()
        for edit in self.threshold_edits:
            thresholds.addWidget(edit)
        names = QHBoxLayout()
        for edit in self.name_edits:
            edit.setMaxLength(6)
            names.addWidget(edit)
        form = QFormLayout(self)
        form.addRow(hint)
        rows: list[tuple[str, QWidget | QHBoxLayout | None, str]] = [
            (tr("PointsRulesBox", "每消费 ¥1 得"), self.per_yuan_spin, "per_yuan"),
            (tr("PointsRulesBox", "推荐一位新客户得"), self.referral_spin, "referral_points"),
            (tr("PointsRulesBox", "兑换比例"), rate, "redeem_points"),
            ("", None, "redeem_fen"),
            (tr("PointsRulesBox", "每次至少兑换"), self.min_points_spin, "min_points"),
            (tr("PointsRulesBox", "积分有效期"), self.expiry_spin, "expiry_months"),
            (tr("PointsRulesBox", "兑换券有效期"), self.valid_days_spin, "voucher_valid_days"),
            (tr("PointsRulesBox", "等级依据"), self.basis_combo, ""),
            (tr("PointsRulesBox", "银卡 / 金卡 / VIP 门槛"), thresholds, "thresholds"),
            (tr("PointsRulesBox", "等级名称"), names, "names"),
        ]
        for label, field, key in rows:
            if isinstance(field, QHBoxLayout):
                form.addRow(label, field)
            elif field is not None:
                form.addRow(label, field)
            if key:
                form.addRow("", errors[key])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        focus: dict[str, QWidget] = {
            "per_yuan": self.per_yuan_spin,
            "referral_points": self.referral_spin,
            "redeem_points": self.redeem_points_spin,
            "redeem_fen": self.redeem_value_edit,
            "min_points": self.min_points_spin,
            "expiry_months": self.expiry_spin,
            "voucher_valid_days": self.valid_days_spin,
            "thresholds": self.threshold_edits[0],
            "names": self.name_edits[0],
        }
        self.errors = FieldErrors({key: (errors[key], focus[key]) for key in errors})
        self.basis_combo.currentIndexChanged.connect(self._update_threshold_hints)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.load()

    def load(self) -> None:
        rule, tiers = self._services.points.rule(), self._services.points.tier_rule()
        self.per_yuan_spin.setValue(rule.per_yuan)
        self.referral_spin.setValue(rule.referral_points)
        self.redeem_points_spin.setValue(rule.redeem_points)
        self.redeem_value_edit.setText(_yuan(rule.redeem_fen))
        self.min_points_spin.setValue(rule.min_points)
        self.expiry_spin.setValue(rule.expiry_months)
        self.valid_days_spin.setValue(rule.voucher_valid_days)
        self.basis_combo.setCurrentIndex(max(0, self.basis_combo.findData(tiers.basis.value)))
        for edit, value in zip(self.threshold_edits, tiers.thresholds, strict=True):
            edit.setText(_yuan(value) if tiers.basis is TierBasis.SPEND else str(value))
        for edit, name in zip(self.name_edits, tiers.names, strict=True):
            edit.setText(name)
        self._update_threshold_hints()
        self.errors.clear()

    def _basis(self) -> TierBasis:
        return TierBasis(self.basis_combo.currentData())

    def _update_threshold_hints(self) -> None:
        hint = (
            tr("PointsRulesBox", "元") if self._basis() is TierBasis.SPEND else tr("PointsRulesBox", "积分")
        )
        for edit in self.threshold_edits:
            edit.setPlaceholderText(hint)

    def rules(self) -> tuple[PointsRule, TierRule]:
        """What the form says; ``ValidationError`` for amounts that cannot be read."""
        errors: dict[str, str] = {}
        redeem_fen = 0
        try:
            redeem_fen = parse_yuan(self.redeem_value_edit.text())
        except ValueError as exc:
            errors["redeem_fen"] = str(exc)
        basis = self._basis()
        thresholds: list[int] = []
        for edit in self.threshold_edits:
            text = edit.text().strip().replace(",", "")
            try:
                thresholds.append(parse_yuan(text) if basis is TierBasis.SPEND else int(text))
            except ValueError:
                errors["thresholds"] = tr("PointsRulesBox", "门槛请填数字，例如 2000")
        if errors:
            raise ValidationError(errors)
        rule = PointsRule(
            per_yuan=self.per_yuan_spin.value(),
            referral_points=self.referral_spin.value(),
            redeem_points=self.redeem_points_spin.value(),
            redeem_fen=redeem_fen,
            min_points=self.min_points_spin.value(),
            expiry_months=self.expiry_spin.value(),
            voucher_valid_days=self.valid_days_spin.value(),
        )
        names = tuple(edit.text() for edit in self.name_edits)
        return rule, TierRule(basis, tuple(thresholds), names)  # type: ignore[arg-type]

    def _on_save_button_clicked(self) -> None:
        try:
            rule, tiers = self.rules()  # a typing mistake is shown before anyone is asked for a password
        except ValidationError as exc:
            self.errors.show(exc)
            return
        auth = ask_authorization(self, self._services, Role.OWNER, tr("PointsRulesBox", "修改积分规则"))
        if auth is None:
            return
        if self.errors.attempt(self, lambda: self._services.points.save_rules(rule, tiers, auth)):
            self.load()
            self.status_label.setText(tr("PointsRulesBox", "已保存"))
            self.rules_changed.emit()
