"""Campaign audiences on the demo data: SQL-only filters, filters that assess each candidate, and a start.

    .venv/bin/python benchmarks/bench_campaigns.py [CUSTOMERS]   (default 2,000: what ``dev.py run`` makes)

Opens a copy of the cached demo database (see common.py) so the start's recipients and vouchers do not
stay in the cache, then times, with the real clock: the audience of every customer who agreed to
marketing (SQL only); the 流失风险 audience (every candidate assessed by ``LifecycleService.assess``);
starting a campaign with one voucher for each of its recipients (one transaction); and one step of the
work-through (the next recipient with their message, then 已发送).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import Figure, cached_database, folder_key, print_table


def measure(customers: int) -> list[Figure]:
    from jiazheng_desktop.domain.campaigns import AudienceFilter, CampaignDraft, CampaignPurpose
    from jiazheng_desktop.domain.clock import SystemClock
    from jiazheng_desktop.domain.lifecycle import Stage
    from jiazheng_desktop.services import build_services
    from jiazheng_desktop.storage.database import close_database, open_database
    from jiazheng_desktop.storage.models import Staff

    cached = cached_database(customers)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "office"
        shutil.copytree(cached.folder, folder)
        clock = SystemClock()
        open_database(folder / cached.database.name, backup_dir=folder / "backups", now=clock.now(),
                      key=folder_key(cached.folder))  # fmt: skip
        try:
            services = build_services(clock)
            owner = Staff.select().order_by(Staff.role.desc()).first()
            services.context.set_on_duty(owner.id, owner.name)
            campaigns = services.campaigns
            t0 = time.perf_counter()
            everyone = campaigns.audience(AudienceFilter())
            t1 = time.perf_counter()
            at_risk = campaigns.audience(AudienceFilter(stages=(Stage.AT_RISK.value,)))
            t2 = time.perf_counter()
            campaign_id = campaigns.create(
                CampaignDraft(
                    name="春节问候（测速）", purpose=CampaignPurpose.FESTIVAL.value, festival_key="spring",
                    template="{称呼}您好！{节日}快乐！送您{金额}红包，券码 {券码}。",
                    voucher_kind="festival", voucher_value_text="20",
                    voucher_valid_until=clock.now().date().replace(year=clock.now().year + 1),
                )
            )  # fmt: skip
            owner_role = services.staff.get(owner.id).role
            from jiazheng_desktop.services.context import Authorization

            auth = Authorization(owner.id, owner.name, owner_role)  # the owner, as if confirmed
            t3 = time.perf_counter()
            campaigns.start(campaign_id, auth)
            t4 = time.perf_counter()
            step = campaigns.next_recipient(campaign_id)
            assert step is not None
            campaigns.mark_sent(step.id)
            t5 = time.perf_counter()
        finally:
            close_database()

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f} ms"

    return [
        Figure("audience: marketing consent (SQL only)", ms(t1 - t0), "", None, f"{len(everyone):,} customers"),
        Figure("audience: at risk (each assessed)", ms(t2 - t1), "", None,
               f"{len(at_risk):,} of {len(everyone):,} assessed"),
        Figure("start with one voucher each (one transaction)", ms(t4 - t3), "", None, f"{len(everyone):,} vouchers"),
        Figure("work-through step (next + sent)", ms(t5 - t4), "", None),
    ]  # fmt: skip


if __name__ == "__main__":
    print_table(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
