"""The office server's database: the same schema and the same SQL on PostgreSQL (psycopg 3).

What differs from the SQLite file is kept here, so services and named queries stay as they are:

- **SQL.** Hand-written statements use SQLite's ``?`` placeholders; ``OfficeDatabase`` turns them into
  psycopg's ``%s`` (and doubles a literal ``%``) before they run. Types are kept as SQLite keeps them
  (moments and days as text, yes/no as 0/1: ``fields.FlagField``, ``fields.IsoDateField``), so a
  value reads back the same on both.
- **Schema.** A server starts at ``BASELINE`` (version 19), made from SQLite's own schema of that
  version with identity ids, and without the SQLite full-text index (``search_index``): the server
  searches with ``pg_trgm`` indexes on the same columns. Steps after the baseline run on both.
- **Writes.** ``change()`` transactions take one office-wide lock first (``WRITE_LOCK``), as SQLite's
  ``BEGIN IMMEDIATE`` does for a file: a use case that reads, decides and writes sees the latest
  committed data and no other PC's change in between.
- **Version.** Kept in ``schema_version``; a database newer than the program is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from peewee import Database, OperationalError, PostgresqlDatabase, SqliteDatabase

from .encryption import EncryptedDatabase
from .migrations import LATEST_VERSION, STEPS, MigrationResult, apply_migrations
from .office_server import ServerAddress

BASELINE = 19
"""The server's first schema version: every step up to it is SQLite's history, made at once."""
WRITE_LOCK = 0x4A5A_0001
"""The advisory lock id every change transaction holds until it commits."""
CONNECT_TIMEOUT = 5


def is_server(database: Database | None) -> bool:
    return isinstance(database, OfficeDatabase)


_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|%s|%%|%|\?|[^'\"%?]+", re.S)
_PLANNER_HINT = re.compile(r"\s+(?:INDEXED BY \w+|NOT INDEXED\b)")
"""SQLite's index hints (``INDEXED BY name``, ``NOT INDEXED``): PostgreSQL's planner chooses alone."""


@cache
def pg_sql(sql: str) -> str:
    """``sql`` with ``?`` → ``%s`` outside quotes and every other ``%`` doubled (psycopg's format),
    and without SQLite's index hints."""
    parts = []
    for token in _TOKEN.findall(sql):
        if token == "?":
            parts.append("%s")
        elif token in ("%s", "%%"):
            parts.append(token)
        elif token == "%":
            parts.append("%%")
        elif token[0] in "'\"":
            parts.append(token.replace("%", "%%"))
        else:
            parts.append(_PLANNER_HINT.sub("", token))
    return "".join(parts)


class OfficeDatabase(PostgresqlDatabase):
    """peewee on the office server, reading SQLite-style SQL (see the module's text)."""

    def __init__(self, address: ServerAddress, **kwargs: Any) -> None:
        self.address = address
        super().__init__(
            address.database,
            host=address.host,
            port=address.port,
            user=address.user,
            password=address.password,
            connect_timeout=CONNECT_TIMEOUT,
            application_name="jiazheng-desktop",
            prefer_psycopg3=True,
            **kwargs,
        )

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        sql = pg_sql(sql)
        if self.in_transaction():  # a lost line inside a change fails it, never half-retried
            return super().execute_sql(sql, params)
        self._drop_lost_connection()
        try:
            return super().execute_sql(sql, params)
        except OperationalError:
            # The host was restarted or the network dropped since the last statement: a read outside a
            # transaction is tried once more on a new connection (it fails plainly if the host is still gone).
            if not self._drop_lost_connection():
                raise
            return super().execute_sql(sql, params)

    def _drop_lost_connection(self) -> bool:
        """Close this thread's connection when psycopg knows it is lost; True when it did."""
        if self.is_closed():
            return False
        conn = self.connection()
        if not (getattr(conn, "broken", False) or getattr(conn, "closed", False)):
            return False
        self.close()
        return True

    def begin(self, lock_type: str | None = None) -> None:
        super().begin()
        if lock_type is not None:
            self.cursor().execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))


def connect_server(address: ServerAddress) -> OfficeDatabase:
    return OfficeDatabase(address)


# --- the schema ------------------------------------------------------------------------------------

_SQLITE_ONLY = re.compile(r"^(customer_search|search_position|sqlite_)")
_IDENTITY = re.compile(r"\bid INTEGER PRIMARY KEY\b(?! REFERENCES)")

TRIGRAM_INDEXES = (
    "CREATE INDEX customer_trgm_name ON customer USING gin (name gin_trgm_ops)",
    "CREATE INDEX customer_trgm_address_as ON customer USING gin (address_as gin_trgm_ops)",
    "CREATE INDEX customer_trgm_phone ON customer USING gin (phone_digits gin_trgm_ops)",
    "CREATE INDEX customer_trgm_keys ON customer USING gin (search_keys gin_trgm_ops)",
)
"""The server's search index: ``queries.match_clause``'s LIKE conditions read these directly."""


def memory_database(version: int) -> SqliteDatabase:
    """A new SQLite database in memory, migrated to ``version`` (its schema and the rows steps put in)."""
    memory = EncryptedDatabase(":memory:", key=None)
    memory.connect()
    apply_migrations(memory, target=version)
    return memory


@cache
def sqlite_schema(version: int) -> tuple[tuple[str, str, str], ...]:
    """(type, name, SQL) of SQLite's schema at ``version``, in the order it was made."""
    memory = memory_database(version)
    try:
        rows = memory.execute_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
    finally:
        memory.close()
    return tuple((str(t), str(n), str(s)) for t, n, s in rows)


@cache
def baseline_statements() -> tuple[str, ...]:
    """The server's schema at ``BASELINE``: SQLite's tables and indexes with identity ids, plus the
    trigram indexes instead of the full-text table and its triggers."""
    statements = []
    for kind, name, sql in sqlite_schema(BASELINE):
        if _SQLITE_ONLY.match(name) or kind == "trigger":
            continue
        if kind == "table":
            sql = _IDENTITY.sub("id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
        statements.append(sql)
    return (*statements, "CREATE EXTENSION IF NOT EXISTS pg_trgm", *TRIGRAM_INDEXES)


def server_version(database: Database) -> int:
    """The schema version on the server (0 for a new, empty database)."""
    found = database.execute_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_name = 'schema_version'"
    ).fetchone()[0]
    if not found:
        return 0
    row = database.execute_sql("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def set_server_version(database: Database, version: int) -> None:
    database.execute_sql("DELETE FROM schema_version")
    database.execute_sql("INSERT INTO schema_version (version) VALUES (?)", (int(version),))


def migrate_server(database: OfficeDatabase, *, target: int = LATEST_VERSION) -> MigrationResult:
    """The server's ``apply_migrations``: a new database gets the baseline at once, then the later steps,
    in one transaction (nothing changes on an error)."""
    current = server_version(database)
    if current >= target:
        return MigrationResult(current, current)
    with database.atomic():
        first = current + 1
        if current < BASELINE:
            if current != 0:
                raise ValueError(f"a server database at version {current} predates the baseline")
            create_baseline(database)
            first = BASELINE + 1
        for version in range(first, target + 1):
            STEPS[version](database)
            set_server_version(database, version)
    return MigrationResult(current, target)


def create_baseline(database: OfficeDatabase) -> None:
    """The schema at ``BASELINE`` and the rows its steps put in (root causes, consent wordings …)."""
    for statement in baseline_statements():
        database.execute_sql(statement)
    database.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    memory = memory_database(BASELINE)
    try:
        tables = data_tables(BASELINE)
        copy_rows(memory, database, tables)
        reset_identities(database, tables)
    finally:
        memory.close()
    set_server_version(database, BASELINE)


# --- tables, for moving data between the two ----------------------------------------------------


def data_tables(version: int) -> list[str]:
    """The tables that hold the agency's data, parents before children (as they were made)."""
    return [n for kind, n, _sql in sqlite_schema(version) if kind == "table" and not _SQLITE_ONLY.match(n)]


def table_columns(database: Database, table: str) -> list[str]:
    if is_server(database):
        rows = database.execute_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ? ORDER BY ordinal_position",
            (table,),
        ).fetchall()
    else:
        rows = [(r[1],) for r in database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]
    return [str(r[0]) for r in rows]


def count_rows(database: Database, tables: Iterable[str]) -> dict[str, int]:
    return {t: int(database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def reset_identities(database: OfficeDatabase, tables: Iterable[str]) -> None:
    """After rows came with their ids: the next id of each table follows the highest one."""
    for table in tables:
        if "id" not in table_columns(database, table):
            continue
        sequence = database.execute_sql("SELECT pg_get_serial_sequence(?, 'id')", (table,)).fetchone()[0]
        if sequence is None:
            continue
        database.execute_sql(
            f'SELECT setval(?, COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)', (sequence,)
        )


def copy_rows(
    source: SqliteDatabase | OfficeDatabase,
    target: SqliteDatabase | OfficeDatabase,
    tables: list[str],
    progress: Callable[[str, int], None] | None = None,
    batch: int = 2000,
) -> None:
    """Every row of ``tables`` from ``source`` into the (emptied) same tables of ``target``.

    Runs inside the caller's transaction on ``target``. Into the server it writes with ``COPY`` and
    with foreign keys checked at the end of the transaction (a customer may name a later customer
    as referrer).
    """
    for table in tables:
        columns = [c for c in table_columns(source, table) if c in set(table_columns(target, table))]
        names = ", ".join(f'"{c}"' for c in columns)
        cursor = source.execute_sql(f'SELECT {names} FROM "{table}"')
        done = 0
        if is_server(target):
            raw = target.connection().cursor()
            with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in cursor:
                    copy.write_row(row)
                    done += 1
        else:
            marks = ", ".join("?" for _ in columns)
            insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
            while True:
                rows = cursor.fetchmany(batch)
                if not rows:
                    break
                target.cursor().executemany(insert, rows)
                done += len(rows)
        if progress is not None:
            progress(table, done)


# --- opening ---------------------------------------------------------------------------------------


def unreachable_message(address: ServerAddress, detail: str = "") -> str:
    reason = f"\n（{detail.strip().splitlines()[0]}）" if detail.strip() else ""
    return (
        f"连不上主机的数据库：{address.shown()}{reason}\n"
        "请确认主机（放数据库的那台电脑）已经开机、家政服务台在那台电脑上运行过，并且这台电脑和主机在同一个网络里。"
        "本机不会另存一份数据，连上以后一切照常。"
    )


def connect_checked(address: ServerAddress) -> OfficeDatabase:
    """A connection of its own to the server, its schema checked (a newer one refused) and migrated.

    Raises ``ServerUnreachableError`` (host off, wrong address or password) and ``NewerDatabaseError``.
    """
    from .database import NewerDatabaseError, ServerUnreachableError

    database = connect_server(address)
    try:
        database.connect()
    except OperationalError as exc:
        raise ServerUnreachableError(unreachable_message(address, str(exc))) from exc
    try:
        version = server_version(database)
        if version > LATEST_VERSION:
            raise NewerDatabaseError(
                f"主机上的数据是由更新版本的家政服务台写的（数据版本 {version}，本程序只认识到 {LATEST_VERSION}）。"
                "为保护数据，本程序不会改动它。请在这台电脑上安装和主机相同（或更新）的版本。"
            )
        migrate_server(database)
    except BaseException:
        database.close()
        raise
    return database


def open_server(address: ServerAddress) -> OfficeDatabase:
    """``connect_checked``, then bind the models to the server."""
    from .models import db

    database = connect_checked(address)
    db.initialize(database)
    return database
