"""Migration 15: each customer's derived stage, risk and value tier on the row, with indexes the list reads."""

from __future__ import annotations

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations
from jiazheng_desktop.storage.queries import ListQuery, list_count_sql, list_page_sql

NOW = "2026-11-23T02:00:00.000000Z"


def test_existing_customers_start_as_prospects_and_the_list_sorts_by_risk_from_an_index(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=14)
        database.execute_sql(
            "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
            " contact_channel, contact_start, contact_end, created_at, updated_at)"
            " VALUES ('李', '女士', '李女士', '13812345678', '13812345678', 'other', 'phone', '09:00', '20:00', ?, ?)",
            (NOW, NOW),
        )
        assert apply_migrations(database).to_version == LATEST_VERSION >= 15
        row = database.execute_sql(
            "SELECT lifecycle_stage, churn_risk, value_tier, lifecycle_at FROM customer"
        ).fetchone()
        assert row == ("prospect", 0, "暂无", None)  # derived at the window's first refresh
        plan = " | ".join(
            r[3]
            for r in database.execute_sql(
                "EXPLAIN QUERY PLAN "
                + list_page_sql(ListQuery(sort="churn_risk", descending=True), 0, 50)[0],
                list_page_sql(ListQuery(sort="churn_risk", descending=True), 0, 50)[1],
            ).fetchall()
        )
        assert "customer_kept_by_risk" in plan and "TEMP B-TREE" not in plan, plan
        count_sql, params = list_count_sql(ListQuery(stage="at_risk"))
        count_plan = " | ".join(r[3] for r in database.execute_sql("EXPLAIN QUERY PLAN " + count_sql, params))
        assert "customer_kept_by_stage" in count_plan, count_plan
    finally:
        database.close()
