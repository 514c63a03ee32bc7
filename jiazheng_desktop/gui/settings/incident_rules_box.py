"""The owner's rules for complaints: deadlines, compensation limits, root causes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QWidget

from ...domain.deadlines import DeadlinePolicy
from ...domain.errors import ValidationError
from ...domain.money import format_fen, parse_yuan
from ...domain.staff import Role
from ...services import Services
from ...services.incident_rules import IncidentRules
from ..common.field_errors import FieldErrors
from ..common.i18n import tr
from ..common.password_dialog import ask_authorization
from ..forms.ui_incident_rules_box import Ui_IncidentRulesBox


class IncidentRulesBox(QGroupBox):
    rules_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IncidentRulesBox()
        self.ui.setupUi(self)
        self._services = services
        ui = self.ui
        self.errors = FieldErrors(
            {
                "first_response_hours": (ui.first_response_hours_error, ui.first_response_spin),
                "resolution_hours": (ui.resolution_hours_error, ui.resolution_spin),
                "escalation_period_hours": (ui.escalation_period_hours_error, ui.escalation_period_spin),
                "warning_fraction": (ui.warning_fraction_error, ui.warning_spin),
                "callback_days": (ui.callback_days_error, ui.callback_days_spin),
                "customer_service_limit": (ui.customer_service_limit_error, ui.cs_limit_edit),
                "manager_limit": (ui.manager_limit_error, ui.manager_limit_edit),
                "root_causes": (ui.root_causes_error, ui.root_causes_edit),
            }
        )
        ui.save_rules_button.clicked.connect(self._on_save_rules_button_clicked)
        self.load()

    def load(self) -> None:
        """Show the rules as stored."""
        rules = self._services.incident_rules.rules()
        ui = self.ui
        ui.first_response_spin.setValue(rules.policy.first_response_hours)
        ui.resolution_spin.setValue(rules.policy.resolution_hours)
        ui.escalation_period_spin.setValue(rules.policy.escalation_period_hours)
        ui.warning_spin.setValue(round(rules.policy.warning_fraction * 100))
        ui.callback_days_spin.setValue(rules.policy.callback_days)
        ui.cs_limit_edit.setText(format_fen(rules.customer_service_limit_fen).lstrip("¥"))
        ui.manager_limit_edit.setText(format_fen(rules.manager_limit_fen).lstrip("¥"))
        ui.root_causes_edit.setPlainText("\n".join(rules.root_causes))
        self.errors.clear()

    def rules_in_form(self) -> IncidentRules:
        """The rules as typed; amounts that do not parse raise ``ValidationError`` for their field."""
        ui = self.ui
        errors: dict[str, str] = {}
        limits: dict[str, int] = {}
        for key, edit in (
            ("customer_service_limit", ui.cs_limit_edit),
            ("manager_limit", ui.manager_limit_edit),
        ):
            try:
                limits[key] = parse_yuan(edit.text())
            except ValueError as exc:
                errors[key] = str(exc)
        if errors:
            raise ValidationError(errors)
        policy = DeadlinePolicy(
            first_response_hours=ui.first_response_spin.value(),
            resolution_hours=ui.resolution_spin.value(),
            warning_fraction=ui.warning_spin.value() / 100,
            callback_days=ui.callback_days_spin.value(),
            escalation_period_hours=ui.escalation_period_spin.value(),
        )
        causes = [line for line in ui.root_causes_edit.toPlainText().splitlines() if line.strip()]
        return IncidentRules(policy, limits["customer_service_limit"], limits["manager_limit"], causes)

    def _on_save_rules_button_clicked(self) -> None:
        try:
            rules = self.rules_in_form()
            self._services.incident_rules.check_rules(rules)  # typing mistakes before the password
        except ValidationError as exc:
            self.errors.show(exc)
            return
        auth = ask_authorization(self, self._services, Role.OWNER, tr("IncidentRulesBox", "修改投诉处理规则"))
        if auth is None:
            return  # cancelled: the form keeps what was typed
        if self.errors.attempt(self, lambda: self._services.incident_rules.save_rules(rules, auth)):
            self.load()
            self.ui.rules_status_label.setText(tr("IncidentRulesBox", "已保存"))
            self.rules_changed.emit()
