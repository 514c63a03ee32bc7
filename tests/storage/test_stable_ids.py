"""Migration 6: the Chinese labels that version 5 stored become stable ids, and read back as their labels."""

from __future__ import annotations

import json
import sqlite3

import pytest

from jiazheng_desktop.domain.contracts import ContractStatus
from jiazheng_desktop.domain.customers import ContactChannel, CustomerType
from jiazheng_desktop.domain.incidents import Category, RemedyKind, ReportChannel, Status
from jiazheng_desktop.domain.templates import Channel, Scenario
from jiazheng_desktop.domain.vouchers import VoucherKind, VoucherStatus
from jiazheng_desktop.services import build_services
from jiazheng_desktop.storage import migrations
from jiazheng_desktop.storage.backup import list_backups
from jiazheng_desktop.storage.database import UnconvertibleDataError, close_database, connect, open_database
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations

T = "2026-11-20T02:00:00.000000Z"  # 10:00 on 20 November in China
OLD_AUDIT = json.dumps({"编号": "SJ-2026-0001", "类别": "物品损坏"}, ensure_ascii=False)

CONVERTED = {
    ("customer", "customer_type"): CustomerType,
    ("customer", "contact_channel"): ContactChannel,
    ("incident", "category"): Category,
    ("incident", "channel"): ReportChannel,
    ("incident", "status"): Status,
    ("remedy", "kind"): RemedyKind,
    ("voucher", "kind"): VoucherKind,
    ("voucher", "status"): VoucherStatus,
    ("contract", "status"): ContractStatus,
    ("script_template", "scenario"): Scenario,
    ("script_template", "channel"): Channel,
}


ADDED_AFTER_VERSION_6 = {
    Scenario.CONSENT.value,
    RemedyKind.REINSPECT.value,
    Scenario.SURVEY.value,
    VoucherKind.POINTS.value,
}
"""Ids that came later: version 5 never stored them, so migration 6 has no label to turn into them."""


def _version_5_file(path, *, customer_type: str = "老人", incident_status: str = "已解决") -> None:
    """A file as version 5 of the program wrote it: every one of these values is its Chinese label."""
    old = connect(path)
    apply_migrations(old, target=5)
    sql = old.execute_sql
    for cid, name, ctype, channel in ((1, "王建国", "上班族", "微信"), (2, "李秀英", customer_type, "电话")):
        sql(
            "INSERT INTO customer (id, name, address_as, phones, phone_digits, customer_type, contact_channel,"
            " contact_start, contact_end, created_at, updated_at) VALUES (?, ?, ?, '13812345678', '13812345678',"
            " ?, ?, '09:00', '20:00', ?, ?)",
            (cid, name, name[0] + "先生", ctype, channel, T, T),
        )
    sql(
        "INSERT INTO incident (id, number, customer_id, category, severity, channel, customer_said, reported_at,"
        " status, current_step, first_response_at, resolved_at, created_at, updated_at)"
        " VALUES (1, 'SJ-2026-0001', 1, '物品损坏', 2, '微信', '花瓶碎了', ?, ?, 5, ?, ?, ?, ?)",
        (T, incident_status, T, T, T, T),
    )
    sql(
        "INSERT INTO incident (id, number, customer_id, category, severity, channel, customer_said, reported_at,"
        " status, created_at, updated_at) VALUES (2, 'SJ-2026-0002', 2, '迟到', 1, '到店', '迟到一小时', ?,"
        " '处理中', ?, ?)",
        (T, T, T),
    )
    sql(
        "INSERT INTO incident_step (incident_id, step, data, completed_at) VALUES (1, 4, ?, ?)",
        (json.dumps({"action_plan": "赔偿并返工"}, ensure_ascii=False), T),
    )
    sql(
        "INSERT INTO voucher (id, code, kind, customer_id, incident_id, uses_total, value_per_use_fen,"
        " value_fen, valid_until, status, created_at) VALUES (1, 'ABCD-EFGH', '补偿券', 1, 1, 1, 10000, 10000,"
        " '2027-02-18', '已用完', ?)",
        (T,),
    )
    sql("INSERT INTO voucher_entry (voucher_id, kind, amount_fen, at) VALUES (1, 'issue', 10000, ?)", (T,))
    sql("INSERT INTO voucher_entry (voucher_id, kind, amount_fen, at) VALUES (1, 'redeem', -10000, ?)", (T,))
    sql(
        "INSERT INTO remedy (incident_id, kind, amount_fen, note, voucher_id, created_at)"
        " VALUES (1, '补偿券', 10000, '下次服务抵扣', 1, ?), (1, '免费返工', 0, '', NULL, ?)",
        (T, T),
    )
    sql(
        "INSERT INTO contract (id, customer_id, package, start_on, end_on, price_fen, status, created_at,"
        " updated_at) VALUES (1, 1, '保洁套餐', '2025-12-01', '2026-11-30', 360000, '已续约', ?, ?),"
        " (2, 1, '保洁套餐', '2026-12-01', '2027-11-30', 360000, '进行中', ?, ?)",
        (T, T, T, T),
    )
    sql(
        "INSERT INTO renewal_action (contract_id, kind, at, new_contract_id) VALUES (1, 'renewed', ?, 2)",
        (T,),
    )
    sql(
        "INSERT INTO script_template (scenario, channel, title, body, updated_at)"
        " VALUES ('三日回访', '短信', '回访短信', '{称呼}您好', ?)",
        (T,),
    )
    sql(
        "INSERT INTO audit_log (at, staff_name, action, entity, entity_id, detail)"
        " VALUES (?, '李店主', '登记投诉', 'incident', 1, ?)",
        (T, OLD_AUDIT),
    )
    old.close()


def _raw(path, table: str, column: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {row[0] for row in con.execute(f"SELECT {column} FROM {table}")}
    finally:
        con.close()


def test_version_5_labels_become_ids_and_read_back_as_labels(data_paths, clock) -> None:
    _version_5_file(data_paths.database)

    result = open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        assert (result.migration.from_version, result.migration.to_version) == (5, LATEST_VERSION)
        services = build_services(clock)

        customer = services.customers.get(1)
        assert CustomerType(customer.customer_type).label == "上班族"
        assert ContactChannel(customer.contact_channel).label == "微信"
        assert CustomerType(services.customers.get(2).customer_type).label == "老人"

        incident = services.incidents.get(1)
        assert (incident.category.label, incident.channel.label, incident.status.label) == (
            "物品损坏",
            "微信",
            "已解决",
        )
        assert [r.kind for r in incident.remedies] == [RemedyKind.VOUCHER, RemedyKind.REDO]
        assert incident.remedies[0].describe() == "补偿券 ¥100.00（下次服务抵扣，券码 ABCD-EFGH）"
        late = services.incidents.get(2)
        assert (late.category, late.channel, late.status) == (Category.LATE, ReportChannel.VISIT, Status.OPEN)

        voucher = services.vouchers.get(1)
        assert (voucher.kind.label, voucher.status.label) == ("补偿券", "已用完")

        renewed = services.contracts.get(1)
        assert renewed.status is ContractStatus.RENEWED and renewed.status.label == "已续约"
        assert services.contracts.get(2).status is ContractStatus.ACTIVE
        assert services.contracts.actions(1)[0].text == "已续约"

        [template] = services.scripts.list(Scenario.CALLBACK.value, Channel.SMS.value)
        assert (template.scenario.label, template.channel.label) == ("三日回访", "短信")

        figures = services.monthly_report.figures(2026, 11)
        assert sorted((c.label, c.count) for c in figures.by_category) == [("物品损坏", 1), ("迟到", 1)]

        timeline = [e.title for e in services.customers.timeline(1) if e.kind == "incident"]
        assert timeline == ["SJ-2026-0001 物品损坏（已解决）"]
    finally:
        close_database()

    for (table, column), enum in CONVERTED.items():
        stored = _raw(data_paths.database, table, column)
        assert stored <= {m.value for m in enum}, (table, column, stored)
        assert all(value.isascii() for value in stored)
    # The audit log is history: its text stays as it was written.
    con = sqlite3.connect(data_paths.database)
    assert con.execute("SELECT detail FROM audit_log WHERE action = '登记投诉'").fetchone() == (OLD_AUDIT,)
    # Nothing to keep: every value was a known label.
    assert con.execute("SELECT COUNT(*) FROM audit_log WHERE action = '升级数据'").fetchone() == (0,)
    con.close()


def test_the_backup_before_migration_6_keeps_the_old_labels(data_paths, clock) -> None:
    _version_5_file(data_paths.database)

    result = open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    close_database()

    assert result.backup is not None and result.backup in list_backups(data_paths.backups)
    assert f"before-migration-v{LATEST_VERSION}" in result.backup.name
    backup = sqlite3.connect(result.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 5
    assert backup.execute("SELECT category, status FROM incident WHERE id = 1").fetchone() == (
        "物品损坏",
        "已解决",
    )
    backup.close()


def test_an_unknown_text_goes_to_other_and_is_kept_in_the_audit_log(data_paths, clock) -> None:
    _version_5_file(data_paths.database, customer_type="学生")

    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        services = build_services(clock)
        assert services.customers.get(2).customer_type == CustomerType.OTHER
        assert services.customers.get(1).customer_type == CustomerType.OFFICE_WORKER
    finally:
        close_database()

    con = sqlite3.connect(data_paths.database)
    rows = con.execute(
        "SELECT entity, entity_id, staff_name, detail, at FROM audit_log WHERE action = '升级数据'"
    ).fetchall()
    con.close()
    assert len(rows) == 1
    entity, entity_id, staff_name, detail, at = rows[0]
    assert (entity, entity_id, staff_name) == ("customer", 2, "系统")
    assert json.loads(detail)["原值"] == "学生" and json.loads(detail)["改为"] == "其他"
    assert len(at) == len(T) and at.endswith("Z")


def test_an_unknown_value_without_other_refuses_the_migration_and_changes_nothing(data_paths, clock) -> None:
    _version_5_file(data_paths.database, incident_status="挂起")

    with pytest.raises(UnconvertibleDataError, match="投诉的处理状态“挂起”（1 条）") as refused:
        open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    assert "没有做任何改动" in str(refused.value)

    con = sqlite3.connect(data_paths.database)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 5
    assert con.execute("SELECT status FROM incident ORDER BY id").fetchall() == [("挂起",), ("处理中",)]
    assert con.execute("SELECT customer_type FROM customer ORDER BY id").fetchall() == [
        ("上班族",),
        ("老人",),
    ]
    con.close()
    assert len(list_backups(data_paths.backups)) == 1  # made before trying, as for every migration


def test_the_frozen_label_table_names_every_id_of_version_6() -> None:
    """Migration 6 writes its own copy of the labels (a later renamed label must not change it)."""
    relabel = {(spec.table, spec.column): spec for spec in migrations._V6_RELABEL}
    assert set(relabel) == set(CONVERTED)
    for key, enum in CONVERTED.items():
        spec = relabel[key]
        known = [m for m in enum if m.value not in ADDED_AFTER_VERSION_6]
        assert sorted(spec.ids.values()) == sorted(m.value for m in known), key
        # Today's labels are still the texts version 5 stored (drop this line once a label is renamed).
        assert {m.label: m.value for m in known} == spec.ids, key
        assert spec.fallback in (None, "other")
