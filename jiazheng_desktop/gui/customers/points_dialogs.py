"""The points dialogs of the profile: 兑换优惠券 (points → a voucher, its value shown as typed),
调整积分 (with a reason, a 区域经理's password) and the owner's 设定会员等级."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.customers import VipTier
from ...domain.errors import ValidationError
from ...domain.points import MAX_ADJUST, check_adjustment, check_override, check_redemption, redemption_value
from ...domain.points import yuan_text as points_yuan
from ...services import Services
from ...services.points import ADJUST_ROLE, OVERRIDE_ROLE
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(theme.ERROR_STYLE)
    label.setWordWrap(True)
    return label


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("PointsDialogs", "取消"))
    box.rejected.connect(dialog.reject)
    return box


class RedeemPointsDialog(QDialog):
    """How many points → the voucher they buy, shown live; after OK, ``voucher_id`` holds the new voucher."""

    def __init__(self, services: Services, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("PointsDialogs", "积分兑换优惠券"))
        self._services = services
        self._customer_id = customer_id
        self.voucher_id: int | None = None
        summary = services.points.summary(customer_id)
        self._balance = summary.balance
        self._rule = summary.rule
        rule = self._rule
        self.points_spin = QSpinBox(self)
        self.points_spin.setObjectName("points_spin")
        self.points_spin.setRange(0, max(self._balance, rule.min_points))
        self.points_spin.setSingleStep(rule.redeem_points)
        self.points_spin.setSuffix(tr("PointsDialogs", " 分"))
        usable = (self._balance // rule.redeem_points) * rule.redeem_points
        self.points_spin.setValue(usable if usable >= rule.min_points else rule.min_points)
        self.value_label = QLabel(self)
        self.value_label.setObjectName("value_label")
        self.points_error = _error_label(self)
        hint = QLabel(
            tr(
                "PointsDialogs", "现有 {balance} 分；{rate}，每次至少 {minimum} 分。券有效 {days} 天。"
            ).format(
                balance=self._balance,
                rate=summary.rate_text,
                minimum=rule.min_points,
                days=rule.voucher_valid_days,
            ),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(hint)
        form.addRow(tr("PointsDialogs", "兑换积分"), self.points_spin)
        form.addRow("", self.points_error)
        form.addRow(tr("PointsDialogs", "可得优惠券"), self.value_label)
        self.buttons = _buttons(self, tr("PointsDialogs", "兑换(&R)"))
        self.buttons.accepted.connect(self._on_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors({"points": (self.points_error, self.points_spin)})
        self.points_spin.valueChanged.connect(self._update_value)
        self._update_value()

    def _update_value(self) -> None:
        """The voucher's value as the points are typed, and why it cannot be made yet."""
        points = self.points_spin.value()
        try:
            value = check_redemption(points, self._balance, self._rule)
        except ValidationError as exc:
            self.value_label.setText(points_yuan(redemption_value(points, self._rule)))
            self.errors.show(exc)
            self.points_spin.setFocus()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.errors.clear()
        self.value_label.setText(tr("PointsDialogs", "{value} 优惠券一张").format(value=points_yuan(value)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _on_accepted(self) -> None:
        points = self.points_spin.value()

        def redeem() -> None:
            self.voucher_id = self._services.points.redeem(self._customer_id, points)

        if self.errors.attempt(self, redeem):
            self.accept()


class AdjustPointsDialog(QDialog):
    """Add or take away points by hand: a signed number, a reason, then a 区域经理's password."""

    def __init__(self, services: Services, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("PointsDialogs", "调整积分"))
        self._services = services
        self._customer_id = customer_id
        self._balance = services.points.summary(customer_id).balance
        self.points_spin = QSpinBox(self)
        self.points_spin.setObjectName("points_spin")
        self.points_spin.setRange(-MAX_ADJUST, MAX_ADJUST)
        self.points_spin.setSuffix(tr("PointsDialogs", " 分"))
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setPlaceholderText(tr("PointsDialogs", "必填，例如：补录 11 月 3 日的服务"))
        self.points_error = _error_label(self)
        self.reason_error = _error_label(self)
        hint = QLabel(
            tr(
                "PointsDialogs", "现有 {balance} 分。增加填正数，减少填负数；需要区域经理或以上确认密码。"
            ).format(balance=self._balance),
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(hint)
        form.addRow(tr("PointsDialogs", "增减积分"), self.points_spin)
        form.addRow("", self.points_error)
        form.addRow(tr("PointsDialogs", "原因"), self.reason_edit)
        form.addRow("", self.reason_error)
        self.buttons = _buttons(self, tr("PointsDialogs", "调整(&A)"))
        self.buttons.accepted.connect(self._on_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            {"points": (self.points_error, self.points_spin), "reason": (self.reason_error, self.reason_edit)}
        )

    def _on_accepted(self) -> None:
        points, reason = self.points_spin.value(), self.reason_edit.text()
        try:  # what is typed is checked before anyone is asked for a password
            check_adjustment(points, reason, self._balance)
        except ValidationError as exc:
            self.errors.show(exc)
            return
        auth = ask_authorization(self, self._services, ADJUST_ROLE, tr("PointsDialogs", "调整积分"))
        if auth is None:
            return
        if self.errors.attempt(
            self, lambda: self._services.points.adjust(self._customer_id, points, reason, auth)
        ):
            self.accept()


AUTOMATIC = -1
"""The tier choice that means "按规则" (no override)."""


class TierOverrideDialog(QDialog):
    """The owner sets the tier by hand (or back to 按规则), with a reason and the owner's password."""

    def __init__(self, services: Services, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("PointsDialogs", "设定会员等级"))
        self._services = services
        self._customer_id = customer_id
        view = services.points.tier_view(customer_id)
        rule = services.points.tier_rule()
        self.tier_combo = QComboBox(self)
        self.tier_combo.setObjectName("tier_combo")
        self.tier_combo.addItem(
            tr("PointsDialogs", "按规则（现为{name}）").format(name=rule.name(view.derived)), AUTOMATIC
        )
        for tier in VipTier:
            self.tier_combo.addItem(rule.name(tier), tier.value)
        current = AUTOMATIC if view.override is None else view.override.value
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(current)))
        self.reason_edit = QLineEdit(view.override_reason, self)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setPlaceholderText(tr("PointsDialogs", "必填，例如：合作多年的老客户"))
        self.tier_error = _error_label(self)
        self.reason_error = _error_label(self)
        hint = QLabel(view.reason, self)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(hint)
        form.addRow(tr("PointsDialogs", "会员等级"), self.tier_combo)
        form.addRow("", self.tier_error)
        form.addRow(tr("PointsDialogs", "原因"), self.reason_edit)
        form.addRow("", self.reason_error)
        self.buttons = _buttons(self, tr("PointsDialogs", "保存(&S)"))
        self.buttons.accepted.connect(self._on_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(
            {"tier": (self.tier_error, self.tier_combo), "reason": (self.reason_error, self.reason_edit)}
        )

    def chosen_tier(self) -> int | None:
        data = self.tier_combo.currentData()
        return None if data == AUTOMATIC else int(data)

    def _on_accepted(self) -> None:
        tier, reason = self.chosen_tier(), self.reason_edit.text()
        try:
            check_override(tier, reason)
        except ValidationError as exc:
            self.errors.show(exc)
            return
        auth = ask_authorization(self, self._services, OVERRIDE_ROLE, tr("PointsDialogs", "设定会员等级"))
        if auth is None:
            return
        if self.errors.attempt(
            self, lambda: self._services.points.set_tier_override(self._customer_id, tier, reason, auth)
        ):
            self.accept()
