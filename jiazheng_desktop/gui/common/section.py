"""The page contract: what every section page offers the window, and how a page reaches other sections.

The window holds pages only as ``SectionPage``; it never probes them for methods or reaches into
their widgets. A page reaches another section only through a ``Navigation`` (the window's navigator)
and hears of changes made anywhere through ``notice_changes``.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ...services.changes import ChangeKind, Changes


class SectionPage(QWidget):
    """One section of the window (客户, 投诉事件 …).

    A subclass sets ``watches`` to the kinds of thing it shows and implements ``refresh``; the rest
    has a sensible default. The window hands every change notice to every built page: one of a
    watched kind refreshes the page at once when it is the page showing, otherwise when it is next
    shown.
    """

    watches: ClassVar[frozenset[ChangeKind]] = frozenset()
    """The kinds of thing this page shows: their change notices refresh it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = False

    # -- the contract ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read again what the page shows, keeping its filters, selection and anything typed."""
        raise NotImplementedError

    def restore_state(self, settings: QSettings) -> bool:
        """Put back the layout saved by ``save_state`` (splitters, columns, filters); False if none was."""
        return False

    def save_state(self, settings: QSettings) -> None:
        """Remember the layout for the next start."""

    def create_new(self) -> bool:
        """Ctrl+N on this page: start a new item; False when the page has nothing to create."""
        return False

    def confirm_discard(self) -> bool:
        """Whether the page may be left (or the window closed); asks when something typed is unsaved."""
        return True

    def show_item(self, item_id: int, intent: str = "") -> bool:
        """Show (select) one item of this section by id, widening the filter if it hides it.

        ``intent`` names what to do with it once shown (e.g. ``"callback"``). False when it
        cannot be shown (gone, or this section shows no items by id).
        """
        return False

    def current_customer_id(self) -> int | None:
        """The customer this page is about just now (Ctrl+I reports a complaint for them), if any."""
        return None

    def show_topic(self, topic: str) -> bool:
        """Show the items of one topic (e.g. a script scenario); False when there is no such topic."""
        return False

    # -- change notices ----------------------------------------------------------------------------

    def notice_changes(self, changes: Changes, *, showing: bool) -> None:
        """A committed change somewhere: refresh now if it touches the page ``showing``, else when shown."""
        if not changes.touches(self.watches):
            return
        if showing:
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def refresh_if_stale(self) -> None:
        """Coming back to the page: catch up with what changed while it was hidden."""
        if self._stale:
            self._stale = False
            self.refresh()

    @property
    def stale(self) -> bool:
        """Something it shows changed while it was hidden."""
        return self._stale


class Navigation(Protocol):
    """Going to a thing in another section, as pages may ask for it (the window's navigator)."""

    def open_customer(self, customer_id: int) -> None: ...

    def open_incident(self, incident_id: int) -> bool: ...

    def open_callback(self, incident_id: int) -> bool: ...

    def open_contract(self, contract_id: int) -> bool: ...

    def open_voucher(self, voucher_id: int) -> bool: ...

    def open_marketing_list(self) -> bool: ...

    def open_festival_campaign(self, festival_key: str) -> bool: ...

    def open_scripts(self, scenario: str) -> bool: ...

    def open_reports(self) -> None: ...

    def record_inquiry(self) -> None: ...

    def record_survey(self, customer_id: int, service_record_id: int | None = None) -> None: ...
