"""Where this PC keeps the key: a file only the user reads, or the system's keyring; never the data folder."""

from __future__ import annotations

import stat
import sys

import pytest

from jiazheng_desktop.storage import keys
from jiazheng_desktop.storage.keys import FileKeyStore, KeyringStore, key_store_for


def test_the_file_store_keeps_the_key_readable_by_the_user_only(tmp_path) -> None:
    store = FileKeyStore(tmp_path / "keys" / "office.key")
    assert store.load() is None
    store.save(bytes(range(32)))
    assert store.load() == bytes(range(32))
    if sys.platform != "win32":
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert "弱" in store.describe() and not store.strong
    store.forget()
    assert store.load() is None


def test_a_damaged_key_file_reads_as_no_key(tmp_path) -> None:
    store = FileKeyStore(tmp_path / "office.key")
    store.path.write_text("not hex at all", encoding="ascii")
    assert store.load() is None


def test_each_data_folder_has_its_own_key(tmp_path, key_folder) -> None:
    first, second = key_store_for(tmp_path / "a"), key_store_for(tmp_path / "b")
    first.save(bytes(32))
    assert second.load() is None
    assert first.path.parent == key_folder  # $JIAZHENG_KEY_DIR wins (tests, portable installs)


def test_without_a_session_bus_linux_uses_the_file_store_without_loading_keyring(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv(keys.KEY_DIR_ENV, raising=False)
    monkeypatch.setattr(keys.sys, "platform", "linux")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(keys, "user_config_dir", lambda *_a, **_k: str(tmp_path / "config"))
    store = key_store_for(tmp_path / "office")
    assert isinstance(store, FileKeyStore) and store.path.is_relative_to(tmp_path / "config")


def test_a_working_keyring_is_preferred_and_round_trips(tmp_path, monkeypatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 10  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.saved: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.saved.get((service, username))

        def set_password(self, service, username, password):
            self.saved[(service, username)] = password

        def delete_password(self, service, username):
            self.saved.pop((service, username), None)

    backend = Memory()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        monkeypatch.delenv(keys.KEY_DIR_ENV, raising=False)
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        store = key_store_for(tmp_path / "office")
        assert isinstance(store, KeyringStore) and store.strong
        store.save(bytes(range(32)))
        assert store.load() == bytes(range(32))
        assert any(bytes(range(32)).hex() == v for v in backend.saved.values())
        assert not (tmp_path / "office").exists()  # nothing written into the data folder
    finally:
        keyring.set_keyring(previous)


def test_a_failing_keyring_falls_back_to_the_file(tmp_path, monkeypatch) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.delenv(keys.KEY_DIR_ENV, raising=False)
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        monkeypatch.setattr(keys, "user_config_dir", lambda *_a, **_k: str(tmp_path / "config"))
        assert isinstance(key_store_for(tmp_path / "office"), FileKeyStore)
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("text", ["", "00" * 31, "zz" * 32])
def test_only_a_whole_key_is_accepted(text) -> None:
    assert keys._decode(text) is None
