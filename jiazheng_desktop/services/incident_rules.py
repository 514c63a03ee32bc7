"""The owner's rules for complaints: deadlines, compensation limits and root causes.

Kept in settings rows and the root-cause table. One ``IncidentRulesService`` is shared by whoever
needs the rules: the incidents themselves, vouchers (limits), reminders, lists, the workbench and
the monthly report (deadlines).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..domain.deadlines import DeadlinePolicy
from ..domain.errors import ValidationError
from ..domain.incidents import DEFAULT_LIMITS, Status, Step
from ..domain.money import format_fen
from ..domain.staff import Role
from ..storage.models import Incident, IncidentStep, RootCause
from .context import Authorization, ServiceContext
from .settings import SettingsService

POLICY_KEY = "incidents.policy"
LIMITS_KEY = "incidents.limits"


@dataclass
class IncidentRules:
    """Deadlines, compensation limits (fen) and the root-cause list, as the owner sets them."""

    policy: DeadlinePolicy
    customer_service_limit_fen: int
    manager_limit_fen: int
    root_causes: list[str]


class IncidentRulesService:
    """Reading and changing the rules."""

    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._ctx = context
        self._settings = settings

    def policy(self) -> DeadlinePolicy:
        """Deadlines as set by the owner (defaults: 24 h, 48 h, warn at 75 %, callback on day 3)."""
        stored = self._settings.get_value(POLICY_KEY, None)
        return DeadlinePolicy(**stored) if stored else DeadlinePolicy()

    def limits(self) -> dict[Role, int]:
        """How much compensation (fen) each role may approve alone; the owner has no limit."""
        stored = self._settings.get_value(LIMITS_KEY, None)
        if not stored:
            return dict(DEFAULT_LIMITS)
        return {Role(int(k)): int(v) for k, v in stored.items()}

    def root_causes(self) -> list[str]:
        """The editable list of root causes, in the order staff see them."""
        query = RootCause.select().where(RootCause.active == True).order_by(RootCause.position, RootCause.id)  # noqa: E712
        return [r.name for r in query]

    def rules(self) -> IncidentRules:
        """Everything the owner sets for complaint handling."""
        limits = self.limits()
        return IncidentRules(
            self.policy(), limits[Role.CUSTOMER_SERVICE], limits[Role.REGIONAL_MANAGER], self.root_causes()
        )

    def check_rules(self, rules: IncidentRules) -> list[str]:
        """Check rules before saving (and before anyone is asked for a password); the cleaned causes."""
        errors: dict[str, str] = {}
        try:
            rules.policy.validate()
        except ValidationError as exc:
            errors.update(exc.fields)
        if rules.customer_service_limit_fen < 0:
            errors["customer_service_limit"] = "限额不能为负数"
        if rules.manager_limit_fen < rules.customer_service_limit_fen:
            errors["manager_limit"] = "区域经理的限额不能低于客服的限额"
        causes: list[str] = []
        for name in (n.strip() for n in rules.root_causes):
            if len(name) > 20:
                errors["root_causes"] = f"“{name}”太长了，每项最多 20 个字"
            elif name and name not in causes:
                causes.append(name)
        if not causes and "root_causes" not in errors:
            errors["root_causes"] = "至少保留一项根本原因"
        if errors:
            raise ValidationError(errors)
        return causes

    def save_rules(self, rules: IncidentRules, auth: Authorization | None) -> None:
        """Change deadlines, compensation limits and root causes together (the owner only).

        Everything is checked first; then one transaction and one audit row.
        """
        causes = self.check_rules(rules)
        with self._ctx.change("修改投诉处理规则", "setting") as entry:
            self._ctx.require(auth, Role.OWNER, "修改投诉处理规则")
            assert auth is not None
            before = self.rules()
            self._settings.put(POLICY_KEY, asdict(rules.policy))
            self._settings.put(
                LIMITS_KEY,
                {
                    str(int(Role.CUSTOMER_SERVICE)): rules.customer_service_limit_fen,
                    str(int(Role.REGIONAL_MANAGER)): rules.manager_limit_fen,
                },
            )
            RootCause.update(active=False).execute()
            for position, name in enumerate(causes):
                existing = RootCause.get_or_none(RootCause.name == name)
                if existing is None:
                    RootCause.create(name=name, position=position, active=True)
                else:
                    RootCause.update(position=position, active=True).where(
                        RootCause.id == existing.id
                    ).execute()
            entry.detail = {
                "期限": f"{asdict(before.policy)} → {asdict(rules.policy)}",
                "补偿限额": f"客服 {format_fen(rules.customer_service_limit_fen)}，"
                f"区域经理 {format_fen(rules.manager_limit_fen)}",
                "根本原因": "、".join(causes),
            }
            entry.authorized_by(auth)
            if before.policy != rules.policy:  # deadlines and callback days moved with the policy
                for incident in Incident.select(Incident.id).where(Incident.status != Status.CLOSED.value):
                    self._ctx.sync_reminders("incident", int(incident.id))

    def root_causes_for(self, incident_id: int) -> list[str]:
        """The causes the incident's 识别 step may name: the list, and the one it already names."""
        causes = self.root_causes()
        step = IncidentStep.get_or_none(
            IncidentStep.incident == incident_id, IncidentStep.step == Step.IDENTIFY
        )
        if step is not None:  # a correction may keep a cause since removed from the list
            old = json.loads(step.data).get("root_cause")
            if old and old not in causes:
                causes.append(old)
        return causes
