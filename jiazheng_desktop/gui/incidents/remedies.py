"""Remedy amounts as typed in the 行动 form (the service checks them again)."""

from __future__ import annotations

from ...domain.incidents import RemedyDraft
from ...domain.money import parse_yuan
from ...services.incident_views import IncidentView


def remedy_amounts(drafts: list[RemedyDraft]) -> list[int]:
    """The amounts that parse, in fen (the service reports the ones that do not)."""
    fen: list[int] = []
    for draft in drafts:
        if draft.amount_text.strip():
            try:
                fen.append(parse_yuan(draft.amount_text))
            except ValueError:
                continue
    return fen


def same_remedies(drafts: list[RemedyDraft], view: IncidentView) -> bool:
    """True when the typed remedies are the ones already recorded (a correction need not re-approve)."""
    try:
        typed = [
            (
                d.kind,
                parse_yuan(d.amount_text) if d.amount_text.strip() else 0,
                d.note.strip(),
                d.uses,
                d.visit_at,
            )
            for d in drafts
        ]
    except ValueError:
        return False
    return typed == [(r.kind.value, r.amount_fen, r.note, r.uses, r.visit_at) for r in view.remedies]
