"""Script templates through the service: seeding, saving, filling in for an incident."""

from __future__ import annotations

import pytest

from jiazheng_desktop.domain.errors import ValidationError
from jiazheng_desktop.domain.incidents import Category, RemedyDraft, RemedyKind, Step
from jiazheng_desktop.domain.privacy import DEFAULT_WORDINGS, Purpose
from jiazheng_desktop.domain.template_defaults import CONSENT_TEMPLATES, VIP_RETENTION_TEMPLATE
from jiazheng_desktop.domain.templates import Channel, Scenario
from jiazheng_desktop.services.incidents import IncidentDraft
from jiazheng_desktop.services.scripts import CONSENT_FALLBACK_TITLE, TemplateDraft
from jiazheng_desktop.services.settings import CONSENT_SCRIPTS_SEEDED_KEY, RETENTION_SCRIPTS_SEEDED_KEY
from jiazheng_desktop.storage.models import ScriptTemplate
from tests.conftest import grants, make_draft


def test_defaults_are_seeded_once(services) -> None:
    added = services.scripts.ensure_seeded()
    assert added > 20 and ScriptTemplate.select().count() == added
    for template in services.scripts.list():
        services.scripts.delete(template.id)
    assert services.scripts.ensure_seeded() == 0  # deleted on purpose: not brought back
    assert services.scripts.list() == []


def test_unknown_placeholder_is_refused_when_saved(services) -> None:
    with pytest.raises(ValidationError) as info:
        services.scripts.save(
            None, TemplateDraft(Scenario.FIRST_INQUIRY.value, Channel.PHONE.value, "问候", "{尊称}您好")
        )
    assert "尊称" in info.value.fields["body"]
    template_id = services.scripts.save(
        None,
        TemplateDraft(Scenario.FIRST_INQUIRY.value, Channel.PHONE.value, "问候", "{称呼}您好，我是{客服}"),
    )
    assert services.scripts.get(template_id).body == "{称呼}您好，我是{客服}"


def test_incident_script_follows_the_step_and_shows_gaps(services, clock) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(
        make_draft(household_notes="家里有珍藏青花瓷"), grants(services, Purpose.HOUSEHOLD_NOTES)
    )
    incident = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.DAMAGE.value, severity=2, customer_said="花瓶被碰倒了"
        )
    )
    assert services.scripts.scenario_for_incident(incident) == Scenario.IDENTIFY
    script = services.scripts.script_for_incident(incident)
    assert script is not None and script.scenario == Scenario.IDENTIFY
    assert "{" not in script.text
    values = services.scripts.values_for_incident(incident)
    assert (
        values["称呼"] == "王先生"
        and values["事件编号"] == "SJ-2026-0001"
        and values["问题"] == "您说的“花瓶被碰倒了”"  # the customer's words, quoted as theirs
    )
    for step, data in (
        (Step.IDENTIFY, {"what_happened": "碰倒花瓶", "root_cause": "技能不足"}),
        (Step.LISTEN, {"customer_account": "花瓶被碰倒了", "customer_needs": "赔偿"}),
        (Step.EMPATHIZE, {"apology": "非常抱歉"}),
    ):
        services.incidents.complete_step(incident, step, data)
    services.incidents.complete_step(
        incident, Step.ACT, {"action_plan": "赔偿"}, [RemedyDraft(RemedyKind.REFUND.value, "80")]
    )
    assert services.scripts.scenario_for_incident(incident) == Scenario.CALLBACK
    compensation = services.scripts.script_for_incident(incident, Scenario.COMPENSATION, Channel.SMS)
    assert compensation is not None and compensation.channel == Channel.SMS
    assert "¥80.00" in compensation.text
    assert all(f"【待补：{name}】" in compensation.text for name in compensation.missing)


def test_customer_values_name_the_active_contract(services) -> None:
    from datetime import date

    from jiazheng_desktop.domain.contracts import ContractDraft

    customer = services.customers.create(make_draft())
    assert "套餐" not in services.scripts.values_for_customer(customer)
    old = services.contracts.create(
        ContractDraft(customer, "保洁套餐", date(2026, 1, 1), date(2026, 12, 10), "3600")
    )
    values = services.scripts.values_for_customer(customer)
    assert values["套餐"] == "保洁套餐" and values["合同到期日"] == "2026年12月10日"
    services.contracts.renew(
        old, ContractDraft(customer, "月嫂", date(2026, 12, 11), date(2027, 3, 5), "12000")
    )
    values = services.scripts.values_for_customer(customer)  # the renewed one is no longer 进行中
    assert values["套餐"] == "月嫂" and values["合同到期日"] == "2027年3月5日"
    services.scripts.ensure_seeded()
    script = services.scripts.script_for_customer(customer, Scenario.RENEWAL)
    assert script is not None and "2027年3月5日" in script.text and "{" not in script.text


# -- the script library ---------------------------------------------------------------------------------


def test_a_library_seeded_before_consent_scripts_gets_them_once(services) -> None:
    services.scripts.ensure_seeded()
    for template in services.scripts.list(Scenario.CONSENT.value):
        services.scripts.delete(template.id)
    services.settings.put(CONSENT_SCRIPTS_SEEDED_KEY, False)  # as a database seeded by the last version
    for template in services.scripts.list(Scenario.RENEWAL.value):
        if template.title == VIP_RETENTION_TEMPLATE.title:
            services.scripts.delete(template.id)
    others = len(services.scripts.list())

    assert services.scripts.ensure_seeded() == len(CONSENT_TEMPLATES) == 2
    library = services.scripts.list()
    assert len(library) == others + 2
    assert [t.scenario for t in library[-2:]] == [Scenario.CONSENT, Scenario.CONSENT]  # at the end
    assert VIP_RETENTION_TEMPLATE.title not in {t.title for t in library}  # marked as seeded with them
    positions = [t.position for t in ScriptTemplate.select().order_by(ScriptTemplate.position)]
    assert len(set(positions)) == len(positions)
    assert services.scripts.ensure_seeded() == 0
    for template in services.scripts.list(Scenario.CONSENT.value):
        services.scripts.delete(template.id)
    assert services.scripts.ensure_seeded() == 0  # deleted on purpose: not brought back


def test_the_consent_script_holds_the_exact_wording_and_its_version(services, owner_auth) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    asked = services.scripts.consent_script(customer, [Purpose.HOUSEHOLD_NOTES])
    assert asked.script.scenario == Scenario.CONSENT and asked.script.missing == ["公司电话"]
    assert DEFAULT_WORDINGS[Purpose.HOUSEHOLD_NOTES] in asked.script.text
    assert "王先生您好" in asked.script.text and "“家庭备注”" in asked.script.text
    assert asked.wordings[Purpose.HOUSEHOLD_NOTES].version == 1

    services.consents.save_wording(
        Purpose.MARKETING, "新版条款：节日时给您发问候和优惠。请问您同意吗？", owner_auth
    )
    everything = services.scripts.consent_script(customer, list(Purpose), Channel.WECHAT)
    assert everything.script.channel == Channel.WECHAT
    assert "2. 营销与节日问候：新版条款：节日时给您发问候和优惠。" in everything.script.text
    assert "1. 回访记录保存：" in everything.script.text and "3. 家庭备注：" in everything.script.text
    assert everything.wordings[Purpose.MARKETING].version == 2


def test_without_a_consent_template_the_wording_itself_is_read(services) -> None:
    customer = services.customers.create(make_draft())
    asked = services.scripts.consent_script(customer, [Purpose.MARKETING])  # library never seeded
    assert asked.script.title == CONSENT_FALLBACK_TITLE
    assert asked.script.text == DEFAULT_WORDINGS[Purpose.MARKETING]


def test_a_consent_template_must_hold_the_wording(services) -> None:
    with pytest.raises(ValidationError) as error:
        services.scripts.save(
            None,
            TemplateDraft(Scenario.CONSENT.value, Channel.PHONE.value, "征求同意", "{称呼}您好，您同意吗？"),
        )
    assert "{同意内容}" in error.value.fields["body"]
    saved = services.scripts.save(
        None, TemplateDraft(Scenario.CONSENT.value, Channel.PHONE.value, "征求同意", "{称呼}您好：{同意内容}")
    )
    assert services.scripts.get(saved).scenario == Scenario.CONSENT


def test_the_festival_greeting_names_the_festival(services, clock) -> None:
    from datetime import datetime

    from jiazheng_desktop.domain.clock import CHINA_TZ
    from jiazheng_desktop.services.reminders import FESTIVALS_KEY

    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft(), grants(services, Purpose.MARKETING))
    for channel in Channel:
        script = services.scripts.script_for_customer(customer, Scenario.FESTIVAL, channel)
        assert script is not None and script.missing == [], channel
        assert "春节" in script.text and "【待补" not in script.text  # 11-23: 春节 is the next ticked one
    clock.set(datetime(2027, 6, 1, 10, 0, tzinfo=CHINA_TZ))
    script = services.scripts.script_for_customer(customer, Scenario.FESTIVAL)
    assert script is not None and "端午节快到了" in script.text
    # The festival a reminder is for wins over the calendar; the festivals ticked in 设置 are the ones meant.
    script = services.scripts.script_for_customer(customer, Scenario.FESTIVAL, festival="mid_autumn")
    assert script is not None and "中秋节快到了" in script.text
    services.settings.put(FESTIVALS_KEY, ["national"])
    assert services.scripts.values_for_customer(customer)["节日"] == "国庆节"


def test_a_library_seeded_before_the_vip_retention_script_gets_it_once(services) -> None:
    services.scripts.ensure_seeded()
    for template in services.scripts.list():
        if template.title == VIP_RETENTION_TEMPLATE.title:
            services.scripts.delete(template.id)
    services.settings.put(RETENTION_SCRIPTS_SEEDED_KEY, False)  # as a database seeded by the last version
    others = len(services.scripts.list())
    assert services.scripts.ensure_seeded() == 1
    library = services.scripts.list()
    assert len(library) == others + 1 and library[-1].title == VIP_RETENTION_TEMPLATE.title
    assert services.scripts.ensure_seeded() == 0


def test_the_retention_script_mentions_the_household_note_or_leaves_the_sentence_out(services) -> None:
    services.scripts.ensure_seeded()
    vip = next(t for t in services.scripts.list() if t.title == VIP_RETENTION_TEMPLATE.title)
    noted = services.customers.create(
        make_draft(name="李秀兰", honorific="女士", household_notes="茶几上有您珍藏的青花瓷"),
        grants(services, Purpose.HOUSEHOLD_NOTES),
    )
    plain = services.customers.create(make_draft(name="赵建国", phone="13912345678"))
    text = services.scripts.fill(vip, services.scripts.values_for_customer(noted)).text
    assert "我们一直留意着您家的情况：茶几上有您珍藏的青花瓷，每次上门都格外用心" in text
    script = services.scripts.fill(vip, services.scripts.values_for_customer(plain))
    assert "留意着您家的情况" not in script.text and "家庭备注句" not in script.missing
    assert script.text.startswith("赵先生您好")


def test_the_script_made_for_the_complaint_and_the_customer_comes_first(services, clock, owner_auth) -> None:
    services.scripts.ensure_seeded()
    customer = services.customers.create(make_draft())
    burst = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.EMERGENCY.value, severity=3, customer_said="水管爆了"
        )
    )
    act = [t.title for t in services.scripts.templates_for_incident(burst, Scenario.ACT)]
    assert act == ["突发情况：水管爆裂先止水", "说清补救：做什么、何时、谁来"]
    script = services.scripts.script_for_incident(burst, Scenario.ACT)
    assert script is not None and script.title == "突发情况：水管爆裂先止水"
    general = services.scripts.templates_for_incident(burst, Scenario.ACT)[1]
    chosen = services.scripts.script_for_incident(burst, Scenario.ACT, template_id=general.id)
    assert chosen is not None and chosen.title == general.title  # staff's pick wins
    gone = services.scripts.script_for_incident(burst, Scenario.ACT, template_id=999_999)
    assert gone is not None and gone.title == "突发情况：水管爆裂先止水"  # deleted meanwhile: the best one
    late = services.incidents.open_incident(
        IncidentDraft(
            customer_id=customer, category=Category.LATE.value, severity=1, customer_said="晚到一小时"
        )
    )
    assert (
        services.scripts.templates_for_incident(late, Scenario.ACT)[0].title == "说清补救：做什么、何时、谁来"
    )

    # A VIP customer's renewal call is the VIP one; everyone else's the general one.
    assert (
        services.scripts.templates_for_customer(customer, Scenario.RENEWAL)[0].title == "合同到期前续约电话"
    )
    services.points.set_tier_override(
        customer, 2, "老客户", owner_auth
    )  # tiers are derived or set by the owner
    script = services.scripts.script_for_customer(customer, Scenario.RENEWAL)
    assert script is not None and script.title == VIP_RETENTION_TEMPLATE.title
