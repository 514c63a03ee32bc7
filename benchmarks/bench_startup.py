"""Start-up: the program on 100,000 customers against a bare PySide6 window, and its peak memory.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--customers 100000]

Each run is wall time from spawning the process to the moment it reports its main window
shown and idle (what a user waits for; the time to exit is printed too but not compared):
``python -m jiazheng_desktop --data-dir COPY run --quit-when-idle`` shows the main window,
prints a line starting with "idle" once the event loop is idle, and exits 0;
``benchmarks/bare_window.py`` does the same with an empty QMainWindow. Runs alternate
between the two after one warm-up each (not counted). COPY is a copy of the cached demo
database (the program writes to its folder). Qt runs offscreen unless QT_QPA_PLATFORM is set.
Both run as an installed program would, with compiled ``.pyc`` files (``common.child_env``).
Peak memory is each child's own VmHWM (from ``/proc/self/status``), which it prints on its "idle"
line when JIAZHENG_REPORT_MEMORY is set: the largest over the counted runs. (The ru_maxrss that
``os.wait4`` reports is kept only as a fallback where there is no /proc: a child started from a large
Python process, run_all's, reports the parent's high-water mark there.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    CUSTOMERS,
    ROOT,
    Figure,
    cached_database,
    child_env,
    copy_data_folder,
    median_ms,
    print_table,
)

RUNS = 7
TIMEOUT_S = 120.0
TARGET_RATIO = 2.0
TARGET_MB = 200.0
MEMORY_ENV = "JIAZHENG_REPORT_MEMORY"  # as in jiazheng_desktop.app


@dataclass(frozen=True)
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    maxrss_bytes: int | None
    timed_out: bool
    exit_seconds: float = 0.0

    @property
    def peak_bytes(self) -> int | None:
        """The child's own VmHWM from its "idle" line, else ru_maxrss (which may be its parent's)."""
        for line in self.stdout.splitlines():
            if line.startswith("idle") and "VmHWM=" in line:
                return int(line.split("VmHWM=", 1)[1].split()[0]) * 1024
        return self.maxrss_bytes

    @property
    def idle(self) -> bool:
        return self.returncode == 0 and any(line.startswith("idle") for line in self.stdout.splitlines())

    def problem(self) -> str:
        """Why this run does not count, for the report."""
        if self.timed_out:
            why = f"was killed after {TIMEOUT_S:.0f} s (waiting at a dialog?)"
        elif self.returncode != 0:
            why = f"exited with {self.returncode}"
        else:
            why = "exited 0"
        tail = (self.stderr.strip() or self.stdout.strip()).splitlines()[-6:]
        detail = ("; last output: " + " | ".join(tail)) if tail else "; no output"
        return f"did not print 'idle': {why}{detail}"


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """Spawn ``command``; return the time until it printed "idle", its output and peak memory."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, cwd=ROOT, env=env
        )
        killed = threading.Event()
        lines: list[str] = []
        idle_at: list[float] = []

        def read() -> None:
            assert proc.stdout is not None
            for raw in proc.stdout:
                line = raw.decode("utf-8", "replace")
                if line.startswith("idle") and not idle_at:
                    idle_at.append(time.perf_counter() - started)
                lines.append(line)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(TIMEOUT_S, kill)
        timer.start()
        try:
            maxrss: int | None = None
            if hasattr(os, "wait4"):
                _pid, status, usage = os.wait4(proc.pid, 0)
                exited = time.perf_counter() - started
                proc.returncode = os.waitstatus_to_exitcode(status)
                # Linux reports KiB, macOS bytes.
                maxrss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            else:
                proc.wait()
                exited = time.perf_counter() - started
        finally:
            timer.cancel()
        reader.join(5)
        err.seek(0)
        return Run(
            seconds=idle_at[0] if idle_at else exited,
            returncode=proc.returncode,
            stdout="".join(lines),
            stderr=err.read().decode("utf-8", "replace"),
            maxrss_bytes=maxrss,
            timed_out=killed.is_set(),
            exit_seconds=exited,
        )


def measure(runs: int = RUNS, customers: int = CUSTOMERS) -> list[Figure]:
    cached = cached_database(customers)
    env = child_env()
    env[MEMORY_ENV] = "1"
    bare_cmd = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
    with tempfile.TemporaryDirectory(prefix="jiazheng-bench-") as tmp:
        data_dir = copy_data_folder(cached.folder, Path(tmp) / "office")
        app_cmd = [
            sys.executable,
            "-m",
            "jiazheng_desktop",
            "--data-dir",
            str(data_dir),
            "run",
            "--quit-when-idle",
        ]
        print(f"start-up: {runs} runs each after one warm-up, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}")
        app_problem = ""
        warm = run_once(app_cmd, env)
        if not warm.idle:
            app_problem = "the app " + warm.problem()
            print(f"  {app_problem}")
        bare_warm = run_once(bare_cmd, env)
        if not bare_warm.idle:
            raise SystemExit("the bare window " + bare_warm.problem())
        app_runs: list[Run] = []
        bare_runs: list[Run] = []
        for i in range(runs):
            if not app_problem:
                run = run_once(app_cmd, env)
                if not run.idle:
                    app_problem = f"the app (run {i + 1}) " + run.problem()
                    print(f"  {app_problem}")
                else:
                    app_runs.append(run)
            bare_runs.append(run_once(bare_cmd, env))
            app_text = (
                f"app {app_runs[-1].seconds * 1000:7.0f} ms"
                if app_runs and not app_problem
                else "app    -   "
            )
            exits = (
                f"(to exit: app {app_runs[-1].exit_seconds * 1000:.0f} ms, bare {bare_runs[-1].exit_seconds * 1000:.0f} ms)"
                if app_runs and not app_problem
                else ""
            )
            print(
                f"  run {i + 1}: {app_text}   bare {bare_runs[-1].seconds * 1000:6.0f} ms   {exits}",
                flush=True,
            )

    bare_ms = median_ms([r.seconds for r in bare_runs])
    figures: list[Figure] = []
    if app_problem or not app_runs:
        note = app_problem or "no app run"
        figures.append(Figure("start-up app median", "n/a", "-", False, note))
        figures.append(Figure("start-up bare window median", f"{bare_ms:.0f} ms", "-", None))
        figures.append(Figure("start-up app / bare", "n/a", f"<= {TARGET_RATIO}x", False))
        figures.append(Figure("app peak memory (RSS)", "n/a", f"<= {TARGET_MB:.0f} MB", False))
        return figures
    app_ms = median_ms([r.seconds for r in app_runs])
    exit_ms = median_ms([r.exit_seconds for r in app_runs])
    figures.append(Figure("start-up app median", f"{app_ms:.0f} ms", "-", None, f"to exit {exit_ms:.0f} ms"))
    figures.append(Figure("start-up bare window median", f"{bare_ms:.0f} ms", "-", None))
    ratio = app_ms / bare_ms
    figures.append(
        Figure("start-up app / bare", f"{ratio:.2f}x", f"<= {TARGET_RATIO}x", ratio <= TARGET_RATIO)
    )
    peaks = [r.peak_bytes for r in app_runs if r.peak_bytes is not None]
    if peaks:
        mb = max(peaks) / 1024 / 1024
        bare_peaks = [r.peak_bytes for r in bare_runs if r.peak_bytes is not None]
        note = f"bare window {max(bare_peaks) / 1024 / 1024:.0f} MB" if bare_peaks else ""
        own = all("VmHWM=" in r.stdout for r in app_runs)
        note += "; each process's own VmHWM at idle" if own else "; ru_maxrss (may include the parent's)"
        figures.append(
            Figure(f"app peak memory at start-up ({customers:,} customers)", f"{mb:.0f} MB",
                   f"<= {TARGET_MB:.0f} MB", mb <= TARGET_MB, note)
        )  # fmt: skip
    else:
        figures.append(
            Figure("app peak memory (RSS)", "n/a", f"<= {TARGET_MB:.0f} MB", None, "no wait4 here")
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--customers", type=int, default=CUSTOMERS)
    args = parser.parse_args()
    print_table(measure(args.runs, args.customers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
