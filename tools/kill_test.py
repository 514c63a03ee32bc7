"""The kill test: does a hard kill in the middle of writing lose a commit or damage the file?

    python tools/kill_test.py --runs 100 [--seed 2026] [--keep DIR]

In a temporary data folder, again and again: a child process writes through the program's own
services in a loop (new customers, complaints, visits, vouchers issued and redeemed), printing
each id on stdout right after its transaction committed; the parent kills it (SIGKILL on Linux
and macOS, TerminateProcess on Windows) after a random delay, opens the folder again the way the
program does, and checks:

- ``PRAGMA integrity_check`` is ``ok`` (and the program's own start-up checks pass);
- every id the child printed is in the database (a missing one is a *lost commit*);
- nothing is half-written: every voucher has its 'issue' entry and a balance ≥ 0 (counted with
  the integrity errors).

It prints ``runs: N, lost commits: L, integrity errors: E`` and exits 1 when L or E is not 0.

The folder is opened in one place, ``open_data``. When the database is encrypted, that call is
the one to change; the key comes from a ``KeyProvider`` (``run_kill_test(key_provider=...)``) and
reaches the child through the environment variable ``JIAZHENG_KILL_TEST_KEY`` (hex), never a file.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from jiazheng_desktop.domain.clock import SystemClock  # noqa: E402
from jiazheng_desktop.paths import DataPaths  # noqa: E402

if TYPE_CHECKING:
    from jiazheng_desktop.services import Services
    from jiazheng_desktop.storage.database import OpenResult

KeyProvider = Callable[[DataPaths], "bytes | None"]
"""Gives the database key of a data folder (None: the database is not encrypted)."""

KEY_ENV = "JIAZHENG_KILL_TEST_KEY"
READY = "ready"
OWNER = "测试店主"
OWNER_PASSWORD = "kill-test-owner"
START_TIMEOUT_S = 60.0


# -- the one way in ------------------------------------------------------------------------------


def open_data(paths: DataPaths, now: datetime, key: bytes | None = None) -> OpenResult:
    """Open (check, migrate) the data folder's database exactly as the program does.

    The only place this script opens the database: parent and child both come through here.
    When ``open_database`` needs a key for an encrypted file, pass it on here.
    """
    from jiazheng_desktop.storage.database import open_database

    return open_database(paths.database, backup_dir=paths.backups, now=now, key=key)


def _services() -> Services:
    from jiazheng_desktop.services import build_services

    return build_services(SystemClock())


def _take_the_desk(services: Services) -> None:
    """The owner at the desk (when signing in needs a password, it is ``OWNER_PASSWORD``)."""
    owner = next(member for member in services.staff.list() if member.name == OWNER)
    services.staff.set_on_duty(owner.id)


def prepare(paths: DataPaths, key: bytes | None = None) -> None:
    """A new data folder with the agency set up (the first-run owner)."""
    from jiazheng_desktop.services.settings import AgencyInfo
    from jiazheng_desktop.storage.database import close_database

    paths.ensure()
    open_data(paths, SystemClock().now(), key)
    try:
        services = _services()
        if not services.staff.list():  # a folder kept from an earlier run is set up already
            services.onboarding.set_up(AgencyInfo("断电测试家政"), OWNER, OWNER_PASSWORD, OWNER_PASSWORD)
    finally:
        close_database()


# -- the child: writes until it is killed -----------------------------------------------------------


def worker(root: Path, seed: int) -> None:
    """Write through the services forever; print ``<kind> <id…>`` after each commit."""
    from jiazheng_desktop.domain.customers import CustomerDraft
    from jiazheng_desktop.domain.incidents import Category
    from jiazheng_desktop.domain.privacy import ConsentChannel, Purpose
    from jiazheng_desktop.domain.vouchers import VoucherDraft, VoucherKind
    from jiazheng_desktop.domain.workers import ServiceRecordDraft
    from jiazheng_desktop.services.consents import ConsentDecision
    from jiazheng_desktop.services.incidents import IncidentDraft

    key_hex = os.environ.get(KEY_ENV, "")
    paths = DataPaths(root)
    clock = SystemClock()
    open_data(paths, clock.now(), bytes.fromhex(key_hex) if key_hex else None)
    services = _services()
    _take_the_desk(services)
    rng = random.Random(seed)
    customers: list[int] = []

    def say(*parts: object) -> None:
        print(*parts, flush=True)

    def write(kind: str, serial: int) -> None:
        """One use case (or three in a row for ``visit``), each id printed once it has committed."""
        if kind == "customer":
            customer = services.customers.create(
                CustomerDraft(
                    name="".join(rng.choice(part) for part in ("王李张刘陈", "建秀志丽", "国英强华")),
                    honorific=rng.choice(["先生", "女士"]),
                    phone=f"139{seed % 10000:04d}{serial % 10000:04d}",
                    address=f"徐汇区漕溪北路 {serial} 号",
                    household_notes="家里有老人，珍藏青花瓷",
                ),
                [  # notes need 家庭备注; the promotion vouchers below need 营销与节日问候
                    ConsentDecision(
                        purpose, True, ConsentChannel.PHONE, services.consents.current_wording(purpose).id
                    )
                    for purpose in (Purpose.HOUSEHOLD_NOTES, Purpose.MARKETING)
                ],
            )
            customers.append(customer)
            say("customer", customer)
        elif kind == "incident":
            incident = services.incidents.open_incident(
                IncidentDraft(
                    customer_id=rng.choice(customers),
                    category=Category.LATE.value,
                    customer_said=f"阿姨第 {serial} 次迟到了半小时",
                )
            )
            say("incident", incident)
        else:
            customer = rng.choice(customers)
            visit = services.service_records.add(
                ServiceRecordDraft(customer_id=customer, served_at=clock.now(), amount_text="120")
            )
            say("visit", visit)
            voucher = services.vouchers.issue(
                VoucherDraft(
                    customer_id=customer,
                    kind=VoucherKind.PROMOTION.value,
                    total_text="20",
                    uses=2,
                    valid_until=clock.now().date() + timedelta(days=30),
                )
            )
            say("voucher", voucher)
            code = services.vouchers.get(voucher).code
            services.vouchers.redeem(code, visit)
            say("redeem", voucher, visit)

    # One of each first: the first calls load modules (pinyin, the complaint services …), and the
    # kill is meant to land among writes, so "ready" comes after them.
    for serial, kind in enumerate(("customer", "incident", "visit"), start=1):
        write(kind, serial)
    say(READY)
    serial = 3
    while True:
        serial += 1
        action = rng.random()
        write("customer" if action < 0.35 else "incident" if action < 0.6 else "visit", serial)


# -- the parent: kills and checks --------------------------------------------------------------------


@dataclass
class RunResult:
    committed: int = 0
    lost: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)


@dataclass
class Summary:
    runs: int = 0
    committed: int = 0
    lost_commits: int = 0
    integrity_errors: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"runs: {self.runs}, lost commits: {self.lost_commits}, integrity errors: {self.integrity_errors}"
        )

    @property
    def ok(self) -> bool:
        return self.lost_commits == 0 and self.integrity_errors == 0


class WorkerFailed(RuntimeError):
    """The child stopped by itself (it is meant to write until it is killed)."""


def kill_once(paths: DataPaths, seed: int, delay_s: float, key: bytes | None = None) -> list[str]:
    """Start a writer, kill it ``delay_s`` after it is ready; the lines it printed as committed."""
    env = dict(os.environ)
    env.pop(KEY_ENV, None)
    if key is not None:
        env[KEY_ENV] = key.hex()
    env["PYTHONIOENCODING"] = "utf-8"
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(paths.root), "--seed", str(seed)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        lines: list[str] = []
        ready = threading.Event()

        def read() -> None:
            assert child.stdout is not None
            for raw in child.stdout:
                text = raw.decode("utf-8", "replace")
                if not text.endswith("\n"):
                    break  # cut short by the kill: not reported, so not counted
                if text.strip() == READY:
                    ready.set()
                else:
                    lines.append(text.strip())
            ready.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            ready.wait(START_TIMEOUT_S)
            if child.poll() is not None or not ready.is_set():
                raise WorkerFailed(_failure(child, errors))
            time.sleep(delay_s)
            if child.poll() is not None:
                raise WorkerFailed(_failure(child, errors))
        finally:
            child.kill()  # SIGKILL: no cleanup, no atexit, no flush
            child.wait()
            reader.join(10)
            if child.stdout is not None:
                child.stdout.close()
    return lines


def _failure(child: subprocess.Popen[bytes], errors: IO[bytes]) -> str:
    child.kill()
    child.wait()
    errors.seek(0)
    tail = errors.read().decode("utf-8", "replace")[-2000:]
    return f"the writer stopped by itself (exit {child.returncode}):\n{tail}"


def check_after_kill(paths: DataPaths, committed: Sequence[str], key: bytes | None = None) -> RunResult:
    """Open the folder as the program does and check the file and every reported commit."""
    from jiazheng_desktop.storage.database import StorageError, close_database
    from jiazheng_desktop.storage.models import Customer, Incident, ServiceRecord, Voucher, VoucherEntry

    result = RunResult(committed=len(committed))
    try:
        opened = open_data(paths, SystemClock().now(), key)
    except StorageError as exc:
        result.integrity.append(f"the program refused the file: {exc}")
        return result
    try:
        rows = [row[0] for row in opened.database.execute_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            result.integrity.append("integrity_check: " + "; ".join(map(str, rows)))
        for line in committed:
            kind, *ids = line.split()
            numbers = [int(i) for i in ids]
            if kind == "customer":
                found = Customer.select().where(Customer.id == numbers[0]).exists()
            elif kind == "incident":
                found = Incident.select().where(Incident.id == numbers[0]).exists()
            elif kind == "visit":
                found = ServiceRecord.select().where(ServiceRecord.id == numbers[0]).exists()
            elif kind == "voucher":
                found = Voucher.select().where(Voucher.id == numbers[0]).exists()
            elif kind == "redeem":
                found = (
                    VoucherEntry.select()
                    .where(
                        VoucherEntry.voucher == numbers[0],
                        VoucherEntry.service_record == numbers[1],
                        VoucherEntry.kind == "redeem",
                    )
                    .exists()
                )
            else:
                raise ValueError(f"unknown line from the writer: {line!r}")
            if not found:
                result.lost.append(line)
        for voucher in Voucher.select(Voucher.id):
            entries = list(VoucherEntry.select().where(VoucherEntry.voucher == voucher.id))
            issued = [e for e in entries if e.kind == "issue"]
            if len(issued) != 1 or sum(e.amount_fen for e in entries) < 0:
                result.integrity.append(
                    f"voucher {voucher.id} half-written: {[(e.kind, e.amount_fen) for e in entries]}"
                )
    finally:
        close_database()
    return result


def new_key() -> bytes:
    from jiazheng_desktop.domain.recovery_code import new_key as make

    return make()


def run_kill_test(
    runs: int,
    *,
    seed: int = 2026,
    root: Path | None = None,
    min_delay_s: float = 0.05,
    max_delay_s: float = 1.5,
    key_provider: KeyProvider | None = None,
    report: Callable[[str], None] | None = None,
) -> Summary:
    """``runs`` kills in a data folder under ``root`` (a new temporary folder when None)."""
    rng = random.Random(seed)
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="jiazheng-kill-") as scratch:
        paths = DataPaths((root or Path(scratch)) / "office")
        # Encrypted, as the program keeps its data, unless a provider says otherwise.
        key = new_key() if key_provider is None else key_provider(paths)
        prepare(paths, key)
        for run in range(1, runs + 1):
            delay = rng.uniform(min_delay_s, max_delay_s)
            committed = kill_once(paths, rng.randrange(1 << 30), delay, key)
            result = check_after_kill(paths, committed, key)
            summary.runs += 1
            summary.committed += result.committed
            summary.lost_commits += len(result.lost)
            summary.integrity_errors += len(result.integrity)
            for problem in result.lost:
                summary.problems.append(f"run {run}: lost commit {problem}")
            for problem in result.integrity:
                summary.problems.append(f"run {run}: {problem}")
            if report is not None:
                report(
                    f"run {run}: killed after {delay:.2f} s, {result.committed} commits reported, "
                    f"{len(result.lost)} lost, {len(result.integrity)} integrity errors"
                )
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--keep", metavar="DIR", help="leave the data folder under DIR instead of a temporary one"
    )
    parser.add_argument("--verbose", action="store_true", help="one line per run")
    parser.add_argument("--worker", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(Path(args.worker), args.seed)
        return 0
    started = time.perf_counter()
    summary = run_kill_test(
        args.runs,
        seed=args.seed,
        root=Path(args.keep) if args.keep else None,
        report=print if args.verbose else None,
    )
    for problem in summary.problems:
        print(problem, file=sys.stderr)
    print(f"{summary.committed} commits reported in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(summary.line())
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
