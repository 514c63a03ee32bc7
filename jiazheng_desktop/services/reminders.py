"""Reminders: kept in step with their causes, raised once when due, snoozed, done or dismissed.

The reminder table is the truth. The scheduler only wakes the program up; whatever wakes it, the
program asks this service what is due as of the injected clock, so a sleep, a clock change or a night
with the program closed loses nothing and shows nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from ..domain.contracts import ContractStatus
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.festivals import DAYS_BEFORE_MAX, DEFAULT_DAYS_BEFORE, DEFAULT_FESTIVALS, FESTIVALS
from ..domain.incidents import Status
from ..domain.reminders import (
    ACTIVE_STATES,
    CUSTOMER_CALL_KINDS,
    DEFAULT_RENEWAL_DAYS,
    DISMISS_REASON_MAX,
    Kind,
    Snooze,
    State,
    Wanted,
    snooze_until,
)
from ..storage.models import Contract, Customer, Incident, Reminder, Staff, db
from . import reminder_causes as causes
from .changes import ChangeKind, Changes
from .context import SYSTEM, ServiceContext
from .incident_rules import IncidentRulesService
from .paging import KeysetList
from .reminder_views import (
    CentreCounts,
    ReminderRow,
    centre_counts,
    centre_listing,
    count_due,
    row_of,
)
from .settings import REMINDERS_BACKFILLED_KEY, SettingsService
from .surveys import read_rule

RENEWAL_DAYS_KEY = "reminders.renewal_days"
FESTIVALS_KEY = "reminders.festivals"
FESTIVAL_DAYS_KEY = "reminders.festival_days_before"
BACKFILLED_KEY = REMINDERS_BACKFILLED_KEY
CALENDAR_HORIZON_DAYS = 400
"""Festival and monthly-report reminders are made this far ahead, so they exist before they fall due."""


class _NothingChanged(Exception):
    """Rolls back a housekeeping change that found nothing to do, so it leaves no audit row."""


@dataclass(frozen=True)
class ReminderRules:
    renewal_days: tuple[int, ...]
    festivals: tuple[str, ...]
    festival_days_before: int


class ReminderService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        incident_rules: IncidentRulesService,
    ) -> None:
        self._ctx = context
        self._settings = settings
        self._incident_rules = incident_rules

    # -- rules ----------------------------------------------------------------------------------------

    def rules(self) -> ReminderRules:
        return ReminderRules(
            renewal_days=tuple(self._settings.get_value(RENEWAL_DAYS_KEY, list(DEFAULT_RENEWAL_DAYS))),
            festivals=tuple(self._settings.get_value(FESTIVALS_KEY, list(DEFAULT_FESTIVALS))),
            festival_days_before=int(self._settings.get_value(FESTIVAL_DAYS_KEY, DEFAULT_DAYS_BEFORE)),
        )

    def save_rules(self, rules: ReminderRules) -> None:
        """Store the reminder rules and bring every affected reminder in line with them."""
        errors: dict[str, str] = {}
        if not rules.renewal_days or any(not 1 <= d <= 90 for d in rules.renewal_days):
            errors["renewal_days"] = "续约提醒的提前天数要在 1 到 90 天之间，至少一个"
        known = {f.key for f in FESTIVALS}
        if any(key not in known for key in rules.festivals):
            errors["festivals"] = "有不认识的节日，请重新勾选"
        if not 0 <= rules.festival_days_before <= DAYS_BEFORE_MAX:
            errors["festival_days_before"] = f"节日问候提前的天数要在 0 到 {DAYS_BEFORE_MAX} 天之间"
        if errors:
            raise ValidationError(errors)
        before = self.rules()
        with self._ctx.change("修改提醒设置", "setting") as entry:
            self._settings.put(RENEWAL_DAYS_KEY, sorted(set(rules.renewal_days), reverse=True))
            self._settings.put(FESTIVALS_KEY, [f.key for f in FESTIVALS if f.key in rules.festivals])
            self._settings.put(FESTIVAL_DAYS_KEY, rules.festival_days_before)
            entry.detail = {
                "续约提前天数": "、".join(map(str, sorted(set(rules.renewal_days), reverse=True))),
                "节日": causes.festival_names(rules.festivals) or "无",
                "节日提前天数": rules.festival_days_before,
            }
            if set(before.renewal_days) != set(rules.renewal_days):
                for contract in Contract.select(Contract.id).where(
                    Contract.status == ContractStatus.ACTIVE.value
                ):
                    self.sync("contract", int(contract.id))
            self._sync_calendar_within()

    # -- keeping reminders in step with their causes ------------------------------------------------

    def sync(self, subject: str, subject_id: int, acted: bool = False) -> None:
        """Inside the caller's change: make the reminders of one subject match what it wants now.

        ``acted``: someone followed the subject up just now, so its reminders already due are done.
        """
        if acted:
            self.complete_due_for(subject, subject_id)
        tz = self._ctx.now().tzinfo
        assert tz is not None
        if subject == "incident":
            wanted = causes.for_incident(subject_id, self._incident_rules.policy(), tz)
        elif subject == "contract":
            wanted = causes.for_contract(subject_id, self.rules().renewal_days, tz)
        elif subject == "voucher":
            wanted = causes.for_voucher(subject_id, tz)
        elif subject == "inquiry":
            wanted = causes.for_inquiry(subject_id, tz)
        elif subject == "service_record":
            wanted = causes.for_visit(subject_id, read_rule(self._settings), self._ctx.now())
        else:
            raise ValueError(subject)
        self._reconcile(subject, subject_id, wanted)

    def sync_calendar(self) -> int:
        """Festival greetings and monthly reports for the next ``CALENDAR_HORIZON_DAYS`` days.

        Returns how many reminders changed; when none did, nothing is written (no audit row either).
        """
        try:
            with self._ctx.change("更新节日和月报提醒", "reminder") as entry:
                entry.by_name = SYSTEM
                changed = self._sync_calendar_within()
                if not changed:
                    raise _NothingChanged
                entry.detail = {"提醒": changed}
        except _NothingChanged:
            return 0
        return changed

    def _sync_calendar_within(self) -> int:
        rules = self.rules()
        now = self._ctx.now()
        first = Staff.select(Staff.created_at).order_by(Staff.created_at).first()  # the first-run set-up
        started_on = first.created_at.astimezone(now.tzinfo).date() if first is not None else None
        found = causes.for_calendar(
            now, rules.festivals, rules.festival_days_before, CALENDAR_HORIZON_DAYS, started_on
        )
        by_subject: dict[tuple[str, int], list[Wanted]] = {}
        for subject, subject_id, wanted in found:
            by_subject.setdefault((subject, subject_id), []).append(wanted)
        # Festivals no longer ticked: drop what has not come up yet.
        stale = Reminder.select(Reminder.subject, Reminder.subject_id).where(
            Reminder.kind.in_([Kind.FESTIVAL.value, Kind.MONTHLY_REPORT.value]),
            Reminder.state == State.PENDING.value,
            Reminder.wake_at > now,
        )
        for row in stale:
            by_subject.setdefault((row.subject, int(row.subject_id)), [])
        return sum(
            self._reconcile(subject, subject_id, wants) for (subject, subject_id), wants in by_subject.items()
        )

    def backfill(self) -> int:
        """Once per database: reminders for what was already there before reminders existed.

        Those that fell due more than a day before are recorded as done (the 工作台 still lists the
        work itself), so the first start is not a wall of old reminders. Returns how many were made.
        """
        if self._settings.get_value(BACKFILLED_KEY, False):
            return 0
        now = self._ctx.now()
        with self._ctx.change("建立提醒", "reminder") as entry:
            entry.by_name = SYSTEM
            before = Reminder.select().count()
            for incident in Incident.select(Incident.id).where(Incident.status != Status.CLOSED.value):
                self.sync("incident", int(incident.id))
            tz = now.tzinfo
            assert tz is not None
            rows = (
                {
                    "kind": want.kind.value, "subject": subject, "subject_id": subject_id, "slot": want.slot,
                    "customer": want.customer_id, "title": want.title, "due_at": want.due_at,
                    "wake_at": want.due_at, "state": State.PENDING.value, "created_at": now,
                }
                for subject, subject_id, want in causes.active_contracts_and_vouchers(self.rules().renewal_days, tz)
            )  # fmt: skip
            for chunk in iter(lambda: list(islice(rows, 500)), []):  # 500 at a time, never all at once
                Reminder.insert_many(chunk).on_conflict_ignore().execute()
            self._sync_calendar_within()
            Reminder.update(
                state=State.DONE.value, closed_at=now, closed_by=SYSTEM, reason="启用提醒前已到期"
            ).where(
                Reminder.state == State.PENDING.value, Reminder.due_at < now - timedelta(days=1)
            ).execute()
            self._settings.put(BACKFILLED_KEY, True)
            made = Reminder.select().count() - before
            entry.detail = {"提醒": made}
        return made

    def _reconcile(self, subject: str, subject_id: int, wanted: list[Wanted]) -> int:
        """Make the subject's reminders match ``wanted``; returns how many rows changed."""
        now = self._ctx.now()
        changed = 0
        existing = {
            (r.kind, r.slot): r
            for r in Reminder.select().where(Reminder.subject == subject, Reminder.subject_id == subject_id)
        }
        keep: set[tuple[str, str]] = set()
        for want in wanted:
            key = (want.kind.value, want.slot)
            keep.add(key)
            row = existing.get(key)
            if row is None:
                Reminder.insert(
                    kind=want.kind.value, subject=subject, subject_id=subject_id, slot=want.slot,
                    customer=want.customer_id, title=want.title, due_at=want.due_at, wake_at=want.due_at,
                    state=State.PENDING.value, created_at=now,
                ).on_conflict_ignore().execute()  # fmt: skip
                changed += 1
            elif row.state in (s.value for s in ACTIVE_STATES) and (
                row.due_at != want.due_at or row.title != want.title
            ):
                # The cause moved (a rescheduled callback …): the reminder moves with it and will
                # come up again at the new time, even if it was shown for the old one.
                moved = row.due_at != want.due_at
                Reminder.update(
                    due_at=want.due_at,
                    wake_at=want.due_at if moved else row.wake_at,
                    state=State.PENDING.value if moved else row.state,
                    title=want.title,
                ).where(Reminder.id == row.id).execute()
                changed += 1
        for key, row in existing.items():
            if key in keep or row.state not in (s.value for s in ACTIVE_STATES):
                continue
            changed += 1
            if row.state == State.RAISED.value or row.wake_at <= now:
                # Already shown or due: the work behind it is done, keep it as history.
                Reminder.update(
                    state=State.DONE.value, closed_at=now, closed_by=SYSTEM, reason="已处理（原因已消除）"
                ).where(Reminder.id == row.id).execute()
            else:
                Reminder.delete().where(Reminder.id == row.id).execute()
        return changed

    # -- what is due ------------------------------------------------------------------------------

    def raise_due(self) -> list[ReminderRow]:
        """Mark every reminder whose time has come as shown, and return them oldest first.

        Each is returned once: a second call (or the next start) does not return it again, nor does
        another PC's on the same office server — the write lock (``BEGIN IMMEDIATE`` on a file, the office
        lock on a server) makes reading and marking them one step, so each is claimed by one PC only.
        """
        if self._ctx.write_gate is not None:
            self._ctx.write_gate()
        now = self._ctx.now()
        with db.atomic("IMMEDIATE"):
            due = list(
                Reminder.select()
                .where(
                    Reminder.state.in_([State.PENDING.value, State.SNOOZED.value]),
                    Reminder.wake_at <= now,
                )
                .order_by(Reminder.wake_at, Reminder.id)
            )
            if due:
                Reminder.update(state=State.RAISED.value, raised_at=now).where(
                    Reminder.id.in_([r.id for r in due])
                ).execute()
        if due:
            self._ctx.announce(Changes.of(ChangeKind.REMINDER, (r.id for r in due)))
        return [row_of(r, now, State.RAISED) for r in due]

    def next_wake(self, limit: int = 200) -> list[tuple[int, datetime]]:
        """The next reminders to fall due, ``(id, wake_at)``, soonest first."""
        now = self._ctx.now()
        query = (
            Reminder.select(Reminder.id, Reminder.wake_at)
            .where(Reminder.state.in_([State.PENDING.value, State.SNOOZED.value]), Reminder.wake_at > now)
            .order_by(Reminder.wake_at)
            .limit(limit)
        )
        return [(int(r.id), r.wake_at) for r in query]

    def counts(self) -> CentreCounts:
        """How many reminders the centre's groups hold (逾期, 今天, 即将到来), every kind."""
        return centre_counts(self._ctx.now())

    def listing(
        self, kind: str | None = None, sort: str = "group", descending: bool = False
    ) -> KeysetList[ReminderRow]:
        """The reminder centre's rows (of ``kind``, or all) in one order, read a keyset page at a time.

        Nothing is capped: 逾期 has no bound (reminders nobody acted on stay), and a busy day's
        renewals can be thousands.
        """
        return centre_listing(self._ctx.now(), kind, sort, descending)

    def count_due(self) -> int:
        """How many reminders want attention now (the badge)."""
        return count_due(self._ctx.now())

    def get(self, reminder_id: int) -> ReminderRow:
        return row_of(self._get(reminder_id), self._ctx.now())

    def _get(self, reminder_id: int) -> Reminder:
        reminder = Reminder.get_or_none(Reminder.id == reminder_id)
        if reminder is None:
            raise NotFoundError("找不到这条提醒，可能已经处理或被删除")
        return reminder

    def _active(self, reminder_id: int) -> Reminder:
        reminder = self._get(reminder_id)
        if reminder.state not in (s.value for s in ACTIVE_STATES):
            raise DomainError(f"这条提醒已经{State(reminder.state).label}，不用再处理")
        return reminder

    # -- acting on one --------------------------------------------------------------------------------

    def snooze(self, reminder_id: int, option: Snooze) -> datetime:
        """Push a reminder back; it never comes back inside meal times. Returns when it will."""
        with self._ctx.change("推迟提醒", "reminder") as entry:
            reminder = self._active(reminder_id)
            contact = None
            if reminder.customer_id is not None:
                customer = Customer.get_or_none(Customer.id == reminder.customer_id)
                if customer is not None:
                    contact = (customer.contact_start, customer.contact_end)
            until = snooze_until(option, self._ctx.now(), contact, Kind(reminder.kind) in CUSTOMER_CALL_KINDS)
            Reminder.update(state=State.SNOOZED.value, wake_at=until).where(
                Reminder.id == reminder.id
            ).execute()
            entry.entity_id = reminder.id
            entry.detail = {"提醒": reminder.title, "推迟到": f"{until:%m-%d %H:%M}"}
        return until

    def done(self, reminder_id: int) -> None:
        with self._ctx.change("完成提醒", "reminder") as entry:
            reminder = self._active(reminder_id)
            self._close(reminder, State.DONE, "")
            entry.entity_id = reminder.id
            entry.detail = {"提醒": reminder.title}

    def dismiss(self, reminder_id: int, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "请写下为什么忽略这条提醒"})
        if len(reason) > DISMISS_REASON_MAX:
            raise ValidationError({"reason": f"原因最多 {DISMISS_REASON_MAX} 字"})
        with self._ctx.change("忽略提醒", "reminder") as entry:
            reminder = self._active(reminder_id)
            self._close(reminder, State.DISMISSED, reason)
            entry.entity_id = reminder.id
            entry.detail = {"提醒": reminder.title, "原因": reason}

    def complete_due_for(self, subject: str, subject_id: int) -> None:
        """Inside a change: someone acted on the subject, so its reminders already due are done."""
        now = self._ctx.now()
        Reminder.update(state=State.DONE.value, closed_at=now, closed_by=self._ctx.on_duty_name).where(
            Reminder.subject == subject,
            Reminder.subject_id == subject_id,
            Reminder.state.in_([s.value for s in ACTIVE_STATES]),
            Reminder.wake_at <= now,
        ).execute()

    def _close(self, reminder: Reminder, state: State, reason: str) -> None:
        Reminder.update(
            state=state.value,
            closed_at=self._ctx.now(),
            closed_by=self._ctx.on_duty_name,
            reason=reason,
        ).where(Reminder.id == reminder.id).execute()
