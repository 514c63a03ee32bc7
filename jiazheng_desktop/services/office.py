"""设置 → 多台电脑: this PC as the office's host, a PC connected to the host, and back to one PC.

No Qt here: the tab (``gui/settings/office_tab.py``) calls these, off the GUI thread where slow.
Nothing is half-done: becoming the host copies in one transaction on the server and writes
``office.json`` only after every count matched; going back to one PC writes the new file under a
temporary name and keeps the old file as ``….replaced-<time>``.
"""

from __future__ import annotations

import logging
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from peewee import Database, OperationalError, SqliteDatabase

from ..domain.errors import DomainError, ValidationError
from ..domain.recovery_code import new_key
from ..paths import DataPaths
from ..storage import office_config
from ..storage.database import StorageError
from ..storage.keys import KeyStoreError, key_store_for
from ..storage.models import db
from ..storage.office_config import CLIENT, HOST, OfficeConfig
from ..storage.office_move import export_to_file, move_to_server
from ..storage.office_server import (
    DATABASE,
    DEFAULT_PORT,
    LocalServer,
    OfficeServerError,
    ServerAddress,
    find_binaries,
    normalize_office_code,
    postgres_version,
)
from ..storage.postgres import connect_server, is_server, server_version, unreachable_message

log = logging.getLogger(__name__)

SINGLE = "single"

NOT_INSTALLED = (
    "这台电脑上没有找到 PostgreSQL 数据库服务器（15 或更新版本），所以还不能当主机。\n"
    "Windows：请安装“家政服务台 主机组件”（jiazheng-office-server-setup-….exe，和本程序的安装程序一起提供，"
    "装进本程序所在的文件夹），或 PostgreSQL 官方的 Windows 安装程序（默认装在 C:\\Program Files\\PostgreSQL）。"
    "Linux：sudo apt-get install postgresql。也可以把它的 bin 文件夹写进环境变量 JIAZHENG_PG_BIN。"
    "装好后重新打开本页。只有主机需要装它，其他电脑不需要。"
)
CODE_TYPO = "办公室代码应是 16 个字母或数字（例如 ABCD-EFGH-JKMN-PQRS），不含 0、O、1、I。请对照主机上显示的代码重新输入。"
WRONG_CODE = "办公室代码不对：主机拒绝了登录。请对照主机 设置 → 多台电脑 里显示的代码重新输入。"


@dataclass(frozen=True)
class OfficeState:
    role: str
    """``single``, ``host`` or ``client``."""
    host: str = ""
    port: int = 0
    code: str = ""
    """The office code, shown on the host only."""
    addresses: tuple[str, ...] = ()
    """The host's LAN addresses, for the other PCs."""
    online: tuple[str, ...] = field(default_factory=tuple)
    """The PCs connected now (their addresses), as the server sees them."""


@dataclass(frozen=True)
class HostResult:
    code: str
    port: int
    addresses: tuple[str, ...]
    counts: dict[str, int]


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses on the office network (no loopback), found with ``socket``."""
    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    try:  # the address of the default route (nothing is sent: UDP "connect" only picks the interface)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.append(str(probe.getsockname()[0]))
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not a.startswith("127.") and not a.startswith("169.254.")]


def firewall_command(port: int) -> str:
    return (
        f'netsh advfirewall firewall add rule name="家政服务台 办公室数据库" dir=in action=allow '
        f"protocol=TCP localport={port} profile=private"
    )


def firewall_text(port: int) -> str:
    return (
        f"其他电脑要连到这台主机，Windows 防火墙必须允许 postgres.exe 在“专用网络”上接收 TCP 端口 {port}。"
        "第一次有电脑连接时 Windows 可能弹出提示，请勾选“专用网络”并点“允许访问”。"
        "也可以用管理员身份打开“命令提示符”，粘贴运行下面这一行："
    )


def check_code(text: str) -> str:
    code = normalize_office_code(text)
    if code is None:
        raise ValidationError({"code": CODE_TYPO})
    return code


def _connect_error(address: ServerAddress, exc: Exception) -> StorageError:
    text = str(exc)
    if "password authentication failed" in text or "authentication failed" in text:
        return StorageError(WRONG_CODE)
    return StorageError(unreachable_message(address, text))


def online_computers(database: Database) -> tuple[str, ...]:
    """The addresses of the program's connections to the server's database now (a host's view)."""
    rows = database.execute_sql(
        "SELECT DISTINCT coalesce(host(client_addr), '本机') FROM pg_stat_activity"
        " WHERE datname = current_database() AND application_name = 'jiazheng-desktop'"
    ).fetchall()
    return tuple(sorted(str(r[0]) for r in rows))


class OfficeSetup:
    """The office setting of one data folder."""

    def __init__(
        self,
        paths: DataPaths,
        *,
        binaries: Callable[[], Path | None] = find_binaries,
        run_as: str = "",
        addresses: Callable[[], list[str]] = lan_addresses,
        database: str = DATABASE,
    ) -> None:
        self.paths = paths
        self._database = database
        self._binaries = binaries
        self._run_as = run_as
        self._addresses = addresses
        self._versions: dict[
            Path, str
        ] = {}  # postgres --version once per folder, not at each look at the tab

    # -- reading ------------------------------------------------------------------------------------

    def config(self) -> OfficeConfig | None:
        return office_config.load(self.paths)

    def server(self) -> LocalServer | None:
        binaries = self._binaries()
        return (
            None if binaries is None else LocalServer(self.paths.office_server, binaries, run_as=self._run_as)
        )

    def can_host(self) -> bool:
        return self._binaries() is not None

    def server_program(self) -> str:
        """Which PostgreSQL this PC would run as the host, in words; OfficeServerError when it does not run."""
        binaries = self._binaries()
        if binaries is None:
            raise OfficeServerError(NOT_INSTALLED)
        if binaries not in self._versions:
            self._versions[binaries] = postgres_version(binaries)
        return f"PostgreSQL {self._versions[binaries]}（{binaries}）"

    def state(self, database: Database | None = None) -> OfficeState:
        """What the tab shows; ``database`` (default: the one the program uses) lists the PCs online."""
        if database is None:
            database = db.obj
        config = self.config()
        if config is None:
            return OfficeState(SINGLE)
        online: tuple[str, ...] = ()
        if database is not None and is_server(database):
            try:
                online = online_computers(database)
            except Exception:  # the list is a nicety: a failed read shows none
                log.exception("reading the connected PCs failed")
        if config.role == CLIENT:
            return OfficeState(CLIENT, config.host, config.port, online=online)
        code = ""
        try:
            code = office_config.load_address(self.paths, config).password
        except StorageError:
            log.exception("the office code could not be read")
        return OfficeState(HOST, config.host, config.port, code, tuple(self._addresses()), online)

    def address(self) -> ServerAddress:
        config = self.config()
        if config is None:
            raise DomainError("这台电脑是单机，没有连接主机。")
        return office_config.load_address(self.paths, config)

    # -- this PC becomes the host -----------------------------------------------------------------

    def make_host(
        self,
        source: SqliteDatabase | None = None,
        *,
        port: int = DEFAULT_PORT,
        progress: Callable[[str, int], None] | None = None,
    ) -> HostResult:
        """Set up the server here, start it, move ``source``'s data into it, then write ``office.json``.

        On an error nothing is left half-made: the new server's folder is removed and the file stays
        the database in use.
        """
        if self.config() is not None:
            raise DomainError("这台电脑已经是主机或已连接到主机。")
        if source is None:
            source = db.obj
        if not isinstance(source, SqliteDatabase):
            raise DomainError("这台电脑现在用的不是本机的数据文件，不能设为主机。")
        server = self.server()
        if server is None:
            raise OfficeServerError(NOT_INSTALLED)
        if server.folder.exists() and not server.is_set_up():
            shutil.rmtree(server.folder, ignore_errors=True)  # what a failed attempt left
        addresses = tuple(self._addresses())
        settings = server.set_up(port=port, listen=addresses)
        try:
            address = server.start()
            counts = move_to_server(source, address, progress=progress)
            office_config.save(self.paths, OfficeConfig(HOST, "127.0.0.1", settings.port), settings.password)
        except BaseException:
            try:
                server.stop()
            finally:
                shutil.rmtree(server.folder, ignore_errors=True)
            raise
        return HostResult(settings.password, settings.port, addresses, counts)

    def start_host(self) -> ServerAddress:
        """At start on the host: the server running, the address to reach it (loopback)."""
        server = self.server()
        if server is None:
            raise OfficeServerError(NOT_INSTALLED)
        settings = server.settings()
        if settings is not None and not server.is_running():
            # The office network may have given this PC another address since (DHCP): listen there.
            current = [a for a in self._addresses() if a not in settings.listen]
            if current:
                server.listen_on([*self._addresses()])
        return server.start()

    # -- this PC uses the host's ------------------------------------------------------------------

    def test_connection(self, host: str, port: int, code_text: str) -> int:
        """Sign in to the host's database (a connection of its own) and read its schema version."""
        host = host.strip()
        if not host:
            raise ValidationError({"host": "请填写主机的地址（主机 设置 → 多台电脑 里显示的 IP 地址）。"})
        address = ServerAddress(host, int(port), check_code(code_text), database=self._database)
        database = connect_server(address)
        try:
            database.connect()
        except OperationalError as exc:
            raise _connect_error(address, exc) from exc
        try:
            return server_version(database)
        finally:
            database.close()

    def connect_to(self, host: str, port: int, code_text: str) -> int:
        """Test, then keep the host's address and code: the program uses the host from its next start."""
        if self.config() is not None:
            raise DomainError("这台电脑已经是主机或已连接到主机：请先改回单机。")
        version = self.test_connection(host, port, code_text)
        config = OfficeConfig(CLIENT, host.strip(), int(port), self._database)
        office_config.save(self.paths, config, check_code(code_text))
        return version

    # -- back to one PC ---------------------------------------------------------------------------

    def folder_key(self) -> bytes:
        """This PC's key of the data folder (made and kept now if there is none): files it writes use it."""
        store = key_store_for(self.paths.root)
        try:
            key = store.load()
            if key is None:
                key = new_key()
                store.save(key)
        except KeyStoreError as exc:
            raise StorageError(f"这台电脑的数据钥匙读写不了（{exc}），没有改回单机。") from exc
        return key

    def back_to_single(self, now: datetime, progress: Callable[[str, int], None] | None = None) -> Path:
        """The host's data into this folder's database file (the old file kept as ``….replaced-<time>``),
        then ``office.json`` removed. Returns where the old file went (or the new file, when there was none).

        On the host the server is stopped afterwards and its folder put aside (``_retire_server``).
        """
        config = self.config()
        if config is None:
            raise DomainError("这台电脑已经是单机。")
        address = self.address()
        database = self.paths.database
        staging = database.with_name(database.name + ".from-office")
        staging.unlink(missing_ok=True)
        export_to_file(address, staging, self.folder_key(), progress=progress)
        kept = database
        if database.exists():
            kept = database.with_name(f"{database.name}.replaced-{now.strftime('%Y%m%d-%H%M%S')}")
            database.replace(kept)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{database}{suffix}")
                if side.exists():
                    side.replace(Path(f"{kept}{suffix}"))
        staging.replace(database)
        office_config.clear(self.paths)
        if config.role == HOST:
            self._retire_server(now)
        return kept

    def _retire_server(self, now: datetime) -> None:
        """Stop the host's server (other PCs must not keep writing to data no longer used) and put its
        folder aside, untouched, so this PC can become a host again later."""
        server = self.server()
        if server is None:
            return
        try:
            server.stop()
        except OfficeServerError:
            log.exception("stopping the office server failed")
        if server.folder.exists():
            aside = server.folder.with_name(f"{server.folder.name}.replaced-{now.strftime('%Y%m%d-%H%M%S')}")
            try:
                server.folder.replace(aside)
            except OSError:
                log.exception("the office server's folder could not be put aside")
