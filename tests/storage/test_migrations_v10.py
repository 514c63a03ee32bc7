"""Migration 10: the customer search index, filled for existing customers and kept in step by triggers."""

from __future__ import annotations

from jiazheng_desktop.domain.search_keys import pinyin_keys
from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations

_CUSTOMER = (
    "INSERT INTO customer (id, name, address_as, phones, phone_digits, customer_type, contact_channel,"
    " contact_start, contact_end, created_at, updated_at, search_keys, erased_at)"
    " VALUES (?, ?, ?, ?, ?, 'other', 'phone', '09:00', '20:00', '2025-01-01T00:00:00.000000Z',"
    " '2025-01-01T00:00:00.000000Z', ?, ?)"
)


def _matches(database, expression: str) -> list[int]:  # type: ignore[no-untyped-def]
    rows = database.execute_sql(
        "SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid", (expression,)
    ).fetchall()
    return [row[0] for row in rows]


def test_migration_10_indexes_every_customer_not_erased(data_paths) -> None:
    old = connect(data_paths.database)
    apply_migrations(old, target=9)
    for values in (
        (7, "王建国", "王先生", "13812345678,02166668888", "13812345678,02166668888", None),
        (8, "李秀英", "李女士", "13998765432", "13998765432", None),
        (9, "已删除客户 #9", "已删除客户 #9", "", "", "2025-06-01T00:00:00.000000Z"),
    ):
        name, address_as = values[1], values[2]
        keys = "" if values[5] else pinyin_keys(name, address_as)
        old.execute_sql(_CUSTOMER, (*values[:5], keys, values[5]))
    old.close()

    database = connect(data_paths.database)
    try:
        assert apply_migrations(database).to_version == LATEST_VERSION >= 10
        assert _matches(database, 'names : "|王建"') == [7]
        assert _matches(database, 'phones : ",02166668888,"') == [7]
        assert _matches(database, 'keys : "|lxy|"') == [8]
        assert _matches(database, 'short : "秀##"') == [8]  # one character
        assert _matches(database, 'short : "秀英#"') == [8]  # two characters
        assert _matches(database, 'short : "|李#"') == [8]  # starts with one character
        assert _matches(database, 'names : "已删除"') == []  # the erased customer is not in it
        assert database.execute_sql("SELECT count(*) FROM customer_search").fetchone() == (2,)
    finally:
        database.close()


def test_triggers_follow_inserts_edits_erasure_and_deletes(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database)
        database.execute_sql(_CUSTOMER, (1, "张伟", "张先生", "13700001111", "13700001111",
                                         pinyin_keys("张伟", "张先生"), None))  # fmt: skip
        assert _matches(database, 'keys : "|zhangwei|"') == [1]
        database.execute_sql(
            "UPDATE customer SET name = '章伟', search_keys = ?, phone_digits = '13700002222' WHERE id = 1",
            (pinyin_keys("章伟", "张先生"),),
        )
        assert _matches(database, 'names : "|章伟|"') == [1]
        assert _matches(database, 'names : "|张伟|"') == []
        assert _matches(database, 'phones : "00002222"') == [1]
        assert _matches(database, 'phones : "00001111"') == []
        # A change to another column (a visit) leaves the index alone.
        database.execute_sql("UPDATE customer SET last_service_at = '2026-01-01T00:00:00.000000Z'")
        assert _matches(database, 'names : "|章伟|"') == [1]
        # Erased: even a label that contains the old text is not found, nor anything else.
        database.execute_sql(
            "UPDATE customer SET name = '章伟（已删除）', address_as = '已删除', phone_digits = '',"
            " erased_at = '2026-02-01T00:00:00.000000Z' WHERE id = 1"
        )
        assert _matches(database, 'names : "章伟"') == []
        database.execute_sql("UPDATE customer SET name = '章伟 ' WHERE id = 1")  # still erased
        assert database.execute_sql("SELECT count(*) FROM customer_search").fetchone() == (0,)
        database.execute_sql(_CUSTOMER, (2, "刘芳", "刘女士", "13500003333", "13500003333",
                                         pinyin_keys("刘芳", "刘女士"), None))  # fmt: skip
        database.execute_sql("DELETE FROM customer WHERE id = 2")
        assert _matches(database, 'keys : "lf"') == []
        assert database.execute_sql("SELECT count(*) FROM customer_search").fetchone() == (0,)
    finally:
        database.close()
