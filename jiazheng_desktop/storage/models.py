"""peewee models. The schema itself is created by ``migrations.py``; these must match it."""

from __future__ import annotations

from peewee import (
    AutoField,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .fields import AwareDateTimeField, ClockTimeField, FlagField, IsoDateField

db = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Staff(BaseModel):
    id = AutoField()
    name = TextField()
    role = IntegerField()
    password_hash = TextField()
    active = FlagField(default=True)
    created_at = AwareDateTimeField()
    failed_sign_ins = IntegerField(default=0)
    """Wrong passwords in a row (sign-in and password confirmations alike); a right one resets it."""
    locked_until = AwareDateTimeField(null=True)
    """Until then the password is refused, even the right one (after too many wrong ones)."""


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = TextField()


class Customer(BaseModel):
    id = AutoField()
    name = TextField()
    honorific = TextField(default="")
    address_as = TextField()
    phones = TextField()
    phone_digits = TextField()
    district = TextField(default="")
    address = TextField(default="")
    customer_type = TextField()
    contact_channel = TextField()
    contact_start = ClockTimeField()
    contact_end = ClockTimeField()
    household_notes = TextField(default="")
    referrer = ForeignKeyField("self", null=True, backref="referred", on_delete="SET NULL")
    referrer_id: int | None
    vip_tier = IntegerField(default=0)
    points = IntegerField(default=0)
    created_at = AwareDateTimeField()
    updated_at = AwareDateTimeField()
    last_service_at = AwareDateTimeField(null=True)
    # Added by migration 2.
    name_sort = TextField(default="")
    search_keys = TextField(default="")
    # Added by migration 9.
    erased_at = AwareDateTimeField(null=True)
    """When the customer's personal data was erased (on request or by the retention rule)."""
    # Added by migration 15: derived (``services.lifecycle.refresh_all``), never typed.
    lifecycle_stage = TextField(default="prospect")
    """A ``domain.lifecycle.Stage`` id."""
    churn_risk = IntegerField(default=0)
    value_tier = TextField(default="暂无")
    lifecycle_at = AwareDateTimeField(null=True)
    """When the three above were last derived."""
    # Added by migration 14 (points and tiers).
    vip_override = IntegerField(null=True)
    """The tier the owner set by hand (None: ``vip_tier`` is derived from the last 12 months)."""
    vip_override_reason = TextField(default="")
    # Added by migration 20 (several PCs): raised by every save; a save of an older version is refused.
    row_version = IntegerField(default=1)


class Worker(BaseModel):
    id = AutoField()
    name = TextField()
    phone = TextField()
    skills = TextField(default="")
    background_check_on = IsoDateField(null=True)
    training_notes = TextField(default="")
    active = FlagField(default=True)
    created_at = AwareDateTimeField()


class ServiceRecord(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="service_records", on_delete="RESTRICT")
    customer_id: int
    worker = ForeignKeyField(Worker, null=True, backref="service_records", on_delete="SET NULL")
    worker_id: int | None
    served_at = AwareDateTimeField()
    service_type = TextField()
    amount_fen = IntegerField(default=0)
    notes = TextField(default="")
    created_at = AwareDateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")


class AuditLog(BaseModel):
    id = AutoField()
    at = AwareDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    staff_name = TextField(default="")
    action = TextField()
    entity = TextField()
    entity_id = IntegerField(null=True)
    detail = TextField(default="")


class Counter(BaseModel):
    """Sequences that are never reused (incident numbers per year)."""

    name = TextField(primary_key=True)
    value = IntegerField()


class Incident(BaseModel):
    id = AutoField()
    number = TextField(unique=True)
    customer = ForeignKeyField(Customer, backref="incidents", on_delete="RESTRICT")
    customer_id: int
    service_record = ForeignKeyField(ServiceRecord, null=True, on_delete="SET NULL")
    service_record_id: int | None
    worker = ForeignKeyField(Worker, null=True, backref="incidents", on_delete="SET NULL")
    worker_id: int | None
    category = TextField()
    severity = IntegerField()
    channel = TextField()
    customer_said = TextField()
    reported_at = AwareDateTimeField()
    reported_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    reported_by_id: int | None
    status = TextField()
    current_step = IntegerField(default=1)
    escalation_level = IntegerField(default=1)
    owner = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    owner_id: int | None
    first_response_at = AwareDateTimeField(null=True)
    resolved_at = AwareDateTimeField(null=True)
    closed_at = AwareDateTimeField(null=True)
    close_reason = TextField(default="")
    callback_due_at = AwareDateTimeField(null=True)
    created_at = AwareDateTimeField()
    updated_at = AwareDateTimeField()
    # Added by migration 20 (several PCs): raised by every save; a save of an older version is refused.
    row_version = IntegerField(default=1)


class IncidentStep(BaseModel):
    id = AutoField()
    incident = ForeignKeyField(Incident, backref="steps", on_delete="CASCADE")
    incident_id: int
    step = IntegerField()
    data = TextField()
    completed_at = AwareDateTimeField(null=True)
    completed_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    completed_by_id: int | None
    corrected_at = AwareDateTimeField(null=True)


class RemedyRecord(BaseModel):
    id = AutoField()
    incident = ForeignKeyField(Incident, backref="remedies", on_delete="CASCADE")
    incident_id: int
    kind = TextField()
    amount_fen = IntegerField(default=0)
    note = TextField(default="")
    approved_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    approved_by_id: int | None
    voucher_id = IntegerField(null=True)
    created_at = AwareDateTimeField()
    visit_id = IntegerField(null=True)
    """The visit a 复查 remedy booked (a service record), else None."""

    class Meta:
        table_name = "remedy"


class Escalation(BaseModel):
    id = AutoField()
    incident = ForeignKeyField(Incident, backref="escalations", on_delete="CASCADE")
    incident_id: int
    level = IntegerField()
    at = AwareDateTimeField()
    reason = TextField()
    owner = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    owner_id: int | None
    owner_name = TextField(default="")


class Callback(BaseModel):
    id = AutoField()
    incident = ForeignKeyField(Incident, backref="callbacks", on_delete="CASCADE")
    incident_id: int
    customer = ForeignKeyField(Customer, backref="callbacks", on_delete="CASCADE")
    customer_id: int
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_id: int | None
    started_at = AwareDateTimeField()
    duration_seconds = IntegerField(default=0)
    consent = FlagField(default=False)
    stable = FlagField(null=True)
    satisfaction = IntegerField(null=True)
    note = TextField(default="")
    reopened = FlagField(default=False)


class RootCause(BaseModel):
    id = AutoField()
    name = TextField(unique=True)
    position = IntegerField(default=0)
    active = FlagField(default=True)


class ScriptTemplate(BaseModel):
    id = AutoField()
    scenario = TextField()
    channel = TextField()
    title = TextField()
    body = TextField()
    position = IntegerField(default=0)
    updated_at = AwareDateTimeField()


class Voucher(BaseModel):
    id = AutoField()
    code = TextField(unique=True)
    kind = TextField()
    customer = ForeignKeyField(Customer, backref="vouchers", on_delete="RESTRICT")
    customer_id: int
    incident = ForeignKeyField(Incident, null=True, backref="vouchers", on_delete="SET NULL")
    incident_id: int | None
    uses_total = IntegerField()
    value_per_use_fen = IntegerField()
    value_fen = IntegerField()
    valid_until = IsoDateField()
    usage_note = TextField(default="")
    status = TextField()
    created_at = AwareDateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    created_by_id: int | None


class VoucherEntry(BaseModel):
    """The voucher ledger: issue (+value), redeem (−one use), void and expire (−the rest)."""

    id = AutoField()
    voucher = ForeignKeyField(Voucher, backref="entries", on_delete="RESTRICT")
    voucher_id: int
    kind = TextField()
    amount_fen = IntegerField()
    service_record = ForeignKeyField(ServiceRecord, null=True, on_delete="RESTRICT", backref="+")
    service_record_id: int | None
    reason = TextField(default="")
    at = AwareDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_id: int | None


class Contract(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="contracts", on_delete="RESTRICT")
    customer_id: int
    package = TextField()
    start_on = IsoDateField()
    end_on = IsoDateField()
    price_fen = IntegerField()
    status = TextField()
    previous = ForeignKeyField("self", null=True, backref="renewals", on_delete="SET NULL")
    previous_id: int | None
    notes = TextField(default="")
    created_at = AwareDateTimeField()
    updated_at = AwareDateTimeField()
    # Added by migration 20 (several PCs): raised by every save; a save of an older version is refused.
    row_version = IntegerField(default=1)


class RenewalAction(BaseModel):
    id = AutoField()
    contract = ForeignKeyField(Contract, backref="actions", on_delete="CASCADE")
    contract_id: int
    kind = TextField()
    at = AwareDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_id: int | None
    note = TextField(default="")
    voucher = ForeignKeyField(Voucher, null=True, on_delete="SET NULL", backref="+")
    voucher_id: int | None
    new_contract = ForeignKeyField(Contract, null=True, on_delete="SET NULL", backref="+")
    new_contract_id: int | None
    lost_reason = TextField(default="")


class ReferralReward(BaseModel):
    """At most one reward per referred customer (the primary key says so)."""

    customer = ForeignKeyField(Customer, primary_key=True, on_delete="CASCADE", backref="+")
    referrer = ForeignKeyField(Customer, on_delete="CASCADE", backref="+")
    referrer_id: int
    voucher = ForeignKeyField(Voucher, on_delete="RESTRICT", backref="+")
    voucher_id: int
    service_record = ForeignKeyField(ServiceRecord, null=True, on_delete="SET NULL", backref="+")
    service_record_id: int | None
    at = AwareDateTimeField()


class Reminder(BaseModel):
    """A reminder, identified by its cause: ``(kind, subject, subject_id, slot)`` is unique.

    ``subject`` is ``incident``, ``contract`` or ``voucher`` (``subject_id`` is its id), ``festival``
    (the year) or ``month`` (``yyyymm``). ``wake_at`` is ``due_at`` moved by a snooze.
    """

    id = AutoField()
    kind = TextField()
    subject = TextField()
    subject_id = IntegerField()
    slot = TextField()
    customer = ForeignKeyField(Customer, null=True, on_delete="CASCADE", backref="+")
    customer_id: int | None
    title = TextField()
    due_at = AwareDateTimeField()
    wake_at = AwareDateTimeField()
    state = TextField()
    raised_at = AwareDateTimeField(null=True)
    closed_at = AwareDateTimeField(null=True)
    closed_by = TextField(default="")
    reason = TextField(default="")
    created_at = AwareDateTimeField()


class ConsentWording(BaseModel):
    """The words read or shown when asking for a purpose's consent; a change is a new version."""

    id = AutoField()
    purpose = TextField()
    version = IntegerField()
    text = TextField()
    created_at = AwareDateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    created_by_id: int | None
    created_by_name = TextField(default="")


class Consent(BaseModel):
    """The consent ledger: one row per grant or withdrawal; the latest of a purpose is its state."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="consents", on_delete="CASCADE")
    customer_id: int
    purpose = TextField()
    granted = FlagField()
    wording = ForeignKeyField(ConsentWording, on_delete="RESTRICT", backref="+")
    wording_id: int
    channel = TextField()
    at = AwareDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_id: int | None
    staff_name = TextField(default="")
    note = TextField(default="")


class ReferralCommission(BaseModel):
    """The referral commission ledger (migration 14): one entry per paid visit that earned it, 待结算
    (``pending``) until paid out; then who paid (``settled_by``), when and how."""

    id = AutoField()
    referrer = ForeignKeyField(Customer, on_delete="RESTRICT", backref="+")
    referrer_id: int
    customer = ForeignKeyField(Customer, on_delete="RESTRICT", backref="+")
    customer_id: int
    service_record = ForeignKeyField(ServiceRecord, unique=True, on_delete="RESTRICT", backref="+")
    service_record_id: int
    amount_fen = IntegerField()
    basis = TextField(default="")
    """How it was reckoned when earned (``10% × ¥200.00``): the rule may have changed since."""
    status = TextField()
    earned_at = AwareDateTimeField()
    settled_at = AwareDateTimeField(null=True)
    settled_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    settled_by_id: int | None
    settled_by_name = TextField(default="")
    settle_method = TextField(default="")
    settle_note = TextField(default="")


class Inquiry(BaseModel):
    """A first inquiry (migration 13): what the caller asked, what they were told, when to call back."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="inquiries", on_delete="CASCADE")
    customer_id: int
    service = TextField(default="")
    asked = TextField(default="")
    answered = TextField(default="")
    follow_up_on = IsoDateField(null=True)
    created_at = AwareDateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")


class Survey(BaseModel):
    """A satisfaction survey after an ordinary visit (migration 14): the score and the note are kept only
    with the customer's 回访记录保存 (``consent`` records that it was there when the survey was saved)."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="surveys", on_delete="CASCADE")
    customer_id: int
    service_record = ForeignKeyField(ServiceRecord, null=True, backref="surveys", on_delete="SET NULL")
    service_record_id: int | None
    outcome = TextField()
    score = IntegerField(null=True)
    note = TextField(default="")
    consent = FlagField(default=False)
    asked_at = AwareDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_id: int | None


class PointsEntry(BaseModel):
    """The points ledger (migration 14): earn, spend, expire, adjust (signed points), each with its cause."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="points_entries", on_delete="CASCADE")
    customer_id: int
    kind = TextField()
    points = IntegerField()
    balance_after = IntegerField()
    expires_on = IsoDateField(null=True)
    service_record = ForeignKeyField(ServiceRecord, null=True, on_delete="SET NULL", backref="+")
    service_record_id: int | None
    voucher = ForeignKeyField(Voucher, null=True, on_delete="SET NULL", backref="+")
    voucher_id: int | None
    referred_customer = ForeignKeyField(Customer, null=True, on_delete="SET NULL", backref="+")
    referred_customer_id: int | None
    reason = TextField(default="")
    at = AwareDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_id: int | None


class Campaign(BaseModel):
    """A marketing campaign (migration 14): purpose, message template, optional voucher per recipient."""

    id = AutoField()
    name = TextField()
    purpose = TextField()
    festival_key = TextField(null=True)
    festival_on = IsoDateField(null=True)
    template = TextField()
    filters = TextField(default="{}")
    voucher_kind = TextField(null=True)
    voucher_value_fen = IntegerField(null=True)
    """Per use."""
    voucher_uses = IntegerField(null=True)
    voucher_valid_until = IsoDateField(null=True)
    approved_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    approved_by_id: int | None
    approved_by_name = TextField(default="")
    approved_at = AwareDateTimeField(null=True)
    started_at = AwareDateTimeField(null=True)
    created_at = AwareDateTimeField()
    created_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    closed_at = AwareDateTimeField(null=True)


class CampaignRecipient(BaseModel):
    """One customer of a started campaign, worked through by the desk (migration 14)."""

    id = AutoField()
    campaign = ForeignKeyField(Campaign, backref="recipients", on_delete="CASCADE")
    campaign_id: int
    customer = ForeignKeyField(Customer, backref="+", on_delete="CASCADE")
    customer_id: int
    position = IntegerField()
    state = TextField(default="pending")
    message = TextField(default="")
    voucher = ForeignKeyField(Voucher, null=True, on_delete="SET NULL", backref="+")
    voucher_id: int | None
    acted_at = AwareDateTimeField(null=True)
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    staff_name = TextField(default="")

    class Meta:
        table_name = "campaign_recipient"


ALL_MODELS = (
    Staff, Setting, Customer, Worker, ServiceRecord, AuditLog,
    Counter, Incident, IncidentStep, RemedyRecord, Escalation, Callback, RootCause, ScriptTemplate,
    Voucher, VoucherEntry, Contract, RenewalAction, ReferralReward, Reminder, ConsentWording, Consent,
    ReferralCommission, Inquiry, Survey, PointsEntry, Campaign, CampaignRecipient,
)  # fmt: skip
"""Every table's model (tests check each against its table, and every customer's data against the export)."""
