"""The first visit of every section on 100,000 customers, and the window's memory after all ten.

    .venv/bin/python benchmarks/bench_sections.py [--customers N]

A small child process opens a copy of the cached demo database as the program does (migrations,
services, the first staff member on duty as ``run --quit-when-idle`` does), builds the real main
window, shows it and waits until it is idle, then one second more (its first background reads
done, as before anyone clicks). Then it visits each section once, in navigation order,
as a click in the section list does: the time counted runs from the click until the page is painted
and the event loop has nothing left to do. After the tenth its memory is read from
``/proc/self/status`` (VmRSS now, VmHWM the peak of the whole run, start-up included): its own,
since the child starts from a small launcher and not from this process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CUSTOMERS, ROOT, Figure, cached_database, child_env, copy_data_folder, print_table

TARGET_MS = 150.0
TARGET_MB = 200.0
SETTLE_S = 1.0
"""How long the window is left alone after it is idle before the first click."""


def _memory() -> dict[str, float]:
    values: dict[str, float] = {}
    status = Path("/proc/self/status")
    if not status.exists():
        return values
    for line in status.read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            values[name] = int(rest.split()[0]) / 1024
    return values


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until nothing is left to do (posted events, zero timers, paints)."""
    from PySide6.QtCore import QEventLoop

    for _ in range(5):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        app.sendPostedEvents()
    app.processEvents()


def _child(folder: Path) -> dict[str, object]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.gui.common.app_style import apply_theme
    from jiazheng_desktop.gui.window.shell import build_main_window
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.database import open_database
    from jiazheng_desktop.storage.keys import key_store_for

    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    clock = SystemClock()
    database = folder / "jiazheng.sqlite3"
    open_database(database, backup_dir=folder / "backups", now=clock.now(), key=key_store_for(folder).load())
    services = build_services(clock, folder / "documents")
    staff = services.staff.list()
    services.staff.set_on_duty(staff[0].id)
    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = build_main_window(services, settings)
    window.resize(1280, 800)
    nav = window.ui.nav_list
    visits: list[tuple[str, str, float]] = []
    # No section chosen yet (restore_state would build 工作台): each is built by its visit. Showing the
    # window makes the section list choose its first row, so 工作台's first visit is the window's first
    # paint with it (a little more than the page alone).
    started = time.perf_counter()
    window.show()
    _settle(app)
    seconds = time.perf_counter() - started
    # As a person would: the window has come up and finished its first reads before the first click
    # (工作台 reads its lists a moment after it is painted; a click inside that moment would share it).
    settled = time.perf_counter() + SETTLE_S
    while time.perf_counter() < settled:
        app.processEvents()
        time.sleep(0.01)
    _settle(app)
    keys = window.section_keys()
    if window.built_page(keys[0]) is not None:
        item = nav.item(0)
        visits.append((keys[0], item.text() if item is not None else keys[0], seconds))
    for row, key in enumerate(keys):
        first = window.built_page(key) is None
        if not first and visits and visits[0][0] == key:
            continue
        started = time.perf_counter()
        nav.setCurrentRow(row)  # what a click in the section list does
        page = window.current_page()
        if page is not None:
            page.repaint()
        _settle(app)
        seconds = time.perf_counter() - started
        item = nav.item(row)
        visits.append((key, item.text() if item is not None else key, seconds if first else -seconds))
    memory = _memory()
    window.setProperty("quitting", True)
    window.close()
    return {"visits": visits, **memory}


def _run(folder: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--child", str(folder)], cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=600)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"bench_sections failed:\n{done.stdout}{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(customers: int = CUSTOMERS) -> list[Figure]:
    cached = cached_database(customers)
    with tempfile.TemporaryDirectory(prefix="jiazheng-sections-") as tmp:
        folder = copy_data_folder(cached.folder, Path(tmp) / "office")
        result = _run(folder)
    figures: list[Figure] = []
    visits = result["visits"]
    assert isinstance(visits, list)
    for key, title, seconds in visits:
        ms = abs(float(seconds)) * 1000
        note = "" if float(seconds) >= 0 else "already built before its visit"
        print(f"  {key:10s} {ms:7.0f} ms  {title}", flush=True)
        figures.append(Figure(f"first visit: {key} ({customers:,} customers)", f"{ms:.0f} ms",
                              f"<= {TARGET_MS:.0f} ms", ms <= TARGET_MS, note))  # fmt: skip
    rss, hwm = float(result.get("VmRSS", 0.0)), float(result.get("VmHWM", 0.0))  # type: ignore[arg-type]
    figures.append(Figure("window memory after visiting all ten sections", f"{rss:.0f} MB",
                          f"<= {TARGET_MB:.0f} MB", rss <= TARGET_MB and hwm <= TARGET_MB,
                          f"peak of the whole run (VmHWM) {hwm:.0f} MB"))  # fmt: skip
    return figures


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(Path(sys.argv[2])), ensure_ascii=False))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=CUSTOMERS)
    args = parser.parse_args()
    print_table(measure(args.customers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
