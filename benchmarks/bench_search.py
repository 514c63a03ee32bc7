"""Global search: the service call against the best raw *indexed* query for the same result set.

    .venv/bin/python benchmarks/bench_search.py [--customers 100000|1000000]

For each query, ``services.customers.search(q)`` (limit 20) and a statement written out by hand for the
same 20 rows, on a raw SQLCipher connection to the same file: the FTS5 index for the rank that fills
the page, or the most-recent-first index where nearly everyone matches. Both are checked to return the
same ids. Prints median and p90 of each and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import CUSTOMERS, Figure, cached_database, folder_key, median_ms, print_table, raw_connection

REPEAT = 25
LIMIT = 20
TARGET_MS = 10.0
TARGET_RATIO = 2.0
COLUMNS = "id, address_as, name, phones, district, vip_tier"
ORDER = " ORDER BY last_service_at DESC NULLS LAST, id LIMIT 20"
FTS = "id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?) AND erased_at IS NULL"


def raw_queries(phone: str) -> dict[str, tuple[str, str]]:
    """Per query: the index phrase and the exact condition a person would write for its first page.

    The page of each is the service's: the rank that fills it (whole number, name or key; a prefix;
    a fragment anywhere), so the condition is the one of that rank alone.
    """
    return {
        phone: (f'phones : ",{phone},"', f"',' || phone_digits || ',' LIKE '%,{phone},%'"),
        # 5678 is nowhere a whole number or a number's start: the page fills from "anywhere".
        "5678": ('phones : "5678"', "phone_digits LIKE '%5678%'"),
        "王建": ('names : "|王建"', "(name LIKE '王建%' OR address_as LIKE '王建%')"),
        "1381": ('phones : ",1381"', "',' || phone_digits LIKE '%,1381%'"),
        "zhangwei": ('keys : "|zhangwei|"', "search_keys LIKE '%|zhangwei|%'"),
        "王": ('names : "|王"', "(name LIKE '王%' OR address_as LIKE '王%')"),
        "wj": ('keys : "|wj|"', "search_keys LIKE '%|wj|%'"),
    }


def alternatives(phrase: str, condition: str) -> dict[str, tuple[str, list[object]]]:
    """The two ways to read a page by hand: the FTS5 index's candidates, or the most-recent-first
    index read until the page is full. The benchmark times both and compares with the faster."""
    return {
        "fts": (f"SELECT {COLUMNS} FROM customer WHERE {FTS} AND {condition}{ORDER}", [phrase]),
        "scan": (
            f"SELECT {COLUMNS} FROM customer INDEXED BY customer_last_service WHERE erased_at IS NULL"
            f" AND {condition}{ORDER}",
            [],
        ),
    }


def _p90(seconds: list[float]) -> float:
    return sorted(seconds)[int(0.9 * (len(seconds) - 1))] * 1000


def measure(customers: int = CUSTOMERS) -> list[Figure]:
    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.database import PRAGMAS, close_database, open_database
    from jiazheng_desktop.storage.models import db

    cached = cached_database(customers)
    clock = SystemClock()
    open_database(
        cached.database, backup_dir=cached.folder / "backups", now=clock.now(), key=folder_key(cached.folder)
    )
    raw = raw_connection(cached.folder)
    raw.execute(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")
    raw.execute(f"PRAGMA temp_store = {PRAGMAS['temp_store']}")
    services = build_services(clock)
    phone = (
        db.execute_sql(
            "SELECT phone_digits FROM customer WHERE phone_digits != '' ORDER BY id LIMIT 1 OFFSET 777"
        )
        .fetchone()[0]
        .split(",")[0]
    )
    app_all: list[float] = []
    raw_all: list[float] = []
    print(f"search over {customers:,} customers: 7 queries x {REPEAT} runs, limit {LIMIT}")
    print(
        f"  {'query':<12} {'hits':>4} {'service ms (p90)':>17} {'raw ms (p90)':>14} {'way':>5} {'ratio':>6}"
    )
    try:
        for query, (phrase, condition) in raw_queries(phone).items():
            hits = [h.id for h in services.customers.search(query)]
            ways = alternatives(phrase, condition)
            same = {name: [r[0] for r in raw.execute(sql, params).fetchall()] == hits
                    for name, (sql, params) in ways.items()}  # fmt: skip
            app_times: list[float] = []
            raw_times: dict[str, list[float]] = {name: [] for name in ways}
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                services.customers.search(query)
                app_times.append(time.perf_counter() - t0)
                for name, (sql, params) in ways.items():
                    t1 = time.perf_counter()
                    raw.execute(sql, params).fetchall()
                    raw_times[name].append(time.perf_counter() - t1)
            right = [name for name in ways if same[name]]
            best = min(right or list(ways), key=lambda name: statistics.median(raw_times[name]))
            a, r = median_ms(app_times), median_ms(raw_times[best])
            note = "" if right else "  (no raw query returned the same rows!)"
            print(f"  {query:<12} {len(hits):>4} {a:>8.2f} ({_p90(app_times):>6.2f})"
                  f" {r:>6.2f} ({_p90(raw_times[best]):>5.2f}) {best:>5} {a / r:>6.2f}{note}")  # fmt: skip
            app_all += app_times
            raw_all += raw_times[best]
    finally:
        raw.close()
        close_database()
    a, r = median_ms(app_all), median_ms(raw_all)
    ratio = statistics.median(x / y for x, y in zip(app_all, raw_all, strict=True))
    return [
        Figure(f"search median, {customers:,} customers", f"{a:.2f} ms (p90 {_p90(app_all):.2f})",
               f"<= {TARGET_MS:.0f} ms", a <= TARGET_MS),
        Figure("search vs best raw indexed query", f"{ratio:.2f}x ({r:.2f} ms raw)", f"<= {TARGET_RATIO}x",
               ratio <= TARGET_RATIO),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=CUSTOMERS)
    print_table(measure(parser.parse_args().customers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
