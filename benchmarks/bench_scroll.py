"""Scrolling the customer list to its last row on 100,000 customers, keyset window against OFFSET paging.

    .venv/bin/python benchmarks/bench_scroll.py [--customers N]

Each approach runs in its own small child process (so its memory is its own, read from VmHWM/VmRSS
in ``/proc/self/status``) on the same cached demo database, with a real ``QTableView`` offscreen:

- **keyset** (the program's ``CustomerTableModel``): every customer is a row; the scroll bar is
  dragged to the maximum and the view painted; then a jump into the middle and the same again;
- **offset** (the model before issue 15, written out below): rows are appended 200 at a time by
  ``fetchMore`` with ``LIMIT 200 OFFSET n``; the user holds the scroll bar at the bottom (each time the
  view reaches it Qt fetches the next page) until the last customer is shown.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from common import CUSTOMERS, ROOT, Figure, cached_database, child_env, folder_key, print_table

TARGET_S = 1.0
TARGET_MB = 200.0


def _memory() -> dict[str, float]:
    status = Path("/proc/self/status").read_text()
    values = {}
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            values[name] = int(rest.split()[0]) / 1024
    return values


def _child(approach: str, customers: int) -> dict[str, float]:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.gui.customers.table_model import COLUMNS, CustomerTableModel
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.services.customers import CustomerFilter, CustomerRow, CustomerService
    from jiazheng_desktop.storage.database import open_database

    class OffsetCustomerModel(QAbstractTableModel):
        """The list as it was: the rows fetched so far, one more OFFSET page per ``fetchMore``."""

        PAGE_SIZE = 200

        def __init__(self, customers: CustomerService) -> None:
            super().__init__()
            self._customers = customers
            self._flt = CustomerFilter()
            self._total = customers.count(self._flt)
            self._rows: list[CustomerRow] = customers.page(self._flt, 0, self.PAGE_SIZE)

        def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
            return 0 if parent.isValid() else len(self._rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
            return 0 if parent.isValid() else len(COLUMNS)

        def canFetchMore(self, parent=QModelIndex()) -> bool:  # type: ignore[no-untyped-def]  # noqa: B008
            return not parent.isValid() and len(self._rows) < self._total

        def fetchMore(self, parent=QModelIndex()) -> None:  # type: ignore[no-untyped-def]  # noqa: B008
            more = self._customers.page(self._flt, len(self._rows), self.PAGE_SIZE)
            if not more:
                self._total = len(self._rows)
                return
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
                return None
            return str(getattr(self._rows[index.row()], COLUMNS[index.column()][0]))

    app = QApplication.instance() or QApplication([])
    cached = cached_database(customers)
    clock = SystemClock()
    open_database(cached.database, backup_dir=cached.folder / "backups", now=clock.now(),
                  key=folder_key(cached.folder))  # fmt: skip
    services = build_services(clock)
    view = QTableView()
    view.resize(1000, 700)
    started = time.perf_counter()
    if approach == "keyset":
        model = CustomerTableModel(services.customers)
        model.set_filter(CustomerFilter())
    else:
        model = OffsetCustomerModel(services.customers)  # type: ignore[assignment]
    view.setModel(model)
    view.show()
    app.processEvents()
    opened = time.perf_counter() - started
    total = services.customers.count()
    bar = view.verticalScrollBar()
    started = time.perf_counter()
    while True:
        bar.setValue(bar.maximum())
        view.viewport().repaint()
        app.processEvents()
        if view.rowAt(view.viewport().height() - 2) == total - 1 or total == 0:
            break
    to_end = time.perf_counter() - started
    result = {"open_s": opened, "to_end_s": to_end, **_memory()}
    if approach == "keyset":
        started = time.perf_counter()
        bar.setValue(bar.maximum() // 2)
        view.viewport().repaint()
        app.processEvents()
        result["jump_s"] = time.perf_counter() - started
        result["cached_rows"] = float(model.cached_rows)
        started = time.perf_counter()
        bar.setValue(bar.maximum())
        view.viewport().repaint()
        app.processEvents()
        result["again_s"] = time.perf_counter() - started
    return result


def _run(approach: str, customers: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", approach, str(customers)], cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, encoding="utf-8", errors="replace")  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"bench_scroll {approach} failed:\n{done.stdout}{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


OFFSET_UP_TO = 100_000
"""The old model is run up to this size: at 1,000,000 its scroll to the end would take many minutes."""


def measure(customers: int = CUSTOMERS) -> list[Figure]:
    cached_database(customers)
    keyset = _run("keyset", customers)
    figures = [
        Figure("customers: scroll to the last row (keyset)", f"{keyset['to_end_s']:.2f} s", f"<= {TARGET_S:.0f} s",
               keyset["to_end_s"] <= TARGET_S,
               f"scroll bar to the maximum, painted; jump to the middle {keyset['jump_s'] * 1000:.0f} ms, back to"
               f" the end {keyset['again_s'] * 1000:.0f} ms; {keyset['cached_rows']:.0f} rows in memory"),
        Figure("customers list process after scrolling (keyset)", f"{keyset['VmRSS']:.0f} MB",
               f"<= {TARGET_MB:.0f} MB", keyset["VmRSS"] <= TARGET_MB, f"peak {keyset['VmHWM']:.0f} MB"),
    ]  # fmt: skip
    print(f"keyset: {keyset}")
    if customers <= OFFSET_UP_TO:
        offset = _run("offset", customers)
        print(f"offset: {offset}")
        figures += [
            Figure("customers: scroll to the last row (OFFSET, before)", f"{offset['to_end_s']:.2f} s", "-", None,
                   "the old fetchMore model, LIMIT 200 OFFSET n, same file, same run"),
            Figure("customers list process after scrolling (OFFSET)", f"{offset['VmRSS']:.0f} MB", "-", None,
                   f"peak {offset['VmHWM']:.0f} MB"),
        ]  # fmt: skip
    return figures


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], int(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=CUSTOMERS)
    print_table(measure(parser.parse_args().customers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
