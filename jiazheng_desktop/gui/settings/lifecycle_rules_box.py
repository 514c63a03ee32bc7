"""The owner's thresholds for the customer's lifecycle (客户关怀): when a customer is 新客, 成熟, at risk, lost."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.lifecycle import LifecycleRules
from ...domain.staff import Role
from ...services import Services
from ..common import theme
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization

_FIELDS = (
    ("new_days", "新客：第一次服务后", " 天内"),
    ("mature_visits", "成熟期：近 12 个月服务", " 次及以上"),
    ("mature_contract_days", "或合同已执行", " 天及以上"),
    ("at_risk_days", "流失风险：只服务过一次的，过了", " 天"),
    ("lost_days", "已流失：没有服务超过", " 天"),
)


class LifecycleRulesBox(QGroupBox):
    """A small form: the thresholds of ``domain.lifecycle`` and a save button (the owner's password)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("LifecycleRulesBox", "客户关怀（客户阶段与流失风险）"), parent)
        self.setObjectName("lifecycle_rules_box")
        self._services = services
        form = QFormLayout(self)
        hint = QLabel(
            tr(
                "LifecycleRulesBox",
                "客户的阶段、流失风险和价值由服务记录、合同、投诉和回访自动算出，这里只定门槛。"
                "“平时间隔”是客户自己近一年两次服务之间的中位天数。",
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.MUTED_STYLE)
        form.addRow(hint)
        self.spins: dict[str, QSpinBox] = {}
        errors: dict[str, tuple[QLabel, QWidget]] = {}
        for name, label, suffix in _FIELDS:
            spin = QSpinBox(self)
            spin.setObjectName(f"{name}_spin")
            spin.setRange(1, 3650)
            spin.setSuffix(tr("LifecycleRulesBox", suffix))
            self.spins[name] = spin
            error = QLabel(self)
            error.setStyleSheet(theme.ERROR_STYLE)
            error.setWordWrap(True)
            form.addRow(tr("LifecycleRulesBox", label), spin)
            form.addRow("", error)
            errors[name] = (error, spin)
            if name == "mature_contract_days":
                self.ratio_spin = QDoubleSpinBox(self)
                self.ratio_spin.setObjectName("at_risk_ratio_spin")
                self.ratio_spin.setRange(1.1, 10.0)
                self.ratio_spin.setSingleStep(0.5)
                self.ratio_spin.setDecimals(1)
                self.ratio_spin.setSuffix(tr("LifecycleRulesBox", " 倍"))
                ratio_error = QLabel(self)
                ratio_error.setStyleSheet(theme.ERROR_STYLE)
                form.addRow(tr("LifecycleRulesBox", "流失风险：没来的天数达到平时间隔的"), self.ratio_spin)
                form.addRow("", ratio_error)
                errors["at_risk_ratio"] = (ratio_error, self.ratio_spin)
        self.status_label = QLabel(self)
        self.save_button = QPushButton(tr("LifecycleRulesBox", "保存客户关怀规则"), self)
        self.save_button.setObjectName("save_lifecycle_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.errors = FieldErrors(errors)
        self.save_button.clicked.connect(self._save)
        self.load()

    def load(self) -> None:
        rules = self._services.lifecycle.rules()
        for name, spin in self.spins.items():
            spin.setValue(getattr(rules, name))
        self.ratio_spin.setValue(rules.at_risk_ratio)
        self.errors.clear()

    def typed(self) -> LifecycleRules:
        values = {name: spin.value() for name, spin in self.spins.items()}
        return LifecycleRules(at_risk_ratio=round(self.ratio_spin.value(), 1), **values)

    def _save(self) -> None:
        rules = self.typed()
        self.status_label.clear()
        if not self.errors.attempt(self, rules.validated):  # a mistake is shown before the password
            return
        auth = ask_authorization(
            self, self._services, Role.OWNER, tr("LifecycleRulesBox", "修改客户关怀规则")
        )
        if auth is None:
            return
        if self.errors.attempt(self, lambda: self._services.lifecycle.save_rules(rules, auth)):
            self.load()
            self.status_label.setText(tr("LifecycleRulesBox", "已保存"))
