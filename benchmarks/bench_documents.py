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
from datetime import time as clock_time
from pathlib import Path

from common import Figure, median_ms, print_table

REPEAT = 30
TARGET_MS = 200.0


def measure() -> list[Figure]:
    from jiazheng_desktop.domain.clock import CHINA_TZ, FixedClock
    from jiazheng_desktop.domain.customers import CustomerDraft
    from jiazheng_desktop.domain.incidents import RemedyDraft, Step
    from jiazheng_desktop.paths import DataPaths
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.incidents import IncidentDraft
    from jiazheng_desktop.services.settings import AgencyInfo
    from jiazheng_desktop.storage.database import close_database, open_database

    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
    with tempfile.TemporaryDirectory(prefix="jiazheng-notice-") as tmp:
        paths = DataPaths(Path(tmp) / "office")
        paths.ensure()
        open_database(paths.database, backup_dir=paths.backups, now=clock.now())
        try:
            services = build_services(clock, paths.documents)
            agency = AgencyInfo("上海安心到家家政服务有限公司", "上海市徐汇区漕溪北路398号", "021-64381275")
            owner = services.onboarding.set_up(agency, "李店主", "bench-pass", "bench-pass")
            services.staff.set_on_duty(owner)
            customer = services.customers.create(
                CustomerDraft(
                    name="王建国", honorific="先生", phone="13812345678",
                    contact_start=clock_time(9), contact_end=clock_time(20),
                )
            )  # fmt: skip
            incident = services.incidents.open_incident(
                IncidentDraft(
                    customer_id=customer, category="物品损坏", severity=2, customer_said="阿姨打碎了花瓶"
                )
            )
            steps = {
                Step.IDENTIFY: {"what_happened": "保洁时碰倒客厅的花瓶，花瓶摔碎", "root_cause": "技能不足"},
                Step.LISTEN: {"customer_account": "花瓶是母亲留下的", "customer_needs": "希望公司重视并赔偿"},
                Step.EMPATHIZE: {"apology": "非常抱歉打碎了您珍视的花瓶"},
            }
            for step, data in steps.items():
                services.incidents.complete_step(incident, step, data)
            services.incidents.complete_step(
                incident,
                Step.ACT,
                {"action_plan": "按原价赔偿，并安排阿姨接受物品保护培训"},
                [RemedyDraft("补偿券", "100", "下次服务抵扣"), RemedyDraft("免费返工", "", "重新打扫客厅")],
            )
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
