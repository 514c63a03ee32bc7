"""Change notices: what a committed use case changed, by kind and id (the light form of Anki's ``OpChanges``).

A use case does not say which screens to refresh; it says what it changed ("voucher 7, customer 42,
some reminders"). Whoever shows that kind of thing decides for itself whether to read it again. The same
notices will later carry changes made on another PC of the office.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    """The kinds of thing a use case changes (ids are the rows' own)."""

    CUSTOMER = "customer"
    SERVICE_RECORD = "service_record"
    INCIDENT = "incident"
    VOUCHER = "voucher"
    CONTRACT = "contract"
    REMINDER = "reminder"
    WORKER = "worker"
    STAFF = "staff"
    SCRIPT = "script_template"
    SETTINGS = "setting"
    CAMPAIGN = "campaign"


ENTITY_KINDS: Mapping[str, ChangeKind] = {
    **{kind.value: kind for kind in ChangeKind},
    "referral_reward": ChangeKind.VOUCHER,
    "referral_commission": ChangeKind.CUSTOMER,  # its entity id is the referrer's: their profile changed
}
"""The ``entity`` of an audit row, as the kind of thing it changed."""


@dataclass(frozen=True)
class Changes:
    """What one committed change (or several, merged) touched: for each kind, the ids known.

    An empty id set means "some of this kind, ids not known" (e.g. the reminders of a whole calendar).
    """

    ids: Mapping[ChangeKind, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, kind: ChangeKind, ids: Iterable[int] = ()) -> Changes:
        return cls({kind: frozenset(ids)})

    def __bool__(self) -> bool:
        return bool(self.ids)

    def touches(self, kinds: Iterable[ChangeKind]) -> bool:
        """Whether anything of ``kinds`` changed."""
        return any(kind in self.ids for kind in kinds)

    def ids_of(self, kind: ChangeKind) -> frozenset[int]:
        return self.ids.get(kind, frozenset())


class ChangeCollector:
    """The changes of the transaction in progress, gathered until it commits."""

    def __init__(self) -> None:
        self._ids: dict[ChangeKind, set[int]] = {}

    def add(self, kind: ChangeKind, *ids: int | None) -> None:
        known = self._ids.setdefault(kind, set())
        known.update(int(i) for i in ids if i is not None)

    def changes(self) -> Changes:
        return Changes({kind: frozenset(ids) for kind, ids in self._ids.items()})
