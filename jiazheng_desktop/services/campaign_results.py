"""A campaign's results read from the books, for the campaign's card and the monthly report.

Its own module (storage and domain only) so the monthly report can read it without loading the
campaign service and what that imports.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.campaigns import RESULT_DAYS_DEFAULT, RecipientState
from ..domain.monthly_figures import CampaignMonth
from ..domain.vouchers import EntryKind
from ..storage.fields import to_db_time
from ..storage.models import CampaignRecipient, db


def booked_after(
    campaign_id: int, days: int, since: datetime | None = None, until: datetime | None = None
) -> int:
    """Recipients sent a message (in ``[since, until)``) who had a visit within ``days`` after it."""
    sent = [
        (int(r.customer_id), r.acted_at)
        for r in CampaignRecipient.select(CampaignRecipient.customer, CampaignRecipient.acted_at).where(
            (CampaignRecipient.campaign == campaign_id)
            & (CampaignRecipient.state == RecipientState.SENT.value)
        )
        if r.acted_at is not None
        and (since is None or r.acted_at >= since)
        and (until is None or r.acted_at < until)
    ]
    booked = 0
    for customer_id, at in sent:
        if db.execute_sql(
            "SELECT 1 FROM service_record WHERE customer_id = ? AND served_at > ? AND served_at <= ? LIMIT 1",
            [customer_id, to_db_time(at), to_db_time(at + timedelta(days=days))],
        ).fetchone():
            booked += 1
    return booked


def month_lines(start: datetime, end: datetime, days: int = RESULT_DAYS_DEFAULT) -> list[CampaignMonth]:
    """Each campaign that sent messages in ``[start, end)``: sent then, its vouchers used then, booked after."""
    out = []
    rows = db.execute_sql(
        "SELECT c.id, c.name, count(*) FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id"
        " WHERE r.state = ? AND r.acted_at >= ? AND r.acted_at < ? GROUP BY c.id ORDER BY c.id",
        [RecipientState.SENT.value, to_db_time(start), to_db_time(end)],
    ).fetchall()
    for campaign_id, name, sent in rows:
        redeemed = db.execute_sql(
            "SELECT count(DISTINCT e.voucher_id) FROM campaign_recipient r"
            " JOIN voucher_entry e ON e.voucher_id = r.voucher_id AND e.kind = ?"
            " WHERE r.campaign_id = ? AND e.at >= ? AND e.at < ?",
            [EntryKind.REDEEM.value, campaign_id, to_db_time(start), to_db_time(end)],
        ).fetchone()[0]
        out.append(
            CampaignMonth(name, int(sent), int(redeemed), booked_after(int(campaign_id), days, start, end))
        )
    return out
