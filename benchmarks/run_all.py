"""Every benchmark, then one table with the targets and PASS/MISS.

    python3 dev.py bench
    .venv/bin/python benchmarks/run_all.py [--runs 7]

Exits 0 whatever the figures are: these are measurements to read, not tests.
"""

from __future__ import annotations

import argparse
import platform
import sys

import bench_documents
import bench_export
import bench_import
import bench_monthly_report
import bench_retention
import bench_scroll
import bench_search
import bench_startup
import bench_workbench
from common import CUSTOMERS, Figure, cached_database, print_table

TARGET_DEMO_S = 60.0


def main() -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark and print the figures.")
    parser.add_argument("--runs", type=int, default=bench_startup.RUNS, help="start-up runs per program")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.platform()}, {platform.processor() or 'cpu ?'}")

    figures: list[Figure] = []
    cached = cached_database()
    if cached.built_seconds is None:
        figures.append(Figure(f"demo data, {CUSTOMERS:,} customers", "cached", f"< {TARGET_DEMO_S:.0f} s", None,
                              f"reused {cached.folder}; delete it to measure generation again"))  # fmt: skip
    else:
        seconds = cached.built_seconds
        figures.append(Figure(f"demo data, {CUSTOMERS:,} customers", f"{seconds:.1f} s", f"< {TARGET_DEMO_S:.0f} s",
                              seconds < TARGET_DEMO_S, "whole command: start, generate, commit"))  # fmt: skip
    print()
    figures += bench_search.measure()
    print()
    figures += bench_workbench.measure()
    print()
    figures += bench_documents.measure()
    print()
    figures += bench_monthly_report.measure()
    print()
    figures += bench_retention.measure()
    print()
    figures += bench_scroll.measure()
    print()
    figures += bench_export.measure()
    figures += bench_import.measure()
    print()
    figures += bench_startup.measure(args.runs)
    print()
    print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
