"""Where this PC keeps the database key: never in plain beside the database.

On Windows the Credential Manager (through ``keyring``: protected by DPAPI for the Windows user);
on Linux the secret service when there is one. Where neither works (a Linux PC without a desktop
keyring, a locked-down Windows), a file that only the user can read, in the user's configuration
folder — a weaker protection, which the settings page says plainly. ``$JIAZHENG_KEY_DIR`` forces
that file store into a folder of one's choice (tests, a portable install).
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from platformdirs import user_config_dir

from .. import APP_ID
from .encryption import KEY_BYTES

KEY_DIR_ENV = "JIAZHENG_KEY_DIR"
SERVICE = "jiazheng-desktop"


class KeyStoreError(Exception):
    """The store could not be read or written (its message is for the log, not for the user)."""


class KeyStore(Protocol):
    strong: bool
    """True when the operating system protects the key for the user (not just file permissions)."""

    def load(self) -> bytes | None: ...

    def save(self, key: bytes) -> None: ...

    def forget(self) -> None: ...

    def describe(self) -> str: ...


def _decode(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def _account(data_root: Path) -> str:
    """One key per data folder (a second office on the same PC has its own)."""
    name = str(data_root.resolve())
    return name.lower() if sys.platform == "win32" else name


@dataclass
class KeyringStore:
    account: str
    backend_name: str
    strong: bool = True

    def load(self) -> bytes | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return _decode(keyring.get_password(SERVICE, self.account))
        except (KeyringError, RuntimeError, OSError) as exc:
            raise KeyStoreError(f"{self.backend_name}: {exc}") from exc

    def save(self, key: bytes) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, self.account, key.hex())
        except (KeyringError, RuntimeError, OSError) as exc:
            raise KeyStoreError(f"{self.backend_name}: {exc}") from exc

    def forget(self) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, self.account)
        except PasswordDeleteError:
            pass
        except (KeyringError, RuntimeError, OSError) as exc:
            raise KeyStoreError(f"{self.backend_name}: {exc}") from exc

    def describe(self) -> str:
        if sys.platform == "win32":
            return "数据钥匙保存在 Windows 凭据管理器里，只有当前登录的 Windows 用户能取出。"
        return f"数据钥匙保存在本机的密钥环（{self.backend_name}）里，只有当前用户能取出。"


@dataclass
class FileKeyStore:
    path: Path
    strong: bool = False

    def load(self) -> bytes | None:
        try:
            return _decode(self.path.read_text(encoding="ascii"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyStoreError(str(exc)) from exc

    def save(self, key: bytes) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(self.path.parent, 0o700)
            partial = self.path.with_name(self.path.name + ".part")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(key.hex() + "\n")
                out.flush()
                os.fsync(out.fileno())
            partial.replace(self.path)
        except OSError as exc:
            raise KeyStoreError(str(exc)) from exc

    def forget(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise KeyStoreError(str(exc)) from exc

    def describe(self) -> str:
        return (
            f"这台电脑没有可用的系统密钥库，数据钥匙保存在文件 {self.path} 里，只有当前用户可读。"
            "这比 Windows 凭据管理器弱：能用这个用户身份登录电脑、或拿到整块硬盘的人就能取出它。"
            "请务必打印恢复单并妥善保管。"
        )


def _file_store(folder: Path, data_root: Path) -> FileKeyStore:
    digest = hashlib.sha256(_account(data_root).encode("utf-8")).hexdigest()[:24]
    return FileKeyStore(folder / f"{digest}.key")


def _usable_keyring() -> str | None:
    """The name of a keyring backend that works here, or None (the fail backend, or one that errors)."""
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        # The secret service is reached over the session bus: without one there is nothing to find,
        # and importing keyring's backends costs about 0.1 s of every start.
        return None
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
        backend.get_password(SERVICE, "probe")
    except Exception:  # any backend error means "not usable here"; the file store takes over
        return None
    return type(backend).__name__


def key_store_for(data_root: Path) -> KeyStore:
    """The store of ``data_root``'s key on this PC."""
    forced = os.environ.get(KEY_DIR_ENV, "").strip()
    if forced:
        return _file_store(Path(forced), data_root)
    backend = _usable_keyring()
    if backend is not None:
        return KeyringStore(_account(data_root), backend)
    return _file_store(Path(user_config_dir(APP_ID, appauthor=False, roaming=False)) / "keys", data_root)
