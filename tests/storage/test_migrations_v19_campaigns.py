"""Migration 19 (campaigns): the campaign and campaign_recipient tables on a file at schema 18."""

from __future__ import annotations

import pytest
from peewee import IntegrityError

from jiazheng_desktop.storage.database import connect
from jiazheng_desktop.storage.migrations import LATEST_VERSION, apply_migrations, schema_version

NOW = "2026-11-23T02:00:00.000000Z"


def test_campaign_tables_arrive_on_a_file_at_13_and_keep_their_rules(data_paths) -> None:
    database = connect(data_paths.database)
    try:
        apply_migrations(database, target=18)
        database.execute_sql(
            "INSERT INTO customer (name, honorific, address_as, phones, phone_digits, customer_type,"
            " contact_channel, contact_start, contact_end, created_at, updated_at)"
            " VALUES ('李', '女士', '李女士', '13812345678', '13812345678', 'other', 'phone', '09:00', '20:00', ?, ?)",
            (NOW, NOW),
        )
        assert apply_migrations(database).to_version == LATEST_VERSION == schema_version(database)
        database.execute_sql(
            "INSERT INTO campaign (name, purpose, festival_key, festival_on, template, created_at)"
            " VALUES ('春节问候', 'festival', 'spring', '2027-02-06', '{称呼}您好', ?)",
            (NOW,),
        )
        database.execute_sql(
            "INSERT INTO campaign_recipient (campaign_id, customer_id, position) VALUES (1, 1, 1)"
        )
        assert database.execute_sql("SELECT state, message FROM campaign_recipient").fetchall() == [
            ("pending", "")
        ]
        with pytest.raises(IntegrityError, match="UNIQUE"):  # a customer is in a campaign once
            database.execute_sql(
                "INSERT INTO campaign_recipient (campaign_id, customer_id, position) VALUES (1, 1, 2)"
            )
        with pytest.raises(IntegrityError, match="CHECK"):
            database.execute_sql("UPDATE campaign_recipient SET state = 'forgotten'")
        with pytest.raises(IntegrityError, match="CHECK"):  # a voucher needs a value above 0
            database.execute_sql(
                "INSERT INTO campaign (name, purpose, template, voucher_kind, voucher_value_fen, voucher_uses,"
                " voucher_valid_until, created_at) VALUES ('x', 'win_back', 't', 'promotion', 0, 1, '2027-01-01', ?)",
                (NOW,),
            )
        database.execute_sql("DELETE FROM campaign WHERE id = 1")  # its recipients go with it
        assert database.execute_sql("SELECT count(*) FROM campaign_recipient").fetchone()[0] == 0
    finally:
        database.close()
