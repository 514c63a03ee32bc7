"""Demo complaints: incidents at every stage of ILEAD, made through the real services.

The services run on a clock of their own that walks through the last two months,
so numbers, deadlines, escalations and callbacks come out as they would in use.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from ..domain.clock import FixedClock
from ..domain.incidents import Category, RemedyDraft, RemedyKind, ReportChannel, Step
from ..domain.privacy import ConsentChannel, ConsentState, Purpose
from ..domain.staff import Role
from ..services.callbacks import CallbackDraft
from ..services.consents import ConsentDecision
from ..services.context import Authorization
from ..services.incidents import IncidentDraft
from ..storage.fields import to_db_time
from ..storage.models import Incident, db

if TYPE_CHECKING:
    from ..services import Services

# category → (what the customer said, what happened, root cause, customer's needs, action plan,
#             remedies as (kind, amount, note, uses), improvement, improvement kind)
_CASES = {
    Category.LATE: (
        "约好九点，阿姨十点半才到，也没提前打电话，我请了假在家等",
        "服务人员换乘地铁坐错方向，迟到 90 分钟且未提前告知",
        "交通",
        "以后准时，或者提前说一声",
        "向客户说明原因；本次服务时长照常，下次上门费减免",
        [(RemedyKind.FEE_WAIVER, "50", "下次上门费", 1)],
        "迟到超过 15 分钟必须提前电话告知客户，写进上门流程",
        "流程调整",
    ),
    Category.NOT_CLEAN: (
        "厨房油烟机没擦，卫生间角落还有水垢，钱花了活没干好",
        "深度保洁漏做油烟机和卫生间死角",
        "技能不足",
        "把没做好的地方补做好",
        "安排另一位熟练阿姨明天上门免费返工",
        [(RemedyKind.REDO, "", "明天上午上门", 1)],
        "给阿姨做一次厨卫深度清洁培训，并附上清单逐项勾选",
        "服务人员培训",
    ),
    Category.DAMAGE: (
        "阿姨擦柜子时把我家的青花瓷花瓶碰倒了，裂了一道口子",
        "擦拭高处摆件时未先移开，花瓶跌落开裂",
        "用品使用不当",
        "希望赔偿，以后别碰贵重摆件",
        "按购买价协商赔偿，并在客户档案里注明贵重物品位置",
        [(RemedyKind.REFUND, "300", "花瓶赔偿", 1)],
        "贵重物品先请客户移开或拍照确认，写进上门须知",
        "流程调整",
    ),
    Category.EMERGENCY: (
        "厨房水管突然爆裂，水漫到客厅，家里只有老人，急死了",
        "厨房冷水管接头老化爆裂",
        "设备老化",
        "马上止水，尽快修好，地板别泡坏",
        "电话指导关闭总阀和电源，维修师傅一小时内上门更换接头，清理积水",
        [
            (RemedyKind.EMERGENCY_REPAIR, "", "一小时内上门", 1),
            # 减免本次及下次基础服务费共计¥200: one 补偿券 of 2 uses × ¥100.
            (RemedyKind.VOUCHER, "200", "减免本次及下次基础服务费", 2),
        ],
        "给老人客户家里的总阀贴上标识，回访时提醒检查水管",
        "流程调整",
    ),
    Category.PRICE: (
        "说好的一百五，结账时多收了三十块，说是加了什么材料费",
        "服务人员临时加收清洁剂费用，未事先说明",
        "沟通不到位",
        "把多收的钱退回来",
        "当天退回多收费用，并说明今后所有费用先报价后服务",
        [(RemedyKind.REFUND, "30", "多收的材料费", 1)],
        "统一报价单，材料费包含在价格内，不得现场加价",
        "流程调整",
    ),
    Category.ATTITUDE: (
        "我提醒阿姨鞋套没穿，她很不耐烦，还顶嘴",
        "服务人员情绪不佳，对客户提醒回应不当",
        "服务态度",
        "希望换一位阿姨",
        "向客户道歉并更换服务人员；原阿姨停岗培训",
        [(RemedyKind.REPLACE_WORKER, "", "下次起更换", 1), (RemedyKind.VOUCHER, "80", "下次服务抵扣", 1)],
        "组织服务礼仪培训，进门先穿鞋套作为必查项",
        "服务人员培训",
    ),
}
_APOLOGY = "非常抱歉给您添了麻烦，这是我们的问题，您的心情我完全理解，我们马上负责处理。"


def generate_demo_incidents(
    services_factory: Callable[[FixedClock], Services], now: datetime, count: int, seed: int
) -> int:
    """Create ``count`` incidents spread over the 60 days before ``now``; returns how many.

    ``services_factory(clock)`` builds the services on a given clock (``build_services``).
    """
    rng = random.Random(seed)
    clock = FixedClock(now - timedelta(days=60))
    services = services_factory(clock)
    # Reminders are brought up to date once at the end (``ReminderService.backfill`` syncs every
    # open complaint and active voucher), not after every step: a third of the time saved. Closed
    # complaints want no reminders, so what is due afterwards is the same; only the reminders that a
    # later step had already closed (kept as 已处理 history) are not there.
    services.context.reminder_sync = None
    staff = services.staff.list()
    clerks = [m for m in staff if m.role == Role.CUSTOMER_SERVICE] or staff
    managers = [m for m in staff if m.role >= Role.REGIONAL_MANAGER]
    owner = next(m for m in staff if m.role == Role.OWNER)
    approval = Authorization(owner.id, owner.name, Role.OWNER)
    services.scripts.ensure_seeded()
    cutoff = now - timedelta(days=60)
    # The visits of the last two months, as ids only (a million customers make 175,000 of them).
    record_ids = array(
        "q",
        (
            row[0]
            for row in db.execute_sql(
                "SELECT id FROM service_record WHERE served_at > ? AND served_at < ? ORDER BY served_at",
                (to_db_time(cutoff), to_db_time(now - timedelta(hours=3))),
            )
        ),
    )
    if not record_ids:
        return 0
    picked = rng.sample(record_ids, min(count, len(record_ids)))
    del record_ids
    visits = _visits(picked, now.tzinfo)
    # Complaints come in a few hours after the visit; numbers follow the order they came in.
    chosen = sorted(
        ((visits[r].served_at + timedelta(hours=rng.uniform(1, 20)), visits[r]) for r in picked),
        key=lambda p: p[0],
    )
    made = 0

    def advance(
        incident: int,
        stop: int,
        after_minutes: float,
        which: Step,
        data: dict[str, str],
        drafts: list[RemedyDraft] | None = None,
    ) -> bool:
        """Complete ``which`` a while later, unless that is past ``now`` or past this incident's stage."""
        target = clock.now() + timedelta(minutes=after_minutes)
        if target >= now or which > stop:
            return False
        clock.set(target)
        services.incidents.complete_step(incident, which, data, drafts, approval if drafts else None)
        return True

    with db.atomic():  # one commit for the lot
        for reported, record in chosen:
            category = rng.choice(list(_CASES))
            said, happened, cause, needs, plan, remedies, improvement, kind = _CASES[category]
            if reported >= now:
                continue
            clock.set(reported)
            services.staff.set_on_duty(rng.choice(clerks).id)
            severity = 3 if category == Category.EMERGENCY else rng.choice((1, 1, 2))
            incident = services.incidents.open_incident(
                IncidentDraft(
                    record.customer_id,
                    category.value,
                    severity,
                    rng.choice((ReportChannel.PHONE, ReportChannel.PHONE, ReportChannel.WECHAT)).value,
                    said,
                    record.id,
                    record.worker_id,
                )
            )
            made += 1
            age = now - reported
            stop = _stage_for(age, rng)

            if not advance(
                incident,
                stop,
                rng.uniform(5, 300),
                Step.IDENTIFY,
                {"what_happened": happened, "root_cause": cause},
            ):
                continue
            if not advance(
                incident,
                stop,
                rng.uniform(2, 60),
                Step.LISTEN,
                {"customer_account": said, "customer_needs": needs},
            ):
                continue
            services.incidents.refresh_escalations(only=incident)
            level = _escalation_level(incident)
            manager = rng.choice(managers).name if level >= 2 and managers else ""
            if not advance(
                incident, stop, rng.uniform(1, 30), Step.EMPATHIZE, {"apology": _APOLOGY, "manager": manager}
            ):
                continue
            drafts = [RemedyDraft(k.value, amount, note, uses) for k, amount, note, uses in remedies]
            if not advance(incident, stop, rng.uniform(30, 1800), Step.ACT, {"action_plan": plan}, drafts):
                continue
            callback_due_at = _callback_due_at(incident, now.tzinfo)
            if callback_due_at is None or callback_due_at >= now:
                continue
            clock.set(callback_due_at + timedelta(minutes=rng.uniform(0, 90)))
            if clock.now() >= now:
                continue
            score = rng.choices((5, 4, 3, 2), weights=(55, 30, 10, 5))[0]
            customer = record.customer_id
            if services.consents.state(customer, Purpose.CALLBACK_RECORDS) == ConsentState.NOT_ASKED:
                # Asked on the first callback (as the desk does): most customers agree.
                wording = services.consents.current_wording(Purpose.CALLBACK_RECORDS)
                services.consents.record(
                    customer,
                    ConsentDecision(
                        Purpose.CALLBACK_RECORDS, rng.random() < 0.8, ConsentChannel.PHONE, wording.id
                    ),
                )
            services.callbacks.record_callback(
                CallbackDraft(
                    incident,
                    clock.now(),
                    clock.now() + timedelta(seconds=rng.randint(90, 330)),
                    score >= 3,
                    score,
                    "问题已解决，客户表示满意" if score >= 4 else "客户觉得一般",
                )
            )
            if score <= 2:
                continue  # reopened at 行动: left for the desk to handle
            advance(
                incident,
                stop,
                rng.uniform(10, 600),
                Step.DEEPEN,
                {"improvement": improvement, "improvement_kind": kind},
            )
        clock.set(now)
        services.incidents.refresh_escalations()
    return made


@dataclass(frozen=True)
class _Visit:
    id: int
    customer_id: int
    worker_id: int
    served_at: datetime


def _visits(ids: list[int], tz: tzinfo | None) -> dict[int, _Visit]:
    """The complained-of visits by id, their times in the demo's own zone."""
    found: dict[int, _Visit] = {}
    for first in range(0, len(ids), 500):
        some = ids[first : first + 500]
        rows = db.execute_sql(
            "SELECT id, customer_id, worker_id, served_at FROM service_record WHERE id IN ("
            + ", ".join("?" * len(some))
            + ")",
            some,
        )
        for rid, customer_id, worker_id, served_at in rows:
            found[rid] = _Visit(rid, customer_id, worker_id, datetime.fromisoformat(served_at).astimezone(tz))
    return found


def _escalation_level(incident_id: int) -> int:
    """The incident's escalation level, read directly (the whole view is not needed here)."""
    return int(Incident.select(Incident.escalation_level).where(Incident.id == incident_id).scalar())


def _callback_due_at(incident_id: int, tz: tzinfo | None) -> datetime | None:
    """When the incident's three-day callback is due (None before 行动), in the demo's zone."""
    text = db.execute_sql("SELECT callback_due_at FROM incident WHERE id = ?", (incident_id,)).fetchone()[0]
    return None if text is None else datetime.fromisoformat(text).astimezone(tz)


def _stage_for(age: timedelta, rng: random.Random) -> int:
    """The last step a demo incident of this age got through (0: none yet); old ones mostly closed."""
    if age < timedelta(hours=6):
        return rng.choice((0, Step.IDENTIFY, Step.LISTEN))
    if age < timedelta(days=4):
        return rng.choice((Step.LISTEN, Step.EMPATHIZE, Step.ACT, Step.ACT, Step.DEEPEN))
    return rng.choices((Step.EMPATHIZE, Step.ACT, Step.DEEPEN), weights=(4, 8, 88))[0]
