"""导出 Excel of the whole customer list (100,000 customers), against the best plain alternative.

    .venv/bin/python benchmarks/bench_export.py [--runs 3]

On a copy of the cached demo folder (see common.py; each export writes its audit row), alternating:

* the program: ``services.list_export.export_customers(CustomerFilter(), …)`` as the 客户 page's
  导出 Excel… runs it (the list's own query read through one cursor a page at a time, typed cells
  through ``services/xlsx.py``: text cells, real dates, labels, a part file renamed at the end);
* the alternative: one raw query of the same rows and columns on a bare SQLCipher connection, the
  same labels and dates, written with openpyxl's write-only mode as plain values (no cell objects,
  no formats, no part file): about the least any openpyxl export can do.

Prints the median of each, their ratio, the rows and the file's size, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import (
    DATABASE_NAME,
    Figure,
    cached_database,
    copy_data_folder,
    folder_key,
    print_table,
    raw_connection,
)

RUNS = 3
TARGET_S = 30.0
"""The 100,000-customer list within half a minute (it runs off the GUI thread with a progress bar)."""
TARGET_RATIO = 1.5


def _program(folder: Path, target: Path) -> tuple[float, int]:
    from jiazheng_desktop.demo.generator import DEMO_PASSWORD
    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.domain.staff import Role
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.customers import CustomerFilter
    from jiazheng_desktop.storage.database import close_database, open_database

    clock = SystemClock()
    open_database(
        folder / DATABASE_NAME, backup_dir=folder / "backups", now=clock.now(), key=folder_key(folder)
    )
    try:
        services = build_services(clock)
        owner = next(m for m in services.staff.list() if m.role == Role.OWNER)
        auth = services.staff.authorize(owner.id, DEMO_PASSWORD, Role.OWNER, "导出列表")
        started = time.perf_counter()
        exported = services.list_export.export_customers(CustomerFilter(), target, auth)
        return time.perf_counter() - started, exported.rows
    finally:
        close_database()


def _alternative(folder: Path, target: Path) -> tuple[float, int]:
    from openpyxl import Workbook

    from jiazheng_desktop.domain.customers import ContactChannel, CustomerType, VipTier
    from jiazheng_desktop.storage.queries import CUSTOMER_EXPORT_COLUMNS

    types = {t.value: t.label for t in CustomerType}
    tiers = {int(t.value): t.label for t in VipTier}
    channels = {c.value: c.label for c in ContactChannel}

    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text).astimezone().replace(tzinfo=None) if text else None

    started = time.perf_counter()
    conn = raw_connection(folder)
    try:
        rows = conn.execute(
            f"SELECT {CUSTOMER_EXPORT_COLUMNS} FROM customer WHERE erased_at IS NULL ORDER BY name_sort, id"
        )
        book = Workbook(write_only=True)
        sheet = book.create_sheet("客户")
        sheet.append(["客户编号", "称呼", "姓名", "电话", "区", "地址", "类型", "会员", "积分", "希望的联系方式",
                      "最近服务", "建档日期"])  # fmt: skip
        count = 0
        for r in rows:
            sheet.append(
                [r[0], r[1], r[2], (r[3] or "").replace(",", "、"), r[4], r[9], types.get(r[5], r[5]),
                 tiers.get(r[6], r[6]), r[10], channels.get(r[11], r[11]), when(r[7]), when(r[8])]
            )  # fmt: skip
            count += 1
        book.save(str(target))
    finally:
        conn.close()
    return time.perf_counter() - started, count


def measure(runs: int = RUNS) -> list[Figure]:
    cached = cached_database()
    program: list[float] = []
    alternative: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as temp:
        folder = copy_data_folder(cached.folder, Path(temp) / "office")
        ours, theirs = Path(temp) / "客户.xlsx", Path(temp) / "raw.xlsx"
        rows = raw_rows = 0
        for run in range(runs):
            seconds, rows = _program(folder, ours)
            program.append(seconds)
            seconds, raw_rows = _alternative(folder, theirs)
            alternative.append(seconds)
            print(
                f"  run {run + 1}: export_customers {program[-1]:.2f} s, raw query + openpyxl {seconds:.2f} s"
            )
        size = ours.stat().st_size / 1e6
        raw_size = theirs.stat().st_size / 1e6
    ours_s, theirs_s = statistics.median(program), statistics.median(alternative)
    ratio = ours_s / theirs_s
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if sys.platform != "win32" else 0
    print(
        f"customer list export: {rows:,} rows, {size:.1f} MB (raw alternative {raw_rows:,} rows, {raw_size:.1f} MB)"
    )
    print(f"  median {ours_s:.2f} s; raw query + openpyxl write-only {theirs_s:.2f} s; ratio {ratio:.2f}x")
    print(f"  peak memory of this process {peak:.0f} MB")
    return [
        Figure(f"export customers, {rows:,} rows", f"{ours_s:.1f} s", f"<= {TARGET_S:.0f} s", ours_s <= TARGET_S,
               f"median of {runs}; {size:.1f} MB xlsx; peak RSS {peak:.0f} MB"),
        Figure("export vs raw query + openpyxl", f"{ratio:.2f}x", f"<= {TARGET_RATIO}x", ratio <= TARGET_RATIO,
               f"raw: {theirs_s:.1f} s, plain values, no cell types or formats"),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    print_table(measure(args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
