"""SQLCipher: the office's database and every backup are encrypted with one random 256-bit key.

The key is used as a *raw* key (``PRAGMA key = "x'…'"``), so opening a connection costs no key
derivation (a passphrase costs about 0.5 s per connection, and peewee opens one per thread).
Where the key is kept is ``storage.keys``; how a person types it back is ``domain.recovery_code``.

Every connection of the program, encrypted or not, goes through ``sqlcipher3`` (the SQLite it
bundles), so the same engine reads the plain file of an older release and writes the encrypted one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import sqlcipher3
from playhouse.sqlcipher_ext import SqlCipherDatabase

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"

FileKind = Literal["missing", "empty", "plain", "encrypted"]
"""``encrypted`` only means "not a plain SQLite file": a damaged file looks the same until a key is tried."""

DatabaseError = sqlcipher3.DatabaseError
OperationalError = sqlcipher3.OperationalError


def _quiet() -> None:
    """SQLCipher logs every failed key to stderr; a wrong key is an answer here, not an error to log."""
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet()


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def file_kind(path: Path) -> FileKind:
    try:
        with path.open("rb") as file:
            head = file.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "empty"
    return "plain" if head == PLAIN_HEADER else "encrypted"


def raw_connect(path: Path, key: bytes | None, *, read_only: bool = False) -> sqlcipher3.Connection:
    """A bare connection (backups, checks, conversion); keyed first when ``key`` is given.

    Raises ``sqlcipher3.DatabaseError`` only when the file is first read, not here.
    """
    if read_only:
        conn = sqlcipher3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    else:
        conn = sqlcipher3.connect(str(path))
    try:
        if key is not None:
            conn.execute(key_pragma(key))
    except BaseException:
        conn.close()
        raise
    return conn


def opens_with(path: Path, key: bytes | None) -> bool:
    """True if ``key`` (None: no key) reads the schema of ``path``."""
    try:
        conn = raw_connect(path, key, read_only=True)
    except sqlcipher3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


class EncryptedDatabase(SqlCipherDatabase):
    """peewee over SQLCipher with a raw key (``SqlCipherDatabase`` itself only takes a passphrase)."""

    def __init__(self, database: str, *, key: bytes | None, **kwargs: object) -> None:
        self._raw_key = key
        super().__init__(database, **kwargs)

    def _connect(self) -> sqlcipher3.Connection:
        conn = sqlcipher3.connect(self.database, isolation_level=None, **self.connect_params)
        try:
            if self._raw_key is not None:
                conn.execute(key_pragma(self._raw_key))
            self._add_conn_hooks(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def encrypted(self) -> bool:
        return self._raw_key is not None


def export_encrypted(source: Path, target: Path, key: bytes, *, source_key: bytes | None = None) -> None:
    """Write an encrypted copy of ``source`` (plain unless ``source_key``) to ``target`` and check it.

    ``sqlcipher_export`` copies schema and rows but not ``user_version``, which is set after it.
    ``target`` must not exist. Raises ``sqlcipher3.DatabaseError`` when the copy fails its check.
    """
    conn = raw_connect(source, source_key, read_only=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    check = raw_connect(target, key)
    try:
        check.execute("PRAGMA journal_mode = wal")
        result = check.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlcipher3.DatabaseError(f"the encrypted copy failed its check: {result}")
        if int(check.execute("PRAGMA user_version").fetchone()[0]) != version:
            raise sqlcipher3.DatabaseError("the encrypted copy lost its schema version")
    finally:
        check.close()


def shred(path: Path) -> None:
    """Overwrite a plain file with zeros before deleting it, so its data is not left in the folder.

    (On an SSD or a copy-on-write disk the old blocks may survive anyway; the closing note says so.)
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with path.open("r+b") as file:
        chunk = b"\0" * (1 << 20)
        left = size
        while left > 0:
            written = file.write(chunk[: min(left, len(chunk))])
            left -= written
        file.flush()
        os.fsync(file.fileno())
    path.unlink()
