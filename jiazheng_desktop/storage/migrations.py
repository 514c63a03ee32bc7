"""Versioned schema steps, written out in code (a frozen program has no migration files to glob).

The version lives in ``PRAGMA user_version``. Steps are never edited once released:
a change to the schema is a new step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peewee import SqliteDatabase

from ..domain.incidents import DEFAULT_ROOT_CAUSES
from ..domain.search_keys import name_sort_key, pinyin_keys

_V1 = [
    """CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 3),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE customer (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        honorific TEXT NOT NULL DEFAULT '',
        address_as TEXT NOT NULL,
        phones TEXT NOT NULL,
        phone_digits TEXT NOT NULL,
        district TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        customer_type TEXT NOT NULL,
        contact_channel TEXT NOT NULL,
        contact_start TEXT NOT NULL,
        contact_end TEXT NOT NULL,
        household_notes TEXT NOT NULL DEFAULT '',
        referrer_id INTEGER REFERENCES customer (id) ON DELETE SET NULL,
        vip_tier INTEGER NOT NULL DEFAULT 0,
        points INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_service_at TEXT)""",
    "CREATE INDEX customer_referrer ON customer (referrer_id)",
    """CREATE TABLE worker (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        skills TEXT NOT NULL DEFAULT '',
        background_check_on TEXT,
        training_notes TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE service_record (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
        worker_id INTEGER REFERENCES worker (id) ON DELETE SET NULL,
        served_at TEXT NOT NULL,
        service_type TEXT NOT NULL,
        amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL)""",
    "CREATE INDEX service_record_customer ON service_record (customer_id, served_at)",
    "CREATE INDEX service_record_worker ON service_record (worker_id, served_at)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        staff_name TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        detail TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)",
]


def _v1(database: SqliteDatabase) -> None:
    for sql in _V1:
        database.execute_sql(sql)


def _v2(database: SqliteDatabase) -> None:
    """Search by pinyin and sort by pinyin: two derived columns, filled for existing rows."""
    database.execute_sql("ALTER TABLE customer ADD COLUMN name_sort TEXT NOT NULL DEFAULT ''")
    database.execute_sql("ALTER TABLE customer ADD COLUMN search_keys TEXT NOT NULL DEFAULT ''")
    rows = database.execute_sql("SELECT id, name, address_as FROM customer").fetchall()
    database.execute_sql("CREATE TEMP TABLE IF NOT EXISTS _keys (id INTEGER PRIMARY KEY, s TEXT, k TEXT)")
    database.execute_sql("DELETE FROM _keys")
    cursor = database.cursor()
    cursor.executemany(
        "INSERT INTO _keys (id, s, k) VALUES (?, ?, ?)",
        ((cid, name_sort_key(name), pinyin_keys(name, address_as)) for cid, name, address_as in rows),
    )
    database.execute_sql(
        "UPDATE customer SET name_sort = (SELECT s FROM _keys WHERE _keys.id = customer.id),"
        " search_keys = (SELECT k FROM _keys WHERE _keys.id = customer.id)"
        " WHERE id IN (SELECT id FROM _keys)"
    )
    database.execute_sql("DROP TABLE _keys")
    for sql in (
        "CREATE INDEX customer_name_sort ON customer (name_sort, id)",
        "CREATE INDEX customer_created ON customer (created_at, id)",
        "CREATE INDEX customer_last_service ON customer (last_service_at, id)",
        "CREATE INDEX customer_vip ON customer (vip_tier, id)",
        "CREATE INDEX customer_type ON customer (customer_type, id)",
        "CREATE INDEX customer_district ON customer (district, id)",
    ):
        database.execute_sql(sql)


_V3 = [
    """CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)""",
    """CREATE TABLE incident (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
        service_record_id INTEGER REFERENCES service_record (id) ON DELETE SET NULL,
        worker_id INTEGER REFERENCES worker (id) ON DELETE SET NULL,
        category TEXT NOT NULL,
        severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
        channel TEXT NOT NULL,
        customer_said TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        reported_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        status TEXT NOT NULL,
        current_step INTEGER NOT NULL DEFAULT 1 CHECK (current_step BETWEEN 1 AND 6),
        escalation_level INTEGER NOT NULL DEFAULT 1 CHECK (escalation_level BETWEEN 1 AND 3),
        owner_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        first_response_at TEXT,
        resolved_at TEXT,
        closed_at TEXT,
        close_reason TEXT NOT NULL DEFAULT '',
        callback_due_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX incident_customer ON incident (customer_id, reported_at)",
    "CREATE INDEX incident_status ON incident (status, reported_at)",
    "CREATE INDEX incident_worker ON incident (worker_id, reported_at)",
    "CREATE INDEX incident_reported ON incident (reported_at)",
    """CREATE TABLE incident_step (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
        data TEXT NOT NULL,
        completed_at TEXT,
        completed_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        corrected_at TEXT,
        UNIQUE (incident_id, step))""",
    """CREATE TABLE remedy (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
        note TEXT NOT NULL DEFAULT '',
        approved_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        voucher_id INTEGER,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX remedy_incident ON remedy (incident_id)",
    """CREATE TABLE escalation (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        level INTEGER NOT NULL,
        at TEXT NOT NULL,
        reason TEXT NOT NULL,
        owner_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        owner_name TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX escalation_incident ON escalation (incident_id, level)",
    """CREATE TABLE callback (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        started_at TEXT NOT NULL,
        duration_seconds INTEGER NOT NULL DEFAULT 0,
        consent INTEGER NOT NULL DEFAULT 0,
        stable INTEGER,
        satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
        note TEXT NOT NULL DEFAULT '',
        reopened INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX callback_incident ON callback (incident_id, started_at)",
    "CREATE INDEX callback_customer ON callback (customer_id, started_at)",
    """CREATE TABLE root_cause (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1)""",
    """CREATE TABLE script_template (
        id INTEGER PRIMARY KEY,
        scenario TEXT NOT NULL,
        channel TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX script_template_scenario ON script_template (scenario, channel, position)",
]


def _v3(database: SqliteDatabase) -> None:
    """Incidents with their ILEAD steps, remedies, escalations and callbacks; root causes; scripts."""
    for sql in _V3:
        database.execute_sql(sql)
    for position, name in enumerate(DEFAULT_ROOT_CAUSES):
        database.execute_sql("INSERT INTO root_cause (name, position) VALUES (?, ?)", (name, position))


_V4 = [
    """CREATE TABLE voucher (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
        incident_id INTEGER REFERENCES incident (id) ON DELETE SET NULL,
        uses_total INTEGER NOT NULL CHECK (uses_total >= 1),
        value_per_use_fen INTEGER NOT NULL CHECK (value_per_use_fen > 0),
        value_fen INTEGER NOT NULL CHECK (value_fen = uses_total * value_per_use_fen),
        valid_until TEXT NOT NULL,
        usage_note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL)""",
    "CREATE INDEX voucher_customer ON voucher (customer_id, created_at)",
    "CREATE INDEX voucher_status ON voucher (status, valid_until)",
    "CREATE INDEX voucher_incident ON voucher (incident_id)",
    """CREATE TABLE voucher_entry (
        id INTEGER PRIMARY KEY,
        voucher_id INTEGER NOT NULL REFERENCES voucher (id) ON DELETE RESTRICT,
        kind TEXT NOT NULL CHECK (kind IN ('issue', 'redeem', 'void', 'expire')),
        amount_fen INTEGER NOT NULL,
        service_record_id INTEGER REFERENCES service_record (id) ON DELETE RESTRICT,
        reason TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL)""",
    "CREATE INDEX voucher_entry_voucher ON voucher_entry (voucher_id, at)",
    # The same visit never redeems the same voucher twice, whatever races.
    """CREATE UNIQUE INDEX voucher_entry_one_redemption
        ON voucher_entry (voucher_id, service_record_id) WHERE kind = 'redeem'""",
    """CREATE TABLE contract (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
        package TEXT NOT NULL,
        start_on TEXT NOT NULL,
        end_on TEXT NOT NULL CHECK (end_on >= start_on),
        price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
        status TEXT NOT NULL,
        previous_id INTEGER REFERENCES contract (id) ON DELETE SET NULL,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX contract_customer ON contract (customer_id, end_on)",
    "CREATE INDEX contract_end ON contract (status, end_on)",
    """CREATE TABLE renewal_action (
        id INTEGER PRIMARY KEY,
        contract_id INTEGER NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('contacted', 'offer', 'renewed', 'lost')),
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        note TEXT NOT NULL DEFAULT '',
        voucher_id INTEGER REFERENCES voucher (id) ON DELETE SET NULL,
        new_contract_id INTEGER REFERENCES contract (id) ON DELETE SET NULL,
        lost_reason TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX renewal_action_contract ON renewal_action (contract_id, at)",
    """CREATE TABLE referral_reward (
        customer_id INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
        referrer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        voucher_id INTEGER NOT NULL REFERENCES voucher (id) ON DELETE RESTRICT,
        service_record_id INTEGER REFERENCES service_record (id) ON DELETE SET NULL,
        at TEXT NOT NULL)""",
]


def _v4(database: SqliteDatabase) -> None:
    """Vouchers with their ledger, contracts with renewal actions, referral rewards (once each)."""
    for sql in _V4:
        database.execute_sql(sql)


_V5 = [
    """CREATE TABLE reminder (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('callback', 'renewal', 'deadline_warning', 'escalation',
                                           'voucher_expiring', 'festival', 'monthly_report')),
        subject TEXT NOT NULL CHECK (subject IN ('incident', 'contract', 'voucher', 'festival', 'month')),
        subject_id INTEGER NOT NULL,
        slot TEXT NOT NULL,
        customer_id INTEGER REFERENCES customer (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        due_at TEXT NOT NULL,
        wake_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'raised', 'snoozed', 'done', 'dismissed')),
        raised_at TEXT,
        closed_at TEXT,
        closed_by TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    # The same cause never gives two reminders.
    "CREATE UNIQUE INDEX reminder_cause ON reminder (kind, subject, subject_id, slot)",
    "CREATE INDEX reminder_wake ON reminder (state, wake_at)",
    "CREATE INDEX reminder_subject ON reminder (subject, subject_id)",
    "CREATE INDEX reminder_customer ON reminder (customer_id)",
]


def _v5(database: SqliteDatabase) -> None:
    """Reminders: the table is the truth, the scheduler only wakes the program up."""
    for sql in _V5:
        database.execute_sql(sql)


STEPS: dict[int, Callable[[SqliteDatabase], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}
LATEST_VERSION = max(STEPS)


@dataclass(frozen=True)
class MigrationResult:
    from_version: int
    to_version: int


def schema_version(database: SqliteDatabase) -> int:
    """The schema version stored in the file (0 for a new, empty file)."""
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def apply_migrations(database: SqliteDatabase, *, target: int = LATEST_VERSION) -> MigrationResult:
    """Bring the schema up to ``target`` in one transaction; on any error nothing is changed."""
    current = schema_version(database)
    if current >= target:
        return MigrationResult(current, current)
    with database.atomic():
        for version in range(current + 1, target + 1):
            STEPS[version](database)
            database.execute_sql(f"PRAGMA user_version = {int(version)}")
    return MigrationResult(current, target)
