"""Demo data: valid phones, consistent derived columns and history, deterministic, and refused twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin

from jiazheng_desktop.demo.generator import DEMO_PASSWORD, generate_demo
from jiazheng_desktop.demo.tables import MOBILE_PREFIXES
from jiazheng_desktop.domain.clock import FixedClock
from jiazheng_desktop.domain.customers import HONORIFICS, ContactChannel, CustomerType, form_of_address
from jiazheng_desktop.domain.errors import DomainError
from jiazheng_desktop.domain.phones import normalize_phone, phone_digits
from jiazheng_desktop.domain.privacy import Purpose
from jiazheng_desktop.domain.search_keys import name_sort_key, pinyin_keys
from jiazheng_desktop.domain.staff import Role, verify_password
from jiazheng_desktop.domain.workers import SERVICE_TYPES, SKILLS
from jiazheng_desktop.paths import DataPaths
from jiazheng_desktop.services import Services, build_services
from jiazheng_desktop.services.customers import CustomerFilter
from jiazheng_desktop.storage.database import close_database, open_database
from jiazheng_desktop.storage.fields import to_db_time
from jiazheng_desktop.storage.models import db
from tests.conftest import make_draft, read_database

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = 1500


@pytest.fixture
def demo(data_paths: DataPaths, clock: FixedClock) -> Iterator[tuple[Services, str, list[tuple[int, int]]]]:
    """A fresh database file filled with demo data; yields the services, the summary and the progress calls."""
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    calls: list[tuple[int, int]] = []
    summary = generate_demo(
        clock, customers=CUSTOMERS, progress=lambda done, total: calls.append((done, total))
    )
    yield build_services(clock), summary, calls
    close_database()


def rows(sql: str) -> list[tuple]:
    return list(db.execute_sql(sql).fetchall())


def test_summary_counts_and_progress(demo):
    _services, summary, calls = demo
    (customers,) = rows("SELECT COUNT(*) FROM customer")[0]
    (workers,) = rows("SELECT COUNT(*) FROM worker")[0]
    (records,) = rows("SELECT COUNT(*) FROM service_record")[0]
    assert customers == CUSTOMERS
    assert workers == 30  # max(8, min(300, 1500 // 50))
    assert 2.5 * CUSTOMERS < records < 4 * CUSTOMERS
    incidents = rows("SELECT COUNT(*) FROM incident")[0][0]
    assert (
        summary == f"客户 {CUSTOMERS} 位，服务人员 30 位，服务记录 {records} 条，员工 4 位，"
        f"同意记录 {rows('SELECT COUNT(*) FROM consent')[0][0]} 条，投诉事件 {incidents} 件，"
        f"合同 {rows('SELECT COUNT(*) FROM contract')[0][0]} 份，提醒 {rows('SELECT COUNT(*) FROM reminder')[0][0]} 条"
    )
    assert calls[0] == (0, CUSTOMERS) and calls[-1] == (CUSTOMERS, CUSTOMERS) and len(calls) >= 3
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_every_phone_is_already_canonical(demo):
    services, _summary, _calls = demo
    phones = [p for (text,) in rows("SELECT phones FROM customer") for p in text.split(",")]
    phones += [p for (p,) in rows("SELECT phone FROM worker")]
    phones.append(services.settings.agency().phone)
    for phone in phones:
        assert normalize_phone(phone) == phone
    landlines = [p for p in phones if p.startswith("021-")]
    assert all(len(p) == 12 for p in landlines)  # 021- and eight digits
    assert 0.04 < len(landlines) / CUSTOMERS < 0.14
    with_two = rows("SELECT COUNT(*) FROM customer WHERE phones LIKE '%,%'")[0][0]
    assert 0.06 < with_two / CUSTOMERS < 0.14


def test_every_mobile_prefix_is_valid_with_any_digits():
    for prefix in MOBILE_PREFIXES:
        for tail in ("00000000", "12345678", "99999999"):
            assert normalize_phone(prefix + tail) == prefix + tail


def test_derived_columns_match_the_domain_rules(demo):
    for name, honorific, address_as, phones, digits, name_sort, keys in rows(
        "SELECT name, honorific, address_as, phones, phone_digits, name_sort, search_keys FROM customer"
    ):
        assert honorific in HONORIFICS
        assert address_as == form_of_address(name, honorific)
        assert digits == ",".join(phone_digits(p) for p in phones.split(","))
        assert name_sort == name_sort_key(name)
        assert keys == pinyin_keys(name, address_as)


def test_choices_are_consistent(demo, clock):
    now = to_db_time(clock.now())
    types = {t.value for t in CustomerType}
    channels = {c.value for c in ContactChannel}
    for ctype, channel, start, end, district, address, created, updated, tier, points in rows(
        "SELECT customer_type, contact_channel, contact_start, contact_end, district, address,"
        " created_at, updated_at, vip_tier, points FROM customer"
    ):
        assert ctype in types and channel in channels
        if ctype == CustomerType.ELDERLY.value:
            assert channel == ContactChannel.PHONE.value
        if ctype == CustomerType.OFFICE_WORKER.value:
            assert channel in (ContactChannel.SMS.value, ContactChannel.WECHAT.value)
        assert len(start) == len(end) == 5 and start < end
        assert (
            district.endswith(("区", "新区"))
            and address.startswith(district)
            and address.endswith(("室", "号"))
        )
        assert created <= updated <= now
        assert tier in (0, 1, 2, 3) and points >= 0
    (notes,) = rows("SELECT COUNT(*) FROM customer WHERE household_notes != ''")[0]
    assert 0.3 < notes / CUSTOMERS < 0.5
    (regular,) = rows("SELECT COUNT(*) FROM customer WHERE vip_tier = 0")[0]
    assert regular / CUSTOMERS > 0.7
    (oldest,) = rows("SELECT MIN(created_at) FROM customer")[0]
    assert to_db_time(clock.now().replace(year=clock.now().year - 3)) <= oldest


def test_demo_points_and_tiers_follow_the_paid_visits(demo, clock):
    """Each paid visit earned its points; the balance is the ledger's sum; the tier is the derived one."""
    services = demo[0]
    (mismatched,) = rows(
        "SELECT COUNT(*) FROM customer c WHERE c.points <>"
        " (SELECT COALESCE(SUM(p.points), 0) FROM points_entry p WHERE p.customer_id = c.id)"
    )[0]
    assert mismatched == 0
    (negative,) = rows("SELECT COUNT(*) FROM points_entry WHERE balance_after < 0")[0]
    assert negative == 0
    (unearned,) = rows(
        "SELECT COUNT(*) FROM service_record s WHERE s.amount_fen >= 100 AND NOT EXISTS"
        " (SELECT 1 FROM points_entry p WHERE p.kind = 'earn' AND p.service_record_id = s.id"
        " AND p.points = s.amount_fen / 100)"
    )[0]
    assert unearned == 0
    assert rows("SELECT COUNT(*) FROM points_entry WHERE kind = 'expire'")[0][0] > 0
    assert services.points.refresh_tiers() == 0  # every tier is already what the rule derives
    (regular,) = rows("SELECT COUNT(*) FROM customer WHERE vip_tier = 0")[0]
    assert 0 < CUSTOMERS - regular


def test_demo_customers_gave_consents_that_fit_their_records(demo, clock):
    services = demo[0]
    notes_without_grant = rows(
        "SELECT COUNT(*) FROM consent WHERE purpose = 'household_notes' AND customer_id IN"
        " (SELECT id FROM customer WHERE household_notes = '')"
    )[0][0]
    assert notes_without_grant == 0  # nobody agreed to notes that are not there
    (late,) = rows(
        f"SELECT COUNT(*) FROM consent c JOIN customer u ON u.id = c.customer_id"
        f" WHERE c.at < u.created_at OR c.at > '{to_db_time(clock.now())}'"
    )[0]
    assert late == 0
    greeting_list = services.customers.count(CustomerFilter(consent=Purpose.MARKETING.value))
    assert 0.5 < greeting_list / CUSTOMERS < 0.75
    with_notes = services.customers.count(CustomerFilter(consent=Purpose.HOUSEHOLD_NOTES.value))
    (notes,) = rows("SELECT COUNT(*) FROM customer WHERE household_notes != ''")[0]
    assert with_notes == notes  # notes are kept only with the consent


def test_referrers_exist_and_came_earlier(demo):
    referred = rows(
        "SELECT c.id, c.created_at, r.id, r.created_at FROM customer c"
        " LEFT JOIN customer r ON r.id = c.referrer_id WHERE c.referrer_id IS NOT NULL"
    )
    assert 0.04 < len(referred) / CUSTOMERS < 0.12
    for cid, created, rid, rcreated in referred:
        assert rid is not None and rid < cid and rcreated <= created


def test_last_service_is_the_latest_visit_and_visits_fit_the_customer(demo, clock):
    now = to_db_time(clock.now())
    mismatched = rows(
        "SELECT c.id FROM customer c LEFT JOIN"
        " (SELECT customer_id, MAX(served_at) AS latest FROM service_record GROUP BY customer_id) s"
        " ON s.customer_id = c.id WHERE c.last_service_at IS NOT s.latest"
    )
    assert mismatched == []
    never = rows("SELECT COUNT(*) FROM customer WHERE last_service_at IS NULL")[0][0]
    assert 0 < never < CUSTOMERS * 0.3
    workers = {wid: skills.split("、") for wid, skills in rows("SELECT id, skills FROM worker")}
    staff = {sid for (sid,) in rows("SELECT id FROM staff")}
    for served, created, service, amount, worker, by, entered in rows(
        "SELECT r.served_at, c.created_at, r.service_type, r.amount_fen, r.worker_id, r.created_by_id,"
        " r.created_at FROM service_record r JOIN customer c ON c.id = r.customer_id"
    ):
        assert created <= served <= now and served <= entered <= now
        assert service in SERVICE_TYPES and service in workers[worker]
        assert by in staff
        assert amount > 0 and amount % 100 == 0
        if service == "日常保洁":
            assert 8000 <= amount <= 20000
        if service == "月嫂":
            assert amount >= 1_000_000
    (most,) = rows("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM service_record GROUP BY customer_id)")[0]
    assert most >= 10


def test_workers_staff_settings_and_audit(demo, clock):
    services, _summary, _calls = demo
    today = clock.now().date().isoformat()
    workers = rows("SELECT name, skills, background_check_on, active FROM worker")
    for name, skills, checked, _active in workers:
        assert 2 <= len(name) <= 4
        assert skills == "、".join(s for s in SKILLS if s in skills.split("、"))
        assert checked < today
    assert any(not active for *_rest, active in workers)
    assert sum(active for *_rest, active in workers) > len(workers) * 0.7
    staff = services.staff.list()
    assert {(s.name, s.role) for s in staff} == {
        ("李美华", Role.OWNER), ("陈志强", Role.REGIONAL_MANAGER),
        ("周晓燕", Role.CUSTOMER_SERVICE), ("王丽娟", Role.CUSTOMER_SERVICE),
    }  # fmt: skip
    (stored,) = rows("SELECT password_hash FROM staff WHERE name = '周晓燕'")[0]
    assert verify_password(DEMO_PASSWORD, stored)
    agency = services.settings.agency()
    assert "家政" in agency.name and agency.address.startswith("上海市") and agency.phone.startswith("021-")
    audit = rows("SELECT action, entity, staff_name, detail FROM audit_log WHERE entity = 'demo'")
    assert len(audit) == 1
    action, entity, staff_name, detail = audit[0]
    assert (action, entity, staff_name) == ("生成演示数据", "demo", "系统")
    assert json.loads(detail)["客户"] == CUSTOMERS


def test_demo_customers_are_found_by_pinyin_initials(demo):
    services, _summary, _calls = demo
    picked = rows("SELECT id, name, address_as FROM customer WHERE id % 97 = 0")
    assert picked
    for cid, name, address_as in picked:
        for text in (name, address_as):
            initials = "".join(p[0] for p in lazy_pinyin(text))
            assert cid in {hit.id for hit in services.customers.search(initials, limit=CUSTOMERS)}
    # The common case at the desk: wxs finds the many 王先生 (and 吴先生, 魏先生 …) at once.
    hits = services.customers.search("wxs")
    assert len(hits) == 20 and any(hit.address_as == "王先生" for hit in hits)


def test_polyphonic_and_compound_surnames_appear(data_paths, clock):
    open_database(data_paths.database, backup_dir=data_paths.backups, now=clock.now())
    try:
        generate_demo(clock, customers=6000, seed=11)
        names = [name for (name,) in rows("SELECT name FROM customer")]
    finally:
        close_database()
    assert any(n.startswith("曾") for n in names) and any(n.startswith("单") for n in names)
    assert any(n.startswith("欧阳") for n in names)
    assert any(len(n) == 2 for n in names) and any(len(n) == 3 for n in names)


# Differ on purpose from one install to the next: each password hash has a fresh salt.
_PER_INSTALL = {("staff", "password_hash")}


def _dump(folder: Path, clock: FixedClock, seed: int, customers: int = 800) -> dict[str, list[tuple]]:
    """Every row of every table after a demo run (columns that differ per install left out)."""
    paths = DataPaths(folder)
    paths.ensure()
    open_database(paths.database, backup_dir=paths.backups, now=clock.now())
    try:
        generate_demo(clock, customers=customers, seed=seed)
        tables = [
            name for (name,) in rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        dump = {}
        for table in tables:
            columns = [c[1] for c in rows(f"PRAGMA table_info({table})") if (table, c[1]) not in _PER_INSTALL]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            dump[table] = rows(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
        return dump
    finally:
        close_database()


def test_same_seed_and_moment_give_the_same_rows_whatever_the_computers_clock(tmp_path, clock):
    first = _dump(tmp_path / "a", clock, seed=5)
    time.sleep(1.1)  # the second run at a later wall clock: SQLite's own 'now' has moved on
    second = _dump(tmp_path / "b", FixedClock(clock.now()), seed=5)
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], table
    for table in ("customer", "service_record", "consent", "incident", "voucher", "contract", "reminder"):
        assert first[table], table  # every kind of row was made, so every kind was compared


def test_another_seed_gives_other_rows(tmp_path, clock):
    first = _dump(tmp_path / "a", clock, seed=5)
    other = _dump(tmp_path / "c", clock, seed=6)
    for table in ("customer", "worker", "service_record", "consent", "incident", "contract"):
        assert first[table] != other[table], table


def test_refuses_a_database_with_customers(services: Services, clock):
    services.customers.create(make_draft())
    with pytest.raises(DomainError, match="已经有客户"):
        generate_demo(clock, customers=10)
    assert services.customers.count() == 1
    assert rows("SELECT COUNT(*) FROM worker")[0][0] == 0  # nothing half-written


def test_refuses_to_run_twice(demo, clock):
    with pytest.raises(DomainError):
        generate_demo(clock, customers=10)
    assert rows("SELECT COUNT(*) FROM customer")[0][0] == CUSTOMERS


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )
    env.pop("JIAZHENG_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "jiazheng_desktop", "--data-dir", str(data_dir), "demo", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip


def test_command_line_demo_then_refuses_the_same_folder(tmp_path):
    data_dir = tmp_path / "office"
    done = _cli(data_dir, "--customers", "300")
    assert done.returncode == 0, done.stderr
    assert "客户 300 位" in done.stdout
    database = DataPaths(data_dir).database
    with read_database(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 300
    conn.close()

    again = _cli(data_dir, "--customers", "300", "--now", "2026-06-01T10:00:00+08:00")
    assert again.returncode == 1
    assert again.stderr.strip()
    with read_database(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 300
    conn.close()


def test_command_line_now_fixes_the_demo_clock(tmp_path):
    data_dir = tmp_path / "office"
    done = _cli(data_dir, "--customers", "100", "--now", "2025-03-04T09:30:00+08:00")
    assert done.returncode == 0, done.stderr
    with read_database(DataPaths(data_dir).database) as conn:
        (latest,) = conn.execute("SELECT MAX(created_at) FROM customer").fetchone()
        (audit,) = conn.execute("SELECT at FROM audit_log WHERE action = '生成演示数据'").fetchone()
    conn.close()
    assert latest <= "2025-03-04T01:30:00.000000Z" and latest >= "2025-02-01"
    assert audit == "2025-03-04T01:30:00.000000Z"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("next tuesday", "看不懂"),
        ("2026-13-01T10:00:00+08:00", "看不懂"),
        ("2026-06-01T10:00:00", "缺少时区"),
    ],
)
def test_command_line_refuses_a_bad_now_in_chinese(tmp_path, value, said):
    data_dir = tmp_path / "office"
    done = _cli(data_dir, "--customers", "10", "--now", value)
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr
    assert not DataPaths(data_dir).database.exists()  # nothing was made


def test_demo_complaints_cover_every_stage(demo):
    from jiazheng_desktop.domain.incidents import Status

    services, _summary, _calls = demo
    statuses = {s for (s,) in rows("SELECT DISTINCT status FROM incident")}
    assert statuses >= {Status.OPEN.value, Status.CLOSED.value}
    numbers = [n for (n,) in rows("SELECT number FROM incident ORDER BY reported_at")]
    assert numbers == sorted(numbers) and numbers[0].startswith("SJ-")
    closed = rows(f"SELECT id FROM incident WHERE status = '{Status.CLOSED.value}' LIMIT 1")[0][0]
    view = services.incidents.get(closed)
    assert all(view.steps[step].done for step in view.steps) and len(view.steps) == 5
    assert view.callbacks or view.close_reason


def test_demo_contracts_include_some_ending_soon(demo):
    services, _summary, _calls = demo
    assert rows("SELECT COUNT(*) FROM contract")[0][0] == CUSTOMERS // 5
    due = services.contracts.renewals_due(30)
    assert due and all(row.days_left <= 30 for row in due)


def test_demo_consents_cover_every_state_and_every_household_note_has_its_consent(demo):
    services, _summary, _calls = demo
    from jiazheng_desktop.domain.privacy import ConsentState, Purpose

    counts = services.consents.counts()
    for purpose in (Purpose.CALLBACK_RECORDS, Purpose.MARKETING):
        assert all(counts[purpose][state] > 0 for state in ConsentState), purpose
    without = rows(
        "SELECT COUNT(*) FROM customer c WHERE c.household_notes != '' AND NOT EXISTS"
        " (SELECT 1 FROM consent k WHERE k.customer_id = c.id AND k.purpose = 'household_notes' AND k.granted)"
    )[0][0]
    assert without == 0 and counts[Purpose.HOUSEHOLD_NOTES][ConsentState.GRANTED] > 0


def test_the_search_index_holds_every_demo_customer_and_its_trigger_is_back(demo):
    services, _summary, _calls = demo
    (indexed,) = rows("SELECT COUNT(*) FROM customer_search")[0]
    assert indexed == CUSTOMERS
    assert rows("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'customer_search_insert'")
    (name,) = rows("SELECT name FROM customer WHERE id = 777")[0]
    assert 777 in [c.id for c in services.customers.search(name)]
    added = services.customers.create(make_draft(name="欧阳娜娜", phone="13900001111"))
    assert [c.id for c in services.customers.search("欧阳娜娜")] == [added]  # through the trigger


def test_the_burst_pipe_complaint_gives_two_uses_of_100_and_its_notice_says_so(demo, tmp_path):
    from jiazheng_desktop.documents.compensation_notice import render_notice
    from jiazheng_desktop.domain.incidents import Category, RemedyKind, Step
    from tests.pdf_helpers import read_pdf

    services, _summary, _calls = demo
    acted = [
        incident_id
        for (incident_id,) in rows(
            f"SELECT i.id FROM incident i JOIN incident_step s ON s.incident_id = i.id"
            f" WHERE i.category = '{Category.EMERGENCY.value}' AND s.step = {Step.ACT.value}"
            " AND s.completed_at IS NOT NULL ORDER BY i.id"
        )
    ]
    assert acted
    for incident_id in acted:
        (voucher_remedy,) = [
            r for r in services.incidents.get(incident_id).remedies if r.kind == RemedyKind.VOUCHER
        ]
        voucher = services.vouchers.find(voucher_remedy.voucher_code)
        assert (voucher.value_fen, voucher.uses_total, voucher.value_per_use_fen) == (200_00, 2, 100_00)
    notice = render_notice(services.documents.notice_data(acted[-1]), tmp_path / "补偿通知书.pdf")
    text = read_pdf(notice).compact
    assert f"券码{voucher.code}；共2次，每次¥100.00；有效期至" in text
    assert "减免本次及下次基础服务费" in text


def test_demo_customers_come_with_their_lifecycle_stage_on_the_row(demo, clock):
    from jiazheng_desktop.domain.lifecycle import Stage
    from jiazheng_desktop.storage.models import Customer

    services = demo[0]
    stages = {c.lifecycle_stage for c in Customer.select(Customer.lifecycle_stage)}
    assert (
        stages <= {s.value for s in Stage} and len(stages) >= 4
    )  # not all 潜在, as before the first refresh
    for customer in Customer.select().limit(30):
        assert customer.lifecycle_stage == services.lifecycle.assess(customer.id).stage.value
