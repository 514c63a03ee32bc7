"""peewee models. The schema itself is created by ``migrations.py``; these must match it."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    DatabaseProxy,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .fields import AwareDateTimeField, ClockTimeField

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
    active = BooleanField(default=True)
    created_at = AwareDateTimeField()


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


class Worker(BaseModel):
    id = AutoField()
    name = TextField()
    phone = TextField()
    skills = TextField(default="")
    background_check_on = DateField(null=True)
    training_notes = TextField(default="")
    active = BooleanField(default=True)
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


ALL_MODELS = (Staff, Setting, Customer, Worker, ServiceRecord, AuditLog)
