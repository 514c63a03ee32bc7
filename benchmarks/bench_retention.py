"""The retention job on 100,000 customers: what is due (``RetentionService.plan``), and a run's cost.

    .venv/bin/python benchmarks/bench_retention.py

Opens the cached demo database (see common.py) with a fixed clock at now, four and six years ahead
(with the default periods, 3 and 5 years: nothing, the callbacks, and then most customers are due),
warms up once and times ``plan()`` 15 times at each; prints medians and what was due. Then, on a copy
of the folder, runs the job six years ahead on at most 200 of the inactive customers (an owner's
confirmed run) and prints the time per customer: each goes through the erasure service, a small
batch to a transaction.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import (
    DATABASE_NAME,
    Figure,
    cached_database,
    copy_data_folder,
    folder_key,
    median_ms,
    print_table,
)

REPEAT = 15
TARGET_MS = 500.0
""""A few hundred ms", also when most of the 100,000 customers are due at once (six years ahead)."""
RUN_CUSTOMERS = 200


def _open(folder: Path, at: datetime):  # type: ignore[no-untyped-def]
    from jiazheng_desktop.domain.clock import FixedClock
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.database import open_database

    clock = FixedClock(at)
    open_database(folder / DATABASE_NAME, backup_dir=folder / "backups", now=at, key=folder_key(folder))
    return clock, build_services(clock)


def measure() -> list[Figure]:
    from jiazheng_desktop.domain.clock import CHINA_TZ
    from jiazheng_desktop.services.context import Authorization
    from jiazheng_desktop.services.retention import CUSTOMER_BATCH
    from jiazheng_desktop.storage.database import close_database

    cached = cached_database()
    now = datetime.now(CHINA_TZ)
    figures: list[Figure] = []
    clock, services = _open(cached.folder, now)
    try:
        for years in (0, 4, 6):
            clock.set(now + timedelta(days=365 * years + 1))
            plan = services.retention.plan()  # warm up
            times = []
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                plan = services.retention.plan()
                times.append(time.perf_counter() - t0)
            median = median_ms(times)
            figures.append(
                Figure(
                    f"retention plan, now +{years} years",
                    f"{median:.0f} ms",
                    f"<= {TARGET_MS:.0f} ms",
                    median <= TARGET_MS,
                    f"due: {plan.callbacks} callbacks, {plan.contacts} contacts, {plan.customers} customers;"
                    f" p90 {statistics.quantiles(times, n=10)[-1] * 1000:.0f} ms",
                )
            )
            print(figures[-1].name, figures[-1].value, figures[-1].note, flush=True)
    finally:
        close_database()

    with tempfile.TemporaryDirectory() as temp:
        copy = copy_data_folder(cached.folder, Path(temp) / "copy")
        (copy / "backups").mkdir(exist_ok=True)
        clock, services = _open(copy, now + timedelta(days=365 * 6 + 1))
        try:
            owner = next(
                m for m in services.staff.list() if m.role == max(s.role for s in services.staff.list())
            )
            services.staff.set_on_duty(owner.id)
            auth = Authorization(owner.id, owner.name, owner.role)
            plan = services.retention.plan()
            shown = type(plan)(
                plan.made_at, plan.policy, plan.contact_cutoff, plan.customer_cutoff,
                plan.callback_ids, plan.contact_ids, plan.customer_ids[:RUN_CUSTOMERS],
            )  # fmt: skip
            t0 = time.perf_counter()
            result = services.retention.run(shown, auth)
            seconds = time.perf_counter() - t0
        finally:
            close_database()
    per_customer = seconds * 1000 / max(result.customers, 1)
    figures.append(
        Figure(
            "retention run, per inactive customer",
            f"{per_customer:.0f} ms",
            "",
            None,
            f"{result.customers} customers and {result.callbacks} callbacks in {seconds:.1f} s,"
            f" {CUSTOMER_BATCH} customers to a transaction (the write lock is let go between batches)",
        )
    )
    print(figures[-1].name, figures[-1].value, figures[-1].note, flush=True)
    return figures


if __name__ == "__main__":
    print_table(measure())
