"""The customers-list filter in the real page, typed on the GUI: text set → model updated, and the GUI's longest stall.

    .venv/bin/python benchmarks/bench_filter.py [--customers 1000000]

A child process (offscreen Qt, its own memory) opens the cached demo database and shows the real
``CustomersPage``. For each query a slow typist types it a character every 200 ms (so the earlier
prefixes' queries start too, and are overtaken: newest wins); the clock runs from the last character set
to the model showing that text's rows. A 1 ms ``QTimer`` ticks all the while: the longest interval between
two ticks is how long the GUI thread was blocked. It is reported twice, honestly: including the tick gap
that holds the final model swap (model reset, first rows painted) and excluding it (typing only).
"Before" is the same filter read on the GUI thread (``apply_filter_here``, the way it ran before).

The figures include any typing pause (``FILTER_DELAY_MS``, now 0: each key starts a read at once on
the page's ``WarmReader``, which keeps its connection and page cache from one read to the next); the
worker's own read time is shown beside. Later pages while scrolling are still read on the GUI thread
(keyset reads of a few ms, ``bench_scroll``).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CUSTOMERS, ROOT, Figure, cache_dir, cached_database, child_env, folder_key, print_table

TARGET_UPDATE_MS = 30.0
"""Text set → model updated, beyond any typing pause (at a million customers)."""
TARGET_BLOCK_MS = 30.0
TYPING_INTERVAL_MS = 200
QUERIES = ("王建", "1381", "zhangwei")  # and one customer's full phone, read from the file


def _child(customers: int) -> dict[str, object]:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.gui.customers.page import FILTER_DELAY_MS, CustomersPage
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.customers import CustomerFilter
    from jiazheng_desktop.storage.database import open_database

    app = QApplication.instance() or QApplication([])
    folder = cache_dir(customers)
    clock = SystemClock()
    open_database(folder / "jiazheng.sqlite3", backup_dir=folder / "backups", now=clock.now(),
                  key=folder_key(folder))  # fmt: skip
    services = build_services(clock)
    first = services.customers.listing(CustomerFilter()).after(None, 1).rows
    phone = first[0].phones.split(",")[0] if first else "13800000000"
    with tempfile.TemporaryDirectory() as state:
        settings = QSettings(str(Path(state) / "ui.ini"), QSettings.Format.IniFormat)
        page = CustomersPage(services, settings)
        page.resize(1280, 720)
        page.show()
        app.processEvents()

        ticks: list[float] = []
        ticker = QTimer(interval=1)
        ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
        resets: list[float] = []
        page.model.modelReset.connect(lambda: resets.append(time.perf_counter()))
        reads: list[float] = []
        read_filter = page.model.read_filter

        def timed_read(flt: CustomerFilter):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return read_filter(flt)
            finally:
                reads.append(time.perf_counter() - started)

        page.model.read_filter = timed_read  # type: ignore[method-assign]

        def wait_until(done, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
            limit = time.perf_counter() + timeout
            while not done():
                if time.perf_counter() > limit:
                    raise SystemExit("the filter did not finish")
                app.processEvents()
                time.sleep(0.0005)

        def idle() -> bool:
            return not page.filter_search.is_busy

        results = []
        for query in (*QUERIES, phone):
            page.ui.filter_edit.blockSignals(True)
            page.ui.filter_edit.clear()
            page.ui.filter_edit.blockSignals(False)
            page.apply_filter_here()  # the whole list again, before each query
            # Before: the same filter read on the GUI thread.
            page.ui.filter_edit.blockSignals(True)
            page.ui.filter_edit.setText(query)
            page.ui.filter_edit.blockSignals(False)
            started = time.perf_counter()
            page.apply_filter_here()
            app.processEvents()
            before_ms = (time.perf_counter() - started) * 1000
            page.ui.filter_edit.blockSignals(True)
            page.ui.filter_edit.clear()
            page.ui.filter_edit.blockSignals(False)
            page.apply_filter_here()
            app.processEvents()
            # After: typed, a character every TYPING_INTERVAL_MS; the filter runs on the worker.
            ticks.clear()
            resets.clear()
            reads.clear()
            ticker.start()
            for end in range(1, len(query) + 1):
                page.ui.filter_edit.setText(query[:end])
                if end < len(query):
                    pause = time.perf_counter() + TYPING_INTERVAL_MS / 1000
                    while time.perf_counter() < pause:
                        app.processEvents()
                        time.sleep(0.0005)
            typed = time.perf_counter()
            wait_until(lambda q=query: idle() and page.model.current_filter.text == q)
            updated = resets[-1] if resets else time.perf_counter()
            settle = time.perf_counter() + 0.05
            while time.perf_counter() < settle:  # a few ticks after the swap, to close its gap
                app.processEvents()
                time.sleep(0.0005)
            ticker.stop()
            gaps = [(b - a, b) for a, b in itertools.pairwise(ticks)]
            swap = [g for g, end in gaps if end >= updated and end - g <= updated + 0.001]
            typing = [g for g, end in gaps if not (end >= updated and end - g <= updated + 0.001)]
            results.append({
                "query": query,
                "rows": page.model.total,
                "before_ms": before_ms,
                "update_ms": (updated - typed) * 1000,
                "read_ms": reads[-1] * 1000 if reads else 0.0,
                "reads": len(reads),
                "block_ms": max((g for g, _ in gaps), default=0.0) * 1000,
                "typing_block_ms": max(typing, default=0.0) * 1000,
                "swap_ms": max(swap, default=0.0) * 1000,
            })  # fmt: skip
        page.filter_search.wait()
    return {"customers": services.customers.count(), "queries": results, "delay_ms": FILTER_DELAY_MS}


def _run(customers: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--child", str(customers)], cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, encoding="utf-8", errors="replace")  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"bench_filter ({customers}) failed:\n{done.stdout}{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _figures(result: dict[str, object]) -> list[Figure]:
    customers = int(result["customers"])  # type: ignore[call-overload]
    queries: list[dict[str, float]] = result["queries"]  # type: ignore[assignment]
    delay = float(result.get("delay_ms", 0))  # type: ignore[arg-type]
    big = customers >= 1_000_000
    update = max(q["update_ms"] for q in queries)
    block = max(q["typing_block_ms"] for q in queries)
    with_swap = max(q["block_ms"] for q in queries)
    before = max(q["before_ms"] for q in queries)
    per_query = "; ".join(
        f"{q['query']} {q['rows']:.0f} rows: {q['update_ms']:.0f} ms (read {q['read_ms']:.0f} ms, before"
        f" {q['before_ms']:.0f} ms), block {q['typing_block_ms']:.0f}/{q['swap_ms']:.0f} ms"
        for q in queries
    )
    beyond = update - delay
    return [
        Figure(f"customers-list filter in the GUI (text set -> model updated), {customers:,}",
               f"{update:.0f} ms", (f"<= {delay:.0f} + {TARGET_UPDATE_MS:.0f} ms" if delay else f"<= {TARGET_UPDATE_MS:.0f} ms") if big else "-",
               beyond <= TARGET_UPDATE_MS if big else None,
               f"slowest of {len(queries)} queries" + (f", incl. the {delay:.0f} ms typing pause" if delay else ", no typing pause") + f": {per_query}"),
        Figure(f"longest GUI-thread block while typing, {customers:,}", f"{block:.0f} ms",
               f"<= {TARGET_BLOCK_MS:.0f} ms", block <= TARGET_BLOCK_MS,
               "1 ms QTimer, excluding the final model swap"),
        Figure(f"longest GUI-thread block incl. the model swap, {customers:,}", f"{with_swap:.0f} ms",
               f"<= {TARGET_BLOCK_MS:.0f} ms", with_swap <= TARGET_BLOCK_MS,
               "the swap: model reset and first page painted on the GUI thread"),
        Figure(f"customers-list filter on the GUI thread (before), {customers:,}", f"{before:.0f} ms", "-", None,
               "slowest query, read and shown on the GUI thread: that long the window froze"),
    ]  # fmt: skip


def measure(customers: int = CUSTOMERS) -> list[Figure]:
    """The figures on the cached database of ``customers`` (built if missing, as every bench does)."""
    cached_database(customers)
    return _figures(_run(customers))


def main() -> int:
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--child":
        print(json.dumps(_child(int(args[1]))))
        return 0
    customers = int(args[args.index("--customers") + 1]) if "--customers" in args else CUSTOMERS
    print_table(measure(customers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
