"""The office's PostgreSQL server on the host PC: made, started and stopped by the program itself.

A cluster of its own in the app-data folder (``office-server/``), a generated password for the one
role the program uses, scram-sha-256 for every connection, listening on loopback and the office
network's address only. The server binaries come from the office-server component
(``find_binaries``): the ``bin`` folder of a PostgreSQL installation (Windows: the component the
office installer adds; Linux: Debian's ``postgresql`` package).

No Qt and no peewee here: plain processes and files. The tests start their server with this too.
"""

from __future__ import annotations

import json
import locale
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.vouchers import CODE_ALPHABET

BIN_DIR_ENV = "JIAZHENG_PG_BIN"
"""The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, when it is not found by itself."""
DEFAULT_PORT = 5544
"""Not 5432, so that another PostgreSQL on the PC (an accounting program's) is not in the way."""
ROLE = "jiazheng"
DATABASE = "jiazheng"
SERVER_FILE = "server.json"


class OfficeServerError(DomainError):
    """The office server cannot be set up or started; the message says what to do."""


@dataclass(frozen=True)
class ServerAddress:
    """Where a PC finds the office's database, and how it signs in to it."""

    host: str
    port: int
    password: str
    database: str = DATABASE
    user: str = ROLE

    def connect_kwargs(self) -> dict[str, object]:
        return {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password,
            "dbname": self.database,
        }

    def shown(self) -> str:
        """For messages: the address without the password."""
        return f"{self.host}:{self.port}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ServerAddress:
        values = json.loads(text)
        return cls(
            host=str(values["host"]),
            port=int(values["port"]),
            password=str(values["password"]),
            database=str(values.get("database", DATABASE)),
            user=str(values.get("user", ROLE)),
        )


def _executable(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


# Where the office-server component (the optional second Windows installer, packaging/windows/
# office_server.nsi) puts PostgreSQL: a folder of this name beside the installed program.
COMPONENT_FOLDER = "postgresql"


def program_folder() -> Path | None:
    """The installed (frozen) program's folder; None when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def find_binaries(extra: Sequence[Path] = (), program: Path | None = None) -> Path | None:
    """The folder of ``initdb``/``pg_ctl``: ``$JIAZHENG_PG_BIN``, ``extra``, the office-server component
    beside the program (``program``, by default the installed program's folder), then the usual places."""
    candidates: list[Path] = []
    env = os.environ.get(BIN_DIR_ENV, "").strip()
    if env:
        candidates.append(Path(env))
    candidates.extend(extra)
    program = program or program_folder()
    if program is not None:
        candidates.append(program / COMPONENT_FOLDER / "bin")
    if sys.platform == "win32":
        program_files = Path(os.environ.get("ProgramFiles", r"C:\Program Files"))
        candidates.extend(sorted((program_files / "PostgreSQL").glob("*/bin"), reverse=True))
    else:
        candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
        found = shutil.which("pg_ctl")
        if found:
            candidates.append(Path(found).parent)
    for folder in candidates:
        if (folder / _executable("initdb")).is_file() and (folder / _executable("pg_ctl")).is_file():
            return folder
    return None


def _text(output: bytes) -> str:
    """A tool's output as text: UTF-8, else this PC's own encoding (a Chinese Windows console's GBK)."""
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        return output.decode(locale.getpreferredencoding(False), errors="replace")


def run_tool(
    binaries: Path, tool: str, *args: str, timeout: float = 120, run_as: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one of PostgreSQL's programs in ``binaries`` without a console window; ``run_as`` drops to that
    user first (POSIX only: PostgreSQL refuses root). A program that cannot be started or does not finish
    in ``timeout`` seconds raises ``OfficeServerError``."""
    command = [str(binaries / _executable(tool)), *args]
    identity: dict[str, object] = {}
    if run_as:
        import pwd

        account = pwd.getpwnam(run_as)
        identity = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": [], "cwd": cwd}
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    # The output goes to files, not pipes: on Windows `pg_ctl start` hands its handles on to the server
    # it starts, and a pipe held open by the running server would keep this call waiting for its end.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            done = subprocess.run(  # type: ignore[call-overload]
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                timeout=timeout,
                check=False,
                creationflags=flags,
                **identity,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OfficeServerError(f"无法运行数据库服务器程序 {tool}：{exc}") from exc
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(command, done.returncode, _text(out.read()), _text(err.read()))


def postgres_version(binaries: Path) -> str:
    """The PostgreSQL version of the server in ``binaries`` (``18.6``), from ``postgres --version``."""
    done = run_tool(binaries, "postgres", "--version", timeout=60)
    found = re.search(r"\(PostgreSQL\)\s+(\d+(?:\.\d+)*)", done.stdout)
    if done.returncode != 0 or found is None:
        raise OfficeServerError(
            f"{binaries} 里的 PostgreSQL 不能运行：{(done.stderr or done.stdout).strip()[-300:]}"
        )
    return found[1]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


OFFICE_CODE_GROUPS = 4


def new_password() -> str:
    """The office code: 16 characters of the voucher alphabet in groups of four (80 bits), typed once on
    each other PC. It is the database role's password itself."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4 * OFFICE_CODE_GROUPS))
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalize_office_code(text: str) -> str | None:
    """A typed office code in its stored form (upper case, dashes every four), or None when it cannot be one."""
    chars = "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")
    if len(chars) != 4 * OFFICE_CODE_GROUPS or any(ch not in CODE_ALPHABET for ch in chars):
        return None
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


@dataclass(frozen=True)
class ServerSettings:
    """What ``server.json`` beside the cluster keeps: enough to start it again and to tell clients."""

    port: int
    password: str
    listen: tuple[str, ...]

    def address(self, host: str = "127.0.0.1") -> ServerAddress:
        return ServerAddress(host, self.port, self.password)


class LocalServer:
    """A PostgreSQL cluster in ``folder`` (``data/``, ``server.json``, ``server.log``).

    ``run_as`` names a system user to run the server as: PostgreSQL refuses to run as root, so a
    root process (CI, an installer) runs it as ``postgres``. Empty: the current user, as on a PC.
    """

    def __init__(self, folder: Path, binaries: Path, *, run_as: str = "") -> None:
        self.folder = folder
        self.binaries = binaries
        self.run_as = run_as

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        return self.folder / "server.log"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def settings(self) -> ServerSettings | None:
        try:
            values = json.loads((self.folder / SERVER_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return ServerSettings(int(values["port"]), str(values["password"]), tuple(values["listen"]))

    def is_set_up(self) -> bool:
        return (self.data / "PG_VERSION").is_file() and self.settings() is not None

    def _run(self, tool: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return run_tool(self.binaries, tool, *args, timeout=timeout, run_as=self.run_as, cwd=self.folder)

    def _own(self, path: Path) -> None:
        if self.run_as:
            shutil.chown(path, self.run_as, self.run_as)

    def set_up(self, *, port: int = DEFAULT_PORT, listen: Sequence[str] = ("127.0.0.1",)) -> ServerSettings:
        """Make the cluster (UTF-8, codepoint order as in SQLite), the role and its password."""
        if self.is_set_up():
            raise OfficeServerError(f"这台电脑已经是主机，数据库在：{self.data}")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._own(self.folder)
        password = new_password()
        password_file = self.folder / "initdb-password"
        password_file.write_text(password, encoding="utf-8")
        self._own(password_file)
        try:
            made = self._run(
                "initdb",
                "-D", str(self.data),
                "-U", ROLE,
                "--auth=scram-sha-256",
                f"--pwfile={password_file}",
                "--encoding=UTF8",
                "--locale=C.UTF-8" if sys.platform != "win32" else "--locale=C",
                "--lc-collate=C",
            )  # fmt: skip
        finally:
            password_file.unlink(missing_ok=True)
        if made.returncode != 0:
            raise OfficeServerError(f"建立数据库失败：\n{(made.stderr or made.stdout).strip()[-800:]}")
        settings = ServerSettings(port, password, tuple(listen))
        self._write_settings(settings)
        return settings

    def _write_settings(self, settings: ServerSettings) -> None:
        values = {"port": settings.port, "password": settings.password, "listen": list(settings.listen)}
        target = self.folder / SERVER_FILE
        target.write_text(json.dumps(values), encoding="utf-8")
        try:
            os.chmod(target, 0o600)
        except OSError:
            pass
        lines = ["local all all scram-sha-256", "host all all 127.0.0.1/32 scram-sha-256"]
        lines += [f"host all all {_network_of(address)} scram-sha-256" for address in settings.listen]
        hba = self.data / "pg_hba.conf"
        hba.write_text("\n".join(dict.fromkeys(lines)) + "\n", encoding="utf-8")
        self._own(hba)

    def listen_on(self, listen: Sequence[str]) -> ServerSettings:
        """Change the addresses the server listens on (loopback always); takes effect at the next start."""
        current = self.settings()
        if current is None:
            raise OfficeServerError("这台电脑还不是主机。")
        settings = ServerSettings(
            current.port, current.password, tuple(dict.fromkeys(["127.0.0.1", *listen]))
        )
        self._write_settings(settings)
        return settings

    def is_running(self) -> bool:
        if not (self.data / "postmaster.pid").exists():
            return False
        return self._run("pg_ctl", "status", "-D", str(self.data), timeout=30).returncode == 0

    def start(self, *, wait_seconds: float = 60) -> ServerAddress:
        """Start the server (a no-op when it runs) and return the loopback address to reach it."""
        settings = self.settings()
        if settings is None:
            raise OfficeServerError("这台电脑还不是主机：请先在 设置 → 多台电脑 里把它设为主机。")
        if not self.is_running():
            self.socket_dir.mkdir(parents=True, exist_ok=True)
            self._own(self.socket_dir)
            listen = ",".join(dict.fromkeys(["127.0.0.1", *settings.listen]))
            # Windows: TCP only (a Unix socket in a long or Chinese folder name could keep the server from starting)
            sockets = "" if sys.platform == "win32" else str(self.socket_dir)
            options = (
                f"-p {settings.port} -c listen_addresses='{listen}' -c unix_socket_directories='{sockets}'"
            )
            started = self._run(
                "pg_ctl", "start", "-D", str(self.data), "-l", str(self.log_file), "-o", options,
                "-w", "-t", str(int(wait_seconds)), timeout=wait_seconds + 30,
            )  # fmt: skip
            if started.returncode != 0:
                tail = ""
                try:
                    tail = self.log_file.read_text(encoding="utf-8", errors="replace")[-800:]
                except OSError:
                    pass
                raise OfficeServerError(
                    f"数据库服务器没有启动（端口 {settings.port} 可能已被别的程序占用）。\n{started.stderr.strip()}\n{tail}"
                )
        address = settings.address()
        ensure_database(address)
        return address

    def stop(self) -> None:
        if self.is_running():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", timeout=90)

    def wait_until_accepting(self, seconds: float = 30) -> None:
        settings = self.settings()
        if settings is None:
            return
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", settings.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise OfficeServerError("数据库服务器启动后没有响应。")


def ensure_database(address: ServerAddress, name: str = DATABASE) -> None:
    """Create the database ``name`` on the server when it is not there yet (with ``pg_trgm``)."""
    import psycopg

    maintenance = {**address.connect_kwargs(), "dbname": "postgres"}
    with psycopg.connect(**maintenance, autocommit=True, connect_timeout=10) as conn:  # type: ignore[arg-type]
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    target = {**address.connect_kwargs(), "dbname": name}
    with psycopg.connect(**target, autocommit=True, connect_timeout=10) as conn:  # type: ignore[arg-type]
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def _network_of(address: str) -> str:
    """The /24 of an IPv4 address (an office network), or the address itself as /32 or /128."""
    if address in ("127.0.0.1", "localhost"):
        return "127.0.0.1/32"
    if address.count(".") == 3:
        first, second, third, _ = address.split(".")
        return f"{first}.{second}.{third}.0/24"
    return f"{address}/128"
