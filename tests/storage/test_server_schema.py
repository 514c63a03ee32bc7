"""The office server's schema: the same tables and columns as the file, migrated, versioned, refused when newer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from jiazheng_desktop.storage.database import (
    NewerDatabaseError,
    ServerUnreachableError,
    close_database,
    translate_error,
)
from jiazheng_desktop.storage.encryption import EncryptedDatabase
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations
from jiazheng_desktop.storage.office_server import ServerAddress
from jiazheng_desktop.storage.postgres import (
    BASELINE,
    connect_server,
    count_rows,
    data_tables,
    migrate_server,
    open_server,
    pg_sql,
    server_version,
    table_columns,
)


def test_sqlite_placeholders_and_percent_signs_become_psycopgs() -> None:
    assert pg_sql("SELECT a FROM t WHERE b = ? AND c LIKE ?") == "SELECT a FROM t WHERE b = %s AND c LIKE %s"
    assert pg_sql("SELECT '?' , x % 2 FROM t WHERE y = ?") == "SELECT '?' , x %% 2 FROM t WHERE y = %s"
    assert pg_sql("SELECT 'a%b' FROM t WHERE y = %s") == "SELECT 'a%%b' FROM t WHERE y = %s"
    assert pg_sql('SELECT "we?ird" FROM t') == 'SELECT "we?ird" FROM t'


def test_sqlites_index_hints_are_left_out_on_the_server() -> None:
    assert (
        pg_sql("SELECT c.id FROM customer c INDEXED BY customer_kept_by_last_service WHERE c.id = ?")
        == "SELECT c.id FROM customer c WHERE c.id = %s"
    )
    assert (
        pg_sql("SELECT id FROM customer NOT INDEXED WHERE name LIKE ?")
        == "SELECT id FROM customer WHERE name LIKE %s"
    )
    # Only outside quotes: a value that reads like a hint stays as it is.
    assert pg_sql("SELECT 'x INDEXED BY y' FROM t") == "SELECT 'x INDEXED BY y' FROM t"


def test_a_new_server_gets_the_files_schema_and_seed_rows(server_address: ServerAddress) -> None:
    server = connect_server(server_address)
    memory = EncryptedDatabase(":memory:", key=None)
    memory.connect()
    try:
        apply_migrations(memory)
        assert server_version(server) == LATEST_VERSION
        tables = data_tables(LATEST_VERSION)
        assert "customer" in tables and "campaign_recipient" in tables
        for table in tables:
            assert table_columns(server, table) == table_columns(memory, table), table
        # The rows the steps put in (root causes, consent wordings, script templates …) are there too.
        assert count_rows(server, tables) == count_rows(memory, tables)
        assert count_rows(server, ["root_cause"])["root_cause"] > 0
    finally:
        memory.close()
        server.close()


def test_a_server_at_the_baseline_is_migrated_by_the_later_steps(pg_server) -> None:
    address = pg_server.new_database(migrated=False)
    server = connect_server(address)
    try:
        assert server_version(server) == 0
        result = migrate_server(server, target=BASELINE)
        assert (result.from_version, result.to_version) == (0, BASELINE)
        assert "row_version" not in table_columns(server, "customer")
        result = migrate_server(server)
        assert (result.from_version, result.to_version) == (BASELINE, LATEST_VERSION)
        assert "row_version" in table_columns(server, "incident")
        assert migrate_server(server).from_version == LATEST_VERSION  # nothing more to do
    finally:
        server.close()
        pg_server.drop(address)


def test_a_server_written_by_a_newer_program_is_refused_and_left_alone(server_address: ServerAddress) -> None:
    with psycopg.connect(**server_address.connect_kwargs(), autocommit=True) as conn:
        conn.execute("UPDATE schema_version SET version = %s", [LATEST_VERSION + 1])
        with pytest.raises(NewerDatabaseError, match="更新版本"):
            open_server(server_address)
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (LATEST_VERSION + 1,)
    close_database()


def test_a_host_that_is_off_is_said_plainly(server_address: ServerAddress) -> None:
    with pytest.raises(ServerUnreachableError, match="连不上主机") as caught:
        open_server(replace(server_address, port=1))
    assert "127.0.0.1:1" in str(caught.value) and "不会另存一份" in str(caught.value)
    with pytest.raises(ServerUnreachableError):
        open_server(replace(server_address, password="WRONG-CODE"))


def test_a_connection_lost_while_saving_keeps_what_was_typed() -> None:
    lost = psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly")
    translated = translate_error(lost, Path("x"), saving=True)
    assert isinstance(translated, ServerUnreachableError)
    assert "没有保存" in str(translated) and "还在窗口里" in str(translated)


def _cut_off(server: ServerAddress, database) -> None:
    """What a host restart or a dropped network does to a PC's connection: the server ends it."""
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(**server.connect_kwargs(), autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)


def test_a_read_after_the_host_came_back_reconnects_by_itself(server_address: ServerAddress) -> None:
    database = connect_server(server_address)
    try:
        first = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        _cut_off(server_address, database)
        # the next read (the window's, on its own thread) is not refused for good: it gets a new connection
        assert database.execute_sql("SELECT count(*) FROM staff").fetchone()[0] >= 0
        assert database.execute_sql("SELECT pg_backend_pid()").fetchone()[0] != first
    finally:
        database.close()


def test_a_change_that_loses_the_host_is_not_retried(server_address: ServerAddress) -> None:
    from peewee import OperationalError

    database = connect_server(server_address)
    try:
        database.execute_sql("CREATE TABLE t (n integer)")
        with pytest.raises(OperationalError):
            with database.atomic():
                database.execute_sql("INSERT INTO t VALUES (1)")
                _cut_off(server_address, database)
                database.execute_sql("INSERT INTO t VALUES (2)")
        # nothing of it was written, and the connection after it works
        assert database.execute_sql("SELECT count(*) FROM t").fetchone() == (0,)
    finally:
        database.close()
