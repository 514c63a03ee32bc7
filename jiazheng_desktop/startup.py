"""Opening the office's data at start: the key, the file, its backups — and never a blank agency by mistake.

What is found decides what happens:

- no database file and no backup at all: a new agency (a new key, kept in this PC's key store);
- a missing or empty (0-byte) file with backups beside it: say so and offer the newest backup that
  passes its check (or an older one); a first-run set-up is never offered over them;
- a plain file of an older release: encrypted first (backup, export, check, shred), then opened;
- an encrypted file this PC has no key for (a new PC, the key store emptied): the recovery code;
- a damaged, locked, read-only or newer file, a full disk: its own message and what can be done.

The questions are asked through ``Questions`` (the window's dialogs, or a test's answers), so the
flow itself has no Qt in it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .domain.clock import Clock
from .domain.recovery_code import new_key
from .paths import DataPaths
from .storage.backup import BackupCheckError, check_file, list_backups, restore_backup
from .storage.database import (
    Conversion,
    ConversionError,
    DamagedDatabaseError,
    DatabaseLockedError,
    KeyNeededError,
    NewerDatabaseError,
    OpenResult,
    ServerUnreachableError,
    StorageError,
    UnconvertibleDataError,
    WrongKeyError,
    encrypt_plain_files,
    finish_interrupted_conversion,
    open_database,
)
from .storage.encryption import file_kind, opens_with
from .storage.keys import KeyStore, KeyStoreError, key_store_for
from .storage.migrations import MigrationResult
from .storage.office_config import OfficeConfig

if TYPE_CHECKING:
    from .services.office import OfficeSetup

log = logging.getLogger(__name__)


class Questions(Protocol):
    def problem(
        self,
        message: str,
        newest: Path | None,
        *,
        note: str = "",
        others: bool = False,
        retry: bool = False,
        start_new: bool = False,
        title: str = "",
    ) -> str:
        """ "restore", "choose", "retry", "new" or "quit"."""
        ...

    def choose_backup(self, choices: list[tuple[Path, str]]) -> Path | None: ...

    def recovery_code(self, message: str, opens: Callable[[bytes], bool]) -> bytes | None: ...

    def inform(self, message: str, title: str) -> None: ...


@dataclass
class Opened:
    result: OpenResult
    key: bytes | None
    """None only when a conversion failed this time (the file stays plain until the next start)."""
    store: KeyStore
    new_key: bool = False
    """A key made just now: the recovery sheet has never been printed."""
    conversion: Conversion | None = None
    restored_from: str | None = None


def _describe(path: Path, check: str) -> str:
    size = path.stat().st_size if path.exists() else 0
    state = "完好" if check == "ok" else f"无法使用（{check}）"
    return f"{path.name}　{size / 1024 / 1024:.1f} MB　{state}"


class Opening:
    """One start's attempt to open ``paths``; ``run()`` returns what was opened, or None to quit."""

    def __init__(self, paths: DataPaths, clock: Clock, questions: Questions, *, check_later: bool) -> None:
        self.paths = paths
        self.clock = clock
        self.ask = questions
        self.check_later = check_later
        self.store = key_store_for(paths.root)
        self.key = self._load_key()
        self.new_key = False
        self.conversion: Conversion | None = None
        self.restored_from: str | None = None

    # -- the key ---------------------------------------------------------------------------------

    def _load_key(self) -> bytes | None:
        try:
            return self.store.load()
        except KeyStoreError:
            log.exception("the key store could not be read")
            return None

    def _save_key(self, key: bytes) -> None:
        self.key = key
        try:
            self.store.save(key)
        except KeyStoreError:
            log.exception("the key store could not be written")
            self.ask.inform(
                "数据钥匙没能保存在这台电脑上（系统的密钥库拒绝了）。这一次可以正常使用，"
                "下次打开时需要输入恢复码。请店主现在到 设置 → 数据安全 打印恢复单。",
                "数据钥匙没有保存",
            )

    def _ask_for_key(self, message: str, opens: Callable[[bytes], bool]) -> bool:
        key = self.ask.recovery_code(message, opens)
        if key is None:
            return False
        self._save_key(key)
        return True

    # -- backups ---------------------------------------------------------------------------------

    def _newest_usable(self, backups: list[Path]) -> tuple[Path | None, list[str]]:
        """The newest backup that passes its check, and the names of the newer ones that failed.

        Stops at the first good one: each check reads (and decrypts) a whole file.
        """
        damaged: list[str] = []
        for path in backups:
            if check_file(path, self.key) == "ok":
                return path, damaged
            damaged.append(path.name)
        return None, damaged

    def _restore(self, backup: Path) -> bool:
        try:
            restore_backup(backup, self.paths.database, self.clock.now(), self.key)
        except (BackupCheckError, OSError) as exc:
            self.ask.inform(f"无法从 {backup.name} 恢复：{exc}\n请选择另一份备份。", "恢复没有成功")
            return False
        self.restored_from = backup.name
        return True

    def _offer_backups(
        self, message: str, *, title: str = "", start_new: bool = False, retry: bool = False
    ) -> str:
        """Offer the newest usable backup (saying which newer ones are damaged); "restored", "new", "retry"
        or "quit"."""
        backups = list_backups(self.paths.backups)
        if backups and (self.key is None or not any(opens_with(b, self.key) for b in backups)):
            opened = self._ask_for_key(
                message + "\n\n备份是加密的，这台电脑上没有它们的钥匙。请输入恢复码，然后选择要恢复的备份。",
                lambda key: any(opens_with(b, key) for b in backups),
            )
            if not opened:
                return "quit"
        while True:
            backups = list_backups(self.paths.backups)
            newest, damaged_newer = self._newest_usable(backups)
            note = ""
            if damaged_newer:
                note = "较新的备份已损坏，不能使用：" + "、".join(damaged_newer)
            if backups and newest is None:
                note = "找到的备份全都无法使用。" if not note else note + "。没有可以使用的备份。"
            answer = self.ask.problem(
                message,
                newest,
                note=note,
                others=newest is not None and len(backups) > len(damaged_newer) + 1,
                retry=retry,
                start_new=start_new,
                title=title,
            )
            if answer == "restore" and newest is not None:
                if self._restore(newest):
                    return "restored"
                continue
            if answer == "choose":
                checked = [
                    (path, check_file(path, self.key)) for path in backups
                ]  # the whole list was asked for
                chosen = self.ask.choose_backup([(p, _describe(p, c)) for p, c in checked if c == "ok"])
                if chosen is not None and self._restore(chosen):
                    return "restored"
                continue
            return answer

    # -- the flow --------------------------------------------------------------------------------

    def run(self) -> Opened | None:
        database = self.paths.database
        finish_interrupted_conversion(database)
        while True:
            kind = file_kind(database)
            backups = list_backups(self.paths.backups)
            open_key = self.key
            if kind in ("missing", "empty") and backups:
                what = (
                    f"没有找到数据文件：{database}\n它可能被删除或移走了。"
                    if kind == "missing"
                    else f"数据文件是空的（0 字节）：{database}\n里面的数据已经丢失，可能是磁盘出错或被别的程序清空。"
                )
                answer = self._offer_backups(
                    what + f"\n\n在 {self.paths.backups} 找到 {len(backups)} 份备份。", title="数据文件不见了"
                )
                if answer == "restored":
                    continue
                return None
            if kind == "empty":
                answer = self.ask.problem(
                    f"数据文件是空的（0 字节），也没有找到任何备份：{database}\n"
                    "如果这是一个新的家政公司，可以从头开始；如果原来有数据，请先退出，找到数据文件或备份再打开。",
                    None,
                    start_new=True,
                    title="数据文件是空的",
                )
                if answer != "new":
                    return None
                database.unlink()
                continue
            if kind == "missing":
                if self.key is None:
                    self._save_key(new_key())
                    self.new_key = True
                open_key = self.key
            elif kind == "plain":
                if self.key is None:
                    self._save_key(new_key())
                    self.new_key = True
                assert self.key is not None
                open_key = self.key
                try:
                    self.conversion = encrypt_plain_files(
                        database, self.key, backup_dir=self.paths.backups, now=self.clock.now()
                    )
                except ConversionError as exc:
                    self.ask.inform(str(exc), "数据文件没有加密")
                    open_key = None
                except DatabaseLockedError as exc:
                    if self.ask.problem(str(exc), None, retry=True, title="数据文件被占用") == "retry":
                        continue
                    return None
                except StorageError as exc:
                    self.ask.inform(str(exc), "无法打开数据文件")
                    return None
            elif kind == "encrypted" and (self.key is None or not opens_with(database, self.key)):
                if self.key is not None and any(opens_with(b, self.key) for b in backups[:3]):
                    # This PC's key opens the backups, so the key is right and the file is damaged.
                    answer = self._offer_backups(
                        f"数据文件已损坏，无法打开：{database}\n（这台电脑的钥匙能打开备份，却打不开数据文件本身。）"
                        "\n程序没有向这个文件写入任何内容。",
                        title="数据文件已损坏",
                    )
                    if answer == "restored":
                        continue
                    return None
                message = (
                    "数据文件是加密的，这台电脑上没有它的钥匙（可能是新电脑，或者系统的密钥库被清空了）。"
                    if self.key is None
                    else "用这台电脑保存的钥匙打不开数据文件：它可能是从别的电脑复制来的，也可能已损坏。"
                )
                if self._ask_for_key(
                    message + f"\n{database}\n请输入数据恢复单上的恢复码。",
                    lambda key: opens_with(database, key),
                ):
                    continue
                return None
            try:
                result = open_database(
                    database,
                    backup_dir=self.paths.backups,
                    now=self.clock.now(),
                    check_later=self.check_later,
                    key=open_key,
                )
            except DatabaseLockedError as exc:
                if self.ask.problem(str(exc), None, retry=True, title="数据文件被占用") == "retry":
                    continue
                return None
            except (NewerDatabaseError, UnconvertibleDataError) as exc:
                # Healthy files: an older backup in their place would lose data.
                self.ask.problem(str(exc), None)
                return None
            except (DamagedDatabaseError, WrongKeyError, KeyNeededError) as exc:
                answer = self._offer_backups(str(exc), title="数据文件已损坏")
                if answer == "restored":
                    continue
                return None
            except StorageError as exc:  # read-only folder, full disk
                self.ask.problem(str(exc), None, retry=False, title="无法打开数据文件")
                return None
            return Opened(result, open_key, self.store, self.new_key, self.conversion, self.restored_from)


def key_for_new_database(paths: DataPaths) -> bytes:
    """The key of a database about to be created (demo data): this PC's key of the folder, or a new one."""
    store = key_store_for(paths.root)
    key = store.load()
    if key is None:
        key = new_key()
        store.save(key)
    return key


UNREACHABLE_HINT = (
    "\n\n点“重试”再连一次（例如主机刚开机时）；点“退出”关闭程序。这台电脑不会改用本机的旧数据。"
)


def open_office(
    paths: DataPaths, questions: Questions, config: OfficeConfig, setup: OfficeSetup | None = None
) -> Opened | None:
    """Open the office's server database: on the host its own server is started first.

    The SQLite steps (integrity check, key, encryption) do not apply. Unreachable: ask 重试 / 退出,
    never fall back to a local file. None means quit.
    """
    from .services.office import OfficeSetup
    from .storage.office_config import HOST
    from .storage.office_server import OfficeServerError
    from .storage.postgres import open_server, server_version

    if setup is None:
        setup = OfficeSetup(paths)
    host = config.role == HOST
    while True:
        try:
            address = setup.start_host() if host else setup.address()
            database = open_server(address)
        except (ServerUnreachableError, OfficeServerError) as exc:
            title = "主机的数据库没有启动" if host else "连不上主机"
            if questions.problem(str(exc) + UNREACHABLE_HINT, None, retry=True, title=title) == "retry":
                continue
            return None
        except StorageError as exc:  # a newer schema on the server, the office code gone
            questions.problem(str(exc), None, title="无法打开主机上的数据")
            return None
        break
    store = key_store_for(paths.root)
    key: bytes | None = None
    if host:  # the host's backups are encrypted with this folder's key
        try:
            key = setup.folder_key()
        except StorageError as exc:
            questions.inform(str(exc), "数据钥匙")
    version = server_version(database)
    return Opened(OpenResult(database, MigrationResult(version, version), None, False), key, store)
