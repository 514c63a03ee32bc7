"""Opening the office's SQLite file safely.

Order matters: the file is first looked at read-only (is it a database? intact? a
schema this program knows?) and only then opened for writing, switched to WAL,
backed up and migrated. A damaged or newer file is never written to.

The file is encrypted (``storage.encryption``): every function here takes the key. A plain file
of an older release is converted once, with a backup first (``encrypt_plain_files``).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlcipher3
from peewee import Database, SqliteDatabase

from ..domain.errors import DomainError
from .backup import BACKUP_SUFFIX, backup_name, make_backup
from .encryption import EncryptedDatabase, export_encrypted, file_kind, raw_connect, shred
from .migrations import LATEST_VERSION, MigrationResult, UnknownStoredValueError, apply_migrations
from .models import db

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    # FULL: a committed change survives a power cut (NORMAL may lose the last one under WAL).
    "synchronous": "full",
    # 64 MB of decrypted pages: with SQLCipher every page read from the OS cache is decrypted again. The
    # customer table of 100,000 customers is about 8,000 pages (31–32 MB): a search that scans it takes
    # 16–25 ms while it fits and 100–115 ms once it does not, and 32 MB was on that edge (migration 9's
    # column tipped it over; benchmarks/README.md). Pages are only held as they are read.
    "cache_size": -64000,
    "temp_store": "memory",
}


class StorageError(DomainError):
    """The database cannot be used; the message tells the user what to do."""


class DamagedDatabaseError(StorageError):
    """The file is not a healthy SQLite database."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer version of the program."""


class UnconvertibleDataError(StorageError):
    """A migration met stored values it cannot convert and left the (healthy) file as it was."""


class KeyNeededError(StorageError):
    """The file is encrypted and this PC holds no key for it (a new PC, or the stored key is gone)."""


class WrongKeyError(StorageError):
    """The key does not open the file: another agency's key, or the file is damaged beyond its header."""


class ConversionError(StorageError):
    """Encrypting a plain file failed; the plain file was left as it was."""


class ReadOnlyFolderError(StorageError):
    """The data folder (or the file) cannot be written to."""


class DiskFullError(StorageError):
    """No room left on the disk of the data folder."""


class DatabaseLockedError(StorageError):
    """Another program holds the database's write lock for longer than the busy timeout."""


class ServerUnreachableError(StorageError):
    """The office server (another PC) cannot be reached or refuses the sign-in."""


LOST_SERVER_SIGNS = (
    "server closed the connection",
    "connection is lost",
    "connection failed",
    "consuming input failed",
    "connection timeout expired",
    "the connection is closed",
    "terminating connection",
    "could not receive data from server",
    "could not send data to server",
)
"""How psycopg words a lost office server (the host switched off, the network gone)."""

MIN_FREE_BYTES = 2 * 1024 * 1024
"""Below this, starting would fail at the first write (the WAL, a backup): say so at once."""


def read_only_message(folder: Path) -> str:
    return (
        f"数据文件夹没有写入权限（只读）：{folder}\n"
        "程序需要在这里保存数据和备份，所以现在无法打开。请让管理员给这个文件夹写入权限"
        "（Windows：右键 → 属性 → 安全），或把整个文件夹复制到有写入权限的位置后用 --data-dir 打开。"
        "文件本身没有被改动。"
    )


def disk_full_message(folder: Path, saving: bool = False) -> str:
    first = "磁盘空间已满，刚才的修改没有保存。" if saving else "磁盘空间已满，程序现在无法安全打开数据。"
    kept = "您填写的内容还在窗口里，腾出空间后再点保存即可。" if saving else "数据文件没有被改动。"
    return f"{first}\n数据文件夹：{folder}\n请删除不用的文件或清空回收站，腾出至少几十 MB 空间。{kept}"


def locked_message(path: Path, saving: bool = False) -> str:
    first = "刚才的修改没有保存：" if saving else ""
    kept = "您填写的内容还在窗口里，关闭那个程序后再试一次。" if saving else "请关闭那个程序后点“重试”。"
    return (
        f"{first}数据文件正被另一个程序占用：{path}\n"
        "可能是 SQLite 浏览器、备份或同步软件（网盘）、杀毒软件正在读写它。" + kept
    )


def translate_error(exc: BaseException, path: Path, *, saving: bool) -> StorageError | None:
    """The user's message for a database error caused by the machine (disk, lock, permissions).

    None for anything else (a programming error stays one). Works for the errors of sqlite3,
    sqlcipher3 and peewee, which share their class names and messages.
    """
    database_error = type(exc).__name__ in (
        "OperationalError",
        "DatabaseError",
        "IntegrityError",
        "InterfaceError",
    )
    if not (database_error or isinstance(exc, OSError)):
        return None
    text = str(exc).lower()
    if any(sign in text for sign in LOST_SERVER_SIGNS):
        first = "刚才的修改没有保存：" if saving else ""
        kept = "您填写的内容还在窗口里，连上以后再保存一次即可。" if saving else "连上以后再试一次。"
        return ServerUnreachableError(
            f"{first}和主机（放数据库的电脑）的连接断了。请确认主机开着、网络正常。{kept}本机不会另存一份数据。"
        )
    errno_value = getattr(exc, "errno", None)
    if "disk is full" in text or "database or disk is full" in text or errno_value == errno.ENOSPC:
        return DiskFullError(disk_full_message(path.parent, saving))
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLockedError(locked_message(path, saving))
    if "readonly database" in text or "read-only" in text or errno_value in (errno.EACCES, errno.EROFS):
        return ReadOnlyFolderError(read_only_message(path.parent))
    return None


def check_folder_writable(folder: Path) -> None:
    """Raise ``ReadOnlyFolderError`` or ``DiskFullError`` before anything is written to ``folder``."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(disk_full_message(folder)) from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyFolderError(read_only_message(folder)) from exc
        raise
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < MIN_FREE_BYTES:
        raise DiskFullError(disk_full_message(folder))


@dataclass(frozen=True)
class OpenResult:
    database: Database
    """The SQLite file, or on the office's PCs the server (``postgres.OfficeDatabase``)."""
    migration: MigrationResult
    backup: Path | None
    created: bool
    integrity: IntegrityCheck | None = None
    """Not yet started: call ``start()`` and hand ``wait`` to the services as their write gate."""


def _read_only(path: Path, key: bytes | None) -> sqlcipher3.Connection:
    try:
        conn = raw_connect(path, key, read_only=True)
        conn.execute("SELECT 1").fetchone()
        return conn
    except sqlcipher3.Error as exc:
        if not os.access(path.parent, os.W_OK) and path.exists():
            # A WAL file in a read-only folder cannot be opened even read-only (no -shm):
            # say what is really wrong instead of calling a healthy file damaged.
            raise ReadOnlyFolderError(read_only_message(path.parent)) from exc
        if "not a database" in str(exc) and file_kind(path) == "encrypted":
            raise _key_problem(path, key) from exc
        raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc


def _key_problem(path: Path, key: bytes | None) -> StorageError:
    if key is None:
        return KeyNeededError(
            f"数据文件打不开：{path}\n它不是普通的 SQLite 文件：可能是加密的数据而这台电脑上没有它的钥匙"
            "（请输入店主保管的“数据恢复单”上的恢复码），也可能文件已损坏（可以从备份恢复）。"
        )
    return WrongKeyError(
        f"用这台电脑保存的钥匙打不开数据文件：{path}\n"
        "可能是从别的电脑复制来的数据（需要那边的恢复码），也可能文件已损坏（可以从备份恢复）。"
    )


def read_version(path: Path, key: bytes | None = None) -> int:
    """Read the schema version (and parse the schema) read-only; quick, whatever the file's size.

    Raises ``DamagedDatabaseError`` for a file that is not a database, ``KeyNeededError`` /
    ``WrongKeyError`` for an encrypted one the key does not open, and
    ``NewerDatabaseError`` for one written by a newer program.
    """
    kind = file_kind(path)
    conn = _read_only(path, key if kind == "encrypted" else None)
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            if kind == "encrypted" and "not a database" in str(exc):
                raise _key_problem(path, key) from exc
            raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
    finally:
        conn.close()
    if version > LATEST_VERSION:
        raise NewerDatabaseError(
            f"数据文件 {path} 是由更新版本的家政服务台创建的（数据版本 {version}，本程序只认识到 "
            f"{LATEST_VERSION}）。为保护数据，本程序不会打开或改动它。请安装最新版本后再打开。"
        )
    return version


def check_integrity(path: Path, key: bytes | None = None) -> None:
    """SQLite's ``quick_check`` over every page, read-only; raises ``DamagedDatabaseError``.

    About 0.1 s for 100,000 customers, so the window runs it in the background (see
    ``IntegrityCheck``) and holds every write back until it has passed.
    """
    conn = _read_only(path, key if file_kind(path) == "encrypted" else None)
    try:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
        except sqlcipher3.DatabaseError as exc:
            raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
    finally:
        conn.close()
    if problems != ["ok"]:
        raise DamagedDatabaseError(_damaged_message(path, "；".join(problems)))


def inspect_file(path: Path, key: bytes | None = None) -> int:
    """Version and full integrity check, read-only; returns the schema version."""
    version = read_version(path, key)
    check_integrity(path, key)
    return version


class IntegrityCheck:
    """``check_integrity`` on a thread of its own; ``wait()`` blocks writes until it is done."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self._path = path
        self._key = key
        self._done = threading.Event()
        self.error: DamagedDatabaseError | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)

    def start(self, on_done: Callable[[DamagedDatabaseError | None], None] | None = None) -> IntegrityCheck:
        self._on_done = on_done
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            check_integrity(self._path, self._key)
        except DamagedDatabaseError as exc:
            self.error = exc
        finally:
            self._done.set()
        if self._on_done is not None:
            self._on_done(self.error)

    def wait(self) -> None:
        """Return once the file proved healthy; raise its ``DamagedDatabaseError`` otherwise."""
        self._done.wait()
        if self.error is not None:
            raise self.error


def _damaged_message(path: Path, detail: str) -> str:
    return (
        f"数据文件已损坏，无法安全打开：{path}\n"
        f"（检查结果：{detail}）\n"
        "程序没有向这个文件写入任何内容。请从备份恢复，或联系安装人员。"
    )


def connect(path: Path, key: bytes | None = None) -> SqliteDatabase:
    """A peewee database on ``path`` with the office's pragmas (one connection per thread)."""
    return EncryptedDatabase(str(path), key=key, pragmas=PRAGMAS, check_same_thread=False)


@dataclass(frozen=True)
class Conversion:
    """What ``encrypt_plain_files`` did: the pre-conversion backup and the other files it encrypted."""

    backup: Path
    others: list[Path] = field(default_factory=list)


def _encrypt_over(path: Path, key: bytes) -> None:
    """Replace the plain SQLite file ``path`` by an encrypted copy, then shred the plain one.

    The plain file keeps its place until the checked copy is ready; a crash between the two
    renames leaves ``path.plain`` and ``path.encrypting`` for ``finish_interrupted_conversion``.
    """
    conn = raw_connect(path, None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        conn.execute("PRAGMA journal_mode = delete").fetchone()
    finally:
        conn.close()
    encrypting = path.with_name(path.name + ".encrypting")
    old = path.with_name(path.name + ".plain")
    encrypting.unlink(missing_ok=True)
    try:
        export_encrypted(path, encrypting, key)
    except BaseException:
        encrypting.unlink(missing_ok=True)
        raise
    path.replace(old)
    encrypting.replace(path)
    shred(old)
    # The encrypted file has never been opened, so a -wal or -shm under its name is the plain one's.
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        shred(side)


def finish_interrupted_conversion(path: Path) -> None:
    """Complete a conversion that a crash cut between its two renames, or shred what it left.

    Safe to call at every start: it does nothing when no conversion was under way.
    """
    encrypting = path.with_name(path.name + ".encrypting")
    old = path.with_name(path.name + ".plain")
    if not path.exists() and encrypting.exists() and old.exists():
        encrypting.replace(path)
    encrypting.unlink(missing_ok=True)
    if old.exists() and file_kind(path) == "encrypted":
        shred(old)


def encrypt_plain_files(path: Path, key: bytes, *, backup_dir: Path, now: datetime) -> Conversion | None:
    """Encrypt a plain database of an older release, and the plain backups beside it.

    Order: an encrypted, checked backup of the plain file first; then the file itself (checked
    copy, swap, shred); then every plain backup and replaced file. None when there was nothing to do.
    Raises ``ConversionError`` — the plain file untouched — when the first two steps fail.
    """
    finish_interrupted_conversion(path)
    if file_kind(path) != "plain":
        return None
    # Leaving WAL needs the file to itself: if another program has it open, say so (and retry)
    # rather than swap the file from under it.
    try:
        conn = raw_connect(path, None)
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            mode = conn.execute("PRAGMA journal_mode = delete").fetchone()[0]
        finally:
            conn.close()
    except sqlcipher3.Error as exc:
        translated = translate_error(exc, path, saving=False)
        if translated is not None:
            raise translated from exc
        raise DamagedDatabaseError(_damaged_message(path, str(exc))) from exc
    if mode != "delete":
        raise DatabaseLockedError(locked_message(path))
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        backup = backup_dir / backup_name(now, "before-encryption")
        counter = 1
        while backup.exists():
            counter += 1
            backup = backup_dir / backup_name(now, f"before-encryption-{counter}")
        partial = backup.with_name(backup.name + ".part")
        partial.unlink(missing_ok=True)
        export_encrypted(path, partial, key)
        partial.replace(backup)
        _encrypt_over(path, key)
    except (OSError, sqlcipher3.Error) as exc:
        for leftover in backup_dir.glob("*.part"):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            reason = "磁盘空间不足"
        else:
            reason = str(exc)
        raise ConversionError(
            f"给数据文件加密没有成功（{reason}）。\n原来的数据文件没有改动：{path}\n"
            "这一次程序仍按未加密的方式打开它，下次启动时会再试。"
        ) from exc
    others = []
    candidates = [
        *backup_dir.glob(f"jiazheng-*{BACKUP_SUFFIX}"),
        *path.parent.glob(f"{path.name}.replaced-*"),
    ]
    for other in sorted(candidates):
        if other.name.endswith(("-wal", "-shm")) or file_kind(other) != "plain":
            continue
        try:
            _encrypt_over(other, key)
            others.append(other)
        except (OSError, sqlcipher3.Error):
            continue  # an old backup that cannot be read stays as it is; the list marks it damaged
    return Conversion(backup, others)


def open_database(
    path: Path, *, backup_dir: Path, now: datetime, check_later: bool = False, key: bytes | None = None
) -> OpenResult:
    """Check, open, back up if a migration is due, migrate, and bind the models to the file.

    With ``check_later`` the full integrity check runs on a background thread
    (``OpenResult.integrity``) unless a migration is due, which always waits for it.
    ``key`` opens an encrypted file and encrypts a new one; a plain file is opened plain
    (convert it first with ``encrypt_plain_files``).
    """
    kind = file_kind(path)
    created = kind in ("missing", "empty")
    if kind == "plain":
        key = None
    version = 0 if created else read_version(path, key)
    integrity = None
    if not created:
        if check_later and version == LATEST_VERSION:
            integrity = IntegrityCheck(path, key)
        else:
            check_integrity(path, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    check_folder_writable(path.parent)
    backup = None
    if 0 < version < LATEST_VERSION:
        backup = make_backup(path, backup_dir, now, f"before-migration-v{LATEST_VERSION}", key)
    if kind == "empty":
        path.unlink()  # SQLCipher writes its header only into a file it creates
    database = connect(path, key)
    try:
        database.connect(reuse_if_open=True)
        migration = apply_migrations(database)
    except UnknownStoredValueError as exc:
        database.close()
        raise UnconvertibleDataError(f"{exc}\n（数据文件：{path}）") from exc
    except Exception as exc:
        database.close()
        translated = translate_error(exc, path, saving=False)
        if translated is not None:
            raise translated from exc
        raise
    db.initialize(database)
    return OpenResult(database, migration, backup, created, integrity)


def interrupter() -> Callable[[], None]:
    """A call that stops the query running on this thread's connection (from any thread; it fails there
    with ``OperationalError: interrupted``). Harmless once the connection is closed."""
    if db.obj is None:
        return lambda: None  # no database open: nothing to stop
    conn = db.obj.connection()

    def interrupt() -> None:
        try:
            conn.interrupt()
        except sqlcipher3.Error:  # closed meanwhile: nothing runs
            pass

    return interrupt


def close_database() -> None:
    """Close this thread's connection, leaving the file tidy (WAL checkpointed)."""
    database = db.obj
    if database is not None and not database.is_closed():
        database.close()
