"""Script templates (话术模板): the words staff use, filled in with the customer's details."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from peewee import fn

from ..domain.contracts import ContractStatus
from ..domain.dates import chinese_date
from ..domain.deadlines import Level
from ..domain.errors import NotFoundError, ValidationError
from ..domain.festivals import BY_KEY, DEFAULT_FESTIVALS, festival_in_question
from ..domain.incidents import Status, Step
from ..domain.money import format_fen
from ..domain.privacy import Purpose
from ..domain.templates import (
    ESCALATED,
    VIP,
    Channel,
    Scenario,
    missing_values,
    most_specific_first,
    placeholders_in,
    quote_customer,
    render,
    validate_template,
)
from ..storage.models import Contract, Customer, ScriptTemplate, ServiceRecord, Worker
from .consents import ConsentService, Wording, visible_household_notes
from .context import ServiceContext
from .incidents import IncidentService
from .reminders import FESTIVALS_KEY
from .settings import (
    CONSENT_SCRIPTS_SEEDED_KEY,
    RETENTION_SCRIPTS_SEEDED_KEY,
    SCRIPT_SEED_KEYS,
    SCRIPTS_SEEDED_KEY,
    SURVEY_SCRIPTS_SEEDED_KEY,
    SettingsService,
)

STEP_SCENARIOS = {
    Step.IDENTIFY: Scenario.IDENTIFY,
    Step.LISTEN: Scenario.LISTEN,
    Step.EMPATHIZE: Scenario.EMPATHIZE,
    Step.ACT: Scenario.ACT,
    Step.DEEPEN: Scenario.DEEPEN,
}


@dataclass(frozen=True)
class TemplateRow:
    id: int
    scenario: Scenario
    channel: Channel
    title: str
    body: str


TemplateRows = list[TemplateRow]
"""(Spelled out once here: inside ``ScriptService`` the name ``list`` is its method.)"""


@dataclass
class TemplateDraft:
    scenario: str
    channel: str
    title: str
    body: str


@dataclass(frozen=True)
class RenderedScript:
    """A template filled in; ``missing`` names the gaps shown as 【待补：…】."""

    template_id: int | None
    scenario: Scenario
    channel: Channel
    title: str
    text: str
    missing: list[str]


@dataclass(frozen=True)
class ConsentScript:
    """What to read (or send) when asking consent, and the wording versions it holds.

    Record the answers on ``wordings`` (the words the customer actually heard), not on whatever
    the current version is by the time the answer is saved.
    """

    script: RenderedScript
    wordings: dict[Purpose, Wording] = field(default_factory=dict)


CONSENT_FALLBACK_TITLE = "同意条款（话术库里没有“征求同意”的话术，请照条款原文念）"


def _row(t: ScriptTemplate) -> TemplateRow:
    return TemplateRow(t.id, Scenario(t.scenario), Channel(t.channel), t.title, t.body)


def _date(moment: datetime | None) -> str:
    return chinese_date(moment) if moment else ""


class ScriptService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        incidents: IncidentService,
        consents: ConsentService | None = None,
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._incidents = incidents
        self._consents = consents or ConsentService(context)

    # -- the library -----------------------------------------------------------------------------

    def ensure_seeded(self) -> int:
        """Put the default templates in on first run (once: deleting them later does not bring them back).

        A library seeded before the consent scripts or the VIP retention script existed gets each once,
        at the end of the list. Returns how many templates went in.
        """
        from ..domain.template_defaults import (
            CONSENT_TEMPLATES,
            DEFAULT_TEMPLATES,
            SURVEY_TEMPLATE,
            VIP_RETENTION_TEMPLATE,
            TemplateSeed,
        )

        later: tuple[tuple[str, str, tuple[TemplateSeed, ...]], ...] = (
            (CONSENT_SCRIPTS_SEEDED_KEY, "添加征求同意话术", CONSENT_TEMPLATES),
            (RETENTION_SCRIPTS_SEEDED_KEY, "添加VIP续约挽留话术", (VIP_RETENTION_TEMPLATE,)),
            (SURVEY_SCRIPTS_SEEDED_KEY, "添加满意度回访话术", (SURVEY_TEMPLATE,)),
        )
        if not self._settings.get_value(SCRIPTS_SEEDED_KEY, False):
            actions, seeds = ["初始化话术模板"], DEFAULT_TEMPLATES
        else:
            missing = [(action, s) for key, action, s in later if not self._settings.get_value(key, False)]
            if not missing:
                return 0
            actions = [action for action, _ in missing]
            seeds = tuple(seed for _, group in missing for seed in group)
        with self._ctx.change("、".join(actions), "script_template") as entry:
            now = self._ctx.now()
            last = ScriptTemplate.select(fn.MAX(ScriptTemplate.position)).scalar()
            start = 0 if last is None else last + 1
            for position, seed in enumerate(seeds, start=start):
                ScriptTemplate.create(
                    scenario=seed.scenario.value,
                    channel=seed.channel.value,
                    title=seed.title,
                    body=seed.body,
                    position=position,
                    updated_at=now,
                )
            for key in SCRIPT_SEED_KEYS:
                self._settings.put(key, True)
            entry.by_name = "系统"
            entry.detail = {"模板数": len(seeds)}
        return len(seeds)

    def list(self, scenario: str | None = None, channel: str | None = None) -> list[TemplateRow]:
        """Templates in library order, optionally for one scenario and/or channel."""
        query = ScriptTemplate.select().order_by(ScriptTemplate.position, ScriptTemplate.id)
        if scenario:
            query = query.where(ScriptTemplate.scenario == scenario)
        if channel:
            query = query.where(ScriptTemplate.channel == channel)
        return [_row(t) for t in query]

    def get(self, template_id: int) -> TemplateRow:
        template = ScriptTemplate.get_or_none(ScriptTemplate.id == template_id)
        if template is None:
            raise NotFoundError("找不到这个话术模板，可能已被删除")
        return _row(template)

    def save(self, template_id: int | None, draft: TemplateDraft) -> int:
        """Create or change a template; an unknown placeholder is refused here, not at use."""
        errors: dict[str, str] = {}
        if draft.scenario not in {s.value for s in Scenario}:
            errors["scenario"] = "请选择使用场景"
        if draft.channel not in {c.value for c in Channel}:
            errors["channel"] = "请选择渠道"
        try:
            validate_template(draft.title.strip(), draft.body)
        except ValidationError as exc:
            errors.update(exc.fields)
        if (
            "body" not in errors
            and draft.scenario == Scenario.CONSENT.value
            and "同意内容" not in placeholders_in(draft.body)
        ):
            errors["body"] = (
                "“征求同意”的话术里要有{同意内容}：那里会换成同意条款的原文，这样每位客户听到的都是同一份条款。"
            )
        if errors:
            raise ValidationError(errors)
        now = self._ctx.now()
        with self._ctx.change("修改话术模板" if template_id else "新建话术模板", "script_template") as entry:
            values = {
                "scenario": draft.scenario,
                "channel": draft.channel,
                "title": draft.title.strip(),
                "body": draft.body,
                "updated_at": now,
            }
            if template_id is None:
                last = ScriptTemplate.select(fn.MAX(ScriptTemplate.position)).scalar() or 0
                template_id = int(ScriptTemplate.create(position=last + 1, **values).id)
            else:
                old = self.get(template_id)
                ScriptTemplate.update(**values).where(ScriptTemplate.id == template_id).execute()
                entry.detail = {"原标题": old.title}
            entry.entity_id = template_id
            entry.detail["标题"] = draft.title.strip()
        return template_id

    def delete(self, template_id: int) -> None:
        with self._ctx.change("删除话术模板", "script_template") as entry:
            old = self.get(template_id)
            ScriptTemplate.delete().where(ScriptTemplate.id == template_id).execute()
            entry.entity_id = template_id
            entry.detail = {"标题": old.title, "场景": old.scenario.label, "渠道": old.channel.label}

    # -- filling in --------------------------------------------------------------------------------

    def _common_values(self, festival: str | None = None) -> dict[str, str]:
        agency = self._settings.agency()
        return {
            "公司名称": agency.name,
            "公司电话": agency.phone,
            "客服": self._ctx.on_duty_name,
            "日期": _date(self._ctx.now()),
            "节日": self.festival_name(festival),
        }

    def festival_name(self, festival: str | None = None) -> str:
        """{节日}: festival ``festival`` (a key of ``domain.festivals``, e.g. the one a reminder is for),
        else the soonest festival ticked in 设置 from today on (today's included)."""
        if festival in BY_KEY:
            return BY_KEY[festival].name
        ticked = self._settings.get_value(FESTIVALS_KEY, list(DEFAULT_FESTIVALS))
        found = festival_in_question(tuple(k for k in ticked if k in BY_KEY), self._ctx.now().date())
        return found[0].name if found else ""

    def values_for_customer(self, customer_id: int, festival: str | None = None) -> dict[str, str]:
        """What a customer's scripts can say: name, notes, last visit and who made it, and the contract.

        The contract values (套餐, 合同到期日) come from the customer's 进行中 contract ending last.
        家庭备注 is empty once the customer refused or withdrew that consent. 同意用途 and 同意内容
        ask every purpose (``consent_script`` asks chosen ones). 节日 is ``festival_name(festival)``.
        """
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFoundError("找不到这位客户，可能已被删除")
        values = self._common_values(festival)
        values.update(
            {
                "称呼": customer.address_as,
                "客户姓名": customer.name,
                "家庭备注": visible_household_notes(customer),
                # The same notes, for a sentence said to the customer (left out without notes).
                "家庭备注句": visible_household_notes(customer),
            }
        )
        try:
            values.update(self.consent_values(self._wordings(tuple(Purpose))))
        except NotFoundError:
            pass  # a damaged file without a wording: the consent gaps show, the other scripts still work
        last = (
            ServiceRecord.select()
            .where(ServiceRecord.customer == customer_id)
            .order_by(ServiceRecord.served_at.desc())
            .first()
        )
        if last is not None:
            values["服务类型"] = last.service_type
            values["服务日期"] = _date(last.served_at)
            if last.worker_id is not None:
                values["服务人员"] = Worker.get_by_id(last.worker_id).name
        contract = (
            Contract.select()
            .where((Contract.customer == customer_id) & (Contract.status == ContractStatus.ACTIVE.value))
            .order_by(Contract.end_on.desc(), Contract.id.desc())
            .first()
        )
        if contract is not None:
            values["套餐"] = contract.package
            end = contract.end_on
            # Built by hand, not strftime("%-m"): the Windows C library refuses the "-" flag.
            values["合同到期日"] = chinese_date(end)
        return values

    def values_for_incident(self, incident_id: int) -> dict[str, str]:
        """A customer's values plus the incident's: number, problem, worker, compensation, callback date."""
        view = self._incidents.get(incident_id)
        values = self.values_for_customer(view.customer_id)
        # The customer's words are quoted as theirs; without them, the complaint's category.
        problem = quote_customer(view.customer_said) if view.customer_said.strip() else view.category.label
        values.update({"事件编号": view.number, "问题": problem})
        if view.worker_name:
            values["服务人员"] = view.worker_name
        if view.service_label:
            values["服务类型"] = view.service_label.split(" ", 1)[-1]
        if view.compensation_fen:
            values["金额"] = format_fen(view.compensation_fen)
        voucher = next((r for r in view.remedies if r.voucher_code), None)
        if voucher is not None:
            values["券码"] = voucher.voucher_code
            if voucher.voucher_valid_until is not None:
                until = voucher.voucher_valid_until
                values["有效期"] = chinese_date(until)
        if view.callback_due_at is not None:
            values["回访日期"] = _date(view.callback_due_at)
        empathize = view.steps.get(Step.EMPATHIZE)
        manager = empathize.data.get("manager", "") if empathize is not None else ""
        values["经理"] = manager or (view.owner_name if view.level >= 2 else "")
        return values

    def fill(self, template: TemplateRow, values: dict[str, str]) -> RenderedScript:
        return RenderedScript(
            template.id,
            template.scenario,
            template.channel,
            template.title,
            render(template.body, values),
            missing_values(template.body, values),
        )

    def scenario_for_incident(self, incident_id: int) -> Scenario:
        """The script for the moment: the current ILEAD step, the day-3 callback once resolved."""
        view = self._incidents.get(incident_id)
        if view.status == Status.RESOLVED:
            return Scenario.CALLBACK
        if view.current_step is None:
            return Scenario.DEEPEN
        return STEP_SCENARIOS[view.current_step]

    def _candidates(self, scenario: Scenario, channel: Channel) -> TemplateRows:
        """The scenario's templates for ``channel``; without any, those of every channel."""
        return self.list(scenario.value, channel.value) or self.list(scenario.value)

    def incident_cases(self, incident_id: int) -> set[str]:
        """What an incident's scripts can be made for: its category, escalated, a VIP customer."""
        view = self._incidents.get(incident_id)
        cases = {view.category.value}
        if view.level >= Level.REGIONAL_MANAGER:
            cases.add(ESCALATED)
        return cases | self.customer_cases(view.customer_id)

    @staticmethod
    def customer_cases(customer_id: int) -> set[str]:
        """What a customer's scripts can be made for: a VIP customer (any tier above 普通)."""
        customer = Customer.get_or_none(Customer.id == customer_id)
        return {VIP} if customer is not None and customer.vip_tier else set()

    def templates_for_incident(
        self, incident_id: int, scenario: Scenario | None = None, channel: Channel = Channel.PHONE
    ) -> TemplateRows:
        """The templates staff can choose from for this incident now, the one made for the case first.

        The one made for the complaint's category (水管爆裂等突发 → "突发情况：水管爆裂先止水") comes
        before the general one, which comes before those made for other cases (``most_specific_first``).
        """
        chosen = scenario or self.scenario_for_incident(incident_id)
        cases = self.incident_cases(incident_id)
        return most_specific_first(self._candidates(chosen, channel), lambda t: t.title, cases)

    def templates_for_customer(
        self, customer_id: int, scenario: Scenario, channel: Channel = Channel.PHONE
    ) -> TemplateRows:
        """A customer's templates for ``scenario``, the one made for them first (a VIP's own script)."""
        cases = self.customer_cases(customer_id)
        return most_specific_first(self._candidates(scenario, channel), lambda t: t.title, cases)

    @staticmethod
    def _pick(templates: TemplateRows, template_id: int | None) -> TemplateRow | None:
        """The template staff chose (if it is still among them), else the first."""
        chosen = next((t for t in templates if t.id == template_id), None)
        return chosen or (templates[0] if templates else None)

    def script_for_incident(
        self,
        incident_id: int,
        scenario: Scenario | None = None,
        channel: Channel = Channel.PHONE,
        template_id: int | None = None,
    ) -> RenderedScript | None:
        """The right script for this incident now, filled in (None if the library has none).

        ``template_id``: the one staff picked from ``templates_for_incident``; else the most specific.
        """
        template = self._pick(self.templates_for_incident(incident_id, scenario, channel), template_id)
        return self.fill(template, self.values_for_incident(incident_id)) if template else None

    def script_for_customer(
        self,
        customer_id: int,
        scenario: Scenario,
        channel: Channel = Channel.PHONE,
        festival: str | None = None,
        template_id: int | None = None,
    ) -> RenderedScript | None:
        """A customer's script outside any incident; ``festival``: the festival key a greeting is for;
        ``template_id``: the one staff picked from ``templates_for_customer``, else the most specific."""
        template = self._pick(self.templates_for_customer(customer_id, scenario, channel), template_id)
        values = self.values_for_customer(customer_id, festival)
        return self.fill(template, values) if template else None

    def script_for_visit(
        self, customer_id: int, service_record_id: int | None, scenario: Scenario = Scenario.SURVEY
    ) -> RenderedScript | None:
        """A customer's script about one visit (the satisfaction survey): the visit's service, day and
        worker, not the latest visit's (None for ``service_record_id``: the latest, as for any script)."""
        template = self._pick(self.templates_for_customer(customer_id, scenario, Channel.PHONE), None)
        if template is None:
            return None
        values = self.values_for_customer(customer_id)
        visit = (
            ServiceRecord.get_or_none(
                (ServiceRecord.id == service_record_id) & (ServiceRecord.customer == customer_id)
            )
            if service_record_id is not None
            else None
        )
        if visit is not None:
            values["服务类型"] = visit.service_type
            values["服务日期"] = _date(visit.served_at)
            values.pop("服务人员", None)
            if visit.worker_id is not None:
                values["服务人员"] = Worker.get_by_id(visit.worker_id).name
        return self.fill(template, values)

    def script_for_caller(self, address_as: str, service: str = "") -> RenderedScript | None:
        """The first-inquiry script for someone not yet a customer (the inquiry dialog): their form of
        address and the service they ask about, as typed so far."""
        templates = self.list(Scenario.FIRST_INQUIRY.value, Channel.PHONE.value) or self.list(
            Scenario.FIRST_INQUIRY.value
        )
        if not templates:
            return None
        values = self._common_values()
        if address_as:
            values["称呼"] = address_as
        if service:
            values["服务类型"] = service
        return self.fill(templates[0], values)

    # -- asking consent ------------------------------------------------------------------------

    def _wordings(self, purposes: Sequence[Purpose]) -> dict[Purpose, Wording]:
        return {purpose: self._consents.current_wording(purpose) for purpose in purposes}

    @staticmethod
    def consent_values(wordings: dict[Purpose, Wording]) -> dict[str, str]:
        """{同意用途} and {同意内容} for asking these purposes, on these versions of their wording.

        One purpose: its wording as it stands. Several: numbered, each headed by its purpose.
        """
        purposes = list(wordings)
        if len(purposes) == 1:
            content = wordings[purposes[0]].text
        else:
            content = "\n".join(
                f"{number}. {purpose.label}：{wordings[purpose].text}"
                for number, purpose in enumerate(purposes, start=1)
            )
        return {"同意用途": "、".join(p.label for p in purposes), "同意内容": content}

    def consent_script(
        self, customer_id: int, purposes: Sequence[Purpose], channel: Channel = Channel.PHONE
    ) -> ConsentScript:
        """The 征求同意 script for a customer and purposes, filled with the current wordings.

        Without a consent template in the library, the wordings themselves (never nothing to read).
        """
        if not purposes:
            raise ValueError("consent_script needs at least one purpose")
        wordings = self._wordings(purposes)
        values = self.values_for_customer(customer_id)
        values.update(self.consent_values(wordings))
        templates = self.list(Scenario.CONSENT.value, channel.value) or self.list(Scenario.CONSENT.value)
        if templates:
            return ConsentScript(self.fill(templates[0], values), wordings)
        text = values["同意内容"]
        fallback = RenderedScript(None, Scenario.CONSENT, channel, CONSENT_FALLBACK_TITLE, text, [])
        return ConsentScript(fallback, wordings)
