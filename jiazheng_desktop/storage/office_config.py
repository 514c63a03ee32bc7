"""Which database this PC uses: ``office.json`` in the data folder, and the office code beside it.

Absent: the single-PC SQLite file. ``role`` ``"host"``: this PC runs the office's server
(``office-server/`` in the data folder); ``"client"``: it uses the host's at ``host:port``.
The office code (the database password) is kept like the database key (``storage.keys``): in the
operating system's credential store, or where there is none a file only the user can read, in the
user's configuration folder — never in ``office.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir

from .. import APP_ID
from ..paths import DataPaths
from .database import StorageError
from .keys import KEY_DIR_ENV, SERVICE, KeyStoreError, _account, _usable_keyring
from .office_server import DATABASE, ServerAddress

HOST = "host"
CLIENT = "client"
ROLES = (HOST, CLIENT)
CODE_SERVICE = f"{SERVICE}-office"


class OfficeConfigError(StorageError):
    """``office.json`` cannot be read or the office code is gone; the message says what to do."""


@dataclass(frozen=True)
class OfficeConfig:
    role: str
    host: str
    port: int
    database: str = DATABASE
    """The database's name on the server (always ``jiazheng`` but in tests)."""

    def address(self, code: str) -> ServerAddress:
        return ServerAddress(self.host, self.port, code, database=self.database)


@dataclass
class KeyringCode:
    account: str

    def load(self) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(CODE_SERVICE, self.account) or None
        except (KeyringError, RuntimeError, OSError) as exc:
            raise KeyStoreError(str(exc)) from exc

    def save(self, code: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(CODE_SERVICE, self.account, code)
        except (KeyringError, RuntimeError, OSError) as exc:
            raise KeyStoreError(str(exc)) from exc

    def forget(self) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(CODE_SERVICE, self.account)
        except PasswordDeleteError:
            pass
        except (KeyringError, RuntimeError, OSError) as exc:
            raise KeyStoreError(str(exc)) from exc


@dataclass
class FileCode:
    path: Path

    def load(self) -> str | None:
        try:
            return self.path.read_text(encoding="ascii").strip() or None
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyStoreError(str(exc)) from exc

    def save(self, code: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(self.path.parent, 0o700)
            partial = self.path.with_name(self.path.name + ".part")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(code + "\n")
            partial.replace(self.path)
        except OSError as exc:
            raise KeyStoreError(str(exc)) from exc

    def forget(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise KeyStoreError(str(exc)) from exc


def code_store(paths: DataPaths) -> KeyringCode | FileCode:
    """Where this PC keeps the office code of ``paths`` (as ``keys.key_store_for`` keeps the key)."""
    forced = os.environ.get(KEY_DIR_ENV, "").strip()
    folder = Path(forced) if forced else None
    if folder is None and _usable_keyring() is not None:
        return KeyringCode(_account(paths.root))
    if folder is None:
        folder = Path(user_config_dir(APP_ID, appauthor=False, roaming=False)) / "keys"
    digest = hashlib.sha256(_account(paths.root).encode("utf-8")).hexdigest()[:24]
    return FileCode(folder / f"{digest}.office")


def load(paths: DataPaths) -> OfficeConfig | None:
    """This PC's office setting, or None for a single PC (no ``office.json``)."""
    try:
        text = paths.office_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OfficeConfigError(f"读不了多台电脑的设置文件：{paths.office_file}\n（{exc}）") from exc
    try:
        values = json.loads(text)
        config = OfficeConfig(
            str(values["role"]),
            str(values["host"]),
            int(values["port"]),
            str(values.get("database", DATABASE)),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise OfficeConfigError(
            f"多台电脑的设置文件已损坏：{paths.office_file}\n"
            "请把它删掉（这台电脑就回到单机），再到 设置 → 多台电脑 里重新连接主机。"
        ) from exc
    if config.role not in ROLES:
        raise OfficeConfigError(f"多台电脑的设置文件里的角色无法识别：{config.role}（{paths.office_file}）")
    return config


def load_address(paths: DataPaths, config: OfficeConfig) -> ServerAddress:
    """The address with the office code this PC keeps; ``OfficeConfigError`` when the code is gone."""
    try:
        code = code_store(paths).load()
    except KeyStoreError as exc:
        raise OfficeConfigError(f"取不出这台电脑保存的办公室代码（{exc}）。") from exc
    if not code:
        raise OfficeConfigError(
            "这台电脑上找不到办公室代码（可能换了 Windows 用户）。"
            "请删除数据文件夹里的 office.json，再在 设置 → 多台电脑 里输入主机上显示的办公室代码重新连接。"
        )
    return config.address(code)


def save(paths: DataPaths, config: OfficeConfig, code: str) -> None:
    """Keep the code in the credential store first, then write ``office.json`` (via a temporary file)."""
    if config.role not in ROLES:
        raise ValueError(config.role)
    try:
        code_store(paths).save(code)
    except KeyStoreError as exc:
        raise OfficeConfigError(f"办公室代码保存不了（{exc}），多台电脑的设置没有改动。") from exc
    values: dict[str, object] = {"role": config.role, "host": config.host, "port": config.port}
    if config.database != DATABASE:
        values["database"] = config.database
    paths.root.mkdir(parents=True, exist_ok=True)
    partial = paths.office_file.with_name(paths.office_file.name + ".part")
    partial.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(paths.office_file)


def clear(paths: DataPaths) -> None:
    """Back to a single PC: ``office.json`` removed and the kept code forgotten."""
    paths.office_file.unlink(missing_ok=True)
    try:
        code_store(paths).forget()
    except KeyStoreError:
        pass  # nothing left that uses it
