"""Global search over 100,000 customers: the service call against the same SQL on raw sqlite3.

    .venv/bin/python benchmarks/bench_search.py

For each kind of query (a Chinese name, a phone fragment, pinyin initials) several queries are
run many times, alternating ``services.customers.search(q)`` and the statement that
``search_sql(*classify_query(q), 20)`` builds, executed on a plain ``sqlite3`` connection with
every row fetched. Prints the median of each and their ratio.
"""

from __future__ import annotations

import time

from common import Figure, cached_database, folder_key, median_ms, print_table, raw_connection

QUERIES = {
    "name": ("王建", "李秀", "张伟", "陈志", "刘芳", "周晓"),
    "phone": ("1381", "1595", "8888", "0216", "13912", "1776"),
    "pinyin": ("wxs", "lns", "zxs", "wjg", "cxy", "zhangwei"),
}
REPEAT = 25
LIMIT = 20  # CustomerService.search's default
TARGET_MS = 30.0
TARGET_RATIO = 1.5


def measure() -> list[Figure]:
    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.domain.search_keys import classify_query
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.database import PRAGMAS, close_database, open_database
    from jiazheng_desktop.storage.queries import search_sql

    cached = cached_database()
    clock = SystemClock()
    open_database(
        cached.database, backup_dir=cached.folder / "backups", now=clock.now(), key=folder_key(cached.folder)
    )
    raw = raw_connection(cached.folder)  # the same encrypted file, through the same SQLCipher engine
    # The same read-side settings the program uses, so the ratio measures Python, not cache size.
    raw.execute(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")
    raw.execute(f"PRAGMA temp_store = {PRAGMAS['temp_store']}")
    services = build_services(clock)
    app_all: list[float] = []
    raw_all: list[float] = []
    print(f"search: {sum(len(q) for q in QUERIES.values())} queries x {REPEAT} runs each, limit {LIMIT}")
    print(f"  {'kind':<7} {'query':<10} {'hits':>5} {'service ms':>11} {'raw ms':>8} {'ratio':>6}")
    per_kind: dict[str, tuple[list[float], list[float]]] = {}
    try:
        for kind, queries in QUERIES.items():
            app_kind: list[float] = []
            raw_kind: list[float] = []
            for query in queries:
                sql, params = search_sql(*classify_query(query), LIMIT)
                hits = services.customers.search(query)  # warm up both paths
                raw.execute(sql, params).fetchall()
                app_times: list[float] = []
                raw_times: list[float] = []
                for _ in range(REPEAT):
                    t0 = time.perf_counter()
                    services.customers.search(query)
                    t1 = time.perf_counter()
                    raw.execute(sql, params).fetchall()
                    t2 = time.perf_counter()
                    app_times.append(t1 - t0)
                    raw_times.append(t2 - t1)
                a, r = median_ms(app_times), median_ms(raw_times)
                print(f"  {kind:<7} {query:<10} {len(hits):>5} {a:>11.2f} {r:>8.2f} {a / r:>6.2f}")
                app_kind += app_times
                raw_kind += raw_times
            per_kind[kind] = (app_kind, raw_kind)
            app_all += app_kind
            raw_all += raw_kind
    finally:
        raw.close()
        close_database()

    figures: list[Figure] = []
    for kind, (app_kind, raw_kind) in per_kind.items():
        a, r = median_ms(app_kind), median_ms(raw_kind)
        figures.append(
            Figure(
                f"search {kind} median",
                f"{a:.2f} ms (raw {r:.2f} ms)",
                f"<= {TARGET_MS:.0f} ms",
                a <= TARGET_MS,
            )
        )
    a, r = median_ms(app_all), median_ms(raw_all)
    figures.append(Figure("search median, all", f"{a:.2f} ms", f"<= {TARGET_MS:.0f} ms", a <= TARGET_MS))
    figures.append(Figure("search vs raw sqlite3", f"{a / r:.2f}x ({r:.2f} ms raw)", f"<= {TARGET_RATIO}x",
                          a / r <= TARGET_RATIO))  # fmt: skip
    return figures


def main() -> int:
    figures = measure()
    print_table(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
