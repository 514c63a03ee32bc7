"""Versioned schema steps, written out in code (a frozen program has no migration files to glob).

The version lives in ``PRAGMA user_version``. Steps are never edited once released:
a change to the schema is a new step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import Database, SqliteDatabase

from ..domain.errors import DomainError
from ..domain.incidents import DEFAULT_ROOT_CAUSES
from ..domain.privacy import DEFAULT_WORDINGS, ConsentChannel, Purpose
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


class UnknownStoredValueError(DomainError):
    """A stored value matches no known one; the migration changed nothing (the message says where)."""


@dataclass(frozen=True)
class _Relabel:
    """One column whose values were the Chinese labels up to version 5: label → the id stored from 6 on."""

    table: str
    column: str
    what: str  # the column as staff know it, for messages and the audit log
    ids: dict[str, str]
    fallback: str | None = None  # where an unknown text goes (the 其他 id); None: refuse the migration


# Written out, not read from the enums: labels may be renamed later, but what version 5 stored is fixed.
_V6_RELABEL = (
    _Relabel("customer", "customer_type", "客户类型", {
        "上班族": "office_worker", "老人": "elderly", "有小孩家庭": "family_with_children",
        "新手父母": "new_parents", "企业/单位": "business", "其他": "other",
    }, fallback="other"),
    _Relabel("customer", "contact_channel", "客户的联系方式", {"电话": "phone", "短信": "sms", "微信": "wechat"}),
    _Relabel("incident", "category", "投诉类别", {
        "迟到": "late", "清洁不彻底": "not_clean", "物品损坏": "damage", "水管爆裂等突发": "emergency",
        "价格争议": "price", "服务态度": "attitude", "安全隐患": "safety", "其他": "other",
    }, fallback="other"),
    _Relabel("incident", "channel", "投诉渠道", {
        "电话": "phone", "微信": "wechat", "短信": "sms", "到店": "visit", "其他": "other",
    }, fallback="other"),
    _Relabel("incident", "status", "投诉的处理状态", {"处理中": "open", "已解决": "resolved", "已关闭": "closed"}),
    _Relabel("remedy", "kind", "补救方式", {
        "免费返工": "redo", "退款": "refund", "减免费用": "fee_waiver", "补偿券": "voucher",
        "更换服务人员": "replace_worker", "紧急维修": "emergency_repair",
    }),
    _Relabel("voucher", "kind", "券的种类", {
        "补偿券": "compensation", "优惠券": "promotion", "节日红包": "festival", "推荐奖励": "referral",
    }),
    _Relabel("voucher", "status", "券的状态", {
        "可用": "active", "已用完": "used", "已作废": "void", "已过期": "expired",
    }),
    _Relabel("contract", "status", "合同状态", {
        "进行中": "active", "已续约": "renewed", "已流失": "lost", "已结束": "ended",
    }),
    _Relabel("script_template", "scenario", "话术的使用场景", {
        "首次咨询": "first_inquiry", "续约挽留": "renewal", "节日问候": "festival", "识别": "identify",
        "倾听": "listen", "共情": "empathize", "行动": "act", "深化": "deepen", "补偿说明": "compensation",
        "三日回访": "callback", "安全提醒": "safety",
    }),
    _Relabel("script_template", "channel", "话术的渠道", {"电话": "phone", "短信": "sms", "微信": "wechat"}),
)  # fmt: skip


def _v6(database: SqliteDatabase) -> None:
    """Stored values become stable ASCII ids; the Chinese text is only a label from now on.

    A text that is neither a known label nor an id is never dropped: where the choice list has
    其他 it becomes ``other`` and the old text is kept in the audit log (one row per record);
    anywhere else the whole migration is refused, naming the values, and nothing is changed.
    Audit rows are history and keep their text; no setting or step record holds one of these values.
    """
    refused: list[str] = []
    for spec in _V6_RELABEL:
        known = [*spec.ids, *spec.ids.values()]
        unknown = database.execute_sql(
            f"SELECT {spec.column}, COUNT(*) FROM {spec.table}"
            f" WHERE {spec.column} NOT IN ({', '.join('?' * len(known))}) GROUP BY {spec.column}",
            known,
        ).fetchall()
        if spec.fallback is None:
            refused += [f"{spec.what}“{value}”（{count} 条）" for value, count in unknown]
            continue
        for value, _count in unknown:
            _keep_in_audit_log(database, spec, value)
            database.execute_sql(
                f"UPDATE {spec.table} SET {spec.column} = ? WHERE {spec.column} = ?", (spec.fallback, value)
            )
    if refused:
        raise UnknownStoredValueError(
            "数据文件里有本程序不认识的内容，无法升级到新版本：" + "；".join(refused) + "。"
            "为保护数据，文件没有做任何改动（升级前的备份也已保存），旧版本的程序仍可照常打开它。"
            "请联系安装人员处理。"
        )
    for spec in _V6_RELABEL:
        cases = " ".join("WHEN ? THEN ?" for _ in spec.ids)
        database.execute_sql(
            f"UPDATE {spec.table} SET {spec.column} = CASE {spec.column} {cases} END"
            f" WHERE {spec.column} IN ({', '.join('?' * len(spec.ids))})",
            [*(text for pair in spec.ids.items() for text in pair), *spec.ids],
        )


def _keep_in_audit_log(database: SqliteDatabase, spec: _Relabel, value: str) -> None:
    """One audit row per record whose ``value`` becomes the fallback id, holding the old text."""
    detail = json.dumps(
        {"字段": spec.what, "原值": value, "改为": "其他", "说明": "升级数据时不认识的内容"},
        ensure_ascii=False,
    )
    database.execute_sql(
        "INSERT INTO audit_log (at, staff_name, action, entity, entity_id, detail)"
        " SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z', '系统', '升级数据', ?, id, ?"
        f" FROM {spec.table} WHERE {spec.column} = ?",
        (spec.table, detail, value),
    )


def _v7(database: SqliteDatabase) -> None:
    """Wrong passwords slow down: the count of wrong ones in a row and the end of the wait, per person.

    Kept in the file, so closing and re-opening the program does not start the count again.
    """
    database.execute_sql(
        "ALTER TABLE staff ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0)"
    )
    database.execute_sql("ALTER TABLE staff ADD COLUMN locked_until TEXT")


def _v8(database: SqliteDatabase) -> None:
    """The audit log is read by person, kind of action and date (设置 → 操作记录): an index for each."""
    for statement in (
        "CREATE INDEX audit_log_action ON audit_log (action, id)",
        "CREATE INDEX audit_log_staff ON audit_log (staff_id, id)",
        "CREATE INDEX audit_log_at ON audit_log (at, id)",
    ):
        database.execute_sql(statement)


_V9 = [
    """CREATE TABLE consent_wording (
        id INTEGER PRIMARY KEY,
        purpose TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        created_by_name TEXT NOT NULL DEFAULT '',
        UNIQUE (purpose, version))""",
    """CREATE TABLE consent (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        purpose TEXT NOT NULL,
        granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
        wording_id INTEGER NOT NULL REFERENCES consent_wording (id) ON DELETE RESTRICT,
        channel TEXT NOT NULL,
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        staff_name TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX consent_customer ON consent (customer_id, purpose, id)",
    "CREATE INDEX consent_purpose ON consent (purpose, customer_id, id)",
    "ALTER TABLE customer ADD COLUMN erased_at TEXT",
    "CREATE INDEX callback_started ON callback (started_at)",
    "CREATE INDEX renewal_action_at ON renewal_action (at)",
]


def _v9(database: SqliteDatabase) -> None:
    """Consent per purpose with its wording (PIPL), and what retention and erasure need.

    Version 1 of each purpose's wording goes in. Each earlier callback becomes a ledger entry of
    回访记录保存 (granted or refused, as its yes/no box said), at the call's time, by whoever called.
    """
    for statement in _V9:
        database.execute_sql(statement)
    for purpose, text in DEFAULT_WORDINGS.items():
        database.execute_sql(
            "INSERT INTO consent_wording (purpose, version, text, created_at, created_by_name)"
            " VALUES (?, 1, ?, strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z', '系统')",
            (purpose.value, text),
        )
    database.execute_sql(
        "INSERT INTO consent (customer_id, purpose, granted, wording_id, channel, at, staff_id, staff_name, note)"
        " SELECT c.customer_id, ?, c.consent, w.id, ?, c.started_at, c.staff_id,"
        " COALESCE((SELECT name FROM staff WHERE staff.id = c.staff_id), ''), '升级前在回访时记录'"
        " FROM callback c, consent_wording w WHERE w.purpose = ? AND w.version = 1"
        " ORDER BY c.started_at, c.id",
        (Purpose.CALLBACK_RECORDS.value, ConsentChannel.PHONE.value, Purpose.CALLBACK_RECORDS.value),
    )


_SEARCH_TABLE = "customer_search"
_POSITIONS = 200
"""Characters of ``|name|address_as|`` the ``short`` column covers (a name has at most 20)."""
_NAMES = "'|' || {r}.name || '|' || {r}.address_as || '|'"
_SHORT = (
    "(SELECT group_concat(u, '') FROM ("
    "SELECT substr(t, i, 1) || '##' AS u FROM search_position, (SELECT {names} AS t)"
    " WHERE i <= length(t) AND substr(t, i, 1) <> '|'"
    " UNION SELECT substr(t, i, 2) || '#' FROM search_position, (SELECT {names} AS t) WHERE i < length(t)))"
)


def _row_values(r: str) -> str:
    names = _NAMES.format(r=r)
    return f"{names}, ',' || {r}.phone_digits || ',', {r}.search_keys, {_SHORT.format(names=names)}"


def _v10_statements() -> list[str]:
    """Migration 10: the index, its triggers, and a row for every customer not erased."""
    insert = f"INSERT INTO {_SEARCH_TABLE} (rowid, names, phones, keys, short)"
    return [
        "CREATE TABLE search_position (i INTEGER PRIMARY KEY)",
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {_POSITIONS})"
        " INSERT INTO search_position (i) SELECT i FROM n",
        # Contentless: the text is in ``customer`` already; contentless_delete lets a trigger remove a row.
        f"CREATE VIRTUAL TABLE {_SEARCH_TABLE} USING fts5(names, phones, keys, short,"
        " tokenize = 'trigram', content = '', contentless_delete = 1)",
        f"CREATE TRIGGER customer_search_insert AFTER INSERT ON customer WHEN new.erased_at IS NULL"
        f" BEGIN {insert} VALUES (new.id, {_row_values('new')}); END",
        # Erasure blanks the columns and sets erased_at: the row goes and does not come back.
        f"CREATE TRIGGER customer_search_update"
        f" AFTER UPDATE OF name, address_as, phone_digits, search_keys, erased_at ON customer"
        f" BEGIN DELETE FROM {_SEARCH_TABLE} WHERE rowid = old.id;"
        f" {insert} SELECT new.id, {_row_values('new')} WHERE new.erased_at IS NULL; END",
        f"CREATE TRIGGER customer_search_delete AFTER DELETE ON customer"
        f" BEGIN DELETE FROM {_SEARCH_TABLE} WHERE rowid = old.id; END",
        f"{insert} SELECT c.id, {_row_values('c')} FROM customer c WHERE c.erased_at IS NULL",
    ]


def _v10(database: SqliteDatabase) -> None:
    """Customer search through an index (issue 15): FTS5 trigram over names, phones and pinyin keys.

    Filled here for every customer not erased; triggers keep it in step from now on (``search_index``).
    The columns and what they hold are described in ``storage/search_index.py``, which reads them.
    """
    for statement in _v10_statements():
        database.execute_sql(statement)


_V11 = [
    "CREATE INDEX incident_by_severity ON incident (severity, id)",
    "CREATE INDEX incident_by_level ON incident (escalation_level, id)",
    "CREATE INDEX incident_by_step ON incident (current_step, id)",
    "CREATE INDEX voucher_by_created ON voucher (created_at, id)",
    "CREATE INDEX voucher_by_valid_until ON voucher (valid_until, id)",
    "CREATE INDEX voucher_by_value ON voucher (value_fen, id)",
    "CREATE INDEX voucher_by_per_use ON voucher (value_per_use_fen, id)",
    # Only the reminders still waiting (done and dismissed ones pile up): the centre reads these by time.
    "CREATE INDEX reminder_active_wake ON reminder (wake_at, id) WHERE state IN ('pending', 'raised', 'snoozed')",
]


def _v11(database: SqliteDatabase) -> None:
    """The complaint and voucher lists page by keyset (issue 15): an index ``(column, id)`` for each
    sort over the list's own table that had none, so the next page is one seek, not a sort of them all.

    Already served: 登记时间 (``incident_reported``, and ``incident_status`` within a view), 编号 and
    券码 (their unique indexes), 有效期至 within a state (``voucher_status``). The reminder centre reads
    the active reminders by wake-up time from a partial index of those alone. Sorts over another table
    (customer, worker, owner) or an expression (category and state in their lists' order, balance)
    read through their filter instead.
    """
    for statement in _V11:
        database.execute_sql(statement)


_V12 = [
    "CREATE INDEX customer_kept_by_last_service ON customer (last_service_at, id) WHERE erased_at IS NULL",
    "CREATE INDEX customer_kept_by_name ON customer (name_sort, id) WHERE erased_at IS NULL",
    "CREATE INDEX customer_kept_by_created ON customer (created_at, id) WHERE erased_at IS NULL",
]


def _v12(database: SqliteDatabase) -> None:
    """The customer list at a million customers (issue 15): partial indexes of the customers not erased
    (every list shows only those) for its three main orders, 最近服务, 姓名 and 登记时间.

    Counting the list then reads the smallest of them instead of every row (1,000,000 customers: 20 ms,
    was 740 ms), and a jump into the middle of the list finds its row's key by skipping entries of the
    index alone, then reads the page by keyset (60 ms, was 4.2 s: OFFSET read every row before it).
    """
    for statement in _V12:
        database.execute_sql(statement)


_V13 = [
    """CREATE TABLE inquiry (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        service TEXT NOT NULL DEFAULT '',
        asked TEXT NOT NULL DEFAULT '',
        answered TEXT NOT NULL DEFAULT '',
        follow_up_on DATE,
        created_at TEXT NOT NULL,
        created_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL
    )""",
    "CREATE INDEX inquiry_customer ON inquiry (customer_id, created_at)",
]


REMINDER_KINDS_V13 = (
    "callback", "renewal", "deadline_warning", "escalation", "voucher_expiring", "festival", "monthly_report",
    "inquiry",
)  # fmt: skip
REMINDER_SUBJECTS_V13 = ("incident", "contract", "voucher", "festival", "month", "inquiry")


def _rebuild_reminder(database: SqliteDatabase, kinds: tuple[str, ...], subjects: tuple[str, ...]) -> None:
    """The reminder table again with wider CHECKs on its kind and subject (SQLite cannot alter a CHECK):
    a new table, every row copied, the old one dropped, and every index made again."""
    kind_list = ", ".join(f"'{k}'" for k in kinds)
    subject_list = ", ".join(f"'{s}'" for s in subjects)
    database.execute_sql(
        f"""CREATE TABLE reminder_rebuilt (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ({kind_list})),
        subject TEXT NOT NULL CHECK (subject IN ({subject_list})),
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
        created_at TEXT NOT NULL)"""
    )
    database.execute_sql(
        "INSERT INTO reminder_rebuilt (id, kind, subject, subject_id, slot, customer_id, title, due_at, wake_at,"
        " state, raised_at, closed_at, closed_by, reason, created_at)"
        " SELECT id, kind, subject, subject_id, slot, customer_id, title, due_at, wake_at,"
        " state, raised_at, closed_at, closed_by, reason, created_at FROM reminder"
    )
    database.execute_sql("DROP TABLE reminder")
    database.execute_sql("ALTER TABLE reminder_rebuilt RENAME TO reminder")
    for statement in (*_V5[1:], "CREATE INDEX reminder_active_wake ON reminder (wake_at, id)"
                      " WHERE state IN ('pending', 'raised', 'snoozed')"):  # fmt: skip
        database.execute_sql(statement)


def _v13(database: SqliteDatabase) -> None:
    """First inquiries (issue 16): what a caller asked and was told, and when to follow up. The caller
    is a customer from the first call (a 潜在 one: no service yet), so the inquiry hangs on the customer;
    its follow-up call is a reminder of a new kind (the reminder table is rebuilt for its CHECK)."""
    for statement in _V13:
        database.execute_sql(statement)
    _rebuild_reminder(database, REMINDER_KINDS_V13, REMINDER_SUBJECTS_V13)


REMINDER_KINDS_V14 = (*REMINDER_KINDS_V13, "reinspection")


def _v14(database: SqliteDatabase) -> None:
    """The 复查 remedy (issue 16): a re-inspection visit booked from the 行动 step.

    ``remedy.visit_id`` is the visit (a ``service_record`` at the booked time) the remedy made, and a
    reminder of the new kind ``reinspection`` comes up at its time (the reminder table is rebuilt for
    its CHECK, as in migration 13).
    """
    database.execute_sql(
        "ALTER TABLE remedy ADD COLUMN visit_id INTEGER REFERENCES service_record (id) ON DELETE SET NULL"
    )
    _rebuild_reminder(database, REMINDER_KINDS_V14, REMINDER_SUBJECTS_V13)


_V15 = [
    # New customers have had no service: 潜在, no risk, no value yet (what the refresh would say).
    "ALTER TABLE customer ADD COLUMN lifecycle_stage TEXT NOT NULL DEFAULT 'prospect'",
    "ALTER TABLE customer ADD COLUMN churn_risk INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE customer ADD COLUMN value_tier TEXT NOT NULL DEFAULT '暂无'",
    "ALTER TABLE customer ADD COLUMN lifecycle_at TEXT",
    "CREATE INDEX customer_kept_by_risk ON customer (churn_risk, id) WHERE erased_at IS NULL",
    "CREATE INDEX customer_kept_by_stage ON customer (lifecycle_stage, id) WHERE erased_at IS NULL",
]


def _v15(database: SqliteDatabase) -> None:
    """The customer list's 阶段 and 流失风险 (issue 16): each customer's derived stage, risk and value
    tier, kept on the row so the list can sort and filter by them at 100,000 customers. They are
    derived (``services.lifecycle.refresh_all``), never typed; a new row starts as 潜在."""
    for statement in _V15:
        database.execute_sql(statement)


_V16_SURVEY = [
    """CREATE TABLE survey (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        service_record_id INTEGER REFERENCES service_record (id) ON DELETE SET NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'no_answer', 'declined')),
        score INTEGER CHECK (score IS NULL OR score BETWEEN 1 AND 5),
        note TEXT NOT NULL DEFAULT '',
        consent INTEGER NOT NULL DEFAULT 0,
        asked_at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL
    )""",
    "CREATE INDEX survey_customer ON survey (customer_id, asked_at)",
    "CREATE INDEX survey_asked ON survey (asked_at)",
    "CREATE INDEX survey_service_record ON survey (service_record_id)",
]

REMINDER_KINDS_SURVEY = (*REMINDER_KINDS_V14, "survey")
REMINDER_SUBJECTS_SURVEY = (*REMINDER_SUBJECTS_V13, "service_record")


def _v16_survey(database: SqliteDatabase) -> None:
    """Satisfaction surveys after ordinary visits (issue 16): who was asked about which visit, the outcome,
    and the score and note (kept only with the customer's 回访记录保存). The survey is due because of a
    visit, so its reminder hangs on the visit (subject ``service_record``); the reminder table is rebuilt
    for the new kind and subject."""
    for statement in _V16_SURVEY:
        database.execute_sql(statement)
    _rebuild_reminder(database, REMINDER_KINDS_SURVEY, REMINDER_SUBJECTS_SURVEY)


_V17_COMMISSION = [
    """CREATE TABLE referral_commission (
        id INTEGER PRIMARY KEY,
        referrer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
        service_record_id INTEGER NOT NULL UNIQUE REFERENCES service_record (id) ON DELETE RESTRICT,
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        basis TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('pending', 'settled')),
        earned_at TEXT NOT NULL,
        settled_at TEXT,
        settled_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        settled_by_name TEXT NOT NULL DEFAULT '',
        settle_method TEXT NOT NULL DEFAULT ''
            CHECK (settle_method IN ('', 'cash', 'wechat', 'alipay', 'bank')),
        settle_note TEXT NOT NULL DEFAULT '',
        CHECK ((status = 'pending') = (settled_at IS NULL)))""",
    "CREATE INDEX referral_commission_referrer ON referral_commission (referrer_id, status, earned_at)",
    "CREATE INDEX referral_commission_status ON referral_commission (status, earned_at)",
    "CREATE INDEX referral_commission_customer ON referral_commission (customer_id)",
]


def _v17_commission(database: SqliteDatabase) -> None:
    """Referral commission (issue 16): a ledger of what each referrer earned from the visits of the
    customers they brought, 待结算 until someone pays it out (who, when, how). One entry per visit at
    most (the unique service record), and ledger rows are never deleted with a customer (RESTRICT)."""
    for statement in _V17_COMMISSION:
        database.execute_sql(statement)


_V18_POINTS = [
    """CREATE TABLE points_entry (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('earn', 'spend', 'expire', 'adjust')),
        points INTEGER NOT NULL CHECK (points <> 0),
        balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
        expires_on TEXT,
        service_record_id INTEGER REFERENCES service_record (id) ON DELETE SET NULL,
        voucher_id INTEGER REFERENCES voucher (id) ON DELETE SET NULL,
        referred_customer_id INTEGER REFERENCES customer (id) ON DELETE SET NULL,
        reason TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL)""",
    "CREATE INDEX points_entry_customer ON points_entry (customer_id, id)",
    "CREATE UNIQUE INDEX points_entry_earned_visit ON points_entry (service_record_id)"
    " WHERE kind = 'earn' AND service_record_id IS NOT NULL",
    "CREATE UNIQUE INDEX points_entry_earned_referral ON points_entry (referred_customer_id)"
    " WHERE kind = 'earn' AND referred_customer_id IS NOT NULL",
    "ALTER TABLE customer ADD COLUMN vip_override INTEGER CHECK (vip_override IS NULL OR vip_override BETWEEN 0 AND 3)",
    "ALTER TABLE customer ADD COLUMN vip_override_reason TEXT NOT NULL DEFAULT ''",
    # A tier typed by hand before tiers were derived stays what the customer was told: an override.
    "UPDATE customer SET vip_override = vip_tier, vip_override_reason = '升级前手工设定'"
    " WHERE vip_tier <> 0 AND erased_at IS NULL",
]


def _v18_points(database: SqliteDatabase) -> None:
    """Points and member tiers (issue 16): the points ledger (earn, spend, expire, adjust, each with its
    cause), and the owner's tier override on the customer. ``customer.points`` stays as the balance,
    kept by the points service in the same transaction as every entry; ``customer.vip_tier`` stays as
    the tier in force (derived, or the override), so the customer list filters and sorts on it as
    before. A tier typed by hand before this becomes an override (with that as its reason); points
    shown before (nothing ever changed them) become an opening adjustment, so balance = sum of entries."""
    for statement in _V18_POINTS:
        database.execute_sql(statement)
    database.execute_sql(
        "INSERT INTO points_entry (customer_id, kind, points, balance_after, reason, at)"
        " SELECT id, 'adjust', points, points, '升级前的积分', updated_at FROM customer WHERE points > 0"
    )
    database.execute_sql("UPDATE customer SET points = 0 WHERE points < 0")


_V19_CAMPAIGNS = [
    """CREATE TABLE campaign (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('festival', 'win_back', 'renewal', 'new_service')),
        festival_key TEXT,
        festival_on DATE,
        template TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '{}',
        voucher_kind TEXT,
        voucher_value_fen INTEGER,
        voucher_uses INTEGER,
        voucher_valid_until DATE,
        approved_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        approved_by_name TEXT NOT NULL DEFAULT '',
        approved_at TEXT,
        started_at TEXT,
        created_at TEXT NOT NULL,
        created_by_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        closed_at TEXT,
        CHECK (voucher_kind IS NULL OR (voucher_value_fen > 0 AND voucher_uses >= 1
                                        AND voucher_valid_until IS NOT NULL))
    )""",
    "CREATE INDEX campaign_festival ON campaign (festival_key, festival_on)",
    """CREATE TABLE campaign_recipient (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped', 'stopped')),
        message TEXT NOT NULL DEFAULT '',
        voucher_id INTEGER REFERENCES voucher (id) ON DELETE SET NULL,
        acted_at TEXT,
        staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
        staff_name TEXT NOT NULL DEFAULT '',
        UNIQUE (campaign_id, customer_id)
    )""",
    "CREATE INDEX campaign_recipient_work ON campaign_recipient (campaign_id, state, position)",
    "CREATE INDEX campaign_recipient_customer ON campaign_recipient (customer_id)",
]


def _v19_campaigns(database: SqliteDatabase) -> None:
    """Campaigns (issue 16): a purpose, an audience of customers who agreed to marketing frozen into
    recipients when it starts, a message template, optionally one voucher per recipient approved once;
    each recipient is worked through (sent / skipped / stopped) with the message as sent."""
    for statement in _V19_CAMPAIGNS:
        database.execute_sql(statement)


_V20_ROW_VERSIONS = [
    f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1"
    for table in ("customer", "incident", "contract")
]


def _v20_row_versions(database: Database) -> None:
    """Several PCs on one office server (issue 17): a version on each customer, complaint and contract,
    raised by every save, so a save made on what another PC has changed since is refused instead of
    overwriting it. The first step written for both back-ends."""
    for statement in _V20_ROW_VERSIONS:
        database.execute_sql(statement)


_V21_SHORT_GRAMS = [
    # Every one- and two-character piece of a text, without the pieces that hold the delimiter ``|``.
    """CREATE FUNCTION short_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    'SELECT coalesce(array_agg(DISTINCT g), ''{}'') FROM (
        SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
        UNION SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i) AS grams
     WHERE strpos(g, ''|'') = 0'""",
    "CREATE INDEX customer_short_names ON customer USING gin (short_grams(lower(name || '|' || address_as)))",
    "CREATE INDEX customer_short_keys ON customer USING gin (short_grams(search_keys))",
]


def _v21_server_short_search(database: Database) -> None:
    """The server's index for one- and two-character names and pinyin (issue 17): a trigram cannot hold
    them, so each customer's one- and two-character pieces are indexed (the file's search index has its
    ``short`` column for the same). Nothing to do on a file."""
    if isinstance(database, SqliteDatabase):
        return
    for statement in _V21_SHORT_GRAMS:
        database.execute_sql(statement)


STEPS: dict[int, Callable[[Any], None]] = {
    1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6, 7: _v7, 8: _v8, 9: _v9, 10: _v10, 11: _v11, 12: _v12,
    13: _v13, 14: _v14, 15: _v15, 16: _v16_survey, 17: _v17_commission, 18: _v18_points,
    19: _v19_campaigns, 20: _v20_row_versions, 21: _v21_server_short_search,
}  # fmt: skip
"""Steps up to ``postgres.BASELINE`` are SQLite's alone (a server starts there); later ones run on both."""
LATEST_VERSION = max(STEPS)


@dataclass(frozen=True)
class MigrationResult:
    from_version: int
    to_version: int


def schema_version(database: Database) -> int:
    """The schema version stored in the file (0 for a new, empty file)."""
    return int(database.execute_sql("PRAGMA user_version").fetchone()[0])


def apply_migrations(database: Database, *, target: int = LATEST_VERSION) -> MigrationResult:
    """Bring the file's schema up to ``target`` in one transaction; on any error nothing is changed.

    (A server: ``postgres.migrate_server``.)
    """
    current = schema_version(database)
    if current >= target:
        return MigrationResult(current, current)
    with database.atomic():
        for version in range(current + 1, target + 1):
            STEPS[version](database)
            database.execute_sql(f"PRAGMA user_version = {int(version)}")
    return MigrationResult(current, target)
