"""The 工作台 on 100,000 customers: ``WorkbenchService.today()``, all five lists.

    .venv/bin/python benchmarks/bench_workbench.py

Opens the cached demo database (see common.py), warms up once, then times ``today()`` 30 times
with the real clock and prints the median and the 90th percentile, and how many rows each list had.
"""

from __future__ import annotations

import statistics
import time

from common import Figure, cached_database, median_ms, print_table

REPEAT = 30
TARGET_MS = 100.0


def measure() -> list[Figure]:
    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.workbench import WorkbenchService
    from jiazheng_desktop.storage.database import close_database, open_database

    cached = cached_database()
    clock = SystemClock()
    open_database(cached.database, backup_dir=cached.folder / "backups", now=clock.now())
    try:
        services = build_services(clock)
        workbench = WorkbenchService(services.context, services.incidents, services.contracts)
        bench = workbench.today()  # warm up (and load the complaint modules)
        times: list[float] = []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            workbench.today()
            times.append(time.perf_counter() - t0)
    finally:
        close_database()
    counts = ", ".join(
        f"{name} {len(getattr(bench, name))}"
        for name in ("callbacks", "deadlines", "renewals", "vouchers", "new_incidents")
    )
    median = median_ms(times)
    p90 = statistics.quantiles(times, n=10)[-1] * 1000
    print(f"workbench: today() x {REPEAT} on {bench.today}: median {median:.1f} ms, p90 {p90:.1f} ms")
    print(f"  rows: {counts}")
    return [
        Figure("workbench today() median", f"{median:.1f} ms", f"<= {TARGET_MS:.0f} ms", median <= TARGET_MS),
        Figure("workbench today() p90", f"{p90:.1f} ms", "-", None, counts),
    ]


def main() -> int:
    print_table(measure())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
