"""Shared by the benchmarks: the cached 100,000-customer database, copies of it, and the result table.

The database is built once with the program's own command line
(``python -m jiazheng_desktop --data-dir DIR demo --customers 100000 --now DEMO_NOW``) into
``benchmarks/.cache/`` and reused until the schema version changes or the folder is deleted.
The fixed ``--now`` makes every build of a size the same rows.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
CUSTOMERS = 100_000
DATABASE_NAME = "jiazheng.sqlite3"  # as in jiazheng_desktop.paths
_DONE = "complete.txt"
DEMO_NOW = "2026-12-01T09:00:00+08:00"
"""The demo's moment for the cached databases: fixed, so a rebuilt cache holds the same rows."""
_PEAK = "peak memory "

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Figure:
    """One line of the result table. ``passed`` is None when there is nothing to judge."""

    name: str
    value: str
    target: str
    passed: bool | None
    note: str = ""

    @property
    def status(self) -> str:
        return "n/a" if self.passed is None else ("PASS" if self.passed else "MISS")


KEYS = CACHE / "keys"
"""The benchmark folders' database keys (the demo data is encrypted like an office's)."""
os.environ.setdefault("JIAZHENG_KEY_DIR", str(KEYS))


def folder_key(folder: Path) -> bytes | None:
    """The key this machine keeps for a benchmark data folder."""
    from jiazheng_desktop.storage.keys import key_store_for

    return key_store_for(folder).load()


def raw_connection(folder: Path):  # type: ignore[no-untyped-def]
    """A bare SQLCipher connection to a benchmark folder's (encrypted) database."""
    from jiazheng_desktop.storage.encryption import raw_connect

    return raw_connect(folder / DATABASE_NAME, folder_key(folder))


def child_env() -> dict[str, str]:
    """The environment for child processes: offscreen Qt unless set, and this checkout importable."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("JIAZHENG_DATA_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _schema_version() -> int:
    from jiazheng_desktop.storage.migrations import LATEST_VERSION

    return LATEST_VERSION


def cache_dir(customers: int = CUSTOMERS) -> Path:
    """The cached data folder for ``customers`` demo customers at the current schema version."""
    return CACHE / f"demo-{customers}-v{_schema_version()}"


@dataclass(frozen=True)
class CachedDatabase:
    folder: Path
    built_seconds: float | None
    """How long the demo command took, when it was built by this run (None when reused)."""
    peak_mb: float | None = None
    """The demo command's peak memory (resident, MB) when it was built, by this run or an earlier one
    (kept in complete.txt); None when not known (an older cache, or no ``os.wait4``)."""

    @property
    def database(self) -> Path:
        return self.folder / DATABASE_NAME


def cached_database(customers: int = CUSTOMERS) -> CachedDatabase:
    """The cached demo database of ``customers`` customers, built through the command line when missing
    or incomplete (with its wall time and the child's peak memory, also written to complete.txt)."""
    folder = cache_dir(customers)
    done_file = folder / _DONE
    if done_file.exists() and (folder / DATABASE_NAME).exists():
        return CachedDatabase(folder, None, _recorded_peak(done_file))
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    print(f"building the demo database with {customers:,} customers in {folder} …", flush=True)
    command = [
        sys.executable, "-m", "jiazheng_desktop", "--data-dir", str(folder), "demo",
        "--customers", str(customers), "--now", DEMO_NOW,
    ]  # fmt: skip
    started = time.perf_counter()
    code, stdout, stderr, peak_mb = _run_measured(command)
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"the demo command failed (exit {code}):\n{stdout}{stderr}")
    print(stdout.strip(), flush=True)
    peak = f"\n{_PEAK}{peak_mb:.0f} MB" if peak_mb is not None else ""
    done_file.write_text(
        f"{stdout.strip()}\nwall time {seconds:.1f} s{peak}\n--now {DEMO_NOW}\n", encoding="utf-8"
    )
    return CachedDatabase(folder, seconds, peak_mb)


def _run_measured(command: list[str]) -> tuple[int, str, str, float | None]:
    """Run ``command``; its exit code, output, errors and peak resident memory in MB (None if unknown).

    The peak is the child's own ``ru_maxrss`` from ``os.wait4`` (Linux and macOS); output goes
    through temporary files, so a chatty child cannot fill a pipe while nobody reads it.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, cwd=ROOT, env=child_env(), stdout=out, stderr=err)
        peak_mb: float | None = None
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(child.pid, 0)
            code = os.waitstatus_to_exitcode(status)
            child.returncode = code
            # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
            peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:
            code = child.wait()
        out.seek(0)
        err.seek(0)
        text = (out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
    return code, text[0], text[1], peak_mb


def _recorded_peak(done_file: Path) -> float | None:
    for line in done_file.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(_PEAK):
            try:
                return float(line.removeprefix(_PEAK).split()[0])
            except (IndexError, ValueError):
                return None
    return None


def copy_data_folder(source: Path, target: Path) -> Path:
    """A copy of a data folder for a program run that may write to it (SQLite backup API, never a file copy)."""
    from jiazheng_desktop.storage.backup import backup_to
    from jiazheng_desktop.storage.keys import key_store_for

    target.mkdir(parents=True, exist_ok=True)
    key = folder_key(source)
    backup_to(source / DATABASE_NAME, target / DATABASE_NAME, key)
    if key is not None:
        key_store_for(target).save(key)
    return target


def median_ms(seconds: Sequence[float]) -> float:
    return statistics.median(seconds) * 1000


def print_table(figures: Sequence[Figure]) -> None:
    """The figures as an aligned text table (CJK-free, so columns line up in any terminal)."""
    header = ("figure", "value", "target", "result")
    lines = [header, *[(f.name, f.value, f.target, f.status) for f in figures]]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)
    print(rule)
    for i, line in enumerate(lines):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            print(rule)
    print(rule)
    for f in figures:
        if f.note:
            print(f"  {f.name}: {f.note}")
