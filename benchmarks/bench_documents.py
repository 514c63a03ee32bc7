"""A compensation notice, end to end: read the incident, lay out the page, embed the font, save.

    .venv/bin/python benchmarks/bench_documents.py

Makes a data folder in a temporary directory with one complaint walked to 行动 (a voucher and a
free redo), then times ``services.documents.compensation_notice(id)`` — the same call the 打印 menu
makes — once cold (the font is registered then) and 30 times warm. Target: median ≤ 200 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import Figure, median_ms, print_table

REPEAT = 30
TARGET_MS = 200.0


def measure() -> list[Figure]:
    from jiazheng_desktop.domain.clock import CHINA_TZ, FixedClock
    from jiazheng_desktop.paths import DataPaths
    from jiazheng_desktop.self_test import sample_complaint
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.settings import AgencyInfo
    from jiazheng_desktop.storage.database import close_database, open_database

    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
    with tempfile.TemporaryDirectory(prefix="jiazheng-notice-") as tmp:
        paths = DataPaths(Path(tmp) / "office")
        paths.ensure()
        open_database(paths.database, backup_dir=paths.backups, now=clock.now(), key=bytes(range(32)))
        try:
            services = build_services(clock, paths.documents)
            agency = AgencyInfo("上海安心到家家政服务有限公司", "上海市徐汇区漕溪北路398号", "021-64381275")
            owner = services.onboarding.set_up(agency, "李店主", "bench-pass", "bench-pass")
            services.staff.set_on_duty(owner)
            _customer, incident = sample_complaint(services)  # the same complaint --self-test prints
            t0 = time.perf_counter()
            path = services.documents.compensation_notice(incident)
            cold_ms = (time.perf_counter() - t0) * 1000
            times: list[float] = []
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                services.documents.compensation_notice(incident)
                times.append(time.perf_counter() - t0)
            size_kb = path.stat().st_size / 1024
        finally:
            close_database()
    median = median_ms(times)
    p90 = statistics.quantiles(times, n=10)[-1] * 1000
    print(f"compensation notice: first {cold_ms:.0f} ms (registers the font), then x {REPEAT}: "
          f"median {median:.1f} ms, p90 {p90:.1f} ms, {size_kb:.0f} KB")  # fmt: skip
    return [
        Figure(
            "compensation notice median",
            f"{median:.0f} ms",
            f"<= {TARGET_MS:.0f} ms",
            median <= TARGET_MS,
            f"first {cold_ms:.0f} ms (font registered once); p90 {p90:.0f} ms; {size_kb:.0f} KB",
        ),
    ]


def main() -> int:
    print_table(measure())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
