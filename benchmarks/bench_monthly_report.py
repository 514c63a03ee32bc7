"""The owner's monthly report on a busy month: 10,000 complaints in October 2026.

    .venv/bin/python benchmarks/bench_monthly_report.py

Builds (once, then reuses) a data folder of its own, ``benchmarks/.cache/monthly-10000-vN`` (N is the
schema version): the program's migrations make the schema, then plain bulk ``INSERT``s add 20,000
customers, 200 workers, 60,000 visits, 10,000 complaints in the month (with their 识别 step and its
root cause, remedies, escalations and callbacks), compensation vouchers with their ledger, and
contracts with renewal steps. Then, with a clock fixed at 2026-11-23 10:00 (China time), one warm-up
and 5 timed rounds each of ``MonthlyReportService.figures(2026, 10)`` and of figures + the PDF.
Prints the medians; the target is the whole report (figures + PDF) in at most 3 s.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from common import CACHE, DATABASE_NAME, Figure, folder_key, print_table, raw_connection

REPEAT = 5
INCIDENTS = 10_000
CUSTOMERS = 20_000
WORKERS = 200
VISITS = 60_000
TARGET_S = 3.0
_DONE = "complete.txt"


def _folder() -> Path:
    from jiazheng_desktop.storage.migrations import LATEST_VERSION

    return CACHE / f"monthly-{INCIDENTS}-v{LATEST_VERSION}"


def build(folder: Path) -> float:
    """Make the database (schema by the migrations, rows by bulk SQL); returns the seconds it took."""
    from jiazheng_desktop.domain.clock import CHINA_TZ
    from jiazheng_desktop.domain.contracts import LOST_REASONS, PACKAGES, ContractStatus, RenewalStep
    from jiazheng_desktop.domain.customers import ContactChannel, CustomerType
    from jiazheng_desktop.domain.incidents import (
        DEFAULT_ROOT_CAUSES,
        Category,
        RemedyKind,
        ReportChannel,
        Status,
    )
    from jiazheng_desktop.domain.vouchers import EntryKind, VoucherKind, VoucherStatus
    from jiazheng_desktop.storage.database import close_database, open_database
    from jiazheng_desktop.storage.fields import to_db_time

    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    now = datetime(2026, 11, 23, 10, tzinfo=CHINA_TZ)
    from jiazheng_desktop.paths import DataPaths
    from jiazheng_desktop.startup import key_for_new_database

    open_database(
        folder / DATABASE_NAME,
        backup_dir=folder / "backups",
        now=now,
        key=key_for_new_database(DataPaths(folder)),
    )
    close_database()
    rng = random.Random(20261001)
    month = datetime(2026, 10, 1, tzinfo=CHINA_TZ)

    def t(moment: datetime) -> str:
        return to_db_time(moment)

    def in_month() -> datetime:
        return month + timedelta(seconds=rng.randrange(31 * 86400))

    con = raw_connection(folder)
    con.execute("PRAGMA foreign_keys = ON")
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "秀英桂兰春梅建国志强伟芳敏静丽军"
    customers = []
    for cid in range(1, CUSTOMERS + 1):
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        created = datetime(2025, 1, 1, tzinfo=CHINA_TZ) + timedelta(seconds=rng.randrange(670 * 86400))
        phone = f"139{cid:08d}"
        customers.append((cid, name, "女士", name[0] + "女士", phone, phone, CustomerType.OFFICE_WORKER.value,
                          ContactChannel.PHONE.value, "09:00", "20:00", t(created), t(created)))  # fmt: skip
    con.executemany(
        "INSERT INTO customer (id, name, honorific, address_as, phones, phone_digits, customer_type,"
        " contact_channel, contact_start, contact_end, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        customers,
    )
    con.executemany(
        "INSERT INTO worker (id, name, phone, created_at) VALUES (?, ?, ?, ?)",
        [
            (w, rng.choice(surnames) + rng.choice(given) + "阿姨", f"137{w:08d}", t(month))
            for w in range(1, WORKERS + 1)
        ],
    )
    visits = []
    for vid in range(1, VISITS + 1):
        served = in_month() if vid % 3 else in_month() - timedelta(days=rng.randrange(1, 90))
        amount = rng.choice((0, 8000, 12000, 15000, 30000))
        visits.append((vid, rng.randrange(1, CUSTOMERS + 1), rng.randrange(1, WORKERS + 1), t(served), "日常保洁",
                       amount, t(served)))  # fmt: skip
    con.executemany(
        "INSERT INTO service_record (id, customer_id, worker_id, served_at, service_type, amount_fen, created_at)"
        " VALUES (?,?,?,?,?,?,?)",
        visits,
    )
    incidents, steps, remedies, escalations, callbacks, vouchers, entries = [], [], [], [], [], [], []
    categories = [c.value for c in Category]
    for iid in range(1, INCIDENTS + 1):
        customer = rng.randrange(1, CUSTOMERS // 3)  # a third of the customers complain, some twice
        worker = rng.randrange(1, WORKERS + 1) if rng.random() < 0.9 else None
        reported = in_month()
        responded = reported + timedelta(minutes=rng.randrange(20, 40 * 60)) if rng.random() < 0.95 else None
        resolved = None
        if responded is not None and rng.random() < 0.7:
            resolved = responded + timedelta(minutes=rng.randrange(60, 96 * 60))
        level = 3 if rng.random() < 0.03 else 1
        due = None
        if resolved is not None:
            day = resolved.astimezone(CHINA_TZ).date() + timedelta(days=3)
            due = datetime(day.year, day.month, day.day, 10, tzinfo=CHINA_TZ)
        status = (Status.RESOLVED if resolved is not None else Status.OPEN).value
        incidents.append((
            iid, f"SJ-2026-{iid:05d}", customer, worker, rng.choice(categories), rng.randint(1, 3),
            ReportChannel.PHONE.value,
            "客户来电投诉", t(reported), status, 5 if resolved else 2, level,
            t(responded) if responded else None, t(resolved) if resolved else None, t(due) if due else None,
            t(reported), t(reported),
        ))  # fmt: skip
        if responded is not None:
            data = {"what_happened": "经过", "root_cause": rng.choice(DEFAULT_ROOT_CAUSES)}
            steps.append((iid, 1, json.dumps(data, ensure_ascii=False), t(responded)))
        if level == 3:
            escalations.append((iid, 3, t(reported + timedelta(hours=48)), "未在期限内解决"))
        if resolved is None:
            continue
        kind, amount, voucher = rng.choice(
            (
                (RemedyKind.REDO.value, 0, None),
                (RemedyKind.FEE_WAIVER.value, 5000, None),
                (RemedyKind.VOUCHER.value, 10000, 1),
            )
        )
        if voucher:
            voucher = len(vouchers) + 1
            status = (VoucherStatus.USED if voucher % 3 == 0 else VoucherStatus.ACTIVE).value
            vouchers.append((voucher, f"B{voucher:07d}", VoucherKind.COMPENSATION.value, customer, iid, 1, amount,
                             amount, "2027-01-31", status, t(resolved)))  # fmt: skip
            entries.append((voucher, EntryKind.ISSUE.value, amount, t(resolved)))
            if voucher % 3 == 0:
                entries.append((voucher, EntryKind.REDEEM.value, -amount, t(resolved + timedelta(days=2))))
        remedies.append((iid, kind, amount, voucher, t(resolved)))
        if due is not None and rng.random() < 0.6:
            called = due + timedelta(hours=rng.randrange(-20, 40))
            consent = rng.random() < 0.8
            callbacks.append(
                (iid, customer, t(called), 240, int(consent), rng.randint(1, 5) if consent else None)
            )
    con.executemany(
        "INSERT INTO incident (id, number, customer_id, worker_id, category, severity, channel, customer_said,"
        " reported_at, status, current_step, escalation_level, first_response_at, resolved_at, callback_due_at,"
        " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        incidents,
    )
    con.executemany(
        "INSERT INTO incident_step (incident_id, step, data, completed_at) VALUES (?,?,?,?)", steps
    )
    con.executemany("INSERT INTO escalation (incident_id, level, at, reason) VALUES (?,?,?,?)", escalations)
    con.executemany(
        "INSERT INTO voucher (id, code, kind, customer_id, incident_id, uses_total, value_per_use_fen, value_fen,"
        " valid_until, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        vouchers,
    )
    con.executemany("INSERT INTO voucher_entry (voucher_id, kind, amount_fen, at) VALUES (?,?,?,?)", entries)
    con.executemany(
        "INSERT INTO remedy (incident_id, kind, amount_fen, voucher_id, created_at) VALUES (?,?,?,?,?)",
        remedies,
    )
    con.executemany(
        "INSERT INTO callback (incident_id, customer_id, started_at, duration_seconds, consent, satisfaction)"
        " VALUES (?,?,?,?,?,?)",
        callbacks,
    )
    contracts, actions = [], []
    for kid in range(1, 3001):
        end_on = date(2026, 10, 1) + timedelta(days=rng.randrange(0, 61))
        outcomes = (ContractStatus.ACTIVE, ContractStatus.RENEWED, ContractStatus.LOST)
        status = (rng.choice(outcomes) if end_on.month == 10 else ContractStatus.ACTIVE).value
        contracts.append((kid, rng.randrange(1, CUSTOMERS + 1), rng.choice(PACKAGES), "2025-11-01",
                          end_on.isoformat(), 360000, status, t(month), t(month)))  # fmt: skip
        when = t(datetime(end_on.year, end_on.month, end_on.day, 9, tzinfo=CHINA_TZ) - timedelta(days=5))
        if status == ContractStatus.RENEWED:
            actions.append((kid, RenewalStep.RENEWED.value, when, ""))
        elif status == ContractStatus.LOST:
            actions.append((kid, RenewalStep.LOST.value, when, rng.choice(LOST_REASONS)))
        elif rng.random() < 0.5:
            actions.append((kid, RenewalStep.CONTACTED.value, when, ""))
    con.executemany(
        "INSERT INTO contract (id, customer_id, package, start_on, end_on, price_fen, status, created_at,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        contracts,
    )
    con.executemany(
        "INSERT INTO renewal_action (contract_id, kind, at, lost_reason) VALUES (?,?,?,?)", actions
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    seconds = time.perf_counter() - started
    (folder / _DONE).write_text(f"built in {seconds:.1f} s\n", encoding="utf-8")
    return seconds


def measure() -> list[Figure]:
    from jiazheng_desktop.documents.monthly_report import render_monthly_report
    from jiazheng_desktop.documents.styles import Letterhead
    from jiazheng_desktop.domain.clock import CHINA_TZ, FixedClock
    from jiazheng_desktop.services.context import ServiceContext
    from jiazheng_desktop.services.incident_rules import IncidentRulesService
    from jiazheng_desktop.services.monthly_report import MonthlyReportService
    from jiazheng_desktop.services.settings import SettingsService
    from jiazheng_desktop.storage.database import close_database, open_database

    folder = _folder()
    built = None
    if not (folder / _DONE).exists():
        print(f"building {folder} …", flush=True)
        built = build(folder)
    clock = FixedClock(datetime(2026, 11, 23, 10, tzinfo=CHINA_TZ))
    open_database(
        folder / DATABASE_NAME, backup_dir=folder / "backups", now=clock.now(), key=folder_key(folder)
    )
    head = Letterhead("好帮手家政", "幸福路 8 号", "0571-88886666")
    try:
        context = ServiceContext(clock=clock)
        report = MonthlyReportService(context, IncidentRulesService(context, SettingsService(context)).policy)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "report.pdf"
            figures = report.figures(2026, 10)  # warm up (fonts, modules, page cache)
            render_monthly_report(figures, head, pdf)
            figure_times, report_times = [], []
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                report.figures(2026, 10)
                figure_times.append(time.perf_counter() - t0)
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                render_monthly_report(report.figures(2026, 10), head, pdf)
                report_times.append(time.perf_counter() - t0)
            size = pdf.stat().st_size
    finally:
        close_database()
    f_median, r_median = statistics.median(figure_times), statistics.median(report_times)
    summary = (
        f"{figures.incidents_total} complaints, {figures.active_customers} customers served, "
        f"first response {figures.first_response.text}, callbacks {figures.callbacks.text}, "
        f"at risk {figures.at_risk_total}, renewals due {figures.renewals_due}"
    )
    print(f"figures(2026, 10) x {REPEAT}: median {f_median * 1000:.0f} ms ({summary})")
    print(f"figures + PDF x {REPEAT}: median {r_median * 1000:.0f} ms (PDF {size / 1024:.0f} KB)")
    result = [
        Figure("monthly report figures() median", f"{f_median * 1000:.0f} ms", "-", None, summary),
        Figure(
            "monthly report figures + PDF median",
            f"{r_median:.2f} s",
            f"<= {TARGET_S:.0f} s",
            r_median <= TARGET_S,
        ),
    ]
    if built is not None:
        result.insert(
            0, Figure("monthly report data, 10,000 complaints", f"{built:.1f} s", "< 60 s", built < 60)
        )
    return result


def main() -> int:
    print_table(measure())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
