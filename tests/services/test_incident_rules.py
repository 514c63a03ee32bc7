"""The owner's rules for complaints (deadlines, compensation limits, root causes) through the services."""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.errors import PermissionDenied, ValidationError
from jiazheng_desktop.domain.staff import Role


@pytest.fixture
def clerk(services, owner_auth) -> int:
    """A 客服 at the desk (the fixture's owner stays available to approve)."""
    clerk = services.staff.create("周晓燕", Role.CUSTOMER_SERVICE, "clerk-pw", owner_auth)
    services.staff.create("陈志强", Role.REGIONAL_MANAGER, "manager-pw", owner_auth)
    services.staff.set_on_duty(clerk)
    return clerk


def test_rules_are_checked_together_and_need_the_owner(services, owner_auth, clerk) -> None:
    from dataclasses import replace

    from jiazheng_desktop.domain.deadlines import DeadlinePolicy

    rules = services.incident_rules.rules()
    assert rules.customer_service_limit_fen == 10000 and rules.manager_limit_fen == 50000
    assert rules.policy == DeadlinePolicy() and "技能不足" in rules.root_causes
    bad = replace(
        rules, policy=DeadlinePolicy(first_response_hours=0), manager_limit_fen=100, root_causes=[" "]
    )
    with pytest.raises(ValidationError) as info:
        services.incident_rules.save_rules(bad, owner_auth)
    assert {"first_response_hours", "manager_limit", "root_causes"} <= set(info.value.fields)
    good = replace(rules, policy=DeadlinePolicy(first_response_hours=12), root_causes=["技能不足", "新原因"])
    with pytest.raises(PermissionDenied):
        services.incident_rules.save_rules(good, None)
    services.incident_rules.save_rules(good, owner_auth)
    assert services.incident_rules.policy().first_response_hours == 12
    assert services.incident_rules.root_causes() == ["技能不足", "新原因"]


def test_the_escalation_period_is_stored_and_old_settings_keep_the_default(services, owner_auth) -> None:
    from dataclasses import replace

    from jiazheng_desktop.services.incident_rules import POLICY_KEY

    old = {"first_response_hours": 12, "resolution_hours": 36, "warning_fraction": 0.5, "callback_days": 2}
    services.settings.put(POLICY_KEY, old)  # saved before the period existed
    assert services.incident_rules.policy().escalation_period_hours == 24
    rules = services.incident_rules.rules()
    with pytest.raises(ValidationError) as info:
        services.incident_rules.check_rules(
            replace(rules, policy=replace(rules.policy, escalation_period_hours=0))
        )
    assert (
        set(info.value.fields) == {"escalation_period_hours"}
        and "小时" in info.value.fields["escalation_period_hours"]
    )
    services.incident_rules.save_rules(
        replace(rules, policy=replace(rules.policy, escalation_period_hours=12)), owner_auth
    )
    assert services.incident_rules.policy() == replace(rules.policy, escalation_period_hours=12)
